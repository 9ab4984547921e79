import type { Octokit } from '@octokit/rest';
import { DEFAULT_MAX_FILE_BYTES } from '../engine/config.js';
import type { DashboardPort, IssueInfo } from './dashboard.js';
import { GitHubError } from './port.js';
import type {
  ChangedFile,
  ExistingComment,
  FileContent,
  FileStatus,
  GitHubPort,
  InlineComment,
  PullRequestInfo,
  RepoPermission,
  RepoRef,
  RepositoryInfo,
  RepositoryPort,
} from './port.js';

/**
 * What the adapter needs of an Octokit: requests, GraphQL and pagination, typed on @octokit/rest. The
 * Action's client (action/client.ts) is an @octokit/rest Octokit; Probot's is built on the same
 * @octokit/core with the same pagination plugin, so both are this type.
 */
export type OctokitLike = Pick<Octokit, 'request' | 'graphql' | 'paginate'>;

/** GitHub's "list pull request files" stops at 3,000 files. */
export const MAX_LISTED_FILES = 3_000;
/**
 * Blobs asked for in one GraphQL query: as many as a page of changed files, so that reading contents
 * costs requests by pages of files. Each query is paced a second apart by @octokit/plugin-throttling
 * (bench/README.md: 50 a query made a 300-file PR wait 12 s for 12 queries).
 */
export const BLOBS_PER_QUERY = 100;

interface BlobResult {
  __typename?: string;
  text?: string | null;
  isBinary?: boolean | null;
  isTruncated?: boolean;
}

interface RawComment {
  id: number | bigint;
  node_id: string;
  body?: string;
  user?: { login: string } | null;
  path?: string;
  in_reply_to_id?: number;
  created_at?: string;
}

