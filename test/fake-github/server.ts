// A fake GitHub for end-to-end tests: REST (+ the two GraphQL shapes we use) on 127.0.0.1,
// routed and validated by GitHub's own OpenAPI description (spec/api.github.com.subset.json).
// State lives in memory; `FakeGitHub` is the test's handle on it.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import addFormats from 'ajv-formats';
import type { ErrorObject } from 'ajv';
import { OpenAPIBackend, type Document, type Operation } from 'openapi-backend';
import { checkJwt, readCredentials, type AppInfo, type TokenInfo } from './auth.js';
import { diffSnapshots, lineAtPosition, resolveLine, type FileChange, type Side } from './diff.js';
import { ObjectStore } from './git.js';
import type { FileSpec } from './git.js';
import { executeGraphql, type GraphqlPorts } from './graphql.js';
import { HTML_BASE, Renderer, isoNow, nodeId, replaceStrings, type Actor, type Json } from './objects.js';

export type { TokenInfo } from './auth.js';
export type { Actor } from './objects.js';

/** GitHub's limits the fake enforces, named once. */
export const LIMITS = {
  /** Issue comment, review and review comment bodies (infracost#1958). */
  commentBodyCharacters: 65_536,
  /** `GET /pulls/{n}/files` lists at most this many files. */
  pullFiles: 3_000,
  perPageDefault: 30,
  perPageMax: 100,
} as const;

export interface FakeGitHubOptions {
  /** Also validate the fake's own 2xx JSON responses against the spec; a mismatch answers 500. */
  validateResponses?: boolean;
  /** `GET git/trees` sets `truncated` above this many entries (GitHub: 100,000). */
  maxTreeEntries?: number;
  /** Either side of a file over this many bytes: no `patch` (GitHub: 1 MB of diff per file). */
  maxPatchFileBytes?: number;
  /** GraphQL `Blob.text` is null and `isTruncated` true above this many bytes (our choice: 512 KiB). */
  maxBlobTextBytes?: number;
}

export type Permission = 'admin' | 'write' | 'read' | 'none';

export interface RepoOptions {
  defaultBranch?: string;
  private?: boolean;
  /** The repository this one is a fork of. */
  forkOf?: string;
}

export interface OpenPullOptions {
  number?: number;
  /** Commit the PR is compared against (the merge base). */
  base: string;
  head: string;
  /** Head repository when the PR comes from a fork; created on first use. */
  headRepo?: string;
  baseRef?: string;
  headRef?: string;
  user?: string;
  draft?: boolean;
  title?: string;
  body?: string;
}

export interface Fault {
  method?: string;
  /** OpenAPI path template, e.g. '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', or '/graphql'. */
  route?: string;
  /** How many matching requests get this answer (default 1). */
  times?: number;
  /** Required unless `hang`. */
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer; the socket stays open until `close()`. */
  hang?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** As received, including any `/api/v3` prefix and the query string. */
  path: string;
  /** OpenAPI path template, '/graphql', or undefined for an unknown route. */
  route: string | undefined;
  operationId: string | undefined;
  /** 0 while unanswered (and forever for a hanging fault). */
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  at: number;
}

export interface RepoState {
  id: number;
  nodeId: string;
  fullName: string;
  owner: string;
  name: string;
  defaultBranch: string;
  private: boolean;
  forkOf: string | undefined;
  branches: Map<string, string>;
  permissions: Map<string, Permission>;
  nextNumber: number;
  createdAt: string;
}

export interface PullState {
  repo: string;
  number: number;
  id: number;
  nodeId: string;
  title: string;
  body: string;
  user: Actor;
  base: string;
  head: string;
  /** Every head the PR has had, oldest first: comments may target any of them. */
  heads: string[];
  baseRef: string;
  headRef: string;
  headRepo: string;
  draft: boolean;
  state: 'open' | 'closed';
  createdAt: string;
  updatedAt: string;
}

export interface IssueState {
  repo: string;
  number: number;
  id: number;
  title: string;
  user: Actor;
  createdAt: string;
  body?: string;
  state?: 'open' | 'closed';
  labels?: string[];
  updatedAt?: string;
}

export interface ReviewState {
  id: number;
  nodeId: string;
  repo: string;
  pullNumber: number;
  user: Actor;
  body: string;
  state: 'COMMENTED' | 'APPROVED' | 'CHANGES_REQUESTED' | 'PENDING';
  commitId: string;
  submittedAt: string | undefined;
}

export interface ReviewCommentState {
  id: number;
  nodeId: string;
  repo: string;
  pullNumber: number;
  reviewId: number;
  user: Actor;
  body: string;
  path: string;
  commitId: string;
  subjectType: 'line' | 'file';
  line: number | undefined;
  side: Side | undefined;
  startLine: number | undefined;
  startSide: Side | undefined;
  position: number | undefined;
  diffHunk: string;
  inReplyToId: number | undefined;
  createdAt: string;
  updatedAt: string;
  /** GraphQL `minimizeComment` classifier, e.g. 'OUTDATED'. */
  minimized: string | null;
}

export interface IssueCommentState {
  id: number;
  nodeId: string;
  repo: string;
  issueNumber: number;
  user: Actor;
  body: string;
  createdAt: string;
  updatedAt: string;
  minimized: string | null;
}

export interface ReactionState {
  id: number;
  repo: string;
  commentId: number;
  user: Actor;
  content: string;
  createdAt: string;
}

export interface CheckRunState {
  id: number;
  repo: string;
  appId: number | undefined;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  externalId: string;
  detailsUrl: string | null;
  startedAt: string;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Every annotation sent, across the create and all PATCHes. */
  annotations: Json[];
  actions: Json[];
}

export interface StatusState {
  id: number;
  repo: string;
  sha: string;
  state: string;
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: Actor;
  createdAt: string;
}

/** In-memory state, live (deleted things are gone), for assertions. */
export interface FakeState {
  repos: Map<string, RepoState>;
  pulls: PullState[];
  issues: IssueState[];
  reviews: ReviewState[];
  reviewComments: ReviewCommentState[];
  issueComments: IssueCommentState[];
  reactions: ReactionState[];
  checkRuns: CheckRunState[];
  statuses: StatusState[];
}

/** The test's handle on a running fake GitHub. */
export interface FakeGitHub {
  /** REST base URL (no trailing slash). `${url}/api/v3` serves the same routes, like GHES. */
  readonly url: string;
  readonly graphqlUrl: string;
  readonly requests: RecordedRequest[];
  readonly state: FakeState;
  /** Responses that failed their own schema (only with `validateResponses`). */
  readonly responseErrors: string[];
  close(): Promise<void>;

  createRepo(fullName: string, options?: RepoOptions): RepoState;
  /** A full snapshot: the parent's files plus `files` (null deletes). Moves the default branch if it pointed at `parent`. */
  commit(fullName: string, files: Record<string, FileSpec>, parent?: string): string;
  /** Points a branch of the repository at a commit. */
  setBranch(fullName: string, branch: string, sha: string): void;
  openPull(fullName: string, options: OpenPullOptions): number;
  /** A push to the PR (new head) or an edit. */
  updatePull(
    fullName: string,
    number: number,
    changes: Partial<Pick<PullState, 'head' | 'base' | 'title' | 'body' | 'draft' | 'state'>>,
  ): void;
  openIssue(fullName: string, options?: { number?: number; title?: string; user?: string }): number;
  /** Files of a PR as `GET /pulls/{n}/files` computes them (all of them, no 3,000 cap). */
  pullFiles(fullName: string, number: number): FileChange[];
  /**
   * A collaborator's permission; `roleName` names a custom repository role, which GitHub reports as
   * `role_name` while `permission` carries the base level it inherits.
   */
  setPermission(fullName: string, login: string, permission: Permission, roleName?: string): void;

  addToken(token: string, info: TokenInfo): void;
  registerApp(app: { id: number; slug: string; publicKeyPem?: string; installationIds?: number[] }): void;

  inject(fault: Fault): void;
  count(operationId?: string): number;
  /** Forgets recorded requests and pending faults (not the repository state). */
  reset(): void;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send `body` as this content type instead of JSON. */
  contentType?: string;
}

interface Ctx {
  operation: Operation;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Request body, already validated against the operation's schema. */
  body: unknown;
  actor: TokenInfo;
  /** Absolute URL of this request without the query, for Link headers. */
  selfUrl: string;
  accept: string;
}

type Handler = (ctx: Ctx) => Reply;

const SPEC_FILE = new URL('./spec/api.github.com.subset.json', import.meta.url);
const DOCS = 'https://docs.github.com/rest';
const APP_JWT_OPERATIONS = new Set([
  'apps/get-authenticated',
  'apps/create-installation-access-token',
  'apps/get-repo-installation',
]);
/** What `x-accepted-github-permissions` says for a refused write, by operation prefix. */
const WRITE_PERMISSIONS: [prefix: string, header: string][] = [
  ['pulls/', 'pull_requests=write'],
  ['issues/', 'issues=write; pull_requests=write'],
  ['reactions/', 'issues=write; pull_requests=write'],
  ['checks/', 'checks=write'],
  ['repos/create-commit-status', 'statuses=write'],
];

