import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { verify } from '@octokit/webhooks-methods';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from './server.js';
import { signWebhook, webhookPayload } from './webhooks.js';

const REPO = 'acme/infra';
const owner = 'acme';
const repo = 'infra';
const PagedOctokit = Octokit.plugin(paginateRest);

/** Lines "1".."n", newline-terminated, with some replaced. */
function numbered(n: number, replace: Record<number, string> = {}): string {
  return Array.from({ length: n }, (_, index) => `${replace[index + 1] ?? index + 1}\n`).join('');
}

interface World {
  fake: FakeGitHub;
  base: string;
  head: string;
  number: number;
  octokit: InstanceType<typeof PagedOctokit>;
}

async function world(options: FakeGitHubOptions = {}): Promise<World> {
  const fake = await startFakeGitHub({ validateResponses: true, ...options });
  fake.createRepo(REPO);
  const base = fake.commit(REPO, {
    'main.tf': numbered(30),
    'old.txt': 'a\nb\n',
    'logo.png': 'PNG\0\x01\x02',
    'docs/readme.md': '# docs\n',
  });
  const head = fake.commit(
    REPO,
    {
      'main.tf': numbered(30, { 3: 'three', 25: 'x' }),
      'old.txt': null,
      'new.bicep': 'param a string\nparam b int\n',
      'logo.png': 'PNG\0\x01\x03',
    },
    base,
  );
  const number = fake.openPull(REPO, { base, head, user: 'dev' });
  fake.addToken('t-write', { login: 'netguide[bot]', type: 'Bot', write: true, appId: 42 });
  fake.addToken('t-read', { login: 'github-actions[bot]', type: 'Bot', write: false, appId: 15368 });
  fake.addToken('t-user', { login: 'alice', type: 'User', write: true });
  return { fake, base, head, number, octokit: new PagedOctokit({ auth: 't-write', baseUrl: fake.url }) };
}

/** The body of a GitHub error: `errors` holds strings or objects depending on the endpoint. */
interface ErrorBody {
  message: string;
  errors: { message: string; type: string }[];
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ status: number; data: ErrorBody; headers: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    const { status, response } = error as {
      status: number;
      response?: { data: ErrorBody; headers: Record<string, string> };
    };
    return { status, data: response?.data ?? { message: '', errors: [] }, headers: response?.headers ?? {} };
  }
  throw new Error('expected the request to fail');
}

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(async () => {
  expect(w.fake.responseErrors).toEqual([]);
  await w.fake.close();
});

describe('routing and validation', () => {
  it('answers 404 for an unknown route and an unknown repository', async () => {
    const unknownRoute = await failure(w.octokit.request('GET /repos/{owner}/{repo}/frobnicate', { owner, repo }));
    const unknownRepo = await failure(w.octokit.request('GET /repos/{owner}/{repo}', { owner, repo: 'nope' }));

    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.data).toMatchObject({ message: 'Not Found', documentation_url: expect.any(String) });
    expect(unknownRepo.status).toBe(404);
    expect(w.fake.requests[0]).toMatchObject({ route: undefined, operationId: undefined, status: 404 });
  });

  it('answers 422 "Invalid request." for a body the schema rejects, and stores nothing', async () => {
    const result = await failure(
      w.octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        owner,
        repo,
        pull_number: w.number,
        event: 'LOL' as 'COMMENT',
        body: 'x',
      }),
    );

    expect(result.status).toBe(422);
    expect(result.data.message).toMatch(
      /^Invalid request\.\n\n.*"LOL" is not a member of \["APPROVE","REQUEST_CHANGES","COMMENT"\]/,
    );
    expect(w.fake.state.reviews).toEqual([]);
  });

  it('validates query parameters too', async () => {
    const result = await failure(
      w.octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
        owner,
        repo,
        pull_number: w.number,
        per_page: 'lots' as unknown as number,
      }),
    );

    expect(result.status).toBe(422);
  });

  it('serves every route under /api/v3 and GraphQL under /api/graphql, like GHES', async () => {
    const ghes = new Octokit({ auth: 't-write', baseUrl: `${w.fake.url}/api/v3` });

    const { data } = await ghes.request('GET /repos/{owner}/{repo}', { owner, repo });
    const blob = await ghes.graphql<{ repository: { f: { text: string } } }>(
      `query { repository(owner: "acme", name: "infra") { f: object(expression: "main:docs/readme.md") { ... on Blob { text } } } }`,
    );

    expect(data.full_name).toBe(REPO);
    expect(blob.repository.f.text).toBe('# docs\n');
    expect(w.fake.requests.map((request) => request.path.split('?')[0])).toEqual([
      '/api/v3/repos/acme/infra',
      '/api/graphql',
    ]);
  });

  it('records requests with their route template and operation id', async () => {
    await w.octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo, pull_number: w.number });

    expect(w.fake.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: `/repos/acme/infra/pulls/${w.number}`,
        route: '/repos/{owner}/{repo}/pulls/{pull_number}',
        operationId: 'pulls/get',
        status: 200,
      }),
    ]);
    expect(w.fake.count('pulls/get')).toBe(1);
    w.fake.reset();
    expect(w.fake.count()).toBe(0);
  });
});

