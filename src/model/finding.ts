import type { SourceRange } from './source.js';

export type Severity = 'error' | 'warning' | 'notice';

/** A diagnostic, shaped like reviewdog's: what, where, how bad, and where to read more. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  messageId: string;
  message: string;
  range: SourceRange;
  helpUri: string;
  /** The cluster the finding is about, when it is about one. */
  clusterId?: string;
  /** Stable across unrelated edits: rule, file, cluster and message id, not line numbers. */
  fingerprint: string;
  /** A safe replacement for the lines in `range`, when the fix is mechanical. */
  suggestion?: { range: SourceRange; replacement: string };
  /** Set when an inline `netguide-ignore` comment covers the finding: still reported, never fails a run. */
  suppressed?: Suppression;
}

export interface Suppression {
  reason: string;
  /** The suppression lapses after this date (YYYY-MM-DD). */
  until?: string;
  /** The line of the comment. */
  line: number;
}

/** Something a format could not read. Becomes a `parse-error` finding; never an exception. */
export interface Problem {
  kind: 'parse-error' | 'binary' | 'too-large' | 'encoding';
  range: SourceRange;
  message: string;
}

const SEVERITY_RANK: Record<Severity, number> = { notice: 1, warning: 2, error: 3 };

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}
