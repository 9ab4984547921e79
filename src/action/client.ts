import { getOctokit } from '@actions/github';
import { defaults } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { OctokitLike } from '../github/octokit.js';

export interface ClientOptions {
  /** Abort a request that takes longer than this (a hung socket must not hang the job). */
  timeoutMs: number;
  /** Retries for 5xx and rate limits. */
  retries: number;
  log: (message: string) => void;
}

/**
 * An Octokit for the Action: @actions/github's (GHES URLs from the environment, the runner's proxy),
 * with retries on 5xx (@octokit/plugin-retry), waiting out primary and secondary rate limits
 * (@octokit/plugin-throttling), and a timeout on every request.
 */
export function createActionOctokit(token: string, options: ClientOptions): OctokitLike {
  // @actions/github's own fetch (the runner's proxy), with a deadline on every request. Passing `request`
  // replaces the defaults' whole `request` object, so they are spread in.
  const proxyFetch = defaults.request?.fetch as typeof fetch | undefined;
  const timedFetch: typeof fetch = (url, init) => {
    const deadline = AbortSignal.timeout(options.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return (proxyFetch ?? fetch)(url, { ...init, signal });
  };
  const octokit = getOctokit(
    token,
    {
      request: { ...defaults.request, fetch: timedFetch },
      retry: { retries: options.retries },
      throttle: {
        onRateLimit: (
          retryAfter: number,
          request: { method: string; url: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          options.log(`rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
          return retryCount < options.retries;
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          request: { method: string; url: string },
          _octokit: unknown,
          retryCount: number,
        ) => {
          options.log(`secondary rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
          return retryCount < options.retries;
        },
      },
    },
    retry,
    throttling,
  );
  return octokit;
}
