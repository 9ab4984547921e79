import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub } from '../fake-github/server.js';
import type { FakeGitHub } from '../fake-github/server.js';
import { webhookPayload } from '../fake-github/webhooks.js';
import { KUBENET, OVERLAY, cluster, runAction } from './harness.js';

const REPO = 'contoso/infra';
const SHA = 'f'.repeat(40);
let fake: FakeGitHub;

beforeEach(async () => {
  fake = await startFakeGitHub({ validateResponses: true });
  fake.createRepo(REPO);
  fake.addToken('ghs_action', { login: 'github-actions[bot]', type: 'Bot', write: true, appId: 15368 });
});

afterEach(async () => {
  expect(fake.responseErrors).toEqual([]);
  await fake.close();
});

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'netguide-dash-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function pushPayload(ref = 'refs/heads/main') {
  const payload = webhookPayload('push', undefined, { repo: REPO, apiUrl: fake.url });
  Object.assign(payload, { ref, after: SHA });
  Object.assign(payload.repository as object, { default_branch: 'main' });
  return payload;
}

const run = (
  event: 'push' | 'schedule',
  files: Record<string, string>,
  extra: { ref?: string; inputs?: Record<string, string> } = {},
) =>
  runAction(fake, REPO, {
    event,
    payload:
      event === 'push' ? pushPayload(extra.ref) : { schedule: '0 6 * * 1', repository: { default_branch: 'main' } },
    workspace: workspace(files),
    env: { GITHUB_REF: extra.ref ?? 'refs/heads/main', GITHUB_SHA: SHA },
    inputs: { 'fail-on': 'never', ...extra.inputs },
  });

const issues = () => fake.state.issues.filter((issue) => issue.repo === REPO);

describe('the bundled Action keeps the dashboard issue (dist/index.js against the fake GitHub)', () => {
  it('push to the default branch creates it; schedule re-runs update in place and never duplicate', async () => {
    const first = await run('push', { 'infra/main.tf': cluster('aks', KUBENET) });
    const second = await run('schedule', { 'infra/main.tf': cluster('aks', KUBENET) });
    const third = await run('schedule', {
      'infra/main.tf': cluster('aks', KUBENET),
      'b/main.tf': cluster('two', KUBENET),
    });

    expect([first.code, second.code, third.code]).toEqual([0, 0, 0]);
    expect(issues().map((issue) => [issue.number, issue.state, issue.labels])).toEqual([[1, 'open', ['aks-netguide']]]);
    expect(issues()[0]?.body).toContain(`(https://github.example/contoso/infra/blob/${SHA}/b/main.tf#L1)`);
    expect([fake.count('issues/create'), fake.count('issues/update')]).toEqual([1, 1]);
  });

  it.each([
    ['an Overlay cluster (nothing to say)', 'push', { 'main.tf': cluster('aks', OVERLAY) }, {}],
    ['a push to another branch', 'push', { 'main.tf': cluster('aks', KUBENET) }, { ref: 'refs/heads/feature' }],
    ['dashboard: false', 'schedule', { 'main.tf': cluster('aks', KUBENET) }, { inputs: { dashboard: 'false' } }],
  ] as const)('creates no issue for %s', async (_name, event, files, extra) => {
    const result = await run(event, files, extra);

    expect(result.code).toEqual(0);
    expect(issues()).toEqual([]);
  });

  it('a closed dashboard stays closed on the next schedule', async () => {
    await run('push', { 'main.tf': cluster('aks', KUBENET) });
    const issue = issues()[0];
    if (issue === undefined) throw new Error('no dashboard');
    issue.state = 'closed';

    await run('schedule', { 'main.tf': cluster('aks', KUBENET) });

    expect(issues().map((i) => i.state)).toEqual(['closed']);
  });
});
