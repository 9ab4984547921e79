// Runs a command as a child process and measures it from outside: wall time, and peak RSS from GNU time
// (`/usr/bin/time`) when it is installed. Every run has a deadline, so a hang ends the benchmark step
// instead of the benchmark.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Measured {
  wallMs: number;
  /** Peak RSS in bytes, from GNU time; undefined when it is not installed. */
  peakRssBytes: number | undefined;
  exitCode: number | null;
  stderr: string;
  /** What the child wrote to BENCH_RESULT, parsed (steps written with child.ts). */
  result: Record<string, unknown> | undefined;
  timedOut: boolean;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** stdout goes here (a file), else it is discarded. */
  stdoutFile?: string;
  timeoutMs: number;
  /** Called with the child's pid-independent start time (performance.now()) once it is spawned. */
  onSpawn?: (startedAt: number) => void;
}

const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME);

let counter = 0;

export async function measure(command: string, args: readonly string[], options: RunOptions): Promise<Measured> {
  const id = `${process.pid}-${counter++}`;
  const timeFile = path.join(tmpdir(), `netguide-bench-time-${id}`);
  const resultFile = path.join(tmpdir(), `netguide-bench-result-${id}.json`);
  const stdout = options.stdoutFile === undefined ? 'ignore' : openSync(options.stdoutFile, 'w');
  const [file, argv] = hasGnuTime
    ? [GNU_TIME, ['-f', '%e %M', '-o', timeFile, command, ...args]]
    : [command, [...args]];
  const start = performance.now();
  const child = spawn(file, argv, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, BENCH_RESULT: resultFile },
    stdio: ['ignore', stdout, 'pipe'],
  });
  options.onSpawn?.(start);
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const wallMs = performance.now() - start;
  clearTimeout(timer);
  if (typeof stdout === 'number') closeSync(stdout);
  let peakRssBytes: number | undefined;
  if (hasGnuTime && existsSync(timeFile)) {
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? '';
    const kilobytes = Number(last.split(' ')[1]);
    if (Number.isFinite(kilobytes)) peakRssBytes = kilobytes * 1024;
    rmSync(timeFile, { force: true });
  }
  let result: Record<string, unknown> | undefined;
  if (existsSync(resultFile)) {
    result = JSON.parse(readFileSync(resultFile, 'utf8')) as Record<string, unknown>;
    rmSync(resultFile, { force: true });
    if (peakRssBytes === undefined && typeof result.peakRssBytes === 'number') peakRssBytes = result.peakRssBytes;
  }
  return { wallMs, peakRssBytes, exitCode, stderr, result, timedOut };
}

/** The median of the wall times of `runs` runs, and the largest peak RSS. */
export async function measureMedian(
  runs: number,
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<Measured & { runsMs: number[] }> {
  const all: Measured[] = [];
  for (let i = 0; i < runs; i++) all.push(await measure(command, args, options));
  const sorted = [...all].sort((a, b) => a.wallMs - b.wallMs);
  const middle = sorted[Math.floor(sorted.length / 2)] ?? all[0];
  if (middle === undefined) throw new Error('measureMedian needs at least one run');
  const peak = Math.max(...all.map((run) => run.peakRssBytes ?? 0));
  return { ...middle, peakRssBytes: peak === 0 ? undefined : peak, runsMs: all.map((run) => run.wallMs) };
}