let specText: string | undefined;

/** The subset with OpenAPI 3.0 `nullable` spelled so Ajv 8 understands it (see normalizeNullable). */
function loadDefinition(): Document {
  specText ??= readFileSync(SPEC_FILE, 'utf8');
  return normalizeNullable(JSON.parse(specText)) as Document;
}

function normalizeNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalizeNullable);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === 'example' || key === 'examples' ? value : normalizeNullable(value);
  }
  // OpenAPI 3.0 lets `nullable` widen an `enum`; Ajv only does so when null is listed.
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const definition = loadDefinition();
  const examples = (definition.components?.examples ?? {}) as Record<string, { value?: unknown }>;
  const api = new OpenAPIBackend({
    definition,
    quick: true,
    ajvOpts: { verbose: true, allErrors: true },
    customizeAjv: (ajv) => {
      // ajv-formats is CommonJS; under NodeNext its function is the `default` property.
      addFormats.default(ajv);
      return ajv;
    },
  });
  await api.init();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake = new FakeGitHubServer(server, api, `http://127.0.0.1:${port}`, examples, options);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    fake.handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `fake GitHub crashed: ${String(error)}` }));
    });
  });
  return fake;
}

class FakeGitHubServer implements FakeGitHub {
  readonly graphqlUrl: string;
  readonly requests: RecordedRequest[] = [];
  readonly responseErrors: string[] = [];
  readonly state: FakeState = {
    repos: new Map(),
    pulls: [],
    issues: [],
    reviews: [],
    reviewComments: [],
    issueComments: [],
    reactions: [],
    checkRuns: [],
    statuses: [],
  };

