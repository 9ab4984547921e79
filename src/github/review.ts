import { analyze, formatFor, isRelevant } from '../engine/analyze.js';
import type { AnalyzeInput, Report } from '../engine/analyze.js';
import { findingStatuses } from '../engine/compare.js';
import type { AnalyzeConfig, FailOn } from '../engine/config.js';
import { gates } from '../engine/gate.js';
import { directoryOf } from '../engine/files.js';
import type { InputFile } from '../engine/files.js';
import type { Finding, RelatedLocation, SourceRange } from '../model/index.js';
import { severityRank } from '../model/index.js';
import { endsWithMarker, fingerprintOf, renderInlineComment } from '../render/comment.js';
import { COMMENT_BODY_LIMIT, renderSummary, summaryMarker } from '../render/summary.js';
import type { SummaryFinding } from '../render/summary.js';
import { commentLine, inFilter, parsePatch, positionOf, sameHunk } from './diff.js';
import type { FileDiff, FilterMode } from './diff.js';
import { GitHubError, isPermissionError } from './port.js';
import type {
  ChangedFile,
  ExistingComment,
  FileContent,
  GitHubPort,
  InlineComment,
  PullRef,
  RepoRef,
  TreeEntry,
} from './port.js';

/** reviewdog's cap: more inline comments in one review trips GitHub's abuse detection (prior-art §1.1). */
export const MAX_INLINE_COMMENTS = 30;

export type CommentMode = 'update' | 'new' | 'hide-and-new' | 'delete-and-new' | 'off';

export interface ReviewOptions {
  config: AnalyzeConfig;
  failOn: FailOn;
  filterMode: FilterMode;
  commentMode: CommentMode;
  /** Post inline review comments (else everything goes into the summary). */
  reviewComments: boolean;
  /** Keeps two workflows' sticky comments apart. */
  tag: string;
  /** Our own login (`github-actions[bot]`, `<app>[bot]`): only our comments are updated or deleted. */
  botLogin: string;
  /** Paths the configuration includes. */
  includes?: (path: string) => boolean;
  /** Reads head files from a checkout instead of the API (the Action with the head commit checked out). */
  readHead?: (paths: readonly string[]) => Promise<Map<string, FileContent>>;
  /** A link to the full report (the job summary), for when the comment is cut. */
  fullReportUrl?: string;
  /** Files analyzed with the head that are not in the repository (`terraform show -json` output). */
  extraFiles?: InputFile[];
  maxInlineComments?: number;
  /**
   * The commit this review is for (the GitHub App's check run). When set, the pull request is read again
   * after the analysis and nothing is posted if its head moved on: a newer run posts instead.
   */
  expectedHeadSha?: string;
  /** Lines the caller adds to the summary (the Action: "this PR changes the configuration"). */
  notes?: string[];
  /**
   * Runs the analysis (default: the engine in this thread). The GitHub App passes its worker pool's
   * `analyze`, so a long analysis never blocks the event loop.
   */
  analyze?: (input: AnalyzeInput, config: AnalyzeConfig) => Promise<Report>;
  /**
   * The run's time budget: when it is spent (ms since the epoch, by `now`) the review concludes with what it
   * has, and the files it did not analyze are `not-analyzed` findings saying so.
   */
  deadline?: number;
  now?: () => number;
}

export interface ReviewOutcome {
  report: Report;
  findings: SummaryFinding[];
  /** New, unsuppressed findings at or above fail-on, in the filter's scope: what fails the check. */
  gating: Finding[];
  conclusion: 'success' | 'failure';
  summary: string;
  /** What was written to GitHub. */
  posted: {
    inline: number;
    deleted: number;
    summary: 'created' | 'updated' | 'unchanged' | 'skipped' | 'off' | 'failed';
  };
  /** Set when writing was not allowed (a fork PR's read-only token): the caller falls back to annotations. */
  degraded?: string;
  /** The PR's head when it moved past `expectedHeadSha` during the analysis: nothing was posted. */
  superseded?: string;
  notes: string[];
}

