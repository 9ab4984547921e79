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
  /**
   * The other lines that decide the finding: where its values come from (a tfvars line, a variable
   * default, a local, a parameter or parameters file, a module argument, a shell assignment) and the other
   * settings it compares. A change to any of them is a change to the finding. Not part of the fingerprint.
   */
  related?: RelatedLocation[];
  /** A safe replacement for the lines in `range`, when the fix is mechanical. */
  suggestion?: { range: SourceRange; replacement: string };
  /** Set when an inline `netguide-ignore` comment covers the finding: still reported, never fails a run. */
  suppressed?: Suppression;
}

/** A line that decides a finding without being the line it is about. */
export interface RelatedLocation {
  range: SourceRange;
  /** What this line contributes, e.g. `terraform.tfvars sets var.network_plugin = "kubenet" (terraform.tfvars:1)`. */
  message: string;
  /** How the finding's line reads the value from here, e.g. `var.network_plugin`; absent for a setting's own line. */
  readThrough?: string;
}

export interface Suppression {
  reason: string;
  /** The suppression lapses after this date (YYYY-MM-DD). */
  until?: string;
  /** The line of the comment. */
  line: number;
}

/**
 * Something a format could not read; never an exception. A file that does not parse (`parse-error`) or
 * does not decode as UTF-8 (`encoding`) becomes a `parse-error` finding; a file that was not looked at
 * (binary, too large, unreadable, nested too deep to parse safely) becomes a `not-analyzed` finding.
 */
export interface Problem {
  kind: 'parse-error' | 'encoding' | NotAnalyzedKind;
  range: SourceRange;
  message: string;
  /** For a file that was not analyzed: whether a cheap scan of its bytes saw AKS resource names. */
  aksMarkers?: boolean;
}

/** Why a file a format claims was not analyzed at all. */
export type NotAnalyzedKind = 'binary' | 'too-large' | 'unreadable' | 'too-deep';

const SEVERITY_RANK: Record<Severity, number> = { notice: 1, warning: 2, error: 3 };

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}
