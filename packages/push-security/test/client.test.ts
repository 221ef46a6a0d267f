import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, DEFAULT_BASE_URL, PushSecurity, VERSION } from '../src/index.js';
import { intercept, KEY, makeClient, useNock } from './helpers.js';

useNock();

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('configuration', () => {
  it('reads PUSH_SECURITY_API_KEY and PUSH_SECURITY_BASE_URL (trailing slash ignored)', async () => {
    vi.stubEnv('PUSH_SECURITY_API_KEY', 'env-key-1');
    vi.stubEnv('PUSH_SECURITY_BASE_URL', 'https://push.internal.example/');
    const calls = intercept(
      'GET',
      '/v1/findings/f1',
      { body: { id: 'f1' } },
      'https://push.internal.example',
    );
    const push = new PushSecurity({ rateLimit: false });
    expect(push.baseURL).toBe('https://push.internal.example');
    await push.findings.retrieve('f1');
    expect(calls[0]!.headers['x-api-key']).toBe('env-key-1');
  });

  it('options win over the environment; the default host is https://api.pushsecurity.com', () => {
    vi.stubEnv('PUSH_SECURITY_BASE_URL', '');
    expect(makeClient().baseURL).toBe(DEFAULT_BASE_URL);
    vi.stubEnv('PUSH_SECURITY_BASE_URL', 'https://env.example');
    expect(makeClient({ baseURL: 'https://option.example' }).baseURL).toBe('https://option.example');
  });

  it('throws ConfigurationError naming the env var when no key is given', () => {
    vi.stubEnv('PUSH_SECURITY_API_KEY', '');
    expect(() => new PushSecurity()).toThrow(ConfigurationError);
    expect(() => new PushSecurity()).toThrow(/PUSH_SECURITY_API_KEY/);
  });

  it('refuses a key with whitespace without echoing it', () => {
    const error = (() => {
      try {
        new PushSecurity({ apiKey: 'secret value 123' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error?.message).not.toContain('secret');
  });

  it('refuses plain http:// except for loopback hosts', () => {
    expect(() => makeClient({ baseURL: 'http://api.pushsecurity.com' })).toThrow(ConfigurationError);
    expect(makeClient({ baseURL: 'http://127.0.0.1:8080' }).baseURL).toBe('http://127.0.0.1:8080');
    expect(makeClient({ baseURL: 'http://localhost:8080/' }).baseURL).toBe('http://localhost:8080');
  });

  it('refuses an unknown arrayFormat', () => {
    // biome-ignore lint/suspicious/noExplicitAny: a JS caller passing a bad value
    expect(() => makeClient({ arrayFormat: 'brackets' as any })).toThrow(
      /arrayFormat must be 'repeat' or 'comma'/,
    );
  });

  it('sends defaultHeaders and per-call headers, and the User-Agent with the version', async () => {
    const calls = intercept('GET', '/v1/findings/f1', { body: { id: 'f1' } });
    await makeClient({ defaultHeaders: { 'x-team': 'secops' } }).findings.retrieve('f1', {
      headers: { 'x-trace': 't-1' },
    });
    expect(calls[0]!.headers).toMatchObject({
      'x-team': 'secops',
      'x-trace': 't-1',
      'x-api-key': KEY,
      'user-agent': `quiver-push-security/${VERSION} (node/${process.versions.node})`,
    });
    expect(VERSION).toBe('0.1.0');
  });

  it('client.request() reaches any endpoint through the same pipeline', async () => {
    const calls = intercept('GET', '/v1/urlBlocking', { body: { result: [] } });
    const { data, response, requestId } = await makeClient()
      .request({ method: 'GET', path: '/v1/urlBlocking', query: { limit: 5 } })
      .withResponse();
    expect(data).toEqual({ result: [] });
    expect(response.status).toBe(200);
    expect(requestId).toBeUndefined();
    expect(calls[0]).toMatchObject({ path: '/v1/urlBlocking', query: { limit: '5' } });
    expect(calls[0]!.headers['x-api-key']).toBe(KEY);
  });
});

describe('the key never leaks', () => {
  it('is absent from inspect, JSON and error output', async () => {
    const push = makeClient();
    expect(inspect(push, { showHidden: true, getters: true, depth: 6 })).not.toContain(KEY);
    expect(JSON.stringify(push)).not.toContain(KEY);
    intercept('GET', '/v1/findings/f1', { status: 403, body: { message: 'Missing Authentication Token' } });
    const error = await push.findings.retrieve('f1').catch((e: unknown) => e as Error);
    expect(
      `${error.message} ${error.stack} ${JSON.stringify(error)} ${inspect(error, { showHidden: true })}`,
    ).not.toContain(KEY);
  });
});
