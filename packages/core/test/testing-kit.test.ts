import { afterEach, describe, expect, it } from 'vitest';
import {
  canonicalJson,
  cursorPage,
  type FakeServer,
  type FakeServerOptions,
  HttpError,
  IdempotencyStore,
  isLoopbackUrl,
  numberPage,
  offsetPage,
  randomId,
  sendWebhook,
  startFakeServer,
  TokenBucket,
} from '../src/testing/index.js';

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A fake with a counter behind POST /things, to show whether a request reached the handler. */
async function start(options: Partial<FakeServerOptions> = {}) {
  const server = await startFakeServer({
    name: 'Test',
    credentialHeaders: ['X-Vendor-Token'],
    errorBody: (status, message) => ({ error: { message, statusCode: status } }),
    ...options,
  });
  servers.push(server);
  const state = { created: 0 };
  server.route('GET', '/v1/things/:id', (req) => ({
    status: 200,
    body: { id: req.params.id, q: req.query.get('q') },
  }));
  server.route('POST', '/v1/things', (req) => {
    state.created += 1;
    return { status: 201, body: { created: state.created, got: req.body } };
  });
  server.route('DELETE', '/v1/things/:id', () => undefined);
  server.route('GET', '/v1/missing/:id', (req) => {
    throw new HttpError(404, `thing ${req.params.id} not found`, { 'x-extra': 'yes' });
  });
  server.route('GET', '/v1/bug', () => {
    throw new Error('oops');
  });
  return { server, state };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('startFakeServer: routing', () => {
  it('listens on 127.0.0.1 and routes with :params, percent-decoded', async () => {
    const { server } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/v1/things/a%20b?q=x`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{16}$/);
    expect(await response.json()).toEqual({ id: 'a b', q: 'x' });
  });

  it('answers 404 for an unknown path and 405 (with allow) for a known path with another method', async () => {
    const { server } = await start();
    const notFound = await fetch(`${server.url}/v1/nope`);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({
      error: { message: 'no route for GET /v1/nope', statusCode: 404 },
    });
    const notAllowed = await fetch(`${server.url}/v1/things/t_1`, { method: 'PUT' });
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.headers.get('allow')).toBe('GET, DELETE');
    expect(await notAllowed.json()).toEqual({
      error: { message: 'PUT is not allowed on /v1/things/t_1', statusCode: 405 },
    });
  });

  it('a handler answering undefined gives 204; HttpError gives errorBody and its headers; a bug gives 500', async () => {
    const { server } = await start();
    const deleted = await fetch(`${server.url}/v1/things/t_1`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    const missing = await fetch(`${server.url}/v1/missing/t_9`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-extra')).toBe('yes');
    expect(await missing.json()).toEqual({ error: { message: 'thing t_9 not found', statusCode: 404 } });
    const bug = await fetch(`${server.url}/v1/bug`);
    expect(bug.status).toBe(500);
    expect(await bug.json()).toEqual({ error: { message: 'fake Test server error: oops', statusCode: 500 } });
  });

  it('middleware runs before routing, in order, and an answer stops there', async () => {
    const { server, state } = await start();
    const seen: string[] = [];
    server.use((req) => {
      seen.push(req.path);
      return req.headers['x-vendor-token'] === 'ok'
        ? undefined
        : { status: 401, body: { error: 'no token' } };
    });
    server.use(async (req) =>
      req.method === 'POST' && req.idempotencyKey === 'stop' ? { status: 409 } : undefined,
    );
    expect((await post(`${server.url}/v1/things`, {})).status).toBe(401);
    expect(
      (await post(`${server.url}/v1/things`, {}, { 'x-vendor-token': 'ok', 'idempotency-key': 'stop' }))
        .status,
    ).toBe(409);
    expect((await post(`${server.url}/v1/things`, {}, { 'x-vendor-token': 'ok' })).status).toBe(201);
    // An unknown route passes the middleware too (a vendor may answer auth before "not found").
    expect((await fetch(`${server.url}/v1/nope`)).status).toBe(401);
    expect(state.created).toBe(1);
    expect(seen).toEqual(['/v1/things', '/v1/things', '/v1/things', '/v1/nope']);
  });

  it('the unmatched option answers unknown routes the vendor way', async () => {
    const { server } = await start({
      unmatched: (_req, allowed) => ({
        status: 403,
        body: { message: 'Missing Authentication Token', allowed },
      }),
    });
    const response = await fetch(`${server.url}/v1/things/t_1`, { method: 'PATCH' });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      message: 'Missing Authentication Token',
      allowed: ['GET', 'DELETE'],
    });
  });

  it('parses JSON bodies, keeps non-JSON as text, and reads multipart into { fields, files }', async () => {
    const server = await startFakeServer({ name: 'Body' });
    servers.push(server);
    const bodies: unknown[] = [];
    server.route('POST', '/upload', (req) => {
      bodies.push(req.body);
      return { status: 200, raw: req.rawBody.toString('utf8') };
    });
    await post(`${server.url}/upload`, { a: 1 });
    const bad = await fetch(`${server.url}/upload`, { method: 'POST', body: '{"a":' });
    expect(await bad.text()).toBe('{"a":');
    expect(bad.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const form = new FormData();
    form.append('title', 'Q3');
    form.append('tag', 'a');
    form.append('tag', 'b');
    form.append('file', new Blob(['hello'], { type: 'text/csv' }), 'leads.csv');
    await fetch(`${server.url}/upload`, { method: 'POST', body: form });
    expect(bodies[0]).toEqual({ a: 1 });
    expect(bodies[1]).toBe('{"a":');
    expect(bodies[2]).toMatchObject({
      fields: { title: 'Q3', tag: ['a', 'b'] },
      files: { file: { filename: 'leads.csv', type: 'text/csv', size: 5 } },
    });
    const file = (bodies[2] as { files: { file: { data: Buffer } } }).files.file;
    expect(file.data.toString('utf8')).toBe('hello');
  });
});

describe('startFakeServer: the recorder', () => {
  it('records method, path, query, headers, body, status, idempotency key and time, never credentials', async () => {
    const { server } = await start({
      describeAuth: (req) => (req.headers.authorization ? 'valid' : 'missing'),
    });
    const before = Date.now();
    await fetch(`${server.url}/v1/things/t_1?q=a&tag=x&tag=y`, {
      headers: {
        authorization: 'Bearer sk_SECRET_1',
        'x-api-key': 'SECRET_2',
        cookie: 'session=SECRET_3',
        'x-vendor-token': 'SECRET_4',
        'x-trace': 't1',
      },
    });
    await post(`${server.url}/v1/things`, { name: 'n' }, { 'idempotency-key': 'idem_1' });
    expect(server.requests).toHaveLength(2);
    const [get, created] = server.requests;
    expect(get).toMatchObject({
      method: 'GET',
      path: '/v1/things/t_1',
      query: { q: 'a', tag: ['x', 'y'] },
      body: undefined,
      status: 200,
      faulted: false,
      auth: 'valid',
      idempotencyKey: undefined,
    });
    expect(get?.headers['x-trace']).toBe('t1');
    for (const name of ['authorization', 'x-api-key', 'cookie', 'x-vendor-token']) {
      expect(get?.headers).not.toHaveProperty(name);
    }
    expect(JSON.stringify(server.requests)).not.toMatch(/SECRET/);
    expect(get?.at).toBeGreaterThanOrEqual(before);
    expect(created).toMatchObject({
      method: 'POST',
      body: { name: 'n' },
      status: 201,
      idempotencyKey: 'idem_1',
      auth: 'missing',
    });
  });

  it('reset() forgets requests and faults; clearFaults() only faults', async () => {
    const { server } = await start();
    server.fault({ status: 500, times: Number.POSITIVE_INFINITY });
    expect((await fetch(`${server.url}/v1/things/t_1`)).status).toBe(500);
    server.clearFaults();
    expect((await fetch(`${server.url}/v1/things/t_1`)).status).toBe(200);
    expect(server.requests).toHaveLength(2);
    server.fault({ status: 500 });
    server.reset();
    expect(server.requests).toHaveLength(0);
    expect((await fetch(`${server.url}/v1/things/t_1`)).status).toBe(200);
    expect(server.requests).toHaveLength(1);
  });
});

describe('startFakeServer: faults, as a client sees them', () => {
  it('status + body + headers answer instead of the fake, with no effect on its state', async () => {
    const { server, state } = await start();
    server.fault({
      method: 'post',
      path: '/v1/things',
      status: 429,
      body: { error: 'slow down' },
      headers: { 'retry-after': '2' },
    });
    const response = await post(`${server.url}/v1/things`, { a: 1 });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toEqual({ error: 'slow down' });
    expect(state.created).toBe(0);
    expect(server.requests[0]).toMatchObject({ status: 429, faulted: true });
    // times defaults to 1: the next one reaches the fake.
    expect((await post(`${server.url}/v1/things`, { a: 1 })).status).toBe(201);
    expect(state.created).toBe(1);
  });

  it('a status alone answers errorBody(status, status text); a string body is sent as text', async () => {
    const { server } = await start();
    server.fault({ status: 503 });
    server.fault({ status: 500, body: 'down for maintenance' });
    const first = await fetch(`${server.url}/v1/things/t_1`);
    expect(first.status).toBe(503);
    expect(await first.json()).toEqual({ error: { message: 'Service Unavailable', statusCode: 503 } });
    const second = await fetch(`${server.url}/v1/things/t_1`);
    expect(second.status).toBe(500);
    expect(second.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await second.text()).toBe('down for maintenance');
  });

  it('headers alone are added to the fake’s own answer', async () => {
    const { server } = await start();
    server.fault({ headers: { 'x-ratelimit-remaining': '0' } });
    const response = await fetch(`${server.url}/v1/things/t_1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await response.json()).toEqual({ id: 't_1', q: null });
  });

  it('delayMs waits before handling, then answers normally', async () => {
    const { server } = await start();
    server.fault({ path: '/v1/things/t_1', delayMs: 300 });
    const started = performance.now();
    const response = await fetch(`${server.url}/v1/things/t_1`);
    expect(await response.json()).toEqual({ id: 't_1', q: null });
    // A lower bound only: a loaded machine can make it slower, never faster.
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(server.requests[0]).toMatchObject({ status: 200, faulted: false });
  });

  it('stallMs: the headers arrive, then the body stalls', async () => {
    const { server } = await start();
    // A stall far longer than the test: fetch resolving at all proves the headers came first.
    server.fault({ path: '/v1/things/t_1', stallMs: 600_000 });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/v1/things/t_1`, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = response.text();
    controller.abort();
    await expect(body).rejects.toThrow();
    expect(server.requests[0]).toMatchObject({ status: 200, faulted: true });

    // A short stall ends with the whole body, no sooner than the stall.
    server.fault({ path: '/v1/things/t_2', stallMs: 250 });
    const short = await fetch(`${server.url}/v1/things/t_2`);
    const headersAt = performance.now();
    expect(await short.json()).toEqual({ id: 't_2', q: null });
    expect(performance.now() - headersAt).toBeGreaterThanOrEqual(200);
  });

  it('reset destroys the socket: fetch rejects, nothing is handled', async () => {
    const { server, state } = await start();
    server.fault({ path: /^\/v1\/things$/, reset: true });
    await expect(post(`${server.url}/v1/things`, {})).rejects.toThrow(TypeError);
    expect(state.created).toBe(0);
    expect(server.requests[0]).toMatchObject({ status: 0, faulted: true });
  });

  it('html answers an HTML error page (502 by default, or the given status)', async () => {
    const { server } = await start();
    server.fault({ html: true });
    server.fault({ html: true, status: 503 });
    const first = await fetch(`${server.url}/v1/things/t_1`);
    expect(first.status).toBe(502);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await first.text()).toMatch(/^<!DOCTYPE html>[\s\S]*502 Bad Gateway/);
    const second = await fetch(`${server.url}/v1/things/t_1`);
    expect(second.status).toBe(503);
    expect(await second.text()).toContain('503 Service Unavailable');
  });

  it('malformedJson answers a 200 labelled JSON whose body does not parse', async () => {
    const { server } = await start();
    server.fault({ malformedJson: true });
    const response = await fetch(`${server.url}/v1/things/t_1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('drift handles the request normally, then rewrites the JSON body', async () => {
    const { server, state } = await start();
    server.fault({
      method: 'POST',
      drift: (body) => ({ ...(body as object), created: String((body as { created: number }).created) }),
    });
    const response = await post(`${server.url}/v1/things`, { a: 1 });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ created: '1', got: { a: 1 } });
    expect(state.created).toBe(1);
    expect(server.requests[0]).toMatchObject({ status: 201, faulted: true });
  });

  it('matches method and path, skips, counts times, and applies in the order added', async () => {
    const { server } = await start({ faults: [{ path: '/v1/things/t_1', status: 500, skip: 1, times: 2 }] });
    server.fault({ path: /^\/v1\/things\//, status: 502 });
    server.fault({ method: 'DELETE', status: 409, times: Number.POSITIVE_INFINITY });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${server.url}/v1/things/t_1`)).status);
    // 1st: skipped by the first fault, taken by the RegExp one; 2nd, 3rd: the first fault; then none.
    expect(statuses).toEqual([502, 500, 500, 200, 200]);
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${server.url}/v1/things/t_${i}`, { method: 'DELETE' })).status).toBe(409);
    }
  });

  it('close() ends stalled and delayed answers at once', async () => {
    const { server } = await start();
    server.fault({ path: '/v1/things/t_1', stallMs: 600_000 });
    server.fault({ path: '/v1/things/t_2', delayMs: 600_000 });
    const stalled = await fetch(`${server.url}/v1/things/t_1`);
    const delayed = fetch(`${server.url}/v1/things/t_2`).then(
      () => 'answered',
      (error: unknown) => error,
    );
    // Wait until the delayed request has arrived (an event, not a sleep).
    while (server.requests.length < 2) await new Promise((resolve) => setImmediate(resolve));
    await server.close();
    await expect(stalled.text()).rejects.toThrow();
    expect(await delayed).toBeInstanceOf(TypeError);
  });
});

