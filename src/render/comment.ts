import type { Finding, RelatedLocation, Severity } from '../model/index.js';
import { escapeMessage, inlineCode } from './escape.js';

const ICON: Record<Severity, string> = { error: '🛑', warning: '⚠️', notice: 'ℹ️' };
const FINGERPRINT_MARKER = /^<!-- aks-netguide:fp=(?<fingerprint>[0-9a-f]{8,64}) -->$/;

/** The hidden line that ties an inline comment to its finding, so a re-run never posts it twice. */
export function fingerprintMarker(fingerprint: string): string {
  return `<!-- aks-netguide:fp=${fingerprint} -->`;
}

/**
 * The body's last line, where our markers go and the only place one is accepted: repository content
 * quoted higher up in the body (a value, a suggestion) can never pass for one.
 */
export function finalLine(body: string): string {
  const trimmed = body.trimEnd();
  return trimmed.slice(trimmed.lastIndexOf('\n') + 1);
}

/** Whether the body ends with exactly this marker line. */
export function endsWithMarker(body: string, marker: string): boolean {
  return finalLine(body) === marker;
}

export function fingerprintOf(body: string): string | undefined {
  return FINGERPRINT_MARKER.exec(finalLine(body))?.groups?.fingerprint;
}

const ANY_MARKER = /<!--\s*aks-netguide:/i;

/**
 * An inline review comment: what was found (the message says why it matters and the fix), the rule and
 * its docs, and a GitHub suggestion when the fix is a safe edit of exactly the commented lines.
 */
export function renderInlineComment(
  finding: Finding,
  options: { suggestion: boolean; decides?: RelatedLocation },
): string {
  const lines = [
    `${ICON[finding.severity]} **${finding.severity}** · [${finding.ruleId}](${finding.helpUri})`,
    '',
    escapeMessage(finding.message),
  ];
  if (options.decides !== undefined) lines.push('', decidesLine(finding, options.decides));
  // A suggestion is repository text, posted verbatim: one that carries something like our marker is left out.
  if (options.suggestion && finding.suggestion !== undefined && !ANY_MARKER.test(finding.suggestion.replacement)) {
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(finding.suggestion.replacement) + 1));
    lines.push('', `${fence}suggestion`, finding.suggestion.replacement, fence);
  }
  lines.push('', fingerprintMarker(finding.fingerprint));
  return lines.join('\n');
}

/** On a line that decides a finding elsewhere (a tfvars line, a parameter default): which line uses it. */
function decidesLine(finding: Finding, decides: RelatedLocation): string {
  const where = inlineCode(`${finding.range.file}:${finding.range.startLine}`, 120);
  return decides.readThrough === undefined
    ? `This line decides the finding at ${where}.`
    : `This line decides it: ${where} reads it through ${inlineCode(decides.readThrough, 120)}.`;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return longest;
}
