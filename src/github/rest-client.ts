import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

/**
 * An Octokit for tools that run outside Actions and Probot (the CLI's `inventory`): @octokit/rest with
 * retries on 5xx (@octokit/plugin-retry) and waiting out primary and secondary rate limits
 * (@octokit/plugin-throttling), the same plugins as the Action's client, and a count of the requests sent.
 */
export const RestOctokit = Octokit.plugin(retry, throttling);
export type RestOctokit = InstanceType<typeof RestOctokit>;

export interface RestClientOptions {
  token: string;
  /** The REST API root: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server. */
  baseUrl: string;
  /** Retries for 5xx and rate limits. */
  retries?: number;
  /** Abort a request that takes longer than this. */
  timeoutMs?: number;
  log: (message: string) => void;
}

export interface RestClient {
  octokit: RestOctokit;
  /** Requests sent so far, retries included. */
  requests(): number;
}

export function createRestClient(options: RestClientOptions): RestClient {
  const retries = options.retries ?? 3;
  const timeoutMs = options.timeoutMs ?? 60_000;
  let sent = 0;
  const timedFetch: typeof fetch = (url, init) => {
    sent += 1;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return fetch(url, { ...init, signal });
  };
  const octokit = new RestOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    request: { fetch: timedFetch },
    log: { debug: () => undefined, info: () => undefined, warn: options.log, error: () => undefined },
    retry: { retries },
    throttle: {
      onRateLimit: (retryAfter, request, _octokit, retryCount) => {
        options.log(`rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
        return retryCount < retries;
      },
      onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
        options.log(`secondary rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
        return retryCount < retries;
      },
    },
  });
  return { octokit, requests: () => sent };
}
