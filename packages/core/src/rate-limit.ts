import { APITimeoutError, RateLimitError } from './errors.js';
import type { Logger } from './logger.js';
import {
  MemoryRateLimitStore,
  type RateLimitStore,
  type StoreBucket,
  type StoreReport,
  type StoreRequest,
} from './rate-limit-store.js';
import { MAX_TIMER_DELAY, sleep } from './sleep.js';

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

import type { RateLimitInfo } from './rate-limit-headers.js';

export type { RateLimitInfo };

/** Where a limiter keeps its state and how it reaches it (the second argument of `RateLimiter`). */
export interface RateLimiterInit {
  /**
   * Where the buckets' state lives. Default: this limiter's own memory. A shared store
   * (`@quiver/ratelimit-redis`) makes every client on the same credential share one budget.
   */
  store?: RateLimitStore | undefined;
  /**
   * The credential whose budget this is (the API key). Only its SHA-256 digest reaches the store, so
   * clients on one key share a budget and clients on different keys do not. Default: none (all
   * clients on the store share the `'anonymous'` scope).
   */
  identity?: (() => string | undefined) | undefined;
  /** Where the one warning goes when the store fails. Default `console`. */
  logger?: Logger | undefined;
  /** Milliseconds each store call may take before the local buckets answer instead. Default `250`. */
  storeTimeout?: number | undefined;
}

/** A reserved token (see `RateLimiter.reserve`). */
export interface RateLimitReservation {
  /** Milliseconds until the token may be used (0 = now). */
  readonly wait: number;
  /** The wait comes from a hold the server reported (a 429's `Retry-After`, or zero remaining). */
  readonly held: boolean;
  /** Gives the token back (the caller aborted, or will not wait). Only the first call counts. */
  refund(): void;
}

const MAIN = 'main';
const FIRST_BACKOFF = 1_000;
const MAX_BACKOFF = 30_000;

