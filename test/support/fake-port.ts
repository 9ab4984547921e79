import { createHash } from 'node:crypto';
import { structuredPatch } from 'diff';
import { GitHubError } from '../../src/github/port.js';
import type {
  ChangedFile,
  CheckRunUpdate,
  ExistingComment,
  FileContent,
  GitHubPort,
  InlineComment,
  PullRef,
  Reaction,
  RepoPermission,
  RepoRef,
} from '../../src/github/port.js';

/**
 * An in-memory GitHub behind the port, for unit tests of the review logic: two snapshots (base, head),
 * computed patches, comments, and switches for read-only tokens and refused review lines. The end-to-end
 * tests use the HTTP fake in test/fake-github instead.
 */
export class FakePort implements GitHubPort {
  base: Record<string, string> = {};
  head: Record<string, string> = {};
  reviewComments: (ExistingComment & { line: number })[] = [];
  issueComments: ExistingComment[] = [];
  reviews: { body: string; comments: InlineComment[] }[] = [];
  calls: string[] = [];
  readOnly = false;
  /** Lines that GitHub refuses in a review (as if outside the diff). */
  refuseLines = new Set<string>();
  private nextId = 1;

  constructor(
    readonly botLogin = 'github-actions[bot]',
    base: Record<string, string> = {},
    head: Record<string, string> = {},
  ) {
    this.base = base;
    this.head = head;
  }

  async getPullRequest(ref: PullRef) {
    this.calls.push('getPullRequest');
    return {
      number: ref.number,
      headSha: 'head',
      baseSha: 'base',
      headRepo: `${ref.owner}/${ref.repo}`,
      baseRepo: `${ref.owner}/${ref.repo}`,
      state: 'open',
      draft: false,
    };
  }

  async listPullRequestsForCommit(repo: RepoRef, sha: string) {
    this.calls.push('listPullRequestsForCommit');
    return sha === 'head' ? [await this.getPullRequest({ ...repo, number: 1 })] : [];
  }

  async listPullRequestFiles() {
    this.calls.push('listPullRequestFiles');
    const files: ChangedFile[] = [];
    for (const path of [...new Set([...Object.keys(this.base), ...Object.keys(this.head)])].sort()) {
      const before = this.base[path];
      const after = this.head[path];
      if (before === after) continue;
      const patch = structuredPatch(path, path, before ?? '', after ?? '', '', '', { context: 3 });
      const text = patch.hunks
        .map((hunk) =>
          [`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`, ...hunk.lines].join('\n'),
        )
        .join('\n');
      files.push({
        path,
        status: before === undefined ? 'added' : after === undefined ? 'removed' : 'modified',
        patch: text,
      });
    }
    return { files, truncated: false };
  }

  async listTree(_repo: RepoRef, sha: string) {
    this.calls.push('listTree');
    const snapshot = sha === 'head' ? this.head : this.base;
    return {
      entries: Object.keys(snapshot)
        .sort()
        .map((path) => ({
          path,
          sha: createHash('sha1')
            .update(snapshot[path] ?? '')
            .digest('hex'),
        })),
      truncated: false,
    };
  }

  async readFiles(_repo: RepoRef, sha: string, paths: readonly string[]) {
    this.calls.push('readFiles');
    const snapshot = sha === 'head' ? this.head : this.base;
    return new Map<string, FileContent>(paths.map((path) => [path, snapshot[path] ?? null]));
  }

  async listReviewComments() {
    this.calls.push('listReviewComments');
    return this.reviewComments.map((comment) => ({ ...comment }));
  }

  async createReview(_ref: PullRef, review: { commitId: string; body: string; comments: InlineComment[] }) {
    this.calls.push('createReview');
    this.write();
    if (review.comments.some((comment) => this.refuseLines.has(`${comment.path}:${comment.line}`))) {
      throw new GitHubError('pull_request_review_thread.line must be part of the diff', 422);
    }
    this.reviews.push({ body: review.body, comments: review.comments });
    for (const comment of review.comments) {
      const id = this.nextId++;
      this.reviewComments.push({
        id,
        nodeId: `RC_${id}`,
        body: comment.body,
        authorLogin: this.botLogin,
        path: comment.path,
        line: comment.line,
      });
    }
  }

  async deleteReviewComment(_repo: RepoRef, id: number) {
    this.calls.push('deleteReviewComment');
    this.write();
    this.reviewComments = this.reviewComments.filter((comment) => comment.id !== id);
  }

  async listIssueComments() {
    this.calls.push('listIssueComments');
    return this.issueComments.map((comment) => ({ ...comment }));
  }

  async createIssueComment(_ref: PullRef, body: string) {
    this.calls.push('createIssueComment');
    this.write();
    const id = this.nextId++;
    const comment = { id, nodeId: `IC_${id}`, body, authorLogin: this.botLogin, createdAt: new Date().toISOString() };
    this.issueComments.push(comment);
    return { ...comment };
  }

  async updateIssueComment(_repo: RepoRef, id: number, body: string) {
    this.calls.push('updateIssueComment');
    this.write();
    const comment = this.issueComments.find((candidate) => candidate.id === id);
    if (comment !== undefined) comment.body = body;
  }

  async deleteIssueComment(_repo: RepoRef, id: number) {
    this.calls.push('deleteIssueComment');
    this.write();
    this.issueComments = this.issueComments.filter((comment) => comment.id !== id);
  }

  async minimizeComment(nodeId: string) {
    this.calls.push('minimizeComment');
    this.write();
    const comment = this.issueComments.find((candidate) => candidate.nodeId === nodeId);
    if (comment !== undefined) comment.minimized = true;
  }

  checkRuns: { id: number; name: string; headSha: string; updates: CheckRunUpdate[] }[] = [];
  reactions: { commentId: number; content: Reaction }[] = [];
  permissions = new Map<string, RepoPermission>();

  async createCheckRun(_repo: RepoRef, run: { name: string; headSha: string }) {
    this.calls.push('createCheckRun');
    this.write();
    const id = this.nextId++;
    this.checkRuns.push({ id, name: run.name, headSha: run.headSha, updates: [] });
    return id;
  }

  async updateCheckRun(_repo: RepoRef, id: number, update: CheckRunUpdate) {
    this.calls.push('updateCheckRun');
    this.write();
    this.checkRuns.find((run) => run.id === id)?.updates.push(update);
  }

  async addReaction(_repo: RepoRef, commentId: number, content: Reaction) {
    this.calls.push('addReaction');
    this.reactions.push({ commentId, content });
  }

  async getPermission(_repo: RepoRef, username: string) {
    this.calls.push('getPermission');
    return this.permissions.get(username) ?? 'none';
  }

  /** A human reply to one of our review comments. */
  reply(to: number, body = 'We migrate in Q3.') {
    const id = this.nextId++;
    this.reviewComments.push({ id, nodeId: `RC_${id}`, body, authorLogin: 'octocat', inReplyToId: to, line: 0 });
  }

  private write() {
    if (this.readOnly) throw new GitHubError('Resource not accessible by integration', 403);
  }
}
