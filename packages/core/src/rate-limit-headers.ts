/**
 * The one reader of the rate-limit and retry headers a server sends: `X-RateLimit-*` / `RateLimit-*`
 * (limit, remaining, reset) and `Retry-After`. The limiter and the retry loop both read them here.
 */

/** The rate-limit state a response reported. */
export interface RateLimitInfo {
  /** Calls allowed per window. */
  limit?: number | undefined;
  /** Calls left in the current window. */
  remaining?: number | undefined;
  /** When the window resets. */
  reset?: Date | undefined;
}

// Reset values at or above this are Unix timestamps (seconds); below it, seconds from now.
const EPOCH_THRESHOLD_S = 1_000_000_000;

function headerNumber(headers: Headers, ...names: string[]): number | undefined {
  for (const name of names) {
    const raw = headers.get(name);
    if (raw === null || raw.trim() === '') continue;
    const value = Number(raw);
    if (Number.isFinite(value)) return value;
  }
  return undefined;
}

/**
 * Reads `X-RateLimit-*` / `RateLimit-*` headers (limit, remaining, reset): the one parser of reset
 * headers. A reset of 10^9 or more is a Unix time in seconds, a smaller one seconds from now.
 */
export function parseRateLimitHeaders(headers: Headers, now = Date.now()): RateLimitInfo | undefined {
  const limit = headerNumber(headers, 'x-ratelimit-limit', 'ratelimit-limit');
  const remaining = headerNumber(headers, 'x-ratelimit-remaining', 'ratelimit-remaining');
  const resetRaw = headerNumber(headers, 'x-ratelimit-reset', 'ratelimit-reset');
  if (limit === undefined && remaining === undefined && resetRaw === undefined) return undefined;
  let reset: Date | undefined;
  // A reset in the past (a stale epoch, a clock that runs ahead of the server's) means now.
  if (resetRaw !== undefined)
    reset = new Date(Math.max(now, resetRaw >= EPOCH_THRESHOLD_S ? resetRaw * 1000 : now + resetRaw * 1000));
  return { limit, remaining, reset };
}

/**
 * How long the server asked us to wait, in ms: `Retry-After` (delay-seconds, decimals allowed, or an
 * HTTP date), else the `X-RateLimit-Reset` of `parseRateLimitHeaders` (a reset in the past means now).
 * `undefined` when neither says.
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.max(0, Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = parseRateLimitHeaders(headers, now)?.reset;
  return reset ? Math.max(0, reset.getTime() - now) : undefined;
}