function toBucket(key: string, opts: BucketOptions): StoreBucket {
  const perSecond =
    opts.perSecond ?? (opts.perMinute !== undefined ? opts.perMinute / 60 : Number.POSITIVE_INFINITY);
  if (!(perSecond > 0)) throw new RangeError('A rate-limit bucket needs a positive perSecond or perMinute.');
  const capacity = opts.burst ?? opts.perSecond ?? opts.perMinute ?? 1;
  if (!(capacity >= 1)) throw new RangeError('A rate-limit bucket needs a burst of at least 1.');
  return { key, perSecond, capacity };
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Settles like `promise`, or rejects after `ms`; the late outcome of `promise` is ignored. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no answer within ${ms} ms`)),
      Math.min(ms, MAX_TIMER_DELAY),
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * A client's limiter: the main bucket every call draws from, plus named buckets. Without rate
 * numbers it is adaptive only (it holds calls while the server reports zero remaining).
 *
 * The limits are this limiter's; their state lives in a `RateLimitStore` (in memory unless one is
 * given). A store that fails or does not answer within `storeTimeout` never holds a call up: the
 * limiter answers from its local buckets, logs one warning, and tries the store again after a pause
 * (1 s, doubling up to 30 s while it keeps failing).
 */
export class RateLimiter {
  readonly #main: StoreBucket;
  readonly #named = new Map<string, StoreBucket>();
  readonly #adaptive: boolean;
  readonly #local = new MemoryRateLimitStore();
  readonly #store: RateLimitStore | undefined;
  readonly #identity: (() => string | undefined) | undefined;
  readonly #logger: Logger;
  readonly #storeTimeout: number;
  #scope: Promise<string> | undefined;
  /** This process's view of the latest server hold (the store may not have it yet). */
  #holdUntil = 0;
  /** While the store is failing: when to try it again, and the pause after the next failure. */
  #retryStoreAt = 0;
  #backoff = FIRST_BACKOFF;
  #storeDown = false;

  constructor(options: RateLimitOptions = {}, init: RateLimiterInit = {}) {
    const hasRate = options.perSecond !== undefined || options.perMinute !== undefined;
    // "Unlimited" main bucket: infinite refill, still able to block on a server-reported reset.
    this.#main = toBucket(MAIN, hasRate ? options : { perSecond: Number.POSITIVE_INFINITY, burst: 1 });
    for (const [name, bucket] of Object.entries(options.buckets ?? {}))
      this.#named.set(name, toBucket(`n:${name}`, bucket));
    this.#adaptive = options.adaptive ?? true;
    this.#store = init.store;
    this.#identity = init.identity;
    this.#logger = init.logger ?? console;
    const timeout = init.storeTimeout ?? 250;
    if (!(timeout > 0) || !Number.isFinite(timeout))
      throw new RangeError('storeTimeout must be a positive number of milliseconds.');
    this.#storeTimeout = timeout;
  }

  /**
   * Reserves `cost` tokens in the main bucket and in each named bucket of `buckets` (unknown names
   * are ignored), atomically, and says how long to wait before using them. Never rejects: when the
   * store fails, the local buckets answer.
   */
  async reserve(buckets: readonly string[] = [], cost = 1): Promise<RateLimitReservation> {
    const list = [this.#main];
    for (const name of buckets) {
      const bucket = this.#named.get(name);
      if (bucket && !list.includes(bucket)) list.push(bucket);
    }
    const store = this.#usableStore();
    let result: { wait: number; held: boolean } | undefined;
    let request: StoreRequest | undefined;
    if (store) {
      try {
        request = { scope: await this.#scopeOf(), buckets: list, cost };
        result = await withTimeout(store.reserve(request), this.#storeTimeout);
        this.#storeAnswered();
      } catch (error) {
        this.#storeFailed(error);
        result = undefined;
      }
    }
    const from = result && request ? { store: store as RateLimitStore, request } : undefined;
    const local: StoreRequest = { scope: 'local', buckets: list, cost };
    if (!result) result = this.#local.reserveNow(local);
    let { wait, held } = result;
    const now = Date.now();
    if (this.#holdUntil > now) {
      // Heard by this process, maybe not yet by the store: a hold counts at once.
      wait = Math.max(wait, this.#holdUntil - now);
      held = true;
    }
    let refunded = false;
    return {
      wait: Math.max(0, Math.ceil(wait)),
      held,
      refund: () => {
        if (refunded) return;
        refunded = true;
        if (from) {
          withTimeout(from.store.refund(from.request), this.#storeTimeout).catch((error: unknown) =>
            this.#storeFailed(error),
          );
        } else {
          this.#local.refundNow(local);
        }
      },
    };
  }

  /**
   * Feeds a response's rate-limit headers back (unless `adaptive: false`): `remaining` lowers the main
   * bucket; zero remaining with a reset holds every caller until the reset (the whole fleet, with a
   * shared store).
   */
  observe(info: RateLimitInfo | undefined): void {
    if (!this.#adaptive || !info) return;
    const { remaining, reset } = info;
    let holdMs: number | undefined;
    if (remaining !== undefined && remaining <= 0 && reset !== undefined)
      holdMs = reset.getTime() - Date.now();
    if (remaining === undefined && holdMs === undefined) return;
    this.#report({ remaining: remaining === undefined ? undefined : Math.max(0, remaining), holdMs });
  }

  /**
   * The server asked for a pause (a 429's `Retry-After`, in ms): every caller waits it out — every
   * process sharing the store too. At the end of the pause the main bucket is full again.
   */
  hold(ms: number): void {
    if (!(ms > 0)) return;
    this.#report({ holdMs: ms });
  }

  #report(report: { holdMs?: number | undefined; remaining?: number | undefined }): void {
    let holdMs = report.holdMs;
    if (holdMs !== undefined && !(holdMs > 0)) holdMs = undefined; // a reset in the past means now
    if (holdMs === Number.POSITIVE_INFINITY) holdMs = MAX_TIMER_DELAY;
    if (holdMs === undefined && report.remaining === undefined) return;
    const full: Omit<StoreReport, 'scope'> = { bucket: this.#main, holdMs, remaining: report.remaining };
    this.#local.reportNow({ scope: 'local', ...full });
    if (holdMs !== undefined) this.#holdUntil = Math.max(this.#holdUntil, Date.now() + holdMs);
    const store = this.#usableStore();
    if (!store) return;
    const sent = Date.now();
    this.#scopeOf()
      .then((scope) => {
        // The hold is relative: shorten it by the time spent hashing the credential.
        const late = Date.now() - sent;
        const relative = holdMs === undefined ? undefined : holdMs - late;
        return withTimeout(store.report({ scope, ...full, holdMs: relative }), this.#storeTimeout);
      })
      .then(
        () => this.#storeAnswered(),
        (error: unknown) => this.#storeFailed(error),
      );
  }

  #usableStore(): RateLimitStore | undefined {
    if (!this.#store) return undefined;
    if (this.#storeDown && Date.now() < this.#retryStoreAt) return undefined;
    return this.#store;
  }

  #scopeOf(): Promise<string> {
    if (!this.#scope) {
      const credential = this.#identity?.();
      this.#scope = credential ? sha256Hex(credential) : Promise.resolve('anonymous');
    }
    return this.#scope;
  }

  #storeAnswered(): void {
    if (!this.#storeDown) return;
    this.#storeDown = false;
    this.#backoff = FIRST_BACKOFF;
    this.#logger.info('[quiver] rate-limit store answers again: the shared budget applies again.');
  }

  #storeFailed(error: unknown): void {
    if (!this.#storeDown) {
      this.#logger.warn(
        `[quiver] rate-limit store failed (${describe(error)}): using this process's own rate limit until it answers again.`,
      );
    }
    this.#storeDown = true;
    this.#retryStoreAt = Date.now() + this.#backoff;
    this.#backoff = Math.min(MAX_BACKOFF, this.#backoff * 2);
  }
}

