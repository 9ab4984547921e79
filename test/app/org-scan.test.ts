import { TableClient } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAILURES_TABLE,
  POISON_QUEUE,
  RESULTS_TABLE,
  SCAN_QUEUE,
  createQueueScanHandler,
  encodeScanMessage,
  enqueueOrganizationScan,
  foldOrganizationInventory,
  foldOrganizationScans,
  parseScanMessage,
  tableResultStore,
} from '../../src/app/org-scan.js';
import type { ResultStore, StoredScan } from '../../src/app/org-scan.js';
import { organizationScanFromEnvironment } from '../../src/app/azure-function.js';
import { defaultConfig } from '../../src/engine/config.js';
import { octokitPort } from '../../src/github/octokit.js';
import { startFakeGitHub } from '../fake-github/server.js';
import type { FakeGitHub } from '../fake-github/server.js';
import { startAzurite } from '../support/azurite.js';
import type { Azurite } from '../support/azurite.js';
import { drainQueue } from '../support/queue-host.js';
import type { QueueHostStats } from '../support/queue-host.js';
import { terraformCluster } from '../support/terraform.js';

const REPOSITORIES = 50;
const config = defaultConfig('2026-12-05');

/** Repository i: every third on kubenet, every third on Overlay, the rest without a cluster. */
function filesOf(index: number): Record<string, string> {
  const readme = { 'README.md': `# service ${index}\n` };
  if (index % 3 === 0) return { ...readme, 'infra/aks.tf': terraformCluster('    network_plugin = "kubenet"') };
  if (index % 3 === 1)
    return {
      ...readme,
      'infra/aks.tf': terraformCluster('    network_plugin      = "azure"\n    network_plugin_mode = "overlay"'),
    };
  return readme;
}

const name = (index: number) => `svc-${String(index).padStart(2, '0')}`;

