import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { check } from 'recheck';
import type { Diagnostics } from 'recheck';
import { afterAll, describe, expect, it } from 'vitest';
import { DEEP } from './invariants.js';
import { findRegexes } from './regex-scanner.js';
import type { FoundRegex } from './regex-scanner.js';

/**
 * Every regular expression in `src/` (tests excluded) is checked for catastrophic backtracking with
 * recheck. Repository text reaches most of them, up to 8 MiB a file.
 */
const SRC = new URL('../../src/', import.meta.url);
const files = (readdirSync(SRC, { recursive: true }) as string[])
  .map((name) => name.replaceAll('\\', '/'))
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .sort();
const regexes: FoundRegex[] = files.flatMap((name) => findRegexes(name, readFileSync(new URL(name, SRC), 'utf8')));

/** Counted by TypeScript's own scanner when this suite was written; a broken scanner finds fewer. */
const MIN_REGEXES = 180;

/**
 * recheck without its clocks: no timeouts, a fixed seed, so the verdict rests on the work it counts (the
 * characters its backtracking VM reads, bounded by its limits) and is the same on a busy machine. A verdict
 * is then a pure function of (recheck version, pattern, flags, options), so it is cached in
 * redos-verdicts.json: `npm test` checks only new patterns, `npm run fuzz` checks them all again and fails
 * on a cached verdict that no longer holds (REDOS_UPDATE=1 rewrites the file).
 */
const RECHECK_OPTIONS = {
  timeout: null,
  attackTimeout: null,
  incubationTimeout: null,
  recallTimeout: -1,
  randomSeed: 20_241_205,
} as const;
const RECHECK_VERSION = (
  JSON.parse(readFileSync(new URL('../../node_modules/recheck/package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
const VERDICTS = new URL('./redos-verdicts.json', import.meta.url);

interface Verdict {
  status: Diagnostics['status'];
  summary: string;
  /** For polynomial verdicts: the degree (2 is quadratic). */
  degree?: number;
}

interface VerdictFile {
  recheck: string;
  verdicts: Record<string, Verdict>;
}

function loadVerdicts(): Record<string, Verdict> {
  if (!existsSync(VERDICTS)) return {};
  const file = JSON.parse(readFileSync(VERDICTS, 'utf8')) as VerdictFile;
  return file.recheck === RECHECK_VERSION ? file.verdicts : {};
}

const cached = loadVerdicts();
const computed: Record<string, Verdict> = {};

async function verdictOf(source: string, flags: string): Promise<Verdict> {
  const diagnostics = await check(source, flags, RECHECK_OPTIONS);
  switch (diagnostics.status) {
    case 'safe':
      return { status: 'safe', summary: diagnostics.complexity.summary };
    case 'vulnerable': {
      const { complexity } = diagnostics;
      const verdict: Verdict = { status: 'vulnerable', summary: complexity.summary };
      if (complexity.type === 'polynomial') verdict.degree = complexity.degree;
      return verdict;
    }
    case 'unknown':
      return { status: 'unknown', summary: diagnostics.error.kind };
  }
}

/**
 * Patterns recheck calls polynomial that are left as they are, each with the longest input its caller can
 * give it: the work is bounded by maxInput^degree steps.
 */
const BOUNDED: Record<string, { maxInput: number; maxDegree: number; why: string }> = {
  // Keyed by file and pattern, so that line moves don't matter.
  'github/commands/parse.ts /^\\/netguide(?:\\s+(?<rest>.*))?$/': {
    maxInput: 500,
    maxDegree: 2,
    why: 'parseCommands skips lines over 500 characters before matching: at most 500² steps',
  },
};

const key = (regex: FoundRegex): string => `${regex.file}:${regex.line}`;
const verdictKey = (regex: FoundRegex): string => `/${regex.source ?? ''}/${regex.flags}`;

describe('regular expressions in src/', () => {
  afterAll(() => {
    if (process.env.REDOS_UPDATE === '1') {
      const verdicts = Object.fromEntries(
        Object.entries({ ...cached, ...computed }).sort(([a], [b]) => a.localeCompare(b)),
      );
      const wanted = new Set(regexes.map(verdictKey));
      for (const pattern of Object.keys(verdicts)) if (!wanted.has(pattern)) delete verdicts[pattern];
      writeFileSync(
        VERDICTS,
        `${JSON.stringify({ recheck: RECHECK_VERSION, verdicts } satisfies VerdictFile, null, 2)}\n`,
      );
    }
  });

  it('finds them all (scanner sanity)', () => {
    expect(regexes.length).toBeGreaterThanOrEqual(MIN_REGEXES);
    expect(regexes.filter((regex) => regex.source === undefined).map(key)).toEqual([]);
    console.log(`redos: ${regexes.length} regular expressions in ${files.length} files`);
  });

  it('recognises literals, divisions, templates and RegExp calls', () => {
    const text = [
      'const a = x / 2 / y; // not /a regex/',
      'const b = /a\\/b[/]c/gi; const c = `t ${ {k: /in-template/}.k } /not/ `;',
      "const d = new RegExp('\\\\d+', 'u'); if (ok) return /ret/.test(s);",
      'const e = (p) / 2; const f = arr[0] / 3; /* /no/ */ const g = "/no/";',
    ].join('\n');
    expect(findRegexes('sample.ts', text).map((r) => [r.line, r.source, r.flags])).toEqual([
      [2, 'a\\/b[/]c', 'gi'],
      [2, 'in-template', ''],
      [3, '\\d+', 'u'],
      [3, 'ret', ''],
    ]);
  });

  it.each(regexes.map((regex) => [key(regex), regex] as const))(
    '%s is linear',
    async (_name, regex) => {
      const source = regex.source ?? '';
      const known = cached[verdictKey(regex)];
      const recheckAll = DEEP || process.env.REDOS_UPDATE === '1';
      const verdict = known !== undefined && !recheckAll ? known : await verdictOf(source, regex.flags);
      computed[verdictKey(regex)] = verdict;
      if (known !== undefined) expect(verdict, `the cached verdict for /${source}/ no longer holds`).toEqual(known);
      else console.log(`redos: /${source}/ is not in redos-verdicts.json yet (REDOS_UPDATE=1 npm run fuzz adds it)`);
      const bounded = BOUNDED[`${regex.file} /${source}/`];
      if (verdict.status === 'vulnerable') {
        expect(bounded, `${key(regex)} /${source}/ is ${verdict.summary}`).toBeDefined();
        expect(verdict.degree, `${key(regex)} /${source}/ is ${verdict.summary}`).toBeLessThanOrEqual(
          bounded?.maxDegree ?? 0,
        );
        return;
      }
      expect(bounded, `${key(regex)} is safe now: drop it from BOUNDED`).toBeUndefined();
      expect(verdict, `${key(regex)} /${source}/`).toEqual({ status: 'safe', summary: verdict.summary });
    },
    600_000,
  );
});
