import type { ConfigResult, LoadedConfig } from '../engine/config-file.js';
import type { GitHubPort, PullRef } from '../github/port.js';
import { reviewPullRequest } from '../github/review.js';
import type { ReviewOptions } from '../github/review.js';
import { CHECK_NAME, checkResultOf, concludeCheck, configErrorResult, errorResult, supersededResult } from './check.js';
import type { CheckResult } from './check.js';
import type { Scheduled } from './scheduler.js';

export interface PullCheckOptions {
  /** `<app slug>[bot]`: only our own comments are updated or deleted. */
  botLogin: () => Promise<string>;
  /** `.github/netguide.yml` from the default branch, validated. */
  loadConfig: () => Promise<ConfigResult>;
  /**
   * Queues the analysis (the app's scheduler: after the runs before it on the same pull request, fairly
   * across installations); a newer head of the same PR may replace it before it starts. Default: at once.
   */
  schedule?: <T>(task: () => Promise<T>) => Promise<Scheduled<T>>;
  /** The analysis step (the app's worker pool); default: the engine in this thread. */
  analyze?: ReviewOptions['analyze'];
  /** The run's time budget in milliseconds, counted from when it starts (not while it is queued). */
  budgetMs?: number;
  now?: () => number;
}

export interface PullCheckResult extends CheckResult {
  checkRunId: number;
}

/**
 * One check run on a pull request's head: created in progress at once, then the shared review (inline
 * comments, sticky summary), then concluded. It always concludes: no AKS file → success, an invalid
 * configuration or an error → failure with the reason, a head that moved on → neutral "superseded".
 */
export async function runPullCheck(
  port: GitHubPort,
  ref: PullRef,
  headSha: string,
  options: PullCheckOptions,
): Promise<PullCheckResult> {
  const checkRunId = await port.createCheckRun(ref, { name: CHECK_NAME, headSha });
  const schedule =
    options.schedule ?? (<T>(task: () => Promise<T>) => task().then((value): Scheduled<T> => ({ ran: true, value })));
  const conclude = async (computed: CheckResult): Promise<PullCheckResult> => {
    let result = computed;
    try {
      await concludeCheck(port, ref, checkRunId, result);
    } catch (error) {
      // Annotations GitHub refuses (a path it can't find) must not leave the check in progress.
      result = errorResult(error);
      await concludeCheck(port, ref, checkRunId, result);
    }
    return { ...result, checkRunId };
  };
  const scheduled = await schedule(async () => conclude(await analyze(port, ref, headSha, options)));
  // Replaced in the queue by a newer head before it started: concluded as superseded, never analyzed.
  return scheduled.ran ? scheduled.value : conclude(supersededResult(scheduled.supersededBy, 'queued'));
}

async function analyze(
  port: GitHubPort,
  ref: PullRef,
  headSha: string,
  options: PullCheckOptions,
): Promise<CheckResult> {
  try {
    const loaded = await options.loadConfig();
    if (!loaded.ok) return configErrorResult(loaded.errors);
    const botLogin = await options.botLogin();
    const now = options.now ?? Date.now;
    const outcome = await reviewPullRequest(port, ref, {
      ...reviewOptions(loaded.config, botLogin, headSha),
      ...(options.analyze === undefined ? {} : { analyze: options.analyze }),
      ...(options.budgetMs === undefined ? {} : { deadline: now() + options.budgetMs, now }),
    });
    return outcome.superseded === undefined ? checkResultOf(outcome) : supersededResult(outcome.superseded);
  } catch (error) {
    return errorResult(error);
  }
}

export function reviewOptions(config: LoadedConfig, botLogin: string, headSha: string): ReviewOptions {
  return {
    config: config.analyze,
    failOn: config.failOn ?? 'error',
    filterMode: config.review['filter-mode'] ?? 'added',
    commentMode: config.review['comment-mode'] ?? 'update',
    reviewComments: config.review['review-comments'] ?? true,
    tag: config.review['comment-tag'] ?? 'aks-netguide',
    botLogin,
    includes: (path) => config.includes(path),
    expectedHeadSha: headSha,
  };
}