describe('auth', () => {
  it('answers 401 for an unknown token and for none', async () => {
    const unknown = new Octokit({ auth: 'who-knows', baseUrl: w.fake.url });
    const anonymous = new Octokit({ baseUrl: w.fake.url });

    expect((await failure(unknown.request('GET /repos/{owner}/{repo}', { owner, repo }))).data.message).toBe(
      'Bad credentials',
    );
    expect((await failure(anonymous.request('GET /repos/{owner}/{repo}', { owner, repo }))).status).toBe(401);
  });

  it('lets a read-only token read but answers every write with 403 and x-accepted-github-permissions', async () => {
    const readOnly = new Octokit({ auth: 't-read', baseUrl: w.fake.url });

    const read = await readOnly.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
      owner,
      repo,
      pull_number: w.number,
    });
    const write = await failure(
      readOnly.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner,
        repo,
        issue_number: w.number,
        body: 'hi',
      }),
    );

    expect(read.status).toBe(200);
    expect(write.status).toBe(403);
    expect(write.data.message).toBe('Resource not accessible by integration');
    expect(write.headers['x-accepted-github-permissions']).toBe('issues=write; pull_requests=write');
    expect(w.fake.state.issueComments).toEqual([]);
  });

  it('mints installation tokens for a real RS256 app JWT and rejects a forged one', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { privateKey: otherKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    w.fake.registerApp({
      id: 7,
      slug: 'netguide',
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      installationIds: [70],
    });
    const app = new Octokit({ auth: appJwt(7, privateKey), baseUrl: w.fake.url });
    const forged = new Octokit({ auth: appJwt(7, otherKey), baseUrl: w.fake.url });

    const me = await app.request('GET /app');
    const installation = await app.request('GET /repos/{owner}/{repo}/installation', { owner, repo });
    const { data: minted } = await app.request('POST /app/installations/{installation_id}/access_tokens', {
      installation_id: installation.data.id,
    });
    const bot = new Octokit({ auth: minted.token, baseUrl: w.fake.url });
    const { data: comment } = await bot.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner,
      repo,
      issue_number: w.number,
      body: 'hello',
    });
    const rejected = await failure(forged.request('GET /app'));
    const wrongInstallation = await failure(
      app.request('POST /app/installations/{installation_id}/access_tokens', { installation_id: 71 }),
    );

    expect(me.data).toMatchObject({ id: 7, slug: 'netguide' });
    expect(installation.data.id).toBe(70);
    expect(minted.token).toMatch(/^ghs_/);
    expect(comment.user).toMatchObject({ login: 'netguide[bot]', type: 'Bot' });
    expect(rejected.status).toBe(401);
    expect(wrongInstallation.status).toBe(404);
  });

  it('accepts a well-formed JWT for an app without a registered key, but not a PAT on app routes', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const app = new Octokit({ auth: appJwt(9, privateKey), baseUrl: w.fake.url });

    const { data } = await app.request('GET /app');
    const pat = await failure(w.octokit.request('GET /app'));

    expect(data).toMatchObject({ id: 9, slug: 'fake-app-9' });
    expect(pat.status).toBe(401);
  });
});

function appJwt(appId: number, key: KeyObject): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iat: now - 60, exp: now + 540, iss: appId })}`;
  return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), key).toString('base64url')}`;
}

