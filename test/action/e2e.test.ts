import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { startFakeGitHub } from '../fake-github/server.js';
import type { FakeGitHub } from '../fake-github/server.js';
import type { FileSpec } from '../fake-github/git.js';
import { webhookPayload } from '../fake-github/webhooks.js';
import { DIST, KUBENET, OVERLAY, cluster, pullRequestEvent, runAction } from './harness.js';
import { DECIDING_PULLS, UNRELATED_PULL } from '../support/deciding-prs.js';

const REPO = 'contoso/infra';

/** A guard against a hung child, never a speed check: on a loaded 2-core machine a three-run test takes 20 s. */
const E2E_TIMEOUT = 120_000;

/**
 * Each test gets its own fake GitHub, so the tests run concurrently: a run spends most of its seconds in
 * @octokit/plugin-throttling's pacing of writes (one a second, three between notifying ones), not on a core.
 */
const it = test.extend<{ fake: FakeGitHub }>({
  // eslint-disable-next-line no-empty-pattern -- Vitest reads the fixture's dependencies from this pattern
  fake: async ({}, use) => {
    const fake = await startFakeGitHub({ validateResponses: true });
    fake.createRepo(REPO);
    fake.addToken('ghs_action', { login: 'github-actions[bot]', type: 'Bot', write: true, appId: 15368 });
    await use(fake);
    expect(fake.responseErrors).toEqual([]);
    await fake.close();
  },
});

/**
 * git in `workspace` with the fake's fixed author and date: the fake's commits are real git objects, so the
 * same commits made here have the same ids.
 */
function gitIn(workspace: string): (...args: string[]) => string {
  return (...args) =>
    execFileSync('git', args, {
      cwd: workspace,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Fake GitHub',
        GIT_AUTHOR_EMAIL: 'fake@example.com',
        GIT_AUTHOR_DATE: '1700000000 +0000',
        GIT_COMMITTER_NAME: 'Fake GitHub',
        GIT_COMMITTER_EMAIL: 'fake@example.com',
        GIT_COMMITTER_DATE: '1700000000 +0000',
      },
    })
      .toString()
      .trim();
}

/** The Action on the `pull_request` event of `pr`, with the default inputs. */
function runOnPull(fake: FakeGitHub, pr: { number: number; head: string; base: string }) {
  return runAction(fake, REPO, {
    event: 'pull_request',
    payload: pullRequestEvent(fake, REPO, pr.number, pr.head, pr.base),
  });
}

/** A PR on top of a base commit; returns the PR number and the shas. */
function openPull(fake: FakeGitHub, baseFiles: Record<string, string>, headFiles: Record<string, FileSpec>) {
  const base = fake.commit(REPO, baseFiles);
  const head = fake.commit(REPO, headFiles, base);
  const number = fake.openPull(REPO, { base, head, user: 'dev' });
  return { base, head, number };
}

