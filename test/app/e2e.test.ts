import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../fake-github/server.js';
import { webhookPayload } from '../fake-github/webhooks.js';
import type { WebhookOverrides } from '../fake-github/webhooks.js';
import { cluster, deliverSettled as deliver, percentile, startAppOnFake } from './harness.js';
import type { AppProcess } from './harness.js';
import { DECIDING_PULLS, UNRELATED_PULL } from '../support/deciding-prs.js';

const APP_ID = 4242;
const INSTALLATION = 424201;
const SLUG = 'netguide-test';
const BOT = `${SLUG}[bot]`;
const SECRET = 'e2e-webhook-secret';

let fake: FakeGitHub;
let app: AppProcess;
let close: (() => Promise<void>) | undefined;
let repoCount = 0;

beforeAll(async () => {
  // Probot's throttling spaces writes 1-3 s apart; off here, or each test would take ten seconds.
  ({ fake, app, close } = await startAppOnFake({
    appId: APP_ID,
    slug: SLUG,
    installation: INSTALLATION,
    secret: SECRET,
    env: { NETGUIDE_THROTTLE: 'off' },
  }));
}, 30_000);

afterAll(async () => {
  await close?.();
});

afterEach(() => {
  expect(fake.responseErrors).toEqual([]);
});

/** A fresh repository with a PR from `baseFiles` to `headFiles`. */
function openPull(baseFiles: Record<string, string>, headFiles: Record<string, string | null>) {
  const repo = `contoso/infra-${++repoCount}`;
  fake.createRepo(repo);
  const base = fake.commit(repo, baseFiles);
  const head = fake.commit(repo, headFiles, base);
  const number = fake.openPull(repo, { base, head, user: 'dev' });
  fake.setPermission(repo, 'maintainer', 'write');
  fake.setPermission(repo, 'reader', 'read');
  return { repo, base, head, number };
}

function overrides(pr: { repo: string; number: number; head: string; base: string }): WebhookOverrides {
  return {
    repo: pr.repo,
    apiUrl: `${fake.url}/api/v3`,
    installationId: INSTALLATION,
    number: pr.number,
    headSha: pr.head,
    baseSha: pr.base,
    sender: 'dev',
  };
}

function pullEvent(pr: { repo: string; number: number; head: string; base: string }, action = 'opened') {
  return webhookPayload('pull_request', action, overrides(pr));
}

/** A comment written on the fake by `user` (so reactions have something to attach to), and its webhook. */
async function commentEvent(
  pr: { repo: string; number: number; head: string; base: string },
  body: string,
  user = 'maintainer',
  action = 'created',
) {
  const token = `t-${user}`;
  fake.addToken(token, { login: user, type: user.endsWith('[bot]') ? 'Bot' : 'User', write: true });
  const response = await fetch(`${fake.url}/repos/${pr.repo}/issues/${pr.number}/comments`, {
    method: 'POST',
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body }),
  });
  const created = (await response.json()) as { id: number; node_id: string };
  return webhookPayload('issue_comment', action, {
    ...overrides(pr),
    sender: user,
    comment: { id: created.id, nodeId: created.node_id, body, user },
  });
}

function checksOf(repo: string) {
  return fake.state.checkRuns.filter((run) => run.repo === repo);
}

function ours<T extends { repo: string; user: { login: string } }>(items: T[], repo: string): T[] {
  return items.filter((item) => item.repo === repo && item.user.login === BOT);
}

