// The organisation scan on Storage Queues at 1,000 repositories: generated repositories in the fake GitHub,
// Azurite for the queue and the tables, and 1, 2 and 4 consumer processes each running the local queue host
// (batches of 16, like one Functions instance). Prints a Markdown table and writes
// bench/results/org-scan-<date>.json. Run with `node bench/org-scan.mjs` (BENCH_REPOS, BENCH_CONSUMERS).
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TableClient } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import { Octokit } from '@octokit/rest';
import {
  createQueueScanHandler,
  enqueueOrganizationScan,
  foldOrganizationScans,
  tableResultStore,
} from '../src/app/org-scan.js';
import { defaultConfig } from '../src/engine/config.js';
import { octokitPort } from '../src/github/octokit.js';
import { startFakeGitHub } from '../test/fake-github/server.js';
import { startAzurite } from '../test/support/azurite.js';
import { drainQueue } from '../test/support/queue-host.js';
import { terraformCluster } from '../test/support/terraform.js';

const config = defaultConfig('2026-12-05');

function tables(connectionString: string, run: string) {
  const options = { allowInsecureConnection: true };
  return {
    results: TableClient.fromConnectionString(connectionString, `results${run}`, options),
    failures: TableClient.fromConnectionString(connectionString, `failures${run}`, options),
  };
}

/** A consumer process: drains the run's queue with the local host, then reports its invocations. */
async function consumer(): Promise<void> {
  const { CONNECTION = '', GITHUB_URL = '', RUN = '' } = process.env;
  const { results, failures } = tables(CONNECTION, RUN);
  const handler = createQueueScanHandler({
    port: () => octokitPort(new Octokit({ auth: 't-read', baseUrl: GITHUB_URL })),
    store: tableResultStore(results, failures),
    config,
  });
  const stats = await drainQueue({
    queue: new QueueClient(CONNECTION, `scan${RUN}`),
    poison: new QueueClient(CONNECTION, `scan${RUN}-poison`),
    handler,
  });
  process.stdout.write(`${JSON.stringify(stats)}\n`);
}

function files(index: number): Record<string, string> {
  const base = { 'README.md': `# service ${index}\n`, 'src/index.ts': `export const service = ${index};\n` };
  if (index % 3 === 0) return { ...base, 'infra/aks.tf': terraformCluster('    network_plugin = "kubenet"') };
  if (index % 3 === 1)
    return {
      ...base,
      'infra/aks.tf': terraformCluster('    network_plugin      = "azure"\n    network_plugin_mode = "overlay"'),
    };
  return base;
}

function runConsumer(script: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, 'consumer'], { env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`consumer exited ${code}: ${out}`))));
  });
}

async function main(): Promise<void> {
  const repos = Number(process.env.BENCH_REPOS ?? 1000);
  const counts = (process.env.BENCH_CONSUMERS ?? '1,2,4').split(',').map(Number);
  const started = Date.now();
  const [azurite, fake] = await Promise.all([startAzurite(), startFakeGitHub()]);
  fake.addToken('t-read', { login: 'org-scanner', type: 'User', write: false });
  for (let index = 0; index < repos; index += 1) {
    const name = `acme/svc-${String(index).padStart(4, '0')}`;
    fake.createRepo(name);
    fake.commit(name, files(index));
  }
  const port = octokitPort(new Octokit({ auth: 't-read', baseUrl: fake.url }));
  const script = fileURLToPath(import.meta.url);
  const rows = [];
  try {
    for (const consumers of counts) {
      const run = `c${consumers}`;
      const queue = new QueueClient(azurite.connectionString, `scan${run}`);
      const { results, failures } = tables(azurite.connectionString, run);
      await Promise.all([queue.createIfNotExists(), results.createTable(), failures.createTable()]);
      fake.reset();
      const t0 = performance.now();
      const enqueued = await enqueueOrganizationScan(port, queue, 'acme');
      const t1 = performance.now();
      const producerRequests = fake.requests.length;
      const env = { CONNECTION: azurite.connectionString, GITHUB_URL: fake.url, RUN: run };
      const outputs = await Promise.all(Array.from({ length: consumers }, () => runConsumer(script, env)));
      const t2 = performance.now();
      const scans = await foldOrganizationScans(tableResultStore(results, failures), 'acme');
      const t3 = performance.now();
      const invocations = outputs.map(
        (out) => (JSON.parse(out.trim().split('\n').pop() ?? '{}') as { invocations: number }).invocations,
      );
      rows.push({
        consumers,
        repositories: enqueued.enqueued.length,
        stored: scans.length,
        unreadable: scans.filter((scan) => scan.error !== undefined).length,
        kubenet: scans.filter((scan) => scan.report?.clusters.some((c) => c.classification.model === 'kubenet')).length,
        enqueueMs: Math.round(t1 - t0),
        consumeMs: Math.round(t2 - t1),
        foldMs: Math.round(t3 - t2),
        wallMs: Math.round(t3 - t0),
        requestsPerRepository: Number((fake.requests.length / repos).toFixed(2)),
        producerRequestsPerRepository: Number((producerRequests / repos).toFixed(2)),
        invocationsPerConsumer: invocations,
      });
      process.stderr.write(`${JSON.stringify(rows.at(-1))}\n`);
    }
  } finally {
    await Promise.all([azurite.stop(), fake.close()]);
  }
  const base = rows[0]?.consumeMs ?? 1;
  const machine = {
    cpu: cpus()[0]?.model ?? '',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  const date = new Date().toISOString();
  const results = { date, machine, repos, durationMs: Date.now() - started, rows };
  const dir = path.join(path.dirname(script), '../../../bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `org-scan-${date.slice(0, 10)}.json`), `${JSON.stringify(results, null, 2)}\n`);
  const lines = [
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node.js ${machine.node}, ${date}, ${repos} repositories`,
    '',
    '| consumers | enqueue | consume | fold | wall | speedup (consume) | requests / repository | stored | kubenet | unreadable |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.consumers} | ${(row.enqueueMs / 1000).toFixed(1)} s | ${(row.consumeMs / 1000).toFixed(1)} s | ${(row.foldMs / 1000).toFixed(1)} s | ${(row.wallMs / 1000).toFixed(1)} s | ${(base / row.consumeMs).toFixed(2)}× | ${row.requestsPerRepository} (producer ${row.producerRequestsPerRepository}) | ${row.stored} | ${row.kubenet} | ${row.unreadable} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[2] === 'consumer') await consumer();
else await main();
