import type { Finding } from '../model/index.js';
import { severityRank } from '../model/index.js';
import type { FailOn } from './config.js';

/**
 * The `fail-on` gate, decided in one place for the CLI's exit status, the Action's job and the App's check:
 * a finding gates when it is not suppressed and at least as severe as `failOn`; `never` never gates.
 * Which findings are *eligible* (new in a pull request, in the filter's scope) is the caller's question.
 */
export function gates(finding: Finding, failOn: FailOn): boolean {
  if (failOn === 'never' || finding.suppressed !== undefined) return false;
  return severityRank(finding.severity) >= severityRank(failOn);
}

export function gatingFindings(findings: readonly Finding[], failOn: FailOn): Finding[] {
  return findings.filter((finding) => gates(finding, failOn));
}
