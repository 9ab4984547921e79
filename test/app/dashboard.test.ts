import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../fake-github/server.js';
import { webhookPayload } from '../fake-github/webhooks.js';
import { cluster, deliverSettled as deliver, startAppOnFake } from './harness.js';
import type { AppProcess } from './harness.js';

const APP_ID = 4343;
const INSTALLATION = 434301;
const SLUG = 'netguide-dashboard';
const SECRET = 'e2e-dashboard-secret';

let fake: FakeGitHub;
let app: AppProcess;
let close: (() => Promise<void>) | undefined;
let repoCount = 0;

beforeAll(async () => {
  ({ fake, app, close } = await startAppOnFake({
    appId: APP_ID,
    slug: SLUG,
    installation: INSTALLATION,
    secret: SECRET,
    env: { NETGUIDE_THROTTLE: 'off', APP_SLUG: SLUG },
  }));
}, 30_000);

afterAll(async () => {
  await close?.();
});

afterEach(() => {
  expect(fake.responseErrors).toEqual([]);
});

function pushEvent(repo: string, sha: string, ref = 'refs/heads/main') {
  const payload = webhookPayload('push', undefined, {
    repo,
    apiUrl: `${fake.url}/api/v3`,
    installationId: INSTALLATION,
    sender: 'dev',
  });
  Object.assign(payload, { ref, after: sha, deleted: false });
  Object.assign(payload.repository as object, { default_branch: 'main' });
  return payload;
}

function editedEvent(repo: string, number: number, body: string, sender = 'dev') {
  const payload = webhookPayload('issues', 'edited', {
    repo,
    apiUrl: `${fake.url}/api/v3`,
    installationId: INSTALLATION,
    sender,
    isPullRequest: false,
  });
  Object.assign(payload.issue as object, { number, body, labels: [{ name: 'aks-netguide' }] });
  Object.assign(payload.repository as object, { default_branch: 'main' });
  return payload;
}

const dashboards = (repo: string) => fake.state.issues.filter((issue) => issue.repo === repo);

describe('App dashboard issue', () => {
  it('creates the dashboard on a push with a kubenet cluster, never a second one on re-delivery of new pushes', async () => {
    const repo = `contoso/dash-${++repoCount}`;
    fake.createRepo(repo);
    const first = fake.commit(repo, { 'main.tf': cluster('aks', 'kubenet') });

    const one = await deliver(app.url, SECRET, 'push', pushEvent(repo, first));
    const two = await deliver(app.url, SECRET, 'push', pushEvent(repo, first));

    expect([one.status, two.status]).toEqual([200, 200]);
    expect(dashboards(repo).map((issue) => [issue.number, issue.state, issue.labels])).toEqual([
      [1, 'open', ['aks-netguide']],
    ]);
    expect(dashboards(repo)[0]?.body).toContain(`/${repo}/blob/${first}/main.tf#L1)`);
    expect(fake.count('issues/create')).toEqual(1);
  });

  it('creates nothing for an Overlay cluster and ignores pushes to other branches', async () => {
    const repo = `contoso/dash-${++repoCount}`;
    fake.createRepo(repo);
    const overlay = fake.commit(repo, { 'main.tf': cluster('aks', 'overlay') });
    const kubenet = fake.commit(repo, { 'main.tf': cluster('aks', 'kubenet') }, overlay);

    await deliver(app.url, SECRET, 'push', pushEvent(repo, overlay));
    await deliver(app.url, SECRET, 'push', pushEvent(repo, kubenet, 'refs/heads/feature'));

    expect(dashboards(repo)).toEqual([]);
  });

  it("reads a ticked snooze back on issues.edited and ignores the bot's own edits", async () => {
    const repo = `contoso/dash-${++repoCount}`;
    fake.createRepo(repo);
    const sha = fake.commit(repo, { 'main.tf': cluster('aks', 'kubenet') });
    await deliver(app.url, SECRET, 'push', pushEvent(repo, sha));
    const issue = dashboards(repo)[0];
    if (issue?.body === undefined) throw new Error('no dashboard');
    const ticked = issue.body.replace(/- \[ \] (Snooze `kubenet-retirement`)/, '- [x] $1');
    issue.body = ticked;

    await deliver(app.url, SECRET, 'issues', editedEvent(repo, issue.number, ticked, `${SLUG}[bot]`));
    const afterBot = dashboards(repo)[0]?.body;
    await deliver(app.url, SECRET, 'issues', editedEvent(repo, issue.number, ticked));

    expect(afterBot).toEqual(ticked);
    const body = dashboards(repo)[0]?.body ?? '';
    expect(body).toMatch(/snoozed until \d{4}-\d{2}-\d{2}/);
    expect(body).not.toContain('- [x]');
  });

  it('a closed dashboard stays closed on a push with nothing new and reopens on a new finding', async () => {
    const repo = `contoso/dash-${++repoCount}`;
    fake.createRepo(repo);
    const first = fake.commit(repo, { 'main.tf': cluster('aks', 'kubenet') });
    await deliver(app.url, SECRET, 'push', pushEvent(repo, first));
    const issue = dashboards(repo)[0];
    if (issue === undefined) throw new Error('no dashboard');
    issue.state = 'closed';
    const same = fake.commit(repo, { 'main.tf': cluster('aks', 'kubenet'), 'README.md': 'docs' }, first);
    const more = fake.commit(
      repo,
      { 'main.tf': cluster('aks', 'kubenet'), 'b/main.tf': cluster('second', 'kubenet') },
      same,
    );

    await deliver(app.url, SECRET, 'push', pushEvent(repo, same));
    const afterSame = dashboards(repo)[0]?.state;
    await deliver(app.url, SECRET, 'push', pushEvent(repo, more));

    expect([afterSame, dashboards(repo)[0]?.state, dashboards(repo).length]).toEqual(['closed', 'open', 1]);
  });
});
