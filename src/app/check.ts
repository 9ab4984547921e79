import type { CheckAnnotation, GitHubPort, RepoRef } from '../github/port.js';
import type { ReviewOutcome } from '../github/review.js';
import type { Finding, Severity } from '../model/index.js';

/** The check run's name: what a branch protection rule requires. */
export const CHECK_NAME = 'aks-netguide';
/**
 * GitHub takes at most 50 annotations per create or update request; more go in further PATCHes
 * (https://docs.github.com/en/rest/checks/runs#update-a-check-run, `output.annotations` maxItems 50).
 */
export const ANNOTATIONS_PER_REQUEST = 50;
/** `output.summary` maxLength in the same operation: 65,535 characters. */
export const CHECK_SUMMARY_LIMIT = 65_535;

export type CheckConclusion = 'success' | 'failure' | 'neutral';

/** What a finished check run shows. */
export interface CheckResult {
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
}

const LEVELS: Record<Severity, CheckAnnotation['level']> = { error: 'failure', warning: 'warning', notice: 'notice' };

/**
 * The verdict of a review: `failure` when a new finding is at or above `fail-on`, `neutral` when there
 * are new findings below it (shown, not blocking), `success` otherwise, also when no AKS file changed.
 */
export function checkResultOf(outcome: ReviewOutcome): CheckResult {
  const fresh = outcome.findings
    .filter((entry) => entry.status === 'new' && entry.finding.suppressed === undefined)
    .map((entry) => entry.finding);
  const conclusion: CheckConclusion =
    outcome.conclusion === 'failure' ? 'failure' : fresh.length > 0 ? 'neutral' : 'success';
  return {
    conclusion,
    title: titleOf(outcome, fresh),
    summary: fitSummary(outcome.summary),
    annotations: fresh.map(annotationOf),
  };
}

function titleOf(outcome: ReviewOutcome, fresh: readonly Finding[]): string {
  if (fresh.length === 0) {
    return outcome.report.clusters.length === 0 && outcome.findings.length === 0 ? 'No AKS changes' : 'No new findings';
  }
  const counts = (['error', 'warning', 'notice'] as const)
    .map((severity) => ({ severity, count: fresh.filter((finding) => finding.severity === severity).length }))
    .filter((entry) => entry.count > 0)
    .map((entry) => plural(entry.count, entry.severity));
  return `${plural(fresh.length, 'new finding')} (${counts.join(', ')})`;
}

function annotationOf(finding: Finding): CheckAnnotation {
  return {
    path: finding.range.file,
    startLine: finding.range.startLine,
    endLine: finding.range.endLine,
    level: LEVELS[finding.severity],
    message: `${finding.message}\n\n${finding.helpUri}`,
    title: `aks-netguide ${finding.ruleId}`,
  };
}

/** An invalid `.github/netguide.yml`: the check fails and says which key is wrong. */
export function configErrorResult(errors: readonly string[]): CheckResult {
  return {
    conclusion: 'failure',
    title: 'Invalid configuration',
    summary: fitSummary(
      `\`.github/netguide.yml\` (read from the default branch) is not a valid configuration, so nothing was analyzed:\n\n${errors.map((error) => `- ${error}`).join('\n')}\n`,
    ),
    annotations: [],
  };
}

/**
 * The analysis itself failed. A gate that could not look does not pass: `failure`, with the error, and
 * "Re-run" (or `/netguide recheck`) tries again.
 */
export function errorResult(error: unknown): CheckResult {
  const message = error instanceof Error ? error.message : String(error);
  return {
    conclusion: 'failure',
    title: 'The analysis failed',
    summary: fitSummary(
      `aks-netguide could not finish the review:\n\n\`\`\`\n${message.replaceAll('```', "'''")}\n\`\`\`\n\nRe-run the check, or comment \`/netguide recheck\`.\n`,
    ),
    annotations: [],
  };
}

/** The pull request moved on while we analyzed: a newer run reports. */
export function supersededResult(sha: string): CheckResult {
  return {
    conclusion: 'neutral',
    title: `Superseded by ${sha.slice(0, 7)}`,
    summary: `The pull request's head moved to ${sha} during the analysis; the check run on that commit has the result.\n`,
    annotations: [],
  };
}

/** Completes a check run: annotations in batches of 50, the conclusion with the last batch. */
export async function concludeCheck(port: GitHubPort, repo: RepoRef, id: number, result: CheckResult): Promise<void> {
  const batches: CheckAnnotation[][] = [];
  for (let start = 0; start < result.annotations.length; start += ANNOTATIONS_PER_REQUEST)
    batches.push(result.annotations.slice(start, start + ANNOTATIONS_PER_REQUEST));
  const output = { title: result.title, summary: result.summary };
  for (const batch of batches.slice(0, -1))
    await port.updateCheckRun(repo, id, { output: { ...output, annotations: batch } });
  const last = batches.at(-1);
  await port.updateCheckRun(repo, id, {
    status: 'completed',
    conclusion: result.conclusion,
    output: last === undefined ? output : { ...output, annotations: last },
  });
}

function fitSummary(summary: string): string {
  if (summary.length <= CHECK_SUMMARY_LIMIT) return summary;
  const note = "\n\n… (cut at GitHub's check run summary limit; the pull request comment has the full summary)\n";
  return `${summary.slice(0, CHECK_SUMMARY_LIMIT - note.length)}${note}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