describe('pull request files', () => {
  it('computes status, counts and git-style patches from the two snapshots', async () => {
    const { data } = await w.octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
      owner,
      repo,
      pull_number: w.number,
    });

    expect(
      data.map(({ filename, status, additions, deletions, changes, patch }) => ({
        filename,
        status,
        additions,
        deletions,
        changes,
        patch,
      })),
    ).toEqual([
      { filename: 'logo.png', status: 'modified', additions: 0, deletions: 0, changes: 0, patch: undefined },
      {
        filename: 'main.tf',
        status: 'modified',
        additions: 2,
        deletions: 2,
        changes: 4,
        // Verified against `git diff --no-index`.
        patch: [
          '@@ -1,6 +1,6 @@',
          ' 1',
          ' 2',
          '-3',
          '+three',
          ' 4',
          ' 5',
          ' 6',
          '@@ -22,7 +22,7 @@',
          ' 22',
          ' 23',
          ' 24',
          '-25',
          '+x',
          ' 26',
          ' 27',
          ' 28',
        ].join('\n'),
      },
      {
        filename: 'new.bicep',
        status: 'added',
        additions: 2,
        deletions: 0,
        changes: 2,
        patch: '@@ -0,0 +1,2 @@\n+param a string\n+param b int',
      },
      {
        filename: 'old.txt',
        status: 'removed',
        additions: 0,
        deletions: 2,
        changes: 2,
        patch: '@@ -1,2 +0,0 @@\n-a\n-b',
      },
    ]);
    expect(data[1]).toMatchObject({
      sha: expect.stringMatching(/^[0-9a-f]{40}$/),
      blob_url: `https://github.com/acme/infra/blob/${w.head}/main.tf`,
      raw_url: `https://github.com/acme/infra/raw/${w.head}/main.tf`,
      contents_url: `${w.fake.url}/repos/acme/infra/contents/main.tf?ref=${w.head}`,
    });
  });

  it('marks a missing final newline and omits the patch over the size limit', async () => {
    const fake = await startFakeGitHub({ validateResponses: true, maxPatchFileBytes: 100 });
    fake.createRepo(REPO);
    const base = fake.commit(REPO, { 'a.txt': 'one', 'big.txt': 'x\n' });
    const head = fake.commit(REPO, { 'a.txt': 'two', 'big.txt': 'y\n'.repeat(80) }, base);
    fake.openPull(REPO, { base, head, number: 5 });

    const files = fake.pullFiles(REPO, 5);
    await fake.close();

    expect(
      files.map(({ filename, patch, additions, deletions }) => ({ filename, patch, additions, deletions })),
    ).toEqual([
      {
        filename: 'a.txt',
        patch: '@@ -1 +1 @@\n-one\n\\ No newline at end of file\n+two\n\\ No newline at end of file',
        additions: 1,
        deletions: 1,
      },
      { filename: 'big.txt', patch: undefined, additions: 80, deletions: 1 },
    ]);
  });

  it('paginates like GitHub and stops at 3,000 files', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 3005 }, (_, index) => [`f/${String(index).padStart(4, '0')}.tf`, `${index}\n`]),
    );
    const head = w.fake.commit(REPO, files, w.head);
    w.fake.updatePull(REPO, w.number, { head });

    const first = await w.octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
      owner,
      repo,
      pull_number: w.number,
    });
    const all = await w.octokit.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
      owner,
      repo,
      pull_number: w.number,
      per_page: 100,
    });

    expect(first.data).toHaveLength(30);
    expect(first.headers.link).toBe(
      `<${w.fake.url}/repos/acme/infra/pulls/${w.number}/files?page=2>; rel="next", <${w.fake.url}/repos/acme/infra/pulls/${w.number}/files?page=100>; rel="last"`,
    );
    expect(all).toHaveLength(3000);
    expect(w.fake.count('pulls/list-files')).toBe(31);
  });
});

