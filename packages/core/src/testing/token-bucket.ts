/**
 * A server-side token bucket per key (an API key, a user), for a fake's rate limit.
 *
 * @module @quiver/core/testing
 */

/** Options of {@link TokenBucket}: give `perSecond` or `perMinute`. */
export interface TokenBucketOptions {
  /** Tokens refilled per second. */
  perSecond?: number;
  /** Tokens refilled per minute (used when `perSecond` is absent). */
  perMinute?: number;
  /** Tokens a full bucket holds (the burst). Default: one second's (or one minute's) refill. */
  capacity?: number;
  /** The clock, in ms. Default `Date.now`; pass a fake clock for deterministic tests. */
  now?: () => number;
}

/** What {@link TokenBucket.take} answers. */
export interface TokenTake {
  /** Whether the tokens were taken (else answer a 429). */
  ok: boolean;
  /** Whole tokens left in the bucket. */
  remaining: number;
  /** When the bucket will be full again, ms since the epoch (on the bucket's clock). */
  resetAt: number;
  /** `0` when `ok`; else the ms until `cost` tokens are there (for `Retry-After`). */
  retryAfterMs: number;
}

/**
 * Token buckets per key: each starts full (`capacity`) and refills continuously.
 *
 * ```ts
 * const limit = new TokenBucket({ perSecond: 10, capacity: 20 });
 * const take = limit.take(apiKey);
 * if (!take.ok) return { status: 429, headers: { 'retry-after': String(Math.ceil(take.retryAfterMs / 1000)) } };
 * ```
 */
export class TokenBucket {
  /** Tokens per ms. */
  readonly #rate: number;
  readonly #capacity: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(options: TokenBucketOptions) {
    const perMs =
      options.perSecond !== undefined
        ? options.perSecond / 1000
        : options.perMinute !== undefined
          ? options.perMinute / 60_000
          : Number.NaN;
    if (!(perMs > 0)) throw new RangeError('TokenBucket: perSecond or perMinute must be a positive number');
    this.#rate = perMs;
    this.#capacity = options.capacity ?? options.perSecond ?? options.perMinute ?? 1;
    if (!(this.#capacity > 0)) throw new RangeError('TokenBucket: capacity must be a positive number');
    this.#now = options.now ?? Date.now;
  }

  /** Takes `cost` tokens (default `1`) from `key`'s bucket, if it has them. */
  take(key = '', cost = 1): TokenTake {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#capacity, at: now };
    bucket.tokens = Math.min(this.#capacity, bucket.tokens + Math.max(0, now - bucket.at) * this.#rate);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    const ok = bucket.tokens >= cost;
    if (ok) bucket.tokens -= cost;
    return {
      ok,
      remaining: Math.floor(bucket.tokens),
      resetAt: now + Math.ceil((this.#capacity - bucket.tokens) / this.#rate),
      retryAfterMs: ok ? 0 : Math.ceil((cost - bucket.tokens) / this.#rate),
    };
  }

  /** Refills every bucket (forgets every key). */
  reset(): void {
    this.#buckets.clear();
  }
}
