import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders, RateLimiter } from '../src/index.js';
import { json, startServer, TestClient } from './helpers.js';

async function timeAcquires(limiter: RateLimiter, n: number, buckets: string[] = []) {
  const started = Date.now();
  const done: number[] = [];
  await Promise.all(
    Array.from({ length: n }, () => limiter.acquire(buckets).then(() => done.push(Date.now() - started))),
  );
  return done.sort((a, b) => a - b);
}

describe('token bucket', () => {
  it('lets a burst through at once, then paces at the refill rate', async () => {
    const limiter = new RateLimiter({ perSecond: 20, burst: 5 });
    const times = await timeAcquires(limiter, 9);
    expect(times.slice(0, 5).every((t) => t < 30)).toBe(true);
    // 4 more at 20/s: the last one ≈ 200 ms later.
    expect(times[8]).toBeGreaterThanOrEqual(180);
    expect(times[8]).toBeLessThan(400);
  });

  it('draws from named buckets only for calls that name them, on top of the main bucket', async () => {
    const limiter = new RateLimiter({
      perSecond: 1000,
      burst: 100,
      buckets: { triggers: { perSecond: 10, burst: 1 } },
    });
    const plain = await timeAcquires(limiter, 10);
    expect(plain[9]).toBeLessThan(30);
    const triggers = await timeAcquires(limiter, 3, ['triggers']);
    expect(triggers[0]).toBeLessThan(30);
    expect(triggers[2]).toBeGreaterThanOrEqual(180);
  });

  it('refunds the token and rejects when the wait is aborted', async () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire([], controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('holds calls while the server reports zero remaining, until its reset', async () => {
    const limiter = new RateLimiter({});
    limiter.observe({ remaining: 0, reset: new Date(Date.now() + 250) });
    const started = Date.now();
    await limiter.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('parses X-RateLimit-* and RateLimit-* headers', () => {
    const now = 1_800_000_000_000;
    expect(
      parseRateLimitHeaders(
        new Headers({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '1800000010' }),
        now,
      ),
    ).toEqual({
      limit: undefined,
      remaining: 3,
      reset: new Date(1_800_000_010_000),
    });
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

describe('limiter in the client', () => {
  it('is shared by all calls of a client: a burst over the limit sees no 429 from a server enforcing it', async () => {
    // The server enforces a token bucket of 25/s with capacity 8; the client is told 20/s, burst 5.
    // Without the limiter the 15 calls would meet 7 429s; the margin absorbs scheduling jitter on a
    // loaded CI machine, where requests released on time can still reach the server in clumps.
    let tokens = 8;
    let last = Date.now();
    const server = await startServer((_req, res) => {
      const now = Date.now();
      tokens = Math.min(8, tokens + ((now - last) / 1000) * 25);
      last = now;
      if (tokens < 1) return json(res, 429, { error: 'rate' });
      tokens -= 1;
      json(res, 200, {});
    });
    try {
      const client = new TestClient({
        baseURL: server.url,
        rateLimit: { perSecond: 20, burst: 5 },
        maxRetries: 0,
      });
      await Promise.all(Array.from({ length: 15 }, () => client.request({ method: 'GET', path: '/v1/x' })));
      expect(server.requests).toHaveLength(15);

      // The same burst without the limiter, once the server's bucket has refilled: 429s.
      await new Promise((resolve) => setTimeout(resolve, 400));
      const unlimited = new TestClient({ baseURL: server.url, rateLimit: false, maxRetries: 0 });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 15 }, () => unlimited.request({ method: 'GET', path: '/v1/x' })),
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
      expect(Date.now() - started).toBeLessThan(500);
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
});

describe('server resets', () => {
  it('after a reported reset, the whole quota is available again at once', async () => {
    // 60/min: without the reset rule, the 3 calls after the reset would be paced a second apart.
    const limiter = new RateLimiter({ perMinute: 60, burst: 60 });
    limiter.observe({ remaining: 0, reset: new Date(Date.now() + 200) });
    const times = await timeAcquires(limiter, 3);
    expect(times[0]).toBeGreaterThanOrEqual(150);
    expect(times[2]).toBeLessThan(500);
  });
});
