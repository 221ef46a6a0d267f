/** What only the Redis store does: keys, scripts, the server's clock, and Redis going away. */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearerAuth, type ClientOptions, QuiverClient, RateLimiter, type StoreBucket } from '@quiver/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedisStore } from '../src/index.js';
import { connectRedis, type MiniRedis, REDIS_AVAILABLE, type RedisServer, startRedis } from './redis.js';

const SECRET = 'rl_live_s3cr3t_NEVER_IN_REDIS_77a1';
const DIGEST = createHash('sha256').update(SECRET).digest('hex');

class TestClient extends QuiverClient {
  constructor(options: ClientOptions & { baseURL: string }) {
    super(
      { maxRetries: 0, ...options },
      {
        name: 'Test',
        sdk: 'quiver-test',
        version: '0.0.0',
        baseURL: options.baseURL,
        auth: bearerAuth(SECRET),
        rateLimit: { perSecond: 50, burst: 5 },
      },
    );
  }
}

function memoryLogger() {
  const warn: string[] = [];
  const info: string[] = [];
  return {
    warn,
    info,
    logger: { error() {}, warn: (m: string) => warn.push(m), info: (m: string) => info.push(m), debug() {} },
  };
}

type Answer = { status: number; headers?: Record<string, string> };

async function startApi(handler: (path: string) => Answer) {
  const server: Server = createServer((req, res) => {
    const { status, headers } = handler(req.url ?? '/');
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('createRedisStore options', () => {
  it('refuses a missing sendCommand and a prefix with braces, at once', () => {
    expect(() => createRedisStore({} as never)).toThrow(
      'createRedisStore: sendCommand must be a function sending one command',
    );
    expect(() => createRedisStore({ sendCommand: async () => null, prefix: 'app:{x}:' })).toThrow(
      'createRedisStore: prefix must be a string without { or }.',
    );
  });
});

describe('a store that never answers', () => {
  it('never hangs a call: after the 250 ms timeout the local bucket answers, with one warning', async () => {
    const { logger, warn } = memoryLogger();
    const hanging = createRedisStore({ sendCommand: () => new Promise(() => {}) });
    const limiter = new RateLimiter(
      { perSecond: 10, burst: 2 },
      { store: hanging, logger, identity: () => SECRET },
    );
    const started = Date.now();
    const first = await limiter.reserve();
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(first.wait).toBe(0);
    // While the store is failing, later calls do not wait for it again: the local bucket answers at once.
    const t = Date.now();
    await limiter.reserve();
    const third = await limiter.reserve();
    expect(Date.now() - t).toBeLessThan(200); // well under the 250 ms a store call would cost
    expect(third.wait).toBeGreaterThan(0); // the local bucket (burst 2) still limits
    expect(warn).toHaveLength(1);
    expect(warn[0]).toMatch(/rate-limit store failed \(no answer within 250 ms\)/);
    expect(warn[0]).not.toContain(SECRET);
  });
});

describe.skipIf(!REDIS_AVAILABLE)('on a real redis-server', () => {
  let server: RedisServer;
  let redis: MiniRedis;
  beforeAll(async () => {
    server = await startRedis();
    redis = connectRedis(server.port);
  }, 20_000);
  afterAll(async () => {
    redis?.close();
    await server?.stop();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const keyspace = async () => ((await redis.sendCommand(['KEYS', '*'])) as string[]).sort();

  it('keys budgets by a digest of the API key: the key reaches Redis nowhere, not in a key, a value or a command', async () => {
    await redis.sendCommand(['FLUSHALL']);
    const recorder = connectRedis(server.port);
    let n = 0;
    const api = await startApi(
      (): Answer =>
        ++n === 3
          ? { status: 429, headers: { 'retry-after': '30' } }
          : { status: 200, headers: { 'x-ratelimit-remaining': '7' } },
    );
    try {
      const client = new TestClient({
        baseURL: api.url,
        rateLimitStore: createRedisStore({ sendCommand: (args) => recorder.sendCommand(args) }),
      });
      await client.request({ method: 'GET', path: '/v1/x' });
      await client.request({ method: 'GET', path: '/v1/x' });
      await expect(client.request({ method: 'GET', path: '/v1/x' })).rejects.toMatchObject({ status: 429 });
      await new Promise((resolve) => setTimeout(resolve, 50)); // the hold's report is sent in the background
      const keys = await keyspace();
      expect(keys).toEqual([`quiver:rl:{${DIGEST}}:hold`, `quiver:rl:{${DIGEST}}:main`]);
      const values = [
        await redis.sendCommand(['GET', keys[0]!]),
        await redis.sendCommand(['HGETALL', keys[1]!]),
      ];
      const everything = JSON.stringify({ keys, values, sent: recorder.sent });
      expect(everything).not.toContain(SECRET);
      expect(everything).not.toContain(SECRET.slice(8, 20));
      // The 30 s hold is in Redis for the whole fleet, expiring with it.
      const ttl = Number(await redis.sendCommand(['PTTL', keys[0]!]));
      expect(ttl).toBeGreaterThan(29_000);
      expect(ttl).toBeLessThanOrEqual(30_000);
    } finally {
      recorder.close();
      await api.close();
    }
  });

  it('keeps one budget in one Redis Cluster slot: every key of a scope carries the same hash tag', async () => {
    await redis.sendCommand(['FLUSHALL']);
    const store = createRedisStore({ sendCommand: (args) => redis.sendCommand(args), prefix: 'app1:' });
    const buckets: StoreBucket[] = [
      { key: 'main', perSecond: 1, capacity: 5 },
      { key: 'n:triggers', perSecond: 1, capacity: 5 },
    ];
    await store.reserve({ scope: 'abc123', buckets, cost: 1 });
    await store.report({ scope: 'abc123', bucket: buckets[0]!, holdMs: 1_000 });
    const keys = await keyspace();
    expect(keys).toEqual(['app1:{abc123}:hold', 'app1:{abc123}:main', 'app1:{abc123}:n:triggers']);
  });

  it('lets a bucket key expire once the bucket would be full again', async () => {
    await redis.sendCommand(['FLUSHALL']);
    const store = createRedisStore({ sendCommand: (args) => redis.sendCommand(args) });
    const bucket: StoreBucket = { key: 'main', perSecond: 10, capacity: 2 };
    await store.reserve({ scope: 's', buckets: [bucket], cost: 1 });
    const ttl = Number(await redis.sendCommand(['PTTL', 'quiver:rl:{s}:main']));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(100); // one token at 10/s
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await keyspace()).toEqual([]);
    // A refund that fills the bucket removes its key at once.
    await store.reserve({ scope: 's', buckets: [bucket], cost: 1 });
    await store.refund({ scope: 's', buckets: [bucket], cost: 1 });
    expect(await keyspace()).toEqual([]);
  });

  it('runs its scripts by EVALSHA, falling back to EVAL once after NOSCRIPT (first use, SCRIPT FLUSH)', async () => {
    const recorder = connectRedis(server.port);
    try {
      await redis.sendCommand(['SCRIPT', 'FLUSH']);
      const store = createRedisStore({ sendCommand: (args) => recorder.sendCommand(args) });
      const req = { scope: 'scripts', buckets: [{ key: 'main', perSecond: 100, capacity: 100 }], cost: 1 };
      await store.reserve(req);
      await store.reserve(req);
      expect(recorder.sent.map((c) => c[0])).toEqual(['EVALSHA', 'EVAL', 'EVALSHA']);
      await redis.sendCommand(['SCRIPT', 'FLUSH']);
      await store.reserve(req);
      expect(recorder.sent.map((c) => c[0]).slice(3)).toEqual(['EVALSHA', 'EVAL']);
    } finally {
      recorder.close();
    }
  });

  it("times everything on the Redis server's clock, not the worker's", async () => {
    const store = createRedisStore({ sendCommand: (args) => redis.sendCommand(args) });
    const bucket: StoreBucket = { key: 'main', perSecond: 1, capacity: 1 };
    await store.reserve({ scope: 'clock', buckets: [bucket], cost: 1 });
    // This process's clock jumps an hour ahead: the bucket has not refilled for Redis.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3_600_000 });
    const next = await store.reserve({ scope: 'clock', buckets: [bucket], cost: 1 });
    expect(next.wait).toBeGreaterThan(700);
    expect(next.wait).toBeLessThanOrEqual(1_000);
  });

  it('keeps calls going on the local bucket when Redis is stopped mid-run, and never hangs one', async () => {
    const own = await startRedis();
    const recorder = connectRedis(own.port);
    const api = await startApi(() => ({ status: 200 }));
    const { logger, warn } = memoryLogger();
    try {
      const client = new TestClient({
        baseURL: api.url,
        logger,
        rateLimitStore: createRedisStore({ sendCommand: (args) => recorder.sendCommand(args) }),
      });
      const slowest: number[] = [];
      const call = async () => {
        const t = Date.now();
        await client.request({ method: 'GET', path: '/v1/x' });
        slowest.push(Date.now() - t);
      };
      for (let i = 0; i < 5; i++) await call();
      expect(warn).toEqual([]);
      await own.stop(true);
      const started = Date.now();
      for (let i = 0; i < 20; i++) await call();
      // 20 calls at the local 50/s (burst 5): ≈ 0.3 s of pacing, plus one failed store call.
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(Math.max(...slowest)).toBeLessThan(1_000);
      expect(warn).toHaveLength(1);
      expect(warn[0]).toMatch(/rate-limit store failed .*using this process's own rate limit/);
    } finally {
      recorder.close();
      await own.stop();
      await api.close();
    }
  });
});
