// scanRepository end to end: @octokit/rest (retry + throttling) against the fake GitHub, which validates
// every request against GitHub's OpenAPI description.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/engine/config.js';
import { octokitPort } from '../../src/github/octokit.js';
import { createRestClient } from '../../src/github/rest-client.js';
import { scanRepository } from '../../src/github/repository-scan.js';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../fake-github/server.js';

const KUBENET = `resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aks"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  network_profile {
    network_plugin = "kubenet"
  }
}
`;
const config = { ...defaultConfig('2026-12-05'), maxFileBytes: 4096 };

let fake: FakeGitHub;

async function start(options: FakeGitHubOptions = {}): Promise<ReturnType<typeof octokitPort>> {
  fake = await startFakeGitHub({ validateResponses: true, ...options });
  fake.addToken('t-read', { login: 'inventory-reader', type: 'User', write: false });
  const client = createRestClient({ token: 't-read', baseUrl: fake.url, retries: 0, log: () => undefined });
  return octokitPort(client.octokit);
}

afterEach(async () => {
  expect(fake.responseErrors).toEqual([]);
  await fake.close();
});

describe('scanRepository', () => {
  let port: ReturnType<typeof octokitPort>;
  beforeEach(async () => {
    port = await start();
  });

  it('reads the default branch: its commit, one tree, one blob batch, and analyzes the relevant files', async () => {
    // Arrange
    fake.createRepo('acme/infra', { defaultBranch: 'trunk' });
    const sha = fake.commit('acme/infra', {
      'aks/main.tf': KUBENET,
      'notes.txt': 'infra\n',
      '.github/CODEOWNERS': '/aks/ @acme/platform\n',
    });

    // Act
    const scan = await scanRepository(port, { owner: 'acme', repo: 'infra' }, { config });

    // Assert
    expect(scan.error).toBeUndefined();
    expect({ ref: scan.ref, sha: scan.sha, requests: scan.requests }).toEqual({ ref: 'trunk', sha, requests: 4 });
    expect(fake.count()).toBe(4);
    expect(scan.report?.clusters.map((c) => [c.cluster.range.file, c.classification.model])).toEqual([
      ['aks/main.tf', 'kubenet'],
    ]);
    expect(scan.codeowners).toEqual({ path: '.github/CODEOWNERS', text: '/aks/ @acme/platform\n' });
    // notes.txt is not relevant to any format: never read.
    const graphql = fake.requests.find((request) => request.operationId === 'graphql');
    expect(JSON.stringify(graphql?.body)).not.toContain('notes.txt');
  });

  it('takes the ref it is given without asking for the default branch', async () => {
    fake.createRepo('acme/infra');
    const sha = fake.commit('acme/infra', { 'main.tf': KUBENET });

    const scan = await scanRepository(port, { owner: 'acme', repo: 'infra', ref: 'main' }, { config });

    expect({ sha: scan.sha, requests: scan.requests, operations: fake.requests.map((r) => r.operationId) }).toEqual({
      sha,
      requests: 3,
      operations: ['git/get-ref', 'git/get-tree', 'graphql'],
    });
  });

  it('reports a file above the size limit as too large without reading it', async () => {
    fake.createRepo('acme/infra');
    fake.commit('acme/infra', { 'main.tf': KUBENET, 'big.tf': `# ${'x'.repeat(5000)}\n` });

    const scan = await scanRepository(port, { owner: 'acme', repo: 'infra', ref: 'main' }, { config });

    const graphql = fake.requests.find((request) => request.operationId === 'graphql');
    expect(JSON.stringify(graphql?.body)).not.toContain('big.tf');
    expect(scan.report?.findings.filter((f) => f.range.file === 'big.tf').map((f) => f.ruleId)).toEqual([
      'not-analyzed',
    ]);
  });

  it('counts a binary file read raw as one more request', async () => {
    fake.createRepo('acme/infra');
    fake.commit('acme/infra', { 'main.tf': KUBENET, 'blob.tf': 'PNG\0\x01\x02' });

    const scan = await scanRepository(port, { owner: 'acme', repo: 'infra', ref: 'main' }, { config });

    expect(fake.requests.map((r) => r.operationId)).toEqual([
      'git/get-ref',
      'git/get-tree',
      'graphql',
      'repos/get-content',
    ]);
    expect(scan.requests).toBe(4);
  });

  it("applies the repository's netguide.yml: excluded paths and rules turned off", async () => {
    fake.createRepo('acme/infra');
    fake.commit('acme/infra', {
      'prod/main.tf': KUBENET,
      'sandbox/main.tf': KUBENET.replace('"aks"', '"sandbox"'),
      '.github/netguide.yml': 'paths:\n  exclude: ["sandbox/**"]\nrules:\n  kubenet-retirement: "off"\n',
    });

    const scan = await scanRepository(port, { owner: 'acme', repo: 'infra', ref: 'main' }, { config });

    expect(scan.config).toEqual({ path: '.github/netguide.yml' });
    expect(scan.report?.clusters.map((c) => c.cluster.range.file)).toEqual(['prod/main.tf']);
    expect(scan.report?.findings.map((f) => f.ruleId)).toEqual([]);
  });

  it('names the errors of an invalid netguide.yml and analyzes with the defaults', async () => {
    fake.createRepo('acme/infra');
    fake.commit('acme/infra', { 'main.tf': KUBENET, 'netguide.yml': 'rules:\n  kubenet-retirment: "off"\n' });

    const scan = await scanRepository(port, { owner: 'acme', repo: 'infra', ref: 'main' }, { config });

    expect(scan.config?.path).toBe('netguide.yml');
    expect(scan.config?.errors?.join('\n')).toContain('kubenet-retirment');
    expect(scan.report?.findings.map((f) => f.ruleId)).toEqual(['kubenet-retirement']);
  });

  it('walks the subtrees when GitHub truncates the recursive tree', async () => {
    port = await (async () => {
      await fake.close();
      return start({ maxTreeEntries: 3 });
    })();
    fake.createRepo('acme/big');
    fake.commit('acme/big', {
      'a/main.tf': KUBENET,
      'b/one.txt': '1\n',
      'b/two.txt': '2\n',
      'c/d/main.tf': KUBENET.replace('"aks"', '"aks2"'),
    });

    const scan = await scanRepository(port, { owner: 'acme', repo: 'big', ref: 'main' }, { config });

    expect(scan.error).toBeUndefined();
    expect(scan.report?.clusters.map((c) => c.cluster.range.file)).toEqual(['a/main.tf', 'c/d/main.tf']);
    expect(scan.subtreeRequests).toBeGreaterThan(0);
    expect(scan.requests).toBe(fake.count());
  });

  it.each([
    ['a repository that does not exist', () => undefined, 'not found or not visible to the token (HTTP 404)'],
    ['an empty repository', () => void fake.createRepo('acme/ghost'), 'the repository is empty (HTTP 409)'],
  ])('lists %s as unreadable with the reason', async (_name, arrange, reason) => {
    arrange();

    const scan = await scanRepository(port, { owner: 'acme', repo: 'ghost' }, { config });

    expect(scan.report).toBeUndefined();
    expect(scan.error?.startsWith(reason)).toBe(true);
  });
});