  private readonly store = new ObjectStore();
  private readonly render: Renderer;
  private readonly tokens = new Map<string, TokenInfo>();
  private readonly apps = new Map<number, AppInfo>();
  private readonly faults: (Fault & { remaining: number })[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private readonly diffCache = new Map<string, FileChange[]>();
  private readonly handlers: Record<string, Handler>;
  private readonly limits: Required<FakeGitHubOptions>;
  private nextId = 1000;

  constructor(
    private readonly server: Server,
    private readonly api: OpenAPIBackend,
    readonly url: string,
    examples: Record<string, { value?: unknown }>,
    options: FakeGitHubOptions,
  ) {
    this.graphqlUrl = `${url}/graphql`;
    this.render = new Renderer(examples, url);
    this.limits = {
      validateResponses: options.validateResponses ?? false,
      maxTreeEntries: options.maxTreeEntries ?? 100_000,
      maxPatchFileBytes: options.maxPatchFileBytes ?? 1_048_576,
      maxBlobTextBytes: options.maxBlobTextBytes ?? 512 * 1024,
    };
    this.handlers = this.buildHandlers();
  }

  // ---- test-facing API --------------------------------------------------------------------

  async close(): Promise<void> {
    for (const res of this.hanging) res.socket?.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  createRepo(fullName: string, options: RepoOptions = {}): RepoState {
    const [owner, name] = splitFullName(fullName);
    const id = this.id();
    const repo: RepoState = {
      id,
      nodeId: nodeId('R', id),
      fullName,
      owner,
      name,
      defaultBranch: options.defaultBranch ?? 'main',
      private: options.private ?? false,
      forkOf: options.forkOf,
      branches: new Map(),
      permissions: new Map([[owner, 'admin']]),
      nextNumber: 1,
      createdAt: isoNow(),
    };
    this.state.repos.set(fullName, repo);
    return repo;
  }

  commit(fullName: string, files: Record<string, FileSpec>, parent?: string): string {
    const repo = this.repo(fullName);
    const sha = this.store.commit(files, parent);
    const current = repo.branches.get(repo.defaultBranch);
    if (current === undefined || current === parent) repo.branches.set(repo.defaultBranch, sha);
    return sha;
  }

  setBranch(fullName: string, branch: string, sha: string): void {
    this.store.snapshot(sha);
    this.repo(fullName).branches.set(branch, sha);
  }

  openPull(fullName: string, options: OpenPullOptions): number {
    const repo = this.repo(fullName);
    this.store.snapshot(options.base);
    this.store.snapshot(options.head);
    const headRepo = options.headRepo ?? fullName;
    if (!this.state.repos.has(headRepo)) this.createRepo(headRepo, { forkOf: fullName });
    const number = options.number ?? repo.nextNumber;
    repo.nextNumber = Math.max(repo.nextNumber, number + 1);
    const id = this.id();
    const now = isoNow();
    const headRef = options.headRef ?? `feature-${number}`;
    this.setBranch(headRepo, headRef, options.head);
    this.state.pulls.push({
      repo: fullName,
      number,
      id,
      nodeId: nodeId('PR', id),
      title: options.title ?? `Pull request ${number}`,
      body: options.body ?? '',
      user: actorFor(options.user ?? splitFullName(headRepo)[0]),
      base: options.base,
      head: options.head,
      heads: [options.head],
      baseRef: options.baseRef ?? repo.defaultBranch,
      headRef,
      headRepo,
      draft: options.draft ?? false,
      state: 'open',
      createdAt: now,
      updatedAt: now,
    });
    return number;
  }

  updatePull(
    fullName: string,
    number: number,
    changes: Partial<Pick<PullState, 'head' | 'base' | 'title' | 'body' | 'draft' | 'state'>>,
  ): void {
    const pull = this.pull(fullName, number);
    if (!pull) throw new Error(`fake GitHub: no pull request ${fullName}#${number}`);
    if (changes.head !== undefined) {
      this.store.snapshot(changes.head);
      pull.heads.push(changes.head);
      this.setBranch(pull.headRepo, pull.headRef, changes.head);
    }
    Object.assign(pull, changes, { updatedAt: isoNow() });
  }

  openIssue(fullName: string, options: { number?: number; title?: string; user?: string } = {}): number {
    const repo = this.repo(fullName);
    const number = options.number ?? repo.nextNumber;
    repo.nextNumber = Math.max(repo.nextNumber, number + 1);
    this.state.issues.push({
      repo: fullName,
      number,
      id: this.id(),
      title: options.title ?? `Issue ${number}`,
      user: actorFor(options.user ?? repo.owner),
      createdAt: isoNow(),
    });
    return number;
  }

  pullFiles(fullName: string, number: number): FileChange[] {
    const pull = this.pull(fullName, number);
    if (!pull) throw new Error(`fake GitHub: no pull request ${fullName}#${number}`);
    return this.diff(pull.base, pull.head);
  }

  setPermission(fullName: string, login: string, permission: Permission, roleName?: string): void {
    this.repo(fullName).permissions.set(login, permission);
    if (roleName === undefined) this.roleNames.delete(`${fullName}:${login}`);
    else this.roleNames.set(`${fullName}:${login}`, roleName);
  }

  private readonly roleNames = new Map<string, string>();

  addToken(token: string, info: TokenInfo): void {
    this.tokens.set(token, info);
  }

  registerApp(app: { id: number; slug: string; publicKeyPem?: string; installationIds?: number[] }): void {
    this.apps.set(app.id, { ...app, installationIds: app.installationIds ?? [app.id * 100 + 1] });
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  count(operationId?: string): number {
    return this.requests.filter((request) => operationId === undefined || request.operationId === operationId).length;
  }

  reset(): void {
    this.requests.length = 0;
    this.faults.length = 0;
  }

  // ---- HTTP ---------------------------------------------------------------------------------

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const method = (req.method ?? 'GET').toUpperCase();
    const prefix = url.pathname === '/api/v3' || url.pathname.startsWith('/api/v3/') ? '/api/v3' : '';
    const path = url.pathname.slice(prefix.length) || '/';
    const isGraphql = url.pathname === '/graphql' || url.pathname === '/api/graphql';
    const operation = isGraphql ? undefined : this.match(method, path);
    const record: RecordedRequest = {
      method,
      path: req.url ?? '/',
      route: isGraphql ? '/graphql' : operation?.path,
      operationId: isGraphql ? 'graphql' : operation?.operationId,
      status: 0,
      body: undefined,
      headers: req.headers,
      at: Date.now(),
    };
    this.requests.push(record);
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
      record.body = body;
    } catch {
      record.body = raw;
      return this.send(res, record, {
        status: 400,
        body: { message: 'Problems parsing JSON', documentation_url: DOCS },
      });
    }

    const fault = this.takeFault(method, record.route);
    if (fault?.hang) {
      this.hanging.add(res);
      return;
    }
    if (fault) {
      const status = fault.status ?? 500;
      const faultBody = fault.body ?? { message: `Injected ${status}`, documentation_url: DOCS };
      return this.send(res, record, { status, body: faultBody, headers: fault.headers ?? {} });
    }

    if (isGraphql) {
      if (method !== 'POST') return this.send(res, record, notFound());
      return this.send(res, record, this.graphql(req.headers.authorization, body));
    }
    if (!operation?.operationId) return this.send(res, record, notFound());
    const docs = operation.externalDocs?.url ?? DOCS;

    const auth = this.authenticate(req.headers.authorization, operation.operationId);
    if ('status' in auth) return this.send(res, record, auth);
    const actor = auth.actor;

    const headers = Object.fromEntries(
      Object.entries(req.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
    if (method !== 'GET' && !APP_JWT_OPERATIONS.has(operation.operationId) && !actor.write) {
      const accepted = WRITE_PERMISSIONS.find(([prefix_]) => operation.operationId?.startsWith(prefix_))?.[1];
      return this.send(res, record, {
        status: 403,
        headers: accepted ? { 'x-accepted-github-permissions': accepted } : {},
        body: {
          message:
            actor.type === 'Bot'
              ? 'Resource not accessible by integration'
              : 'Resource not accessible by personal access token',
          documentation_url: docs,
          status: '403',
        },
      });
    }

    const validation = this.api.validator.validateRequest(
      { method, path: encodeMultiSegment(path), query: url.search.slice(1), headers, body },
      operation,
    );
    if (!validation.valid) {
      const message = `Invalid request.\n\n${(validation.errors ?? []).map(describeAjvError).join('\n')}`;
      return this.send(res, record, { status: 422, body: { message, documentation_url: docs, status: '422' } });
    }

    const parsed = this.api.router.parseRequest({ method, path: encodeMultiSegment(path), headers }, operation);
    const params = Object.fromEntries(
      Object.entries(parsed.params as Record<string, string>).map(([key, value]) => [key, decodeURIComponent(value)]),
    );
    const handler = this.handlers[operation.operationId];
    if (!handler) return this.send(res, record, notFound());
    const reply = handler({
      operation,
      params,
      query: url.searchParams,
      body: body ?? {},
      actor,
      selfUrl: `${this.url}${prefix}${path}`,
      accept: req.headers.accept ?? '',
    });
    if (reply.status >= 400 && reply.body && typeof reply.body === 'object' && !('documentation_url' in reply.body)) {
      reply.body = { ...reply.body, documentation_url: docs, status: String(reply.status) };
    }
    if (this.limits.validateResponses && reply.status < 300 && reply.body !== undefined && !reply.contentType) {
      const check = this.api.validator.validateResponse(reply.body, operation, reply.status);
      if (!check.valid) {
        const problem = `${operation.operationId} ${reply.status}: ${(check.errors ?? []).map((error) => `${error.instancePath} ${error.message}`).join('; ')}`;
        this.responseErrors.push(problem);
        return this.send(res, record, { status: 500, body: { message: `fake GitHub answered off-spec: ${problem}` } });
      }
    }
    return this.send(res, record, reply);
  }

  private send(res: ServerResponse, record: RecordedRequest, reply: Reply): void {
    record.status = reply.status;
    const headers: Record<string, string> = {
      'x-github-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'x-github-media-type': 'github.v3; format=json',
      ...reply.headers,
    };
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers);
      res.end();
      return;
    }
    const text = reply.contentType ? String(reply.body) : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': reply.contentType ?? 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  private match(method: string, path: string): Operation | undefined {
    return this.api.router.matchOperation({ method, path: encodeMultiSegment(path), headers: {} });
  }

  private takeFault(method: string, route: string | undefined): Fault | undefined {
    const fault = this.faults.find(
      (candidate) =>
        candidate.remaining > 0 &&
        (candidate.method === undefined || candidate.method.toUpperCase() === method) &&
        (candidate.route === undefined || candidate.route === route),
    );
    if (fault) fault.remaining -= 1;
    return fault;
  }

  private authenticate(header: string | undefined, operationId: string): { actor: TokenInfo } | Reply {
    const credentials = readCredentials(header);
    if (APP_JWT_OPERATIONS.has(operationId)) {
      if (credentials.kind !== 'jwt') {
        return { status: 401, body: { message: 'A JSON web token could not be decoded' } };
      }
      const check = checkJwt(credentials, this.apps, Date.now());
      if (!check.ok) return { status: 401, body: { message: check.message } };
      if (!this.apps.has(check.appId)) this.registerApp({ id: check.appId, slug: `fake-app-${check.appId}` });
      return { actor: { login: `app:${check.appId}`, type: 'Bot', write: true, appId: check.appId } };
    }
    if (credentials.kind === 'none') return { status: 401, body: { message: 'Requires authentication' } };
    const actor = credentials.kind === 'token' ? this.tokens.get(credentials.token) : undefined;
    if (!actor) return { status: 401, body: { message: 'Bad credentials' } };
    return { actor };
  }

  // ---- GraphQL ------------------------------------------------------------------------------

  private graphql(header: string | undefined, body: unknown): Reply {
    const credentials = readCredentials(header);
    const actor = credentials.kind === 'token' ? this.tokens.get(credentials.token) : undefined;
    if (!actor) {
      return {
        status: 401,
        body: {
          message: 'This endpoint requires you to be authenticated.',
          documentation_url:
            'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
        },
      };
    }
    const request = (body ?? {}) as { query?: unknown; variables?: unknown };
    if (typeof request.query !== 'string') {
      return {
        status: 200,
        body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] },
      };
    }
    const ports: GraphqlPorts = {
      hasRepository: (owner, name) => this.state.repos.has(`${owner}/${name}`),
      readObject: (owner, name, rev, path) => {
        const sha = this.resolveRef(this.state.repos.get(`${owner}/${name}`), rev);
        const files = sha === undefined ? undefined : this.store.snapshot(sha);
        if (!files) return undefined;
        const text = files.get(path);
        if (text !== undefined) return { kind: 'blob', text };
        const dir = path.replace(/\/+$/, '');
        return [...files.keys()].some((file) => file.startsWith(`${dir}/`)) ? 'tree' : undefined;
      },
      minimize: (subjectId, classifier) => {
        const comment =
          this.state.issueComments.find((candidate) => candidate.nodeId === subjectId) ??
          this.state.reviewComments.find((candidate) => candidate.nodeId === subjectId);
        if (!comment) return false;
        comment.minimized = classifier;
        return true;
      },
      canWrite: actor.write,
      maxBlobTextBytes: this.limits.maxBlobTextBytes,
    };
    const variables = (request.variables ?? {}) as Record<string, unknown>;
    return { status: 200, body: executeGraphql(request.query, variables, ports) };
  }

  // ---- helpers ------------------------------------------------------------------------------

  private id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  private repo(fullName: string): RepoState {
    const repo = this.state.repos.get(fullName);
    if (!repo) throw new Error(`fake GitHub: no repository ${fullName}; call createRepo first`);
    return repo;
  }

  private pull(fullName: string, number: number): PullState | undefined {
    return this.state.pulls.find((pull) => pull.repo === fullName && pull.number === number);
  }

  /** A commit sha or branch name of `repo` (or of the object store, for shas) -> commit sha. */
  private resolveRef(repo: RepoState | undefined, ref: string): string | undefined {
    if (!repo) return undefined;
    const branch = repo.branches.get(ref.replace(/^refs\/heads\//, ''));
    if (branch) return branch;
    return this.store.getCommit(ref) ? ref : undefined;
  }

  private diff(base: string, head: string): FileChange[] {
    const key = `${base}..${head}`;
    let files = this.diffCache.get(key);
    if (!files) {
      files = diffSnapshots(this.store.snapshot(base), this.store.snapshot(head), blobSha, {
        maxPatchFileBytes: this.limits.maxPatchFileBytes,
      });
      this.diffCache.set(key, files);
    }
    return files;
  }

  private permissionOf(repo: RepoState, login: string): Permission {
    return repo.permissions.get(login) ?? (repo.private ? 'none' : 'read');
  }

  private association(repo: RepoState, actor: Actor): string {
    if (actor.login === repo.owner) return 'OWNER';
    const permission = repo.permissions.get(actor.login);
    return permission === 'admin' || permission === 'write' ? 'COLLABORATOR' : 'NONE';
  }

  private paginate<T>(items: readonly T[], ctx: Ctx): { page: T[]; headers: Record<string, string> } {
    const perPageAsked = Number(ctx.query.get('per_page') ?? LIMITS.perPageDefault);
    const perPage = Math.min(perPageAsked >= 1 ? Math.floor(perPageAsked) : LIMITS.perPageDefault, LIMITS.perPageMax);
    const pageAsked = Number(ctx.query.get('page') ?? 1);
    const page = pageAsked >= 1 ? Math.floor(pageAsked) : 1;
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (target: number, rel: string): string => {
      const query = new URLSearchParams(ctx.query);
      query.set('page', String(target));
      if (ctx.query.has('per_page')) query.set('per_page', String(perPage));
      return `<${ctx.selfUrl}?${query.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(Math.min(page - 1, last), 'prev'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'));
    return {
      page: items.slice((page - 1) * perPage, page * perPage),
      headers: links.length > 0 ? { link: links.join(', ') } : {},
    };
  }

  private fromRepo(ctx: Ctx): RepoState | undefined {
    return this.state.repos.get(`${ctx.params.owner}/${ctx.params.repo}`);
  }

  // ---- renderers ----------------------------------------------------------------------------

  private renderRepo(repo: RepoState, viewer?: TokenInfo): Json {
    const out = replaceStrings(
      this.render.example('full-repository-default-response'),
      'octocat/Hello-World',
      repo.fullName,
    );
    for (const key of ['parent', 'source', 'template_repository', 'organization']) delete out[key];
    const permission = viewer ? this.permissionOf(repo, viewer.login) : 'read';
    return Object.assign(out, {
      id: repo.id,
      node_id: repo.nodeId,
      name: repo.name,
      full_name: repo.fullName,
      owner: this.render.user(actorFor(repo.owner)),
      private: repo.private,
      visibility: repo.private ? 'private' : 'public',
      fork: repo.forkOf !== undefined,
      default_branch: repo.defaultBranch,
      language: null,
      license: null,
      description: null,
      homepage: null,
      topics: [],
      created_at: repo.createdAt,
      updated_at: repo.createdAt,
      pushed_at: repo.createdAt,
      permissions: {
        admin: permission === 'admin',
        maintain: permission === 'admin',
        push: permission === 'admin' || permission === 'write' || viewer?.write === true,
        triage: permission !== 'none',
        pull: permission !== 'none',
      },
    });
  }

  /** A repository as the organisation listing shows it (`minimal-repository`). */
  private renderMinimalRepo(repo: RepoState, viewer: TokenInfo): Json {
    const full = this.renderRepo(repo, viewer);
    const example = (this.render.example('minimal-repository-items') as unknown as Json[])[0] ?? {};
    // Only the fields `minimal-repository` knows, with the full repository's values.
    return Object.fromEntries(Object.keys(example).map((key) => [key, full[key] ?? example[key] ?? null])) as Json;
  }

  private renderPull(pull: PullState): Json {
    const repo = this.repo(pull.repo);
    const headRepo = this.repo(pull.headRepo);
    const out = replaceStrings(this.render.example('pull-request'), 'octocat/Hello-World', pull.repo);
    const api = `${this.url}/repos/${pull.repo}`;
    const files = this.diff(pull.base, pull.head);
    const side = (ref: string, sha: string, sideRepo: RepoState): Json => ({
      label: `${sideRepo.owner}:${ref}`,
      ref,
      sha,
      user: this.render.user(actorFor(sideRepo.owner)),
      repo: this.renderRepo(sideRepo),
    });
    return Object.assign(out, {
      url: `${api}/pulls/${pull.number}`,
      id: pull.id,
      node_id: pull.nodeId,
      html_url: `${HTML_BASE}/${pull.repo}/pull/${pull.number}`,
      diff_url: `${HTML_BASE}/${pull.repo}/pull/${pull.number}.diff`,
      patch_url: `${HTML_BASE}/${pull.repo}/pull/${pull.number}.patch`,
      issue_url: `${api}/issues/${pull.number}`,
      commits_url: `${api}/pulls/${pull.number}/commits`,
      review_comments_url: `${api}/pulls/${pull.number}/comments`,
      review_comment_url: `${api}/pulls/comments{/number}`,
      comments_url: `${api}/issues/${pull.number}/comments`,
      statuses_url: `${api}/statuses/${pull.head}`,
      number: pull.number,
      state: pull.state,
      locked: false,
      title: pull.title,
      user: this.render.user(pull.user),
      body: pull.body,
      labels: [],
      milestone: null,
      active_lock_reason: null,
      created_at: pull.createdAt,
      updated_at: pull.updatedAt,
      closed_at: pull.state === 'closed' ? pull.updatedAt : null,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: side(pull.headRef, pull.head, headRepo),
      base: side(pull.baseRef, pull.base, repo),
      _links: {
        self: { href: `${api}/pulls/${pull.number}` },
        html: { href: `${HTML_BASE}/${pull.repo}/pull/${pull.number}` },
        issue: { href: `${api}/issues/${pull.number}` },
        comments: { href: `${api}/issues/${pull.number}/comments` },
        review_comments: { href: `${api}/pulls/${pull.number}/comments` },
        review_comment: { href: `${api}/pulls/comments{/number}` },
        commits: { href: `${api}/pulls/${pull.number}/commits` },
        statuses: { href: `${api}/statuses/${pull.head}` },
      },
      author_association: this.association(repo, pull.user),
      auto_merge: null,
      draft: pull.draft,
      merged: false,
      mergeable: true,
      rebaseable: true,
      mergeable_state: 'clean',
      merged_by: null,
      comments: this.state.issueComments.filter((c) => c.repo === pull.repo && c.issueNumber === pull.number).length,
      review_comments: this.state.reviewComments.filter((c) => c.repo === pull.repo && c.pullNumber === pull.number)
        .length,
      maintainer_can_modify: false,
      commits: pull.heads.length,
      additions: files.reduce((n, file) => n + file.additions, 0),
      deletions: files.reduce((n, file) => n + file.deletions, 0),
      changed_files: files.length,
    });
  }

  private renderFile(pull: PullState, file: FileChange): Json {
    const sha = file.status === 'removed' ? pull.base : pull.head;
    const path = file.filename.split('/').map(encodeURIComponent).join('/');
    const out: Json = {
      sha: file.sha,
      filename: file.filename,
      status: file.status,
      additions: file.additions,
      deletions: file.deletions,
      changes: file.changes,
      blob_url: `${HTML_BASE}/${pull.headRepo}/blob/${sha}/${path}`,
      raw_url: `${HTML_BASE}/${pull.headRepo}/raw/${sha}/${path}`,
      contents_url: `${this.url}/repos/${pull.headRepo}/contents/${path}?ref=${sha}`,
    };
    if (file.patch !== undefined) out.patch = file.patch;
    return out;
  }

  /** An issue, shaped like GitHub's `issue` example with this issue's values. */
  renderIssue(issue: IssueState): Json {
    const out = replaceStrings(this.render.example('issue'), 'octocat/Hello-World', issue.repo);
    const repo = this.repo(issue.repo);
    const api = `${this.url}/repos/${issue.repo}`;
    return {
      ...(out as Record<string, Json>),
      id: issue.id,
      node_id: nodeId('I', issue.id),
      number: issue.number,
      title: issue.title,
      body: issue.body ?? null,
      state: issue.state ?? 'open',
      state_reason: null,
      locked: false,
      user: this.render.user(issue.user),
      labels: (issue.labels ?? []).map((name, index) => ({
        id: index + 1,
        node_id: nodeId('LA', index + 1),
        url: `${api}/labels/${encodeURIComponent(name)}`,
        name,
        description: null,
        color: 'ededed',
        default: false,
      })),
      assignee: null,
      assignees: [],
      milestone: null,
      pull_request: undefined,
      comments: this.state.issueComments.filter((c) => c.repo === issue.repo && c.issueNumber === issue.number).length,
      url: `${api}/issues/${issue.number}`,
      repository_url: api,
      labels_url: `${api}/issues/${issue.number}/labels{/name}`,
      comments_url: `${api}/issues/${issue.number}/comments`,
      events_url: `${api}/issues/${issue.number}/events`,
      html_url: `${HTML_BASE}/${issue.repo}/issues/${issue.number}`,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt ?? issue.createdAt,
      closed_at: issue.state === 'closed' ? (issue.updatedAt ?? issue.createdAt) : null,
      closed_by: null,
      author_association: this.association(repo, issue.user),
    };
  }

  private renderIssueComment(comment: IssueCommentState): Json {
    const repo = this.repo(comment.repo);
    const kind = this.pull(comment.repo, comment.issueNumber) ? 'pull' : 'issues';
    return {
      id: comment.id,
      node_id: comment.nodeId,
      url: `${this.url}/repos/${comment.repo}/issues/comments/${comment.id}`,
      html_url: `${HTML_BASE}/${comment.repo}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
      body: comment.body,
      user: this.render.user(comment.user),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      issue_url: `${this.url}/repos/${comment.repo}/issues/${comment.issueNumber}`,
      author_association: this.association(repo, comment.user),
      reactions: this.reactionRollup(comment),
      minimized: comment.minimized ? { reason: comment.minimized.toLowerCase() } : null,
    };
  }

  private reactionRollup(comment: IssueCommentState): Json {
    const reactions = this.state.reactions.filter((reaction) => reaction.commentId === comment.id);
    const count = (content: string): number => reactions.filter((reaction) => reaction.content === content).length;
    return {
      url: `${this.url}/repos/${comment.repo}/issues/comments/${comment.id}/reactions`,
      total_count: reactions.length,
      '+1': count('+1'),
      '-1': count('-1'),
      laugh: count('laugh'),
      confused: count('confused'),
      heart: count('heart'),
      hooray: count('hooray'),
      eyes: count('eyes'),
      rocket: count('rocket'),
    };
  }

  private renderReview(review: ReviewState): Json {
    const repo = this.repo(review.repo);
    const html = `${HTML_BASE}/${review.repo}/pull/${review.pullNumber}#pullrequestreview-${review.id}`;
    const pullUrl = `${this.url}/repos/${review.repo}/pulls/${review.pullNumber}`;
    const out: Json = {
      id: review.id,
      node_id: review.nodeId,
      user: this.render.user(review.user),
      body: review.body,
      state: review.state,
      html_url: html,
      pull_request_url: pullUrl,
      _links: { html: { href: html }, pull_request: { href: pullUrl } },
      commit_id: review.commitId,
      author_association: this.association(repo, review.user),
    };
    if (review.submittedAt) out.submitted_at = review.submittedAt;
    return out;
  }

  private renderReviewComment(comment: ReviewCommentState): Json {
    const repo = this.repo(comment.repo);
    const url = `${this.url}/repos/${comment.repo}/pulls/comments/${comment.id}`;
    const html = `${HTML_BASE}/${comment.repo}/pull/${comment.pullNumber}#discussion_r${comment.id}`;
    const pullUrl = `${this.url}/repos/${comment.repo}/pulls/${comment.pullNumber}`;
    const out: Json = {
      url,
      pull_request_review_id: comment.reviewId,
      id: comment.id,
      node_id: comment.nodeId,
      diff_hunk: comment.diffHunk,
      path: comment.path,
      commit_id: comment.commitId,
      original_commit_id: comment.commitId,
      user: this.render.user(comment.user),
      body: comment.body,
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      html_url: html,
      pull_request_url: pullUrl,
      author_association: this.association(repo, comment.user),
      _links: { self: { href: url }, html: { href: html }, pull_request: { href: pullUrl } },
      start_line: comment.startLine ?? null,
      original_start_line: comment.startLine ?? null,
      start_side: comment.startLine === undefined ? null : (comment.startSide ?? 'RIGHT'),
      subject_type: comment.subjectType,
    };
    if (comment.line !== undefined) Object.assign(out, { line: comment.line, original_line: comment.line });
    if (comment.side !== undefined) out.side = comment.side;
    if (comment.position !== undefined) {
      Object.assign(out, { position: comment.position, original_position: comment.position });
    }
    if (comment.inReplyToId !== undefined) out.in_reply_to_id = comment.inReplyToId;
    return out;
  }

  private renderCheckRun(run: CheckRunState): Json {
    const repo = this.repo(run.repo);
    const out = this.render.example('check-run');
    const app = run.appId === undefined ? undefined : this.apps.get(run.appId);
    const appJson = app ? this.renderApp(app) : out.app;
    const pulls = this.state.pulls.filter(
      (pull) => pull.repo === run.repo && pull.headRepo === run.repo && pull.head === run.headSha,
    );
    return Object.assign(out, {
      id: run.id,
      head_sha: run.headSha,
      node_id: nodeId('CR', run.id),
      external_id: run.externalId,
      url: `${this.url}/repos/${run.repo}/check-runs/${run.id}`,
      html_url: `${HTML_BASE}/${run.repo}/runs/${run.id}`,
      details_url: run.detailsUrl,
      status: run.status,
      conclusion: run.conclusion,
      started_at: run.startedAt,
      completed_at: run.completedAt,
      output: {
        ...run.output,
        annotations_count: run.annotations.length,
        annotations_url: `${this.url}/repos/${run.repo}/check-runs/${run.id}/annotations`,
      },
      name: run.name,
      check_suite: { id: run.id + 1_000_000 },
      app: appJson,
      pull_requests: pulls.map((pull) => ({
        url: `${this.url}/repos/${pull.repo}/pulls/${pull.number}`,
        id: pull.id,
        number: pull.number,
        head: {
          ref: pull.headRef,
          sha: pull.head,
          repo: { id: repo.id, url: `${this.url}/repos/${repo.fullName}`, name: repo.name },
        },
        base: {
          ref: pull.baseRef,
          sha: pull.base,
          repo: { id: repo.id, url: `${this.url}/repos/${repo.fullName}`, name: repo.name },
        },
      })),
    });
  }

  private renderApp(app: AppInfo): Json {
    const out = this.render.example('integration');
    return Object.assign(out, {
      id: app.id,
      slug: app.slug,
      node_id: nodeId('A', app.id),
      client_id: `Iv1.fake${app.id}`,
      owner: this.render.user({ login: 'fake-owner', type: 'Organization' }),
      name: app.slug,
      html_url: `${HTML_BASE}/apps/${app.slug}`,
      permissions: { metadata: 'read', contents: 'read', pull_requests: 'write', issues: 'write', checks: 'write' },
      events: ['pull_request', 'issue_comment', 'check_run'],
    });
  }

  // ---- operations ---------------------------------------------------------------------------

  private buildHandlers(): Record<string, Handler> {
    const ok = (body: unknown, headers: Record<string, string> = {}): Reply => ({ status: 200, body, headers });
    const created = (body: unknown): Reply => ({ status: 201, body });
    const noContent: Reply = { status: 204 };

    const withRepo = (inner: (repo: RepoState, ctx: Ctx) => Reply): Handler => {
      return (ctx) => {
        const repo = this.fromRepo(ctx);
        return repo ? inner(repo, ctx) : notFound();
      };
    };
    const withPull = (inner: (pull: PullState, repo: RepoState, ctx: Ctx) => Reply): Handler => {
      return withRepo((repo, ctx) => {
        const pull = this.pull(repo.fullName, Number(ctx.params.pull_number));
        return pull ? inner(pull, repo, ctx) : notFound();
      });
    };

    return {
      'apps/get-authenticated': (ctx) => ok(this.renderApp(this.apps.get(ctx.actor.appId ?? 0) as AppInfo)),

      'apps/create-installation-access-token': (ctx) => {
        const app = this.apps.get(ctx.actor.appId ?? 0) as AppInfo;
        const installationId = Number(ctx.params.installation_id);
        if (!app.installationIds.includes(installationId)) return notFound();
        const token = `ghs_${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`;
        this.addToken(token, { login: `${app.slug}[bot]`, type: 'Bot', write: true, appId: app.id });
        const body = this.render.example('installation-token');
        delete body.repositories;
        return created(
          Object.assign(body, {
            token,
            expires_at: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
            permissions: {
              metadata: 'read',
              contents: 'read',
              pull_requests: 'write',
              issues: 'write',
              checks: 'write',
              statuses: 'write',
            },
            repository_selection: 'all',
          }),
        );
      },

      'apps/get-repo-installation': withRepo((repo, ctx) => {
        const app = this.apps.get(ctx.actor.appId ?? 0) as AppInfo;
        const id = app.installationIds[0] as number;
        const out = this.render.example('installation');
        return ok(
          Object.assign(out, {
            id,
            account: this.render.user(actorFor(repo.owner)),
            access_tokens_url: `${this.url}/app/installations/${id}/access_tokens`,
            html_url: `${HTML_BASE}/settings/installations/${id}`,
            app_id: app.id,
            app_slug: app.slug,
            target_id: id,
            target_type: 'User',
            repository_selection: 'all',
          }),
        );
      }),

      'repos/get': withRepo((repo, ctx) => ok(this.renderRepo(repo, ctx.actor))),

      'pulls/get': withPull((pull) => ok(this.renderPull(pull))),

      'pulls/list-files': withPull((pull, _repo, ctx) => {
        const files = this.diff(pull.base, pull.head).slice(0, LIMITS.pullFiles);
        const { page, headers } = this.paginate(files, ctx);
        return ok(
          page.map((file) => this.renderFile(pull, file)),
          headers,
        );
      }),

      'repos/list-pull-requests-associated-with-commit': withRepo((repo, ctx) => {
        const pulls = this.state.pulls.filter(
          (pull) => pull.repo === repo.fullName && pull.heads.includes(ctx.params.commit_sha ?? ''),
        );
        const { page, headers } = this.paginate(pulls, ctx);
        return ok(
          page.map((pull) => this.renderPull(pull)),
          headers,
        );
      }),

      'pulls/list-review-comments': withPull((pull, _repo, ctx) => {
        const comments = this.state.reviewComments.filter(
          (comment) => comment.repo === pull.repo && comment.pullNumber === pull.number,
        );
        if (ctx.query.get('direction') === 'desc') comments.reverse();
        const { page, headers } = this.paginate(comments, ctx);
        return ok(
          page.map((comment) => this.renderReviewComment(comment)),
          headers,
        );
      }),

      'pulls/get-review-comment': withRepo((repo, ctx) => {
        const comment = this.state.reviewComments.find(
          (candidate) => candidate.repo === repo.fullName && candidate.id === Number(ctx.params.comment_id),
        );
        return comment ? ok(this.renderReviewComment(comment)) : notFound();
      }),

      'pulls/delete-review-comment': withRepo((repo, ctx) => {
        const index = this.state.reviewComments.findIndex(
          (candidate) => candidate.repo === repo.fullName && candidate.id === Number(ctx.params.comment_id),
        );
        if (index < 0) return notFound();
        this.state.reviewComments.splice(index, 1);
        return noContent;
      }),

      'pulls/create-review-comment': withPull((pull, _repo, ctx) => this.createReviewComment(pull, ctx)),

      'pulls/list-reviews': withPull((pull, _repo, ctx) => {
        const reviews = this.state.reviews.filter(
          (review) => review.repo === pull.repo && review.pullNumber === pull.number,
        );
        const { page, headers } = this.paginate(reviews, ctx);
        return ok(
          page.map((review) => this.renderReview(review)),
          headers,
        );
      }),

      'pulls/create-review': withPull((pull, _repo, ctx) => this.createReview(pull, ctx)),

      'issues/list-for-repo': withRepo((repo, ctx) => {
        const state = ctx.query.get('state') ?? 'open';
        const labels = (ctx.query.get('labels') ?? '').split(',').filter((label) => label !== '');
        const issues = this.state.issues
          .filter((issue) => issue.repo === repo.fullName)
          .filter((issue) => state === 'all' || (issue.state ?? 'open') === state)
          .filter((issue) => labels.every((label) => (issue.labels ?? []).includes(label)))
          .sort((a, b) => (ctx.query.get('direction') === 'asc' ? a.number - b.number : b.number - a.number));
        const { page, headers } = this.paginate(issues, ctx);
        return ok(
          page.map((issue) => this.renderIssue(issue)),
          headers,
        );
      }),

      'issues/create': withRepo((repo, ctx) => {
        const body = input<{ title: string; body?: string; labels?: (string | { name?: string })[] }>(ctx);
        const tooLong = bodyTooLong('Issue', body.body ?? '');
        if (tooLong) return tooLong;
        const number = this.openIssue(repo.fullName, { title: body.title, user: ctx.actor.login });
        const issue = this.state.issues.find(
          (candidate) => candidate.repo === repo.fullName && candidate.number === number,
        );
        if (!issue) return notFound();
        Object.assign(issue, {
          body: body.body ?? '',
          state: 'open',
          labels: (body.labels ?? []).map((label) => (typeof label === 'string' ? label : (label.name ?? ''))),
          user: ctx.actor,
        });
        return {
          status: 201,
          body: this.renderIssue(issue),
          headers: { location: `${this.url}/repos/${repo.fullName}/issues/${number}` },
        };
      }),

      'issues/update': withRepo((repo, ctx) => {
        const number = Number(ctx.params.issue_number);
        const issue = this.state.issues.find(
          (candidate) => candidate.repo === repo.fullName && candidate.number === number,
        );
        if (!issue) return notFound();
        const update = input<{ body?: string; state?: 'open' | 'closed'; title?: string }>(ctx);
        if (update.body !== undefined) {
          const tooLong = bodyTooLong('Issue', update.body);
          if (tooLong) return tooLong;
          issue.body = update.body;
        }
        if (update.state !== undefined) issue.state = update.state;
        if (update.title !== undefined) issue.title = update.title;
        issue.updatedAt = isoNow();
        return ok(this.renderIssue(issue));
      }),

      'issues/list-comments': withRepo((repo, ctx) => {
        const number = Number(ctx.params.issue_number);
        if (!this.issueExists(repo.fullName, number)) return notFound();
        const comments = this.state.issueComments.filter(
          (comment) => comment.repo === repo.fullName && comment.issueNumber === number,
        );
        const { page, headers } = this.paginate(comments, ctx);
        return ok(
          page.map((comment) => this.renderIssueComment(comment)),
          headers,
        );
      }),

      'issues/create-comment': withRepo((repo, ctx) => {
        const number = Number(ctx.params.issue_number);
        if (!this.issueExists(repo.fullName, number)) return notFound();
        const body = input<{ body: string }>(ctx).body;
        const tooLong = bodyTooLong('IssueComment', body);
        if (tooLong) return tooLong;
        const id = this.id();
        const now = isoNow();
        const comment: IssueCommentState = {
          id,
          nodeId: nodeId('IC', id),
          repo: repo.fullName,
          issueNumber: number,
          user: ctx.actor,
          body,
          createdAt: now,
          updatedAt: now,
          minimized: null,
        };
        this.state.issueComments.push(comment);
        return {
          status: 201,
          body: this.renderIssueComment(comment),
          headers: { location: `${this.url}/repos/${repo.fullName}/issues/comments/${id}` },
        };
      }),

      'issues/update-comment': withRepo((repo, ctx) => {
        const comment = this.issueComment(repo, ctx);
        if (!comment) return notFound();
        const body = input<{ body: string }>(ctx).body;
        const tooLong = bodyTooLong('IssueComment', body);
        if (tooLong) return tooLong;
        Object.assign(comment, { body, updatedAt: isoNow() });
        return ok(this.renderIssueComment(comment));
      }),

      'issues/delete-comment': withRepo((repo, ctx) => {
        const comment = this.issueComment(repo, ctx);
        if (!comment) return notFound();
        this.state.issueComments.splice(this.state.issueComments.indexOf(comment), 1);
        return noContent;
      }),

      'reactions/create-for-issue-comment': withRepo((repo, ctx) => {
        const comment = this.issueComment(repo, ctx);
        if (!comment) return notFound();
        const content = input<{ content: string }>(ctx).content;
        const existing = this.state.reactions.find(
          (reaction) =>
            reaction.commentId === comment.id &&
            reaction.user.login === ctx.actor.login &&
            reaction.content === content,
        );
        const reaction = existing ?? {
          id: this.id(),
          repo: repo.fullName,
          commentId: comment.id,
          user: ctx.actor,
          content,
          createdAt: isoNow(),
        };
        if (!existing) this.state.reactions.push(reaction);
        const body = {
          id: reaction.id,
          node_id: nodeId('REA', reaction.id),
          user: this.render.user(reaction.user),
          content: reaction.content,
          created_at: reaction.createdAt,
        };
        // GitHub answers 200 with the existing reaction when the user already reacted so.
        return { status: existing ? 200 : 201, body };
      }),

      'repos/list-for-org': (ctx) => {
        const org = ctx.params.org ?? '';
        // Private repositories are listed only to a token that can see them.
        const repos = [...this.state.repos.values()].filter(
          (repo) =>
            repo.owner.toLowerCase() === org.toLowerCase() && this.permissionOf(repo, ctx.actor.login) !== 'none',
        );
        if (repos.length === 0 && ![...this.state.repos.values()].some((repo) => repo.owner === org)) return notFound();
        const { page, headers } = this.paginate(repos, ctx);
        return ok(
          page.map((repo) => this.renderMinimalRepo(repo, ctx.actor)),
          headers,
        );
      },

      'git/get-ref': withRepo((repo, ctx) => {
        const ref = decodeURIComponent(ctx.params.ref ?? '');
        // GitHub answers 409 "Git Repository is empty." for a repository without commits.
        if (repo.branches.size === 0)
          return { status: 409, body: { message: 'Git Repository is empty.', documentation_url: DOCS } };
        const branch = /^heads\/(?<name>.+)$/.exec(ref)?.groups?.name;
        const sha = branch === undefined ? undefined : repo.branches.get(branch);
        if (sha === undefined) return notFound();
        const out = this.render.example('git-ref');
        return ok(
          Object.assign(out, {
            ref: `refs/${ref}`,
            node_id: nodeId('REF', repo.id),
            url: `${this.url}/repos/${repo.fullName}/git/refs/${ref}`,
            object: { type: 'commit', sha, url: `${this.url}/repos/${repo.fullName}/git/commits/${sha}` },
          }),
        );
      }),

      'git/get-tree': withRepo((repo, ctx) => {
        const ref = ctx.params.tree_sha ?? '';
        const sha = this.resolveRef(repo, ref) ?? ref;
        const recursive = ctx.query.has('recursive');
        const listed = this.store.listTree(sha, recursive);
        if (!listed) return notFound();
        const truncated = listed.entries.length > this.limits.maxTreeEntries;
        const entries = truncated ? listed.entries.slice(0, this.limits.maxTreeEntries) : listed.entries;
        const api = `${this.url}/repos/${repo.fullName}/git`;
        return ok({
          sha: listed.sha,
          url: `${api}/trees/${listed.sha}`,
          tree: entries.map((entry) => ({
            ...entry,
            url: `${api}/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`,
          })),
          truncated,
        });
      }),

      'repos/get-content': withRepo((repo, ctx) => this.getContent(repo, ctx)),

      'checks/create': withRepo((repo, ctx) => {
        const refused = requireApp(ctx.actor);
        if (refused) return refused;
        const body = input<CheckRunBody & { name: string; head_sha: string }>(ctx);
        if (!this.store.getCommit(body.head_sha)) {
          return { status: 422, body: { message: `No commit found for SHA: ${body.head_sha}` } };
        }
        const now = isoNow();
        const id = this.id();
        const run: CheckRunState = {
          id,
          repo: repo.fullName,
          appId: ctx.actor.appId,
          name: body.name,
          headSha: body.head_sha,
          status: 'queued',
          conclusion: null,
          externalId: '',
          detailsUrl: null,
          startedAt: now,
          completedAt: null,
          output: { title: null, summary: null, text: null },
          annotations: [],
          actions: [],
        };
        const problem = applyCheckRunBody(run, body);
        if (problem) return problem;
        this.state.checkRuns.push(run);
        return created(this.renderCheckRun(run));
      }),

      'checks/update': withRepo((repo, ctx) => {
        const refused = requireApp(ctx.actor);
        if (refused) return refused;
        const run = this.state.checkRuns.find(
          (candidate) => candidate.repo === repo.fullName && candidate.id === Number(ctx.params.check_run_id),
        );
        if (!run) return notFound();
        if (run.appId !== ctx.actor.appId) {
          return {
            status: 403,
            body: {
              message: `Invalid app_id \`${ctx.actor.appId ?? ''}\` - check run can only be modified by the GitHub App that created it.`,
            },
          };
        }
        const problem = applyCheckRunBody(run, input<CheckRunBody>(ctx));
        return problem ?? ok(this.renderCheckRun(run));
      }),

      'checks/list-for-ref': withRepo((repo, ctx) => {
        const sha = this.resolveRef(repo, ctx.params.ref ?? '');
        let runs = this.state.checkRuns.filter((run) => run.repo === repo.fullName && run.headSha === sha);
        const name = ctx.query.get('check_name');
        const status = ctx.query.get('status');
        if (name) runs = runs.filter((run) => run.name === name);
        if (status) runs = runs.filter((run) => run.status === status);
        if (ctx.query.get('filter') !== 'all') {
          runs = runs.filter((run) => !runs.some((other) => other.name === run.name && other.id > run.id));
        }
        runs = [...runs].reverse();
        const { page, headers } = this.paginate(runs, ctx);
        return ok({ total_count: runs.length, check_runs: page.map((run) => this.renderCheckRun(run)) }, headers);
      }),

      'repos/create-commit-status': withRepo((repo, ctx) => {
        const sha = ctx.params.sha ?? '';
        if (!this.store.getCommit(sha)) return { status: 422, body: { message: `No commit found for SHA: ${sha}` } };
        const body = input<{
          state: string;
          target_url?: string | null;
          description?: string | null;
          context?: string;
        }>(ctx);
        const id = this.id();
        const status: StatusState = {
          id,
          repo: repo.fullName,
          sha,
          state: body.state,
          context: body.context ?? 'default',
          description: body.description ?? null,
          targetUrl: body.target_url ?? null,
          creator: ctx.actor,
          createdAt: isoNow(),
        };
        this.state.statuses.push(status);
        const out = this.render.example('status');
        return created(
          Object.assign(out, {
            url: `${this.url}/repos/${repo.fullName}/statuses/${sha}`,
            avatar_url: null,
            id,
            node_id: nodeId('SC', id),
            state: status.state,
            description: status.description,
            target_url: status.targetUrl,
            context: status.context,
            created_at: status.createdAt,
            updated_at: status.createdAt,
            creator: this.render.user(status.creator),
          }),
        );
      }),

      'repos/get-collaborator-permission-level': withRepo((repo, ctx) => {
        const login = ctx.params.username ?? '';
        const permission = this.permissionOf(repo, login);
        const user = this.render.user(actorFor(login));
        const roleName = this.roleNames.get(`${repo.fullName}:${login}`) ?? permission;
        return ok({
          permission,
          role_name: roleName,
          user: {
            ...user,
            permissions: {
              admin: permission === 'admin',
              maintain: permission === 'admin',
              push: permission === 'admin' || permission === 'write',
              triage: permission !== 'none' && permission !== 'read',
              pull: permission !== 'none',
            },
            role_name: roleName,
          },
        });
      }),
    };
  }

  private issueExists(fullName: string, number: number): boolean {
    return (
      this.pull(fullName, number) !== undefined ||
      this.state.issues.some((issue) => issue.repo === fullName && issue.number === number)
    );
  }

  private issueComment(repo: RepoState, ctx: Ctx): IssueCommentState | undefined {
    return this.state.issueComments.find(
      (comment) => comment.repo === repo.fullName && comment.id === Number(ctx.params.comment_id),
    );
  }

  private getContent(repo: RepoState, ctx: Ctx): Reply {
    const ref = ctx.query.get('ref') ?? repo.defaultBranch;
    const sha = this.resolveRef(repo, ref);
    if (sha === undefined) {
      return { status: 404, body: { message: `No commit found for the ref ${ref}` } };
    }
    const files = this.store.snapshot(sha);
    const path = (ctx.params.path ?? '').replace(/^\/+|\/+$/g, '');
    const text = files.get(path);
    const api = `${this.url}/repos/${repo.fullName}`;
    const entry = (entryPath: string, type: 'file' | 'dir', size: number, entrySha: string): Json => {
      const encoded = entryPath.split('/').map(encodeURIComponent).join('/');
      const self = `${api}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
      const git = `${api}/git/${type === 'dir' ? 'trees' : 'blobs'}/${entrySha}`;
      const html = `${HTML_BASE}/${repo.fullName}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${encoded}`;
      return {
        type,
        size,
        name: entryPath.split('/').at(-1),
        path: entryPath,
        sha: entrySha,
        url: self,
        git_url: git,
        html_url: html,
        download_url: type === 'file' ? `https://raw.githubusercontent.com/${repo.fullName}/${ref}/${encoded}` : null,
        _links: { self, git, html },
      };
    };
    if (text !== undefined) {
      if (/\.raw\b/.test(ctx.accept))
        return { status: 200, body: text, contentType: 'application/vnd.github.raw; charset=utf-8' };
      const base64 = Buffer.from(text, 'utf8').toString('base64');
      return {
        status: 200,
        body: {
          ...entry(path, 'file', Buffer.byteLength(text, 'utf8'), blobSha(text)),
          // GitHub wraps base64 content at 60 characters, each line ending in "\n".
          content: `${(base64.match(/.{1,60}/g) ?? []).join('\n')}\n`,
          encoding: 'base64',
        },
      };
    }
    const listed = this.store.listTree(sha, true);
    const dirEntry = listed?.entries.find((candidate) => candidate.path === path && candidate.type === 'tree');
    const children =
      path === '' ? this.store.listTree(sha, false) : dirEntry && this.store.listTree(dirEntry.sha, false);
    if (!children) return notFound();
    return {
      status: 200,
      body: children.entries.map((child) =>
        entry(
          path === '' ? child.path : `${path}/${child.path}`,
          child.type === 'tree' ? 'dir' : 'file',
          child.size ?? 0,
          child.sha,
        ),
      ),
    };
  }

  private createReviewComment(pull: PullState, ctx: Ctx): Reply {
    const body = input<
      ReviewCommentBody & { commit_id: string; path: string; in_reply_to?: number; subject_type?: 'line' | 'file' }
    >(ctx);
    const tooLong = bodyTooLong('PullRequestReviewComment', body.body);
    if (tooLong) return tooLong;
    const now = isoNow();
    const base = {
      nodeId: '',
      repo: pull.repo,
      pullNumber: pull.number,
      user: ctx.actor,
      body: body.body,
      createdAt: now,
      updatedAt: now,
      minimized: null,
    };
    if (body.in_reply_to !== undefined) {
      const parent = this.state.reviewComments.find(
        (comment) =>
          comment.repo === pull.repo && comment.pullNumber === pull.number && comment.id === body.in_reply_to,
      );
      if (!parent) return notFound();
      const id = this.id();
      const reply: ReviewCommentState = {
        ...parent,
        ...base,
        id,
        nodeId: nodeId('PRRC', id),
        reviewId: this.submitReview(pull, ctx.actor, '', parent.commitId).id,
        inReplyToId: parent.inReplyToId ?? parent.id,
      };
      this.state.reviewComments.push(reply);
      return { status: 201, body: this.renderReviewComment(reply) };
    }
    if (!pull.heads.includes(body.commit_id)) {
      return unprocessable('PullRequestReviewComment', 'commit_id', 'commit_id is not part of the pull request');
    }
    const file = this.diff(pull.base, body.commit_id).find((candidate) => candidate.filename === body.path);
    if (!file) {
      return unprocessable(
        'PullRequestReviewComment',
        'pull_request_review_thread.path',
        'pull_request_review_thread.path could not be resolved',
      );
    }
    let placed: Placement;
    if (body.subject_type === 'file') {
      placed = {
        subjectType: 'file',
        line: undefined,
        side: undefined,
        startLine: undefined,
        startSide: undefined,
        position: undefined,
        diffHunk: file.hunks[0]?.text[0] ?? '',
      };
    } else {
      const result = place(file, body);
      if (typeof result === 'string') {
        const field = result.includes('start_line')
          ? 'pull_request_review_thread.start_line'
          : 'pull_request_review_thread.line';
        return unprocessable('PullRequestReviewComment', field, result);
      }
      placed = result;
    }
    const review = this.submitReview(pull, ctx.actor, '', body.commit_id);
    const id = this.id();
    const comment: ReviewCommentState = {
      ...base,
      ...placed,
      id,
      nodeId: nodeId('PRRC', id),
      reviewId: review.id,
      path: body.path,
      commitId: body.commit_id,
      inReplyToId: undefined,
    };
    this.state.reviewComments.push(comment);
    return { status: 201, body: this.renderReviewComment(comment) };
  }

  /** A single comment lives in a review of its own, as on GitHub. */
  private submitReview(pull: PullState, user: Actor, body: string, commitId: string): ReviewState {
    const id = this.id();
    const review: ReviewState = {
      id,
      nodeId: nodeId('PRR', id),
      repo: pull.repo,
      pullNumber: pull.number,
      user,
      body,
      state: 'COMMENTED',
      commitId,
      submittedAt: isoNow(),
    };
    this.state.reviews.push(review);
    return review;
  }

  private createReview(pull: PullState, ctx: Ctx): Reply {
    const body = input<{
      commit_id?: string;
      body?: string;
      event?: 'APPROVE' | 'REQUEST_CHANGES' | 'COMMENT';
      comments?: (ReviewCommentBody & { path: string })[];
    }>(ctx);
    const reviewProblem = (message: string): Reply => ({
      status: 422,
      body: { message: 'Unprocessable Entity', errors: [message] },
    });
    const tooLong =
      bodyTooLong('PullRequestReview', body.body ?? '') ??
      (body.comments ?? []).map((comment) => bodyTooLong('PullRequestReviewComment', comment.body)).find(Boolean);
    if (tooLong) return tooLong;
    const commitId = body.commit_id ?? pull.head;
    if (!pull.heads.includes(commitId)) return reviewProblem('Commit id is not part of the pull request');
    if (body.event === 'APPROVE' && ctx.actor.login === pull.user.login) {
      return reviewProblem('Can not approve your own pull request');
    }
    if (body.event === 'REQUEST_CHANGES' && ctx.actor.login === pull.user.login) {
      return reviewProblem('Can not request changes on your own pull request');
    }
    if (body.event === 'REQUEST_CHANGES' && !body.body) return reviewProblem('Body cannot be blank');
    if (
      body.event === undefined &&
      this.state.reviews.some(
        (review) =>
          review.repo === pull.repo &&
          review.pullNumber === pull.number &&
          review.state === 'PENDING' &&
          review.user.login === ctx.actor.login,
      )
    ) {
      return reviewProblem('User can only have one pending review per pull request');
    }
    const files = this.diff(pull.base, commitId);
    // All or nothing: resolve every comment before storing anything (parkerbxyz/suggest-changes#64).
    const placements: Placement[] = [];
    for (const comment of body.comments ?? []) {
      const file = files.find((candidate) => candidate.filename === comment.path);
      if (!file) return reviewProblem('Path could not be resolved');
      const placed = place(file, comment);
      if (typeof placed === 'string') return reviewProblem('Line could not be resolved');
      placements.push(placed);
    }
    const id = this.id();
    const stateByEvent = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' } as const;
    const review: ReviewState = {
      id,
      nodeId: nodeId('PRR', id),
      repo: pull.repo,
      pullNumber: pull.number,
      user: ctx.actor,
      body: body.body ?? '',
      state: body.event ? stateByEvent[body.event] : 'PENDING',
      commitId,
      submittedAt: body.event ? isoNow() : undefined,
    };
    this.state.reviews.push(review);
    const now = isoNow();
    for (const [index, comment] of (body.comments ?? []).entries()) {
      const commentId = this.id();
      this.state.reviewComments.push({
        ...(placements[index] as Placement),
        id: commentId,
        nodeId: nodeId('PRRC', commentId),
        repo: pull.repo,
        pullNumber: pull.number,
        reviewId: id,
        user: ctx.actor,
        body: comment.body,
        path: comment.path,
        commitId,
        inReplyToId: undefined,
        createdAt: now,
        updatedAt: now,
        minimized: null,
      });
    }
    return ok200(this.renderReview(review));
  }
}

