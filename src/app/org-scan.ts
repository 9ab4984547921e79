import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import type { InvocationContext, StorageQueueHandler } from '@azure/functions';
import type { QueueClient } from '@azure/storage-queue';
import type { AnalyzeConfig } from '../engine/config.js';
import { scanRepository } from '../github/repository-scan.js';
import type { RepositoryScan } from '../github/repository-scan.js';
import type { RepositoryPort } from '../github/port.js';
import { buildInventory } from '../inventory/fold.js';
import type { Inventory } from '../inventory/fold.js';
import type { IsoDate } from '../knowledge/types.js';

/**
 * The organisation scan on Azure Storage Queues: a producer enqueues one message per repository, a
 * queue-triggered function scans one repository@commit and stores the result in Table storage, and a fold
 * reads the newest result of every repository for the organisation dashboard.
 *
 * Retries and the poison queue are the Functions runtime's: a failed invocation leaves the message on the
 * queue, and after `maxDequeueCount` (host.json, default 5) the runtime moves it to `<queue>-poison`
 * (https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#poison-messages).
 * The runtime keeps no reason with a poisoned message, so the handler records it in the failures table on
 * the last attempt, keyed by the message body.
 */
export const SCAN_QUEUE = 'netguide-scan';
export const POISON_QUEUE = `${SCAN_QUEUE}-poison`;
/** host.json `extensions.queues.maxDequeueCount`, the runtime's default. */
export const MAX_DEQUEUE_COUNT = 5;
/** Table names are alphanumeric (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model). */
export const RESULTS_TABLE = 'netguideresults';
export const FAILURES_TABLE = 'netguidefailures';
/** A binary property holds at most 64 KiB; an entity at most 1 MiB. */
const CHUNK_BYTES = 64 * 1024;
const MAX_CHUNKS = 14;

export interface ScanMessage {
  owner: string;
  repo: string;
  /** The default branch's commit when the producer listed it; empty when it could not be resolved. */
  sha: string;
}

/** A stored scan: the repository, the commit, and the report or why it could not be read. */
export interface StoredScan extends RepositoryScan {
  scannedAt: string;
}

export interface PoisonFailure {
  /** The message body as the queue holds it (base64 JSON). */
  body: string;
  reason: string;
  dequeueCount: number;
  failedAt: string;
}

/**
 * The message as the Functions runtime expects it by default (host.json `messageEncoding: base64`): the
 * JSON text, base64-encoded.
 */
export function encodeScanMessage(message: ScanMessage): string {
  return Buffer.from(JSON.stringify(message), 'utf8').toString('base64');
}

