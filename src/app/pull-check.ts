import type { ConfigResult, LoadedConfig } from '../engine/config-file.js';
import type { GitHubPort, PullRef } from '../github/port.js';
import { reviewPullRequest } from '../github/review.js';
import type { ReviewOptions } from '../github/review.js';
import { CHECK_NAME, checkResultOf, concludeCheck, configErrorResult, errorResult, supersededResult } from './check.js';
import type { CheckResult } from './check.js';

export interface PullCheckOptions {
  /** `<app slug>[bot]`: only our own comments are updated or deleted. */
  botLogin: () => Promise<string>;
  /** `.github/netguide.yml` from the default branch, validated. */
  loadConfig: () => Promise<ConfigResult>;
  /** Runs the analysis after the runs before it on the same pull request (the check is created at once). */
  serialize?: <T>(task: () => Promise<T>) => Promise<T>;
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
  const serialize = options.serialize ?? ((task) => task());
  return serialize(async () => {
    let result = await analyze(port, ref, headSha, options);
    try {
      await concludeCheck(port, ref, checkRunId, result);
    } catch (error) {
      // Annotations GitHub refuses (a path it can't find) must not leave the check in progress.
      result = errorResult(error);
      await concludeCheck(port, ref, checkRunId, result);
    }
    return { ...result, checkRunId };
  });
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
    const outcome = await reviewPullRequest(port, ref, reviewOptions(loaded.config, botLogin, headSha));
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