describe('reviews', () => {
  const review = (comments: Record<string, unknown>[], event: 'COMMENT' | 'APPROVE' = 'COMMENT') =>
    w.octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      owner,
      repo,
      pull_number: w.number,
      event,
      body: 'netguide review',
      comments: comments as { path: string; body: string }[],
    });

  it.each([
    ['an added line', { path: 'main.tf', line: 3, body: 'b' }],
    ['a context line', { path: 'main.tf', line: 6, side: 'RIGHT', body: 'b' }],
    ['a removed line on the LEFT', { path: 'main.tf', line: 25, side: 'LEFT', body: 'b' }],
    ['a range inside one hunk', { path: 'main.tf', start_line: 22, line: 28, body: 'b' }],
    ['a line of an added file', { path: 'new.bicep', line: 2, body: 'b' }],
    ['a deprecated position', { path: 'main.tf', position: 4, body: 'b' }],
  ])('accepts a comment on %s', async (_name, comment) => {
    const { data, status } = await review([comment]);

    expect(status).toBe(200);
    expect(data.state).toBe('COMMENTED');
    expect(w.fake.state.reviewComments).toHaveLength(1);
    expect(w.fake.state.reviewComments[0]).toMatchObject({ reviewId: data.id, path: comment.path });
  });

  it.each([
    ['a line between hunks', { path: 'main.tf', line: 12, body: 'b' }],
    ['a line past the end', { path: 'new.bicep', line: 3, body: 'b' }],
    ['a LEFT line of an added file', { path: 'new.bicep', line: 1, side: 'LEFT', body: 'b' }],
    ['a range spanning two hunks', { path: 'main.tf', start_line: 3, line: 24, body: 'b' }],
    ['a binary file', { path: 'logo.png', line: 1, body: 'b' }],
  ])('rejects the whole review for %s', async (_name, comment) => {
    const result = await failure(review([{ path: 'main.tf', line: 3, body: 'fine' }, comment]));

    expect(result.status).toBe(422);
    expect(result.data).toMatchObject({ message: 'Unprocessable Entity', errors: ['Line could not be resolved'] });
    expect(w.fake.state.reviews).toEqual([]);
    expect(w.fake.state.reviewComments).toEqual([]);
  });

  it('rejects a comment on a file outside the diff with "Path could not be resolved"', async () => {
    const result = await failure(review([{ path: 'docs/readme.md', line: 1, body: 'b' }]));

    expect(result.data.errors).toEqual(['Path could not be resolved']);
  });

  it('refuses to let the author approve their own pull request', async () => {
    const author = new Octokit({ auth: 't-user', baseUrl: w.fake.url });
    w.fake.updatePull(REPO, w.number, { title: 'mine' });
    w.fake.state.pulls[0]!.user = { login: 'alice', type: 'User' };

    const result = await failure(
      author.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        owner,
        repo,
        pull_number: w.number,
        event: 'APPROVE',
      }),
    );

    expect(result.data.errors).toEqual(['Can not approve your own pull request']);
  });

  it('posts single comments: a line, a file-level one, and a reply; lists and deletes them', async () => {
    const commit_id = w.head;
    const single = (extra: Record<string, unknown>) =>
      w.octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/comments', {
        owner,
        repo,
        pull_number: w.number,
        commit_id,
        path: 'main.tf',
        body: 'x',
        ...extra,
      });

    const line = await single({ line: 3, side: 'RIGHT' });
    const file = await single({ subject_type: 'file' });
    const reply = await single({ in_reply_to: line.data.id, body: 'reply' });
    const outside = await failure(single({ line: 12 }));
    const listed = await w.octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', {
      owner,
      repo,
      pull_number: w.number,
    });
    await w.octokit.request('DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}', {
      owner,
      repo,
      comment_id: file.data.id,
    });
    const gone = await failure(
      w.octokit.request('GET /repos/{owner}/{repo}/pulls/comments/{comment_id}', {
        owner,
        repo,
        comment_id: file.data.id,
      }),
    );

    expect(line.data).toMatchObject({
      line: 3,
      side: 'RIGHT',
      subject_type: 'line',
      diff_hunk: '@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three',
    });
    expect(file.data).toMatchObject({ subject_type: 'file', path: 'main.tf' });
    expect(file.data.line).toBeUndefined();
    expect(reply.data).toMatchObject({ in_reply_to_id: line.data.id, line: 3, path: 'main.tf' });
    expect(outside.data.errors[0]?.message).toBe('pull_request_review_thread.line must be part of the diff');
    expect(listed.data.map((comment) => comment.id)).toEqual([line.data.id, file.data.id, reply.data.id]);
    expect(gone.status).toBe(404);
    expect(w.fake.state.reviewComments.map((comment) => comment.id)).toEqual([line.data.id, reply.data.id]);
  });

  it('validates against the commented commit after a push', async () => {
    const next = w.fake.commit(REPO, { 'main.tf': numbered(30, { 3: 'three', 12: 'twelve', 25: 'x' }) }, w.head);
    w.fake.updatePull(REPO, w.number, { head: next });

    const onNew = await review([{ path: 'main.tf', line: 12, body: 'b' }]);
    const onOld = await failure(
      w.octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        owner,
        repo,
        pull_number: w.number,
        commit_id: w.head,
        event: 'COMMENT',
        body: 'x',
        comments: [{ path: 'main.tf', line: 12, body: 'b' }],
      }),
    );

    expect(onNew.data.commit_id).toBe(next);
    expect(onOld.status).toBe(422);
  });
});

