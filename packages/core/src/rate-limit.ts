import { sleep } from './sleep.js';

/** One token bucket: `perSecond` or `perMinute` tokens refill continuously, up to `burst`. */
export interface BucketOptions {
  /** Tokens added per second. */
  perSecond?: number;
  /** Tokens added per minute (used when `perSecond` is not given). */
  perMinute?: number;
  /** Bucket capacity: how many calls may go at once after a quiet spell. Default: the per-unit rate. */
  burst?: number;
}

/** The client-side rate limiter of a client (DESIGN §4). */
export interface RateLimitOptions extends BucketOptions {
  /**
   * Follow the server's `X-RateLimit-Remaining` / `-Reset` (or `RateLimit-*`) headers where sent:
   * when the server says no calls remain, hold further calls until the reset. Default `true`.
   */
  adaptive?: boolean;
  /** Extra named buckets, drawn only by the calls that name them (e.g. Puck's investigation triggers). */
  buckets?: Record<string, BucketOptions>;
}

/** The rate-limit state a response reported. */
export interface RateLimitInfo {
  /** Calls allowed per window. */
  limit?: number | undefined;
  /** Calls left in the current window. */
  remaining?: number | undefined;
  /** When the window resets. */
  reset?: Date | undefined;
}

class TokenBucket {
  readonly #ratePerMs: number;
  readonly #capacity: number;
  #tokens: number;
  #last: number;
  /** When the server's window restarts (it reported none left until then): the bucket is full again. */
  #fullAt: number | undefined;

  constructor(opts: BucketOptions) {
    const perSecond =
      opts.perSecond ?? (opts.perMinute !== undefined ? opts.perMinute / 60 : Number.POSITIVE_INFINITY);
    if (!(perSecond > 0))
      throw new RangeError('A rate-limit bucket needs a positive perSecond or perMinute.');
    this.#ratePerMs = perSecond / 1000;
    this.#capacity = opts.burst ?? opts.perSecond ?? opts.perMinute ?? 1;
    if (!(this.#capacity >= 1)) throw new RangeError('A rate-limit bucket needs a burst of at least 1.');
    this.#tokens = this.#capacity;
    this.#last = Date.now();
    this.#fullAt = undefined;
  }

  /**
   * Reserves one token and returns how long to wait before using it. Reservations may take the
   * balance below zero, which queues callers in arrival order without a timer per caller.
   */
  reserve(now: number): number {
    this.#refill(now);
    this.#tokens -= 1;
    const blocked = Math.max(0, this.#last - now);
    let deficit = this.#tokens < 0 ? -this.#tokens : 0;
    // Callers queued behind a server reset get the restarted window's tokens first.
    if (this.#fullAt !== undefined) deficit = Math.max(0, deficit - this.#capacity);
    return blocked + deficit / this.#ratePerMs;
  }

  /** Gives back a reservation that was not used (the caller aborted while waiting). */
  refund(): void {
    this.#tokens = Math.min(this.#capacity, this.#tokens + 1);
  }

  /** The server reported `remaining` calls left, the window resetting at `resetAt`. */
  observe(remaining: number | undefined, resetAt: number | undefined, now: number): void {
    this.#refill(now);
    if (remaining !== undefined && remaining < this.#tokens) this.#tokens = Math.max(0, remaining);
    if (remaining === 0 && resetAt !== undefined && resetAt > now) {
      // Nothing refills before the reset; later reservations queue behind it.
      this.#tokens = Math.min(this.#tokens, 0);
      this.#last = Math.max(this.#last, resetAt);
      this.#fullAt = this.#last;
    }
  }

  #refill(now: number): void {
    if (now <= this.#last) return;
    if (this.#fullAt !== undefined) {
      // The server's window restarted at the reset: its whole quota is available again, not just
      // what the client-side rate would have refilled since.
      this.#tokens = Math.min(this.#capacity, this.#tokens + this.#capacity);
      this.#fullAt = undefined;
    }
    if (Number.isFinite(this.#ratePerMs)) {
      this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#last) * this.#ratePerMs);
    } else {
      this.#tokens = this.#capacity;
    }
    this.#last = now;
  }
}

/**
 * A client's limiter: the main bucket every call draws from, plus named buckets. Without rate
 * numbers it is adaptive only (it holds calls while the server reports zero remaining).
 */
export class RateLimiter {
  readonly #main: TokenBucket;
  readonly #named = new Map<string, TokenBucket>();
  readonly #adaptive: boolean;

  constructor(opts: RateLimitOptions = {}) {
    const hasRate = opts.perSecond !== undefined || opts.perMinute !== undefined;
    // "Unlimited" main bucket: infinite refill, still able to block on a server-reported reset.
    this.#main = new TokenBucket(hasRate ? opts : { perSecond: Number.POSITIVE_INFINITY, burst: 1 });
    for (const [name, bucket] of Object.entries(opts.buckets ?? {}))
      this.#named.set(name, new TokenBucket(bucket));
    this.#adaptive = opts.adaptive ?? true;
  }

  /** Waits until the main bucket and every named bucket have a token for this call. */
  async acquire(buckets: readonly string[] = [], signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    const taken: TokenBucket[] = [];
    let wait = 0;
    for (const bucket of [this.#main, ...buckets.map((name) => this.#named.get(name))]) {
      if (!bucket) continue;
      wait = Math.max(wait, bucket.reserve(now));
      taken.push(bucket);
    }
    if (wait <= 0) return;
    try {
      await sleep(wait, signal);
    } catch (error) {
      for (const bucket of taken) bucket.refund();
      throw error;
    }
  }

  /** Feeds a response's rate-limit headers back into the main bucket. */
  observe(info: RateLimitInfo | undefined): void {
    if (!this.#adaptive || !info) return;
    this.#main.observe(info.remaining, info.reset?.getTime(), Date.now());
  }
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

/** Reads `X-RateLimit-*` / `RateLimit-*` headers (limit, remaining, reset). */
export function parseRateLimitHeaders(headers: Headers, now = Date.now()): RateLimitInfo | undefined {
  const limit = headerNumber(headers, 'x-ratelimit-limit', 'ratelimit-limit');
  const remaining = headerNumber(headers, 'x-ratelimit-remaining', 'ratelimit-remaining');
  const resetRaw = headerNumber(headers, 'x-ratelimit-reset', 'ratelimit-reset');
  if (limit === undefined && remaining === undefined && resetRaw === undefined) return undefined;
  let reset: Date | undefined;
  if (resetRaw !== undefined)
    reset = new Date(resetRaw >= EPOCH_THRESHOLD_S ? resetRaw * 1000 : now + resetRaw * 1000);
  return { limit, remaining, reset };
}
