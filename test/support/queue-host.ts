import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
// A CommonJS package without named ESM exports under plain Node (the bench): the default import works in both.
import functions from '@azure/functions';
import type { StorageQueueHandler } from '@azure/functions';
import type { DequeuedMessageItem, QueueClient } from '@azure/storage-queue';

/**
 * A local stand-in for the Azure Functions host's queue trigger, which func core tools would give us: in
 * Azure the real runtime does all of this. Its semantics, from the queue trigger's documentation
 * (https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger): messages are
 * fetched in batches (`batchSize`, default 16) with a 10-minute lease; the body is base64-decoded and
 * handed over parsed when it is JSON; success deletes the message; a failure makes it visible again after
 * `visibilityTimeout` (default 0) with its dequeueCount raised by the next fetch; a message whose
 * dequeueCount reached `maxDequeueCount` (default 5) and failed, or that is fetched with a higher count, is
 * copied unchanged to `<queue>-poison` and deleted.
 */
export interface QueueHostOptions {
  queue: QueueClient;
  poison: QueueClient;
  handler: StorageQueueHandler;
  functionName?: string;
  maxDequeueCount?: number;
  batchSize?: number;
  visibilityTimeoutSeconds?: number;
  /** Invocation log lines; default: dropped. */
  log?: (level: string, message: string) => void;
}

export interface QueueHostStats {
  invocations: number;
  succeeded: number;
  failed: number;
  poisoned: number;
}

const LEASE_SECONDS = 600;

/** Runs the trigger until the queue is empty (no visible nor leased message). */
export async function drainQueue(options: QueueHostOptions): Promise<QueueHostStats> {
  const stats: QueueHostStats = { invocations: 0, succeeded: 0, failed: 0, poisoned: 0 };
  await options.poison.createIfNotExists();
  for (;;) {
    const { receivedMessageItems } = await options.queue.receiveMessages({
      numberOfMessages: options.batchSize ?? 16,
      visibilityTimeout: LEASE_SECONDS,
    });
    if (receivedMessageItems.length === 0) {
      // Messages leased by another consumer may still come back after a failure.
      if ((await options.queue.getProperties()).approximateMessagesCount === 0) return stats;
      await sleep(25);
      continue;
    }
    await Promise.all(receivedMessageItems.map((message) => invoke(options, message, stats)));
  }
}

async function invoke(options: QueueHostOptions, message: DequeuedMessageItem, stats: QueueHostStats): Promise<void> {
  const maxDequeueCount = options.maxDequeueCount ?? 5;
  if (message.dequeueCount > maxDequeueCount) {
    await poison(options, message, stats);
    return;
  }
  const context = new functions.InvocationContext({
    invocationId: randomUUID(),
    functionName: options.functionName ?? 'queue',
    triggerMetadata: {
      id: message.messageId,
      dequeueCount: message.dequeueCount,
      insertionTime: message.insertedOn.toISOString(),
      expirationTime: message.expiresOn.toISOString(),
      nextVisibleTime: message.nextVisibleOn.toISOString(),
      popReceipt: message.popReceipt,
    },
    logHandler: (level, ...args) => options.log?.(level, args.map(String).join(' ')),
  });
  stats.invocations += 1;
  try {
    await options.handler(decode(message.messageText), context);
    stats.succeeded += 1;
    await options.queue.deleteMessage(message.messageId, message.popReceipt);
  } catch {
    stats.failed += 1;
    if (message.dequeueCount >= maxDequeueCount) {
      await poison(options, message, stats);
    } else {
      await options.queue.updateMessage(
        message.messageId,
        message.popReceipt,
        undefined,
        options.visibilityTimeoutSeconds ?? 0,
      );
    }
  }
}

async function poison(options: QueueHostOptions, message: DequeuedMessageItem, stats: QueueHostStats): Promise<void> {
  await options.poison.sendMessage(message.messageText);
  await options.queue.deleteMessage(message.messageId, message.popReceipt);
  stats.poisoned += 1;
}

/** The runtime's default `messageEncoding` is base64; JSON is handed to the function parsed. */
function decode(text: string): unknown {
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  try {
    return JSON.parse(decoded);
  } catch {
    return decoded;
  }
}