describe('issue comments and reactions', () => {
  it('creates, lists with pagination, updates and deletes', async () => {
    for (const index of [1, 2, 3]) {
      await w.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner,
        repo,
        issue_number: w.number,
        body: `c${index}`,
      });
    }

    const page = await w.octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner,
      repo,
      issue_number: w.number,
      per_page: 2,
    });
    const all = await w.octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner,
      repo,
      issue_number: w.number,
      per_page: 2,
    });
    const first = all[0]!;
    const updated = await w.octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      owner,
      repo,
      comment_id: first.id,
      body: 'edited',
    });
    await w.octokit.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      owner,
      repo,
      comment_id: all[1]!.id,
    });

    expect(page.data.map((comment) => comment.body)).toEqual(['c1', 'c2']);
    expect(page.headers.link).toContain('rel="next"');
    expect(all.map((comment) => comment.body)).toEqual(['c1', 'c2', 'c3']);
    expect(all.map((comment) => comment.id)).toEqual([...all.map((comment) => comment.id)].sort((a, b) => a - b));
    expect(first).toMatchObject({
      node_id: expect.stringMatching(/^IC_/),
      html_url: `https://github.com/acme/infra/pull/${w.number}#issuecomment-${first.id}`,
      user: { login: 'netguide[bot]', type: 'Bot' },
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    expect(updated.data.body).toBe('edited');
    expect(w.fake.state.issueComments.map((comment) => comment.body)).toEqual(['edited', 'c3']);
  });

  it.each([
    [
      'an issue comment',
      (body: string) =>
        w.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          owner,
          repo,
          issue_number: w.number,
          body,
        }),
    ],
    [
      'a review body',
      (body: string) =>
        w.octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
          owner,
          repo,
          pull_number: w.number,
          event: 'COMMENT',
          body,
        }),
    ],
    [
      'a review comment body',
      (body: string) =>
        w.octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
          owner,
          repo,
          pull_number: w.number,
          event: 'COMMENT',
          body: 'ok',
          comments: [{ path: 'main.tf', line: 3, body }],
        }),
    ],
  ])('rejects %s over 65,536 characters and accepts exactly 65,536', async (_name, post) => {
    const accepted = await post('x'.repeat(65_536));
    const rejected = await failure(post('x'.repeat(65_537)));

    expect(accepted.status).toBeLessThan(300);
    expect(rejected.status).toBe(422);
    expect(rejected.data.errors[0]?.message).toBe('Body is too long (maximum is 65536 characters)');
  });

  it('adds a reaction once per user and content', async () => {
    const { data: comment } = await w.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner,
      repo,
      issue_number: w.number,
      body: '/netguide explain',
    });

    const first = await w.octokit.request('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', {
      owner,
      repo,
      comment_id: comment.id,
      content: 'eyes',
    });
    const again = await w.octokit.request('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', {
      owner,
      repo,
      comment_id: comment.id,
      content: 'eyes',
    });
    const bad = await failure(
      w.octokit.request('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', {
        owner,
        repo,
        comment_id: comment.id,
        content: 'thumbsup' as 'eyes',
      }),
    );

    expect([first.status, again.status, bad.status]).toEqual([201, 200, 422]);
    expect(w.fake.state.reactions).toEqual([expect.objectContaining({ commentId: comment.id, content: 'eyes' })]);
  });
});