/**
 * Reviews one pull request: reads what changed (few requests: the PR, its file pages, one tree per side,
 * batched contents), analyzes head against base, posts one review with the new findings on changed lines,
 * cleans up our outdated comments, and keeps one sticky summary comment.
 */
export async function reviewPullRequest(
  port: GitHubPort,
  ref: PullRef,
  options: ReviewOptions,
): Promise<ReviewOutcome> {
  const includes = options.includes ?? (() => true);
  const pr = await port.getPullRequest(ref);
  const listed = await port.listPullRequestFiles(ref);
  const notes: string[] = [...(options.notes ?? [])];
  const headRepo = splitRepo(pr.headRepo);
  const baseRepo = splitRepo(pr.baseRepo);
  const wanted = (path: string | undefined) => path !== undefined && isRelevant(path) && includes(path);
  let changed = listed.files;
  let trees: [TreeEntry[], TreeEntry[]] | undefined;
  const loadTrees = async () =>
    (trees ??= await Promise.all([
      port.listTree(headRepo, pr.headSha).then((tree) => tree.entries),
      port.listTree(baseRepo, pr.baseSha).then((tree) => tree.entries),
    ]));
  if (listed.truncated) {
    // GitHub lists 3,000 files at most; the two trees (two requests) show what else changed.
    const [head, base] = await loadTrees();
    const listedPaths = new Set(changed.map((file) => file.path));
    changed = [...changed, ...changedBeyondListing(head, base, listedPaths, wanted)];
    notes.push(
      'GitHub lists at most 3,000 changed files: the AKS files beyond them were found by comparing the trees and are reviewed without line-level diff (they can only be commented on in this summary).',
    );
  }
  const diffs = new Map<string, FileDiff>();
  for (const file of changed)
    if (file.patch !== undefined && file.status !== 'removed') diffs.set(file.path, parsePatch(file.patch));
  const changedPaths = new Set(changed.filter((file) => file.status !== 'removed').map((file) => file.path));

  const relevant = changed.filter((file) => wanted(file.path) || wanted(file.previousPath));
  const directories = new Set(
    relevant.flatMap((file) =>
      [file.path, file.previousPath].filter((p): p is string => p !== undefined).map(directoryOf),
    ),
  );
  let headFiles: InputFile[] = [];
  let baseFiles: InputFile[] = [];
  if (directories.size > 0) {
    const [headTree, baseTree] = await loadTrees();
    // A blob with the same SHA on both sides is the same bytes: the base side takes the head's copy instead
    // of reading it again (the context files of touched folders, usually most of what is read).
    const shared = sameBlobs(headTree, baseTree);
    const { maxFileBytes: maxBytes } = options.config;
    let changedAtBase: InputFile[];
    [headFiles, changedAtBase] = await Promise.all([
      loadSide(port, headRepo, pr.headSha, headTree, directories, includes, options.readHead, undefined, maxBytes),
      loadSide(port, baseRepo, pr.baseSha, baseTree, directories, includes, undefined, shared, maxBytes),
    ]);
    baseFiles = [...changedAtBase, ...headFiles.filter((file) => shared.has(file.path))].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    );
  }
  const targetsOf = (files: InputFile[]) =>
    files.map((file) => file.path).filter((path) => formatFor(path) !== undefined && includes(path));
  const extra = options.extraFiles ?? [];
  headFiles = [...headFiles, ...extra];
  const report = await analyzeWithinBudget(
    { files: headFiles, targets: targetsOf(headFiles), base: { files: baseFiles, targets: targetsOf(baseFiles) } },
    options,
    notes,
  );

  const findings: SummaryFinding[] = findingStatuses(report);
  const gating: Finding[] = [];
  const inlineCandidates: InlineCandidate[] = [];
  for (const entry of findings) {
    if (entry.status !== 'new') continue;
    const standing = standingInDiff(entry.finding, diffs, changedPaths, options.filterMode);
    // A changed file we could not analyze is in scope whatever its lines: the gate fails closed.
    const notAnalyzed = entry.finding.ruleId === 'not-analyzed' && changedPaths.has(entry.finding.range.file);
    if ((gatesInReview(standing) || notAnalyzed) && gates(entry.finding, options.failOn)) gating.push(entry.finding);
    if (options.reviewComments && standing.commentAt !== undefined && entry.finding.suppressed === undefined) {
      inlineCandidates.push({ entry, at: standing.commentAt });
    } else {
      entry.placement = standing.onAddedLine ? 'outside-diff' : 'no-added-line';
    }
  }

  const outcome: ReviewOutcome = {
    report,
    findings,
    gating,
    conclusion: gating.length > 0 ? 'failure' : 'success',
    summary: '',
    posted: { inline: 0, deleted: 0, summary: 'skipped' },
    notes,
  };
  if (options.expectedHeadSha !== undefined) {
    const current = pr.headSha === options.expectedHeadSha ? await port.getPullRequest(ref) : pr;
    if (current.headSha !== options.expectedHeadSha) {
      outcome.superseded = current.headSha;
      outcome.summary = renderSummary({ report, findings, notes, tag: options.tag, today: options.config.today });
      return outcome;
    }
  }
  try {
    await postReview(port, ref, pr.headSha, inlineCandidates, diffs, options, outcome);
  } catch (error) {
    if (!isPermissionError(error)) throw error;
    outcome.degraded = degradedNote(error);
    for (const { entry } of inlineCandidates) if (entry.placement === undefined) entry.placement = 'outside-diff';
  }
  const summaryInput = { report, findings, notes, tag: options.tag, today: options.config.today };
  outcome.summary = renderSummary(
    options.fullReportUrl === undefined ? summaryInput : { ...summaryInput, fullReportUrl: options.fullReportUrl },
  );
  if (outcome.degraded === undefined) {
    try {
      outcome.posted.summary = await postSummary(
        port,
        ref,
        outcome.summary,
        report.clusters.length + report.updates.length + report.findings.length > 0,
        options,
      );
    } catch (error) {
      if (!isPermissionError(error)) throw error;
      outcome.degraded = degradedNote(error);
      outcome.posted.summary = 'failed';
    }
  }
  return outcome;
}

