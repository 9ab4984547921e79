// The benchmark: each measured thing runs in its own child process (so its peak RSS is its own), side by
// side with its floor (grep over the same tree, `node -e 0`), and the figures go to
// bench/results/<date>.json (raw) and bench/README.md (tables with ratios).
import { cpus, totalmem, tmpdir } from 'node:os';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeCorpus } from './corpus.js';
import type { CorpusManifest } from './corpus.js';
import { measure, measureMedian, hasGnuTime } from './proc.js';
import { summarizeProfile } from './profile.js';
import type { ProfileSummary } from './profile.js';
import { renderReadme } from './readme.js';
import { runApiMatrix, runColdStart } from './api.js';
import type { ApiResults, ColdStartResults } from './api.js';
import { runApp } from './app.js';
import type { AppResults } from './app.js';

const root = path.resolve(new URL('../../..', import.meta.url).pathname);
const out = path.join(root, 'bench/.out/bench');
const quick = process.env.BENCH_QUICK === '1';
const only = new Set((process.env.BENCH_ONLY ?? 'throughput,pr,api,cold,app').split(','));
const seed = Number(process.env.BENCH_SEED ?? '20260601');
const corpusMb = Number(process.env.BENCH_MB ?? (quick ? '10' : '200'));
const corpusFiles = Number(process.env.BENCH_FILES ?? (quick ? '1000' : '20000'));
/** The network keywords a reviewer would grep for. */
export const GREP_PATTERN = 'network_plugin|networkPlugin|--network-plugin|NetworkPlugin|kubenet';

export interface ThroughputResults {
  corpus: CorpusManifest & { directory: string };
  grep: { wallMs: number; runsMs: number[]; peakRssBytes: number | undefined; matches: number };
  cli: {
    wallMs: number;
    runsMs: number[];
    peakRssBytes: number | undefined;
    exitCode: number | null;
    clusters: number;
    findings: number;
  };
  inProcess: Record<string, unknown> & { peakRssBytes?: number };
  profile: ProfileSummary | undefined;
}

export interface PrResults {
  files: number;
  headBytes: number;
  baseBytes: number;
  result: Record<string, unknown> | undefined;
  wallMs: number;
  peakRssBytes: number | undefined;
}

export interface Results {
  date: string;
  quick: boolean;
  machine: { cpu: string; cores: number; memoryBytes: number; node: string; platform: string; gnuTime: boolean };
  throughput?: ThroughputResults;
  pr?: PrResults;
  api?: ApiResults;
  coldStart?: ColdStartResults;
  app?: AppResults;
  durationMs: number;
}

const startedAt = Date.now();
const work = path.join(tmpdir(), 'aks-netguide-bench');
mkdirSync(work, { recursive: true });

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** The generated trees (up to 200 MB) go when the run ends, however it ends; BENCH_KEEP=1 keeps them. */
function cleanUp(): void {
  if (process.env.BENCH_KEEP !== '1') rmSync(work, { recursive: true, force: true });
}
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

/** How long the last run of the same kind took, from bench/results/, so the run can say so before it starts. */
function expectedDuration(): string {
  const dir = path.join(root, 'bench/results');
  const runs = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith(quick ? '-quick.json' : '.json') && (quick || !name.endsWith('-quick.json')))
        .sort()
    : [];
  const last = runs.at(-1);
  if (last === undefined) return quick ? 'about a minute' : 'several minutes (no earlier run recorded)';
  const { durationMs } = JSON.parse(readFileSync(path.join(dir, last), 'utf8')) as { durationMs?: number };
  if (durationMs === undefined) return 'unknown (the last run recorded no duration)';
  return `about ${Math.ceil(durationMs / 60_000)} min on a quiet machine (bench/results/${last} took ${Math.round(durationMs / 1000)} s); more under load`;
}

log(
  `${quick ? 'quick' : 'full'} run (${[...only].join(', ')}): expect ${expectedDuration()}; temporary files in ${work} are removed at the end`,
);

function nodeStep(step: string): string {
  return path.join(out, 'steps', `${step}.js`);
}

