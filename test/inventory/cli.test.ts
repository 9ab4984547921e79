// `netguide inventory` end to end: over real HTTP against the fake GitHub (every request validated against
// GitHub's OpenAPI description), and over local folders.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Inventory } from '../../src/inventory/index.js';
import { startFakeGitHub, type FakeGitHub } from '../fake-github/server.js';
import { namedCluster } from '../support/terraform.js';

const cluster = (name: string, plugin: string) => namedCluster(name, `    network_plugin = "${plugin}"`);

let fake: FakeGitHub;
let dir: string;

async function run(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd: dir,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    color: false,
    env: { GITHUB_TOKEN: 't-read', GITHUB_API_URL: fake.url, ...env },
  });
  return { code, stdout, stderr };
}

/** An organisation of `count` generated repositories: every third on kubenet, every fifth also Overlay, one empty. */
function generateOrg(count: number): void {
  for (let index = 0; index < count; index += 1) {
    const name = `acme/svc-${String(index).padStart(3, '0')}`;
    fake.createRepo(name);
    const files: Record<string, string> = {
      'README.md': `# svc ${index}\n`,
      '.github/CODEOWNERS': `* @acme/team-${index % 2 === 0 ? 'even' : 'odd'}\n`,
      'infra/aks.tf': cluster(`aks${index}`, index % 3 === 0 ? 'kubenet' : 'azure'),
    };
    if (index % 5 === 0) files['infra/second.tf'] = cluster(`second${index}`, 'azure');
    fake.commit(name, files);
  }
  fake.createRepo('acme/empty');
}

beforeEach(async () => {
  fake = await startFakeGitHub({ validateResponses: true });
  fake.addToken('t-read', { login: 'inventory-reader', type: 'User', write: false });
  dir = mkdtempSync(path.join(tmpdir(), 'netguide-inventory-'));
});