/**
 * The analysis within the run's time budget. A budget spent before the analysis starts, or during it,
 * leaves the head's files unanalyzed: each is a `not-analyzed` finding (an error when it mentions an AKS
 * resource, so the gate fails closed) and the summary says why. An analysis cut short keeps running in its
 * worker until it ends; its result is dropped.
 */
async function analyzeWithinBudget(input: AnalyzeInput, options: ReviewOptions, notes: string[]): Promise<Report> {
  const run = options.analyze ?? ((input: AnalyzeInput, config: AnalyzeConfig) => analyze(input, config));
  if (options.deadline === undefined) return run(input, options.config);
  const now = options.now ?? Date.now;
  const left = options.deadline - now();
  if (left > 0) {
    let timer: NodeJS.Timeout | undefined;
    const spent = new Promise<'spent'>((resolve) => {
      timer = setTimeout(() => resolve('spent'), left);
      timer.unref();
    });
    try {
      const result = await Promise.race([run(input, options.config), spent]);
      if (result !== 'spent') return result;
    } finally {
      clearTimeout(timer);
    }
  }
  const targets = new Set(input.targets);
  const reason = 'the time budget of this run was spent before it was analyzed';
  const skipped = input.files.map((file) =>
    targets.has(file.path) ? { path: file.path, unreadable: reason, sample: sampleOf(file) } : file,
  );
  notes.push(
    `The time budget of this run was spent before the analysis finished: ${plural(targets.size, 'file')} ${targets.size === 1 ? 'was' : 'were'} not analyzed (listed as \`not-analyzed\`). Re-run the check, or raise the budget.`,
  );
  // Nothing is parsed now, so this is quick; without the base every unanalyzed file is new (what gates is
  // still only a changed one: see `notAnalyzed` in reviewPullRequest).
  return analyze({ files: skipped, targets: input.targets }, options.config);
}

