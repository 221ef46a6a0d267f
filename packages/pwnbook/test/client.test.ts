import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, DEFAULT_BASE_URL, normalizeBaseURL, Pwnbook } from '../src/index.js';
import { api, authHeaders, KEY, SELF_HOSTED, useNock } from './helpers.js';

useNock();
afterEach(() => vi.unstubAllEnvs());

describe('Pwnbook client', () => {
  it('defaults to Pwnbook cloud, https://app.pwnbook.io/api', () => {
    const pwnbook = new Pwnbook({ apiKey: KEY });
    expect(DEFAULT_BASE_URL).toBe('https://app.pwnbook.io/api');
    expect(pwnbook.baseURL).toBe('https://app.pwnbook.io/api');
  });

  it('reads PWNBOOK_API_KEY and PWNBOOK_BASE_URL', async () => {
    vi.stubEnv('PWNBOOK_API_KEY', KEY);
    vi.stubEnv('PWNBOOK_BASE_URL', `${SELF_HOSTED}/api/v1/`);
    const pwnbook = new Pwnbook({ rateLimit: false });
    expect(pwnbook.baseURL).toBe(`${SELF_HOSTED}/api`);
    api(SELF_HOSTED)
      .get('/api/v1/organizations/current')
      .reply(200, { data: { id: 'org_1' } });
    expect(await pwnbook.organizations.current.retrieve()).toEqual({ id: 'org_1' });
  });

  it('without a key: ConfigurationError naming the option and the variable', () => {
    vi.stubEnv('PWNBOOK_API_KEY', '');
    expect(() => new Pwnbook()).toThrow(ConfigurationError);
    expect(() => new Pwnbook()).toThrow(
      'Pwnbook: no API key. Pass { apiKey } to the client or set the PWNBOOK_API_KEY environment variable.',
    );
  });

  it('checks the key format pwbk_live_ / pwbk_test_ without echoing the key', () => {
    const bad = 'sk_live_abcdef123456';
    let error: unknown;
    try {
      new Pwnbook({ apiKey: bad });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(
      'Pwnbook: the API key is malformed; expected a key starting with pwbk_live_ or pwbk_test_. Check the apiKey option.',
    );
    expect((error as Error).message).not.toContain(bad);
    expect(new Pwnbook({ apiKey: 'pwbk_test_abc' }).isTestKey).toBe(true);
    expect(new Pwnbook({ apiKey: KEY }).isTestKey).toBe(false);
  });

  it('never shows the key in inspect or JSON', () => {
    const pwnbook = new Pwnbook({ apiKey: KEY });
    expect(inspect(pwnbook, { showHidden: true, depth: 5, getters: true })).not.toContain(KEY);
    expect(JSON.stringify(pwnbook)).not.toContain(KEY);
  });

  it('sends Bearer auth, Accept and the SDK User-Agent on every request', async () => {
    api()
      .get('/api/v1/organizations/current')
      .reply(200, { data: { id: 'org_1' } });
    await new Pwnbook({ apiKey: KEY }).organizations.current.retrieve();
    expect(authHeaders.authorization).toBe(`Bearer ${KEY}`);
  });
});

describe('self-hosted base URLs', () => {
  it.each([
    ['https://pwnbook.acme.example', 'https://pwnbook.acme.example/api'],
    ['https://pwnbook.acme.example/', 'https://pwnbook.acme.example/api'],
    ['https://pwnbook.acme.example/api', 'https://pwnbook.acme.example/api'],
    ['https://pwnbook.acme.example/api/', 'https://pwnbook.acme.example/api'],
    ['https://pwnbook.acme.example/api/v1', 'https://pwnbook.acme.example/api'],
    ['https://pwnbook.acme.example/api/v1/', 'https://pwnbook.acme.example/api'],
    ['https://acme.example/tools/pwnbook/api', 'https://acme.example/tools/pwnbook/api'],
    ['https://acme.example/tools/pwnbook/api/v1', 'https://acme.example/tools/pwnbook/api'],
    ['https://acme.example/pwnbook', 'https://acme.example/pwnbook'],
    ['https://your-pwnbook-domain.com', 'https://your-pwnbook-domain.com/api'],
    ['https://app.pwnbook.io', 'https://app.pwnbook.io/api'],
    ['http://localhost:3000', 'http://localhost:3000/api'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeBaseURL(input)).toBe(expected);
    expect(Pwnbook.normalizeBaseURL(input)).toBe(expected);
    expect(new Pwnbook({ apiKey: KEY, baseURL: input }).baseURL).toBe(expected);
  });

  it('sends requests under the self-hosted root', async () => {
    api(SELF_HOSTED)
      .get('/api/v1/engagements/eng_1')
      .reply(200, { data: { id: 'eng_1' } });
    const pwnbook = new Pwnbook({ apiKey: KEY, baseURL: `${SELF_HOSTED}/api/v1`, rateLimit: false });
    expect(await pwnbook.engagements.retrieve('eng_1')).toEqual({ id: 'eng_1' });
  });

  it('refuses plain http to a non-loopback host and a URL that is not one', () => {
    expect(() => new Pwnbook({ apiKey: KEY, baseURL: 'http://pwnbook.lab.internal' })).toThrow(
      /plain http:\/\/ for pwnbook\.lab\.internal/,
    );
    expect(() => new Pwnbook({ apiKey: KEY, baseURL: 'pwnbook.acme.example' })).toThrow(ConfigurationError);
    expect(() => normalizeBaseURL('not a url')).toThrow(
      'Pwnbook: baseURL is not a valid absolute URL. Pass e.g. https://pwnbook.acme.internal or https://app.pwnbook.io/api.',
    );
  });
});