/** What the pipeline knows when it reserves a token. */
export interface TokenWaitOptions {
  /** Named buckets the call draws from. */
  buckets?: readonly string[] | undefined;
  /** Tokens per bucket. Default 1. */
  cost?: number | undefined;
  /** Aborts the wait (the token is refunded). */
  signal?: AbortSignal | undefined;
  /** The client's `maxRetryAfter`: a longer server hold fails at once. */
  maxRetryAfter: number;
  /** Milliseconds left of the attempt's timeout; `undefined` for none. */
  timeLeft?: number | undefined;
  /** For messages: `Puck GET /v1/agents`. */
  where: string;
}

/**
 * The decision on a reservation, without waiting: returns when the caller may wait `reservation.wait`
 * ms and send; otherwise refunds the token and throws — `RateLimitError` (`retryAfter` = the rest of
 * the hold) for a server hold longer than `maxRetryAfter`, `APITimeoutError` for a wait longer than
 * the time left in the attempt's timeout. Nothing is sent in either case.
 */
export function checkReservation(
  reservation: RateLimitReservation,
  opts: Pick<TokenWaitOptions, 'maxRetryAfter' | 'timeLeft' | 'where'>,
): void {
  const { wait } = reservation;
  if (wait <= 0) return;
  if (reservation.held && wait > opts.maxRetryAfter) {
    reservation.refund();
    throw new RateLimitError({
      status: 429,
      headers: new Headers(),
      message: `${opts.where}: the server asked for a pause of ${seconds(wait)} more, longer than maxRetryAfter (${seconds(opts.maxRetryAfter)}); not sent.`,
      retryAfter: wait,
    });
  }
  if (opts.timeLeft !== undefined && opts.timeLeft > 0 && wait > opts.timeLeft) {
    reservation.refund();
    throw new APITimeoutError(
      `${opts.where}: the rate limit allows the next call in ${seconds(wait)}, after the ${seconds(opts.timeLeft)} left of the timeout; not sent.`,
    );
  }
}

/**
 * Reserves a token, decides (`checkReservation`) and waits for it. Rejects with `signal.reason` on
 * abort, after refunding the token.
 */
export async function waitForToken(limiter: RateLimiter, opts: TokenWaitOptions): Promise<void> {
  if (opts.signal?.aborted) throw opts.signal.reason;
  const reservation = await limiter.reserve(opts.buckets ?? [], opts.cost ?? 1);
  checkReservation(reservation, opts);
  if (reservation.wait <= 0) return;
  try {
    await sleep(reservation.wait, opts.signal);
  } catch (error) {
    reservation.refund();
    throw error;
  }
}

function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

export { parseRateLimitHeaders } from './rate-limit-headers.js';
