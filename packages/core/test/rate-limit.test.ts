import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APITimeoutError,
  MAX_TIMER_DELAY,
  parseRateLimitHeaders,
  RateLimitError,
  RateLimiter,
  type RateLimitStore,
  type StoreReport,
  type StoreRequest,
  sleep,
  waitForToken,
} from '../src/index.js';
import { json, memoryLogger, SECRET, startServer, TestClient } from './helpers.js';

const waits = async (limiter: RateLimiter, n: number, buckets: string[] = []) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await limiter.reserve(buckets)).wait);
  return out;
};

// The limiter's arithmetic on a fake clock: exact numbers, nothing that depends on the machine's load.
describe('token bucket (fake clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: 1_800_000_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets a burst through at once, then paces at the refill rate', async () => {
    const limiter = new RateLimiter({ perSecond: 20, burst: 5 });
    expect(await waits(limiter, 9)).toEqual([0, 0, 0, 0, 0, 50, 100, 150, 200]);
    vi.advanceTimersByTime(1_000);
    expect(await waits(limiter, 1)).toEqual([0]);
  });

  it('draws from named buckets only for calls that name them, on top of the main bucket', async () => {
    const limiter = new RateLimiter({
      perSecond: 1000,
      burst: 100,
      buckets: { triggers: { perSecond: 10, burst: 1 } },
    });
    expect(await waits(limiter, 10)).toEqual(Array(10).fill(0));
    expect(await waits(limiter, 3, ['triggers'])).toEqual([0, 100, 200]);
    expect(await waits(limiter, 1)).toEqual([0]);
  });

  it('gives the token back when the wait is aborted', async () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 1 });
    const token = { maxRetryAfter: 60_000, where: 'Test GET /v1/x' };
    await waitForToken(limiter, token);
    const controller = new AbortController();
    const waiting = waitForToken(limiter, { ...token, signal: controller.signal });
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    // Refunded: the next caller waits for the first refill, not the second.
    expect(await waits(limiter, 1)).toEqual([990]);
  });

  it('holds calls while the server reports zero remaining, until its reset', async () => {
    const limiter = new RateLimiter({});
    limiter.observe({ remaining: 0, reset: new Date(Date.now() + 250) });
    expect(await limiter.reserve()).toMatchObject({ wait: 250, held: true });
    vi.advanceTimersByTime(250);
    expect(await limiter.reserve()).toMatchObject({ wait: 0, held: false });
  });

  it('after a reported reset, the whole quota is available again at once', async () => {
    // 60/min: without the reset rule, the calls after the reset would be paced a second apart.
    const limiter = new RateLimiter({ perMinute: 60, burst: 60 });
    limiter.observe({ remaining: 0, reset: new Date(Date.now() + 200) });
    expect(await waits(limiter, 3)).toEqual([200, 200, 200]);
  });

  it('treats a reset in the past as now: no hold', async () => {
    const limiter = new RateLimiter({});
    const info = parseRateLimitHeaders(
      new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Date.now() / 1000 - 3600) }),
    );
    expect(info?.reset?.getTime()).toBe(Date.now());
    limiter.observe(info);
    expect(await limiter.reserve()).toMatchObject({ wait: 0, held: false });
  });

  it("hold(ms) (a 429's Retry-After) holds every caller; adaptive: false ignores headers, not a 429", async () => {
    const limiter = new RateLimiter({ perSecond: 10, adaptive: false });
    limiter.observe({ remaining: 0, reset: new Date(Date.now() + 5_000) });
    expect(await limiter.reserve()).toMatchObject({ wait: 0, held: false });
    limiter.hold(2_000);
    expect(await limiter.reserve()).toMatchObject({ wait: 2_000, held: true });
  });

  it('fails at once, nothing queued, when a server hold is longer than maxRetryAfter', async () => {
    const limiter = new RateLimiter({ perSecond: 10 });
    limiter.hold(86_400_000); // Retry-After: 86400
    const error = await waitForToken(limiter, { maxRetryAfter: 60_000, where: 'Test GET /v1/x' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      retryAfter: 86_400_000,
      message:
        'Test GET /v1/x: the server asked for a pause of 86400 s more, longer than maxRetryAfter (60 s); not sent.',
    });
    expect(vi.getTimerCount()).toBe(0);
    // The token was refunded: after the hold the whole bucket (10) is there.
    vi.advanceTimersByTime(86_400_000);
    expect(await waits(limiter, 10)).toEqual(Array(10).fill(0));
  });

  it('fails with APITimeoutError when the wait is longer than the time left in the attempt', async () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 1 });
    await limiter.reserve();
    await expect(
      waitForToken(limiter, { maxRetryAfter: 60_000, timeLeft: 500, where: 'Test GET /v1/x' }),
    ).rejects.toThrow(
      new APITimeoutError(
        'Test GET /v1/x: the rate limit allows the next call in 1.0 s, after the 0.5 s left of the timeout; not sent.',
      ),
    );
    expect(await waits(limiter, 1)).toEqual([1000]); // refunded
  });

  it('never hands a timer more than 2^31−1 ms', async () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const done = sleep(3 * MAX_TIMER_DELAY + 5);
    await vi.advanceTimersByTimeAsync(3 * MAX_TIMER_DELAY + 5);
    await done;
    const delays = spy.mock.calls.map((c) => c[1] ?? 0);
    expect(delays).toEqual([MAX_TIMER_DELAY, MAX_TIMER_DELAY, MAX_TIMER_DELAY, 5]);
    spy.mockRestore();
  });

  it('parses X-RateLimit-* and RateLimit-* headers', () => {
    const now = 1_800_000_000_000;
    expect(
      parseRateLimitHeaders(
        new Headers({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '1800000010' }),
        now,
      ),
    ).toEqual({ limit: undefined, remaining: 3, reset: new Date(1_800_000_010_000) });
    expect(
      parseRateLimitHeaders(new Headers({ 'ratelimit-limit': '10', 'ratelimit-reset': '2' }), now),
    ).toEqual({
      limit: 10,
      remaining: undefined,
      reset: new Date(now + 2000),
    });
    expect(parseRateLimitHeaders(new Headers({}), now)).toBeUndefined();
  });
});

