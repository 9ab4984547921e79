import { execFile } from 'node:child_process';
import { mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import * as core from '@actions/core';
import { context } from '@actions/github';
import picomatch from 'picomatch';
import { analyze, formatFor, isRelevant } from '../engine/analyze.js';
import type { Report } from '../engine/analyze.js';
import { parseConfig } from '../engine/config-file.js';
import type { LoadedConfig } from '../engine/config-file.js';
import { todayUtc } from '../engine/config.js';
import { gatingFindings } from '../engine/gate.js';
import type { InputFile } from '../engine/files.js';
import type { Finding } from '../model/index.js';
import { collect } from '../fs/walk.js';
import { createActionOctokit } from './client.js';
import { updateRepositoryDashboard } from '../github/dashboard.js';
import { octokitPort } from '../github/octokit.js';
import type { FileContent } from '../github/port.js';
import { reviewPullRequest } from '../github/review.js';
import { toJsonReport } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderSarif } from '../render/sarif.js';
import { comparisonTable } from '../render/guidance.js';
import { ReplyLimiter, dispatchCommands } from '../github/commands/dispatch.js';
import { annotate } from './annotations.js';
import { InputError, readInputs } from './inputs.js';
import type { ActionInputs } from './inputs.js';

/** The job summary upload aborts above 1 MiB (prior-art §3.4). */
const JOB_SUMMARY_LIMIT = 1_000_000;
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/**
 * The Action: on a pull request, the review (inline comments, sticky summary) through the shared GitHub
 * layer; on other events, a scan of the checked-out repository. Both end with annotations, the job
 * summary, outputs, an optional SARIF file, and the exit status from `fail-on`: the required check.
 */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const isPull = PULL_REQUEST_EVENTS.has(context.eventName) && context.payload.pull_request !== undefined;
    // On a pull request the gate's configuration comes from the base commit, never from the PR itself
    // (`pull_request` checks out the merge commit, where a PR could switch a rule off to pass).
    const loaded = isPull
      ? await loadBaseConfig(inputs)
      : { text: await readWorkspaceConfig(workspace, inputs.configPath), changed: false };
    const config = checkConfig(loaded.text, inputs.configPath);
    if (config === undefined) return;
    const pathFilter = inputs.paths.length === 0 ? () => true : picomatch(inputs.paths, { dot: true });
    const includes = (file: string) => config.includes(file) && pathFilter(file);
    const failOn = core.getInput('fail-on') === '' && config.failOn !== undefined ? config.failOn : inputs.failOn;
    const extra = await readPlanFiles(workspace, inputs.planJson);
    if (isPull) {
      const notes = loaded.changed
        ? [
            `This pull request changes ${inputs.configPath}: the review uses the base branch's configuration, and the change applies once it is merged.`,
          ]
        : [];
      await reviewEvent(inputs, config, includes, failOn, workspace, extra, notes);
    } else if (context.eventName === 'issue_comment') {
      await commentEvent(inputs, config, includes, failOn);
    } else {
      await scanEvent(inputs, config, includes, failOn, workspace, extra);
    }
  } catch (error) {
    if (error instanceof InputError) {
      core.setFailed(`aks-netguide: ${error.message}`);
      return;
    }
    core.setFailed(`aks-netguide failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

async function reviewEvent(
  inputs: ActionInputs,
  config: LoadedConfig,
  includes: (path: string) => boolean,
  failOn: ActionInputs['failOn'],
  workspace: string,
  extra: InputFile[],
  notes: string[],
): Promise<void> {
  const pull = context.payload.pull_request as { number: number; head: { sha: string } };
  const octokit = createActionOctokit(inputs.token, {
    timeoutMs: inputs.apiTimeoutSeconds * 1000,
    retries: 3,
    log: (message) => core.info(message),
    debug: (message) => core.debug(message),
  });
  // The checkout is only the head when it is exactly the head commit (not pull_request's merge commit,
  // never pull_request_target's base): otherwise contents come from the API.
  const readHead =
    context.eventName === 'pull_request' && (await checkedOutCommit(workspace)) === pull.head.sha
      ? workspaceReader(workspace)
      : undefined;
  const outcome = await reviewPullRequest(
    octokitPort(octokit),
    { ...context.repo, number: pull.number },
    {
      config: config.analyze,
      failOn,
      filterMode: inputs.filterMode,
      commentMode: inputs.commentMode,
      reviewComments: inputs.reviewComments,
      tag: inputs.commentTag,
      botLogin: 'github-actions[bot]',
      includes,
      ...(readHead === undefined ? {} : { readHead }),
      ...(extra.length === 0 ? {} : { extraFiles: extra }),
      fullReportUrl: `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`,
      notes,
    },
  );
  if (outcome.degraded !== undefined) core.warning(outcome.degraded);
  core.info(
    `aks-netguide: ${outcome.report.clusters.length} clusters; inline comments posted ${outcome.posted.inline}, deleted ${outcome.posted.deleted}; summary ${outcome.posted.summary}.`,
  );
  const fresh = outcome.findings.filter((entry) => entry.status === 'new').map((entry) => entry.finding);
  annotate(fresh.filter((finding) => finding.suppressed === undefined));
  await finish(
    inputs,
    outcome.report,
    `${outcome.summary}\n\n${renderMarkdown(outcome.report)}`,
    outcome.gating,
    failOn,
  );
}

/**
 * `/netguide` slash commands in issue and pull request comments (the same dispatcher as the App's). A
 * `recheck` reviews the pull request again with this workflow's settings.
 */
async function commentEvent(
  inputs: ActionInputs,
  config: LoadedConfig,
  includes: (path: string) => boolean,
  failOn: ActionInputs['failOn'],
): Promise<void> {
  const payload = context.payload as {
    action?: string;
    issue?: { number: number; pull_request?: unknown };
    comment?: { id: number; body?: string; user?: { login: string; type: string } };
  };
  if (payload.issue === undefined || payload.comment === undefined) return;
  const octokit = createActionOctokit(inputs.token, {
    timeoutMs: inputs.apiTimeoutSeconds * 1000,
    retries: 3,
    log: (message) => core.info(message),
    debug: (message) => core.debug(message),
  });
  const port = octokitPort(octokit);
  const number = payload.issue.number;
  const isPullRequest = payload.issue.pull_request !== undefined;
  const recheck = async (): Promise<string> => {
    const outcome = await reviewPullRequest(
      port,
      { ...context.repo, number },
      {
        config: config.analyze,
        failOn,
        filterMode: inputs.filterMode,
        commentMode: inputs.commentMode,
        reviewComments: inputs.reviewComments,
        tag: inputs.commentTag,
        botLogin: 'github-actions[bot]',
        includes,
      },
    );
    const fresh = outcome.findings.filter((entry) => entry.status === 'new').length;
    return `Reviewed again: ${fresh} new finding${fresh === 1 ? '' : 's'}; the summary comment is up to date.`;
  };
  const result = await dispatchCommands(
    port,
    {
      repo: context.repo,
      issueNumber: number,
      isPullRequest,
      commentId: payload.comment.id,
      body: payload.comment.body ?? '',
      author: { login: payload.comment.user?.login ?? '', type: payload.comment.user?.type ?? 'User' },
      action: payload.action === 'edited' ? 'edited' : payload.action === 'deleted' ? 'deleted' : 'created',
    },
    {
      botLogin: 'github-actions[bot]',
      allowEdited: config.commands['allow-edited'] === true,
      log: (message) => core.error(message),
      // Each run starts afresh: the user's replies of the last minute are read back from the comments.
      limiter: new ReplyLimiter(),
      countRecentReplies: true,
      ...(isPullRequest ? { recheck } : {}),
    },
  );
  core.info(
    result.ignored === undefined
      ? `aks-netguide: answered ${result.answered} command(s).`
      : `aks-netguide: comment ignored (${result.ignored}).`,
  );
}

async function scanEvent(
  inputs: ActionInputs,
  config: LoadedConfig,
  includes: (path: string) => boolean,
  failOn: ActionInputs['failOn'],
  workspace: string,
  extra: InputFile[],
): Promise<void> {
  const collected = await collect(['.'], {
    cwd: workspace,
    maxFileBytes: config.analyze.maxFileBytes,
    isRelevant: (file) => isRelevant(file),
    isTarget: (file) => formatFor(file) !== undefined && includes(file),
  });
  const report = await analyze(
    { files: [...collected.files, ...extra], targets: [...collected.targets, ...extra.map((file) => file.path)] },
    config.analyze,
  );
  const active = report.findings.filter((finding) => finding.suppressed === undefined);
  annotate(active);
  const gating = gatingFindings(active, failOn);
  const models = [...new Set(report.clusters.map((c) => c.classification.model))];
  const summary = `${renderMarkdown(report)}\n<details><summary>How the AKS network models compare</summary>\n\n${comparisonTable(models, undefined, 'in use here')}\n\n</details>\n`;
  if (inputs.dashboard && dashboardEvent()) await keepDashboard(inputs, report, includes);
  await finish(inputs, report, summary, gating, failOn);
}

/** `push` to the default branch, or `schedule` (which runs on the default branch). */
function dashboardEvent(): boolean {
  if (context.eventName === 'schedule') return true;
  if (context.eventName !== 'push') return false;
  const defaultBranch = (context.payload.repository as { default_branch?: string } | undefined)?.default_branch;
  return defaultBranch !== undefined && context.ref === `refs/heads/${defaultBranch}`;
}

/**
 * The repository's dashboard issue from the workspace's report. A failure (a token without
 * `issues: write`) is a warning: the scan's verdict does not depend on the dashboard.
 */
async function keepDashboard(inputs: ActionInputs, report: Report, includes: (path: string) => boolean): Promise<void> {
  const octokit = createActionOctokit(inputs.token, {
    timeoutMs: inputs.apiTimeoutSeconds * 1000,
    retries: 3,
    log: (message) => core.info(message),
    debug: (message) => core.debug(message),
  });
  const ref =
    context.eventName === 'push'
      ? context.ref.replace(/^refs\/heads\//, '')
      : context.ref.replace(/^refs\/heads\//, '') || 'default branch';
  try {
    const outcome = await updateRepositoryDashboard(
      octokitPort(octokit),
      { ...context.repo, ref, sha: context.sha },
      { ...report, findings: report.findings.filter((finding) => includes(finding.range.file)) },
      { today: todayUtc(), serverUrl: context.serverUrl },
    );
    core.info(
      `aks-netguide dashboard: ${outcome.action}${'number' in outcome && outcome.number !== undefined ? ` #${outcome.number}` : ''}`,
    );
  } catch (error) {
    core.warning(
      `aks-netguide: the dashboard issue could not be kept (the token needs issues: write): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Outputs, the JSON report, the optional SARIF file, the job summary, and the verdict. */
async function finish(
  inputs: ActionInputs,
  report: Report,
  summary: string,
  gating: Finding[],
  failOn: string,
): Promise<void> {
  const active = report.findings.filter((finding) => finding.suppressed === undefined);
  const json = toJsonReport(report);
  const directory = process.env.RUNNER_TEMP ?? process.cwd();
  await mkdir(directory, { recursive: true });
  const reportPath = path.join(directory, 'aks-netguide-report.json');
  await writeFile(reportPath, `${JSON.stringify(json, null, 2)}\n`);
  core.setOutput('findings', active.length);
  core.setOutput('errors', active.filter((finding) => finding.severity === 'error').length);
  core.setOutput('warnings', active.filter((finding) => finding.severity === 'warning').length);
  core.setOutput('clusters', JSON.stringify(json.clusters));
  core.setOutput('report', reportPath);
  if (inputs.sarifFile !== '') {
    const sarifPath = path.resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), inputs.sarifFile);
    await writeFile(sarifPath, renderSarif(report));
    core.setOutput('sarif-file', sarifPath);
  }
  if (process.env.GITHUB_STEP_SUMMARY !== undefined) {
    const body =
      summary.length > JOB_SUMMARY_LIMIT
        ? `${summary.slice(0, JOB_SUMMARY_LIMIT)}\n\n_Cut at GitHub's job summary limit; the full report is ${reportPath}._\n`
        : summary;
    await core.summary.addRaw(body).write();
  }
  if (gating.length > 0) {
    core.setFailed(
      `aks-netguide: ${gating.length} finding${gating.length === 1 ? '' : 's'} at or above "${failOn}" (see the annotations and the job summary).`,
    );
  }
}

