import { TableClient } from '@azure/data-tables';
import type { HttpRequest, HttpResponseInit, InvocationContext, StorageQueueHandler } from '@azure/functions';
import { QueueClient } from '@azure/storage-queue';
import { createProbot } from 'probot';
import type { ApplicationFunction, Probot } from 'probot';
import { defaultConfig, todayUtc } from '../engine/config.js';
import { octokitPort } from '../github/octokit.js';
import { createRestClient } from '../github/rest-client.js';
import type { Inventory } from '../inventory/fold.js';
import {
  FAILURES_TABLE,
  RESULTS_TABLE,
  SCAN_QUEUE,
  createQueueScanHandler,
  enqueueOrganizationScan,
  foldOrganizationInventory,
  tableResultStore,
} from './org-scan.js';
import type { EnqueueSummary } from './org-scan.js';
import { createApp } from './index.js';
import { WorkScheduler } from './scheduler.js';
import { BodyTooLarge, MAX_WEBHOOK_BYTES, createWebhookReceiver, readCapped } from './webhook.js';

export interface AzureHandlerOptions {
  /** Default: `createProbot()` from the environment (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, GHE_HOST). */
  probot?: Probot;
  appFn?: ApplicationFunction;
}

const REQUIRED_HEADERS = ['x-github-event', 'x-github-delivery', 'x-hub-signature-256'] as const;

/**
 * A webhook endpoint for Azure Functions (Node.js v4 programming model), our own thin layer over
 * Probot: the official adapter is stuck on Probot 12 (prior-art §4). The raw body is verified against
 * `X-Hub-Signature-256` before anything runs; 200 when handled, 400 for a bad signature or missing
 * headers, 500 when the app failed. Register it with
 * `app.http('github-webhooks', { methods: ['POST'], authLevel: 'anonymous', handler: createAzureHandler() })`.
 */
export function createAzureHandler(
  options: AzureHandlerOptions = {},
): (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit> {
  // A function instance may be frozen once it has answered, so here the review still finishes within the
  // request: the handler waits until the queue is idle (in-process analysis, one run at a time).
  const scheduler = new WorkScheduler({ concurrency: 1 });
  let loaded: Promise<{ probot: Probot; receive: ReturnType<typeof createWebhookReceiver> }> | undefined;
  const ready = () =>
    (loaded ??= (async () => {
      const probot = options.probot ?? createProbot();
      await probot.load(options.appFn ?? createApp({ scheduler }));
      // Refused and failed deliveries are logged by id and reason, never with their payload.
      const receive = createWebhookReceiver(probot, () => undefined);
      return { probot, receive };
    })());

  return async (request, context) => {
    const missing = REQUIRED_HEADERS.filter((name) => request.headers.get(name) === null);
    if (request.method !== 'POST') return { status: 405, jsonBody: { error: 'POST webhooks here' } };
    if (missing.length > 0) return { status: 400, jsonBody: { error: `missing headers: ${missing.join(', ')}` } };
    const id = request.headers.get('x-github-delivery') ?? '';
    const name = request.headers.get('x-github-event') ?? '';
    // GitHub sends at most 25 MB: a larger declared or streamed body is refused before it is buffered.
    if (Number(request.headers.get('content-length') ?? '0') > MAX_WEBHOOK_BYTES) {
      context.warn(`webhook ${id} (${name}) refused: Content-Length over ${MAX_WEBHOOK_BYTES} bytes`);
      return { status: 413, jsonBody: { error: 'payload too large' } };
    }
    let body: string;
    try {
      // The signature covers the bytes as sent, so the body is read raw, never re-serialized.
      body = await readCapped(request.body);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      context.warn(`webhook ${id} (${name}) refused: ${error.message}`);
      return { status: 413, jsonBody: { error: 'payload too large' } };
    }
    const { receive } = await ready();
    const answer = await receive(
      { id, name, signature: request.headers.get('x-hub-signature-256') ?? '', body },
      (level, message) => (level === 'error' ? context.error(message) : context.warn(message)),
    );
    await scheduler.idle();
    return answer.status === 200
      ? { status: 200, body: answer.message }
      : { status: answer.status, jsonBody: { error: answer.message } };
  };
}

export interface OrganizationScanFunctions {
  /** `app.storageQueue('netguide-scan', functions.scan)`: the trigger's options and handler. */
  scan: { queueName: string; connection: string; handler: StorageQueueHandler };
  /** The producer: one message per repository of the organisation (from a timer or by hand). */
  enqueue(org: string): Promise<EnqueueSummary>;
  /** The fold: the newest stored scan of every repository as the organisation's inventory. */
  fold(org: string): Promise<Inventory>;
}

/**
 * The organisation scan from the function app's settings: `AzureWebJobsStorage` (the storage account the
 * runtime already uses: queue, poison queue and tables), `NETGUIDE_GITHUB_TOKEN` (reads the organisation's
 * repositories), `NETGUIDE_GITHUB_API_URL` (default https://api.github.com; `https://HOST/api/v3` for GHES).
 * The queue and tables are created on first use.
 */
export function organizationScanFromEnvironment(
  env: Record<string, string | undefined> = process.env,
): OrganizationScanFunctions {
  const connection = env.AzureWebJobsStorage ?? '';
  const token = env.NETGUIDE_GITHUB_TOKEN ?? '';
  const baseUrl = env.NETGUIDE_GITHUB_API_URL ?? 'https://api.github.com';
  if (connection === '') throw new Error('AzureWebJobsStorage is not set: the storage connection string');
  if (token === '') throw new Error('NETGUIDE_GITHUB_TOKEN is not set: a token that reads the repositories');
  // Azurite (local development) speaks plain HTTP; Table clients refuse a shared key over it unless told.
  const local = /DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true/i.test(connection);
  const results = TableClient.fromConnectionString(connection, RESULTS_TABLE, { allowInsecureConnection: local });
  const failures = TableClient.fromConnectionString(connection, FAILURES_TABLE, { allowInsecureConnection: local });
  const queue = new QueueClient(connection, SCAN_QUEUE);
  const store = tableResultStore(results, failures);
  let ready: Promise<unknown> | undefined;
  // createTable and createIfNotExists leave an existing table or queue alone.
  const ensure = () =>
    (ready ??= Promise.all([results.createTable(), failures.createTable(), queue.createIfNotExists()]));
  const port = () => octokitPort(createRestClient({ token, baseUrl, log: (message) => console.warn(message) }).octokit);
  return {
    scan: {
      queueName: SCAN_QUEUE,
      connection: 'AzureWebJobsStorage',
      handler: async (entry, context) => {
        await ensure();
        // Today's date per message: retirement countdowns stay right in a long-lived instance.
        await createQueueScanHandler({ port, store, config: defaultConfig(todayUtc()) })(entry, context);
      },
    },
    async enqueue(org) {
      await ensure();
      return enqueueOrganizationScan(port(), queue, org);
    },
    async fold(org) {
      await ensure();
      return foldOrganizationInventory(store, org, todayUtc());
    },
  };
}
