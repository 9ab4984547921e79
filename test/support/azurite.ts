import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

// Resolved like any package, so the transpiled bench (bench/.out-org-scan/) finds it too.
const AZURITE = createRequire(import.meta.url).resolve('azurite/dist/src/azurite.js');
/** Azurite's well-known development account (https://learn.microsoft.com/azure/storage/common/storage-use-azurite#well-known-storage-account-and-key). */
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  /** A connection string for the queue and table services, like `AzureWebJobsStorage`. */
  connectionString: string;
  stop(): Promise<void>;
}

/** Azurite on 127.0.0.1 with free ports, in memory, run in a temp folder removed on stop. */
export async function startAzurite(): Promise<Azurite> {
  const workspace = mkdtempSync(join(tmpdir(), 'netguide-azurite-'));
  const child = spawn(
    process.execPath,
    [
      AZURITE,
      '--inMemoryPersistence',
      '--blobHost',
      '127.0.0.1',
      '--queueHost',
      '127.0.0.1',
      '--tableHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--queuePort',
      '0',
      '--tablePort',
      '0',
      '--skipApiVersionCheck',
      '--disableProductStyleUrl',
    ],
    // In memory; the working directory only takes what Azurite writes beside it.
    { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const ports = await new Promise<{ queue: string; table: string }>((resolve, reject) => {
    const found: Record<string, string> = {};
    const timer = setTimeout(() => reject(new Error(`Azurite did not start:\n${output}`)), 30_000);
    child.on('exit', (code) => reject(new Error(`Azurite exited with ${code}:\n${output}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const match of output.matchAll(
        /Azurite (?<service>Queue|Table) service is successfully listening at (?<url>\S+)/g,
      )) {
        found[match.groups?.service ?? ''] = match.groups?.url ?? '';
      }
      if (found.Queue !== undefined && found.Table !== undefined) {
        clearTimeout(timer);
        resolve({ queue: found.Queue, table: found.Table });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
  const connectionString = [
    'DefaultEndpointsProtocol=http',
    `AccountName=${ACCOUNT}`,
    `AccountKey=${KEY}`,
    `QueueEndpoint=${ports.queue}/${ACCOUNT}`,
    `TableEndpoint=${ports.table}/${ACCOUNT}`,
  ].join(';');
  return {
    connectionString,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // Azurite closes its servers on SIGINT; a kill after 5 s if it hangs on an open connection.
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}
