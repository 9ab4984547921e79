// Webhook payloads for end-to-end tests, taken from GitHub's recorded examples
// (@octokit/webhooks-examples) and pointed at the fake's repository, PR and commits.
import { createRequire } from 'node:module';
import { sign } from '@octokit/webhooks-methods';

export interface WebhookOverrides {
  /** `owner/name` of the repository the event happens in. */
  repo?: string;
  /** Rewrites `https://api.github.com` in every URL, e.g. to the fake's `url`. */
  apiUrl?: string;
  installationId?: number;
  sender?: string;
  /** Pull request number (also `issue.number` for issue_comment). */
  number?: number;
  headSha?: string;
  baseSha?: string;
  headRef?: string;
  baseRef?: string;
  /** `owner/name` of the head repository when the PR comes from a fork. */
  headRepo?: string;
  /** PR author. */
  user?: string;
  /** issue_comment: mark the issue as a pull request (default true when `number` is given). */
  isPullRequest?: boolean;
  comment?: { id?: number; body?: string; user?: string; nodeId?: string };
}

type Payload = Record<string, unknown>;

interface ExampleGroup {
  name: string;
  actions: string[];
  examples: Payload[];
}

let groups: ExampleGroup[] | undefined;

function loadExamples(): ExampleGroup[] {
  groups ??= createRequire(import.meta.url)('@octokit/webhooks-examples') as ExampleGroup[];
  return groups;
}

/**
 * A copy of GitHub's example payload for `event` with `action`, adapted to `overrides`.
 * Throws when the examples have no such event/action (a mistake in the test).
 */
export function webhookPayload(event: string, action: string | undefined, overrides: WebhookOverrides = {}): Payload {
  const group = loadExamples().find((candidate) => candidate.name === event);
  const example = group?.examples.find((candidate) => action === undefined || candidate.action === action);
  if (!example) throw new Error(`@octokit/webhooks-examples has no ${event}${action ? `.${action}` : ''} example`);

  let text = JSON.stringify(example);
  const repository = example.repository as Payload | undefined;
  const originalFullName = typeof repository?.full_name === 'string' ? repository.full_name : undefined;
  if (overrides.repo && originalFullName) text = text.replaceAll(originalFullName, overrides.repo);
  if (overrides.apiUrl) text = text.replaceAll('https://api.github.com', overrides.apiUrl.replace(/\/+$/, ''));
  const payload = JSON.parse(text) as Payload;

  if (overrides.repo && payload.repository) adaptRepository(payload.repository as Payload, overrides.repo);
  if (overrides.installationId !== undefined) {
    payload.installation = {
      id: overrides.installationId,
      node_id: `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${overrides.installationId}`,
    };
  }
  if (overrides.sender) setLogin(payload.sender, overrides.sender);

  const pull = payload.pull_request as Payload | undefined;
  if (pull) adaptPull(payload, pull, overrides);

  const issue = payload.issue as Payload | undefined;
  if (issue) {
    if (overrides.number !== undefined) issue.number = overrides.number;
    const repo = overrides.repo ?? originalFullName;
    if ((overrides.isPullRequest ?? overrides.number !== undefined) && repo) {
      issue.pull_request = {
        url: `${overrides.apiUrl ?? 'https://api.github.com'}/repos/${repo}/pulls/${String(issue.number)}`,
        html_url: `https://github.com/${repo}/pull/${String(issue.number)}`,
        diff_url: `https://github.com/${repo}/pull/${String(issue.number)}.diff`,
        patch_url: `https://github.com/${repo}/pull/${String(issue.number)}.patch`,
        merged_at: null,
      };
    } else if (overrides.isPullRequest === false) {
      delete issue.pull_request;
    }
  }

  const comment = payload.comment as Payload | undefined;
  if (comment && overrides.comment) {
    if (overrides.comment.id !== undefined) comment.id = overrides.comment.id;
    if (overrides.comment.nodeId !== undefined) comment.node_id = overrides.comment.nodeId;
    if (overrides.comment.body !== undefined) comment.body = overrides.comment.body;
    if (overrides.comment.user !== undefined) setLogin(comment.user, overrides.comment.user);
  }
  return payload;
}

function adaptPull(payload: Payload, pull: Payload, overrides: WebhookOverrides): void {
  if (overrides.number !== undefined) {
    pull.number = overrides.number;
    if ('number' in payload) payload.number = overrides.number;
  }
  if (overrides.user) setLogin(pull.user, overrides.user);
  const head = pull.head as Payload;
  const base = pull.base as Payload;
  if (overrides.headSha) head.sha = overrides.headSha;
  if (overrides.baseSha) base.sha = overrides.baseSha;
  if (overrides.headRef) head.ref = overrides.headRef;
  if (overrides.baseRef) base.ref = overrides.baseRef;
  if (overrides.repo && base.repo) adaptRepository(base.repo as Payload, overrides.repo);
  const headRepo = overrides.headRepo ?? overrides.repo;
  if (headRepo && head.repo) {
    // A fork gets a structurally distinct repository object (own id, fork: true).
    const repo = structuredClone((base.repo ?? head.repo) as Payload);
    adaptRepository(repo, headRepo);
    if (overrides.headRepo && overrides.headRepo !== overrides.repo) {
      repo.fork = true;
      repo.id = Number(repo.id) + 1;
    }
    head.repo = repo;
    head.label = `${headRepo.split('/')[0]}:${String(head.ref)}`;
    setLogin(head.user, headRepo.split('/')[0] as string);
  }
}

function adaptRepository(repository: Payload, fullName: string): void {
  const [owner, name] = fullName.split('/') as [string, string];
  repository.full_name = fullName;
  repository.name = name;
  repository.html_url = `https://github.com/${fullName}`;
  setLogin(repository.owner, owner);
}

function setLogin(user: unknown, login: string): void {
  if (user && typeof user === 'object') {
    const record = user as Payload;
    record.login = login;
    record.type = login.endsWith('[bot]') ? 'Bot' : (record.type ?? 'User');
  }
}

/** `X-Hub-Signature-256` for a delivery body. */
export async function signWebhook(secret: string, body: string): Promise<string> {
  return sign(secret, body);
}
