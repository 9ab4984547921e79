// The GitHub App (src/app/server.ts as a real process, its GitHub the fake as GHES): signed pull_request
// webhooks for fresh one-file kubenet PRs, at concurrency 1, 8 and 32. The app answers a delivery once its work
// is queued, so a delivery's round trip is the acknowledgement; bench/app-load.ts measures the conclusion.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { webhookPayload } from '../test/fake-github/webhooks.js';
import { appKeys, bundleServer, deliver, percentile, removeBundle, startAppProcess } from '../test/app/harness.js';
import type { AppProcess } from '../test/app/harness.js';
import { FakeHost, median } from './api.js';
import type { StepContext } from './api.js';
import type { PullReady, RequestLog } from './fake-host.js';

export interface AppLevel {
  concurrency: number;
  throttle: 'off' | 'on';
  deliveries: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  webhooksPerSecond: number;
  requestsPerWebhook: number;
}

export type AppResults =
  | { status: 'todo'; note: string }
  | { status: 'measured'; levels: AppLevel[]; peakRssBytes: number | undefined; startMs: number; note: string };

const APP_ID = 4343;
const SLUG = 'netguide-bench';
const INSTALLATION = 434301;
const SECRET = 'bench-webhook-secret';

export async function runApp(context: StepContext): Promise<AppResults> {
  const entry = path.join(context.root, 'src/app/server.ts');
  if (!existsSync(path.join(context.root, 'src/app/index.ts')) || !existsSync(entry)) {
    context.log('app: src/app/index.ts does not exist yet; not measured');
    return { status: 'todo', note: 'src/app/index.ts does not exist yet (the Probot app is being built).' };
  }
  // The server and the analysis pool's worker next to it (the pool loads it from its own folder).
  const script = await bundleServer(`${context.root}/`);
  const keys = appKeys();
  const host = await FakeHost.start(context.out);
  const levels: AppLevel[] = [];
  let peakRssBytes: number | undefined;
  let startMs = Number.NaN;
  let pulls = 0;
  const freshPulls = async (count: number) => {
    const ready: PullReady[] = [];
    for (let i = 0; i < count; i++) {
      ready.push(
        await host.ask<PullReady>({ type: 'pull', files: 1, findings: 1, seed: 13, repo: `bench/app-${pulls++}` }),
      );
    }
    await host.ask<RequestLog>({ type: 'requests' });
    return ready;
  };
  try {
    await host.ask({
      type: 'app',
      appId: APP_ID,
      slug: SLUG,
      publicKeyPem: keys.publicKeyPem,
      installationId: INSTALLATION,
    });
    const { url } = await host.ask<PullReady>({
      type: 'pull',
      files: 1,
      findings: 0,
      seed: 1,
      repo: 'bench/app-probe',
    });
    const plan: { concurrency: number; throttle: 'off' | 'on'; deliveries: number }[] = context.quick
      ? [
          { concurrency: 1, throttle: 'off', deliveries: 10 },
          { concurrency: 8, throttle: 'off', deliveries: 16 },
        ]
      : [
          { concurrency: 1, throttle: 'off', deliveries: 30 },
          { concurrency: 8, throttle: 'off', deliveries: 64 },
          { concurrency: 32, throttle: 'off', deliveries: 128 },
          { concurrency: 1, throttle: 'on', deliveries: 3 },
        ];
    for (const throttle of ['off', 'on'] as const) {
      const steps = plan.filter((step) => step.throttle === throttle);
      if (steps.length === 0) continue;
      const started = performance.now();
      const app: AppProcess = await startAppProcess({
        script,
        githubUrl: url,
        appId: APP_ID,
        privateKeyPem: keys.privateKeyPem,
        secret: SECRET,
        env: throttle === 'off' ? { NETGUIDE_THROTTLE: 'off' } : {},
      });
      if (throttle === 'off') startMs = performance.now() - started;
      try {
        for (const step of steps) {
          context.log(`app: ${step.deliveries} webhooks at concurrency ${step.concurrency}, throttling ${throttle}`);
          const targets = await freshPulls(step.deliveries);
          const times: number[] = [];
          let failed = 0;
          let next = 0;
          const begin = performance.now();
          const worker = async () => {
            while (next < targets.length) {
              const pull = targets[next++];
              if (pull === undefined) return;
              const payload = webhookPayload('pull_request', 'opened', {
                repo: `${pull.owner}/${pull.repo}`,
                apiUrl: `${pull.url}/api/v3`,
                installationId: INSTALLATION,
                number: pull.number,
                headSha: pull.headSha,
                baseSha: pull.baseSha,
                sender: 'dev',
              });
              const delivery = await deliver(app.url, SECRET, 'pull_request', payload);
              if (delivery.status !== 200) failed++;
              times.push(delivery.ms);
            }
          };
          await Promise.all(Array.from({ length: step.concurrency }, worker));
          const seconds = (performance.now() - begin) / 1000;
          const requests = await host.ask<RequestLog>({ type: 'requests' });
          levels.push({
            concurrency: step.concurrency,
            throttle,
            deliveries: times.length,
            failed,
            p50Ms: percentile(times, 50),
            p99Ms: percentile(times, 99),
            webhooksPerSecond: times.length / seconds,
            requestsPerWebhook: requests.total / times.length,
          });
        }
        if (throttle === 'off') peakRssBytes = highWaterMark(app.child.pid);
      } finally {
        await app.stop();
      }
    }
  } finally {
    await host.close();
    removeBundle(script);
  }
  return {
    status: 'measured',
    levels,
    peakRssBytes,
    startMs,
    note: `Each webhook is a fresh PR adding one kubenet cluster (one finding), over 100 untouched folders. Median start of the app process: ${median([startMs]).toFixed(0)} ms.`,
  };
}

/** VmHWM of a live process (Linux): its peak RSS so far. */
function highWaterMark(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = /VmHWM:\s+(?<kb>\d+)\s+kB/.exec(status)?.groups?.kb;
    return kilobytes === undefined ? undefined : Number(kilobytes) * 1024;
  } catch {
    return undefined;
  }
}