describe('pagination helpers', () => {
  const items = Array.from({ length: 7 }, (_, i) => i + 1);

  it('cursorPage walks the list with opaque cursors bound to the list', () => {
    const pages: number[][] = [];
    let cursor: string | null = null;
    do {
      const page: { items: number[]; nextCursor: string | null } = cursorPage(items, {
        cursor,
        limit: '3',
        scope: 'things',
      });
      pages.push(page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(cursorPage(items, {}).items).toHaveLength(7);
    expect(cursorPage(items, { defaultLimit: 2 })).toMatchObject({ items: [1, 2] });
    const next = cursorPage(items, { limit: 2, scope: 'things' }).nextCursor;
    expect(() => cursorPage(items, { cursor: next, scope: 'other' })).toThrow(
      'cursor is not a cursor this list issued',
    );
    expect(() => cursorPage(items, { cursor: 'garbage', cursorParam: 'nextToken' })).toThrow(
      'nextToken is not a cursor this list issued',
    );
    const error = (() => {
      try {
        cursorPage(items, { limit: '0', maxLimit: 50 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, message: 'limit must be an integer between 1 and 50' });
    expect(() => cursorPage(items, { limit: '2.5' })).toThrow('limit must be an integer between 1 and 1000');
  });

  it('offsetPage slices from offset and reports the total', () => {
    expect(offsetPage(items, { offset: '5', limit: '3' })).toEqual({ items: [6, 7], total: 7 });
    expect(offsetPage(items, { offset: 9 })).toEqual({ items: [], total: 7 });
    expect(() => offsetPage(items, { offset: '-1' })).toThrow('offset must be an integer at least 0');
    expect(() => offsetPage(items, { limit: 101, maxLimit: 100 })).toThrow(
      'limit must be an integer between 1 and 100',
    );
  });

  it('numberPage counts pages from `first`', () => {
    expect(numberPage(items, { page: '2', perPage: '3' })).toEqual({
      items: [4, 5, 6],
      totalPages: 3,
      total: 7,
    });
    expect(numberPage(items, { page: 4, perPage: 3 })).toEqual({ items: [], totalPages: 3, total: 7 });
    expect(numberPage(items, { page: 0, perPage: 5, first: 0 }).items).toEqual([1, 2, 3, 4, 5]);
    expect(numberPage(items, { defaultPerPage: 2 }).totalPages).toBe(4);
    expect(() => numberPage(items, { perPage: 200, maxPerPage: 100 })).toThrow(
      'perPage must be an integer between 1 and 100',
    );
    expect(() => numberPage(items, { page: '0' })).toThrow('page must be an integer at least 1');
  });
});

describe('IdempotencyStore', () => {
  it('replays the stored answer for the same body (key order ignored) and reports a conflict for another', () => {
    let now = 1_000;
    const store = new IdempotencyStore({ ttlMs: 60_000, now: () => now });
    expect(store.check('k1', { a: 1, b: 2 })).toEqual({ kind: 'new' });
    store.save('k1', { a: 1, b: 2 }, { status: 202, body: { id: 'inv_1' } });
    expect(store.check('k1', { b: 2, a: 1 })).toEqual({
      kind: 'replay',
      answer: { status: 202, body: { id: 'inv_1' } },
    });
    expect(store.check('k1', { a: 1, b: 3 })).toEqual({ kind: 'conflict' });
    expect(store.check('k2', { a: 1, b: 2 })).toEqual({ kind: 'new' });
    expect(store.size).toBe(1);
    now += 60_000;
    expect(store.check('k1', { a: 1, b: 3 })).toEqual({ kind: 'new' });
    store.clear();
    expect(store.size).toBe(0);
  });

  it('hands out copies: editing a replayed answer does not change the stored one', () => {
    const store = new IdempotencyStore();
    store.save('k', {}, { status: 200, body: { n: 1 } });
    const first = store.check('k', {});
    if (first.kind === 'replay') (first.answer.body as { n: number }).n = 2;
    expect(store.check('k', {})).toEqual({ kind: 'replay', answer: { status: 200, body: { n: 1 } } });
  });
});

describe('TokenBucket', () => {
  it('starts full, refuses when empty with the wait, refills over time, per key', () => {
    let now = 0;
    const bucket = new TokenBucket({ perSecond: 10, capacity: 3, now: () => now });
    expect(bucket.take('k')).toEqual({ ok: true, remaining: 2, resetAt: 100, retryAfterMs: 0 });
    bucket.take('k');
    expect(bucket.take('k')).toMatchObject({ ok: true, remaining: 0, resetAt: 300 });
    expect(bucket.take('k')).toEqual({ ok: false, remaining: 0, resetAt: 300, retryAfterMs: 100 });
    expect(bucket.take('other').ok).toBe(true);
    now = 100;
    expect(bucket.take('k')).toMatchObject({ ok: true, remaining: 0 });
    now = 10_000;
    expect(bucket.take('k', 3)).toMatchObject({ ok: true, remaining: 0 });
    expect(bucket.take('k', 2)).toMatchObject({ ok: false, retryAfterMs: 200 });
    bucket.reset();
    expect(bucket.take('k', 3).ok).toBe(true);
  });

  it('takes a per-minute rate; capacity defaults to one period of refill; bad rates throw', () => {
    let now = 0;
    const bucket = new TokenBucket({ perMinute: 60, now: () => now });
    for (let i = 0; i < 60; i++) expect(bucket.take().ok).toBe(true);
    expect(bucket.take()).toMatchObject({ ok: false, retryAfterMs: 1000 });
    now = 1000;
    expect(bucket.take().ok).toBe(true);
    expect(() => new TokenBucket({})).toThrow(RangeError);
    expect(() => new TokenBucket({ perSecond: 0 })).toThrow(RangeError);
  });
});

describe('sendWebhook', () => {
  it('POSTs the exact body with the signed headers to a loopback receiver', async () => {
    const receiver = await startFakeServer({ name: 'Receiver' });
    servers.push(receiver);
    receiver.route('POST', '/hooks', () => ({ status: 204 }));
    const result = await sendWebhook({
      url: `${receiver.url}/hooks`,
      body: { event: 'x.done', id: 1 },
      headers: (body) => ({ 'X-Signature': `sha256=${body.length}` }),
    });
    expect(result).toEqual({ status: 204, ok: true, body: '' });
    expect(receiver.requests[0]).toMatchObject({
      method: 'POST',
      path: '/hooks',
      body: { event: 'x.done', id: 1 },
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-signature': 'sha256=25' },
    });
  });

  it('refuses a URL that is not on loopback, before sending anything', async () => {
    for (const url of [
      'https://hooks.example.com/x',
      'http://10.0.0.1/x',
      'http://127.0.0.1.example.com/x',
      'file:///etc/passwd',
      'nope',
    ]) {
      await expect(sendWebhook({ url, body: '{}' })).rejects.toThrow('a fake delivers to loopback URLs only');
    }
    expect(isLoopbackUrl('http://localhost:3000/x')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:3000/x')).toBe(true);
    expect(isLoopbackUrl('http://127.0.0.2/x')).toBe(true);
  });
});

describe('canonicalJson and randomId', () => {
  it('canonicalJson sorts keys at every depth and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"z":1}]},"b":1}',
    );
    expect(canonicalJson([undefined, 'x'])).toBe('[null,"x"]');
  });

  it('randomId gives a prefix and hex of the asked length', () => {
    expect(randomId('inv_')).toMatch(/^inv_[0-9a-f]{16}$/);
    expect(randomId('', 40)).toMatch(/^[0-9a-f]{40}$/);
    expect(randomId('x_')).not.toBe(randomId('x_'));
  });
});
