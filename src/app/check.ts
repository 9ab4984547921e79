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
/** `output.summary` (and `output.text`) maxLength in the same operation: 65,535 characters. */
export const CHECK_SUMMARY_LIMIT = 65_535;
/**
 * The annotations a check run shows: the most severe 50, sent with the conclusion in one request. More do
 * not help a reviewer and each further 50 would be another update (a 10,000-finding push made 200); the
 * rest are listed in the check's text.
 */
export const MAX_CHECK_ANNOTATIONS = ANNOTATIONS_PER_REQUEST;

export type CheckConclusion = 'success' | 'failure' | 'neutral';

/** What a finished check run shows. */
export interface CheckResult {
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
  /** The check output's text: the findings that did not fit in the annotations. */
  text?: string;
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
  const { shown, rest } = capAnnotations(fresh);
  return {
    conclusion,
    title: titleOf(outcome, fresh),
    summary: fitSummary(outcome.summary),
    annotations: shown.map(annotationOf),
    ...(rest.length === 0 ? {} : { text: restText(rest) }),
  };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/**
 * The findings worth an annotation: the most severe first, then by file, line and rule (the same order on
 * every run of the same findings), at most `limit`; the rest go to the text.
 */
export function capAnnotations(
  findings: readonly Finding[],
  limit = MAX_CHECK_ANNOTATIONS,
): { shown: Finding[]; rest: Finding[] } {
  const ordered = [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compareText(a.range.file, b.range.file) ||
      a.range.startLine - b.range.startLine ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.fingerprint, b.fingerprint),
  );
  return { shown: ordered.slice(0, limit), rest: ordered.slice(limit) };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The findings beyond the annotations, one line each, cut at GitHub's text limit. */
function restText(rest: readonly Finding[]): string {
  const counts = (['error', 'warning', 'notice'] as const)
    .map((severity) => ({ severity, count: rest.filter((finding) => finding.severity === severity).length }))
    .filter((entry) => entry.count > 0)
    .map((entry) => plural(entry.count, entry.severity));
  const head = `${plural(rest.length, 'more new finding')} (${counts.join(', ')}) beyond the ${MAX_CHECK_ANNOTATIONS} annotations (the most severe are annotated):\n\n`;
  const lines: string[] = [];
  let length = head.length;
  for (const [index, finding] of rest.entries()) {
    const line = `- ${finding.severity} \`${finding.ruleId}\` ${finding.range.file}:${finding.range.startLine}\n`;
    const more = `- … and ${rest.length - index} more (the pull request comment has them all)\n`;
    if (length + line.length + more.length > CHECK_SUMMARY_LIMIT) {
      lines.push(more);
      break;
    }
    lines.push(line);
    length += line.length;
  }
  return head + lines.join('');
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

/** The pull request moved on while we analyzed (or while the run waited in the queue): a newer run reports. */
export function supersededResult(sha: string, when: 'during' | 'queued' = 'during'): CheckResult {
  const moment = when === 'during' ? 'during the analysis' : 'before the analysis started';
  return {
    conclusion: 'neutral',
    title: `Superseded by ${sha.slice(0, 7)}`,
    summary: `The pull request's head moved to ${sha} ${moment}; the check run on that commit has the result.\n`,
    annotations: [],
  };
}

/** Completes a check run in one request: the conclusion, at most 50 annotations, the rest in the text. */
export async function concludeCheck(port: GitHubPort, repo: RepoRef, id: number, result: CheckResult): Promise<void> {
  const annotations = result.annotations.slice(0, MAX_CHECK_ANNOTATIONS);
  await port.updateCheckRun(repo, id, {
    status: 'completed',
    conclusion: result.conclusion,
    output: {
      title: result.title,
      summary: result.summary,
      ...(result.text === undefined ? {} : { text: result.text }),
      ...(annotations.length === 0 ? {} : { annotations }),
    },
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