interface ReviewCommentBody {
  body: string;
  path?: string;
  line?: number;
  side?: Side;
  start_line?: number;
  start_side?: Side;
  position?: number;
}

type Placement = Pick<
  ReviewCommentState,
  'subjectType' | 'line' | 'side' | 'startLine' | 'startSide' | 'position' | 'diffHunk'
>;

/** Resolves a comment's line(s) in a file's hunks, or says why it can't (GitHub's wording). */
function place(file: FileChange, comment: ReviewCommentBody): Placement | string {
  const lineError = 'pull_request_review_thread.line must be part of the diff';
  if (comment.line === undefined) {
    if (comment.position === undefined) return lineError;
    const at = lineAtPosition(file.hunks, comment.position);
    if (!at) return lineError;
    return {
      subjectType: 'line',
      line: at.line,
      side: at.side,
      startLine: undefined,
      startSide: undefined,
      position: comment.position,
      diffHunk: at.diffHunk,
    };
  }
  const side = comment.side ?? 'RIGHT';
  const end = resolveLine(file.hunks, side, comment.line);
  if (!end) return lineError;
  if (comment.start_line === undefined) {
    return {
      subjectType: 'line',
      line: comment.line,
      side,
      startLine: undefined,
      startSide: undefined,
      position: end.position,
      diffHunk: end.diffHunk,
    };
  }
  const startSide = comment.start_side ?? side;
  const start = resolveLine(file.hunks, startSide, comment.start_line);
  if (!start) return 'pull_request_review_thread.start_line must be part of the diff';
  if (start.hunkIndex !== end.hunkIndex) {
    return 'pull_request_review_thread.start_line must be part of the same hunk as the line.';
  }
  if (start.position > end.position) return 'pull_request_review_thread.start_line must precede the end line.';
  return {
    subjectType: 'line',
    line: comment.line,
    side,
    startLine: comment.start_line,
    startSide,
    position: end.position,
    diffHunk: end.diffHunk,
  };
}