/** The GitHub port over Octokit: REST for most calls, GraphQL to read many files at once. */
export function octokitPort(octokit: OctokitLike): GitHubPort & RepositoryPort & DashboardPort {
  return {
    async listLabeledIssues(repo, label) {
      const data = await call(() =>
        octokit.paginate('GET /repos/{owner}/{repo}/issues', {
          owner: repo.owner,
          repo: repo.repo,
          labels: label,
          state: 'all',
          sort: 'created',
          direction: 'asc',
          per_page: 100,
        }),
      );
      return data.filter((issue) => issue.pull_request === undefined || issue.pull_request === null).map(toIssue);
    },

    async createIssue(repo, issue) {
      const { data } = await call(() =>
        octokit.request('POST /repos/{owner}/{repo}/issues', { owner: repo.owner, repo: repo.repo, ...issue }),
      );
      return toIssue(data);
    },

    async updateIssue(repo, number, update) {
      await call(() =>
        octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
          owner: repo.owner,
          repo: repo.repo,
          issue_number: number,
          ...update,
        }),
      );
    },

    async listOrgRepositories(org) {
      const data = await call(() =>
        octokit.paginate('GET /orgs/{org}/repos', { org, type: 'all', sort: 'full_name', per_page: 100 }),
      );
      return data.map((repo) => toRepositoryInfo(repo));
    },

    async getRepository(repo) {
      const { data } = await call(() =>
        octokit.request('GET /repos/{owner}/{repo}', { owner: repo.owner, repo: repo.repo }),
      );
      return toRepositoryInfo(data);
    },

    async getBranchHead(repo, branch) {
      const { data } = await call(() =>
        octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
          owner: repo.owner,
          repo: repo.repo,
          ref: `heads/${branch}`,
        }),
      );
      return data.object.sha;
    },

    async getTree(repo, sha, recursive) {
      const { data } = await call(() =>
        octokit.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
          owner: repo.owner,
          repo: repo.repo,
          tree_sha: sha,
          ...(recursive ? { recursive: '1' } : {}),
        }),
      );
      return {
        entries: data.tree.flatMap((entry) =>
          entry.path !== undefined &&
          entry.sha !== undefined &&
          (entry.type === 'blob' || entry.type === 'tree' || entry.type === 'commit')
            ? [
                {
                  path: entry.path,
                  sha: entry.sha,
                  type: entry.type,
                  mode: entry.mode ?? '',
                  ...(entry.size === undefined ? {} : { size: entry.size }),
                },
              ]
            : [],
        ),
        truncated: data.truncated,
      };
    },

    async getPullRequest(ref) {
      const { data } = await call(() =>
        octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
          owner: ref.owner,
          repo: ref.repo,
          pull_number: ref.number,
        }),
      );
      return toPullRequest(data, ref);
    },

    async listPullRequestsForCommit(repo, sha) {
      const data = await call(() =>
        octokit.paginate('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', {
          owner: repo.owner,
          repo: repo.repo,
          commit_sha: sha,
          per_page: 100,
        }),
      );
      return data.map((pull) => toPullRequest(pull, repo));
    },

    async listPullRequestFiles(ref) {
      const data = await call(() =>
        octokit.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
          owner: ref.owner,
          repo: ref.repo,
          pull_number: ref.number,
          per_page: 100,
        }),
      );
      const files: ChangedFile[] = data.map((file) => {
        const changed: ChangedFile = { path: file.filename, status: file.status as FileStatus };
        if (file.previous_filename !== undefined) changed.previousPath = file.previous_filename;
        if (file.patch !== undefined) changed.patch = file.patch;
        return changed;
      });
      return { files, truncated: files.length >= MAX_LISTED_FILES };
    },

    async listTree(repo, sha) {
      const { data } = await call(() =>
        octokit.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
          owner: repo.owner,
          repo: repo.repo,
          tree_sha: sha,
          recursive: '1',
        }),
      );
      return {
        // A symbolic link (mode 120000) is no file of the commit's: its blob is the link's target path.
        entries: data.tree.flatMap((entry) =>
          entry.type === 'blob' && entry.mode !== '120000' && entry.path !== undefined && entry.sha !== undefined
            ? [{ path: entry.path, sha: entry.sha }]
            : [],
        ),
        truncated: data.truncated,
      };
    },

    async readFiles(repo, sha, paths, options = {}) {
      const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
      const result = new Map<string, FileContent>();
      for (let start = 0; start < paths.length; start += BLOBS_PER_QUERY) {
        const batch = paths.slice(start, start + BLOBS_PER_QUERY);
        const fields = batch
          .map(
            (path, index) =>
              `b${index}: object(expression: ${JSON.stringify(`${sha}:${path}`)}) { __typename ... on Blob { text isBinary isTruncated } }`,
          )
          .join('\n    ');
        const query = `query($owner: String!, $name: String!) {\n  repository(owner: $owner, name: $name) {\n    ${fields}\n  }\n}`;
        const data = await call(() =>
          octokit.graphql<{ repository: Record<string, BlobResult | null> | null }>(query, {
            owner: repo.owner,
            name: repo.repo,
          }),
        );
        for (const [index, path] of batch.entries()) {
          const blob = data.repository?.[`b${index}`];
          if (blob === null || blob === undefined) {
            result.set(path, null);
          } else if (blob.isBinary === true || blob.isTruncated === true || typeof blob.text !== 'string') {
            // Large or binary: the contents API gives the raw bytes (one request, rare).
            result.set(path, await readRaw(octokit, repo, sha, path, maxBytes));
          } else {
            result.set(path, blob.text);
          }
        }
      }
      return result;
    },

    async listReviewComments(ref) {
      const data = await call(() =>
        octokit.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', {
          owner: ref.owner,
          repo: ref.repo,
          pull_number: ref.number,
          per_page: 100,
        }),
      );
      return data.map((comment) => toComment(comment));
    },

    async createReview(ref, review) {
      await call(() =>
        octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
          owner: ref.owner,
          repo: ref.repo,
          pull_number: ref.number,
          commit_id: review.commitId,
          body: review.body,
          event: 'COMMENT',
          comments: review.comments.map(toReviewComment),
        }),
      );
    },

    async deleteReviewComment(repo, id) {
      await call(() =>
        octokit.request('DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}', {
          owner: repo.owner,
          repo: repo.repo,
          comment_id: id,
        }),
      );
    },

    async listIssueComments(ref) {
      const data = await call(() =>
        octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          owner: ref.owner,
          repo: ref.repo,
          issue_number: ref.number,
          per_page: 100,
        }),
      );
      return data.map((comment) => toComment(comment));
    },

    async createIssueComment(ref, body) {
      const { data } = await call(() =>
        octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          owner: ref.owner,
          repo: ref.repo,
          issue_number: ref.number,
          body,
        }),
      );
      return toComment(data);
    },

    async updateIssueComment(repo, id, body) {
      await call(() =>
        octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
          owner: repo.owner,
          repo: repo.repo,
          comment_id: id,
          body,
        }),
      );
    },

    async deleteIssueComment(repo, id) {
      await call(() =>
        octokit.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
          owner: repo.owner,
          repo: repo.repo,
          comment_id: id,
        }),
      );
    },

    async createCheckRun(repo, run) {
      const { data } = await call(() =>
        octokit.request('POST /repos/{owner}/{repo}/check-runs', {
          owner: repo.owner,
          repo: repo.repo,
          name: run.name,
          head_sha: run.headSha,
          status: 'in_progress',
          started_at: new Date().toISOString(),
        }),
      );
      return Number(data.id);
    },

    async updateCheckRun(repo, id, update) {
      const body: Record<string, unknown> = {};
      if (update.status !== undefined) body.status = update.status;
      if (update.conclusion !== undefined) {
        body.conclusion = update.conclusion;
        body.completed_at = new Date().toISOString();
      }
      if (update.output !== undefined) {
        const output: Record<string, unknown> = { title: update.output.title, summary: update.output.summary };
        if (update.output.text !== undefined) output.text = update.output.text;
        if (update.output.annotations !== undefined) {
          output.annotations = update.output.annotations.map((a) => ({
            path: a.path,
            start_line: a.startLine,
            end_line: a.endLine,
            annotation_level: a.level,
            message: a.message,
            title: a.title,
          }));
        }
        body.output = output;
      }
      await call(() =>
        octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
          owner: repo.owner,
          repo: repo.repo,
          check_run_id: id,
          ...body,
        }),
      );
    },

    async addReaction(repo, commentId, content) {
      await call(() =>
        octokit.request('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', {
          owner: repo.owner,
          repo: repo.repo,
          comment_id: commentId,
          content,
        }),
      );
    },

    async getPermission(repo, username) {
      try {
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', {
          owner: repo.owner,
          repo: repo.repo,
          username,
        });
        // `role_name` names a custom repository role ("deployer") as it is; `permission` carries the base
        // level it inherits (admin, write, read), so a custom role based on write passes as write.
        const known: readonly string[] = ['admin', 'maintain', 'write', 'triage', 'read'];
        const role = data.role_name;
        if (typeof role === 'string' && known.includes(role)) return role as RepoPermission;
        return known.includes(data.permission) ? (data.permission as RepoPermission) : 'none';
      } catch (error) {
        // Not a collaborator: GitHub answers 404.
        if (statusOf(error) === 404) return 'none';
        throw wrap(error);
      }
    },

    async minimizeComment(nodeId) {
      await call(() =>
        octokit.graphql(
          'mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }',
          { id: nodeId },
        ),
      );
    },
  };
}

