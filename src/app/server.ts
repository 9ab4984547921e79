/**
 * `npm run app`: the app as a plain Node HTTP server. Probot reads APP_ID, PRIVATE_KEY (or
 * PRIVATE_KEY_PATH), WEBHOOK_SECRET, WEBHOOK_PATH, GHE_HOST/GHE_PROTOCOL and LOG_LEVEL from the
 * environment; PORT (default 3000) and HOST (default 0.0.0.0) choose where to listen.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProbotOctokit, createNodeMiddleware, createProbot } from 'probot';
import { availableParallelism } from 'node:os';
import { createAnalysisPool } from '../worker/pool.js';
import { createApp } from './index.js';
import { WorkScheduler } from './scheduler.js';
import { BodyTooLarge, MAX_WEBHOOK_BYTES, createWebhookReceiver, readCapped } from './webhook.js';

// Probot's request throttling spaces every write (and GraphQL query) 1 s apart and comments 3 s apart,
// for the whole process: safe against secondary rate limits, slow for a busy app. NETGUIDE_THROTTLE=off
// turns it off (the local fake, benchmarks); with REDIS_URL it is shared by all instances.
// (Probot merges its own throttle options over `Octokit.defaults`, so the switch sits in the constructor.)
class UnthrottledOctokit extends ProbotOctokit {
  constructor(options: ConstructorParameters<typeof ProbotOctokit>[0] = {}) {
    super({ ...options, throttle: { ...options.throttle, enabled: false } });
  }
}
const missing = missingCredentials(process.env);
if (missing.length > 0) {
  process.stderr.write(
    [
      `aks-netguide app: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set, so there is no GitHub App to act as.`,
      'Three ways to get them:',
      '  1. Register a new app from app.yml (the manifest flow): `npm run register` serves the Probot setup page',
      '     on http://localhost:3000 (PORT), which registers the app on GitHub and writes the three into .env.',
      '  2. Use an existing app: from its settings page (github.com/settings/apps/<name>) set APP_ID, PRIVATE_KEY',
      '     (or PRIVATE_KEY_PATH) and WEBHOOK_SECRET in the environment.',
      '  3. Put them in a .env file here (APP_ID=…, PRIVATE_KEY_PATH=…, WEBHOOK_SECRET=…) and run `node --env-file=.env lib/app/server.js`.',
      'See README.md, "The GitHub App".',
      '',
    ].join('\n'),
  );
  process.exit(2);
}

const probot =
  process.env.NETGUIDE_THROTTLE === 'off'
    ? createProbot({ overrides: { Octokit: UnthrottledOctokit } })
    : createProbot();
// Analyses run in a worker_threads pool (NETGUIDE_WORKERS, default one per core), so a long one never holds
// up a webhook's answer; the work queue runs as many at once as the pool has workers. `/healthz` reports
// the queue (queued, running, handling, paused installations).
const pool = createAnalysisPool({ size: positive(process.env.NETGUIDE_WORKERS) ?? availableParallelism() });
const scheduler = new WorkScheduler({ concurrency: pool.size });
const app = createApp({ scheduler, pool, budgetMs: positive(process.env.NETGUIDE_RUN_BUDGET_MS) });
const middleware = await createNodeMiddleware(app, { probot });
// Webhooks are received here, not by Probot's middleware, which buffers any body before checking its
// signature and logs what it refuses: the body is capped at 25 MB while it streams in (a declared
// Content-Length above that is refused before a byte is read), verified, and never logged.
const receive = createWebhookReceiver(probot, (level, message) => probot.log[level](message));
const server = createServer((request, response) => {
  const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (request.method === 'GET' && pathname === '/healthz') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(`${JSON.stringify(scheduler.stats())}\n`);
    return;
  }
  if (request.method !== 'POST' || pathname !== probot.webhookPath) {
    void middleware(request, response, () => {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    });
    return;
  }
  void handleWebhook(request, response);
});

async function handleWebhook(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const send = (status: number, message: string) => {
    response.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end(`${message.trimEnd()}\n`);
  };
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const id = header('x-github-delivery');
  const name = header('x-github-event');
  const signature = header('x-hub-signature-256');
  if (id === undefined || name === undefined || signature === undefined) {
    request.resume();
    return send(400, 'missing x-github-event, x-github-delivery or x-hub-signature-256');
  }
  if (Number(header('content-length') ?? '0') > MAX_WEBHOOK_BYTES) {
    probot.log.warn(`webhook ${id} (${name}) refused: Content-Length over ${MAX_WEBHOOK_BYTES} bytes`);
    send(413, 'payload too large');
    request.destroy();
    return;
  }
  let body: string;
  try {
    body = await readCapped(request);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    probot.log.warn(`webhook ${id} (${name}) refused: ${error.message}`);
    send(413, 'payload too large');
    request.destroy();
    return;
  }
  const answer = await receive({ id, name, signature, body });
  send(answer.status, answer.message);
}
server.listen(Number(process.env.PORT ?? '3000'), process.env.HOST ?? '0.0.0.0', () => {
  const { address, port } = server.address() as AddressInfo;
  // One line on stdout with the address: the end-to-end test reads the port from it (PORT=0).
  process.stdout.write(`aks-netguide app listening on http://${address}:${port}${probot.webhookPath}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => server.close(() => void pool.close().finally(() => process.exit(0))));

function positive(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}

/** The settings Probot needs before it can authenticate as the app (it throws `appId option is required` otherwise). */
export function missingCredentials(env: NodeJS.ProcessEnv): string[] {
  const missing: string[] = [];
  if (!env.APP_ID) missing.push('APP_ID');
  if (!env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH) missing.push('PRIVATE_KEY (or PRIVATE_KEY_PATH)');
  if (!env.WEBHOOK_SECRET) missing.push('WEBHOOK_SECRET');
  return missing;
}
