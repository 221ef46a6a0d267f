/**
 * One behaviour suite, run against core's in-memory store and against the Redis store on a real
 * redis-server: a user switching stores keeps the same limits. Waits are read with a real margin
 * (each expected wait is an upper bound that shrinks only by the few ms between two calls).
 */
import { MemoryRateLimitStore, type RateLimitStore, type StoreBucket } from '@quiver/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from '../src/index.js';
import { connectRedis, type MiniRedis, REDIS_AVAILABLE, type RedisServer, startRedis } from './redis.js';

const slow: StoreBucket = { key: 'main', perSecond: 1, capacity: 2 };
const MARGIN = 300; // ms a loaded machine may take between two store calls

let n = 0;
const freshScope = () => `scope${Date.now().toString(36)}${(n++).toString(36)}`;

function contract(name: string, make: () => RateLimitStore) {
  describe(`${name} store`, () => {
    let store: RateLimitStore;
    beforeAll(() => {
      store = make();
    });
    const reserve = (scope: string, buckets: StoreBucket[], cost = 1) =>
      store.reserve({ scope, buckets, cost });

    it('lets a full bucket go at once, then queues callers at the refill rate', async () => {
      const scope = freshScope();
      const waits = [];
      for (let i = 0; i < 4; i++) waits.push((await reserve(scope, [slow])).wait);
      expect(waits.slice(0, 2)).toEqual([0, 0]);
      expect(waits[2]).toBeLessThanOrEqual(1_000);
      expect(waits[2]).toBeGreaterThan(1_000 - MARGIN);
      expect(waits[3]).toBeLessThanOrEqual(2_000);
      expect(waits[3]).toBeGreaterThan(2_000 - MARGIN);
    });

    it('draws several buckets at once and answers the longest wait', async () => {
      const scope = freshScope();
      const main: StoreBucket = { key: 'main', perSecond: 1_000, capacity: 100 };
      const named: StoreBucket = { key: 'n:triggers', perSecond: 1, capacity: 1 };
      expect((await reserve(scope, [main, named])).wait).toBe(0);
      const second = await reserve(scope, [main, named]);
      expect(second.wait).toBeGreaterThan(1_000 - MARGIN);
      expect(second).toMatchObject({ held: false });
      // Calls that do not name the bucket are not slowed by it.
      expect((await reserve(scope, [main])).wait).toBe(0);
    });

    it('takes a cost of several tokens', async () => {
      const scope = freshScope();
      const bucket: StoreBucket = { key: 'main', perSecond: 2, capacity: 3 };
      expect((await reserve(scope, [bucket], 3)).wait).toBe(0);
      const next = (await reserve(scope, [bucket], 1)).wait;
      expect(next).toBeLessThanOrEqual(500);
      expect(next).toBeGreaterThan(500 - MARGIN);
    });

    it('gives refunded tokens back to the next caller', async () => {
      const scope = freshScope();
      const one: StoreBucket = { key: 'main', perSecond: 1, capacity: 1 };
      await reserve(scope, [one]);
      expect((await reserve(scope, [one])).wait).toBeGreaterThan(1_000 - MARGIN);
      await store.refund({ scope, buckets: [one], cost: 1 });
      // Without the refund this caller would wait 2 s.
      const after = (await reserve(scope, [one])).wait;
      expect(after).toBeLessThanOrEqual(1_000);
      expect(after).toBeGreaterThan(1_000 - MARGIN);
    });

    it('holds every caller of the scope, then has the whole window available at once', async () => {
      const scope = freshScope();
      const perMinute: StoreBucket = { key: 'main', perSecond: 1 / 60, capacity: 3 };
      await store.report({ scope, bucket: perMinute, holdMs: 600 });
      const waits = [];
      for (let i = 0; i < 4; i++) waits.push(await reserve(scope, [perMinute]));
      for (const r of waits.slice(0, 3)) {
        expect(r.held).toBe(true);
        expect(r.wait).toBeLessThanOrEqual(600);
        expect(r.wait).toBeGreaterThan(600 - MARGIN);
      }
      // The fourth waits for the next token of the restarted window: a minute after the hold.
      expect(waits[3]?.wait).toBeGreaterThan(60_000);
      // Another scope (another API key) is not held.
      expect(await reserve(freshScope(), [perMinute])).toEqual({ wait: 0, held: false });
    });

    it('keeps the longest hold: a shorter report does not shorten it, a longer one extends it', async () => {
      const scope = freshScope();
      const bucket: StoreBucket = { key: 'main', perSecond: 100, capacity: 100 };
      await store.report({ scope, bucket, holdMs: 800 });
      await store.report({ scope, bucket, holdMs: 100 });
      expect((await reserve(scope, [bucket])).wait).toBeGreaterThan(800 - MARGIN);
      await store.report({ scope, bucket, holdMs: 3_000 });
      expect((await reserve(scope, [bucket])).wait).toBeGreaterThan(3_000 - MARGIN);
    });

    it('ends a hold on time', async () => {
      const scope = freshScope();
      const bucket: StoreBucket = { key: 'main', perSecond: 100, capacity: 100 };
      await store.report({ scope, bucket, holdMs: 50 });
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(await reserve(scope, [bucket])).toEqual({ wait: 0, held: false });
    });

    it('ignores a hold of zero or less (a reset in the past means now)', async () => {
      const scope = freshScope();
      await store.report({ scope, bucket: slow, holdMs: 0 });
      await store.report({ scope, bucket: slow, holdMs: -5_000 });
      expect(await reserve(scope, [slow])).toEqual({ wait: 0, held: false });
    });

    it('lowers the bucket to what the server says remains', async () => {
      const scope = freshScope();
      const bucket: StoreBucket = { key: 'main', perSecond: 1, capacity: 10 };
      await store.report({ scope, bucket, remaining: 1 });
      expect((await reserve(scope, [bucket])).wait).toBe(0);
      expect((await reserve(scope, [bucket])).wait).toBeGreaterThan(1_000 - MARGIN);
    });

    it('never waits on an unlimited bucket except during a hold', async () => {
      const scope = freshScope();
      const unlimited: StoreBucket = { key: 'main', perSecond: Number.POSITIVE_INFINITY, capacity: 1 };
      for (let i = 0; i < 5; i++) expect((await reserve(scope, [unlimited])).wait).toBe(0);
      await store.report({ scope, bucket: unlimited, holdMs: 500 });
      const held = await reserve(scope, [unlimited]);
      expect(held.held).toBe(true);
      expect(held.wait).toBeGreaterThan(500 - MARGIN);
    });
  });
}

contract('memory', () => new MemoryRateLimitStore());

describe.skipIf(!REDIS_AVAILABLE)('on a real redis-server', () => {
  let server: RedisServer;
  let client: MiniRedis;
  beforeAll(async () => {
    server = await startRedis();
    client = connectRedis(server.port);
  }, 20_000);
  afterAll(async () => {
    client?.close();
    await server?.stop();
  });
  contract('redis', () => createRedisStore({ sendCommand: (args) => client.sendCommand(args) }));
});