afterEach(async () => {
  expect(fake.responseErrors).toEqual([]);
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('netguide inventory --org', () => {
  it('reads every repository of the organisation and lists the empty one as unreadable', async () => {
    generateOrg(6);

    const result = await run(['inventory', '--org', 'acme', '--format', 'json', '--today', '2026-12-05']);

    expect(result.code).toBe(1);
    const inventory = JSON.parse(result.stdout) as Inventory;
    expect(inventory.totals).toEqual({
      repositories: 7,
      unreadableRepositories: 1,
      clusters: 8,
      kubenetClusters: 2,
      findings: 8,
    });
    expect(inventory.findingsByRule.find((rule) => rule.ruleId === 'kubenet-retirement')?.findings).toBe(2);
    expect(inventory.repositories.find((r) => r.name === 'acme/empty')).toMatchObject({
      status: 'unreadable',
      reason: expect.stringContaining('the repository is empty (HTTP 409)'),
    });
    expect(inventory.kubenetByRepository).toEqual([
      { repository: 'acme/svc-000', clusters: 1 },
      { repository: 'acme/svc-003', clusters: 1 },
    ]);
    expect(inventory.kubenetByTeam).toEqual([
      { team: '@acme/team-even', clusters: 1 },
      { team: '@acme/team-odd', clusters: 1 },
    ]);
    // One listing, then per repository: the branch head, one tree, one blob batch (the empty one stops at the head).
    expect(fake.count('repos/list-for-org')).toBe(1);
    expect(fake.count('git/get-ref')).toBe(7);
    expect(fake.count('git/get-tree')).toBe(6);
    expect(fake.count('graphql')).toBe(6);
    expect(inventory.repositories.filter((r) => r.status === 'read').map((r) => r.requests)).toEqual([
      3, 3, 3, 3, 3, 3,
    ]);
    expect(result.stderr).toContain('acme/empty@: cannot be read: the repository is empty (HTTP 409)');
  });

  it('pages through an organisation of more than 100 repositories', async () => {
    generateOrg(101);

    const result = await run(['inventory', '--org', 'acme', '--format', 'csv']);

    expect(fake.count('repos/list-for-org')).toBe(2);
    // A row per cluster (two in every fifth repository) and one for the empty repository.
    expect(result.stdout.split('\r\n').filter((row) => row.startsWith('acme/')).length).toBe(101 + 21 + 1);
  }, 60_000);

  it('resumes: a re-run skips the repositories already read, with no request for them', async () => {
    generateOrg(4);
    const state = path.join(dir, 'state.json');
    const first = await run(['inventory', '--org', 'acme', '--resume', state, '--format', 'json']);
    const requestsFirst = fake.count();
    fake.reset();

    const second = await run(['inventory', '--org', 'acme', '--resume', state, '--format', 'json']);

    expect(requestsFirst).toBe(1 + 4 * 3 + 1);
    // The listing, and the empty repository again (it was not read, so it is not done).
    expect(fake.requests.map((request) => request.operationId)).toEqual(['repos/list-for-org', 'git/get-ref']);
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));
    expect(Object.keys((JSON.parse(readFileSync(state, 'utf8')) as { done: object }).done).sort()).toEqual([
      'acme/svc-000',
      'acme/svc-001',
      'acme/svc-002',
      'acme/svc-003',
    ]);
  });

  it('reads the repositories of --repos FILE, at a ref when one is given, through a GHES-style /api/v3 URL', async () => {
    generateOrg(2);
    writeFileSync(path.join(dir, 'repos.txt'), '# ours\nacme/svc-000\nacme/svc-001@main\nacme/missing\n');

    const result = await run(['inventory', '--repos', 'repos.txt', '--format', 'markdown'], {
      GITHUB_API_URL: `${fake.url}/api/v3`,
    });

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('3 repositories (1 unreadable), 3 clusters, **1 on kubenet**');
    expect(result.stdout).toContain('| `acme/missing` | not found or not visible to the token (HTTP 404)');
    expect(fake.requests.every((request) => request.path.startsWith('/api/'))).toBe(true);
    expect(fake.count('repos/get')).toBe(2);
  });

  it.each([
    [['inventory', '--org', 'acme', '--repos', 'x'], 'give --org or --repos, not both'],
    [['inventory', '--org', 'acme', 'some/path'], 'give local PATHs or --org/--repos, not both'],
    [['inventory', '--format', 'pdf'], '--format must be one of json, csv, markdown, html, not "pdf"'],
    [['inventory', '--resume', 'x.json'], '--resume is for --org and --repos'],
  ])('refuses %j: %s', async (args, message) => {
    const result = await run(args);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(fake.count()).toBe(0);
  });

  it('waits out a secondary rate limit and goes on', async () => {
    generateOrg(1);
    fake.inject({
      route: '/graphql',
      status: 403,
      headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
    });

    const result = await run(['inventory', '--org', 'acme', '--format', 'json']);

    expect(result.stderr).toContain('secondary rate limit on POST /graphql; retrying in 1s');
    const inventory = JSON.parse(result.stdout) as Inventory;
    expect(inventory.repositories.find((r) => r.name === 'acme/svc-000')).toMatchObject({
      status: 'read',
      clusters: 2,
    });
    expect(fake.count('graphql')).toBe(2);
  });

  it('says so when the organisation cannot be listed', async () => {
    const result = await run(['inventory', '--org', 'nobody']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('netguide: cannot list the repositories of nobody: ');
  });

  it('asks for a token when none is set', async () => {
    const result = await run(['inventory', '--org', 'acme'], { GITHUB_TOKEN: '', GH_TOKEN: '' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('set GITHUB_TOKEN or GH_TOKEN');
  });
});

describe('netguide inventory over local folders', () => {
  it('takes each folder as a repository, with its CODEOWNERS, and writes the HTML report', async () => {
    for (const [name, plugin] of [
      ['payments', 'kubenet'],
      ['web', 'azure'],
    ] as const) {
      mkdirSync(path.join(dir, name, '.github'), { recursive: true });
      writeFileSync(path.join(dir, name, 'main.tf'), cluster(name, plugin));
      writeFileSync(path.join(dir, name, '.github', 'CODEOWNERS'), `*.tf @acme/${name}\n`);
    }

    const result = await run(['inventory', 'payments', 'web', 'nowhere', '--output', 'out/report.html']);

    expect(result.code).toBe(1);
    const html = readFileSync(path.join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('<code>@acme/payments</code>');
    expect(html).toContain('<td><code>nowhere</code></td><td>no such folder</td>');
    expect(result.stdout).toBe('');
  });
});