/** A store that records what it is asked and answers like an empty bucket, or fails. */
function recordingStore(fail = false) {
  const calls: (StoreRequest | StoreReport)[] = [];
  const store: RateLimitStore = {
    reserve: async (r) => {
      calls.push(r);
      if (fail) throw new Error('connection refused');
      return { wait: 0, held: false };
    },
    refund: async (r) => {
      calls.push(r);
    },
    report: async (r) => {
      calls.push(r);
    },
  };
  return { store, calls };
}

describe('a rate-limit store', () => {
  it('receives a SHA-256 digest of the credential as the scope, never the credential', async () => {
    const { store, calls } = recordingStore();
    const limiter = new RateLimiter(
      { perSecond: 10, buckets: { triggers: { perSecond: 1 } } },
      { store, identity: () => SECRET },
    );
    await limiter.reserve(['triggers', 'unknown']);
    limiter.hold(1_000);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const digest = createHash('sha256').update(SECRET).digest('hex');
    expect(calls[0]).toEqual({
      scope: digest,
      cost: 1,
      buckets: [
        { key: 'main', perSecond: 10, capacity: 10 },
        { key: 'n:triggers', perSecond: 1, capacity: 1 },
      ],
    });
    expect(calls[1]).toMatchObject({ scope: digest, bucket: { key: 'main' }, remaining: undefined });
    expect(JSON.stringify(calls)).not.toContain(SECRET);
  });

  it('falls back to the local bucket with one warning when the store fails', async () => {
    const { store } = recordingStore(true);
    const { logger, lines } = memoryLogger();
    const limiter = new RateLimiter({ perSecond: 1, burst: 2 }, { store, logger });
    expect((await waits(limiter, 3))[2]).toBeGreaterThan(900);
    expect(lines.filter((l) => l.startsWith('warn'))).toEqual([
      "warn [quiver] rate-limit store failed (connection refused): using this process's own rate limit until it answers again. ",
    ]);
  });

  it('a 429 held by this process counts at once, before the store has heard of it', async () => {
    const store: RateLimitStore = {
      reserve: async () => ({ wait: 0, held: false }),
      refund: async () => {},
      report: () => new Promise(() => {}),
    };
    const limiter = new RateLimiter({ perSecond: 10 }, { store, logger: memoryLogger().logger });
    limiter.hold(5_000);
    const r = await limiter.reserve();
    expect(r.held).toBe(true);
    expect(r.wait).toBeGreaterThan(4_900);
  });
});