interface CheckRunBody {
  name?: string;
  details_url?: string;
  external_id?: string;
  status?: string;
  started_at?: string;
  conclusion?: string;
  completed_at?: string;
  output?: { title?: string; summary?: string; text?: string; annotations?: Json[] };
  actions?: Json[];
}

/** Applies a create/update body; GitHub completes the run when a conclusion is given. */
function applyCheckRunBody(run: CheckRunState, body: CheckRunBody): Reply | undefined {
  if (body.status === 'completed' && body.conclusion === undefined && run.conclusion === null) {
    return { status: 422, body: { message: 'Invalid request.\n\n"conclusion" wasn\'t supplied.' } };
  }
  if (body.name !== undefined) run.name = body.name;
  if (body.details_url !== undefined) run.detailsUrl = body.details_url;
  if (body.external_id !== undefined) run.externalId = body.external_id;
  if (body.started_at !== undefined) run.startedAt = body.started_at;
  if (body.status !== undefined) run.status = body.status;
  if (body.conclusion !== undefined) {
    run.conclusion = body.conclusion;
    run.status = 'completed';
    run.completedAt = body.completed_at ?? isoNow();
  }
  if (body.output) {
    const { annotations, ...text } = body.output;
    run.output = {
      title: text.title ?? run.output.title,
      summary: text.summary ?? run.output.summary,
      text: text.text ?? run.output.text,
    };
    run.annotations.push(...(annotations ?? []));
  }
  if (body.actions !== undefined) run.actions = body.actions;
  return undefined;
}

