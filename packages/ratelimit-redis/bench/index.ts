// What the Redis store costs and what it buys (`pnpm --filter @quiver/ratelimit-redis bench`; Node ≥ 23.6
// runs this TypeScript directly). Starts its own redis-server on a free loopback port.
//
// 1. Added latency per call: the same client against a loopback HTTP server, limits high enough that
//    nothing waits, with the in-memory store and with the Redis store (one EVALSHA per call on
//    loopback); p50/p99 of each and the difference. Also the bare store round trip.
// 2. Throughput of N forked workers sharing one key against a server enforcing 50/s (bucket 100,
//    429 past it), each worker with limits 50/s, burst 50: combined calls/s over the second half of the calls (long after the first burst),
//    and the 429s (zero expected).
//
// Not a timed test: it prints figures and never fails on noise.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearerAuth, type ClientOptions, QuiverClient, type RateLimitStore } from '@quiver/core';
import * as esbuild from 'esbuild';
import { createRedisStore } from '../src/index.ts';
import { connectRedis, startRedis } from '../test/redis.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const KEY = 'bench_live_0123456789abcdef';

class Bench extends QuiverClient {
  constructor(options: ClientOptions & { baseURL: string }) {
    super(options, {
      name: 'Bench',
      sdk: 'quiver-bench',
      version: '0.0.0',
      baseURL: options.baseURL,
      auth: bearerAuth(KEY),
      rateLimit: { perSecond: 1_000_000, burst: 1_000_000 },
    });
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const ms = (x: number) => `${x.toFixed(3)} ms`;

async function latency(label: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { label, p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

const redis = await startRedis();
const conn = connectRedis(redis.port);
const api = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
});
await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
const apiURL = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

try {
  const store: RateLimitStore = createRedisStore({ sendCommand: (args) => conn.sendCommand(args) });
  const memory = new Bench({ baseURL: apiURL });
  const shared = new Bench({ baseURL: apiURL, rateLimitStore: store });
  const request = { scope: 'bench', buckets: [{ key: 'main', perSecond: 1e6, capacity: 1e6 }], cost: 1 };
  const storeRow = await latency('store.reserve() alone, Redis on loopback', () => store.reserve(request));
  // The two clients take turns, call by call, so that noise from the machine falls on both alike.
  const times = { memory: [] as number[], redis: [] as number[] };
  for (let i = 0; i < CALLS + 200; i++) {
    for (const [name, client] of [
      ['memory', memory],
      ['redis', shared],
    ] as const) {
      const t = performance.now();
      await client.request({ method: 'GET', path: '/v1/x' });
      if (i >= 200) times[name].push(performance.now() - t);
    }
  }
  const stats = (list: number[]) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
  };
  const m = stats(times.memory);
  const r = stats(times.redis);
  console.log(`\n1. Latency, ${CALLS} calls each (p50 / p99):`);
  console.log(`   ${storeRow.label.padEnd(42)} ${ms(storeRow.p50)} / ${ms(storeRow.p99)}`);
  console.log(`   ${'client call, memory store'.padEnd(42)} ${ms(m.p50)} / ${ms(m.p99)}`);
  console.log(`   ${'client call, Redis store'.padEnd(42)} ${ms(r.p50)} / ${ms(r.p99)}`);
  console.log(`   added by the Redis store: p50 ${ms(r.p50 - m.p50)}, p99 ${ms(r.p99 - m.p99)}`);
} finally {
  conn.close();
  api.closeAllConnections();
  api.close();
}

// 2. Throughput of N workers
const LIMIT = 50;
const dir = mkdtempSync(join(tmpdir(), 'quiver-bench-'));
const script = join(dir, 'worker.mjs');
await esbuild.build({
  entryPoints: [join(import.meta.dirname, '../test/fleet-worker.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  outfile: script,
  logLevel: 'silent',
});
let tokens = 2 * LIMIT;
let last = performance.now();
const arrivals: { at: number; status: number }[] = [];
const vendor = createServer((_req, res) => {
  const now = performance.now();
  tokens = Math.min(2 * LIMIT, tokens + ((now - last) / 1000) * LIMIT);
  last = now;
  const status = tokens >= 1 ? 200 : 429;
  if (status === 200) tokens -= 1;
  arrivals.push({ at: now, status });
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end('{}');
});
await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve));
const vendorURL = `http://127.0.0.1:${(vendor.address() as AddressInfo).port}`;

console.log(
  `\n2. N workers on one key, limit ${LIMIT}/s (server bucket ${2 * LIMIT}), ${4 * LIMIT} calls in all:`,
);
try {
  for (const n of [1, 2, 4, 8]) {
    const workers = await Promise.all(
      Array.from({ length: n }, async () => {
        const child = fork(script, [
          JSON.stringify({ baseURL: vendorURL, apiKey: KEY, redisPort: redis.port, rate: LIMIT }),
        ]);
        const replies: ((m: unknown) => void)[] = [];
        child.on('message', (m) => replies.shift()?.(m));
        await new Promise((resolve) => replies.push(resolve));
        return {
          child,
          ask: (m: object) =>
            new Promise((resolve) => {
              replies.push(resolve);
              child.send(m);
            }),
        };
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // both buckets full again
    await conn.sendCommand(['FLUSHALL']).catch(() => {});
    tokens = 2 * LIMIT;
    last = performance.now();
    arrivals.length = 0;
    const total = 4 * LIMIT;
    await Promise.all(workers.map((w) => w.ask({ cmd: 'run', calls: total / n, concurrency: 4 })));
    const at = arrivals.map((a) => a.at).sort((a, b) => a - b);
    // Steady state: the second half of the calls, long after the first burst.
    const half = Math.floor(at.length / 2);
    const rate = (at.length - 1 - half) / (((at.at(-1) ?? 0) - (at[half] ?? 0)) / 1000);
    const refused = arrivals.filter((a) => a.status === 429).length;
    console.log(
      `   ${n} worker(s): ${rate.toFixed(2)} calls/s in the second half (${((rate / LIMIT) * 100).toFixed(1)} % of the limit), ${refused} × 429`,
    );
    for (const w of workers) w.child.disconnect();
  }
} finally {
  vendor.closeAllConnections();
  vendor.close();
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}
