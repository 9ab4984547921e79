import { kubenetRetirement } from './kubenet-retirement.js';
import { parseError } from './parse-error.js';
import type { Rule } from './rule.js';
import { unresolvedSetting } from './unresolved-setting.js';

/** Every rule, sorted by id. A test keeps this list, the files in this folder and `docs/rules/` equal. */
export const RULES: readonly Rule[] = [kubenetRetirement, parseError, unresolvedSetting];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}

export type { AnalyzedCluster, PoolSubnets, Rule, RuleContext, RuleMeta, ReportDescriptor } from './rule.js';
export { createRule, docsUrl, formatMessage } from './rule.js';
