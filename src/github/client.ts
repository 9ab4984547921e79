import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { OctokitLike } from './octokit.js';

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
  const octokit = getOctokit(
    token,
    {
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
  octokit.hook.wrap('request', (request, requestOptions) =>
    request({
      ...requestOptions,
      request: { ...requestOptions.request, signal: AbortSignal.timeout(options.timeoutMs) },
    }),
  );
  return octokit;
}
