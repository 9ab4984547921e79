// API cost and cold start against the fake GitHub (loopback only): the fake runs in its own process, the
// measured client in another; requests are counted by the fake, by OpenAPI operationId.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { webhookPayload } from '../test/fake-github/webhooks.js';
import type { HostRequest, PullReady, RequestLog } from './fake-host.js';
import { measure, measureMedian } from './proc.js';

export interface StepContext {
  root: string;
  out: string;
  quick: boolean;
  log: (message: string) => void;
}

export interface ApiCase {
  files: number;
  findings: number;
  mode: 'throttled' | 'unthrottled';
  wallMs: number;
  reviewMs: number | undefined;
  peakRssBytes: number | undefined;
  requests: RequestLog;
  /** Pages of `GET /pulls/{n}/files` (100 files each): what the request count should grow with. */
  filePages: number;
  /** What the outcome says: findings reported, inline comments posted, summary. */
  outcome: Record<string, unknown> | undefined;
  /** Requests plugin-throttling spaces one second apart (writes and GraphQL). */
  pacedRequests: number;
}

export interface ApiResults {
  cases: ApiCase[];
  throttleNote: string;
}

export interface ColdStartResults {
  nodeBaseline: { wallMs: number; runsMs: number[]; peakRssBytes: number | undefined };
  action: {
    firstRequestMs: number;
    runsMs: number[];
    exitMs: number;
    peakRssBytes: number | undefined;
    requests: RequestLog;
    exitCode: number | null;
  };
  bundle: { indexBytes: number; wasmBytes: number; wasmFiles: Record<string, number> };
}