function sampleOf(file: InputFile): string | Uint8Array | undefined {
  if (file.content !== undefined) return file.content.slice(0, 8_000);
  return 'sample' in file ? file.sample : undefined;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function degradedNote(error: unknown): string {
  const status = error instanceof GitHubError ? ` (HTTP ${error.status})` : '';
  return `This token can't write to the pull request${status}, as on pull requests from forks: findings are reported as annotations and in the job summary instead.`;
}

function splitRepo(fullName: string): RepoRef {
  const [owner = '', repo = ''] = fullName.split('/');
  return { owner, repo };
}

/** The relevant files of the touched directories at one commit, read in batches. */
async function loadSide(
  port: GitHubPort,
  repo: RepoRef,
  sha: string,
  tree: readonly TreeEntry[],
  directories: ReadonlySet<string>,
  includes: (path: string) => boolean,
  readHead?: (paths: readonly string[]) => Promise<Map<string, FileContent>>,
  skip: ReadonlySet<string> = new Set(),
  maxBytes?: number,
): Promise<InputFile[]> {
  const paths = tree
    .map((entry) => entry.path)
    .filter((path) => !skip.has(path) && directories.has(directoryOf(path)) && isRelevant(path) && includes(path));
  const contents =
    readHead === undefined ? await port.readFiles(repo, sha, paths, { maxBytes }) : await readHead(paths);
  return paths.flatMap((path) => toInputFile(path, contents.get(path), readHead === undefined));
}

/**
 * What was read becomes an input file; nothing the tree lists is dropped silently. A file the API did not
 * return is unreadable (a `not-analyzed` finding); one the checkout does not have (a symbolic link, which
 * the workspace reader never follows) is not part of the change.
 */
function toInputFile(path: string, content: FileContent | undefined, fromApi: boolean): InputFile[] {
  if (content === null || content === undefined)
    return fromApi ? [{ path, unreadable: 'GitHub returned no content for a file the commit lists' }] : [];
  if (typeof content === 'string' || content instanceof Uint8Array) return [{ path, content }];
  return [{ path, size: content.size, sample: content.sample }];
}

/** Paths whose blob is the same at head and base. */
function sameBlobs(head: readonly TreeEntry[], base: readonly TreeEntry[]): Set<string> {
  const headBlobs = new Map(head.map((entry) => [entry.path, entry.sha]));
  return new Set(base.filter((entry) => headBlobs.get(entry.path) === entry.sha).map((entry) => entry.path));
}

/** Files that differ between the trees but were not in GitHub's (capped) listing. */
function changedBeyondListing(
  head: readonly TreeEntry[],
  base: readonly TreeEntry[],
  listed: ReadonlySet<string>,
  wanted: (path: string) => boolean,
): ChangedFile[] {
  const before = new Map(base.map((entry) => [entry.path, entry.sha]));
  const after = new Set(head.map((entry) => entry.path));
  const extra: ChangedFile[] = [];
  for (const entry of head) {
    if (listed.has(entry.path) || !wanted(entry.path)) continue;
    const previous = before.get(entry.path);
    if (previous === undefined) extra.push({ path: entry.path, status: 'added' });
    else if (previous !== entry.sha) extra.push({ path: entry.path, status: 'modified' });
  }
  for (const entry of base) {
    if (!after.has(entry.path) && !listed.has(entry.path) && wanted(entry.path))
      extra.push({ path: entry.path, status: 'removed' });
  }
  return extra;
}

/** Posts the new inline comments in one review and deletes our comments whose finding is gone. */
async function postReview(
  port: GitHubPort,
  ref: PullRef,
  headSha: string,
  candidates: InlineCandidate[],
  diffs: ReadonlyMap<string, FileDiff>,
  options: ReviewOptions,
  outcome: ReviewOutcome,
): Promise<void> {
  if (!options.reviewComments) return;
  const all = await port.listReviewComments(ref);
  const ours = all.filter((comment) => isOurs(comment, options.botLogin));
  const posted = new Map<string, ExistingComment>();
  for (const comment of ours) {
    const fingerprint = fingerprintOf(comment.body);
    if (fingerprint !== undefined) posted.set(fingerprint, comment);
  }
  const wanted = new Set(candidates.map(({ entry }) => entry.finding.fingerprint));
  const toPost: { entry: SummaryFinding; comment: InlineComment }[] = [];
  const limit = options.maxInlineComments ?? MAX_INLINE_COMMENTS;
  const ordered = [...candidates].sort(
    (a, b) => severityRank(b.entry.finding.severity) - severityRank(a.entry.finding.severity),
  );
  for (const { entry, at } of ordered) {
    if (posted.has(entry.finding.fingerprint)) {
      entry.placement = 'inline';
      continue;
    }
    if (toPost.length >= limit) {
      entry.placement = 'over-limit';
      continue;
    }
    toPost.push({ entry, comment: inlineComment(entry.finding, at, diffs) });
  }
  if (toPost.length > 0) {
    const rejected = await createReviewBisecting(port, ref, headSha, toPost);
    for (const item of toPost) item.entry.placement = rejected.has(item) ? 'rejected' : 'inline';
    outcome.posted.inline = toPost.length - rejected.size;
  }
  for (const [fingerprint, comment] of posted) {
    if (wanted.has(fingerprint)) continue;
    if (all.some((other) => other.inReplyToId === comment.id)) continue; // someone replied: keep the thread
    await port.deleteReviewComment(ref, comment.id);
    outcome.posted.deleted++;
  }
}

/**
 * Where a new finding stands against the diff, over all the locations that decide it (its own line and
 * its `related` lines: a tfvars line, a variable default, a parameters file, a module argument, …).
 */
export interface DiffStanding {
  /** Some deciding location is in the filter's scope. */
  inScope: boolean;
  /** Some deciding location is on a line the change adds. */
  onAddedLine: boolean;
  /** The deciding location the inline comment goes on: in scope and inside a hunk, an added line first. */
  commentAt?: CommentAt;
}

interface InlineCandidate {
  entry: SummaryFinding;
  at: CommentAt;
}

/** An inline comment's place: the finding's own range, or a related location that decided it. */
export interface CommentAt {
  range: SourceRange;
  line: number;
  /** Set when the comment is on a related location rather than the finding's own line. */
  related?: RelatedLocation;
}

export function standingInDiff(
  finding: Finding,
  diffs: ReadonlyMap<string, FileDiff>,
  changedPaths: ReadonlySet<string>,
  filterMode: FilterMode,
): DiffStanding {
  const locations: { range: SourceRange; related?: RelatedLocation }[] = [
    { range: finding.range },
    ...(finding.related ?? []).map((related) => ({ range: related.range, related })),
  ];
  const standing: DiffStanding = { inScope: false, onAddedLine: false };
  let fallback: CommentAt | undefined;
  for (const location of locations) {
    const { file, startLine, endLine } = location.range;
    const diff = diffs.get(file);
    // A changed file without a patch (binary, huge, or beyond GitHub's listing) is in the change, not in the diff.
    const position = diff === undefined && changedPaths.has(file) ? 'file' : positionOf(diff, startLine, endLine);
    if (position === 'added') standing.onAddedLine = true;
    if (!inFilter(filterMode, position)) continue;
    standing.inScope = true;
    const line = commentLine(diff, startLine, endLine);
    if (line === undefined) continue;
    const at: CommentAt = location.related === undefined ? { range: location.range, line } : { ...location, line };
    if (position === 'added') {
      standing.commentAt ??= at;
    } else {
      fallback ??= at;
    }
  }
  if (standing.commentAt === undefined && fallback !== undefined) standing.commentAt = fallback;
  return standing;
}

/**
 * Whether a new finding counts against the change: when a line that decides it is in the filter's scope,
 * and also when none of them is on an added line — the change then introduced it by deleting or moving
 * something (a deleted line, a removed file), which the base/head comparison proves.
 */
export function gatesInReview(standing: DiffStanding): boolean {
  return standing.inScope || !standing.onAddedLine;
}

function inlineComment(finding: Finding, at: CommentAt, diffs: ReadonlyMap<string, FileDiff>): InlineComment {
  const diff = diffs.get(at.range.file);
  const suggestion = finding.suggestion;
  // A suggestion replaces exactly the commented lines, so it is only offered on the finding's own line
  // (never on a tfvars line or a parameter default that decided it) and when they are its lines.
  const fits =
    suggestion !== undefined &&
    at.related === undefined &&
    diff !== undefined &&
    suggestion.range.file === finding.range.file &&
    sameHunk(diff, suggestion.range.startLine, suggestion.range.endLine);
  const comment: InlineComment = {
    path: at.range.file,
    line: at.line,
    body: renderInlineComment(finding, {
      suggestion: fits,
      ...(at.related === undefined ? {} : { decides: at.related }),
    }),
  };
  if (fits && suggestion !== undefined) {
    comment.line = suggestion.range.endLine;
    if (suggestion.range.startLine < suggestion.range.endLine) comment.startLine = suggestion.range.startLine;
  }
  return comment;
}

/**
 * A review is all or nothing and GitHub's 422 doesn't say which comment it refused. Split the batch in
 * halves until the refused comments are isolated; they go to the summary, the rest are posted.
 */
async function createReviewBisecting<T extends { comment: InlineComment }>(
  port: GitHubPort,
  ref: PullRef,
  headSha: string,
  items: T[],
): Promise<Set<T>> {
  const rejected = new Set<T>();
  const attempt = async (batch: T[]): Promise<void> => {
    if (batch.length === 0) return;
    try {
      await port.createReview(ref, {
        commitId: headSha,
        body: `aks-netguide found ${batch.length} issue${batch.length === 1 ? '' : 's'} on changed lines; the summary comment has the details.`,
        comments: batch.map((item) => item.comment),
      });
    } catch (error) {
      if (!(error instanceof GitHubError) || error.status !== 422) throw error;
      if (batch.length === 1) {
        for (const item of batch) rejected.add(item);
        return;
      }
      const middle = Math.ceil(batch.length / 2);
      await attempt(batch.slice(0, middle));
      await attempt(batch.slice(middle));
    }
  };
  await attempt(items);
  return rejected;
}

/** Our own inline comment: by our identity, ending with a fingerprint marker line. */
function isOurs(comment: ExistingComment, botLogin: string): boolean {
  return comment.authorLogin === botLogin && fingerprintOf(comment.body) !== undefined;
}

/** The sticky summary comment, in one of Infracost's modes; no edit when nothing changed. */
async function postSummary(
  port: GitHubPort,
  ref: PullRef,
  body: string,
  hasClusters: boolean,
  options: ReviewOptions,
): Promise<ReviewOutcome['posted']['summary']> {
  if (options.commentMode === 'off') return 'off';
  if (body.length > COMMENT_BODY_LIMIT)
    throw new Error(`the summary is ${body.length} characters, over GitHub's limit`);
  const marker = summaryMarker(options.tag);
  const existing = (await port.listIssueComments(ref)).filter(
    (comment) => comment.authorLogin === options.botLogin && endsWithMarker(comment.body, marker),
  );
  // A PR that never touched AKS gets no comment; one whose AKS files went away gets its comment updated.
  if (!hasClusters && existing.length === 0) return 'skipped';
  switch (options.commentMode) {
    case 'update': {
      const [first] = existing;
      if (first === undefined) {
        await port.createIssueComment(ref, body);
        return 'created';
      }
      if (first.body === body) return 'unchanged';
      await port.updateIssueComment(ref, first.id, body);
      return 'updated';
    }
    case 'new':
      await port.createIssueComment(ref, body);
      return 'created';
    case 'hide-and-new':
      for (const comment of existing) if (comment.minimized !== true) await port.minimizeComment(comment.nodeId);
      await port.createIssueComment(ref, body);
      return 'created';
    case 'delete-and-new':
      for (const comment of existing) await port.deleteIssueComment(ref, comment.id);
      await port.createIssueComment(ref, body);
      return 'created';
  }
}
