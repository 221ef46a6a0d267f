/**
 * Where a client's rate-limit state lives (DESIGN §4, §11). The limiter decides *what* the limits are
 * (the vendor's published numbers, or the user's `rateLimit`); a store only keeps the buckets' state,
 * so that several processes can share one budget. In memory by default; `@quiver/ratelimit-redis`
 * keeps it on a Redis server for a fleet.
 *
 * Every duration crossing this interface is relative (ms from now), never a timestamp: a shared store
 * measures time on its own clock (Redis: the server's), so workers whose clocks disagree still agree
 * on the budget.
 */

/** One token bucket, as the limiter describes it to the store on every call. */
export interface StoreBucket {
  /**
   * The bucket's name within its scope: `'main'` for the bucket every call draws from, `'n:<name>'`
   * for a named bucket (`RateLimitOptions.buckets`). Safe to use in a storage key.
   */
  readonly key: string;
  /** Tokens refilled per second; `Number.POSITIVE_INFINITY` for a bucket that only server holds limit. */
  readonly perSecond: number;
  /** How many tokens the bucket holds when full (at least 1). */
  readonly capacity: number;
}

/** A reservation, a refund: `cost` tokens in every bucket of `buckets`, within `scope`. */
export interface StoreRequest {
  /**
   * Whose budget: a hex SHA-256 digest derived from the client's credential (never the credential),
   * or `'anonymous'` for a client without one. Every key a store writes belongs to one scope.
   */
  readonly scope: string;
  /** The buckets to draw from, all at once (one atomic operation). */
  readonly buckets: readonly StoreBucket[];
  /** Tokens per bucket (≥ 1). */
  readonly cost: number;
}

/** What the store answers to a reservation. */
export interface StoreReservation {
  /**
   * Milliseconds until the reserved tokens may be used (0 = now). The tokens are taken either way:
   * a caller that will not wait gives them back with `refund`.
   */
  readonly wait: number;
  /** The wait comes (at least in part) from a server-reported hold on the scope. */
  readonly held: boolean;
}

/** What the server said about its window, for `RateLimitStore.report`. */
export interface StoreReport {
  /** Whose budget (see `StoreRequest.scope`). */
  readonly scope: string;
  /** The main bucket: a hold restarts it full when it ends; `remaining` lowers it. */
  readonly bucket: StoreBucket;
  /**
   * Hold every caller of the scope for this many ms (a 429's `Retry-After`, or
   * `X-RateLimit-Remaining: 0` until the reset). At the end of the hold the main bucket is full again:
   * the server's window restarted.
   */
  readonly holdMs?: number | undefined;
  /** Calls the server says are left in its window: the main bucket holds no more than that. */
  readonly remaining?: number | undefined;
}

/**
 * The state behind a client's rate limiter. Each method is one atomic operation. Implementations
 * must be safe to share between clients (and, for a shared store, between processes) and must never
 * store the credential: the scope is already a digest.
 *
 * A store may fail or be slow: the limiter gives each call a short timeout and falls back to its
 * local buckets, so implementations need no retry logic of their own.
 */
export interface RateLimitStore {
  /**
   * Takes `cost` tokens from every bucket at once (balances may go below zero: later callers queue
   * behind earlier ones) and returns how long the caller must wait before using them: the longest
   * wait over the buckets, and at least the rest of any hold on the scope.
   */
  reserve(request: StoreRequest): Promise<StoreReservation>;
  /** Gives back tokens a caller reserved but did not use (it aborted or timed out). */
  refund(request: StoreRequest): Promise<void>;
  /** Records what the server reported (a hold, a remaining count) for every caller of the scope. */
  report(report: StoreReport): Promise<void>;
}

interface BucketState {
  tokens: number;
  /** The time `tokens` is valid at; in the future while a hold lasts (nothing refills before it). */
  at: number;
}

/**
 * The default store: the buckets of one process, in memory. The same arithmetic as
 * `@quiver/ratelimit-redis`'s Lua scripts, on this process's clock.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #buckets = new Map<string, BucketState>();
  readonly #holds = new Map<string, number>();
  readonly #now: () => number;

  /** @param options.now the clock, in ms (default `Date.now`); for tests. */
  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  reserve(request: StoreRequest): Promise<StoreReservation> {
    return Promise.resolve(this.reserveNow(request));
  }

  refund(request: StoreRequest): Promise<void> {
    this.refundNow(request);
    return Promise.resolve();
  }

  report(report: StoreReport): Promise<void> {
    this.reportNow(report);
    return Promise.resolve();
  }

  /** `reserve`, synchronously (the limiter's local fallback uses it without a promise). */
  reserveNow({ scope, buckets, cost }: StoreRequest): StoreReservation {
    const now = this.#now();
    let wait = 0;
    for (const bucket of buckets) {
      const state = this.#load(scope, bucket, now);
      state.tokens -= cost;
      let w = state.at - now;
      if (state.tokens < 0 && Number.isFinite(bucket.perSecond))
        w += (-state.tokens / bucket.perSecond) * 1000;
      wait = Math.max(wait, w);
    }
    const holdUntil = this.#holds.get(scope);
    const held = holdUntil !== undefined && holdUntil > now;
    if (held) wait = Math.max(wait, holdUntil - now);
    else if (holdUntil !== undefined) this.#holds.delete(scope);
    return { wait: Math.max(0, Math.ceil(wait)), held };
  }

  /** `refund`, synchronously. */
  refundNow({ scope, buckets, cost }: StoreRequest): void {
    const now = this.#now();
    for (const bucket of buckets) {
      const state = this.#load(scope, bucket, now);
      state.tokens = Math.min(bucket.capacity, state.tokens + cost);
    }
  }

  /** `report`, synchronously. */
  reportNow({ scope, bucket, holdMs, remaining }: StoreReport): void {
    const now = this.#now();
    const state = this.#load(scope, bucket, now);
    if (remaining !== undefined && remaining >= 0 && remaining < state.tokens) state.tokens = remaining;
    if (holdMs !== undefined && holdMs > 0 && Number.isFinite(holdMs)) {
      const until = now + holdMs;
      // The server's window restarts at the end of the hold: the bucket is full then, minus what
      // callers already queued. Added once per hold, however often the hold is reported or extended.
      if (state.at <= now) state.tokens = Math.min(state.tokens, 0) + bucket.capacity;
      state.at = Math.max(state.at, until);
      this.#holds.set(scope, Math.max(this.#holds.get(scope) ?? 0, until));
    }
  }

  /** The bucket's state, refilled up to `now` (no refill before a hold's end). */
  #load(scope: string, bucket: StoreBucket, now: number): BucketState {
    const id = `${scope}\u0000${bucket.key}`;
    let state = this.#buckets.get(id);
    if (!state) {
      state = { tokens: bucket.capacity, at: now };
      this.#buckets.set(id, state);
      return state;
    }
    if (now > state.at) {
      state.tokens = Number.isFinite(bucket.perSecond)
        ? Math.min(bucket.capacity, state.tokens + ((now - state.at) / 1000) * bucket.perSecond)
        : bucket.capacity;
      state.at = now;
    }
    return state;
  }
}
