import { afterEach, describe, expect, it } from 'vitest';
import {
  APIError,
  APIResource,
  APITimeoutError,
  ConfigurationError,
  headerAuth,
  InvalidInputError,
  RateLimitError,
  type RequestInfo,
  type ResponseInfo,
  ResponseTooLargeError,
  ResponseValidationError,
  resolveApiKey,
} from '../src/index.js';
import { route } from '../src/internal.js';
import { caught, json, SECRET, startServer, TestClient } from './helpers.js';

type Server = Awaited<ReturnType<typeof startServer>>;
const servers: Server[] = [];
async function server(handler: Parameters<typeof startServer>[0]): Promise<Server> {
  const s = await startServer(handler);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const rows = {
  get: route('GET /things/{id}', { summary: 'One thing.' }),
  create: route('POST /things', { summary: 'Create.', idempotency: { header: true } }),
  plainPost: route('POST /plain', { summary: 'Plain POST.' }),
  inbound: route('POST /in/{key}', { summary: 'Inbound.', auth: 'none', secret: ['key'] }),
};
class Things extends APIResource {
  get(id: string, opts?: { timeout?: number; headers?: Record<string, string>; maxRetries?: number }) {
    return this._call(rows.get, { id }, opts);
  }
  create(body: unknown) {
    return this._call(rows.create, { body });
  }
  plainPost(body: unknown) {
    return this._call(rows.plainPost, { body });
  }
  inbound(key: string) {
    return this._call(rows.inbound, { key, body: { hi: 1 } });
  }
}

describe('redirects stay within the origin', () => {
  it.each([301, 302, 307, 308])(
    'a %i to another origin is refused, naming it; the other origin gets nothing',
    async (status) => {
      const other = await server((_req, res) => json(res, 200, { foreign: true }));
      const api = await server((_req, res) => {
        res.writeHead(status, { location: `${other.url.replace('127.0.0.1', 'localhost')}/steal` }).end();
      });
      const client = new TestClient({ baseURL: api.url }, { auth: headerAuth('x-api-key', SECRET) });
      const things = new Things(client);
      for (const call of [() => things.get('t1'), () => things.create({ name: 'n' })]) {
        const error = caught(await call().catch((e: unknown) => e));
        expect(error).toBeInstanceOf(APIError);
        expect(error.code).toBe('redirect_refused');
        expect(error.message).toContain(
          `another origin (${new URL(other.url.replace('127.0.0.1', 'localhost')).origin})`,
        );
      }
      expect(other.requests).toHaveLength(0);
    },
  );

  it('follows a same-origin redirect with the credentials', async () => {
    const api = await server((req, res) => {
      if (req.url === '/things/old') return void res.writeHead(301, { location: '/things/new' }).end();
      json(res, 200, { at: req.url, key: req.headers['x-api-key'] === SECRET });
    });
    const things = new Things(
      new TestClient({ baseURL: api.url }, { auth: headerAuth('x-api-key', SECRET) }),
    );
    expect(await things.get('old')).toEqual({ at: '/things/new', key: true });
  });
});

describe('hooks never see credentials', () => {
  it('a credential path segment reaches hooks, messages and logs as {key}', async () => {
    const api = await server((_req, res) => json(res, 500, { error: 'boom' }));
    const seen: Array<RequestInfo | ResponseInfo> = [];
    const client = new TestClient({
      baseURL: api.url,
      hooks: { beforeRequest: (i) => seen.push(i), afterResponse: (i) => seen.push(i) },
    });
    const error = caught(await new Things(client).inbound('in_s3cr3t_token').catch((e: unknown) => e));
    expect(api.requests[0]?.url).toBe('/in/in_s3cr3t_token');
    expect(JSON.stringify(seen)).not.toContain('in_s3cr3t_token');
    expect(seen.map((i) => i.url)).toEqual([`${api.url}/in/{key}`, `${api.url}/in/{key}`]);
    expect(error.message).not.toContain('in_s3cr3t_token');
  });
});

describe('server holds never stall the client', () => {
  it('after Retry-After: 86400 the next call fails at once with RateLimitError, not sent', async () => {
    const api = await server((_req, res) =>
      json(res, 429, { error: 'rate_limited' }, { 'retry-after': '86400' }),
    );
    const things = new Things(new TestClient({ baseURL: api.url, timeout: 1000 }));
    const first = caught(await things.get('a').catch((e: unknown) => e));
    expect(first).toBeInstanceOf(RateLimitError);
    expect(first.retryAfter).toBe(86_400_000);
    const started = Date.now();
    const second = caught(await things.get('b').catch((e: unknown) => e));
    expect(Date.now() - started).toBeLessThan(900);
    expect(second).toBeInstanceOf(RateLimitError);
    expect(second.retryAfter).toBeGreaterThan(86_000_000);
    expect(api.requests).toHaveLength(1);
  });

  it('X-RateLimit-Remaining: 0 with a reset days away fails later calls at once', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3 * 86_400;
    const api = await server((_req, res) =>
      json(res, 200, { ok: true }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }),
    );
    const things = new Things(new TestClient({ baseURL: api.url, timeout: 1000 }));
    await things.get('a');
    const error = caught(await things.get('b').catch((e: unknown) => e));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfter).toBeGreaterThan(2 * 86_400_000);
    expect(api.requests).toHaveLength(1);
  });

  it('a limiter wait longer than the timeout fails with APITimeoutError and is never sent', async () => {
    const api = await server((_req, res) => json(res, 200, { ok: true }));
    const things = new Things(
      new TestClient({ baseURL: api.url, timeout: 1000, rateLimit: { perSecond: 0.25, burst: 1 } }),
    );
    await things.get('a');
    const started = Date.now();
    const error = caught(await things.get('b').catch((e: unknown) => e));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(Date.now() - started).toBeLessThan(900);
    expect(api.requests).toHaveLength(1);
  });
});

