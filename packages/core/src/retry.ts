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

export { retryAfterMs } from './rate-limit-headers.js';
