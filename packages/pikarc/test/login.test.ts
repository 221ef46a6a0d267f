import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError, ConfigurationError, InvalidInputError, Pikarc } from '../src/index.js';
import {
  FAKE_PIKARC_API_KEY,
  FAKE_PIKARC_EMAIL,
  FAKE_PIKARC_PASSWORD,
  type FakePikarc,
  startFakePikarc,
} from '../src/testing/index.js';
import { rejection } from './helpers.js';

let fake: FakePikarc;
const credentials = { email: FAKE_PIKARC_EMAIL, password: FAKE_PIKARC_PASSWORD };

beforeAll(async () => {
  fake = await startFakePikarc();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

describe('Pikarc.login', () => {
  it('logs in without credentials and returns a client holding the JWT', async () => {
    const pikarc = await Pikarc.login(credentials, { baseURL: fake.url });
    expect(pikarc.hasToken).toBe(true);
    expect(pikarc.hasApiKey).toBe(false);
    const me = (await pikarc.auth.me.retrieve()) as { email: string };
    expect(me.email).toBe(FAKE_PIKARC_EMAIL);
    expect((await pikarc.workspace.retrieve()).kill_switch).toBe(false);
    expect(fake.requests.map((r) => [r.method, r.path, r.auth])).toEqual([
      ['POST', '/v1/auth/login', 'none'],
      ['GET', '/v1/auth/me', 'jwt'],
      ['GET', '/v1/workspace/', 'jwt'],
    ]);
    // A JWT cannot start runs: refused locally, nothing sent.
    const error = await rejection(pikarc.run({ user_id: 'alice' }, () => 1));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(fake.requests).toHaveLength(3);
  });

  it('keeps an API key beside the JWT: key rows use the key, either rows prefer it', async () => {
    const pikarc = await Pikarc.login(credentials, { baseURL: fake.url, apiKey: FAKE_PIKARC_API_KEY });
    await pikarc.auth.me.retrieve();
    await pikarc.usage.summary.retrieve();
    await pikarc.run({ user_id: 'alice' }, () => 'ok');
    expect(fake.requests.map((r) => r.auth)).toEqual(['none', 'jwt', 'key', 'key', 'key']);
  });

  it('a wrong password is an AuthenticationError that shows no password', async () => {
    const error = await rejection(
      Pikarc.login({ ...credentials, password: 'wrong-pass-123' }, { baseURL: fake.url }),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe(
      `Pikarc POST ${new URL(fake.url).host}/v1/auth/login → 401: Incorrect email or password`,
    );
    expect(JSON.stringify(error)).not.toContain('wrong-pass-123');
  });

  it('refuses missing credentials as a rejection, nothing sent', async () => {
    const error = await rejection(Pikarc.login({ email: FAKE_PIKARC_EMAIL } as never, { baseURL: fake.url }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toBe('credentials.password must be a non-empty string.');
    expect(fake.requests).toEqual([]);
  });

  it('without reauthenticate, an expired token surfaces as a 401', async () => {
    const pikarc = await Pikarc.login(credentials, { baseURL: fake.url });
    fake.expireTokens();
    const error = await rejection(pikarc.auth.me.retrieve());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe(`Pikarc GET ${new URL(fake.url).host}/v1/auth/me → 401: Token has expired`);
    expect(fake.logins).toBe(1);
  });

  it('with reauthenticate, logs in again once after a 401 and repeats the call', async () => {
    const pikarc = await Pikarc.login(credentials, { baseURL: fake.url, reauthenticate: true });
    fake.expireTokens();
    const me = (await pikarc.auth.me.retrieve()) as { email: string };
    expect(me.email).toBe(FAKE_PIKARC_EMAIL);
    expect(fake.logins).toBe(2);
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /v1/auth/login 200',
      'GET /v1/auth/me 401',
      'POST /v1/auth/login 200',
      'GET /v1/auth/me 200',
    ]);
    const dump = inspect(pikarc, { showHidden: true, getters: true, depth: 10 }) + JSON.stringify(pikarc);
    expect(dump).not.toContain(FAKE_PIKARC_PASSWORD);
  });
});

describe('the auth option', () => {
  it('logs in lazily on the first JWT call and caches the token', async () => {
    const pikarc = new Pikarc({ baseURL: fake.url, auth: credentials });
    expect(fake.logins).toBe(0);
    await pikarc.auth.me.retrieve();
    await pikarc.apiKeys.retrieve();
    expect(fake.logins).toBe(1);
    expect(fake.requests.map((r) => r.path)).toEqual(['/v1/auth/login', '/v1/auth/me', '/v1/api-keys/']);
  });

  it('re-logs in only once: a second 401 surfaces', async () => {
    const pikarc = new Pikarc({ baseURL: fake.url, auth: credentials });
    await pikarc.auth.me.retrieve();
    fake.fault({ method: 'GET', path: '/v1/auth/me', status: 401, times: 2 });
    const error = await rejection(pikarc.auth.me.retrieve());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(fake.logins).toBe(2);
  });
});
