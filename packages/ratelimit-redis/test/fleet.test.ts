/**
 * The fleet: four forked Node processes, each with its own client and its own Redis connection, on one
 * API key, against a loopback server that enforces the vendor's limit exactly.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_AVAILABLE, type RedisServer, startRedis } from './redis.js';

const API_KEY = 'fleet_live_0123456789abcdef';

/**
 * Push Security's documented limit, the generous reading its fake uses: 10 requests per second, plus
 * "temporary extra capacity of 10 more" — a token bucket refilling 10/s that holds 20. Anything over
 * it is a 429. `/v1/busy/<seconds>` answers 429 with that `Retry-After` (without taking a token).
 */
async function startVendor() {
  const arrivals: { at: number; path: string; status: number }[] = [];
  let tokens = 20;
  let last = performance.now();
  const server: Server = createServer((req, res) => {
    const now = performance.now();
    const path = req.url ?? '/';
    const busy = /^\/v1\/busy\/(\d+)$/.exec(path);
    let status = 200;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (busy) {
      status = 429;
      headers['retry-after'] = busy[1] ?? '1';
    } else {
      tokens = Math.min(20, tokens + ((now - last) / 1000) * 10);
      last = now;
      if (tokens >= 1) tokens -= 1;
      else status = 429;
    }
    arrivals.push({ at: now, path, status });
    res.writeHead(status, headers);
    res.end(status === 200 ? '{"ok":true}' : '{"error":"rate limited"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    /** Lets the bucket fill up again (a new test starts from a quiet server). */
    refill() {
      tokens = 20;
      last = performance.now();
      arrivals.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Worker {
  child: ChildProcess;
  ask<T = Record<string, unknown>>(message: unknown): Promise<T>;
}

async function startWorker(script: string, setup: object): Promise<Worker> {
  const child = fork(script, [JSON.stringify(setup)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const replies: ((value: unknown) => void)[] = [];
  child.on('message', (m) => replies.shift()?.(m));
  await new Promise((resolve) => replies.push(resolve));
  return {
    child,
    ask: <T>(message: unknown) =>
      new Promise<T>((resolve) => {
        replies.push(resolve as (value: unknown) => void);
        child.send(message as object);
      }),
  };
}

describe.skipIf(!REDIS_AVAILABLE)('a fleet of four processes on one key', () => {
  let redis: RedisServer;
  let vendor: Awaited<ReturnType<typeof startVendor>>;
  let dir: string;
  let script: string;
  let workers: Worker[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quiver-fleet-'));
    script = join(dir, 'fleet-worker.mjs');
    // One self-contained file per worker process (core, ky, valibot, this package's src): runs on
    // any Node, without TypeScript support or a build of this package.
    await esbuild.build({
      entryPoints: [join(import.meta.dirname, 'fleet-worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      outfile: script,
      logLevel: 'silent',
    });
    [redis, vendor] = await Promise.all([startRedis(), startVendor()]);
  }, 30_000);

  afterAll(async () => {
    for (const w of workers) w.child.disconnect();
    await Promise.all([redis?.stop(), vendor?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const fleet = async (shared: boolean) => {
    for (const w of workers) w.child.disconnect();
    workers = await Promise.all(
      Array.from({ length: 4 }, () =>
        startWorker(script, {
          baseURL: vendor.url,
          apiKey: API_KEY,
          redisPort: shared ? redis.port : undefined,
        }),
      ),
    );
    return workers;
  };

  it('earns zero 429s, at a combined rate within 5 % of the limit (and 429s without the shared store)', async () => {
    // Control: each worker with its own 10/s bucket — together 40/s against a 10/s limit.
    const alone = await fleet(false);
    vendor.refill();
    await Promise.all(alone.map((w) => w.ask({ cmd: 'run', calls: 15, concurrency: 2 })));
    expect(vendor.arrivals.filter((a) => a.status === 429).length).toBeGreaterThan(10);

    const shared = await fleet(true);
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // the vendor's bucket refills
    vendor.refill();
    const results = await Promise.all(
      shared.map((w) => w.ask<{ ok: number; status429: number }>({ cmd: 'run', calls: 15, concurrency: 2 })),
    );
    const arrivals = vendor.arrivals.map((a) => a.at).sort((a, b) => a - b);
    expect(vendor.arrivals.filter((a) => a.status === 429)).toEqual([]);
    expect(results.reduce((n, r) => n + r.ok, 0)).toBe(60);
    expect(arrivals).toHaveLength(60);
    // The shared bucket lets its 10 tokens go at once, then one call per 100 ms: measure the steady
    // rate from the 21st arrival to the last (39 intervals, ≈ 3.9 s), well after the burst.
    const first = arrivals[20] ?? 0;
    const lastAt = arrivals[59] ?? 0;
    const rate = (59 - 20) / ((lastAt - first) / 1000);
    console.log(`fleet of 4: ${rate.toFixed(2)} calls/s against a limit of 10/s`);
    expect(rate).toBeGreaterThan(9.5);
    expect(rate).toBeLessThan(10.5);
  }, 30_000);

  it("pauses every worker when one sees a 429's Retry-After, and fails them fast past maxRetryAfter", async () => {
    const [a, b, c, d] = await fleet(true);
    vendor.refill();
    const busy = await a!.ask<{ status: number; rateLimited: boolean }>({ cmd: 'call', path: '/v1/busy/2' });
    expect(busy).toMatchObject({ status: 429, rateLimited: true });
    const heardAt = performance.now();
    const others = await Promise.all(
      [b, c, d].map((w) => w!.ask<{ ok: boolean; elapsed: number }>({ cmd: 'call', path: '/v1/items' })),
    );
    for (const o of others) {
      expect(o.ok).toBe(true);
      // Held until the end of the 2 s pause, minus the time since the 429 (a few ms).
      expect(o.elapsed).toBeGreaterThan(1_500);
    }
    const items = vendor.arrivals.filter((x) => x.path === '/v1/items');
    expect(items).toHaveLength(3);
    for (const x of items) expect(x.at - heardAt).toBeGreaterThan(1_500);

    // A day-long Retry-After is not queued behind: the others fail at once, nothing sent.
    await a!.ask({ cmd: 'call', path: '/v1/busy/86400' });
    const before = vendor.arrivals.length;
    const failed = await Promise.all(
      [b, c, d].map((w) =>
        w!.ask<{ rateLimited: boolean; retryAfter: number; elapsed: number }>({
          cmd: 'call',
          path: '/v1/items',
        }),
      ),
    );
    for (const f of failed) {
      expect(f.rateLimited).toBe(true);
      expect(f.retryAfter).toBeGreaterThan(86_000_000);
      expect(f.elapsed).toBeLessThan(1_000);
    }
    expect(vendor.arrivals.length).toBe(before);
  }, 30_000);
});
