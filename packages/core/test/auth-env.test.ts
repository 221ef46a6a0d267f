import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, headerAuth, readEnv, tokenAuth } from '../src/index.js';
import { BASE, memoryLogger, TestClient } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('auth strategies', () => {
  it('custom header auth sends the key in that header only', async () => {
    const scope = nock(BASE, { badheaders: ['authorization'], reqheaders: { 'x-api-key': 'k1' } })
      .get('/v1/x')
      .reply(200, {});
    await new TestClient({}, { auth: headerAuth('x-api-key', 'k1') }).request({
      method: 'GET',
      path: '/v1/x',
    });
    expect(scope.isDone()).toBe(true);
  });

  it('auth: false sends no credentials', async () => {
    const scope = nock(BASE, { badheaders: ['authorization'] })
      .post('/v1/in')
      .reply(202, {});
    await new TestClient().request({ method: 'POST', path: '/v1/in', body: {}, auth: false });
    expect(scope.isDone()).toBe(true);
  });

  it('token auth logs in lazily, caches the token, and logs in again once on 401', async () => {
    let logins = 0;
    const auth = tokenAuth(async ({ forceRefresh }) => {
      logins += 1;
      return forceRefresh ? 'jwt-2' : 'jwt-1';
    });
    nock(BASE, { reqheaders: { authorization: 'Bearer jwt-1' } })
      .get('/v1/a')
      .reply(200, {})
      .get('/v1/b')
      .reply(401, { error: 'expired' });
    nock(BASE, { reqheaders: { authorization: 'Bearer jwt-2' } })
      .get('/v1/b')
      .reply(200, { ok: true });
    const client = new TestClient({}, { auth });
    await client.request({ method: 'GET', path: '/v1/a' });
    await expect(client.request({ method: 'GET', path: '/v1/b' })).resolves.toEqual({ ok: true });
    expect(logins).toBe(2);
  });

  it('a second 401 after the fresh login is an AuthenticationError', async () => {
    const auth = tokenAuth(async () => 'jwt');
    nock(BASE).get('/v1/b').times(2).reply(401, { error: 'no' });
    await expect(
      new TestClient({}, { auth }).request({ method: 'GET', path: '/v1/b' }),
    ).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe('readEnv', () => {
  it('reads process.env, trims, and treats empty as unset', () => {
    process.env.QUIVER_T = '  v ';
    expect(readEnv('QUIVER_T')).toBe('v');
    process.env.QUIVER_T = '';
    expect(readEnv('QUIVER_T')).toBeUndefined();
    delete process.env.QUIVER_T;
  });

  it('does not crash when Deno denies env access', () => {
    const g = globalThis as Record<string, unknown>;
    g.Deno = {
      env: {
        get() {
          throw new Error('Requires env access to "X", run again with the --allow-env flag');
        },
      },
    };
    try {
      expect(readEnv('X')).toBeUndefined();
    } finally {
      delete g.Deno;
    }
  });
});

describe('log level from the environment', () => {
  afterEach(() => {
    delete process.env.QUIVER_LOG;
    delete process.env.TEST_LOG;
  });

  it('QUIVER_LOG sets the default logLevel, <VENDOR>_LOG overrides it, and the option wins', async () => {
    nock(BASE).get('/v1/x').times(3).reply(200, {});
    process.env.QUIVER_LOG = 'debug';
    const debug = memoryLogger();
    await new TestClient({ logger: debug.logger }).request({ method: 'GET', path: '/v1/x' });
    expect(debug.lines.join('\n')).toMatch(/debug \[quiver\] Test GET api\.test\.example\/v1\/x → 200/);

    process.env.TEST_LOG = 'off';
    const off = memoryLogger();
    await new TestClient({ logger: off.logger }).request({ method: 'GET', path: '/v1/x' });
    expect(off.lines).toEqual([]);

    const option = memoryLogger();
    await new TestClient({ logger: option.logger, logLevel: 'debug' }).request({
      method: 'GET',
      path: '/v1/x',
    });
    expect(option.lines.length).toBeGreaterThan(0);
  });

  it('ignores a nonsense level from the environment with one warning (the option is still checked)', () => {
    process.env.QUIVER_LOG = 'loud';
    const { lines, logger } = memoryLogger();
    expect(() => new TestClient({ logger })).not.toThrow();
    expect(lines).toEqual([
      "warn [quiver] QUIVER_LOG=loud is not a log level ('off', 'error', 'warn', 'info' or 'debug'); ignoring it. ",
    ]);
  });
});