interface RawRepository {
  name: string;
  owner: { login: string };
  default_branch?: string;
  archived?: boolean;
  size?: number;
}

function toRepositoryInfo(data: RawRepository): RepositoryInfo {
  return {
    owner: data.owner.login,
    repo: data.name,
    // GitHub omits the default branch of a repository without commits; "main" is then never read.
    defaultBranch: data.default_branch ?? 'main',
    archived: data.archived === true,
  };
}

interface RawPull {
  number: number;
  state: string;
  draft?: boolean;
  head: { sha: string; repo: { full_name: string } | null };
  base: { sha: string; repo: { full_name: string } };
}

function toPullRequest(data: RawPull, repo: RepoRef): PullRequestInfo {
  return {
    number: data.number,
    headSha: data.head.sha,
    baseSha: data.base.sha,
    headRepo: data.head.repo?.full_name ?? `${repo.owner}/${repo.repo}`,
    baseRepo: data.base.repo.full_name,
    state: data.state,
    draft: data.draft === true,
  };
}

function toReviewComment(comment: InlineComment) {
  const base = { path: comment.path, line: comment.line, side: 'RIGHT' as const, body: comment.body };
  return comment.startLine === undefined
    ? base
    : { ...base, start_line: comment.startLine, start_side: 'RIGHT' as const };
}

