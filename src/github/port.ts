/**
 * The GitHub port: every call the review makes, as plain data. The Octokit adapter (`octokit.ts`)
 * implements it against the REST and GraphQL APIs; unit tests use a small in-memory fake.
 */
export interface RepoRef {
  owner: string;
  repo: string;
}

export interface PullRef extends RepoRef {
  number: number;
}

export interface PullRequestInfo {
  number: number;
  headSha: string;
  baseSha: string;
  /** `owner/name` of the head repository; differs from the base for a fork. */
  headRepo: string;
  baseRepo: string;
  state: string;
  draft: boolean;
}

export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface ChangedFile {
  path: string;
  previousPath?: string;
  status: FileStatus;
  /** Absent for binary or very large files. */
  patch?: string;
}

export interface TreeEntry {
  path: string;
  sha: string;
}

export interface ExistingComment {
  id: number;
  nodeId: string;
  body: string;
  authorLogin: string;
  /** ISO 8601, as GitHub gives it. */
  createdAt?: string;
  /** Review comments only. */
  path?: string;
  inReplyToId?: number;
  minimized?: boolean;
}

export interface InlineComment {
  path: string;
  line: number;
  startLine?: number;
  body: string;
}

/**
 * A file's content: text, raw bytes, `null` when it does not exist at that commit, or only its size (and
 * first bytes) when it is larger than the reader was asked to read.
 */
export type FileContent = string | Uint8Array | null | { size: number; sample: Uint8Array };

export interface GitHubPort {
  getPullRequest(ref: PullRef): Promise<PullRequestInfo>;
  /** Pull requests whose history has this commit (check re-runs of fork PRs carry no PR list). */
  listPullRequestsForCommit(repo: RepoRef, sha: string): Promise<PullRequestInfo[]>;
  /** GitHub lists at most 3,000 files; `truncated` says the PR has more. */
  listPullRequestFiles(ref: PullRef): Promise<{ files: ChangedFile[]; truncated: boolean }>;
  /** Every blob at a commit, with its blob SHA (one request); `truncated` when GitHub cut the listing. */
  listTree(repo: RepoRef, sha: string): Promise<{ entries: TreeEntry[]; truncated: boolean }>;
  /**
   * Many files at one commit in as few requests as possible; a file above `maxBytes` comes back as its size
   * and first bytes. Large and binary files are read too (never reported missing).
   */
  readFiles(
    repo: RepoRef,
    sha: string,
    paths: readonly string[],
    options?: { maxBytes?: number },
  ): Promise<Map<string, FileContent>>;
  listReviewComments(ref: PullRef): Promise<ExistingComment[]>;
  /** One review (`event: COMMENT`) carrying every inline comment; all or nothing on GitHub's side. */
  createReview(ref: PullRef, review: { commitId: string; body: string; comments: InlineComment[] }): Promise<void>;
  deleteReviewComment(repo: RepoRef, id: number): Promise<void>;
  listIssueComments(ref: PullRef): Promise<ExistingComment[]>;
  createIssueComment(ref: PullRef, body: string): Promise<ExistingComment>;
  updateIssueComment(repo: RepoRef, id: number, body: string): Promise<void>;
  deleteIssueComment(repo: RepoRef, id: number): Promise<void>;
  minimizeComment(nodeId: string): Promise<void>;
  /** Check runs (GitHub Apps only). Annotations go at most 50 per request; the caller batches. */
  createCheckRun(repo: RepoRef, run: { name: string; headSha: string }): Promise<number>;
  updateCheckRun(repo: RepoRef, id: number, update: CheckRunUpdate): Promise<void>;
  addReaction(repo: RepoRef, commentId: number, content: Reaction): Promise<void>;
  /** The user's permission on the repository, for commands that change anything. */
  getPermission(repo: RepoRef, username: string): Promise<RepoPermission>;
}

/** A repository as the inventory needs it. */
export interface RepositoryInfo extends RepoRef {
  defaultBranch: string;
  archived: boolean;
}

/** One entry of a Git tree: a blob (file), a tree (folder) or a commit (submodule). */
export interface GitTreeEntry {
  path: string;
  sha: string;
  type: 'blob' | 'tree' | 'commit';
  mode: string;
  /** Blobs only: the size in bytes. */
  size?: number;
}

/**
 * What reading whole repositories takes (`netguide inventory`): the organisation's repositories, a branch's
 * commit, Git trees, and the port's batched file reads. Kept apart from `GitHubPort` so that a pull-request
 * port need not implement it.
 */
export interface RepositoryPort extends Pick<GitHubPort, 'readFiles'> {
  /** Every repository of an organisation the token can see (paginated by the adapter). */
  listOrgRepositories(org: string): Promise<RepositoryInfo[]>;
  getRepository(repo: RepoRef): Promise<RepositoryInfo>;
  /** The commit a branch points at. */
  getBranchHead(repo: RepoRef, branch: string): Promise<string>;
  /** A tree (a commit SHA is accepted for its root tree); `truncated` when GitHub cut a recursive listing. */
  getTree(repo: RepoRef, sha: string, recursive: boolean): Promise<{ entries: GitTreeEntry[]; truncated: boolean }>;
}

export type Reaction = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';
export type RepoPermission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export interface CheckAnnotation {
  path: string;
  startLine: number;
  endLine: number;
  level: 'notice' | 'warning' | 'failure';
  message: string;
  title: string;
}

export interface CheckRunUpdate {
  status?: 'in_progress' | 'completed';
  conclusion?: 'success' | 'failure' | 'neutral';
  output?: { title: string; summary: string; text?: string; annotations?: CheckAnnotation[] };
}

/** An API error with its HTTP status, as the port reports it. */
export class GitHubError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export function isPermissionError(error: unknown): boolean {
  return error instanceof GitHubError && (error.status === 403 || error.status === 404);
}
