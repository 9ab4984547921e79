import { createHash } from 'node:crypto';
import type { Probot } from 'probot';
import { DeliveryLog } from './memory.js';

/** GitHub caps webhook payloads at 25 MB and does not deliver larger ones. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export class BodyTooLarge extends Error {
  constructor() {
    super(`the body is over the ${MAX_WEBHOOK_BYTES} bytes GitHub ever sends`);
  }
}

/**
 * Reads a request body up to `max` bytes and stops (cancelling the stream) as soon as it is over: a forged
 * 100 MB POST costs 25 MB at most, never the whole body.
 */
export async function readCapped(
  body: AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array> | null,
  max = MAX_WEBHOOK_BYTES,
): Promise<string> {
  if (body === null) return '';
  const chunks: Buffer[] = [];
  let total = 0;
  const iterable: AsyncIterable<Uint8Array | string> =
    body instanceof ReadableStream ? (body as unknown as AsyncIterable<Uint8Array>) : body;
  for await (const chunk of iterable) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    total += buffer.byteLength;
    if (total > max) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface WebhookRequest {
  id: string;
  name: string;
  signature: string;
  body: string;
}

export interface WebhookAnswer {
  status: number;
  message: string;
}

/**
 * One delivery, verified before anything else and never logged: the signature over the raw bytes, then a
 * replay check (the same signed body under a fresh delivery id is answered, not run again), then the app.
 * A refused or failed delivery is logged by id and reason only, never with its payload.
 */
export type WebhookLog = (level: 'warn' | 'error', message: string) => void;

export function createWebhookReceiver(
  probot: Probot,
  log: WebhookLog,
  replays = new DeliveryLog(),
): (request: WebhookRequest, logFor?: WebhookLog) => Promise<WebhookAnswer> {
  const fallback = log;
  return async (request, logFor) => {
    const log = logFor ?? fallback;
    const valid = await probot.webhooks.verify(request.body, request.signature).catch(() => false);
    if (!valid) {
      log('warn', `webhook ${request.id} (${request.name}) refused: the signature does not match`);
      return { status: 400, message: 'signature does not match' };
    }
    const digest = createHash('sha256').update(request.signature).update('\0').update(request.body).digest('hex');
    if (!replays.firstTime(digest)) {
      log('warn', `webhook ${request.id} (${request.name}) is a replay of a body already handled; ignored`);
      return { status: 200, message: 'duplicate\n' };
    }
    let payload: unknown;
    try {
      payload = JSON.parse(request.body);
    } catch {
      log('warn', `webhook ${request.id} (${request.name}) refused: the body is not JSON`);
      return { status: 400, message: 'the body is not JSON' };
    }
    try {
      await probot.receive({ id: request.id, name: request.name, payload } as Parameters<Probot['receive']>[0]);
      return { status: 200, message: 'ok\n' };
    } catch (error) {
      const inner = error instanceof AggregateError ? (error.errors as unknown[])[0] : error;
      const message = inner instanceof Error ? inner.message : String(inner);
      log('error', `webhook ${request.id} (${request.name}) failed: ${message}`);
      return { status: 500, message: 'the app failed on this delivery' };
    }
  };
}
