import { analyze, formatFor, isRelevant } from '../engine/analyze.js';
import { parseConfig } from '../engine/config-file.js';
import type { Report } from '../engine/analyze.js';
import type { AnalyzeConfig } from '../engine/config.js';
import type { InputFile } from '../engine/files.js';
import { BLOBS_PER_QUERY } from './octokit.js';
import { GitHubError } from './port.js';
import type { FileContent, GitTreeEntry, RepoRef, RepositoryPort } from './port.js';

/** Where GitHub looks for CODEOWNERS, in its order: the first that exists is the one in force. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;
/** The repository's own configuration, looked up as `netguide scan` does in a repository root. */
export const CONFIG_PATHS = ['netguide.yml', '.netguide.yml', '.github/netguide.yml'] as const;

/** One repository read at one commit through the API: its report, or why it could not be read. */
export interface RepositoryScan {
  owner: string;
  repo: string;
  /** The branch (or commit) read; the default branch unless one was asked for. */
  ref: string;
  /** The commit read; empty when the repository could not be read that far. */
  sha: string;
  report?: Report;
  /** Why the repository could not be read (it is listed as unreadable, never skipped). */
  error?: string;
  /** API requests the scan made: REST calls, one per GraphQL batch of blobs, one per blob read raw. */
  requests: number;
  /** The CODEOWNERS file in force, when the repository has one. */
  codeowners?: { path: string; text: string };
  /**
   * The repository's netguide.yml when it has one: its rules, documentation severity and include/exclude
   * paths apply (not its `today`: the inventory counts from one date). With `errors` it was invalid and the
   * defaults were used.
   */
  config?: { path: string; errors?: string[] };
  /** Tree requests beyond the first: GitHub truncated the recursive listing and subtrees were walked. */
  subtreeRequests?: number;
}

export interface ScanRepositoryTarget extends RepoRef {
  /** A branch name or a commit SHA; default: the repository's default branch (one more request). */
  ref?: string;
}

export interface ScanRepositoryOptions {
  config: AnalyzeConfig;
}

const SYMLINK_MODE = '120000';
const COMMIT_SHA = /^[0-9a-f]{40}$/i;

/**
 * Reads one repository at its default branch (or `ref`) and analyzes it: the branch's commit, its Git tree
 * (recursive; when GitHub truncates it, the subtrees are walked one by one), the relevant files read in
 * GraphQL batches, the CODEOWNERS in force. A file above `config.maxFileBytes` is not read but reported
 * too large by the engine. Any API error ends the scan with `error` set; nothing is thrown.
 */