describe.concurrent(
  'the bundled Action on pull requests (dist/index.js against the fake GitHub)',
  { timeout: E2E_TIMEOUT },
  () => {
    it('is built', () => {
      expect(existsSync(DIST)).toBe(true);
    });

    it('a new kubenet cluster: one review, a sticky summary, annotations, outputs, exit 1; then the fix cleans up', async ({
      fake,
    }) => {
      const pr = openPull(fake, { 'README.md': '# infra\n' }, { 'infra/main.tf': cluster('aks', KUBENET) });
      const first = await runOnPull(fake, pr);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(1);
      expect(fake.state.reviews).toHaveLength(1);
      expect(fake.state.reviewComments.map((c) => [c.path, c.line])).toEqual([['infra/main.tf', 14]]);
      expect(fake.state.issueComments).toHaveLength(1);
      const summaryId = fake.state.issueComments[0]?.id;
      expect(fake.state.issueComments[0]?.body).toMatch(/kubenet retires on 2028-03-31/);
      expect(first.stdout).toMatch(
        /::error title=aks-netguide kubenet-retirement,file=infra\/main\.tf,line=14,endLine=14::/,
      );
      expect(first.outputs.errors).toBe('1');
      expect(JSON.parse(first.outputs.clusters ?? '[]')).toMatchObject([
        { name: 'azurerm_kubernetes_cluster.aks', model: 'kubenet' },
      ]);
      expect(first.summary).toMatch(/aks-netguide: AKS network review/);
      expect(existsSync(first.outputs.report ?? '')).toBe(true);

      // A re-run of the same commit: nothing is posted twice, the summary is not edited.
      fake.reset();
      const again = await runOnPull(fake, pr);
      expect(again.code).toBe(1);
      expect(fake.state.reviews).toHaveLength(1);
      expect(fake.count('pulls/create-review')).toBe(0);
      expect(fake.count('issues/update-comment')).toBe(0);

      // The fix: our inline comment goes, the summary is updated in place, the check passes.
      const fixed = fake.commit(REPO, { 'infra/main.tf': cluster('aks', OVERLAY) }, pr.head);
      fake.updatePull(REPO, pr.number, { head: fixed });
      const third = await runAction(fake, REPO, {
        event: 'pull_request',
        payload: pullRequestEvent(fake, REPO, pr.number, fixed, pr.base),
      });
      expect(third.code).toBe(0);
      expect(fake.state.reviewComments).toEqual([]);
      expect(fake.state.issueComments.map((c) => c.id)).toEqual([summaryId]);
      expect(fake.state.issueComments[0]?.body).toMatch(/No new findings/);
    });

    it('reads the head from the workspace when the head commit is checked out, and never on pull_request_target', async ({
      fake,
    }) => {
      const pr = openPull(fake, {}, { 'infra/main.tf': cluster('aks', KUBENET) });
      // The fake's commits are real git objects with a fixed author and date: the same commits made here
      // have the same ids, so the workspace is a checkout of the PR's head.
      const workspace = mkdtempSync(path.join(tmpdir(), 'netguide-ws-'));
      const git = gitIn(workspace);
      git('init', '-q');
      git('commit', '-q', '--allow-empty', '-m', 'fake commit');
      expect(git('rev-parse', 'HEAD')).toBe(pr.base);
      mkdirSync(path.join(workspace, 'infra'));
      writeFileSync(path.join(workspace, 'infra/main.tf'), cluster('aks', KUBENET));
      git('add', '.');
      git('commit', '-q', '-m', 'fake commit');
      expect(git('rev-parse', 'HEAD')).toBe(pr.head);

      const checkedOut = await runAction(fake, REPO, {
        event: 'pull_request',
        payload: pullRequestEvent(fake, REPO, pr.number, pr.head, pr.base),
        workspace,
      });
      expect(checkedOut.code).toBe(1);
      // GraphQL reads only the configuration at base and head; the analyzed files come from the checkout.
      const graphqlReads = () =>
        fake.requests
          .filter((r) => r.route === '/graphql')
          .map((r) => JSON.stringify(r.body).includes('infra/main.tf'));
      expect(graphqlReads()).toEqual([false, false]);
      expect(fake.state.reviews).toHaveLength(1);

      fake.reset();
      const target = await runAction(fake, REPO, {
        event: 'pull_request_target',
        payload: pullRequestEvent(fake, REPO, pr.number, pr.head, pr.base),
        workspace,
      });
      expect(target.code).toBe(1);
      expect(graphqlReads()).toEqual([false, false, true]);
    });

    it('pull_request_target reads a file over 512,000 bytes, and a file with a NUL byte is not-analyzed: never dropped', async ({
      fake,
    }) => {
      // GraphQL gives no text for either (isTruncated, isBinary); the contents API's raw stream has the bytes.
      const big = `${'# padding line for a file above the GraphQL limit\n'.repeat(11_000)}${cluster('big', KUBENET)}`;
      expect(Buffer.byteLength(big)).toBeGreaterThan(512 * 1024);
      const binary = `${cluster('bin', OVERLAY)}\0\u0001`;
      const pr = openPull(fake, {}, { 'infra/big.tf': big, 'infra/binary.tf': binary });
      const run = await runAction(fake, REPO, {
        event: 'pull_request_target',
        payload: pullRequestEvent(fake, REPO, pr.number, pr.head, pr.base),
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      expect(JSON.parse(run.outputs.clusters ?? '[]')).toMatchObject([{ name: 'azurerm_kubernetes_cluster.big' }]);
      expect(run.stdout).toMatch(/::error title=aks-netguide not-analyzed,file=infra\/binary\.tf,line=1/);
      expect(run.stdout).toMatch(/::error title=aks-netguide kubenet-retirement,file=infra\/big\.tf/);
      const summary = fake.state.issueComments[0]?.body ?? '';
      expect(summary).toMatch(/1 file was not analyzed/);
      expect(summary).toMatch(/not-analyzed/);
      expect(run.summary).toMatch(/not-analyzed/);
      expect(fake.count('repos/get-content')).toBe(2);
    });

    it('a symbolic link in the PR is never followed out of the workspace: its target is not read or echoed', async ({
      fake,
    }) => {
      const outside = mkdtempSync(path.join(tmpdir(), 'netguide-secret-'));
      const secretPath = path.join(outside, 'credentials.tfvars');
      writeFileSync(secretPath, 'plugin = "SECRET-7f3a"\n');
      const main = `variable "plugin" {\n  type    = string\n  default = "kubenet"\n}\n\n${cluster('aks', '    network_plugin = var.plugin')}`;
      const pr = openPull(fake, {}, { 'infra/main.tf': main, 'infra/terraform.tfvars': { symlink: secretPath } });
      const workspace = mkdtempSync(path.join(tmpdir(), 'netguide-ws-'));
      const git = gitIn(workspace);
      git('init', '-q');
      git('commit', '-q', '--allow-empty', '-m', 'fake commit');
      mkdirSync(path.join(workspace, 'infra'));
      writeFileSync(path.join(workspace, 'infra/main.tf'), main);
      symlinkSync(secretPath, path.join(workspace, 'infra/terraform.tfvars'));
      git('add', '.');
      git('commit', '-q', '-m', 'fake commit');
      expect(git('rev-parse', 'HEAD')).toBe(pr.head);

      for (const event of ['pull_request', 'pull_request_target'] as const) {
        fake.reset();
        const run = await runAction(fake, REPO, {
          event,
          payload: pullRequestEvent(fake, REPO, pr.number, pr.head, pr.base),
          workspace,
        });
        expect(run.code).toBe(1);
        const posted = [...fake.state.issueComments, ...fake.state.reviewComments].map((c) => c.body).join('\n');
        expect(`${posted}\n${run.stdout}\n${run.summary}`).not.toMatch(/SECRET-7f3a/);
        // Without the link, main.tf's own default decides: kubenet.
        expect(JSON.parse(run.outputs.clusters ?? '[]')).toMatchObject([{ model: 'kubenet' }]);
      }
    });

    it.for(['pull_request', 'pull_request_target'] as const)(
      '%s: the configuration comes from the base commit, so a PR cannot switch a rule off to pass; the summary says it changed',
      async (event, { fake }) => {
        const relaxed = 'rules:\n  kubenet-retirement: off\n';
        const pr = openPull(
          fake,
          { '.github/netguide.yml': 'fail-on: error\n' },
          { '.github/netguide.yml': relaxed, 'infra/main.tf': cluster('aks', KUBENET) },
        );
        // The merge commit `pull_request` checks out carries the PR's version of the configuration.
        const workspace = mkdtempSync(path.join(tmpdir(), 'netguide-ws-'));
        mkdirSync(path.join(workspace, '.github'));
        writeFileSync(path.join(workspace, '.github/netguide.yml'), relaxed);
        const run = await runAction(fake, REPO, {
          event,
          payload: pullRequestEvent(fake, REPO, pr.number, pr.head, pr.base),
          workspace,
        });
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/::error title=aks-netguide kubenet-retirement/);
        expect(fake.state.issueComments[0]?.body).toMatch(
          /This pull request changes \.github\/netguide\.yml: the review uses the base branch(?:&#39;|')s configuration/,
        );
      },
    );

    it('a pre-existing kubenet cluster does not fail a PR that does not touch it', async ({ fake }) => {
      const pr = openPull(
        fake,
        { 'infra/main.tf': cluster('aks', KUBENET) },
        { 'infra/main.tf': cluster('aks', KUBENET).replace('node_count = 3', 'node_count = 4') },
      );
      const run = await runOnPull(fake, pr);
      expect(run.code).toBe(0);
      expect(fake.state.reviews).toEqual([]);
      expect(fake.state.issueComments[0]?.body).toMatch(/Already there before this change/);
    });

    it.for(DECIDING_PULLS)(
      '$name fails under the default inputs, commented on the changed line',
      async ({ base, head, comment, reads }, { fake }) => {
        const pr = openPull(fake, base, head);

        const run = await runOnPull(fake, pr);

        const kubenet = fake.state.reviewComments.filter((c) => c.body.includes('kubenet-retirement'));
        expect(run.code).toBe(1);
        expect(kubenet.map((c) => [c.path, c.line])).toEqual([comment]);
        expect(kubenet[0]?.body).toContain(reads);
      },
    );

    it('a PR that changes unrelated lines of the same files does not gate on the finding that was there', async ({
      fake,
    }) => {
      const pr = openPull(fake, UNRELATED_PULL.base, UNRELATED_PULL.head);

      const run = await runOnPull(fake, pr);

      expect(run.code).toBe(0);
      expect(fake.state.reviews).toEqual([]);
      expect(fake.state.issueComments[0]?.body).toMatch(/Already there before this change/);
    });

    it('a PR without AKS files passes and posts nothing', async ({ fake }) => {
      const pr = openPull(fake, { 'docs/a.txt': 'a\n' }, { 'docs/a.txt': 'b\n' });
      const run = await runOnPull(fake, pr);
      expect(run.code).toBe(0);
      expect(fake.state.issueComments).toEqual([]);
      expect(fake.requests.filter((r) => r.method !== 'GET' && r.route !== '/graphql')).toEqual([]);
    });

    it('a fork PR with a read-only token: annotations and the job summary, one line saying why, the check still set', async ({
      fake,
    }) => {
      fake.addToken('ghs_action', { login: 'github-actions[bot]', type: 'Bot', write: false, appId: 15368 });
      const pr = openPull(fake, {}, { 'infra/main.tf': cluster('aks', KUBENET) });
      const run = await runAction(fake, REPO, {
        event: 'pull_request',
        payload: pullRequestEvent(fake, REPO, pr.number, pr.head, pr.base, { headRepo: 'forker/infra' }),
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/::warning::This token can't write to the pull request \(HTTP 403\)/);
      expect(run.stdout).toMatch(/::error title=aks-netguide kubenet-retirement/);
      expect(run.summary).toMatch(/kubenet retires on 2028-03-31/);
      expect(fake.state.issueComments).toEqual([]);
    });

    it('retries a 502 and a secondary rate limit, then succeeds', async ({ fake }) => {
      const pr = openPull(fake, {}, { 'infra/main.tf': cluster('aks', KUBENET) });
      fake.inject({
        method: 'GET',
        route: '/repos/{owner}/{repo}/pulls/{pull_number}',
        status: 502,
        body: { message: 'Server Error' },
      });
      fake.inject({
        method: 'POST',
        route: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
        status: 403,
        headers: { 'retry-after': '1' },
        body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      });
      const run = await runOnPull(fake, pr);
      expect(run.code).toBe(1);
      expect(fake.state.reviews).toHaveLength(1);
      expect(fake.requests.filter((r) => r.operationId === 'pulls/get').map((r) => r.status)).toEqual([502, 200]);
      expect(fake.requests.filter((r) => r.operationId === 'pulls/create-review').map((r) => r.status)).toEqual([
        403, 200,
      ]);
    });

    it('a refused inline comment moves to the summary; the others are posted', async ({ fake }) => {
      const pr = openPull(fake, {}, { 'infra/a.tf': cluster('a', KUBENET), 'infra/b.tf': cluster('b', KUBENET) });
      // The whole batch, then the first half alone, are refused: the second is posted.
      fake.inject({
        method: 'POST',
        route: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
        status: 422,
        times: 2,
        body: { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] },
      });
      const run = await runOnPull(fake, pr);
      expect(run.code).toBe(1);
      expect(fake.state.reviewComments).toHaveLength(1);
      expect(fake.state.issueComments[0]?.body).toMatch(/New findings not on a changed line \(1\)/);
    });

    it(
      'a hung API request is abandoned after api-timeout and the job fails with a message, not a hang',
      { timeout: E2E_TIMEOUT },
      async ({ fake }) => {
        const pr = openPull(fake, {}, { 'infra/main.tf': cluster('aks', KUBENET) });
        fake.inject({ method: 'GET', route: '/repos/{owner}/{repo}/pulls/{pull_number}', hang: true, times: 10 });
        const run = await runAction(fake, REPO, {
          event: 'pull_request',
          payload: pullRequestEvent(fake, REPO, pr.number, pr.head, pr.base),
          inputs: { 'api-timeout': '1' },
          timeoutMs: 40_000,
        });
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/::error::aks-netguide failed: .*(abort|timeout)/i);
      },
    );

    it('a summary that would pass 65,536 characters is cut by design', async ({ fake }) => {
      const files: Record<string, string> = {};
      for (let index = 0; index < 120; index++) files[`infra/c${index}.tf`] = cluster(`c${index}`, KUBENET);
      const pr = openPull(fake, {}, files);
      const run = await runOnPull(fake, pr);
      expect(run.code).toBe(1);
      const body = fake.state.issueComments[0]?.body ?? '';
      expect(body.length).toBeGreaterThan(10_000);
      expect(body.length).toBeLessThanOrEqual(65_536);
      expect(fake.state.reviewComments).toHaveLength(30);
      expect(run.summary.length).toBeGreaterThan(body.length);
    });

    it('works against a GitHub Enterprise Server URL (/api/v3)', async ({ fake }) => {
      const pr = openPull(fake, {}, { 'infra/main.tf': cluster('aks', KUBENET) });
      const run = await runAction(fake, REPO, {
        event: 'pull_request',
        payload: pullRequestEvent(fake, REPO, pr.number, pr.head, pr.base),
        apiPrefix: '/api/v3',
      });
      expect(run.code).toBe(1);
      expect(fake.requests.every((r) => r.path.startsWith('/api/'))).toBe(true);
      expect(fake.state.reviews).toHaveLength(1);
    });

    it('a 300-file PR with 40 findings costs about ten requests', async ({ fake }) => {
      const files: Record<string, string> = {};
      for (let index = 0; index < 260; index++) files[`docs/page${index}.txt`] = `page ${index}\n`;
      for (let index = 0; index < 40; index++) files[`infra/c${index}.tf`] = cluster(`c${index}`, KUBENET);
      const pr = openPull(fake, {}, files);
      const run = await runOnPull(fake, pr);
      expect(run.code).toBe(1);
      const byOperation: Record<string, number> = {};
      for (const request of fake.requests)
        byOperation[request.operationId ?? request.route ?? request.path] =
          (byOperation[request.operationId ?? request.route ?? request.path] ?? 0) + 1;
      console.log(`300-file PR, 40 findings: ${fake.requests.length} requests in ${run.ms} ms`, byOperation);
      expect(fake.requests.length).toBeLessThanOrEqual(14);
    });

    it('a 3,000+ file PR says that GitHub lists only 3,000 files', async ({ fake }) => {
      const files: Record<string, string> = { 'infra/main.tf': cluster('aks', KUBENET) };
      for (let index = 0; index < 3_010; index++) files[`docs/p${String(index).padStart(5, '0')}.txt`] = `${index}\n`;
      const pr = openPull(fake, {}, files);
      const run = await runOnPull(fake, pr);
      // infra/main.tf sorts after the 3,010 docs files, beyond GitHub's listing: found through the trees. Its
      // finding is new and none of its lines is a known added line, so it gates (README: what gates).
      expect(run.code).toBe(1);
      expect(fake.state.issueComments[0]?.body).toMatch(/GitHub lists at most 3,000 changed files/);
      expect(fake.state.issueComments[0]?.body).toMatch(/kubenet-retirement/);
    });

    it('an invalid configuration names the wrong key and fails', async ({ fake }) => {
      const workspace = mkdtempSync(path.join(tmpdir(), 'netguide-ws-'));
      cpSync(new URL('../../examples', import.meta.url), path.join(workspace, 'examples'), { recursive: true });
      mkdirSync(path.join(workspace, '.github'));
      writeFileSync(path.join(workspace, '.github/netguide.yml'), 'rules:\n  kubenet-retirment: off\n');
      const run = await runAction(fake, REPO, {
        event: 'push',
        payload: webhookPayload('push', undefined, { repo: REPO }),
        workspace,
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/rules\.kubenet-retirment: no such rule/);
    });
  },
);

describe.concurrent('the bundled Action on issue_comment (slash commands)', { timeout: E2E_TIMEOUT }, () => {
  it('answers each command in a comment, with reactions, and refuses recheck to a reader', async ({ fake }) => {
    const pr = openPull(fake, {}, { 'infra/main.tf': cluster('aks', KUBENET) });
    fake.addToken('ghp_octocat', { login: 'octocat', type: 'User', write: true });
    fake.setPermission(REPO, 'octocat', 'read');
    const body =
      '/netguide help\n/netguide plan --nodes 10 --max-pods 30 --model node-subnet --subnet 10.0.0.0/24\n/netguide recheck';
    const response = await fetch(`${fake.url}/repos/${REPO}/issues/${pr.number}/comments`, {
      method: 'POST',
      headers: { authorization: 'token ghp_octocat', 'content-type': 'application/json' },
      body: JSON.stringify({ body }),
    });
    const comment = (await response.json()) as { id: number };
    const payload = webhookPayload('issue_comment', 'created', {
      repo: REPO,
      apiUrl: fake.url,
      number: pr.number,
      isPullRequest: true,
      comment: { id: comment.id, body, user: 'octocat' },
    });
    const run = await runAction(fake, REPO, { event: 'issue_comment', payload });
    expect(run.code).toBe(0);
    const replies = fake.state.issueComments.filter((c) => c.id !== comment.id).map((c) => c.body);
    expect(replies).toHaveLength(3);
    expect(replies[0]).toMatch(/`\/netguide help`/);
    expect(replies[1]).toMatch(/\(10 \+ 1\) × \(30 \+ 1\) = \*\*341\*\* addresses/);
    expect(replies[1]).toMatch(/has 251 usable addresses; you need 341/);
    expect(replies[2]).toMatch(/needs write permission/);
    expect(fake.state.reactions.map((r) => r.content)).toEqual(['eyes', 'confused']);
  });

  it('a user who got ten replies in the last minute gets none from a new run (counted from the comments)', async ({
    fake,
  }) => {
    // Arrange: ten replies to octocat posted by earlier runs a moment ago
    const pr = openPull(fake, {}, { 'infra/main.tf': cluster('aks', KUBENET) });
    fake.addToken('ghp_octocat', { login: 'octocat', type: 'User', write: true });
    const post = async (token: string, body: string) => {
      const response = await fetch(`${fake.url}/repos/${REPO}/issues/${pr.number}/comments`, {
        method: 'POST',
        headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body }),
      });
      return (await response.json()) as { id: number };
    };
    for (let i = 0; i < 10; i++) {
      await post(
        'ghs_action',
        `> \`/netguide help\`\n\nhelp\n\n<!-- aks-netguide:reply-to octocat -->\n<!-- aks-netguide:reply -->`,
      );
    }
    const comment = await post('ghp_octocat', '/netguide help');
    const payload = webhookPayload('issue_comment', 'created', {
      repo: REPO,
      apiUrl: fake.url,
      number: pr.number,
      isPullRequest: true,
      comment: { id: comment.id, body: '/netguide help', user: 'octocat' },
    });

    // Act
    const run = await runAction(fake, REPO, { event: 'issue_comment', payload });

    // Assert
    expect(run.code).toBe(0);
    expect(fake.state.issueComments).toHaveLength(11);
    expect(fake.state.reactions.map((r) => r.content)).toEqual(['eyes', 'confused']);
  });
});

describe.concurrent('the bundled Action on push (a scan of the checkout)', { timeout: E2E_TIMEOUT }, () => {
  it('annotates, writes the job summary and SARIF, sets outputs and fails on errors', async ({ fake }) => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'netguide-ws-'));
    cpSync(new URL('../../examples', import.meta.url), path.join(workspace, 'examples'), { recursive: true });
    const run = await runAction(fake, REPO, {
      event: 'push',
      payload: webhookPayload('push', undefined, { repo: REPO }),
      workspace,
      inputs: { 'sarif-file': 'netguide.sarif' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.errors).toBe('4');
    expect(run.stdout.match(/::error title=/g)).toHaveLength(4);
    expect(run.summary).toMatch(/How the AKS network models compare/);
    const sarif = JSON.parse(readFileSync(path.join(workspace, 'netguide.sarif'), 'utf8')) as { version: string };
    expect(sarif.version).toBe('2.1.0');
    expect(fake.requests).toEqual([]);
  });

  it('fail-on never passes with the same findings', async ({ fake }) => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'netguide-ws-'));
    cpSync(new URL('../../examples', import.meta.url), path.join(workspace, 'examples'), { recursive: true });
    const run = await runAction(fake, REPO, {
      event: 'workflow_dispatch',
      payload: {},
      workspace,
      inputs: { 'fail-on': 'never' },
    });
    expect(run.code).toBe(0);
  });
});