async function throughput(): Promise<ThroughputResults> {
  const directory = path.join(work, `corpus-${seed}-${corpusFiles}-${corpusMb}mb`);
  log(`corpus: ${corpusFiles} files, ${corpusMb} MB in ${directory}`);
  const manifest = writeCorpus(root, directory, {
    seed,
    files: corpusFiles,
    bytes: corpusMb * 1024 * 1024,
    clusterShare: 0.03,
  });
  const grepOutput = path.join(work, 'grep.out');
  const grepArgs = ['-rE', '-e', GREP_PATTERN, '.'];
  // Warm the page cache (and check grep works) before anything is timed.
  await measure('grep', grepArgs, { cwd: directory, stdoutFile: grepOutput, timeoutMs: 120_000, env: { LC_ALL: 'C' } });
  log('grep');
  const grep = await measureMedian(3, 'grep', grepArgs, {
    cwd: directory,
    stdoutFile: grepOutput,
    timeoutMs: 120_000,
    env: { LC_ALL: 'C' },
  });
  const matches = readFileSync(grepOutput, 'utf8')
    .split('\n')
    .filter((line) => line !== '').length;

  log('CLI (node bin/netguide.js scan --format json)');
  const cliOutput = path.join(work, 'cli.json');
  const cliArgs = [
    path.join(root, 'bin/netguide.js'),
    'scan',
    '.',
    '--format',
    'json',
    '--fail-on',
    'never',
    '--today',
    '2026-06-01',
  ];
  const cli = await measureMedian(quick ? 1 : 3, 'node', cliArgs, {
    cwd: directory,
    stdoutFile: cliOutput,
    timeoutMs: 600_000,
  });
  const report = JSON.parse(readFileSync(cliOutput, 'utf8')) as { clusters: unknown[]; findings: unknown[] };

  log('in-process analyze');
  const inProcess = await measure('node', [nodeStep('throughput'), directory], { timeoutMs: 600_000 });
  if (inProcess.result === undefined) throw new Error(`the throughput step failed:\n${inProcess.stderr}`);

  log('CPU profile of the CLI');
  const profileDir = path.join(work, 'profile');
  rmSync(profileDir, { recursive: true, force: true });
  await measure('node', ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, ...cliArgs], {
    cwd: directory,
    stdoutFile: cliOutput,
    timeoutMs: 600_000,
  });
  const profileFile = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  const profile = profileFile === undefined ? undefined : summarizeProfile(path.join(profileDir, profileFile), root);

  return {
    corpus: { ...manifest, directory },
    grep: { wallMs: grep.wallMs, runsMs: grep.runsMs, peakRssBytes: grep.peakRssBytes, matches },
    cli: {
      wallMs: cli.wallMs,
      runsMs: cli.runsMs,
      peakRssBytes: cli.peakRssBytes,
      exitCode: cli.exitCode,
      clusters: report.clusters.length,
      findings: report.findings.length,
    },
    inProcess: { ...inProcess.result, wallMs: inProcess.wallMs, peakRssBytes: inProcess.peakRssBytes },
    profile,
  };
}

async function largePr(): Promise<PrResults> {
  const files = quick ? 300 : 3000;
  log(`base + head analysis of a ${files}-file pull request`);
  const run = await measure('node', [nodeStep('large-pr'), String(files), String(seed)], {
    timeoutMs: 600_000,
    env: { NETGUIDE_ROOT: root },
  });
  if (run.result === undefined) throw new Error(`the large-PR step failed:\n${run.stderr}`);
  return {
    files,
    headBytes: Number(run.result.headBytes),
    baseBytes: Number(run.result.baseBytes),
    result: run.result,
    wallMs: run.wallMs,
    peakRssBytes: run.peakRssBytes,
  };
}

const results: Results = {
  date: new Date().toISOString(),
  quick,
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    gnuTime: hasGnuTime,
  },
  durationMs: 0,
};

if (only.has('throughput')) results.throughput = await throughput();
if (only.has('pr')) results.pr = await largePr();
if (only.has('api')) results.api = await runApiMatrix({ root, out, quick, log });
if (only.has('cold')) results.coldStart = await runColdStart({ root, out, quick, log });
if (only.has('app')) results.app = await runApp({ root, out, quick, log });
results.durationMs = Date.now() - startedAt;

const resultsDir = path.join(root, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
const day = results.date.slice(0, 10);
const name = `${day}${quick ? '-quick' : ''}.json`;
writeFileSync(path.join(resultsDir, name), `${JSON.stringify(results, null, 2)}\n`);
if (!quick || process.env.BENCH_README === '1') {
  // The closing notes (hot spots, fixes with before/after, what is not measured) are written by hand.
  const notesFile = path.join(root, 'bench/notes.md');
  const notes = existsSync(notesFile) ? readFileSync(notesFile, 'utf8') : '';
  writeFileSync(path.join(root, 'bench/README.md'), renderReadme(results, `results/${name}`, notes));
}
log(`done in ${(results.durationMs / 1000).toFixed(0)} s: bench/results/${name}${quick ? '' : ', bench/README.md'}`);