function requireApp(actor: TokenInfo): Reply | undefined {
  // Check runs are GitHub-App-only (actions/github-script#118); GITHUB_TOKEN is the github-actions app.
  if (actor.type === 'Bot' && actor.appId !== undefined) return undefined;
  return { status: 403, body: { message: 'You must authenticate via a GitHub App.' } };
}

function bodyTooLong(resource: string, body: string): Reply | undefined {
  if ([...body].length <= LIMITS.commentBodyCharacters) return undefined;
  return unprocessable(
    resource,
    'data',
    `Body is too long (maximum is ${LIMITS.commentBodyCharacters} characters)`,
    'unprocessable',
  );
}

function unprocessable(resource: string, field: string, message: string, code = 'custom'): Reply {
  return { status: 422, body: { message: 'Validation Failed', errors: [{ resource, code, field, message }] } };
}

/** The request body as the operation's schema describes it (validated before handlers run). */
function input<T>(ctx: Ctx): T {
  return ctx.body as T;
}

function notFound(): Reply {
  return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
}

function ok200(body: unknown): Reply {
  return { status: 200, body };
}

function actorFor(login: string): Actor {
  return { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
}

function splitFullName(fullName: string): [string, string] {
  const match = /^(?<owner>[^/]+)\/(?<name>[^/]+)$/.exec(fullName);
  if (!match?.groups) throw new Error(`fake GitHub: "${fullName}" is not owner/name`);
  return [match.groups.owner as string, match.groups.name as string];
}

function blobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
    .digest('hex');
}