function toComment(raw: RawComment): ExistingComment {
  const comment: ExistingComment = {
    id: Number(raw.id),
    nodeId: raw.node_id,
    body: raw.body ?? '',
    authorLogin: raw.user?.login ?? '',
  };
  if (raw.path !== undefined) comment.path = raw.path;
  if (raw.in_reply_to_id !== undefined) comment.inReplyToId = raw.in_reply_to_id;
  if (raw.created_at !== undefined) comment.createdAt = raw.created_at;
  return comment;
}

async function readRaw(
  octokit: OctokitLike,
  repo: RepoRef,
  sha: string,
  path: string,
  maxBytes: number,
): Promise<FileContent> {
  try {
    const response = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: repo.owner,
      repo: repo.repo,
      path,
      ref: sha,
      headers: { accept: 'application/vnd.github.raw+json' },
      request: { parseSuccessResponseBody: false },
    });
    const declared = Number(response.headers['content-length']);
    return await readBody(response.data as unknown, maxBytes, Number.isFinite(declared) ? declared : undefined);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw wrap(error);
  }
}

/**
 * The raw body as Octokit hands it over unparsed: a web stream (fetch), or already a string or bytes.
 * A stream is read up to `maxBytes` and then cancelled, so a huge file never sits in memory whole.
 */
export async function readBody(body: unknown, maxBytes: number, declaredSize?: number): Promise<FileContent> {
  if (typeof body === 'string') return capped(new TextEncoder().encode(body), maxBytes, declaredSize);
  if (body instanceof ArrayBuffer) return capped(new Uint8Array(body), maxBytes, declaredSize);
  if (body instanceof Uint8Array) return capped(body, maxBytes, declaredSize);
  if (body instanceof ReadableStream) {
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        return { size: Math.max(total, declaredSize ?? 0), sample: concat(chunks, total).subarray(0, maxBytes) };
      }
    }
    return concat(chunks, total);
  }
  throw new Error(`the contents API answered with an unreadable body (${Object.prototype.toString.call(body)})`);
}

function capped(bytes: Uint8Array, maxBytes: number, declaredSize: number | undefined): FileContent {
  if (bytes.byteLength <= maxBytes) return bytes;
  return { size: Math.max(bytes.byteLength, declaredSize ?? 0), sample: bytes.subarray(0, maxBytes) };
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function toIssue(issue: {
  number: number;
  state: string;
  body?: string | null;
  user?: { login: string } | null;
}): IssueInfo {
  return {
    number: issue.number,
    state: issue.state === 'closed' ? 'closed' : 'open',
    body: issue.body ?? '',
    authorLogin: issue.user?.login ?? '',
  };
}

/** Octokit's errors become the port's, with the HTTP status kept. */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw wrap(error);
  }
}

function wrap(error: unknown): Error {
  if (error instanceof GitHubError) return error;
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return status === undefined
    ? error instanceof Error
      ? error
      : new Error(message)
    : new GitHubError(message, status);
}

function statusOf(error: unknown): number | undefined {
  if (error !== null && typeof error === 'object' && 'status' in error && typeof error.status === 'number')
    return error.status;
  return undefined;
}
