import { inspect } from 'node:util';
import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  ConfigurationError,
  InternalServerError,
  PermissionDeniedError,
  Pikarc,
  PlanRestrictedError,
  pikarcValidationIssues,
  UnprocessableEntityError,
} from '../src/index.js';
import { ALLOW, api, BASE, client, KEY, rejection, TOKEN, useNock } from './helpers.js';

useNock();

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('configuration', () => {
  it('reads PIKARC_API_KEY and PIKARC_BASE_URL, and defaults to http://localhost:8000', async () => {
    vi.stubEnv('PIKARC_API_KEY', KEY);
    expect(new Pikarc().baseURL).toBe('http://localhost:8000');
    vi.stubEnv('PIKARC_BASE_URL', 'https://guard.acme.example/v1/');
    const pikarc = new Pikarc();
    expect(pikarc.baseURL).toBe('https://guard.acme.example');
    expect(pikarc.hasApiKey).toBe(true);
  });

  it('strips a /v1 suffix from the base URL (the API reference writes the base with it)', () => {
    expect(client({ baseURL: 'http://127.0.0.1:8000/v1' }).baseURL).toBe('http://127.0.0.1:8000');
    expect(client({ baseURL: 'https://guard.acme.example/pikarc/v1/' }).baseURL).toBe(
      'https://guard.acme.example/pikarc',
    );
  });

  it('refuses plain http to a non-loopback host', () => {
    expect(() => client({ baseURL: 'http://guard.acme.example' })).toThrow(ConfigurationError);
  });

  it('checks the lg_ prefix without echoing the key', () => {
    const bad = 'sk_live_SECRET_VALUE';
    const error = (() => {
      try {
        new Pikarc({ apiKey: bad });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error?.message).toMatch(/starting with lg_/);
    expect(error?.message).not.toContain('SECRET');
  });

  it('says to pass a JWT as token', () => {
    expect(() => new Pikarc({ apiKey: TOKEN })).toThrow(
      /holds a JWT, not an API key .*pass it as \{ token \}/,
    );
    expect(() => new Pikarc({ token: KEY })).toThrow(/pass it as \{ apiKey \}/);
    expect(() => new Pikarc({ auth: { email: 'a@example.com', password: '' } })).toThrow(
      'Pikarc: auth needs a non-empty email and password.',
    );
  });

  it('keeps keys, tokens and passwords out of inspect and JSON', () => {
    const pikarc = client({ token: TOKEN, auth: { email: 'a@example.com', password: 'hunter2-secret' } });
    for (const text of [
      inspect(pikarc, { showHidden: true, getters: true, depth: 10 }),
      JSON.stringify(pikarc),
    ]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain('SECRETsignature');
      expect(text).not.toContain('hunter2');
    }
  });
});

describe('credential per row', () => {
  it('key rows fail locally without an API key, saying which credential', async () => {
    const jwtOnly = new Pikarc({ token: TOKEN, baseURL: BASE });
    const error = await rejection(jwtOnly.runs.create({ user_id: 'alice' }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      'Pikarc POST localhost:8000/v1/runs/ needs the API key: pass { apiKey } or set PIKARC_API_KEY (a login token cannot start runs or create steps).',
    );
    await expect(jwtOnly.runs.steps.update('r', 's', {})).rejects.toThrow(/needs the API key/);
  });

  it('jwt rows fail locally without a login token', async () => {
    const error = await rejection(client().auth.me.retrieve());
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      'Pikarc GET localhost:8000/v1/auth/me needs a login token (JWT): call Pikarc.login({ email, password }), or pass { auth: { email, password } } or { token }.',
    );
  });

  it('either rows prefer the API key, and use the JWT when there is no key', async () => {
    api(KEY).get('/v1/workspace/').reply(200, { id: 'w1' });
    await client({ token: TOKEN }).workspace.retrieve();
    api(TOKEN).get('/v1/workspace/').reply(200, { id: 'w1' });
    await new Pikarc({ token: TOKEN, baseURL: BASE }).workspace.retrieve();
  });

  it('either rows fail locally with neither credential', async () => {
    const bare = new Pikarc({ baseURL: BASE });
    expect(bare.hasApiKey).toBe(false);
    const error = await rejection(bare.usage.summary.retrieve());
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(
      /needs the API key or a login token: pass \{ apiKey \}.*, or call Pikarc\.login/,
    );
  });

  it('none rows send no Authorization even when the client holds both credentials', async () => {
    api(null).get('/health').reply(200, { status: 'ok' });
    await client({ token: TOKEN }).health.retrieve();
  });
});

describe('errors', () => {
  it('maps a string detail onto the message', async () => {
    api().get('/v1/workspace/').reply(401, { detail: 'Invalid authentication credentials' });
    const error = await rejection(client().workspace.retrieve());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe(
      'Pikarc GET localhost:8000/v1/workspace/ → 401: Invalid authentication credentials',
    );
    expect(error.code).toBeUndefined();
    expect(error.message).not.toContain(KEY);
  });

  it('joins a FastAPI detail list and keeps it on err.body.detail', async () => {
    const detail = [
      { loc: ['body', 'user_id'], msg: 'Field required', type: 'missing' },
      { loc: ['body', 'metadata'], msg: 'Input should be a valid dictionary', type: 'dict_type' },
    ];
    api().post('/v1/runs/').reply(422, { detail });
    const error = await rejection(client().runs.create({ user_id: 'alice' }));
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.message).toBe(
      'Pikarc POST localhost:8000/v1/runs/ → 422: user_id: Field required; metadata: Input should be a valid dictionary',
    );
    expect(error.body.detail).toEqual(detail);
    expect(pikarcValidationIssues(error)).toEqual(detail);
  });

  it('a 403 naming a plan is a PlanRestrictedError (a PermissionDeniedError)', async () => {
    api().post('/v1/workspace/kill-switch', { active: true }).reply(403, {
      detail: 'Kill switch is not available on the pro plan. Upgrade to Scale or Enterprise.',
    });
    const error = await rejection(client().workspace.killSwitch.update({ active: true }));
    expect(error).toBeInstanceOf(PlanRestrictedError);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.plan).toBe('pro');
    expect(error.name).toBe('PlanRestrictedError');
  });

  it('any other 403 stays a plain PermissionDeniedError', async () => {
    api().get('/v1/workspace/').reply(403, { detail: 'Forbidden' });
    const error = await rejection(client().workspace.retrieve());
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).not.toBeInstanceOf(PlanRestrictedError);
  });
});

