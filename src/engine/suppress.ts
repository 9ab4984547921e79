import type { Finding, FileSet, Suppression } from '../model/index.js';

/**
 * An inline suppression, on the finding's line or the line above, in any comment syntax:
 * `# netguide-ignore kubenet-retirement -- migrating in Q3 until=2027-06-30`. The reason after `--` is
 * required; `until=YYYY-MM-DD` (anywhere after the rule ids) makes it lapse. Several ids: comma-separated.
 */
const SUPPRESSION =
  /netguide-ignore[ \t]+(?<rules>[a-z0-9-]+(?:[ \t]*,[ \t]*[a-z0-9-]+)*)(?<options>(?:[ \t]+until=\d{4}-\d{2}-\d{2})?)[ \t]+--[ \t]*(?<reason>[^\r\n]*)/;
/** The same comment without the ` -- reason` part: not a suppression, but worth saying why. */
const WITHOUT_REASON = /netguide-ignore[ \t]+(?<rules>[a-z0-9-]+(?:[ \t]*,[ \t]*[a-z0-9-]+)*)(?<rest>[^\r\n]*)/;
const UNTIL = /until=(?<date>\d{4}-\d{2}-\d{2})/;
const COMMENT_TRAILERS = ['*/', '-->', '#>'];

export interface SuppressionNote {
  finding: Finding;
  /** Why a suppression comment did not apply (expired, no reason). */
  problem: string;
}

/**
 * Marks findings covered by a suppression comment. Returns the comments that were present but did not
 * apply, so the caller can say so instead of silently failing the run.
 */
export function applySuppressions(findings: Finding[], files: FileSet, today: string): SuppressionNote[] {
  const notes: SuppressionNote[] = [];
  const linesOf = (path: string) =>
    files.memo(`suppress:lines:${path}`, () => files.get(path)?.text.split(/\r?\n/) ?? []);
  for (const finding of findings) {
    const lines = linesOf(finding.range.file);
    for (const lineNumber of [finding.range.startLine, finding.range.startLine - 1]) {
      const text = lines[lineNumber - 1];
      if (text === undefined || !text.includes('netguide-ignore')) continue;
      const parsed = parseSuppression(text, lineNumber);
      if (parsed === undefined) {
        const rules = WITHOUT_REASON.exec(text)
          ?.groups?.rules?.split(',')
          .map((id) => id.trim());
        if (rules === undefined || !rules.includes(finding.ruleId)) continue;
        notes.push({ finding, problem: noReason(lineNumber, rules, 'gives no reason (no " -- ")') });
        break;
      }
      if (!parsed.rules.includes(finding.ruleId)) continue;
      if (parsed.suppression.reason === '') {
        notes.push({ finding, problem: noReason(lineNumber, parsed.rules, 'has no reason after "--"') });
        break;
      }
      if (parsed.suppression.until !== undefined && parsed.suppression.until < today) {
        notes.push({
          finding,
          problem: `the suppression on line ${lineNumber} expired on ${parsed.suppression.until}`,
        });
        break;
      }
      finding.suppressed = parsed.suppression;
      break;
    }
  }
  return notes;
}

function noReason(line: number, rules: string[], what: string): string {
  return (
    `the suppression on line ${line} ${what}, so it does not apply; write it as ` +
    `"netguide-ignore ${rules.join(',')} -- <reason>" (optionally "until=YYYY-MM-DD" before the " -- ")`
  );
}

export function parseSuppression(
  text: string,
  line: number,
): { rules: string[]; suppression: Suppression } | undefined {
  const match = SUPPRESSION.exec(text);
  if (match?.groups === undefined) return undefined;
  const { rules = '', options = '', reason = '' } = match.groups;
  const suppression: Suppression = { reason: withoutCommentTrailer(reason).trim(), line };
  const until = UNTIL.exec(options)?.groups?.date ?? UNTIL.exec(reason)?.groups?.date;
  if (until !== undefined) {
    suppression.until = until;
    suppression.reason = suppression.reason.replace(UNTIL, '').trim();
  }
  return { rules: rules.split(',').map((id) => id.trim()), suppression };
}

/**
 * The reason without a closing comment token (`*\/`, `-->`, `#>`) at its end. A loop, not a regex: an
 * unanchored `[ \t]*…[ \t]*$` backtracks quadratically on a long run of blanks (found by test/fuzz/redos).
 */
function withoutCommentTrailer(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  const trimmed = text.slice(0, end);
  const trailer = COMMENT_TRAILERS.find((token) => trimmed.endsWith(token));
  return trailer === undefined ? text : trimmed.slice(0, -trailer.length);
}