describe('organisation scan on Storage Queues (Azurite + fake GitHub)', () => {
  let azurite: Azurite;
  let fake: FakeGitHub;
  let queue: QueueClient;
  let poison: QueueClient;
  let store: ResultStore;
  let handler: ReturnType<typeof createQueueScanHandler>;
  // Plain @octokit/rest: the throttling plugin spaces GraphQL queries a second apart, which the fake needs not.
  const port = () => octokitPort(new Octokit({ auth: 't-read', baseUrl: fake.url }));

  beforeAll(async () => {
    [azurite, fake] = await Promise.all([startAzurite(), startFakeGitHub({ validateResponses: true })]);
    fake.addToken('t-read', { login: 'org-scanner', type: 'User', write: false });
    for (let index = 0; index < REPOSITORIES; index += 1) {
      fake.createRepo(`acme/${name(index)}`);
      fake.commit(`acme/${name(index)}`, filesOf(index));
    }
    // No commit: GitHub answers 409 "Git Repository is empty." for its branch.
    fake.createRepo('acme/empty');
    queue = new QueueClient(azurite.connectionString, SCAN_QUEUE);
    poison = new QueueClient(azurite.connectionString, POISON_QUEUE);
    const results = TableClient.fromConnectionString(azurite.connectionString, RESULTS_TABLE, {
      allowInsecureConnection: true,
    });
    const failures = TableClient.fromConnectionString(azurite.connectionString, FAILURES_TABLE, {
      allowInsecureConnection: true,
    });
    await Promise.all([queue.createIfNotExists(), results.createTable(), failures.createTable()]);
    store = tableResultStore(results, failures);
    handler = createQueueScanHandler({ port: () => port(), store, config });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([azurite?.stop(), fake?.close()]);
  });

  const drain = (consumers = 2): Promise<QueueHostStats[]> =>
    Promise.all(
      Array.from({ length: consumers }, () => drainQueue({ queue, poison, handler, functionName: 'netguide-scan' })),
    );
  const treeReads = (repo: string) =>
    fake.requests.filter((request) => request.operationId === 'git/get-tree' && request.path.includes(`/acme/${repo}/`))
      .length;
  const kubenetRepos = (scans: StoredScan[]) =>
    scans
      .filter((scan) => scan.report?.clusters.some((cluster) => cluster.classification.model === 'kubenet'))
      .map((scan) => scan.repo);

  it('scans every repository once, lists the unreadable one, poisons the malformed message with its reason', async () => {
    // Arrange
    const enqueued = await enqueueOrganizationScan(port(), queue, 'acme');
    const duplicate = enqueued.enqueued.find((message) => message.repo === 'svc-03');
    const malformed = Buffer.from(JSON.stringify({ owner: 'acme' })).toString('base64');
    await queue.sendMessage(encodeScanMessage(duplicate!));
    await queue.sendMessage(malformed);

    // Act
    const stats = await drain();
    const scans = await foldOrganizationScans(store, 'acme');
    const poisoned = (await poison.receiveMessages({ numberOfMessages: 32 })).receivedMessageItems;

    // Assert
    expect(enqueued.enqueued).toHaveLength(REPOSITORIES + 1);
    expect(enqueued.enqueued.find((message) => message.repo === 'empty')).toEqual({
      owner: 'acme',
      repo: 'empty',
      sha: '',
    });
    expect(scans.map((scan) => scan.repo)).toEqual([
      'empty',
      ...Array.from({ length: REPOSITORIES }, (_, index) => name(index)),
    ]);
    expect(scans.filter((scan) => scan.error !== undefined).map((scan) => [scan.repo, scan.error])).toEqual([
      ['empty', expect.stringContaining('empty')],
    ]);
    expect(kubenetRepos(scans)).toEqual(
      Array.from({ length: REPOSITORIES }, (_, index) => index)
        .filter((index) => index % 3 === 0)
        .map(name),
    );
    expect(scans.find((scan) => scan.repo === 'svc-03')?.sha).toEqual(duplicate?.sha);
    expect(treeReads('svc-03')).toEqual(1);
    expect(poisoned.map((message) => message.messageText)).toEqual([malformed]);
    const inventory = await foldOrganizationInventory(store, 'acme', '2026-12-05');
    expect(inventory.totals).toEqual({
      repositories: REPOSITORIES + 1,
      unreadableRepositories: 1,
      clusters: 34,
      kubenetClusters: 17,
      findings: expect.any(Number),
    });
    expect(inventory.repositories.filter((repository) => repository.status === 'unreadable')).toEqual([
      expect.objectContaining({ name: 'acme/empty', reason: expect.stringContaining('empty') }),
    ]);
    expect(await store.failure(malformed)).toEqual({
      body: malformed,
      reason: 'message has no owner and repo',
      dequeueCount: 5,
      failedAt: expect.any(String),
    });
    // 51 scans + the duplicate + 5 attempts of the malformed message.
    expect(stats.reduce((sum, each) => sum + each.invocations, 0)).toEqual(REPOSITORIES + 1 + 1 + 5);
    expect(stats.reduce((sum, each) => sum + each.poisoned, 0)).toEqual(1);
  }, 120_000);

  it('a re-run rescans nothing unchanged, picks up a new commit, and folds to one result per repository', async () => {
    // Arrange
    const before = await foldOrganizationScans(store, 'acme');
    const head = fake.state.repos.get('acme/svc-04')?.branches.get('main');
    fake.commit('acme/svc-04', { 'infra/aks.tf': terraformCluster('    network_plugin = "kubenet"') }, head);
    fake.reset();

    // Act
    await enqueueOrganizationScan(port(), queue, 'acme');
    await drain();
    const after = await foldOrganizationScans(store, 'acme');

    // Assert
    const readTrees = fake.requests.filter((request) => request.operationId === 'git/get-tree').map((r) => r.path);
    expect(readTrees).toEqual([expect.stringContaining('/acme/svc-04/')]);
    expect(after.map((scan) => scan.repo)).toEqual(before.map((scan) => scan.repo));
    expect(after.find((scan) => scan.repo === 'svc-04')?.sha).not.toEqual(
      before.find((scan) => scan.repo === 'svc-04')?.sha,
    );
    expect(kubenetRepos(after)).toEqual([...kubenetRepos(before), 'svc-04'].sort());
    expect((await store.list('acme')).filter((scan) => scan.repo === 'svc-04')).toHaveLength(2);
  }, 120_000);

  it('runs from the function app settings: the registered trigger options drain through the host', async () => {
    // Arrange
    fake.createRepo('contoso/platform');
    fake.commit('contoso/platform', filesOf(0));
    fake.createRepo('contoso/web');
    fake.commit('contoso/web', filesOf(1));
    const functions = organizationScanFromEnvironment({
      AzureWebJobsStorage: azurite.connectionString,
      NETGUIDE_GITHUB_TOKEN: 't-read',
      NETGUIDE_GITHUB_API_URL: fake.url,
    });

    // Act
    const enqueued = await functions.enqueue('contoso');
    await drainQueue({
      queue: new QueueClient(azurite.connectionString, functions.scan.queueName),
      poison: new QueueClient(azurite.connectionString, `${functions.scan.queueName}-poison`),
      handler: functions.scan.handler,
    });
    const inventory = await functions.fold('contoso');

    // Assert
    expect(functions.scan).toEqual({
      queueName: 'netguide-scan',
      connection: 'AzureWebJobsStorage',
      handler: expect.any(Function),
    });
    expect(enqueued.enqueued.map((message) => message.repo)).toEqual(['platform', 'web']);
    expect(inventory.clusters.map((cluster) => [cluster.repository, cluster.file, cluster.model])).toEqual([
      ['contoso/platform', 'infra/aks.tf', 'kubenet'],
      ['contoso/web', 'infra/aks.tf', 'azure-cni-overlay'],
    ]);
  }, 120_000);
});

describe('organizationScanFromEnvironment', () => {
  it.each([
    [{}, 'AzureWebJobsStorage is not set: the storage connection string'],
    [
      { AzureWebJobsStorage: 'UseDevelopmentStorage=true' },
      'NETGUIDE_GITHUB_TOKEN is not set: a token that reads the repositories',
    ],
  ])('%j', (env, message) => {
    expect(() => organizationScanFromEnvironment(env)).toThrow(message);
  });
});

describe('parseScanMessage', () => {
  it.each([
    [
      { owner: 'acme', repo: 'a', sha: 'A'.repeat(40) },
      { owner: 'acme', repo: 'a', sha: 'a'.repeat(40) },
    ],
    ['{"owner":"acme","repo":"a","sha":""}', { owner: 'acme', repo: 'a', sha: '' }],
    ['not json', { problem: 'message is not a JSON object' }],
    [{ owner: 'acme' }, { problem: 'message has no owner and repo' }],
    [{ owner: 'acme', repo: 'a', sha: 'main' }, { problem: 'message sha "main" is not a commit SHA' }],
  ])('%j', (entry, expected) => {
    expect(parseScanMessage(entry)).toEqual(expected);
  });
});
