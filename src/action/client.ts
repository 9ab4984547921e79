import { defaults, getUserAgentWithOrchestrationId } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

/**
 * The Action's Octokit class: @octokit/rest (REST methods, pagination; the same @octokit/core as Probot's
 * Octokit, so `octokitPort` types both) with retries on 5xx (@octokit/plugin-retry) and waiting out primary
 * and secondary rate limits (@octokit/plugin-throttling).
 */
export const ActionOctokit = Octokit.plugin(retry, throttling);
export type ActionOctokit = InstanceType<typeof ActionOctokit>;

export interface ClientOptions {
  /** Abort a request that takes longer than this (a hung socket must not hang the job). */
  timeoutMs: number;
  /** Retries for 5xx and rate limits. */
  retries: number;
  log: (message: string) => void;
  /** Where @octokit/plugin-request-log's one line per request goes (the step's debug log). */
  debug?: (message: string) => void;
}

/**
 * An Octokit for the Action, set up from the runner's environment as @actions/github sets up its own: the
 * API at GITHUB_API_URL (GitHub Enterprise Server), the runner's proxy (HTTPS_PROXY / NO_PROXY through
 * @actions/github's fetch), the orchestration id in the user agent; and a deadline on every request.
 */
export function createActionOctokit(token: string, options: ClientOptions): ActionOctokit {
  const proxyFetch = defaults.request?.fetch as typeof fetch | undefined;
  const timedFetch: typeof fetch = (url, init) => {
    const deadline = AbortSignal.timeout(options.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return (proxyFetch ?? fetch)(url, { ...init, signal });
  };
  const debug = options.debug ?? (() => undefined);
  const userAgent = getUserAgentWithOrchestrationId(undefined);
  return new ActionOctokit({
    auth: token,
    baseUrl: defaults.baseUrl,
    ...(userAgent === undefined ? {} : { userAgent }),
    // Passing `request` replaces the defaults' whole `request` object, so they are spread in.
    request: { ...defaults.request, fetch: timedFetch },
    log: { debug: () => undefined, info: debug, warn: console.warn, error: debug },
    retry: { retries: options.retries },
    throttle: {
      onRateLimit: (retryAfter, request, _octokit, retryCount) => {
        options.log(`rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
        return retryCount < options.retries;
      },
      onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
        options.log(`secondary rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
        return retryCount < options.retries;
      },
    },
  });
}
