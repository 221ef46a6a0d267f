// The cost of the SDK over a bare `fetch`, measured in one process and one run against a loopback
// node:http server (`pnpm bench` at the root, or `pnpm --filter @quiver/core bench`).
//
// 1. A typical list call: one page of 100 items, each a looseObject of 8 fields validated strictly,
//    through a small vendor client built on the built @quiver/core (dist/), against raw
//    `fetch` + `JSON.parse` of the same bytes. Extra rows split the difference: validation alone
//    (raw + valibot) and the SDK with `validate: 'off'`.
// 2. Pagination of 100 000 items (pages of 1000 via cursor): items/s for the SDK's
//    `for await (const item of list)` against a raw cursor loop, with the peak heap seen at page
//    boundaries; then heap used after a forced GC at every page boundary (`--expose-gc`), to show that
//    memory stays flat.
//
// Not a timed test: it prints figures and ratios and never fails on noise. Target: SDK ≤ 1.10× raw
// fetch for the list call; heap flat across pages.
import { createServer } from 'node:http';
import { Bench } from 'tinybench';
import * as v from 'valibot';
import { bearerAuth, cursorPagination, openEnum, QuiverClient } from '../dist/index.js';

const LIST_SIZE = 100;
const PAGE_SIZE = 1000;
const TOTAL = 100_000;
const KEY = 'bench_live_0123456789abcdef';
const TIME = Number(process.env.BENCH_TIME_MS ?? 3000);
const ROUNDS = 3;

// ---------------------------------------------------------------------------------------------
// Data and server

function item(i) {
  return {
    id: `itm_${String(i).padStart(8, '0')}`,
    name: `Item number ${i}`,
    status: ['open', 'closed', 'snoozed'][i % 3],
    severity: ['low', 'medium', 'high', 'critical'][i % 4],
    score: (i % 97) / 10,
    tags: i % 2 ? ['alpha', 'beta'] : ['gamma'],
    created_at: new Date(1_700_000_000_000 + i * 60_000).toISOString(),
    owner: i % 5 ? { id: `usr_${i % 50}`, email: `user${i % 50}@example.com` } : null,
  };
}

const listItems = JSON.stringify(Array.from({ length: LIST_SIZE }, (_, i) => item(i)));
const pageItems = JSON.stringify(Array.from({ length: PAGE_SIZE }, (_, i) => item(i)));
const LIST_BODY = Buffer.from(`{"items":${listItems},"next_cursor":"c1"}`);

function pageBody(cursor) {
  const page = Number(cursor ?? 0);
  const next = page + 1 < TOTAL / PAGE_SIZE ? JSON.stringify(String(page + 1)) : 'null';
  return Buffer.from(`{"items":${pageItems},"next_cursor":${next}}`);
}