describe('GraphQL', () => {
  it('reads a batch of blobs: text, missing, binary, truncated, directory', async () => {
    const fake = await startFakeGitHub({ maxBlobTextBytes: 10 });
    fake.createRepo(REPO);
    const sha = fake.commit(REPO, {
      'a "q".tf': 'short\n',
      'bin.png': 'P\0',
      'big.txt': 'x'.repeat(11),
      'dir/x.tf': '',
    });
    fake.addToken('t', { login: 'u', type: 'User', write: true });
    const octokit = new Octokit({ auth: 't', baseUrl: fake.url });

    const data = await octokit.graphql<{ repository: Record<string, unknown> }>(
      `query ($owner: String!, $name: String!) {
        repository(owner: $owner, name: $name) {
          b0: object(expression: ${JSON.stringify(`${sha}:a "q".tf`)}) { __typename ... on Blob { text byteSize isBinary isTruncated } }
          b1: object(expression: "${sha}:missing.tf") { __typename ... on Blob { text byteSize isBinary isTruncated } }
          b2: object(expression: "${sha}:bin.png") { __typename ... on Blob { text byteSize isBinary isTruncated } }
          b3: object(expression: "main:big.txt") { __typename ... on Blob { text byteSize isBinary isTruncated } }
          b4: object(expression: "${sha}:dir") { __typename }
        }
      }`,
      { owner, name: repo },
    );
    await fake.close();

    expect(data.repository).toEqual({
      b0: { __typename: 'Blob', text: 'short\n', byteSize: 6, isBinary: false, isTruncated: false },
      b1: null,
      b2: { __typename: 'Blob', text: null, byteSize: 2, isBinary: true, isTruncated: false },
      b3: { __typename: 'Blob', text: null, byteSize: 11, isBinary: false, isTruncated: true },
      b4: { __typename: 'Tree' },
    });
  });

  it('minimizes an issue comment by node id, visible in state and REST', async () => {
    const { data: comment } = await w.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner,
      repo,
      issue_number: w.number,
      body: 'old summary',
    });

    const result = await w.octokit.graphql<{ minimizeComment: { minimizedComment: { isMinimized: boolean } } }>(
      'mutation ($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }',
      { id: comment.node_id },
    );
    const { data: listed } = await w.octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner,
      repo,
      issue_number: w.number,
    });

    expect(result.minimizeComment.minimizedComment.isMinimized).toBe(true);
    expect(w.fake.state.issueComments[0]?.minimized).toBe('OUTDATED');
    expect(listed[0]?.minimized).toEqual({ reason: 'outdated' });
  });

  it('answers unsupported documents and unknown repositories with GraphQL errors', async () => {
    const unsupported = await w.octokit.graphql('query { viewer { login } }').catch((error: unknown) => error);
    const missing = await w.octokit
      .graphql('query { repository(owner: "acme", name: "nope") { b0: object(expression: "main:x") { __typename } } }')
      .catch((error: unknown) => error);

    expect(unsupported).toMatchObject({ errors: [{ message: expect.stringMatching(/unsupported GraphQL document/) }] });
    expect(missing).toMatchObject({ errors: [{ type: 'NOT_FOUND' }], data: { repository: null } });
    expect(w.fake.requests.map((request) => request.status)).toEqual([200, 200]);
  });
});

describe('fault injection', () => {
  it('answers the next matching request with an injected 502, then recovers', async () => {
    w.fake.inject({ method: 'POST', route: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', status: 502 });
    const post = () =>
      w.octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        owner,
        repo,
        pull_number: w.number,
        event: 'COMMENT',
        body: 'x',
      });

    const first = await failure(post());
    const second = await post();

    expect(first.status).toBe(502);
    expect(second.status).toBe(200);
    expect(w.fake.requests.map((request) => request.status)).toEqual([502, 200]);
  });

  it('can play a secondary rate limit with retry-after', async () => {
    w.fake.inject({
      status: 403,
      headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      times: 2,
    });

    const results = [
      await failure(w.octokit.request('GET /repos/{owner}/{repo}', { owner, repo })),
      await failure(w.octokit.request('GET /repos/{owner}/{repo}', { owner, repo })),
    ];
    const third = await w.octokit.request('GET /repos/{owner}/{repo}', { owner, repo });

    expect(results.map((result) => [result.status, result.headers['retry-after']])).toEqual([
      [403, '1'],
      [403, '1'],
    ]);
    expect(third.status).toBe(200);
  });

  it('hangs without answering until the client gives up', async () => {
    w.fake.inject({ route: '/repos/{owner}/{repo}', hang: true });

    const error = await w.octokit
      .request('GET /repos/{owner}/{repo}', { owner, repo, request: { signal: AbortSignal.timeout(200) } })
      .catch((caught: unknown) => caught);

    // Only the client's timeout ends it: Octokit reports the abort (as a 500 it never received).
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/abort|timeout/i);
    expect(w.fake.requests[0]?.status).toBe(0);
  });
});