describe('limiter in the client', () => {
  it('is shared by all calls of a client: a burst over the limit sees no 429 from a server enforcing it', async () => {
    // The server enforces 20/s with a bucket of 22; the client is told 20/s with a burst of 2. The
    // 20-token margin absorbs up to a second of scheduling delay on a loaded machine (requests
    // released on time reaching the server in clumps), far more than any test box adds.
    let tokens = 22;
    let last = performance.now();
    const server = await startServer((_req, res) => {
      const now = performance.now();
      tokens = Math.min(22, tokens + ((now - last) / 1000) * 20);
      last = now;
      if (tokens < 1) return json(res, 429, { error: 'rate' });
      tokens -= 1;
      json(res, 200, {});
    });
    try {
      const client = new TestClient({
        baseURL: server.url,
        rateLimit: { perSecond: 20, burst: 2 },
        maxRetries: 0,
      });
      await Promise.all(Array.from({ length: 15 }, () => client.request({ method: 'GET', path: '/v1/x' })));
      expect(server.requests).toHaveLength(15);

      // The same server meets 40 calls at once without the limiter: 18 over its bucket, unless they were
      // spread over ≈ 0.9 s.
      const unlimited = new TestClient({ baseURL: server.url, rateLimit: false, maxRetries: 0 });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 40 }, () => unlimited.request({ method: 'GET', path: '/v1/x' })),
      );
      expect(outcomes.filter((o) => o.status === 'rejected').length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('rateLimit: false turns it off', async () => {
    const server = await startServer((_req, res) => json(res, 200, {}));
    try {
      const client = new TestClient(
        { baseURL: server.url, rateLimit: false },
        { rateLimit: { perSecond: 1, burst: 1 } },
      );
      const started = Date.now();
      await Promise.all(Array.from({ length: 5 }, () => client.request({ method: 'GET', path: '/v1/x' })));
      // With the limiter, the fifth call would wait 4 s.
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await server.close();
    }
  });

  it('adapts: after X-RateLimit-Remaining: 0, the next call waits for the reset', async () => {
    let n = 0;
    const server = await startServer((_req, res) => {
      n += 1;
      json(res, 200, {}, n === 1 ? { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' } : {});
    });
    try {
      const client = new TestClient({ baseURL: server.url });
      await client.request({ method: 'GET', path: '/v1/x' });
      const started = Date.now();
      await client.request({ method: 'GET', path: '/v1/x' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    } finally {
      await server.close();
    }
  });

  it('after a 429 with Retry-After: 86400, the next call fails at once with RateLimitError instead of hanging', async () => {
    const server = await startServer((_req, res) =>
      json(res, 429, { error: 'slow_down' }, { 'retry-after': '86400' }),
    );
    try {
      const client = new TestClient({ baseURL: server.url, maxRetries: 0 });
      await expect(client.request({ method: 'GET', path: '/v1/x' })).rejects.toMatchObject({
        status: 429,
        retryAfter: 86_400_000,
      });
      const started = Date.now();
      const error = await client.request({ method: 'GET', path: '/v1/x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfter).toBeGreaterThan(86_399_000);
      expect((error as RateLimitError).message).toMatch(/longer than maxRetryAfter \(60 s\); not sent\.$/);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
