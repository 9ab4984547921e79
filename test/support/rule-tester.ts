import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/analyze.js';
import type { AnalyzeInput } from '../../src/engine/analyze.js';
import { defaultConfig } from '../../src/engine/config.js';
import type { Finding } from '../../src/model/index.js';
import type { Rule } from '../../src/rules/index.js';

export interface RuleCase {
  name: string;
  /** Path -> text. Every file is a target; formats pick their own. */
  files: Record<string, string>;
  /** For rules about a change: the files before it (a pull request's base). */
  base?: Record<string, string>;
  today?: string;
}

export interface InvalidRuleCase extends RuleCase {
  /** Expected findings of this rule, in file/line order. */
  errors: { messageId: string; line: number; file?: string; endLine?: number; message?: RegExp }[];
}

export interface RuleCases {
  valid: RuleCase[];
  invalid: InvalidRuleCase[];
}

const DEFAULT_TODAY = '2026-11-27';

export async function findingsOf(rule: Rule, testCase: RuleCase): Promise<Finding[]> {
  const toInput = (record: Record<string, string>) =>
    Object.entries(record).map(([path, content]) => ({ path, content }));
  const input: AnalyzeInput = { files: toInput(testCase.files) };
  if (testCase.base !== undefined) input.base = { files: toInput(testCase.base) };
  const report = await analyze(input, defaultConfig(testCase.today ?? DEFAULT_TODAY), { rules: [rule] });
  return report.findings;
}

/**
 * Table tests for one rule, in the manner of ESLint's RuleTester: a valid case must produce no finding of
 * the rule; an invalid case must produce exactly the listed ones. An invalid case listing no error is a
 * mistake in the test, and is rejected.
 */
export function testRule(rule: Rule, cases: RuleCases): void {
  describe(rule.meta.id, () => {
    if (cases.valid.length > 0) {
      it.each(cases.valid)('valid: $name', async (testCase) => {
        expect(await findingsOf(rule, testCase)).toEqual([]);
      });
    }
    it.each(cases.invalid)('invalid: $name', async (testCase) => {
      expect(testCase.errors.length, 'an invalid case must expect at least one finding').toBeGreaterThan(0);
      const findings = await findingsOf(rule, testCase);
      expect(findings.map((f) => ({ messageId: f.messageId, line: f.range.startLine }))).toEqual(
        testCase.errors.map((e) => ({ messageId: e.messageId, line: e.line })),
      );
      for (const [index, expected] of testCase.errors.entries()) {
        const finding = findings[index];
        expect(finding).toBeDefined();
        if (finding === undefined) continue;
        expect(Object.keys(rule.meta.messages)).toContain(finding.messageId);
        expect(finding.message, 'every placeholder is filled').not.toMatch(/\{\{/);
        expect(finding.severity).toBe(rule.meta.messageSeverity?.[finding.messageId] ?? rule.meta.defaultSeverity);
        if (expected.file !== undefined) expect(finding.range.file).toBe(expected.file);
        if (expected.endLine !== undefined) expect(finding.range.endLine).toBe(expected.endLine);
        if (expected.message !== undefined) expect(finding.message).toMatch(expected.message);
      }
    });
  });
}
