import { expect } from 'vitest';
import type { ExtractResult, Format, SourceRange } from '../../src/model/index.js';
import { fileSet, sourceFile } from '../support/files.js';

/**
 * How deep the fuzz suites go. `npm test` runs a small fixed-seed sample so every property is exercised on
 * every run; `npm run fuzz [runs] [seed]` sets FUZZ_RUNS (a multiplier of the sample) and FUZZ_SEED, and adds
 * the ~1 MB and 50 MB inputs. No suite times anything: a hang ends at the test timeout, speed is `npm run bench`.
 */
export const FUZZ_SCALE = positiveInteger(process.env.FUZZ_RUNS) ?? 1;
export const DEEP = process.env.FUZZ_RUNS !== undefined;

function positiveInteger(text: string | undefined): number | undefined {
  const value = Number(text);
  return text !== undefined && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** Every `{ file, startLine, endLine }` object anywhere in a value, with where it was found. */
export function rangesIn(value: unknown, path = '$', seen = new Set<object>()): { at: string; range: SourceRange }[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  const found: { at: string; range: SourceRange }[] = [];
  const record = value as Record<string, unknown>;
  if (typeof record.file === 'string' && typeof record.startLine === 'number' && typeof record.endLine === 'number') {
    found.push({ at: path, range: value as SourceRange });
  }
  for (const [key, child] of Object.entries(record)) found.push(...rangesIn(child, `${path}.${key}`, seen));
  return found;
}

/** Lines of a text as an editor counts them (a trailing newline opens an empty last line). */
export function lineCount(text: string): number {
  let count = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

/** Asserts that every range points inside a file of the analysis: 1 ≤ startLine ≤ endLine ≤ its lines. */
export function expectRangesInside(value: unknown, files: Record<string, string>): number {
  const ranges = rangesIn(value);
  for (const { at, range } of ranges) {
    const text = files[range.file];
    expect(text, `${at} names ${JSON.stringify(range.file)}, not a file of the analysis`).toBeDefined();
    const lines = lineCount(text ?? '');
    const ok =
      Number.isInteger(range.startLine) &&
      Number.isInteger(range.endLine) &&
      range.startLine >= 1 &&
      range.startLine <= range.endLine &&
      range.endLine <= lines;
    expect(ok, `${at} = ${range.startLine}-${range.endLine} in ${range.file} of ${lines} lines`).toBe(true);
  }
  return ranges.length;
}

/** One extraction with a fresh FileSet, so nothing is memoised between runs. */
export function freshExtract(format: Format, files: Record<string, string>, path: string): ExtractResult {
  return format.extract(sourceFile(files, path), fileSet(files));
}

/** The format contract on one input: no throw, ranges inside the files, and the same result twice. */
export function checkExtract(format: Format, files: Record<string, string>, path: string): ExtractResult {
  const first = freshExtract(format, files, path);
  expectRangesInside(first, files);
  const second = freshExtract(format, files, path);
  expect(second).toEqual(first);
  return first;
}

/** A fixed seed per run, from `FUZZ_SEED` when set (to replay a failure), printed so a failure can be replayed. */
export function fuzzSeed(suite: string): number {
  const fromEnv = Number(process.env.FUZZ_SEED);
  const seed = Number.isSafeInteger(fromEnv) && process.env.FUZZ_SEED !== undefined ? fromEnv : 0x5eed_2024;
  console.log(`${suite}: seed ${seed} (replay with FUZZ_SEED=${seed})`);
  return seed;
}