describe('checks, statuses, permissions', () => {
  it('creates a check run, accumulates annotations across PATCHes, lists it for the ref', async () => {
    const annotation = (line: number) => ({
      path: 'main.tf',
      start_line: line,
      end_line: line,
      annotation_level: 'warning' as const,
      message: 'kubenet',
    });
    const { data: created } = await w.octokit.request('POST /repos/{owner}/{repo}/check-runs', {
      owner,
      repo,
      name: 'aks-netguide',
      head_sha: w.head,
      status: 'in_progress',
      output: {
        title: 't',
        summary: 's',
        annotations: Array.from({ length: 50 }, (_, index) => annotation(index + 1)),
      },
    });
    await w.octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
      owner,
      repo,
      check_run_id: created.id,
      conclusion: 'neutral',
      output: { title: 't', summary: 'done', annotations: [annotation(60)] },
    });
    const { data: listed } = await w.octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
      owner,
      repo,
      ref: w.head,
    });
    const tooMany = await failure(
      w.octokit.request('POST /repos/{owner}/{repo}/check-runs', {
        owner,
        repo,
        name: 'x',
        head_sha: w.head,
        output: {
          title: 't',
          summary: 's',
          annotations: Array.from({ length: 51 }, (_, index) => annotation(index + 1)),
        },
      }),
    );
    const tooLong = await failure(
      w.octokit.request('POST /repos/{owner}/{repo}/check-runs', {
        owner,
        repo,
        name: 'x',
        head_sha: w.head,
        output: { title: 't', summary: 'x'.repeat(65_536) },
      }),
    );

    expect(listed.total_count).toBe(1);
    expect(listed.check_runs[0]).toMatchObject({
      id: created.id,
      status: 'completed',
      conclusion: 'neutral',
      head_sha: w.head,
      output: { summary: 'done', annotations_count: 51 },
      pull_requests: [expect.objectContaining({ number: w.number })],
    });
    expect(w.fake.state.checkRuns[0]?.annotations).toHaveLength(51);
    expect(tooMany.status).toBe(422);
    expect(tooLong.data.message).toBe('Invalid request.\n\nOnly 65535 characters are allowed; 65536 were supplied.');
  });

  it('lets only the creating app update a check run, and no PAT create one', async () => {
    w.fake.addToken('t-other-app', { login: 'other[bot]', type: 'Bot', write: true, appId: 43 });
    const { data: run } = await w.octokit.request('POST /repos/{owner}/{repo}/check-runs', {
      owner,
      repo,
      name: 'n',
      head_sha: w.head,
    });
    const other = new Octokit({ auth: 't-other-app', baseUrl: w.fake.url });
    const user = new Octokit({ auth: 't-user', baseUrl: w.fake.url });

    const foreign = await failure(
      other.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
        owner,
        repo,
        check_run_id: run.id,
        conclusion: 'success',
      }),
    );
    const pat = await failure(
      user.request('POST /repos/{owner}/{repo}/check-runs', { owner, repo, name: 'n', head_sha: w.head }),
    );

    expect(foreign.status).toBe(403);
    expect(pat.data.message).toBe('You must authenticate via a GitHub App.');
  });

  it('records commit statuses and answers collaborator permissions', async () => {
    w.fake.setPermission(REPO, 'alice', 'write');

    const status = await w.octokit.request('POST /repos/{owner}/{repo}/statuses/{sha}', {
      owner,
      repo,
      sha: w.head,
      state: 'success',
      context: 'aks-netguide',
    });
    const alice = await w.octokit.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', {
      owner,
      repo,
      username: 'alice',
    });
    const stranger = await w.octokit.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', {
      owner,
      repo,
      username: 'bob',
    });

    expect(status.status).toBe(201);
    expect(w.fake.state.statuses).toEqual([
      expect.objectContaining({ sha: w.head, state: 'success', context: 'aks-netguide' }),
    ]);
    expect([alice.data.permission, stranger.data.permission]).toEqual(['write', 'read']);
  });
});

