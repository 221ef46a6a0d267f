/** HTTP methods that are safe to send again (RFC 9110 §9.2.2). POST and PATCH are not. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Statuses worth another attempt: the request did not take effect, or may succeed later. */
export const RETRYABLE_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];

/** How a vendor backs off between attempts (DESIGN §4). */
export interface RetryPolicy {
  /** First backoff step in ms. Default 500. */
  baseDelay?: number;
  /** Largest backoff step in ms. Default 8000. */
  maxDelay?: number;
  /**
   * `'full'` (default): uniform in [0, min(maxDelay, baseDelay·2ⁿ)] — AWS "full jitter".
   * `'additive'`: baseDelay·2ⁿ plus up to 100 % on top, for vendors that document a minimum wait
   * (Puffle: "start at 1 s"), so no retry comes sooner than the vendor asked.
   */
  jitter?: 'full' | 'additive';
}

/** The backoff step (before jitter) for retry number `n` (1-based). */
export function backoffStep(n: number, policy: RetryPolicy = {}): number {
  const base = policy.baseDelay ?? 500;
  const max = policy.maxDelay ?? 8000;
  const step = base * 2 ** (n - 1);
  return policy.jitter === 'additive' ? step : Math.min(max, step);
}

/** Applies the policy's jitter to a backoff step. */
export function jitter(step: number, policy: RetryPolicy = {}): number {
  return policy.jitter === 'additive' ? step + Math.random() * step : Math.random() * step;
}

/** The full delay for retry number `n`: step plus jitter. */
export function backoffDelay(n: number, policy: RetryPolicy = {}): number {
  return jitter(backoffStep(n, policy), policy);
}

const EPOCH_THRESHOLD_S = 1_000_000_000;

/**
 * How long the server asked us to wait, in ms: `Retry-After` (delay-seconds or an HTTP date), else
 * `X-RateLimit-Reset` (Unix seconds, or seconds from now when small). `undefined` when neither says.
 * ky applies the same headers to its own retry timing; this copy exists because the caller also
 * needs the number — for the `maxRetryAfter` fail-fast decision and `RateLimitError.retryAfter`.
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.max(0, Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = (headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset'))?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    const value = Number(reset);
    return Math.max(0, value >= EPOCH_THRESHOLD_S ? value * 1000 - now : value * 1000);
  }
  return undefined;
}
