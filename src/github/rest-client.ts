import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { withoutTrailingSlashes } from '../domain/paths.js';

type ThrottleOptions = NonNullable<ConstructorParameters<typeof RestOctokit>[0]>['throttle'] & object;

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
  /**
   * Least time between two GraphQL queries. @octokit/plugin-throttling paces GraphQL like a write, one a
   * second, which makes a 1,000-repository inventory wait 1,000 s for its blob batches alone. The inventory
   * only reads: GitHub's secondary limit for GraphQL is 2,000 points a minute, a query without mutation
   * costing 1 point (docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api, "About secondary
   * rate limits"), so 100 ms (600 a minute) stays well below it. Default: 100.
   */
  graphqlMinTimeMs?: number;
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
  const pacing = options.graphqlMinTimeMs ?? 100;
  const octokit = new RestOctokit({
    auth: options.token,
    baseUrl: withoutTrailingSlashes(options.baseUrl),
    request: { fetch: timedFetch },
    log: { debug: () => undefined, info: () => undefined, warn: options.log, error: () => undefined },
    // @octokit/plugin-retry's list plus 409, GitHub's answer for an empty repository: waiting does not fill it
    // (its default would retry for 1 + 4 + 9 s).
    retry: { retries, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451] },
    throttle: {
      // Only GraphQL reads reach the write group: the inventory sends no REST write.
      // The plugin calls only `key(id).schedule(options, job)` on it (dist-bundle/index.js, doRequest).
      write: pacer(pacing) as unknown as NonNullable<ThrottleOptions['write']>,
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

/**
 * A stand-in for the plugin's Bottleneck group (`key(id).schedule(options, job)`): jobs start one at a time,
 * at least `minTimeMs` apart.
 */
function pacer(minTimeMs: number) {
  let queue: Promise<unknown> = Promise.resolve();
  let lastStart = 0;
  const limiter = {
    schedule<T>(_options: unknown, job: () => T | Promise<T>): Promise<T> {
      const turn = queue.then(async () => {
        const wait = lastStart + minTimeMs - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        lastStart = Date.now();
      });
      queue = turn;
      return turn.then(job);
    },
  };
  return { key: () => limiter };
}
