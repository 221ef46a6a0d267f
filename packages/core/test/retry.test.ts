import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  backoffDelay,
  InternalServerError,
  RateLimitError,
  retryAfterMs,
} from '../src/index.js';
import { BASE, caught, ItemSchema, json, memoryLogger, startServer, TestClient } from './helpers.js';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => nock.cleanAll());

describe('which calls are retried', () => {
  it('sends a POST without an idempotency key exactly once on 503', async () => {
    const scope = nock(BASE).post('/v1/things').reply(503, { error: 'unavailable' });
    const extra = nock(BASE).post('/v1/things').reply(201, { id: 'dup' });
    await expect(
      new TestClient().request({ method: 'POST', path: '/v1/things', body: { a: 1 } }),
    ).rejects.toBeInstanceOf(InternalServerError);
    expect(scope.isDone()).toBe(true);
    expect(extra.isDone()).toBe(false);
  });

  it('retries an idempotent POST with the same generated key on every attempt', async () => {
    const keys: string[] = [];
    const record = (value: string | null) => {
      keys.push(String(value));
      return true;
    };
    nock(BASE)
      .post('/v1/things')
      .matchHeader('idempotency-key', record)
      .times(2)
      .reply(503, { error: 'unavailable' })
      .post('/v1/things')
      .matchHeader('idempotency-key', record)
      .reply(202, { id: 't_1' });
    const client = new TestClient();
    const out = await client.request({
      method: 'POST',
      path: '/v1/things',
      body: {},
      idempotencyKey: true,
      schema: ItemSchema,
    });
    expect(out).toEqual({ id: 't_1' });
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('generates a new key for each logical call', async () => {
    const keys: string[] = [];
    nock(BASE)
      .post('/v1/things')
      .matchHeader('idempotency-key', (value: string | null) => {
        keys.push(String(value));
        return true;
      })
      .times(2)
      .reply(202, {});
    const client = new TestClient();
    await client.request({ method: 'POST', path: '/v1/things', body: {}, idempotencyKey: true });
    await client.request({ method: 'POST', path: '/v1/things', body: {}, idempotencyKey: true });
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('uses the caller key and a documented-idempotent POST is retried', async () => {
    nock(BASE, { reqheaders: { 'idempotency-key': 'mine-1' } })
      .post('/v1/things')
      .reply(500, {})
      .post('/v1/things')
      .reply(202, {});
    await new TestClient().request(
      { method: 'POST', path: '/v1/things', body: {}, idempotencyKey: true },
      { idempotencyKey: 'mine-1' },
    );
    nock(BASE).post('/v1/dismiss').reply(502, '').post('/v1/dismiss').reply(200, {});
    await expect(
      new TestClient().request({ method: 'POST', path: '/v1/dismiss', idempotent: true }),
    ).resolves.toEqual({});
  });

  it('retries GET on 408/429/500/502/503/504 up to maxRetries, and not on 501 or 4xx', async () => {
    for (const status of [408, 429, 500, 502, 503, 504]) {
      const scope = nock(BASE).get('/v1/x').reply(status, {}).get('/v1/x').reply(200, { id: 'ok' });
      await expect(
        new TestClient().request({ method: 'GET', path: '/v1/x', schema: ItemSchema }),
      ).resolves.toEqual({ id: 'ok' });
      expect(scope.isDone()).toBe(true);
    }
    const failing = nock(BASE).get('/v1/y').times(3).reply(500, {});
    await expect(new TestClient().request({ method: 'GET', path: '/v1/y' })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(failing.isDone()).toBe(true);
    for (const status of [400, 404, 501]) {
      const once = nock(BASE).get('/v1/z').reply(status, {});
      const again = nock(BASE).get('/v1/z').reply(200, {});
      await expect(new TestClient().request({ method: 'GET', path: '/v1/z' })).rejects.toMatchObject({
        status,
      });
      expect(once.isDone()).toBe(true);
      expect(again.isDone()).toBe(false);
      nock.cleanAll();
    }
  });

  it('maxRetries per call overrides the client setting', async () => {
    const scope = nock(BASE).get('/v1/x').reply(503, {});
    const after = nock(BASE).get('/v1/x').reply(200, {});
    await expect(
      new TestClient().request({ method: 'GET', path: '/v1/x' }, { maxRetries: 0 }),
    ).rejects.toBeInstanceOf(InternalServerError);
    expect(scope.isDone()).toBe(true);
    expect(after.isDone()).toBe(false);
  });
});

describe('retry timing', () => {
  it('parses Retry-After seconds and HTTP dates, then X-RateLimit-Reset', () => {
    const now = Date.parse('2026-05-03T14:22:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Sun, 03 May 2026 14:22:30 GMT' }), now)).toBe(30_000);
    expect(retryAfterMs(new Headers({ 'x-ratelimit-reset': String(now / 1000 + 5) }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ 'x-ratelimit-reset': '7' }), now)).toBe(7000);
    expect(retryAfterMs(new Headers({ 'retry-after': '1', 'x-ratelimit-reset': '7' }), now)).toBe(1000);
    expect(retryAfterMs(new Headers({}), now)).toBeUndefined();
  });

  it('full jitter stays within [0, min(8 s, 500 ms·2^n)]; additive jitter within [step, 2·step]', () => {
    for (let i = 0; i < 200; i++) {
      expect(backoffDelay(1)).toBeLessThanOrEqual(500);
      expect(backoffDelay(3)).toBeLessThanOrEqual(2000);
      expect(backoffDelay(10)).toBeLessThanOrEqual(8000);
      const additive = backoffDelay(1, { baseDelay: 1000, jitter: 'additive' });
      expect(additive).toBeGreaterThanOrEqual(1000);
      expect(additive).toBeLessThanOrEqual(2000);
    }
  });

  it('waits for Retry-After: 2 before retrying', async () => {
    let first = 0;
    let second = 0;
    const server = await startServer((_req, res) => {
      if (!first) {
        first = Date.now();
        json(res, 429, { error: 'slow down' }, { 'retry-after': '2' });
      } else {
        second = Date.now();
        json(res, 200, { id: 'ok' });
      }
    });
    try {
      const out = await new TestClient({ baseURL: server.url, rateLimit: false }).request({
        method: 'GET',
        path: '/v1/x',
        schema: ItemSchema,
      });
      expect(out).toEqual({ id: 'ok' });
      expect(second - first).toBeGreaterThanOrEqual(1950);
      expect(second - first).toBeLessThan(3500);
    } finally {
      await server.close();
    }
  });

  it('fails fast on Retry-After: 3600 with RateLimitError.retryAfter', async () => {
    const server = await startServer((_req, res) =>
      json(res, 429, { error: 'rate_limited' }, { 'retry-after': '3600' }),
    );
    try {
      const started = Date.now();
      const error = await new TestClient({ baseURL: server.url })
        .request({ method: 'GET', path: '/v1/x' })
        .catch(caught);
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfter).toBe(3_600_000);
      expect((error as RateLimitError).message).toBe(
        `Test GET ${new URL(server.url).host}/v1/x → 429: rate_limited`,
      );
      expect(Date.now() - started).toBeLessThan(1000);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('rejects promptly when aborted during a backoff sleep', async () => {
    const server = await startServer((_req, res) => json(res, 503, {}, { 'retry-after': '30' }));
    try {
      const controller = new AbortController();
      const started = Date.now();
      const pending = new TestClient({ baseURL: server.url }).request(
        { method: 'GET', path: '/v1/x' },
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort(), 150);
      const error = await pending.catch(caught);
      expect((error as Error).name).toBe('AbortError');
      expect(Date.now() - started).toBeLessThan(1000);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('rejects with the caller reason when aborted during the request', async () => {
    const server = await startServer(() => {}); // never answers
    try {
      const controller = new AbortController();
      const pending = new TestClient({ baseURL: server.url }).request(
        { method: 'GET', path: '/v1/x' },
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort(new Error('user gave up')), 50);
      await expect(pending).rejects.toThrow('user gave up');
    } finally {
      await server.close();
    }
  });
});

describe('timeouts and connection failures', () => {
  it('times out a response whose headers arrive but whose body stalls, and retries a GET', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":'); // ...and never finishes
    });
    try {
      const started = Date.now();
      const error = await new TestClient({ baseURL: server.url, timeout: 200, maxRetries: 1 })
        .request({ method: 'GET', path: '/v1/x' })
        .catch(caught);
      expect(error).toBeInstanceOf(APITimeoutError);
      expect(error).toBeInstanceOf(APIConnectionError);
      expect((error as Error).message).toBe(
        `Test GET ${new URL(server.url).host}/v1/x: timed out after 200 ms (attempt 2).`,
      );
      expect(server.requests).toHaveLength(2);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await server.close();
    }
  });

  it('times out a server that never answers; a plain POST is not retried', async () => {
    const server = await startServer(() => {});
    try {
      const error = await new TestClient({ baseURL: server.url, timeout: 150 })
        .request({ method: 'POST', path: '/v1/x', body: {} })
        .catch(caught);
      expect(error).toBeInstanceOf(APITimeoutError);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('retries a GET whose attempts time out, then succeeds', async () => {
    let n = 0;
    const server = await startServer((_req, res) => {
      n += 1;
      if (n === 1) return; // first attempt hangs
      json(res, 200, { id: 'ok' });
    });
    try {
      const out = await new TestClient({ baseURL: server.url, timeout: 150 }).request({
        method: 'GET',
        path: '/v1/x',
        schema: ItemSchema,
      });
      expect(out).toEqual({ id: 'ok' });
      expect(n).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('a refused connection is an APIConnectionError with the low-level cause', async () => {
    const server = await startServer(() => {});
    const url = server.url;
    await server.close();
    const { lines, logger } = memoryLogger();
    const error = await new TestClient({ baseURL: url, logger, logLevel: 'info' })
      .request({ method: 'GET', path: '/v1/x' })
      .catch(caught);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APITimeoutError);
    expect((error as Error).message).toMatch(
      /^Test GET 127\.0\.0\.1:\d+\/v1\/x: could not reach the server \(fetch failed: ECONNREFUSED\)\.$/,
    );
    expect(((error as Error).cause as Error).message).toContain('ECONNREFUSED');
    expect(lines.filter((l) => l.includes('retry'))).toHaveLength(2);
  });
});