describe('one timer bounds the whole attempt', () => {
  it('headers in time but the body late is a timeout (the timer is not restarted)', async () => {
    const api = await server((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"a":');
      }, 200);
      setTimeout(() => res.end('1}'), 2500);
    });
    const things = new Things(new TestClient({ baseURL: api.url, timeout: 1000, maxRetries: 0 }));
    const error = caught(await things.get('a').catch((e: unknown) => e));
    expect(error).toBeInstanceOf(APITimeoutError);
  });
});

describe('one reading of retry headers', () => {
  it('Retry-After: 1.5 waits 1.5 s before the retry', async () => {
    const api = await server((_req, res) =>
      api.requests.length === 1
        ? json(res, 503, { error: 'busy' }, { 'retry-after': '1.5' })
        : json(res, 200, { ok: 1 }),
    );
    const things = new Things(new TestClient({ baseURL: api.url }));
    await things.get('a');
    const [first, second] = api.requests;
    expect(second).toBeDefined();
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1450);
  });

  it('a stale X-RateLimit-Reset (in the past) means now, not maxRetryAfter', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const api = await server((_req, res) =>
      api.requests.length === 1
        ? json(res, 503, { error: 'busy' }, { 'x-ratelimit-reset': String(past) })
        : json(res, 200, { ok: 1 }),
    );
    const things = new Things(new TestClient({ baseURL: api.url, maxRetryAfter: 60_000 }));
    const started = Date.now();
    await things.get('a');
    expect(api.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('bounded success bodies', () => {
  it.each([
    ['declared', true],
    ['streamed', false],
  ])('a %s body over maxResponseBytes is a ResponseTooLargeError', async (_name, declared) => {
    const big = `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}`;
    const api = await server((_req, res) => {
      res.writeHead(200, declared ? { 'content-length': String(big.length) } : {});
      res.end(big);
    });
    const things = new Things(new TestClient({ baseURL: api.url, maxResponseBytes: 1024 * 1024 }));
    const error = caught(await things.get('a').catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toContain('larger than maxResponseBytes (1048576 bytes)');
  });
});

describe('bad input is a typed error', () => {
  it.each([
    ['timeout', Number.POSITIVE_INFINITY],
    ['timeout', 2 ** 31],
    ['timeout', -5],
    ['maxRetries', Number.POSITIVE_INFINITY],
    ['maxRetries', -1],
    ['maxRetries', 1.5],
  ])('%s: %s is a ConfigurationError at construction', (name, value) => {
    expect(() => new TestClient({ [name]: value })).toThrow(ConfigurationError);
    expect(() => new TestClient({ [name]: value })).toThrow(new RegExp(`Test: ${name} must be`));
  });

  it('a key with a control character is refused without echoing it', () => {
    const key = 'tst_live_abc\u0000def';
    const error = caught(
      (() => {
        try {
          resolveApiKey({ vendor: 'Test', option: key, env: 'TEST_API_KEY' });
        } catch (e) {
          return e;
        }
      })(),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).not.toContain('abc');
    expect(String(error.stack)).not.toContain('abc');
  });

  it('a lone-surrogate id, a CRLF header and a traversal id reject, and nothing is sent', async () => {
    const api = await server((_req, res) => json(res, 200, {}));
    const things = new Things(new TestClient({ baseURL: api.url }));
    const calls = [
      () => things.get('\udc00'),
      () => things.get('t1', { headers: { 'x-note': 'a\r\nx-evil: 1' } }),
      () => things.get('../admin'),
      () => things.get('t1', { timeout: Number.POSITIVE_INFINITY }),
      () => things.get('t1', { maxRetries: -1 }),
    ];
    for (const call of calls) {
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = call();
      }).not.toThrow();
      await expect(promise).rejects.toThrow(InvalidInputError);
    }
    expect(api.requests).toHaveLength(0);
  });

  it('a plain POST is never retried, even on 503', async () => {
    const api = await server((_req, res) => json(res, 503, { error: 'busy' }));
    await expect(new Things(new TestClient({ baseURL: api.url })).plainPost({ a: 1 })).rejects.toThrow(
      APIError,
    );
    expect(api.requests).toHaveLength(1);
  });
});
