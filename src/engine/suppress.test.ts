import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/index.js';
import { createFileSet } from './files.js';
import { applySuppressions, parseSuppression } from './suppress.js';

function finding(line: number, ruleId = 'kubenet-retirement'): Finding {
  return {
    ruleId,
    severity: 'error',
    messageId: 'kubenet',
    message: 'kubenet',
    range: { file: 'main.tf', startLine: line, endLine: line },
    helpUri: 'https://example.test',
    fingerprint: 'f',
  };
}

describe('parseSuppression', () => {
  it.each([
    {
      text: '# netguide-ignore kubenet-retirement -- migrating in Q3',
      rules: ['kubenet-retirement'],
      reason: 'migrating in Q3',
      until: undefined,
    },
    {
      text: '  // netguide-ignore a-b, c-d -- shared reason',
      rules: ['a-b', 'c-d'],
      reason: 'shared reason',
      until: undefined,
    },
    {
      text: '/* netguide-ignore kubenet-retirement until=2027-06-30 -- ticket OPS-12 */',
      rules: ['kubenet-retirement'],
      reason: 'ticket OPS-12',
      until: '2027-06-30',
    },
    {
      text: '<!-- netguide-ignore kubenet-retirement -- docs sample until=2027-01-01 -->',
      rules: ['kubenet-retirement'],
      reason: 'docs sample',
      until: '2027-01-01',
    },
    { text: '# netguide-ignore kubenet-retirement --', rules: ['kubenet-retirement'], reason: '', until: undefined },
  ])('$text', ({ text, rules, reason, until }) => {
    const parsed = parseSuppression(text, 3);
    expect(parsed?.rules).toEqual(rules);
    expect(parsed?.suppression.reason).toBe(reason);
    expect(parsed?.suppression.until).toBe(until);
  });

  it('needs the -- separator', () => {
    expect(parseSuppression('# netguide-ignore kubenet-retirement because', 1)).toBeUndefined();
  });
});

describe('applySuppressions', () => {
  const text = [
    'resource "x" "y" {', // 1
    '  # netguide-ignore kubenet-retirement -- migration booked for Q3', // 2
    '  network_plugin = "kubenet"', // 3
    '  a = 1 # netguide-ignore kubenet-retirement until=2026-01-01 -- expired', // 4
    '  # netguide-ignore kubenet-retirement --', // 5
    '  b = 2', // 6
    '  # netguide-ignore other-rule -- not this rule', // 7
    '  c = 3', // 8
    '  # netguide-ignore kubenet-retirement migration booked', // 9
    '  d = 4', // 10
  ].join('\n');
  const files = createFileSet([{ path: 'main.tf', text }]);

  it.each([
    { line: 3, suppressed: true, note: undefined },
    { line: 2, suppressed: true, note: undefined },
    { line: 4, suppressed: false, note: /expired on 2026-01-01/ },
    {
      line: 6,
      suppressed: false,
      note: /has no reason after "--", so it does not apply; write it as "netguide-ignore kubenet-retirement -- <reason>"/,
    },
    {
      line: 10,
      suppressed: false,
      note: /line 9 gives no reason \(no " -- "\), so it does not apply; write it as "netguide-ignore kubenet-retirement -- <reason>" \(optionally "until=YYYY-MM-DD" before the " -- "\)/,
    },
    { line: 8, suppressed: false, note: undefined },
    { line: 1, suppressed: false, note: undefined },
  ])('line $line', ({ line, suppressed, note }) => {
    const subject = finding(line);
    const notes = applySuppressions([subject], files, '2026-11-27');
    expect(subject.suppressed !== undefined).toBe(suppressed);
    if (note === undefined) expect(notes).toEqual([]);
    else expect(notes[0]?.problem).toMatch(note);
  });
});
