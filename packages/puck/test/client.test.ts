import { inspect } from 'node:util';
import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, Puck, VERSION } from '../src/index.js';
import { api, authHeaders, BASE, caught, client, KEY, useNock } from './helpers.js';

useNock();
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('configuration', () => {
  it('reads PUCK_API_KEY and PUCK_BASE_URL from the environment', async () => {
    vi.stubEnv('PUCK_API_KEY', KEY);
    vi.stubEnv('PUCK_BASE_URL', 'https://brain.your-org.example/');
    const scope = nock('https://brain.your-org.example', { reqheaders: authHeaders })
      .get('/v1/investigations/inv_1')
      .reply(200, { id: 'inv_1' });
    const puck = new Puck();
    expect(puck.baseURL).toBe('https://brain.your-org.example');
    await puck.investigations.retrieve('inv_1');
    expect(scope.isDone()).toBe(true);
  });

  it('defaults to https://api.puck.security', () => {
    vi.stubEnv('PUCK_BASE_URL', '');
    expect(new Puck({ apiKey: KEY }).baseURL).toBe('https://api.puck.security');
  });

  it('prefers options over the environment', () => {
    vi.stubEnv('PUCK_API_KEY', 'bad key');
    vi.stubEnv('PUCK_BASE_URL', 'https://env.example');
    expect(new Puck({ apiKey: KEY, baseURL: BASE }).baseURL).toBe(BASE);
  });

  it('refuses a missing key, naming the variable', () => {
    vi.stubEnv('PUCK_API_KEY', '');
    expect(() => new Puck()).toThrow(ConfigurationError);
    expect(() => new Puck()).toThrow(/PUCK_API_KEY/);
  });

  it('refuses a key without pck_live_/pck_test_ without echoing it', () => {
    const error = caught(
      (() => {
        try {
          new Puck({ apiKey: 'sk_live_SECRETVALUE' });
        } catch (e) {
          return e;
        }
      })(),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      'Puck: the API key is malformed; expected a key starting with pck_live_ or pck_test_. Check the apiKey option.',
    );
    expect(error.message).not.toContain('SECRETVALUE');
  });

  it('sets mode from the key prefix', () => {
    expect(new Puck({ apiKey: 'pck_live_abc' }).mode).toBe('live');
    expect(new Puck({ apiKey: 'pck_test_abc' }).mode).toBe('test');
  });

  it('refuses plain http except on loopback (self-hosted brains and the fake)', () => {
    expect(() => new Puck({ apiKey: KEY, baseURL: 'http://brain.acme.example' })).toThrow(ConfigurationError);
    expect(new Puck({ apiKey: KEY, baseURL: 'http://127.0.0.1:8080' }).baseURL).toBe('http://127.0.0.1:8080');
  });

  it('ignores a pasted /v1 suffix, and an error names the host and the path as sent', async () => {
    const puck = new Puck({ apiKey: KEY, baseURL: `${BASE}/v1/`, rateLimit: false, maxRetries: 0 });
    expect(puck.baseURL).toBe(BASE);
    api().get('/v1/agents').reply(200, { agents: [] });
    expect((await puck.agents.list()).items).toEqual([]);
    const selfHosted = new Puck({ apiKey: KEY, baseURL: `${BASE}/brain`, rateLimit: false, maxRetries: 0 });
    nock(BASE).get('/brain/v1/agents/agent_1/config').reply(404, { error: 'not_found' });
    const error = caught(await selfHosted.agents.config.retrieve('agent_1').catch((e: unknown) => e));
    expect(error.message).toBe('Puck GET brain.acme.example/brain/v1/agents/agent_1/config → 404: not_found');
  });

  it('refuses an unknown tier', () => {
    expect(() => new Puck({ apiKey: KEY, tier: 'enterprise' as never })).toThrow(
      /tier must be 'free' or 'pro'/,
    );
  });

  it('exports VERSION 0.1.0, sent in the User-Agent', () => {
    expect(VERSION).toBe('0.1.0');
  });
});

describe('secrets stay out of dumps', () => {
  it('inspect, JSON and enumerable properties never show the key', () => {
    const puck = client();
    for (const text of [
      inspect(puck, { showHidden: true, getters: true, depth: 10 }),
      JSON.stringify(puck),
      inspect(puck.investigations, { showHidden: true, depth: 10 }),
    ]) {
      expect(text).not.toContain(KEY);
    }
  });
});

describe('headers', () => {
  it('sends Bearer auth, the SDK User-Agent, default and per-call headers', async () => {
    const scope = api()
      .matchHeader('x-team', 'secops')
      .matchHeader('x-trace', 'abc')
      .get('/v1/agents/agent_1/config')
      .reply(200, {});
    await client({ defaultHeaders: { 'x-team': 'secops' } }).agents.config.retrieve('agent_1', {
      headers: { 'x-trace': 'abc' },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('sends no Idempotency-Key on ordinary POSTs', async () => {
    const scope = nock(BASE, { badheaders: ['idempotency-key'] })
      .post('/v1/curiosity')
      .reply(201, { id: 'cur_1' });
    await client().curiosity.create({ query: 'q', interval: '1h' });
    expect(scope.isDone()).toBe(true);
  });
});

describe('validation modes', () => {
  it("strict: a drifted body throws ResponseValidationError; 'warn' logs and returns it; 'off' returns it", async () => {
    const drifted = { id: 42, status: 'queued' };
    api().get('/v1/investigations/inv_1').times(3).reply(200, drifted);
    const strict = await client().investigations.retrieve('inv_1').catch(caught);
    expect(strict.name).toBe('ResponseValidationError');
    expect(strict.body).toEqual(drifted);
    const warnings: string[] = [];
    const logger = { error() {}, warn: (m: string) => warnings.push(m), info() {}, debug() {} };
    expect(await client({ validate: 'warn', logger }).investigations.retrieve('inv_1')).toEqual(drifted);
    expect(warnings[0]).toMatch(/Puck GET brain\.acme\.example\/v1\/investigations\/inv_1/);
    expect(await client({ validate: 'off' }).investigations.retrieve('inv_1')).toEqual(drifted);
  });
});