/** The router matches `{path}` and `{tree_sha}` as one segment; GitHub lets them span several. */
function encodeMultiSegment(path: string): string {
  return path.replace(
    /^(?<head>\/repos\/[^/]+\/[^/]+\/(?:contents|git\/trees|git\/ref)\/)(?<rest>.+)$/,
    (_match, head: string, rest: string) => head + rest.replaceAll('/', '%2F'),
  );
}

/** Ajv errors in the spirit of GitHub's "Invalid request." messages. */
function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath.replace(/^\/requestBody/, '').replace(/^\//, '');
  const field = where === '' ? '' : `For 'properties/${where.split('/').at(-1)}', `;
  switch (error.keyword) {
    case 'required':
      return `"${String(error.params.missingProperty)}" wasn't supplied.`;
    case 'enum':
      return `${field}${JSON.stringify(error.data)} is not a member of ${JSON.stringify(error.params.allowedValues)}.`;
    case 'maxLength':
      return `Only ${String(error.params.limit)} characters are allowed; ${String((error.data as string).length)} were supplied.`;
    case 'maxItems':
      return `${field}${String((error.data as unknown[]).length)} items were supplied; at most ${String(error.params.limit)} are allowed.`;
    case 'type':
      return `${field}${JSON.stringify(error.data)} is not a(n) ${String(error.params.type)}.`;
    default:
      return `${field}${error.message ?? 'is invalid'}.`;
  }
}
