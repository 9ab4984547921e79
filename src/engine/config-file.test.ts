import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config-file.js';
import { CONFIG_SCHEMA } from './config-schema.js';

describe('parseConfig', () => {
  it('accepts an empty file with the defaults', () => {
    const result = parseConfig('', '2026-11-27');
    expect(result.ok && result.config.analyze).toEqual({
      today: '2026-11-27',
      rules: {},
      maxFileBytes: 8 * 1024 * 1024,
      documentationSeverity: 'notice',
    });
  });

  it('reads rules, paths, documentation, fail-on and today', () => {
    const result = parseConfig(
      'rules:\n  kubenet-retirement: warning\n  unresolved-setting: "off"\npaths:\n  include: ["infra/**"]\n  exclude: ["infra/legacy/**"]\ndocumentation: warning\nfail-on: warning\ntoday: 2027-01-01\n',
      '2026-11-27',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.analyze.rules).toEqual({ 'kubenet-retirement': 'warning', 'unresolved-setting': 'off' });
    expect(result.config.analyze.today).toBe('2027-01-01');
    expect(result.config.analyze.documentationSeverity).toBe('warning');
    expect(result.config.failOn).toBe('warning');
    expect(['infra/main.tf', 'infra/legacy/old.tf', 'docs/a.md'].map((p) => result.config.includes(p))).toEqual([
      true,
      false,
      false,
    ]);
  });

  it.each([
    { text: 'rules:\n  kubenet-retirment: warning\n', error: /^rules\.kubenet-retirment: no such rule/ },
    {
      text: 'rules:\n  kubenet-retirement: fatal\n',
      error: /^rules\.kubenet-retirement: must be one of error, warning, notice, off$/,
    },
    { text: 'rulez: {}\n', error: /^rulez: unknown key$/ },
    { text: 'paths:\n  includes: ["a"]\n', error: /^paths\.includes: unknown key$/ },
    { text: 'fail-on: sometimes\n', error: /^fail-on: must be one of error, warning, notice, never$/ },
    { text: 'today: 2026-02-30\n', error: /^today: "2026-02-30" is not a real date$/ },
    {
      text: 'dashboard:\n  organization-repository: not a repo\n',
      error: /^dashboard\.organization-repository: must match pattern/,
    },
    { text: 'dashboard:\n  org: a/b\n', error: /^dashboard\.org: unknown key$/ },
    { text: 'rules: [a\n', error: /^YAML: / },
  ])('names the offending key: $text', ({ text, error }) => {
    const result = parseConfig(text, '2026-11-27');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(
      result.errors.some((e) => error.test(e)),
      result.errors.join('\n'),
    ).toBe(true);
  });

  it('reports every error at once: the schema, an unknown rule and an impossible date together', () => {
    // Arrange
    const text =
      'rulez: {}\nfail-on: sometimes\nrules:\n  kubenet-retirment: warning\n  legacy-node-subnet: fatal\ntoday: 2026-02-30\n';

    // Act
    const result = parseConfig(text, '2026-11-27');

    // Assert
    const errors = result.ok ? [] : result.errors.map((error) => error.replace(/ \(known: .*\)$/, ''));
    expect([...errors].sort()).toEqual([
      'fail-on: must be one of error, warning, notice, never',
      'rules.kubenet-retirment: no such rule',
      'rules.legacy-node-subnet: must be one of error, warning, notice, off',
      'rulez: unknown key',
      'today: "2026-02-30" is not a real date',
    ]);
  });

  it('reads the organisation dashboard repository', () => {
    const result = parseConfig('dashboard:\n  organization-repository: contoso/platform\n', '2026-12-05');

    expect(result.ok && result.config.dashboard).toEqual({ 'organization-repository': 'contoso/platform' });
  });

  it('the published JSON Schema is the engine schema', () => {
    const published = JSON.parse(
      readFileSync(new URL('../../schema/netguide.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(published).toEqual(JSON.parse(JSON.stringify(CONFIG_SCHEMA)));
  });
});
