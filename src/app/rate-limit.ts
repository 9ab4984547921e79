/**
 * GitHub's rate-limit headers, read per installation (each installation token has its own budget):
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
 * - primary: `x-ratelimit-remaining` 0 → wait until `x-ratelimit-reset` (epoch seconds);
 * - secondary (403/429): `retry-after` seconds if given, else until `x-ratelimit-reset` when remaining is 0,
 *   else at least one minute.
 */
export type Headers = Record<string, string | number | undefined>;

/** Below this many requests left, an installation's next runs wait for the reset (a run needs ~10–20). */
export const RESERVE = 50;
/** GitHub: "If … no retry-after … wait for at least one minute before retrying." */
export const SECONDARY_DEFAULT_MS = 60_000;

/** When (ms since the epoch) the installation may start new work again, or undefined when it may now. */
export function resumeAt(status: number, headers: Headers, now: number, message = ''): number | undefined {
  const number = (name: string) => {
    const value = headers[name];
    const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    return Number.isFinite(parsed) ? parsed : undefined;
  };
  const remaining = number('x-ratelimit-remaining');
  const reset = number('x-ratelimit-reset');
  const retryAfter = number('retry-after');
  if (status === 403 || status === 429) {
    if (retryAfter !== undefined) return now + retryAfter * 1000;
    if (remaining === 0 && reset !== undefined) return Math.max(now, reset * 1000);
    // A 403 without rate-limit signs (a permission error) is not a limit.
    if (status === 429 || /secondary rate limit/i.test(message)) {
      return now + SECONDARY_DEFAULT_MS;
    }
    return undefined;
  }
  if (remaining !== undefined && remaining < RESERVE && reset !== undefined && reset * 1000 > now) return reset * 1000;
  return undefined;
}
