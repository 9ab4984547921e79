import type { IsoDate } from '../knowledge/types.js';
import type { AnalyzedCluster, ClusterUpdate, Problem, Setting, Severity, SourceRange } from '../model/index.js';

export type { AnalyzedCluster, PoolSubnets } from '../model/index.js';
import { DOCS_BASE_URL } from '../version.js';

/** A rule's identity and words. The docs URL is derived from the id so the two can't drift. */
export interface RuleMeta<MessageId extends string = string> {
  /** Stable kebab-case id: config, suppressions and docs URLs use it. */
  id: string;
  /** One sentence. */
  description: string;
  defaultSeverity: Severity;
  /** Message templates by id; `{{name}}` placeholders are filled from the report's data. */
  messages: Record<MessageId, string>;
  /**
   * Messages whose severity differs from the rule's default (e.g. a removed setting that certainly fails
   * with the provider version in use). A severity set in the configuration still wins.
   */
  messageSeverity?: Partial<Record<MessageId, Severity>>;
}

export interface ReportDescriptor<MessageId extends string = string> {
  messageId: MessageId;
  range: SourceRange;
  data?: Record<string, string | number>;
  /** Distinguishes several findings of one rule and message on one cluster (e.g. a pool name). */
  key?: string;
  suggestion?: { range: SourceRange; replacement: string };
  /**
   * The settings whose values decide the finding. The engine turns their lines and the lines their values
   * came through (`via`: tfvars, variable defaults, locals, parameters, module arguments, shell variables)
   * into the finding's `related` locations, so that a pull request changing any of them is seen to change it.
   */
  decidedBy?: readonly (Setting<unknown> | undefined)[];
}

export interface RuleContext<MessageId extends string = string> {
  /** The date the analysis treats as today (injectable for tests and `--today`). */
  today: IsoDate;
  report(descriptor: ReportDescriptor<MessageId>): void;
  /** The text of a line of an analyzed file (1-based), for rules that suggest an edit of it. */
  sourceLine(file: string, line: number): string | undefined;
}

export interface Rule<MessageId extends string = string> {
  meta: RuleMeta<MessageId>;
  checkCluster?(analyzed: AnalyzedCluster, context: RuleContext<MessageId>): void;
  checkUpdate?(update: ClusterUpdate, context: RuleContext<MessageId>): void;
  checkProblem?(problem: Problem, context: RuleContext<MessageId>): void;
}

/** Identity at run time; it ties the message ids of `meta` to those a rule may report. */
export function createRule<MessageId extends string>(rule: Rule<MessageId>): Rule<MessageId> {
  return rule;
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

/** Fills `{{name}}` placeholders; an unknown placeholder is left as written (the rule tester rejects that). */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(?<name>[A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(data, name) ? String(data[name]) : whole,
  );
}
