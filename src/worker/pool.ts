import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ResourceLimits } from 'node:worker_threads';
import type { AnalyzeInput, Report } from '../engine/analyze.js';
import type { AnalyzeConfig } from '../engine/config.js';
import type { PoolReply, PoolRequest } from './protocol.js';

/**
 * A fixed set of `worker_threads` that run `analyze` off the caller's thread. Each worker imports the
 * analyzer once, so the formats' parsers and tree-sitter grammars are loaded once per worker and reused by
 * every analysis it runs. Inputs, configuration and reports are plain data (structured clone).
 */
export interface AnalysisPool {
  /** Analyzes in the next free worker. Rejects when the analysis throws or its worker dies; the pool lives on. */
  analyze(input: AnalyzeInput, config: AnalyzeConfig): Promise<Report>;
  /** Rejects what is queued or running and ends the workers. */
  close(): Promise<void>;
  readonly size: number;
}

export interface AnalysisPoolOptions {
  /** How many workers; default `os.availableParallelism()`. */
  size?: number;
  /** Heap limits per worker: an analysis that exceeds them fails alone instead of taking the process down. */
  resourceLimits?: ResourceLimits;
}

interface Task {
  request: PoolRequest;
  resolve: (report: Report) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | undefined;
  /** Being replaced: takes no more work. */
  retiring: boolean;
}

/** The worker's entry: compiled next to this module (`lib/worker/analyze-worker.js`). */
const WORKER_URL = new URL('./analyze-worker.js', import.meta.url);

export function createAnalysisPool(options: AnalysisPoolOptions = {}): AnalysisPool {
  const size = options.size ?? availableParallelism();
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a whole number ≥ 1, not ${size}`);
  const queue: Task[] = [];
  const slots: Slot[] = [];
  let nextId = 0;
  let closed = false;

  function spawn(): Slot {
    const worker = new Worker(WORKER_URL, { resourceLimits: options.resourceLimits });
    const slot: Slot = { worker, task: undefined, retiring: false };
    slot.worker.on('message', (reply: PoolReply) => {
      const task = slot.task;
      if (task === undefined || task.request.id !== reply.id) return;
      slot.task = undefined;
      if (reply.ok) {
        task.resolve(reply.report);
        dispatch();
        return;
      }
      task.reject(new Error(`analysis failed in worker: ${reply.message}`, { cause: reply.stack }));
      // An analysis that threw may leave a parser's state broken (an aborted WebAssembly runtime fails every
      // later parse): the worker is replaced rather than trusted with the next input.
      slot.retiring = true;
      void slot.worker.terminate();
    });
    // A worker that dies (uncaught error, out of memory, process.exit) fails only its own task; a fresh
    // worker takes its place.
    let failure: Error | undefined;
    slot.worker.on('error', (error) => {
      failure = error;
    });
    slot.worker.on('exit', (code) => {
      const index = slots.indexOf(slot);
      if (index === -1) return;
      const task = slot.task;
      slot.task = undefined;
      if (task !== undefined) {
        const why = failure === undefined ? `exit code ${code}` : failure.message;
        task.reject(new Error(`analysis worker crashed (${why})`, { cause: failure }));
      }
      if (closed) return;
      slots[index] = spawn();
      dispatch();
    });
    slot.worker.unref();
    return slot;
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (slot.task !== undefined || slot.retiring) continue;
      const task = queue.shift();
      if (task === undefined) return;
      slot.task = task;
      slot.worker.ref();
      try {
        slot.worker.postMessage(task.request);
      } catch (error) {
        // Not structured-cloneable (a function, a class instance): the caller's mistake, told to the caller.
        slot.task = undefined;
        task.reject(new Error(`analysis input cannot be sent to a worker: ${String(error)}`, { cause: error }));
      }
    }
    for (const slot of slots) if (slot.task === undefined) slot.worker.unref();
  }

  for (let index = 0; index < size; index++) slots.push(spawn());

  return {
    size,
    analyze(input, config) {
      if (closed) return Promise.reject(new Error('the analysis pool is closed'));
      return new Promise<Report>((resolve, reject) => {
        queue.push({ request: { id: nextId++, input, config }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const task of queue.splice(0)) task.reject(new Error('the analysis pool was closed'));
      const ending = slots.map(async (slot) => {
        const task = slot.task;
        slot.task = undefined;
        task?.reject(new Error('the analysis pool was closed'));
        await slot.worker.terminate();
      });
      await Promise.all(ending);
      slots.length = 0;
    },
  };
}
