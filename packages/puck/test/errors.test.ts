import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  parsePuckError,
  puckIssues,
  QuiverError,
  RateLimitError,
  UnprocessableEntityError,
} from '../src/index.js';
import { api, caught, client, KEY, useNock } from './helpers.js';

useNock();

describe('status → error class', () => {
  const table = [
    [400, BadRequestError, 'missing_required_field'],
    [401, AuthenticationError, 'invalid_api_key'],
    [403, PermissionDeniedError, 'insufficient_scope'],
    [404, NotFoundError, 'not_found'],
    [409, ConflictError, 'idempotency_key_reused'],
    [422, UnprocessableEntityError, 'unprocessable'],
    [500, InternalServerError, 'internal_error'],
    [418, APIError, 'teapot'],
  ] as const;
  for (const [status, cls, code] of table) {
    it(`${status} → ${cls.name} with code ${code} (${status >= 500 ? 'after 2 retries' : 'not retried'})`, async () => {
      // Exactly one attempt for 4xx, three for 5xx: an unused interceptor fails the test.
      api()
        .get('/v1/agents/agent_1/config')
        .times(status >= 500 ? 3 : 1)
        .reply(status, { error: code }, { 'retry-after': '0' });
      const error = await client().agents.config.retrieve('agent_1').catch(caught);
      expect(error).toBeInstanceOf(cls);
      expect(error).toBeInstanceOf(QuiverError);
      expect(error.status).toBe(status);
      expect(error.code).toBe(code);
      expect(error.message).toBe(`Puck GET brain.acme.example/v1/agents/agent_1/config → ${status}: ${code}`);
      expect(error.body).toEqual({ error: code });
      expect(JSON.stringify(error)).not.toContain(KEY);
    });
  }

  it('429 → RateLimitError with retryAfter in ms (fails fast over maxRetryAfter)', async () => {
    api().get('/v1/agents').reply(429, { error: 'rate limit exceeded' }, { 'retry-after': '120' });
    const error = await client().agents.list().toArray().catch(caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfter).toBe(120_000);
    expect(error.code).toBeUndefined();
  });

  it('retries a 500 on a GET and then succeeds', async () => {
    api()
      .get('/v1/agents/agent_1/config')
      .reply(500, { error: 'internal' }, { 'retry-after': '0' })
      .get('/v1/agents/agent_1/config')
      .reply(200, { ok: true });
    expect(await client().agents.config.retrieve('agent_1')).toEqual({ ok: true });
  });

  it('a non-JSON error body still gives a readable error', async () => {
    api().get('/v1/agents/agent_1/config').reply(400, 'Bad Request', { 'content-type': 'text/plain' });
    const error = await client().agents.config.retrieve('agent_1').catch(caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.code).toBeUndefined();
    expect(puckIssues(error)).toEqual([]);
  });

  it('a network failure is an APIConnectionError', async () => {
    api().get('/v1/agents/agent_1/config').times(2).replyWithError('socket hang up');
    const error = await client({ maxRetries: 1 }).agents.config.retrieve('agent_1').catch(caught);
    expect(error).toBeInstanceOf(APIConnectionError);
  });
});

describe('parsePuckError', () => {
  const ctx = { status: 400, headers: new Headers(), method: 'POST', path: '/v1/x', experimental: false };

  // The envelope itself is read by core's error-body reader; the typed error is what users see.
  it('takes the message from error and a code only from machine strings', async () => {
    api()
      .get('/v1/agents/agent_1/config')
      .reply(400, { error: 'validation_error' })
      .get('/v1/agents/agent_1/config')
      .reply(400, { error: 'Query is required.' });
    expect(await client().agents.config.retrieve('agent_1').catch(caught)).toMatchObject({
      message: 'Puck GET brain.acme.example/v1/agents/agent_1/config → 400: validation_error',
      code: 'validation_error',
    });
    expect(await client().agents.config.retrieve('agent_1').catch(caught)).toMatchObject({
      message: 'Puck GET brain.acme.example/v1/agents/agent_1/config → 400: Query is required.',
      code: undefined,
    });
  });

  it('summarises up to three issues in the message', () => {
    const issues = [1, 2, 3, 4].map((i) => ({ path: `f${i}`, message: 'bad' }));
    expect(parsePuckError({ ...ctx, body: { error: 'validation_error', issues } })?.message).toBe(
      'validation_error — f1: bad; f2: bad; f3: bad; +1 more',
    );
  });

  it('leaves bodies that are not the envelope to core', () => {
    const parsed = parsePuckError({ ...ctx, body: '<html>' });
    expect(parsed?.message).toBeUndefined();
    expect(parsed?.code).toBeUndefined();
  });

  it('hints on 404/405 of provisional endpoints and on 501', () => {
    expect(parsePuckError({ ...ctx, status: 404, experimental: true, body: { error: 'x' } })?.hint).toMatch(
      /provisional/,
    );
    expect(
      parsePuckError({ ...ctx, status: 404, experimental: false, body: { error: 'x' } })?.hint,
    ).toBeUndefined();
    expect(parsePuckError({ ...ctx, status: 501, body: { error: 'x' } })?.hint).toMatch(/not deployed/);
  });
});
