import type { Context, Probot } from 'probot';
import { ReplyLimiter, dispatchCommands } from '../github/commands/dispatch.js';
import { parseCommands } from '../github/commands/parse.js';
import { parseConfigObject } from '../engine/config-file.js';
import type { ConfigResult } from '../engine/config-file.js';
import { todayUtc } from '../engine/config.js';
import { DASHBOARD_LABEL, isDashboardBody } from '../github/dashboard.js';
import { octokitPort } from '../github/octokit.js';
import type { PullRef, RepoRef } from '../github/port.js';
import { CHECK_NAME } from './check.js';
import type { AnalyzeInput, Report } from '../engine/analyze.js';
import type { AnalyzeConfig } from '../engine/config.js';
import { DeliveryLog, KeyedQueue } from './memory.js';
import { resumeAt } from './rate-limit.js';
import { WorkScheduler } from './scheduler.js';
import { runDashboard, ticksOf } from './dashboard.js';
import { runPullCheck } from './pull-check.js';
import type { PullCheckResult } from './pull-check.js';

export const CONFIG_FILE = 'netguide.yml';

export interface AppOptions {
  /** The app's slug; `<slug>[bot]` is our login. Default: `APP_SLUG`, else `GET /app` once per process. */
  appSlug?: string;
  /** How many delivery ids are remembered to ignore redeliveries. */
  deliveryLimit?: number;
  /**
   * Where analyses run: the worker pool (off the event loop). Its size is how many runs go at once.
   * Default: the engine in this thread, one run at a time.
   */
  pool?: AnalysisRunner;
  /** A run's time budget in ms, from when it starts. Default: `NETGUIDE_RUN_BUDGET_MS`, else 5 minutes. */
  budgetMs?: number;
  /** The queue (default: one sized to the pool); exposed so the server can report it on `/healthz`. */
  scheduler?: WorkScheduler;
}

/** What the app needs of the analysis pool (src/worker/pool.ts). */
export interface AnalysisRunner {
  analyze(input: AnalyzeInput, config: AnalyzeConfig): Promise<Report>;
  readonly size: number;
}

/** GitHub waits 10 s for a webhook's answer; a run may take much longer, but not forever. */
export const DEFAULT_BUDGET_MS = 5 * 60_000;

const PULL_REQUEST_ACTIONS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;

/**
 * The GitHub App: a check run `aks-netguide` with the review on every pull request push, re-run on
 * request, and the `/netguide` slash commands in comments. Everything goes through the shared GitHub
 * layer (src/github), so a PR looks the same with the app or the Action.
 */
