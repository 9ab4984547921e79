// What every benchmark child process shares: a fixed "today" (findings depend on the date), a clock, and
// one way to hand its figures back with its own peak RSS.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Retirement countdowns depend on the date; a fixed one keeps the finding counts comparable across runs. */
export const TODAY = '2026-06-01';

export function now(): number {
  return performance.now();
}

export function elapsed(start: number): number {
  return performance.now() - start;
}

/** Peak resident set size of this process so far, in bytes. */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** Writes the figures (with this process's peak RSS) where the parent asked, as JSON. */
export function finish(figures: Record<string, unknown>): void {
  const result = { ...figures, peakRssBytes: peakRss() };
  const target = process.env.BENCH_RESULT;
  if (target === undefined) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else writeFileSync(target, JSON.stringify(result));
}