describe('repository content', () => {
  it('serves contents as base64 at a ref, directories as arrays, raw on request, 404 when missing', async () => {
    const atBase = await w.octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner,
      repo,
      path: 'old.txt',
      ref: w.base,
    });
    const nested = await w.octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner,
      repo,
      path: 'docs/readme.md',
    });
    const dir = await w.octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path: 'docs' });
    const raw = await w.octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner,
      repo,
      path: 'main.tf',
      ref: w.head,
      mediaType: { format: 'raw' },
    });
    const missing = await failure(
      w.octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path: 'old.txt', ref: w.head }),
    );

    expect(atBase.data).toMatchObject({
      type: 'file',
      encoding: 'base64',
      path: 'old.txt',
      size: 4,
      content: 'YQpiCg==\n',
    });
    expect(nested.data).toMatchObject({ path: 'docs/readme.md' });
    expect(Array.isArray(dir.data) && dir.data.map((entry) => entry.path)).toEqual(['docs/readme.md']);
    expect(raw.data).toBe(numbered(30, { 3: 'three', 25: 'x' }));
    expect(missing.status).toBe(404);
  });

  it('lists trees by commit or tree sha, recursively, with real git blob ids, truncating over the limit', async () => {
    const fake = await startFakeGitHub({ validateResponses: true, maxTreeEntries: 3 });
    fake.createRepo(REPO);
    const sha = fake.commit(REPO, { 'a/b/c.txt': 'hello\n', 'z.txt': '' });
    fake.addToken('t', { login: 'u', type: 'User', write: true });
    const octokit = new Octokit({ auth: 't', baseUrl: fake.url });

    const top = await octokit.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { owner, repo, tree_sha: sha });
    const recursive = await octokit.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
      owner,
      repo,
      tree_sha: top.data.sha,
      recursive: '1',
    });
    const byBranch = await octokit.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
      owner,
      repo,
      tree_sha: 'main',
    });
    await fake.close();

    expect(top.data.tree.map(({ path, type, mode }) => [path, type, mode])).toEqual([
      ['a', 'tree', '040000'],
      ['z.txt', 'blob', '100644'],
    ]);
    expect(recursive.data.truncated).toBe(true);
    expect(recursive.data.tree.map(({ path }) => path)).toEqual(['a', 'a/b', 'a/b/c.txt']);
    // `printf 'hello\n' | git hash-object --stdin`
    expect(recursive.data.tree[2]).toMatchObject({ sha: 'ce013625030ba8dba906f756967f9e9ca394464a', size: 6 });
    expect(byBranch.data.sha).toBe(top.data.sha);
  });

  it('answers repository, pull request and associated-pull lookups with spec-valid objects', async () => {
    const fork = w.fake.commit(REPO, { 'main.tf': 'fork\n' }, w.base);
    const forkPull = w.fake.openPull(REPO, { base: w.base, head: fork, headRepo: 'mallory/infra' });

    const { data: repository } = await w.octokit.request('GET /repos/{owner}/{repo}', { owner, repo });
    const { data: pull } = await w.octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
      owner,
      repo,
      pull_number: forkPull,
    });
    const { data: associated } = await w.octokit.request('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', {
      owner,
      repo,
      commit_sha: w.head,
    });

    expect(repository).toMatchObject({ full_name: REPO, default_branch: 'main', private: false });
    expect(pull).toMatchObject({
      number: forkPull,
      head: { sha: fork, repo: { full_name: 'mallory/infra', fork: true } },
      base: { sha: w.base },
    });
    expect(associated.map((candidate) => candidate.number)).toEqual([w.number]);
  });
});

describe('webhooks', () => {
  it('adapts an example payload to the fake and signs it verifiably', async () => {
    const payload = webhookPayload('pull_request', 'opened', {
      repo: REPO,
      number: w.number,
      headSha: w.head,
      baseSha: w.base,
      headRepo: 'mallory/infra',
      installationId: 70,
      apiUrl: w.fake.url,
    });
    const comment = webhookPayload('issue_comment', 'created', {
      repo: REPO,
      number: w.number,
      comment: { body: '/netguide compare', user: 'alice' },
    });
    const body = JSON.stringify(payload);
    const signature = await signWebhook('s3cret', body);

    expect(payload).toMatchObject({
      action: 'opened',
      number: w.number,
      repository: { full_name: REPO, name: 'infra', owner: { login: 'acme' } },
      installation: { id: 70 },
      pull_request: {
        number: w.number,
        head: { sha: w.head, repo: { full_name: 'mallory/infra', fork: true } },
        base: { sha: w.base, repo: { full_name: REPO } },
      },
    });
    expect(JSON.stringify(payload)).not.toContain('https://api.github.com');
    expect(comment).toMatchObject({
      issue: { number: w.number, pull_request: expect.any(Object) },
      comment: { body: '/netguide compare', user: { login: 'alice' } },
    });
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(await verify('s3cret', body, signature)).toBe(true);
  });
});

describe('spec subset', () => {
  it('names its source and holds only the operations the fake serves', () => {
    const spec = JSON.parse(readFileSync(new URL('./spec/api.github.com.subset.json', import.meta.url), 'utf8')) as {
      info: Record<string, unknown>;
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.values(spec.paths).flatMap((item) =>
      Object.keys(item).filter((key) => key !== 'parameters'),
    );

    expect(spec.info['x-source']).toBe('@octokit/openapi@23.0.2 generated/api.github.com.json');
    expect(operations).toHaveLength(30);
  });
});
