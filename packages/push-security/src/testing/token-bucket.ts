/**
 * The server side of Push Security's documented limit (vendors/push.md §3): "10 requests per second per
 * user" plus "temporary extra capacity of 10 more requests". Modelled as a token bucket that refills at
 * `perSecond` and holds `perSecond + burst` tokens (20 by default) — the generous reading, so the fake
 * never refuses a request the real API would accept; the client's own bucket (capacity 10) stays under
 * both readings.
 */
export class ServerTokenBucket {
  readonly #rate: number;
  readonly #capacity: number;
  #tokens: number;
  #last: number;

  constructor(perSecond: number, capacity: number, now: number = performance.now()) {
    this.#rate = perSecond;
    this.#capacity = capacity;
    this.#tokens = capacity;
    this.#last = now;
  }

  /** Takes one token; false when the bucket is empty (the request gets a 429). */
  take(now: number = performance.now()): boolean {
    this.#tokens = Math.min(this.#capacity, this.#tokens + ((now - this.#last) / 1000) * this.#rate);
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