export function createApp(options: AppOptions = {}): (app: Probot) => void {
  return (app) => {
    const deliveries = new DeliveryLog(options.deliveryLimit);
    const scheduler = options.scheduler ?? new WorkScheduler({ concurrency: options.pool?.size ?? 1 });
    const limiter = new ReplyLimiter();
    /** Dashboard updates, one at a time per repository. */
    const dashboards = new KeyedQueue();
    const botLogin = botLoginOf(app, options.appSlug ?? process.env.APP_SLUG);
    const budgetMs = options.budgetMs ?? budgetFromEnv(process.env.NETGUIDE_RUN_BUDGET_MS);
    const pool = options.pool;

    /**
     * The check on one PR head: created at once, the analysis queued per installation (a newer head of the
     * same PR replaces it while queued), GitHub's rate-limit answers pausing that installation only.
     */
    const checkPull = (context: Context, ref: PullRef, headSha: string): Promise<PullCheckResult> => {
      const installation = installationOf(context);
      watchRateLimits(context, installation, scheduler);
      return runPullCheck(octokitPort(context.octokit), ref, headSha, {
        botLogin,
        loadConfig: () => loadConfig(context),
        schedule: (task) => scheduler.schedule(installation, `${ref.owner}/${ref.repo}#${ref.number}`, headSha, task),
        ...(pool === undefined ? {} : { analyze: (input, config) => pool.analyze(input, config) }),
        budgetMs,
      });
    };

    /**
     * Webhooks are answered as soon as the work is queued: the handler runs in the background, its errors
     * logged (GitHub gives up on a delivery after 10 s, and a redelivery would only queue the work again).
     */
    const background = (context: Context, work: () => Promise<void>): void => {
      const running = work().catch((error: unknown) =>
        context.log.error(`delivery ${context.id} failed: ${error instanceof Error ? error.message : String(error)}`),
      );
      scheduler.track(running);
    };

    /** Ignores a redelivered webhook (same delivery id) within this process. */
    const fresh = (context: Context): boolean => {
      if (deliveries.firstTime(context.id)) return true;
      context.log.info(`delivery ${context.id} already handled; ignored`);
      return false;
    };

    app.on([...PULL_REQUEST_ACTIONS], async (context) => {
      if (!fresh(context)) return;
      const pull = context.payload.pull_request;
      const ref = { ...repoOf(context.payload.repository), number: pull.number };
      background(context, async () => {
        const result = await checkPull(context, ref, pull.head.sha);
        context.log.info(
          `${ref.owner}/${ref.repo}#${ref.number} ${pull.head.sha}: ${result.conclusion}, ${result.title}`,
        );
      });
    });

    app.on('check_run.rerequested', async (context) => {
      if (!fresh(context)) return;
      const run = context.payload.check_run;
      if (run.name !== CHECK_NAME) return;
      const numbers = run.pull_requests.map((pull) => pull.number);
      background(context, () => recheckCommit(context, run.head_sha, numbers));
    });

    app.on('check_suite.rerequested', async (context) => {
      if (!fresh(context)) return;
      const suite = context.payload.check_suite;
      const numbers = suite.pull_requests.map((pull) => pull.number);
      background(context, () => recheckCommit(context, suite.head_sha, numbers));
    });

    /**
     * Re-runs the check on a commit for its pull requests. Fork PRs come with an empty `pull_requests`
     * (the Checks API only sees pushes to this repository), so the commit is looked up.
     */
    async function recheckCommit(context: Context, sha: string, numbers: number[]): Promise<void> {
      const repo = repoOf((context.payload as { repository: RawRepo }).repository);
      const port = octokitPort(context.octokit);
      const targets =
        numbers.length > 0
          ? numbers
          : (await port.listPullRequestsForCommit(repo, sha))
              .filter((pull) => pull.state === 'open' && pull.headSha === sha)
              .map((pull) => pull.number);
      if (targets.length === 0) context.log.info(`no open pull request has ${sha} as its head; nothing to re-run`);
      for (const number of targets) await checkPull(context, { ...repo, number }, sha);
    }

    /** The repository's dashboard issue, after a scan at `ref` (one update at a time per repository). */
    const updateDashboard = async (
      context: Context,
      repository: RawRepo & { html_url?: string },
      ref: string,
      ticked?: ReturnType<typeof ticksOf>,
    ): Promise<void> => {
      const repo = repoOf(repository);
      const result = await runDashboard(
        octokitPort(context.octokit),
        { ...repo, ref },
        {
          loadConfig: () => loadConfig(context),
          serverUrl: serverUrlOf(repository),
          serialize: (task) => dashboards.run(`${repo.owner}/${repo.repo}#dashboard`, task),
          ...(ticked === undefined ? {} : { ticked }),
        },
      );
      context.log.info(
        `${repo.owner}/${repo.repo} dashboard at ${ref}: ${result.action}${'reason' in result && result.reason !== undefined ? ` (${result.reason})` : ''}`,
      );
    };

    /** A push to the default branch: scan that commit, update the dashboard. */
    app.on('push', async (context) => {
      if (!fresh(context)) return;
      const { repository, ref, after, deleted } = context.payload;
      if (deleted || ref !== `refs/heads/${repository.default_branch}`) return;
      const owner = repository.owner?.login ?? repository.owner?.name ?? '';
      background(context, () =>
        updateDashboard(
          context,
          { name: repository.name, owner: { login: owner }, html_url: repository.html_url },
          after,
        ),
      );
    });

    /**
     * A person ticked a box in our dashboard: snoozes are stored, "re-scan now" scans the default branch;
     * the body is rendered again (boxes unticked). Edits by a bot (ours included) are ignored: no loops.
     */
    app.on('issues.edited', async (context) => {
      if (!fresh(context)) return;
      const { issue, repository, sender } = context.payload;
      if (sender.type === 'Bot' || sender.login === (await botLogin())) return;
      const labels = (issue.labels ?? []).map((label) => (typeof label === 'string' ? label : label.name));
      if (!labels.includes(DASHBOARD_LABEL) || !isDashboardBody(issue.body ?? '', 'repository')) return;
      const ticked = ticksOf(issue.body ?? '');
      if (ticked === undefined) return;
      background(context, () => updateDashboard(context, repository, repository.default_branch, ticked));
    });

    app.on(['issue_comment.created', 'issue_comment.edited'], async (context) => {
      if (!fresh(context)) return;
      if (parseCommands(context.payload.comment.body).length === 0) return;
      background(context, () => answerComment(context));
    });

    async function answerComment(context: Context<'issue_comment.created' | 'issue_comment.edited'>): Promise<void> {
      const { comment, issue, repository } = context.payload;
      const repo = repoOf(repository);
      const ref = { ...repo, number: issue.number };
      const port = octokitPort(context.octokit);
      const isPullRequest = issue.pull_request !== undefined && issue.pull_request !== null;
      const author = { login: comment.user?.login ?? '', type: comment.user?.type ?? 'User' };
      const allowEdited =
        context.payload.action === 'edited' && author.type !== 'Bot' ? await allowsEdited(context) : false;
      const recheck = async (): Promise<string> => {
        const pull = await port.getPullRequest(ref);
        const result = await checkPull(context, ref, pull.headSha);
        return `Checked ${pull.headSha.slice(0, 7)} again: **${result.title}** (${result.conclusion}).`;
      };
      const result = await dispatchCommands(
        port,
        {
          repo,
          issueNumber: issue.number,
          isPullRequest,
          commentId: comment.id,
          body: comment.body,
          author,
          action: context.payload.action,
        },
        {
          botLogin: await botLogin(),
          allowEdited,
          limiter,
          log: (message) => context.log.error(message),
          ...(isPullRequest ? { recheck } : {}),
        },
      );
      context.log.info(
        `comment ${comment.id}: ${result.answered} commands answered${result.ignored ? ` (${result.ignored})` : ''}`,
      );
    }
  };
}