describe('the GitHub App as a real process, against the fake GitHub', () => {
  it('a new kubenet cluster fails the check with a review and a summary; the fix passes and cleans up', async () => {
    const pr = openPull({ 'README.md': '# infra\n' }, { 'infra/main.tf': cluster('aks', 'kubenet') });

    const opened = await deliver(app.url, SECRET, 'pull_request', pullEvent(pr));

    expect(opened.status, app.output().slice(-2000)).toBe(200);
    const [first] = checksOf(pr.repo);
    expect(first).toMatchObject({ name: 'aks-netguide', headSha: pr.head, status: 'completed', conclusion: 'failure' });
    expect(first?.output.title).toMatch(/^\d+ new findings? \(1 error/);
    expect(first?.output.summary).toMatch(/kubenet retires on 2028-03-31/);
    expect(first?.annotations).toContainEqual(
      expect.objectContaining({
        path: 'infra/main.tf',
        annotation_level: 'failure',
        title: 'aks-netguide kubenet-retirement',
      }),
    );
    expect(ours(fake.state.reviewComments, pr.repo).map((c) => c.path)).toContain('infra/main.tf');
    const summaries = ours(fake.state.issueComments, pr.repo);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.body).toMatch(/kubenet retires on 2028-03-31/);

    const fixed = fake.commit(pr.repo, { 'infra/main.tf': cluster('aks', 'overlay') }, pr.head);
    fake.updatePull(pr.repo, pr.number, { head: fixed });
    const pushed = await deliver(app.url, SECRET, 'pull_request', pullEvent({ ...pr, head: fixed }, 'synchronize'));

    expect(pushed.status).toBe(200);
    const second = checksOf(pr.repo).find((run) => run.headSha === fixed);
    expect(second).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(ours(fake.state.reviewComments, pr.repo)).toEqual([]);
    expect(ours(fake.state.issueComments, pr.repo).map((c) => c.id)).toEqual([summaries[0]?.id]);
    expect(ours(fake.state.issueComments, pr.repo)[0]?.body).toMatch(/No new findings/);
  });

  it.each(DECIDING_PULLS)(
    '$name fails the check under the defaults, commented on the changed line',
    async ({ base, head, comment, reads }) => {
      const pr = openPull(base, head);

      const opened = await deliver(app.url, SECRET, 'pull_request', pullEvent(pr));

      const kubenet = ours(fake.state.reviewComments, pr.repo).filter((c) => c.body.includes('kubenet-retirement'));
      expect(opened.status, app.output().slice(-2000)).toBe(200);
      expect(checksOf(pr.repo)[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
      expect(kubenet.map((c) => [c.path, c.line])).toEqual([comment]);
      expect(kubenet[0]?.body).toContain(reads);
    },
  );

  it('a PR that changes unrelated lines of the same files passes although the finding is there', async () => {
    const pr = openPull(UNRELATED_PULL.base, UNRELATED_PULL.head);

    const opened = await deliver(app.url, SECRET, 'pull_request', pullEvent(pr));

    expect(opened.status, app.output().slice(-2000)).toBe(200);
    expect(checksOf(pr.repo)[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(ours(fake.state.reviewComments, pr.repo)).toEqual([]);
  });

  it('a PR that touches no AKS file gets a success check and no comment', async () => {
    const pr = openPull({ 'README.md': '# infra\n' }, { 'README.md': '# infra, again\n', 'app/index.js': 'x\n' });

    const delivery = await deliver(app.url, SECRET, 'pull_request', pullEvent(pr));

    expect(delivery.status).toBe(200);
    expect(checksOf(pr.repo)).toMatchObject([
      { status: 'completed', conclusion: 'success', output: { title: 'No AKS changes' } },
    ]);
    expect(fake.state.issueComments.filter((c) => c.repo === pr.repo)).toEqual([]);
    expect(fake.state.reviews.filter((r) => r.repo === pr.repo)).toEqual([]);
  });

  it('a forged signature is refused with 400 and nothing reaches GitHub', async () => {
    const pr = openPull({ 'README.md': '# infra\n' }, { 'main.tf': cluster('aks', 'kubenet') });
    const before = fake.requests.length;

    const forged = await deliver(app.url, SECRET, 'pull_request', pullEvent(pr), {
      signature: `sha256=${'0'.repeat(64)}`,
    });
    const wrongSecret = await deliver(app.url, 'not-the-secret', 'pull_request', pullEvent(pr));

    expect([forged.status, wrongSecret.status]).toEqual([400, 400]);
    expect(fake.requests.slice(before)).toEqual([]);
    expect(checksOf(pr.repo)).toEqual([]);
  });

  it('malformed but signed payloads are answered without a crash, and the app keeps working', async () => {
    const pr = openPull({ 'README.md': '# infra\n' }, { 'main.tf': cluster('aks', 'kubenet') });
    const malformed = [
      await deliver(app.url, SECRET, 'pull_request', { action: 'opened' }),
      await deliver(app.url, SECRET, 'pull_request', {
        action: 'opened',
        pull_request: { number: 'seven' },
        repository: {},
      }),
      await deliver(app.url, SECRET, 'issue_comment', {
        action: 'created',
        issue: null,
        comment: { body: '/netguide help' },
      }),
      await deliver(app.url, SECRET, 'check_run', { action: 'rerequested', check_run: {} }),
    ];
    for (const delivery of malformed) expect(delivery.status).toBeLessThan(600);
    const valid = await deliver(app.url, SECRET, 'pull_request', pullEvent(pr));
    expect(valid.status).toBe(200);
    expect(checksOf(pr.repo).map((check) => check.conclusion)).toEqual(['failure']);
  });

  it('an invalid configuration on the default branch fails the check and names the key', async () => {
    const pr = openPull(
      { '.github/netguide.yml': 'rules:\n  kubenet-retirment: off\nfail-on: sometimes\n' },
      { 'main.tf': cluster('aks', 'overlay') },
    );
    fake.setBranch(pr.repo, 'main', pr.base);

    await deliver(app.url, SECRET, 'pull_request', pullEvent(pr));

    const [run] = checksOf(pr.repo);
    expect(run).toMatchObject({ conclusion: 'failure', output: { title: 'Invalid configuration' } });
    expect(run?.output.summary).toMatch(/fail-on: must be one of error, warning, notice, never/);
    expect(fake.state.issueComments.filter((c) => c.repo === pr.repo)).toEqual([]);
  });

  it('a configuration on the default branch sets fail-on', async () => {
    const pr = openPull({ '.github/netguide.yml': 'fail-on: never\n' }, { 'main.tf': cluster('aks', 'kubenet') });
    fake.setBranch(pr.repo, 'main', pr.base);

    await deliver(app.url, SECRET, 'pull_request', pullEvent(pr));

    expect(checksOf(pr.repo)).toMatchObject([{ status: 'completed', conclusion: 'neutral' }]);
  });

  it('a forged 30 MB POST is refused with 413 before it is buffered, never logged, and the app keeps working', async () => {
    const pr = openPull({ 'README.md': '# infra\n' }, { 'main.tf': cluster('aks', 'kubenet') });
    const before = fake.requests.length;
    const body = `{"action":"opened","x":"PAYLOAD-MARK-${'x'.repeat(30 * 1024 * 1024)}"}`;
    const forged = await fetch(app.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'pull_request',
        'x-github-delivery': 'forged-30mb',
        'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
      },
      body,
    }).catch((error: unknown) => error);
    const small = await deliver(
      app.url,
      SECRET,
      'pull_request',
      { action: 'opened', x: 'PAYLOAD-MARK-small' },
      {
        signature: `sha256=${'0'.repeat(64)}`,
      },
    );

    expect(forged instanceof Response ? forged.status : 413).toBe(413);
    expect(small.status).toBe(400);
    expect(fake.requests.slice(before)).toEqual([]);
    expect(app.output()).not.toMatch(/PAYLOAD-MARK/);
    const valid = await deliver(app.url, SECRET, 'pull_request', pullEvent(pr));
    expect(valid.status).toBe(200);
    expect(checksOf(pr.repo)).toHaveLength(1);
  });

  it('the same signed body replayed under fresh delivery ids is run once', async () => {
    const pr = openPull({ 'README.md': '# infra\n' }, { 'main.tf': cluster('aks', 'kubenet') });
    const payload = pullEvent(pr);

    const deliveries = [
      await deliver(app.url, SECRET, 'pull_request', payload),
      await deliver(app.url, SECRET, 'pull_request', payload),
      await deliver(app.url, SECRET, 'pull_request', payload),
    ];

    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    expect(new Set(deliveries.map((d) => d.id)).size).toBe(3);
    expect(checksOf(pr.repo)).toHaveLength(1);
  });

  it('a file over 512,000 bytes is analyzed and a file with a NUL byte fails the check as not-analyzed', async () => {
    const big = `${'# padding line for a file above the GraphQL limit\n'.repeat(11_000)}${cluster('big', 'overlay')}`;
    const pr = openPull(
      { 'README.md': '# infra\n' },
      { 'infra/big.tf': big, 'infra/binary.tf': `${cluster('bin', 'overlay')}\0\u0001` },
    );

    await deliver(app.url, SECRET, 'pull_request', pullEvent(pr));

    const [run] = checksOf(pr.repo);
    expect(run).toMatchObject({ conclusion: 'failure', output: { title: expect.stringMatching(/1 error/) } });
    expect(run?.annotations).toContainEqual(
      expect.objectContaining({
        path: 'infra/binary.tf',
        annotation_level: 'failure',
        title: 'aks-netguide not-analyzed',
      }),
    );
    expect(run?.output.summary).toMatch(/azurerm_kubernetes_cluster\.big/);
    expect(run?.output.summary).toMatch(/1 file was not analyzed/);
  });

  it('a redelivered webhook (same delivery id) is ignored', async () => {
    const pr = openPull({ 'README.md': '# infra\n' }, { 'main.tf': cluster('aks', 'kubenet') });
    const first = await deliver(app.url, SECRET, 'pull_request', pullEvent(pr));
    const before = fake.requests.length;

    const again = await deliver(app.url, SECRET, 'pull_request', pullEvent(pr), { id: first.id });

    expect(again.status).toBe(200);
    expect(fake.requests.slice(before)).toEqual([]);
    expect(checksOf(pr.repo)).toHaveLength(1);
  });

  it('two quick pushes: the older run is superseded and no comment is posted twice', async () => {
    const pr = openPull({ 'README.md': '# infra\n' }, { 'main.tf': cluster('aks', 'kubenet') });
    const second = fake.commit(pr.repo, { 'main.tf': `# one\n${cluster('aks', 'kubenet')}` }, pr.head);
    const third = fake.commit(pr.repo, { 'main.tf': `# two\n${cluster('aks', 'kubenet')}` }, second);
    fake.updatePull(pr.repo, pr.number, { head: third });

    const deliveries = await Promise.all([
      deliver(app.url, SECRET, 'pull_request', pullEvent({ ...pr, head: second }, 'synchronize')),
      deliver(app.url, SECRET, 'pull_request', pullEvent({ ...pr, head: third }, 'synchronize')),
      // Another event on the same head (the same body again would be a replay, run once).
      deliver(app.url, SECRET, 'pull_request', pullEvent({ ...pr, head: third }, 'ready_for_review')),
    ]);

    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    const runs = checksOf(pr.repo);
    expect(runs.every((run) => run.status === 'completed')).toBe(true);
    expect(runs.find((run) => run.headSha === second)).toMatchObject({ conclusion: 'neutral' });
    expect(runs.find((run) => run.headSha === second)?.output.title).toBe(`Superseded by ${third.slice(0, 7)}`);
    // The two runs on the third head: one analyzed it; the other either did too (it had started) or was
    // replaced in the queue by the later event on the same head.
    const onThird = runs.filter((run) => run.headSha === third).map((run) => run.conclusion);
    expect(onThird).toHaveLength(2);
    expect(onThird).toContain('failure');
    expect(onThird.every((conclusion) => conclusion === 'failure' || conclusion === 'neutral')).toBe(true);
    const comments = ours(fake.state.reviewComments, pr.repo).map(
      (c) => c.body.match(/<!-- aks-netguide:[^>]*-->/)?.[0],
    );
    expect(comments.length).toBeGreaterThan(0);
    expect(new Set(comments).size).toBe(comments.length);
    expect(ours(fake.state.issueComments, pr.repo)).toHaveLength(1);
  });

  it('a re-requested check run re-runs it, also for a fork PR whose payload lists no pull request', async () => {
    const pr = openPull({ 'README.md': '# infra\n' }, { 'main.tf': cluster('aks', 'kubenet') });
    await deliver(app.url, SECRET, 'pull_request', pullEvent(pr));
    const payload = webhookPayload('check_run', 'rerequested', { repo: pr.repo, installationId: INSTALLATION });
    const run = payload.check_run as Record<string, unknown>;
    run.name = 'aks-netguide';
    run.head_sha = pr.head;
    run.pull_requests = [];
    (run.check_suite as Record<string, unknown>).pull_requests = [];

    const delivery = await deliver(app.url, SECRET, 'check_run', payload);

    expect(delivery.status).toBe(200);
    expect(checksOf(pr.repo).map((r) => [r.headSha, r.status, r.conclusion])).toEqual([
      [pr.head, 'completed', 'failure'],
      [pr.head, 'completed', 'failure'],
    ]);
    expect(fake.count('repos/list-pull-requests-associated-with-commit')).toBeGreaterThan(0);
    expect(ours(fake.state.reviewComments, pr.repo)).toHaveLength(1);
  });

  describe('slash commands', () => {
    async function command(body: string, user = 'maintainer', action = 'created') {
      const pr = openPull({ 'README.md': '# infra\n' }, { 'main.tf': cluster('aks', 'kubenet') });
      const payload = await commentEvent(pr, body, user, action);
      const commentId = (payload.comment as { id: number }).id;
      const delivery = await deliver(app.url, SECRET, 'issue_comment', payload);
      expect(delivery.status, app.output().slice(-2000)).toBe(200);
      const replies = ours(fake.state.issueComments, pr.repo)
        .filter((c) => c.id !== commentId)
        .map((c) => c.body);
      const reactions = fake.state.reactions
        .filter((r) => r.repo === pr.repo && r.commentId === commentId)
        .map((r) => r.content);
      return { pr, replies, reactions };
    }

    it.each([
      { body: '/netguide help', reply: /\/netguide plan --nodes N/ },
      { body: '/netguide compare overlay cilium', reply: /Azure CNI Overlay/ },
      { body: '/netguide explain kubenet', reply: /2028-03-31/ },
      { body: '/netguide explain kubenet-retirement', reply: /kubenet-retirement/ },
      { body: '/netguide migrate kubenet', reply: /Before you start/ },
      { body: '/netguide migrate kubenet cilium', reply: /separate operations[\s\S]*--network-dataplane cilium/ },
      { body: '/netguide plan --nodes 50 --max-pods 30 --model node-subnet', reply: /\*\*1581\*\* addresses/ },
    ])('$body: 👀, a reply quoting it, 🚀', async ({ body, reply }) => {
      const { replies, reactions } = await command(body, 'reader');

      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatch(new RegExp(`^> \`${body.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\``));
      expect(replies[0]).toMatch(reply);
      expect(reactions).toEqual(['eyes', 'rocket']);
    });

    it('recheck by a writer runs the check again and says so', async () => {
      const { pr, replies, reactions } = await command('/netguide recheck');

      expect(replies.filter((r) => r.startsWith('> '))).toEqual([
        expect.stringMatching(/^> `\/netguide recheck`\n\nChecked [0-9a-f]{7} again: \*\*.*\*\* \(failure\)/),
      ]);
      expect(checksOf(pr.repo)).toMatchObject([{ status: 'completed', conclusion: 'failure' }]);
      expect(reactions).toEqual(['eyes', 'rocket']);
    });

    it('recheck by a custom role based on write runs the check (role_name is the custom name, permission the base)', async () => {
      const pr = openPull({ 'README.md': '# infra\n' }, { 'main.tf': cluster('aks', 'kubenet') });
      fake.setPermission(pr.repo, 'deployer', 'write', 'deployer');
      const payload = await commentEvent(pr, '/netguide recheck', 'deployer');

      const delivery = await deliver(app.url, SECRET, 'issue_comment', payload);

      expect(delivery.status).toBe(200);
      expect(checksOf(pr.repo)).toMatchObject([{ status: 'completed', conclusion: 'failure' }]);
    });

    it.each([
      { body: '/netguide explain constructor', reply: /is neither a model/ },
      { body: '/netguide compare __proto__', reply: /unknown model/ },
    ])('$body: prototype names are unknown models, not a crash or an empty table', async ({ body, reply }) => {
      const { replies, reactions } = await command(body, 'reader');

      expect(replies).toEqual([expect.stringMatching(reply)]);
      expect(reactions).toEqual(['eyes', 'confused']);
    });

    it('commands in indented code, <details> and HTML comments do not run', async () => {
      const { pr, replies, reactions } = await command(
        'Log:\n\n    /netguide recheck\n\n<details>\n\n/netguide recheck\n</details>\n<!--\n/netguide recheck\n-->\n/netguide help',
      );

      expect(replies).toEqual([expect.stringMatching(/^> `\/netguide help`/)]);
      expect(checksOf(pr.repo)).toEqual([]);
      expect(reactions).toEqual(['eyes', 'rocket']);
    });

    it('recheck by a reader is refused and runs nothing', async () => {
      const { pr, replies, reactions } = await command('/netguide recheck', 'reader');

      expect(replies[0]).toMatch(/needs write permission on this repository; @\u200breader has read/);
      expect(checksOf(pr.repo)).toEqual([]);
      expect(reactions).toEqual(['eyes', 'confused']);
    });

    it('an unknown command gets the help and 😕, never silence', async () => {
      const { replies, reactions } = await command('/netguide frobnicate now');

      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatch(/Unknown command `frobnicate`[\s\S]*\/netguide help/);
      expect(reactions).toEqual(['eyes', 'confused']);
    });

    it('a comment with two commands gets two replies', async () => {
      const { replies, reactions } = await command('Thanks!\n/netguide explain overlay\n/netguide plan --nodes 3\n');

      expect(replies).toHaveLength(2);
      expect(replies[0]).toMatch(/^> `\/netguide explain overlay`/);
      expect(replies[1]).toMatch(/--max-pods is required/);
      expect(reactions).toEqual(['eyes', 'confused']);
    });

    it.each([
      { who: 'a bot', body: '/netguide help', user: 'renovate[bot]', action: 'created' },
      { who: 'ourselves', body: '/netguide help', user: BOT, action: 'created' },
      { who: 'an edited comment (not opted in)', body: '/netguide help', user: 'maintainer', action: 'edited' },
      { who: 'a quoted command', body: '> /netguide help', user: 'maintainer', action: 'created' },
    ])('ignores $who', async ({ body, user, action }) => {
      const { replies, reactions } = await command(body, user, action);

      expect(replies).toEqual([]);
      expect(reactions).toEqual([]);
    });
  });

  it(
    'measures webhook → check conclusion for a typical PR, and webhooks per second (logged, not asserted)',
    { timeout: 60_000 },
    async () => {
      const pr = openPull({ 'README.md': '# infra\n' }, { 'infra/main.tf': cluster('aks', 'kubenet') });
      const times: number[] = [];
      for (let index = 0; index < 20; index++) {
        const begin = performance.now();
        const delivery = await deliver(app.url, SECRET, 'pull_request', pullEvent(pr, 'synchronize'));
        expect(delivery.status).toBe(200);
        times.push(performance.now() - begin);
      }
      const pulls = Array.from({ length: 20 }, () =>
        openPull({ 'README.md': '# infra\n' }, { 'infra/main.tf': cluster('aks', 'kubenet') }),
      );
      const started = performance.now();
      const burst = await Promise.all(pulls.map((p) => deliver(app.url, SECRET, 'pull_request', pullEvent(p))));
      const seconds = (performance.now() - started) / 1000;

      expect(burst.every((d) => d.status === 200)).toBe(true);
      expect(checksOf(pr.repo).every((run) => run.status === 'completed')).toBe(true);
      console.log(
        `[app e2e] webhook → check concluded, kubenet PR, ${times.length} sequential deliveries: p50 ${percentile(times, 50).toFixed(0)} ms, p99 ${percentile(times, 99).toFixed(0)} ms; ${burst.length} concurrent PRs in ${seconds.toFixed(2)} s = ${(burst.length / seconds).toFixed(1)} webhooks/s (throttling off, local fake)`,
      );
    },
  );
});