describe('retries', () => {
  const fail = { detail: 'Internal Server Error' };
  const writes: Array<[string, (c: Pikarc) => Promise<unknown>, () => void]> = [
    ['runs.create', (c) => c.runs.create({ user_id: 'a' }), () => api().post('/v1/runs/').reply(500, fail)],
    [
      'runs.end',
      (c) => c.runs.end('r1', { status: 'FAILED' }),
      () => api().post('/v1/runs/r1/end').reply(500, fail),
    ],
    [
      'runs.steps.create',
      (c) => c.runs.steps.create('r1', { type: 'TOOL_CALL', sequence: 1 }),
      () => api().post('/v1/runs/r1/steps').reply(500, fail),
    ],
    [
      'runs.steps.update',
      (c) => c.runs.steps.update('r1', 's1', { status: 'COMPLETED' }),
      () => api().patch('/v1/runs/r1/steps/s1').reply(500, fail),
    ],
    [
      'apiKeys.regenerate',
      (c) => c.apiKeys.regenerate(),
      () => api().post('/v1/api-keys/regenerate').reply(500, fail),
    ],
    [
      'workspace.update',
      (c) => c.workspace.update({ name: 'x' }),
      () => api().patch('/v1/workspace/').reply(500, fail),
    ],
    [
      'workspace.killSwitch.update',
      (c) => c.workspace.killSwitch.update({ active: false }),
      () => api().post('/v1/workspace/kill-switch').reply(500, fail),
    ],
  ];
  for (const [name, call, mock] of writes) {
    it(`${name} is never retried`, async () => {
      mock(); // one interceptor only: a retry would hit nock with nothing left and fail differently
      const error = await rejection(call(client({ maxRetries: 2 })));
      expect(error).toBeInstanceOf(InternalServerError);
    });
  }

  it('modelPricing.replace (a PUT upsert) and reads are retried', async () => {
    api()
      .put('/v1/model-pricing/gpt-4o')
      .reply(503, fail, { 'retry-after': '0' })
      .put('/v1/model-pricing/gpt-4o')
      .reply(200, { id: 'p1', model: 'gpt-4o' });
    const entry = await client().modelPricing.replace('gpt-4o', {
      input_cost_per_token: 1e-6,
      output_cost_per_token: 2e-6,
    });
    expect(entry.id).toBe('p1');
    api()
      .get('/v1/workspace/')
      .reply(502, fail, { 'retry-after': '0' })
      .get('/v1/workspace/')
      .reply(200, { id: 'w' });
    expect((await client().workspace.retrieve()).id).toBe('w');
  });

  it('opts.idempotencyKey adds no header (Pikarc documents none)', async () => {
    nock(BASE, { badheaders: ['idempotency-key'] })
      .post('/v1/runs/')
      .reply(201, { id: 'r', status: 'RUNNING', decision: ALLOW });
    await client().runs.create({ user_id: 'a' }, { idempotencyKey: 'k1' });
  });
});