function installationOf(context: Context): number {
  return (context.payload as { installation?: { id?: number } }).installation?.id ?? 0;
}

/**
 * Reads GitHub's rate-limit headers on every answer to this installation's token: when its budget is
 * nearly spent, or GitHub answers with a (secondary) rate limit, new runs of this installation wait for the
 * time GitHub names; other installations go on.
 */
function watchRateLimits(context: Context, installation: number, scheduler: WorkScheduler): void {
  const octokit = context.octokit as Context['octokit'] & { netguideWatched?: true };
  if (octokit.netguideWatched === true) return;
  octokit.netguideWatched = true;
  octokit.hook.after('request', (response) => {
    const until = resumeAt(response.status, response.headers as Record<string, string>, Date.now());
    if (until !== undefined) scheduler.pause(installation, until);
  });
  octokit.hook.error('request', (error) => {
    const failed = error as { status?: number; message?: string; response?: { headers?: Record<string, string> } };
    const until = resumeAt(failed.status ?? 0, failed.response?.headers ?? {}, Date.now(), failed.message);
    if (until !== undefined) {
      scheduler.pause(installation, until);
      context.log.warn(
        `installation ${installation} rate-limited by GitHub; its new runs wait until ${new Date(until).toISOString()}`,
      );
    }
    throw error;
  });
}

function budgetFromEnv(value: string | undefined): number {
  const parsed = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(parsed) && parsed > 0 ? parsed : DEFAULT_BUDGET_MS;
}

export default createApp();

interface RawRepo {
  name: string;
  owner: { login: string };
}

function repoOf(repository: RawRepo): RepoRef {
  return { owner: repository.owner.login, repo: repository.name };
}

/** The web server of a repository's `html_url` (`https://github.com` or a GHES host). */
function serverUrlOf(repository: { html_url?: string; owner: { login: string } }): string {
  const url = repository.html_url;
  if (url === undefined) return 'https://github.com';
  try {
    return new URL(url).origin;
  } catch {
    return 'https://github.com';
  }
}

/**
 * `.github/netguide.yml` through Probot's config plugin: the default branch, `_extends`, and the
 * organisation's `.github` repository. A PR can't change its own gate, since its branch is not read.
 */
async function loadConfig(context: Context): Promise<ConfigResult> {
  try {
    const value = await context.config<Record<string, unknown>>(CONFIG_FILE);
    return parseConfigObject(value ?? {}, todayUtc());
  } catch (error) {
    return { ok: false, errors: [error instanceof Error ? error.message : String(error)] };
  }
}

async function allowsEdited(context: Context): Promise<boolean> {
  const loaded = await loadConfig(context);
  return loaded.ok && loaded.config.commands['allow-edited'] === true;
}

/** `<slug>[bot]`, from the option or `GET /app` (asked once per process; a failure is asked again). */
function botLoginOf(app: Probot, slug: string | undefined): () => Promise<string> {
  if (slug !== undefined && slug !== '') return () => Promise.resolve(`${slug}[bot]`);
  let cached: Promise<string> | undefined;
  return () => {
    cached ??= app
      .auth()
      .then((octokit) => octokit.request('GET /app'))
      .then(({ data }) => `${data?.slug ?? ''}[bot]`)
      .catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
    return cached;
  };
}