async function readWorkspaceConfig(workspace: string, configPath: string): Promise<string> {
  return readFile(path.resolve(workspace, configPath), 'utf8').catch(() => '');
}

/**
 * The configuration at the pull request's base commit, through the API, and whether the PR's head has a
 * different one (said in the summary: the PR's own version is not what gates it).
 */
async function loadBaseConfig(inputs: ActionInputs): Promise<{ text: string; changed: boolean }> {
  const pull = context.payload.pull_request as unknown as {
    base: { sha: string; repo?: { full_name?: string } };
    head: { sha: string; repo?: { full_name?: string } | null };
  };
  const port = octokitPort(
    createActionOctokit(inputs.token, {
      timeoutMs: inputs.apiTimeoutSeconds * 1000,
      retries: 3,
      log: (message) => core.info(message),
    }),
  );
  const file = inputs.configPath.replace(/^\.\//, '');
  const repoOf = (fullName: string | undefined) => {
    const [owner, repo] = (fullName ?? '').split('/');
    return owner === undefined || repo === undefined || owner === '' ? context.repo : { owner, repo };
  };
  const textAt = async (repo: { owner: string; repo: string }, sha: string): Promise<string> => {
    const content = (await port.readFiles(repo, sha, [file])).get(file);
    if (typeof content === 'string') return content;
    return content instanceof Uint8Array ? new TextDecoder().decode(content) : '';
  };
  const base = await textAt(repoOf(pull.base.repo?.full_name), pull.base.sha);
  const head = await textAt(repoOf(pull.head.repo?.full_name), pull.head.sha).catch(() => base);
  return { text: base, changed: head !== base };
}

function checkConfig(text: string, configPath: string): LoadedConfig | undefined {
  const result = parseConfig(text, todayUtc());
  if (result.ok) return result.config;
  core.setFailed(
    `aks-netguide: ${configPath} is not a valid configuration:\n${result.errors.map((error) => `  ${error}`).join('\n')}`,
  );
  return undefined;
}

/** `terraform show -json` outputs named in `plan-json`, analyzed with the rest. */
async function readPlanFiles(workspace: string, paths: readonly string[]): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const file of paths) {
    const absolute = path.resolve(workspace, file);
    const content = await readFile(absolute).catch(() => undefined);
    if (content === undefined) {
      core.warning(`plan-json: ${file} does not exist; it was not analyzed.`);
      continue;
    }
    files.push({
      path: path.relative(workspace, absolute).split(path.sep).join('/'),
      content: new Uint8Array(content),
    });
  }
  return files;
}

async function checkedOutCommit(workspace: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('git', ['-C', workspace, 'rev-parse', 'HEAD']);
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/**
 * Reads the head from the checkout. A symbolic link anywhere on a file's path is never followed (a PR's
 * `terraform.tfvars` -> `/home/runner/.credentials` must not be echoed into comments): the file is treated
 * as one the PR does not contain, as the API's tree listing treats links.
 */
export function workspaceReader(workspace: string) {
  return async (paths: readonly string[]): Promise<Map<string, FileContent>> => {
    const root = await realpath(workspace);
    const result = new Map<string, FileContent>();
    for (const file of paths) {
      const expected = path.join(root, ...file.split('/'));
      const actual = await realpath(expected).catch(() => undefined);
      if (actual !== expected) {
        result.set(file, null);
        continue;
      }
      const content = await readFile(expected).catch(() => null);
      result.set(file, content === null ? null : new Uint8Array(content));
    }
    return result;
  };
}
