import type { Report, StatusFinding } from '../model/index.js';

export type { FindingStatus, StatusFinding } from '../model/index.js';

/**
 * Compares the head's findings with the base's by fingerprint (rule, file, cluster, message id — no line
 * numbers, so moving code doesn't make a finding new). Without a base every finding is new.
 */
export function findingStatuses(report: Report): StatusFinding[] {
  const base = report.base?.findings ?? [];
  const baseKeys = new Set(base.map((finding) => finding.fingerprint));
  const headKeys = new Set(report.findings.map((finding) => finding.fingerprint));
  const result: StatusFinding[] = report.findings.map((finding) => ({
    finding,
    status: report.base !== undefined && baseKeys.has(finding.fingerprint) ? 'unchanged' : 'new',
  }));
  for (const finding of base) {
    if (!headKeys.has(finding.fingerprint)) result.push({ finding, status: 'fixed' });
  }
  return result;
}