function startServer() {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.headers.authorization !== `Bearer ${KEY}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":"unauthorized"}');
      return;
    }
    const body =
      url.searchParams.get('limit') === String(PAGE_SIZE)
        ? pageBody(url.searchParams.get('cursor'))
        : LIST_BODY;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// A realistic vendor client on @quiver/core

const ItemSchema = v.looseObject({
  id: v.string(),
  name: v.string(),
  status: openEnum(['open', 'closed', 'snoozed']),
  severity: v.picklist(['low', 'medium', 'high', 'critical']),
  score: v.number(),
  tags: v.array(v.string()),
  created_at: v.string(),
  owner: v.nullable(v.looseObject({ id: v.string(), email: v.string() })),
});
const ItemPageSchema = v.looseObject({ items: v.array(ItemSchema), next_cursor: v.nullable(v.string()) });

class BenchClient extends QuiverClient {
  constructor(baseURL, validate) {
    // Rate limiting off: the bench measures the pipeline, not the vendor's quota.
    super(
      { rateLimit: false, validate, logLevel: 'off' },
      { name: 'Bench', sdk: 'quiver-bench', version: '0.0.0', baseURL, auth: bearerAuth(KEY) },
    );
  }

  list(query = {}) {
    return this.paginate({
      path: '/v1/items',
      query,
      schema: ItemPageSchema,
      pagination: cursorPagination({ items: 'items' }),
    });
  }
}

async function rawList(url, limit, cursor) {
  const query =
    cursor === undefined ? `limit=${limit}` : `limit=${limit}&cursor=${encodeURIComponent(cursor)}`;
  const res = await fetch(`${url}/v1/items?${query}`, {
    headers: { accept: 'application/json', authorization: `Bearer ${KEY}` },
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return JSON.parse(await res.text());
}

// ---------------------------------------------------------------------------------------------
// Output helpers

function table(header, rows) {
  const cells = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}
const us = (ms) => `${(ms * 1000).toFixed(0)} µs`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

// ---------------------------------------------------------------------------------------------

async function listBench(url) {
  const strict = new BenchClient(url, 'strict');
  const off = new BenchClient(url, 'off');
  // Sanity: every contender sees the same 100 items.
  const check = [
    (await rawList(url, LIST_SIZE)).items.length,
    (await strict.list({ limit: LIST_SIZE })).items.length,
    (await off.list({ limit: LIST_SIZE })).items.length,
  ];
  if (check.some((n) => n !== LIST_SIZE)) throw new Error(`expected ${LIST_SIZE} items, got ${check}`);

  const tasks = [
    ['raw fetch + JSON.parse', () => rawList(url, LIST_SIZE)],
    ['raw fetch + JSON.parse + valibot', async () => v.parse(ItemPageSchema, await rawList(url, LIST_SIZE))],
    ['SDK list, validate: off', () => off.list({ limit: LIST_SIZE })],
    ['SDK list, validate: strict', () => strict.list({ limit: LIST_SIZE })],
  ];
  // Several short rounds, each in a rotated order and starting every task on a collected heap, then
  // the median per task: one task running after another's garbage would otherwise skew the ratios.
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({
      time: TIME / ROUNDS,
      warmupTime: 250,
      iterations: 100,
      setup: () => globalThis.gc?.(),
    });
    for (let i = 0; i < tasks.length; i++) {
      const [name, fn] = tasks[(i + round) % tasks.length];
      bench.add(name, async () => {
        await fn();
      });
    }
    await bench.run();
    rounds.push(
      Object.fromEntries(
        bench.tasks.map((t) => {
          if (t.result.state !== 'completed')
            throw t.result.error ?? new Error(`${t.name}: ${t.result.state}`);
          return [t.name, t.result];
        }),
      ),
    );
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const stats = Object.fromEntries(
    tasks.map(([name]) => {
      const pick = (f) => median(rounds.map((r) => f(r[name])));
      return [
        name,
        {
          latency: {
            mean: pick((r) => r.latency.mean),
            p50: pick((r) => r.latency.p50),
            p99: pick((r) => r.latency.p99),
            samplesCount: rounds.reduce((a, r) => a + r[name].latency.samplesCount, 0),
          },
          throughput: { mean: pick((r) => r.throughput.mean) },
        },
      ];
    }),
  );
  const raw = stats['raw fetch + JSON.parse'].latency;
  console.log(
    `\n1. List call: ${LIST_SIZE} items × 8 fields (${(LIST_BODY.length / 1024).toFixed(1)} kB), loopback; median of ${ROUNDS} rounds`,
  );
  console.log(
    table(
      ['', 'mean', 'p50', 'p99', 'ops/s', '× raw (mean)', '× raw (p50)', 'samples'],
      Object.entries(stats).map(([name, r]) => [
        name,
        us(r.latency.mean),
        us(r.latency.p50),
        us(r.latency.p99),
        r.throughput.mean.toFixed(0),
        ratio(r.latency.mean, raw.mean),
        ratio(r.latency.p50, raw.p50),
        r.latency.samplesCount,
      ]),
    ),
  );
  return {
    strictMean: stats['SDK list, validate: strict'].latency.mean / raw.mean,
    strictP50: stats['SDK list, validate: strict'].latency.p50 / raw.p50,
    offMean: stats['SDK list, validate: off'].latency.mean / raw.mean,
    validationMean: stats['raw fetch + JSON.parse + valibot'].latency.mean / raw.mean,
  };
}

async function paginationBench(url) {
  const client = new BenchClient(url, 'strict');
  const time = async (fn) => {
    globalThis.gc?.();
    const started = performance.now();
    const count = await fn();
    if (count !== TOTAL) throw new Error(`expected ${TOTAL} items, got ${count}`);
    return performance.now() - started;
  };
  // Peak heap while paging, without forced GCs: sampled at every page boundary (100 cheap calls).
  const peak = { raw: 0, sdk: 0 };
  const sample = (key) => {
    peak[key] = Math.max(peak[key], process.memoryUsage().heapUsed);
  };
  const sdk = async () => {
    let n = 0;
    for await (const _ of client.list({ limit: PAGE_SIZE })) {
      n++;
      if (n % PAGE_SIZE === 0) sample('sdk');
    }
    return n;
  };
  const raw = async () => {
    let n = 0;
    let cursor;
    do {
      const body = await rawList(url, PAGE_SIZE, cursor);
      for (const _ of body.items) n++;
      sample('raw');
      cursor = body.next_cursor ?? undefined;
    } while (cursor);
    return n;
  };
  // Warm both paths once, then alternate, keeping the best of three (least disturbed by GC/JIT).
  await time(raw);
  await time(sdk);
  const rawMs = [];
  const sdkMs = [];
  for (let i = 0; i < 3; i++) {
    rawMs.push(await time(raw));
    sdkMs.push(await time(sdk));
  }
  const best = (xs) => Math.min(...xs);

  // Memory: heap used after a full GC at every page boundary of an SDK item iteration.
  const heap = [];
  const gc = globalThis.gc;
  if (gc) {
    let n = 0;
    gc();
    const before = process.memoryUsage().heapUsed;
    for await (const _ of client.list({ limit: PAGE_SIZE })) {
      n++;
      if (n % PAGE_SIZE === 0) {
        gc();
        heap.push(process.memoryUsage().heapUsed);
      }
    }
    gc();
    heap.unshift(before);
  }

  console.log(
    `\n2. Pagination: ${TOTAL.toLocaleString('en')} items, ${TOTAL / PAGE_SIZE} pages of ${PAGE_SIZE} (best of 3)`,
  );
  console.log(
    table(
      ['', 'time', 'items/s', '× raw', 'peak heap (no forced GC)'],
      [
        [
          'raw fetch + JSON.parse, cursor loop',
          `${best(rawMs).toFixed(0)} ms`,
          Math.round((TOTAL / best(rawMs)) * 1000).toLocaleString('en'),
          '1.00×',
          mb(peak.raw),
        ],
        [
          'SDK for await (strict)',
          `${best(sdkMs).toFixed(0)} ms`,
          Math.round((TOTAL / best(sdkMs)) * 1000).toLocaleString('en'),
          ratio(best(sdkMs), best(rawMs)),
          mb(peak.sdk),
        ],
      ],
    ),
  );
  let memory;
  if (heap.length > 1) {
    const pages = heap.slice(1);
    const first = pages[0];
    const last = pages[pages.length - 1];
    const max = Math.max(...pages);
    const min = Math.min(...pages);
    // Least-squares slope over the pages: bytes retained per page.
    const n = pages.length;
    const mx = (n - 1) / 2;
    const my = pages.reduce((a, b) => a + b, 0) / n;
    const slope =
      pages.reduce((a, y, x) => a + (x - mx) * (y - my), 0) / pages.reduce((a, _, x) => a + (x - mx) ** 2, 0);
    const flat = max - min < 1024 * 1024 && Math.abs(slope) * n < 1024 * 1024;
    memory = { before: heap[0], first, last, min, max, slope, flat };
    const at = (i) => mb(pages[Math.min(i, n - 1)]);
    console.log(
      `   heap used after GC: before ${mb(heap[0])}; page 1 ${at(0)}, page 10 ${at(9)}, page 50 ${at(49)}, page ${n} ${at(n - 1)}`,
    );
    console.log(
      `   spread over ${n} pages ${mb(max - min)} (min ${mb(min)}, max ${mb(max)}); trend ${(slope / 1024).toFixed(2)} kB/page → ${flat ? 'flat' : 'NOT flat'}`,
    );
  } else {
    console.log('   (heap per page not sampled: run with node --expose-gc)');
  }
  return { rawMs: best(rawMs), sdkMs: best(sdkMs), memory, peak };
}

const server = await startServer();
try {
  console.log(
    `@quiver/core bench — Node ${process.version}, ${process.platform}/${process.arch}; ${TIME} ms per list task (BENCH_TIME_MS), ${globalThis.gc ? 'GC exposed' : 'no --expose-gc'}`,
  );
  const list = await listBench(server.url);
  const pages = await paginationBench(server.url);
  console.log('\nSummary');
  console.log(
    `   list call, strict validation: SDK = ${list.strictMean.toFixed(2)}× raw fetch (mean), ${list.strictP50.toFixed(2)}× (p50); target ≤ 1.10× → ${list.strictMean <= 1.1 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `   of which: validation alone (raw + valibot) ${list.validationMean.toFixed(2)}×; SDK without validation ${list.offMean.toFixed(2)}×`,
  );
  console.log(
    `   pagination: ${Math.round((TOTAL / pages.sdkMs) * 1000).toLocaleString('en')} items/s = ${(pages.sdkMs / pages.rawMs).toFixed(2)}× raw time; peak heap ${mb(pages.peak.sdk)} (raw ${mb(pages.peak.raw)}); heap after GC ${pages.memory ? (pages.memory.flat ? 'flat' : 'NOT flat') : 'not sampled'}`,
  );
} finally {
  await server.close();
}
