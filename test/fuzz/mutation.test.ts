import fc from 'fast-check';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/analyze.js';
import type { Report } from '../../src/engine/analyze.js';
import { findingStatuses } from '../../src/engine/compare.js';
import { defaultConfig } from '../../src/engine/config.js';
import { renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderSarif } from '../../src/render/sarif.js';
import { renderSummary } from '../../src/render/summary.js';
import { renderText } from '../../src/render/text.js';
import { FUZZ_SCALE, expectRangesInside, fuzzSeed } from './invariants.js';

/**
 * Mutation fuzzing seeded from every fixture and corpus file: seeded truncations, byte flips, duplicated and
 * deleted tokens and lines, and deep nesting go through `analyze` under the original path; the report keeps
 * the format contract and renders on every surface.
 */
const SEED = fuzzSeed('mutation');
const TODAY = '2026-01-15';
/** `npm test` mutates each seed file twice; `npm run fuzz` FUZZ_RUNS times as often. */
const MUTANTS_PER_FILE = 2 * FUZZ_SCALE;
const ROOT = new URL('../../', import.meta.url);

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  return (readdirSync(new URL(dir, ROOT), { recursive: true }) as string[])
    .map((name) => `${dir}${name.replaceAll('\\', '/')}`)
    .filter((path) => keep(path) && statSync(new URL(path, ROOT)).isFile())
    .sort();
}

const seeds = [
  ...filesUnder('src/formats/', (path) => path.includes('/__fixtures__/')),
  ...filesUnder('test/corpus/', (path) => !path.endsWith('scenario.json')),
].map((path) => ({ path, text: readFileSync(new URL(path, ROOT), 'utf8') }));

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'duplicate-line'; at: number; times: number }
  | { kind: 'delete-line'; at: number }
  | { kind: 'duplicate-token'; at: number; times: number }
  | { kind: 'delete-token'; at: number }
  | { kind: 'nest'; open: string; depth: number }
  | { kind: 'nest-at'; at: number; open: string; depth: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  position.map((at) => ({ kind: 'truncate' as const, at })),
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: position, times: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ kind: fc.constant('delete-line' as const), at: position }),
  fc.record({ kind: fc.constant('duplicate-token' as const), at: position, times: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('delete-token' as const), at: position }),
  fc.record({
    kind: fc.constant('nest' as const),
    open: fc.constantFrom('{', '[', '(', '- ', '  '),
    depth: fc.constantFrom(10, 500, 5_000),
  }),
  fc.record({
    kind: fc.constant('nest-at' as const),
    at: position,
    open: fc.constantFrom('{', '[', '{"a":', '[{', '(', '- '),
    depth: fc.constantFrom(50, 5_000),
  }),
);

const CLOSE: Record<string, string> = { '{': '}', '[': ']', '(': ')', '{"a":': '}', '[{': '}]', '- ': '', '  ': '' };

/** Applies a mutation to text (UTF-8 bytes for flips, so that invalid sequences happen). */
export function mutate(text: string, m: Mutation): string | Uint8Array {
  const lines = text.split('\n');
  const lineAt = (at: number): number => Math.floor(at * lines.length);
  const tokens = text.split(/(\s+|[{}[\](),:;="'])/);
  const tokenAt = (at: number): number => Math.floor(at * tokens.length);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, Math.floor(m.at * text.length));
    case 'flip': {
      const bytes = new TextEncoder().encode(text);
      if (bytes.length === 0) return bytes;
      const index = Math.floor(m.at * bytes.length);
      bytes[index] = (bytes[index] ?? 0) ^ (1 << m.bit);
      return bytes;
    }
    case 'duplicate-line': {
      const index = lineAt(m.at);
      lines.splice(index, 0, ...Array<string>(m.times).fill(lines[index] ?? ''));
      return lines.join('\n');
    }
    case 'delete-line':
      lines.splice(lineAt(m.at), 1);
      return lines.join('\n');
    case 'duplicate-token': {
      const index = tokenAt(m.at);
      tokens.splice(index, 0, ...Array<string>(m.times).fill(tokens[index] ?? ''));
      return tokens.join('');
    }
    case 'delete-token':
      tokens.splice(tokenAt(m.at), 1);
      return tokens.join('');
    case 'nest':
      return `${m.open.repeat(m.depth)}${text}${(CLOSE[m.open] ?? '').repeat(m.depth)}`;
    case 'nest-at': {
      const index = Math.floor(m.at * text.length);
      return `${text.slice(0, index)}${m.open.repeat(m.depth)}${(CLOSE[m.open] ?? '').repeat(m.depth)}${text.slice(index)}`;
    }
  }
}

/** Every surface a report is rendered on must accept it. */
function renderAll(report: Report): void {
  const statuses = findingStatuses(report);
  const outputs = [
    renderText(report, { color: false }),
    renderText(report, { color: true }),
    renderJson(report),
    renderSarif(report),
    renderMarkdown(report),
    renderSummary({ report, findings: statuses, notes: ['fuzz'], tag: 'fuzz', today: TODAY }),
  ];
  for (const output of outputs) expect(typeof output).toBe('string');
  JSON.parse(outputs[2] ?? '');
  JSON.parse(outputs[3] ?? '');
}

function textOf(content: string | Uint8Array): string {
  return typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content);
}

describe('mutation fuzzing from the fixture corpus', () => {
  it('has seed files from every format', () => {
    expect(seeds.length).toBeGreaterThan(100);
  });

  it('analyze keeps the contract and the report renders, on every mutant', async () => {
    let cases = 0;
    const config = defaultConfig(TODAY);
    await fc.assert(
      fc.asyncProperty(
        // Paths, not texts: a failure prints the path and the mutations, not the whole fixture.
        fc.constantFrom(...seeds.map((seed) => seed.path)),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (seedPath, ms) => {
          cases++;
          const seed = seeds.find((candidate) => candidate.path === seedPath) ?? { path: seedPath, text: '' };
          let content: string | Uint8Array = seed.text;
          for (const m of ms) content = mutate(textOf(content), m);
          const input = { files: [{ path: seed.path, content }] };
          const report = await analyze(input, config);
          // The engine reads bytes leniently, so the ranges are checked against what it decoded.
          expectRangesInside(report, { [seed.path]: textOf(content) });
          const again = await analyze(input, config);
          expect(again).toEqual(report);
          renderAll(report);
        },
      ),
      { seed: SEED, numRuns: seeds.length * MUTANTS_PER_FILE },
    );
    console.log(`mutation: ${cases} mutants of ${seeds.length} seed files`);
    expect(cases).toBe(seeds.length * MUTANTS_PER_FILE);
  }, 600_000);
});
