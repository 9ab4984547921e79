import type { IsoDate } from '../knowledge/types.js';
import type { Severity } from '../model/index.js';

export type FailOn = Severity | 'never';
export type RuleSetting = Severity | 'off';

export interface AnalyzeConfig {
  /** The date treated as today: retirement countdowns are computed from it. */
  today: IsoDate;
  /** Per-rule severity overrides, or `off`. */
  rules: Record<string, RuleSetting>;
  /** Files larger than this are reported, not parsed. */
  maxFileBytes: number;
  /** The highest severity a finding on a cluster defined only in documentation can have, or `off`. */
  documentationSeverity: RuleSetting;
}

/** 8 MiB: far above any hand-written IaC file, low enough that one stray artifact can't eat the run. */
export const DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024;

export function defaultConfig(today: IsoDate): AnalyzeConfig {
  return { today, rules: {}, maxFileBytes: DEFAULT_MAX_FILE_BYTES, documentationSeverity: 'notice' };
}

const ISO_DATE = /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (match?.groups === undefined) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Today's date in UTC, as the default for `today`. */
export function todayUtc(now: Date = new Date()): IsoDate {
  return now.toISOString().slice(0, 10);
}
