import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { createProbot } from 'probot';
import type { ApplicationFunction, Probot } from 'probot';
import app from './index.js';

type WebhookEvent = Parameters<Probot['webhooks']['verifyAndReceive']>[0];

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
  let loaded: Promise<Probot> | undefined;
  const ready = (): Promise<Probot> =>
    (loaded ??= (async () => {
      const probot = options.probot ?? createProbot();
      await probot.load(options.appFn ?? app);
      return probot;
    })());

  return async (request, context) => {
    const missing = REQUIRED_HEADERS.filter((name) => request.headers.get(name) === null);
    if (request.method !== 'POST') return { status: 405, jsonBody: { error: 'POST webhooks here' } };
    if (missing.length > 0) return { status: 400, jsonBody: { error: `missing headers: ${missing.join(', ')}` } };
    const event = {
      id: request.headers.get('x-github-delivery') ?? '',
      name: request.headers.get('x-github-event') ?? '',
      signature: request.headers.get('x-hub-signature-256') ?? '',
      // The signature covers the bytes as sent, so the body is read raw, never re-serialized.
      payload: await request.text(),
    } as WebhookEvent;
    const probot = await ready();
    try {
      await probot.webhooks.verifyAndReceive(event);
      return { status: 200, body: 'ok\n' };
    } catch (error) {
      const status = statusOf(error) ?? 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status >= 500) context.error(`webhook ${event.id} (${event.name}) failed: ${message}`);
      else context.warn(`webhook ${event.id} refused: ${message}`);
      return { status, jsonBody: { error: message } };
    }
  };
}

/** @octokit/webhooks wraps errors in an AggregateError; the first one carries the HTTP status. */
function statusOf(error: unknown): number | undefined {
  const inner = error instanceof AggregateError ? (error.errors as unknown[])[0] : error;
  if (inner !== null && typeof inner === 'object' && 'status' in inner && typeof inner.status === 'number')
    return inner.status;
  return undefined;
}