export async function scanRepository(
  port: RepositoryPort,
  target: ScanRepositoryTarget,
  options: ScanRepositoryOptions,
): Promise<RepositoryScan> {
  const repo: RepoRef = { owner: target.owner, repo: target.repo };
  const scan: RepositoryScan = { owner: target.owner, repo: target.repo, ref: target.ref ?? '', sha: '', requests: 0 };
  try {
    if (target.ref === undefined || target.ref === '') {
      scan.requests += 1;
      scan.ref = (await port.getRepository(repo)).defaultBranch;
    }
    if (COMMIT_SHA.test(scan.ref)) {
      scan.sha = scan.ref.toLowerCase();
    } else {
      scan.requests += 1;
      scan.sha = await port.getBranchHead(repo, scan.ref);
    }
    const tree = await walkTree(port, repo, scan.sha, scan);
    const blobs = tree.filter((entry) => entry.type === 'blob' && entry.mode !== SYMLINK_MODE);
    const paths = new Set(blobs.map((entry) => entry.path));
    const codeownersPath = CODEOWNERS_PATHS.find((candidate) => paths.has(candidate));
    const configPath = CONFIG_PATHS.find((candidate) => paths.has(candidate));
    const maxBytes = options.config.maxFileBytes;
    const relevant = blobs.filter((entry) => isRelevant(entry.path));
    const tooLarge = relevant.filter((entry) => entry.size !== undefined && entry.size > maxBytes);
    const toRead = relevant.filter((entry) => !tooLarge.includes(entry)).map((entry) => entry.path);
    for (const extra of [codeownersPath, configPath])
      if (extra !== undefined && !toRead.includes(extra)) toRead.push(extra);
    const contents =
      toRead.length === 0 ? new Map<string, FileContent>() : await port.readFiles(repo, scan.sha, toRead, { maxBytes });
    // One GraphQL query per batch; a binary or large text blob comes back as bytes, read raw (one more each).
    scan.requests += Math.ceil(toRead.length / BLOBS_PER_QUERY);
    for (const content of contents.values()) if (content !== null && typeof content !== 'string') scan.requests += 1;

    if (codeownersPath !== undefined) {
      const text = textOf(contents.get(codeownersPath));
      if (text !== undefined) scan.codeowners = { path: codeownersPath, text };
    }
    const files: InputFile[] = [
      ...relevant
        .filter((entry) => !tooLarge.includes(entry))
        .map((entry) => toInputFile(entry.path, contents.get(entry.path))),
      // Never read: the tree's size says it is above the limit; the engine reports it as too large.
      ...tooLarge.map((entry) => ({ path: entry.path, size: entry.size ?? 0 })),
    ];
    let config = options.config;
    let includes = (_path: string) => true;
    if (configPath !== undefined) {
      const parsed = parseConfig(textOf(contents.get(configPath)) ?? '', options.config.today);
      if (parsed.ok) {
        config = { ...parsed.config.analyze, today: options.config.today, maxFileBytes: options.config.maxFileBytes };
        includes = (path) => parsed.config.includes(path);
        scan.config = { path: configPath };
      } else {
        scan.config = { path: configPath, errors: parsed.errors };
      }
    }
    const targets = files.map((file) => file.path).filter((path) => formatFor(path) !== undefined && includes(path));
    scan.report = await analyze({ files, targets }, config);
  } catch (error) {
    scan.error = describe(error);
  }
  return scan;
}

/**
 * Every entry of the commit's tree with full paths. One recursive request when GitHub lists it whole; when it
 * truncates (above 100,000 entries or 7 MB), the root is listed alone and each subtree walked the same way.
 */
async function walkTree(
  port: RepositoryPort,
  repo: RepoRef,
  sha: string,
  scan: RepositoryScan,
  prefix = '',
): Promise<GitTreeEntry[]> {
  scan.requests += 1;
  if (prefix !== '') scan.subtreeRequests = (scan.subtreeRequests ?? 0) + 1;
  const recursive = await port.getTree(repo, sha, true);
  if (!recursive.truncated) return recursive.entries.map((entry) => ({ ...entry, path: prefix + entry.path }));
  scan.requests += 1;
  scan.subtreeRequests = (scan.subtreeRequests ?? 0) + 1;
  const level = await port.getTree(repo, sha, false);
  const out: GitTreeEntry[] = [];
  for (const entry of level.entries) {
    const path = prefix + entry.path;
    out.push({ ...entry, path });
    if (entry.type === 'tree') out.push(...(await walkTree(port, repo, entry.sha, scan, `${path}/`)));
  }
  if (level.truncated) throw new Error(`GitHub truncated the listing of the folder "${prefix || '/'}" itself`);
  return out;
}

function toInputFile(path: string, content: FileContent | undefined): InputFile {
  if (content === null || content === undefined)
    return { path, unreadable: 'GitHub returned no content for a file the commit lists' };
  if (typeof content === 'string' || content instanceof Uint8Array) return { path, content };
  return { path, size: content.size, sample: content.sample };
}

function textOf(content: FileContent | undefined): string | undefined {
  if (typeof content === 'string') return content;
  if (content instanceof Uint8Array) return new TextDecoder().decode(content);
  return undefined;
}

function describe(error: unknown): string {
  if (error instanceof GitHubError) {
    if (error.status === 404) return `not found or not visible to the token (HTTP 404): ${error.message}`;
    if (error.status === 403) return `access refused (HTTP 403): ${error.message}`;
    if (error.status === 409) return `the repository is empty (HTTP 409): ${error.message}`;
    return `GitHub answered HTTP ${error.status}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