/** A request without its id (Omit on each member of the union). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** A forked fake GitHub and a promise-returning way to talk to it. */
export class FakeHost {
  private next = 1;
  private readonly waiting = new Map<number, (body: unknown) => void>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: { id: number; body: unknown }) => {
      this.waiting.get(message.id)?.(message.body);
      this.waiting.delete(message.id);
    });
  }

  static async start(out: string): Promise<FakeHost> {
    const child = fork(path.join(out, 'fake-host.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const host = new FakeHost(child);
    await new Promise<void>((resolve, reject) => {
      host.waiting.set(0, () => resolve());
      child.once('exit', (code) => reject(new Error(`the fake GitHub exited (${code})`)));
    });
    return host;
  }

  ask<T>(request: WithoutId<HostRequest>): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the fake GitHub did not answer ${request.type}`)), 300_000);
      this.waiting.set(id, (body) => {
        clearTimeout(timer);
        resolve(body as T);
      });
      this.child.send({ ...request, id });
    });
  }

  async close(): Promise<void> {
    await this.ask({ type: 'close' }).catch(() => undefined);
    this.child.kill();
  }
}

const PACED = (operation: string) =>
  operation === 'graphql' || /^(?:pulls|issues|checks|reactions)\/(?:create|update|delete)/.test(operation);

export async function runApiMatrix(context: StepContext): Promise<ApiResults> {
  const sizes = context.quick ? [1, 30, 300] : [1, 30, 300, 3000];
  const findings = context.quick ? [0, 40] : [0, 40, 400];
  const throttled = context.quick
    ? [[30, 40]]
    : [
        [30, 40],
        [300, 40],
      ];
  const host = await FakeHost.start(context.out);
  const cases: ApiCase[] = [];
  let repoIndex = 0;
  try {
    const runCase = async (files: number, count: number, mode: ApiCase['mode']) => {
      context.log(`API: ${files} files, ${count} findings, ${mode}`);
      const pull = await host.ask<PullReady>({
        type: 'pull',
        files,
        findings: count,
        seed: 7,
        repo: `bench/pr-${repoIndex++}`,
      });
      const run = await measure('node', [path.join(context.out, 'steps/review.js'), JSON.stringify(pull), mode], {
        env: { GITHUB_API_URL: pull.url },
        timeoutMs: 600_000,
      });
      const requests = await host.ask<RequestLog>({ type: 'requests' });
      if (run.result === undefined) context.log(`  failed: ${run.stderr.slice(0, 2000)}`);
      const paced = Object.entries(requests.byOperation)
        .filter(([operation]) => PACED(operation))
        .reduce((sum, [, n]) => sum + n, 0);
      cases.push({
        files,
        findings: count,
        mode,
        wallMs: run.wallMs,
        reviewMs: typeof run.result?.reviewMs === 'number' ? run.result.reviewMs : undefined,
        peakRssBytes: run.peakRssBytes,
        requests,
        filePages: Math.max(1, Math.ceil(Math.min(files, 3000) / 100)),
        outcome: run.result,
        pacedRequests: paced,
      });
    };
    for (const files of sizes) for (const count of findings) await runCase(files, count, 'unthrottled');
    for (const [files = 1, count = 0] of throttled) await runCase(files, count, 'throttled');
  } finally {
    await host.close();
  }
  return {
    cases,
    throttleNote:
      '@octokit/plugin-throttling starts at most one write or GraphQL request a second (its `write` group, minTime 1000 ms): against a loopback fake that pacing is nearly all of the wall time, so the matrix runs without the plugin and the throttled rows show what the Action really waits.',
  };
}

export async function runColdStart(context: StepContext): Promise<ColdStartResults> {
  const runs = context.quick ? 3 : 5;
  context.log('cold start: node -e 0');
  const baseline = await measureMedian(runs, 'node', ['-e', '0'], { timeoutMs: 30_000 });
  const host = await FakeHost.start(context.out);
  const firsts: number[] = [];
  const exits: number[] = [];
  let last: { requests: RequestLog; peakRssBytes: number | undefined; exitCode: number | null } | undefined;
  try {
    for (let i = 0; i < runs; i++) {
      context.log(`cold start: node dist/index.js (${i + 1}/${runs})`);
      const pull = await host.ask<PullReady>({
        type: 'pull',
        files: 1,
        findings: 1,
        seed: 11,
        repo: `bench/cold-${i}`,
      });
      const scratch = path.join(tmpdir(), 'aks-netguide-bench', `action-${i}`);
      rmSync(scratch, { recursive: true, force: true });
      mkdirSync(path.join(scratch, 'workspace'), { recursive: true });
      const eventPath = path.join(scratch, 'event.json');
      const payload = webhookPayload('pull_request', 'opened', {
        repo: `${pull.owner}/${pull.repo}`,
        apiUrl: pull.url,
        number: pull.number,
        headSha: pull.headSha,
        baseSha: pull.baseSha,
      });
      writeFileSync(eventPath, JSON.stringify(payload));
      for (const file of ['output', 'summary', 'env']) writeFileSync(path.join(scratch, file), '');
      let spawnedAt = 0;
      const run = await measure('node', [path.join(context.root, 'dist/index.js')], {
        cwd: path.join(scratch, 'workspace'),
        timeoutMs: 120_000,
        onSpawn: () => {
          spawnedAt = Date.now();
        },
        env: {
          GITHUB_ACTIONS: 'true',
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: eventPath,
          GITHUB_REPOSITORY: `${pull.owner}/${pull.repo}`,
          GITHUB_API_URL: pull.url,
          GITHUB_GRAPHQL_URL: `${pull.url}/graphql`,
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_WORKSPACE: path.join(scratch, 'workspace'),
          GITHUB_RUN_ID: '1',
          GITHUB_SHA: pull.headSha,
          GITHUB_OUTPUT: path.join(scratch, 'output'),
          GITHUB_STEP_SUMMARY: path.join(scratch, 'summary'),
          GITHUB_ENV: path.join(scratch, 'env'),
          RUNNER_TEMP: scratch,
          'INPUT_GITHUB-TOKEN': pull.token,
          'INPUT_FAIL-ON': 'never',
        },
      });
      const requests = await host.ask<RequestLog>({ type: 'requests' });
      if (requests.firstAt !== undefined) firsts.push(requests.firstAt - spawnedAt);
      exits.push(run.wallMs);
      if (run.exitCode !== 0) context.log(`  the Action exited ${run.exitCode}: ${run.stderr.slice(0, 1000)}`);
      last = { requests, peakRssBytes: run.peakRssBytes, exitCode: run.exitCode };
    }
  } finally {
    await host.close();
  }
  const wasmDir = path.join(context.root, 'dist/wasm');
  const wasmFiles: Record<string, number> = {};
  for (const name of readdirSync(wasmDir)) wasmFiles[name] = statSync(path.join(wasmDir, name)).size;
  return {
    nodeBaseline: { wallMs: baseline.wallMs, runsMs: baseline.runsMs, peakRssBytes: baseline.peakRssBytes },
    action: {
      firstRequestMs: median(firsts),
      runsMs: firsts,
      exitMs: median(exits),
      peakRssBytes: last?.peakRssBytes,
      requests: last?.requests ?? { total: 0, byOperation: {}, firstAt: undefined, lastAt: undefined },
      exitCode: last?.exitCode ?? null,
    },
    bundle: {
      indexBytes: statSync(path.join(context.root, 'dist/index.js')).size,
      wasmBytes: Object.values(wasmFiles).reduce((sum, size) => sum + size, 0),
      wasmFiles,
    },
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