/** The runtime hands a JSON message over parsed; anything else is a reason, never a guess. */
export function parseScanMessage(entry: unknown): ScanMessage | { problem: string } {
  const value = typeof entry === 'string' ? tryJson(entry) : entry;
  if (typeof value !== 'object' || value === null) return { problem: 'message is not a JSON object' };
  const { owner, repo, sha } = value as Record<string, unknown>;
  if (typeof owner !== 'string' || owner === '' || typeof repo !== 'string' || repo === '')
    return { problem: 'message has no owner and repo' };
  if (typeof sha !== 'string' || !/^(?:[0-9a-f]{40})?$/i.test(sha))
    return { problem: `message sha ${JSON.stringify(sha)} is not a commit SHA` };
  return { owner, repo, sha: sha.toLowerCase() };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface EnqueueSummary {
  org: string;
  enqueued: ScanMessage[];
  /** Archived repositories are not scanned. */
  archived: string[];
  /** GitHub requests the producer made (the listing counts one per page of 100). */
  requests: number;
}

/**
 * Lists the organisation's repositories and enqueues one message per repository with its default branch's
 * commit. A repository whose branch cannot be resolved (empty, unreadable) is enqueued with an empty SHA,
 * so the consumer records it as unreadable rather than it disappearing from the dashboard.
 */
export async function enqueueOrganizationScan(
  port: RepositoryPort,
  queue: QueueClient,
  org: string,
  options: { concurrency?: number } = {},
): Promise<EnqueueSummary> {
  const repositories = await port.listOrgRepositories(org);
  const summary: EnqueueSummary = {
    org,
    enqueued: [],
    archived: [],
    requests: Math.max(1, Math.ceil(repositories.length / 100)),
  };
  const live = repositories.filter((repository) => {
    if (repository.archived) summary.archived.push(repository.repo);
    return !repository.archived;
  });
  await forEachLimited(live, options.concurrency ?? 8, async (repository) => {
    summary.requests += 1;
    const sha = await port.getBranchHead(repository, repository.defaultBranch).catch(() => '');
    const message: ScanMessage = { owner: repository.owner, repo: repository.repo, sha };
    await queue.sendMessage(encodeScanMessage(message));
    summary.enqueued.push(message);
  });
  summary.enqueued.sort((a, b) => a.repo.localeCompare(b.repo));
  return summary;
}

/** Where scans and poison reasons are kept; Table storage in Azure (see `tableResultStore`). */
export interface ResultStore {
  has(message: ScanMessage): Promise<boolean>;
  put(scan: RepositoryScan): Promise<void>;
  /** Every stored scan of the organisation, all commits. */
  list(owner: string): Promise<StoredScan[]>;
  recordFailure(failure: PoisonFailure): Promise<void>;
  /** The reason recorded for a poisoned message body, if any. */
  failure(body: string): Promise<PoisonFailure | undefined>;
}

/**
 * Results in Table storage: partition = owner, row = `repo@sha`, so "already scanned at this commit" is one
 * point read and the fold is one partition query. The report is gzipped JSON across binary properties
 * (64 KiB each, 1 MiB an entity); Blob storage would hold any size but needs a listing plus one read per
 * repository for the fold, where a partition query returns a thousand results in a page.
 */
export function tableResultStore(results: TableClient, failures: TableClient): ResultStore {
  return {
    async has(message) {
      if (message.sha === '') return false;
      try {
        await results.getEntity(tableKey(message.owner), tableKey(`${message.repo}@${message.sha}`), {
          queryOptions: { select: ['scannedAt'] },
        });
        return true;
      } catch (error) {
        if (statusOf(error) === 404) return false;
        throw error;
      }
    },

    async put(scan) {
      const entity: Record<string, unknown> = {
        partitionKey: tableKey(scan.owner),
        rowKey: tableKey(`${scan.repo}@${scan.sha === '' ? 'unresolved' : scan.sha}`),
        owner: scan.owner,
        repo: scan.repo,
        ref: scan.ref,
        sha: scan.sha,
        requests: scan.requests,
        scannedAt: new Date().toISOString(),
      };
      if (scan.error !== undefined) entity.error = scan.error;
      if (scan.report !== undefined) {
        const packed = gzipSync(JSON.stringify({ report: scan.report, codeowners: scan.codeowners }));
        const chunks = Math.ceil(packed.length / CHUNK_BYTES);
        if (chunks > MAX_CHUNKS) {
          entity.error = `report is ${packed.length} bytes gzipped, more than a table entity holds`;
        } else {
          entity.reportChunks = chunks;
          for (let index = 0; index < chunks; index += 1)
            entity[`report${index}`] = new Uint8Array(packed.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES));
        }
      }
      // Upsert: two consumers of the same repository@commit write the same result.
      await results.upsertEntity(entity as { partitionKey: string; rowKey: string }, 'Replace');
    },

    async list(owner) {
      const scans: StoredScan[] = [];
      const entities = results.listEntities<Record<string, unknown>>({
        queryOptions: { filter: `PartitionKey eq '${tableKey(owner).replaceAll("'", "''")}'` },
      });
      for await (const entity of entities) scans.push(fromEntity(entity));
      return scans;
    },

    async recordFailure(failure) {
      await failures.upsertEntity({ partitionKey: 'poison', rowKey: bodyKey(failure.body), ...failure }, 'Replace');
    },

    async failure(body) {
      try {
        const entity = await failures.getEntity<Record<string, unknown>>('poison', bodyKey(body));
        return {
          body: String(entity.body),
          reason: String(entity.reason),
          dequeueCount: Number(entity.dequeueCount),
          failedAt: String(entity.failedAt),
        };
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
  };
}

function fromEntity(entity: TableEntityResult<Record<string, unknown>>): StoredScan {
  const scan: StoredScan = {
    owner: String(entity.owner),
    repo: String(entity.repo),
    ref: String(entity.ref),
    sha: String(entity.sha),
    requests: Number(entity.requests),
    scannedAt: String(entity.scannedAt),
  };
  if (typeof entity.error === 'string') scan.error = entity.error;
  const chunks = Number(entity.reportChunks ?? 0);
  if (chunks > 0) {
    const parts: Uint8Array[] = [];
    for (let index = 0; index < chunks; index += 1) parts.push(entity[`report${index}`] as Uint8Array);
    const packed = JSON.parse(gunzipSync(Buffer.concat(parts)).toString('utf8')) as Pick<
      RepositoryScan,
      'report' | 'codeowners'
    >;
    if (packed.report !== undefined) scan.report = packed.report;
    if (packed.codeowners !== undefined) scan.codeowners = packed.codeowners;
  }
  return scan;
}

/** PartitionKey and RowKey refuse `/ \ # ?` and control characters; percent-encoding keeps them unique. */
function tableKey(text: string): string {
  return encodeURIComponent(text).replaceAll('%', '!');
}

function bodyKey(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'statusCode' in error
    ? Number((error as { statusCode: unknown }).statusCode)
    : undefined;
}

export interface QueueScanOptions {
  /** The GitHub port for the message's owner (an installation token for the App, a PAT for a token). */
  port: (owner: string) => RepositoryPort | Promise<RepositoryPort>;
  store: ResultStore;
  config: AnalyzeConfig;
  /** host.json `maxDequeueCount`; the last attempt records its reason before the runtime poisons it. */
  maxDequeueCount?: number;
}

/**
 * The queue-triggered handler: scans one repository@commit unless a result for that commit is stored
 * already (a duplicate message, a re-run), and stores it. A repository that cannot be read is stored as
 * such (`error`), not retried: the scan reports API errors as values. What throws — a malformed message,
 * storage down — is retried by the runtime, and on the last attempt its reason is recorded. Register with
 * `app.storageQueue('netguide-scan', { queueName: SCAN_QUEUE, connection: 'AzureWebJobsStorage', handler })`.
 */
export function createQueueScanHandler(options: QueueScanOptions): StorageQueueHandler {
  const maxDequeueCount = options.maxDequeueCount ?? MAX_DEQUEUE_COUNT;
  return async (entry: unknown, context: InvocationContext) => {
    try {
      const message = parseScanMessage(entry);
      if ('problem' in message) throw new Error(message.problem);
      const name = `${message.owner}/${message.repo}@${message.sha === '' ? '(unresolved)' : message.sha}`;
      if (await options.store.has(message)) {
        context.log(`${name}: already scanned, skipped`);
        return;
      }
      const port = await options.port(message.owner);
      const scan = await scanRepository(
        port,
        { owner: message.owner, repo: message.repo, ...(message.sha === '' ? {} : { ref: message.sha }) },
        { config: options.config },
      );
      await options.store.put(scan);
      context.log(scan.error === undefined ? `${name}: scanned` : `${name}: unreadable: ${scan.error}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const dequeueCount = Number(context.triggerMetadata?.dequeueCount ?? 1);
      context.error(`attempt ${dequeueCount} of ${maxDequeueCount} failed: ${reason}`);
      if (dequeueCount >= maxDequeueCount) {
        await options.store.recordFailure({
          body: queueBody(entry),
          reason,
          dequeueCount,
          failedAt: new Date().toISOString(),
        });
      }
      throw error;
    }
  };
}

/** The body as the queue holds it: the runtime hands over JSON parsed and text decoded. */
function queueBody(entry: unknown): string {
  const text = typeof entry === 'string' ? entry : JSON.stringify(entry);
  return Buffer.from(text, 'utf8').toString('base64');
}

/** The reason a poisoned message failed, looked up by its body. */
export function poisonReason(store: ResultStore, body: string): Promise<PoisonFailure | undefined> {
  return store.failure(body);
}

/**
 * The fold: the newest stored scan of every repository of the organisation (one per repository, however
 * many times it was enqueued or scanned), sorted by name; unreadable ones keep their reason.
 */
export async function foldOrganizationScans(store: ResultStore, owner: string): Promise<StoredScan[]> {
  const newest = new Map<string, StoredScan>();
  for (const scan of await store.list(owner)) {
    const current = newest.get(scan.repo);
    if (current === undefined || current.scannedAt < scan.scannedAt) newest.set(scan.repo, scan);
  }
  return [...newest.values()].sort((a, b) => a.repo.localeCompare(b.repo));
}

/**
 * The organisation's inventory from the stored scans (the newest per repository), folded by the same
 * `buildInventory` as `netguide inventory`: what the organisation dashboard shows.
 */
export async function foldOrganizationInventory(store: ResultStore, owner: string, today: IsoDate): Promise<Inventory> {
  const scans = await foldOrganizationScans(store, owner);
  return buildInventory(
    scans.map((scan) => ({
      name: `${scan.owner}/${scan.repo}`,
      ref: scan.ref,
      sha: scan.sha,
      requests: scan.requests,
      ...(scan.report === undefined ? {} : { report: scan.report }),
      ...(scan.error === undefined ? {} : { error: scan.error }),
      ...(scan.codeowners === undefined ? {} : { codeowners: scan.codeowners }),
    })),
    { today },
  );
}

async function forEachLimited<T>(items: readonly T[], limit: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await each(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
