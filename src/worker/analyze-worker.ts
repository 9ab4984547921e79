import { parentPort } from 'node:worker_threads';
import { analyze } from '../engine/analyze.js';
import type { PoolReply, PoolRequest } from './protocol.js';

// One analyzer per worker thread: the formats load their parsers and grammars on first use and keep them for
// every later request this worker serves.
const port = parentPort;
if (port === null) throw new Error('analyze-worker runs only as a worker thread (see worker/pool.ts)');

port.on('message', (request: PoolRequest) => {
  analyze(request.input, request.config).then(
    (report) => port.postMessage({ id: request.id, ok: true, report } satisfies PoolReply),
    (error: unknown) => {
      const reply: PoolReply =
        error instanceof Error
          ? { id: request.id, ok: false, message: error.message, stack: error.stack }
          : { id: request.id, ok: false, message: String(error) };
      port.postMessage(reply);
    },
  );
});
