import { inspect } from 'node:util';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, resolveApiKey } from '../src/index.js';
import { BASE, type Caught, caught, memoryLogger, SECRET, TestClient } from './helpers.js';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterEach(() => nock.cleanAll());

function everyRendering(value: unknown): string {
  const e = value as Error;
  return [
    String(value),
    e?.stack ?? '',
    JSON.stringify(value),
    inspect(value),
    inspect(value, { showHidden: true, getters: true, depth: 10 }),
    inspect((e as { cause?: unknown })?.cause, { showHidden: true, getters: true, depth: 10 }),
  ].join('\n');
}

describe('the API key never leaks', () => {
  it('not from the client: inspect (showHidden, getters) or JSON', () => {
    const client = new TestClient({ defaultHeaders: { 'x-extra': 'y' } });
    const all = everyRendering(client);
    expect(all).not.toContain(SECRET);
    expect(JSON.parse(JSON.stringify(client))).toEqual({
      vendor: 'Test',
      baseURL: BASE,
      timeout: 60000,
      maxRetries: 2,
    });
  });

  it('not from API errors, connection errors or timeouts', async () => {
    nock(BASE)
      .get('/v1/x')
      .query(true)
      .reply(401, { error: `invalid key ${SECRET.slice(0, 3)}` });
    const apiError: Caught = await new TestClient()
      .request({ method: 'GET', path: '/v1/x', query: { q: 'z' } })
      .catch(caught);
    expect(everyRendering(apiError)).not.toContain(SECRET);
    expect(apiError.message).not.toContain('q=z');

    const refused: Caught = await new TestClient({ baseURL: 'http://127.0.0.1:9', maxRetries: 0 })
      .request({ method: 'GET', path: '/v1/x' })
      .catch(caught);
    expect(refused.name).toBe('APIConnectionError');
    expect(everyRendering(refused)).not.toContain(SECRET);
  });

  it('not from debug logs, which carry method, path, status, attempt and duration', async () => {
    nock(BASE)
      .get('/v1/x')
      .reply(503, {})
      .get('/v1/x')
      .reply(200, {}, { 'x-request-id': 'r1', 'set-cookie': 's=1' });
    const { lines, logger } = memoryLogger();
    await new TestClient({ logger, logLevel: 'debug' }).request({ method: 'GET', path: '/v1/x' });
    const text = lines.join('\n');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('s=1');
    expect(text).toMatch(/debug \[quiver\] Test GET api\.test\.example\/v1\/x → 503 \(attempt 1, \d+ ms\)/);
    expect(text).toMatch(/info \[quiver\] Test GET api\.test\.example\/v1\/x: retry 1 of 2 after status 503/);
    expect(text).toMatch(
      /debug \[quiver\] Test GET api\.test\.example\/v1\/x → 200 \(attempt 2, \d+ ms\) \{"content-type":"application\/json","x-request-id":"r1"\}$/m,
    );
  });

  it('hooks see allow-listed headers only', async () => {
    nock(BASE).get('/v1/x').reply(200, {});
    const seen: unknown[] = [];
    await new TestClient({
      hooks: { beforeRequest: (i) => seen.push(i), afterResponse: (i) => seen.push(i) },
    }).request({
      method: 'GET',
      path: '/v1/x',
    });
    expect(JSON.stringify(seen)).not.toContain(SECRET);
    expect(seen[0]).toMatchObject({ method: 'GET', url: `${BASE}/v1/x`, attempt: 1 });
    expect(seen[1]).toMatchObject({
      status: 200,
      attempt: 1,
      headers: { 'content-type': 'application/json' },
    });
  });

  it('not from configuration errors about the key', () => {
    const bad = 'wrong_prefix_SECRETVALUE';
    const error = (() => {
      try {
        resolveApiKey({
          vendor: 'Test',
          option: bad,
          env: 'TEST_API_KEY',
          pattern: /^tst_/,
          expected: 'a key starting with tst_',
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(
      'Test: the API key is malformed; expected a key starting with tst_. Check the apiKey option.',
    );
    expect(everyRendering(error)).not.toContain('SECRETVALUE');
  });
});

describe('configuration', () => {
  it('missing key names the option and the environment variable', () => {
    delete process.env.TEST_API_KEY;
    expect(() => resolveApiKey({ vendor: 'Test', option: undefined, env: 'TEST_API_KEY' })).toThrow(
      'Test: no API key. Pass { apiKey } to the client or set the TEST_API_KEY environment variable.',
    );
    process.env.TEST_API_KEY = 'from-env';
    expect(resolveApiKey({ vendor: 'Test', option: undefined, env: 'TEST_API_KEY' })).toBe('from-env');
    delete process.env.TEST_API_KEY;
  });

  it('refuses plain http except for loopback, and malformed URLs', () => {
    expect(() => new TestClient({ baseURL: 'http://api.example.com' })).toThrow(
      /plain http:\/\/ for api\.example\.com/,
    );
    expect(() => new TestClient({ baseURL: 'not a url' })).toThrow(ConfigurationError);
    for (const ok of ['http://localhost:8080', 'http://127.0.0.1:3000/', 'http://[::1]:9000']) {
      expect(() => new TestClient({ baseURL: ok })).not.toThrow();
    }
  });

  it('refuses nonsense options with a clear message', () => {
    expect(() => new TestClient({ timeout: -1 })).toThrow(
      'Test: timeout must be a number of milliseconds from 1 to 2147483647; got -1.',
    );
    expect(() => new TestClient({ validate: 'loud' as never })).toThrow(
      /validate must be 'strict', 'warn' or 'off'/,
    );
    expect(() => new TestClient({ logLevel: 'verbose' as never })).toThrow(/logLevel must be/);
  });

  it('refuses to run in a browser unless allowed', () => {
    const g = globalThis as Record<string, unknown>;
    g.window = {};
    g.document = {};
    try {
      expect(() => new TestClient()).toThrow(/running in a browser would expose your API key/);
      expect(() => new TestClient({ dangerouslyAllowBrowser: true })).not.toThrow();
    } finally {
      delete g.window;
      delete g.document;
    }
  });
});
