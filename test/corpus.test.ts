import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/engine/analyze.js';
import { defaultConfig } from '../src/engine/config.js';

/**
 * Cross-format parity: in each scenario folder the same cluster is written in every format. Every file must
 * yield the same network model and the same rule ids; a format that disagrees with the others has a bug.
 */
const corpus = new URL('corpus/', import.meta.url);
const scenarios = readdirSync(corpus, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

interface Scenario {
  model: string;
  rules: string[];
}

const cases = scenarios.flatMap((scenario) => {
  const dir = new URL(`${scenario}/`, corpus);
  const expected = JSON.parse(readFileSync(new URL('scenario.json', dir), 'utf8')) as Scenario;
  return readdirSync(dir)
    .filter((name) => name !== 'scenario.json')
    .sort()
    .map((name) => ({ scenario, name, expected, text: readFileSync(new URL(name, dir), 'utf8') }));
});

describe('cross-format parity', () => {
  it('has every scenario the product promises', () => {
    expect(scenarios).toEqual([
      'kubenet',
      'node-subnet-npm',
      'nothing-specified',
      'overlay-cilium',
      'pod-subnet',
      'variable-default',
    ]);
  });

  it.each(cases)('$scenario/$name', async ({ scenario, name, expected, text }) => {
    const path = `${scenario}/${name}`;
    const report = await analyze({ files: [{ path, content: text }] }, defaultConfig('2026-11-27'));
    expect(
      report.files.map((file) => file.path),
      'some format reads the file',
    ).toEqual([path]);
    expect(report.clusters.map((c) => c.classification.model)).toEqual([expected.model]);
    expect([...new Set(report.findings.map((f) => f.ruleId))].sort()).toEqual(expected.rules);
  });
});
