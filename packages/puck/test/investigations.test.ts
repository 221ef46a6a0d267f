import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError, isSucceeded, isTerminal, NotFoundError } from '../src/index.js';
import { api, BASE, caught, client, investigation, KEY, useNock } from './helpers.js';

useNock();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('investigations.create', () => {
  it('POSTs the body as JSON with a generated Idempotency-Key and returns the queued investigation', async () => {
    const body = {
      query: 'find unauthorised AI tools on engineering laptops',
      depth: 'standard',
      scope: { type: 'selector', filter: { tags: { team: 'engineering' }, last_seen_within: '24h' } },
      mode: 'auto',
    };
    const seen: Record<string, unknown> = {};
    const scope = api()
      .matchHeader('content-type', 'application/json')
      .matchHeader('idempotency-key', (value) => {
        seen.key = value;
        return UUID.test(String(value));
      })
      .post('/v1/investigations', body)
      .reply(202, {
        id: 'inv_01hx',
        estimated_completion_at: '2026-05-03T14:35:00Z',
        freshness: { recommendation: { should_rerun_live: true, recommended_scope: { type: 'fleet' } } },
      });
    const queued = await client().investigations.create(body as never);
    expect(scope.isDone()).toBe(true);
    expect(queued.id).toBe('inv_01hx');
    expect(queued.freshness?.recommendation?.should_rerun_live).toBe(true);
    expect(queued.freshness?.recommendation?.recommended_scope).toEqual({ type: 'fleet' });
    // Unknown fields are kept (looseObject).
    expect(queued.estimated_completion_at).toBe('2026-05-03T14:35:00Z');
  });

  it('reads the id from investigation_id when the 202 body has no id', async () => {
    api().post('/v1/investigations').reply(202, { investigation_id: 'inv_018f2e3a' });
    const queued = await client().investigations.create({ query: 'q' });
    expect(queued.id).toBe('inv_018f2e3a');
    expect(queued.investigation_id).toBe('inv_018f2e3a');
  });

  it('retries a 429 and a 503 with the same Idempotency-Key, so one logical call is one investigation', async () => {
    const keys: string[] = [];
    const record = (value: string | null) => {
      keys.push(String(value));
      return true;
    };
    api()
      .matchHeader('idempotency-key', record)
      .post('/v1/investigations')
      .reply(429, { error: 'rate limit exceeded' }, { 'retry-after': '0' })
      .post('/v1/investigations')
      .reply(503, { error: 'service unavailable' }, { 'retry-after': '0' })
      .post('/v1/investigations')
      .reply(202, { id: 'inv_1' });
    const queued = await client().investigations.create({ query: 'q' });
    expect(queued.id).toBe('inv_1');
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
  });

  it('generates a new key for each logical call', async () => {
    const keys: string[] = [];
    api()
      .matchHeader('idempotency-key', (v) => keys.push(String(v)) > 0)
      .post('/v1/investigations')
      .times(2)
      .reply(202, { id: 'inv_1' });
    const puck = client();
    await puck.investigations.create({ query: 'q' });
    await puck.investigations.create({ query: 'q' });
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('sends the caller key from opts.idempotencyKey', async () => {
    const scope = api()
      .matchHeader('idempotency-key', 'run-2026-05-03-push-finding-42')
      .post('/v1/investigations', { query: 'q' })
      .reply(202, { id: 'inv_1' });
    await client().investigations.create(
      { query: 'q' },
      { idempotencyKey: 'run-2026-05-03-push-finding-42' },
    );
    expect(scope.isDone()).toBe(true);
  });

  it('uses body.idempotency_key as the header too, and keeps it in the body', async () => {
    const scope = api()
      .matchHeader('idempotency-key', 'body-key')
      .post('/v1/investigations', { query: 'q', idempotency_key: 'body-key' })
      .reply(202, { id: 'inv_1' });
    await client().investigations.create({ query: 'q', idempotency_key: 'body-key' });
    expect(scope.isDone()).toBe(true);
  });

  it('accepts the same key in both places', async () => {
    api().matchHeader('idempotency-key', 'k').post('/v1/investigations').reply(202, { id: 'inv_1' });
    await client().investigations.create({ query: 'q', idempotency_key: 'k' }, { idempotencyKey: 'k' });
  });

  it('refuses two different keys, an over-long key and a missing query without sending anything', async () => {
    const puck = client();
    await expect(
      puck.investigations.create({ query: 'q', idempotency_key: 'a' }, { idempotencyKey: 'b' }),
    ).rejects.toThrow(/opts\.idempotencyKey and body\.idempotency_key differ/);
    await expect(
      puck.investigations.create({ query: 'q' }, { idempotencyKey: 'k'.repeat(257) }),
    ).rejects.toThrow(
      'opts.idempotencyKey must be a non-empty string of at most 256 characters; got 257 characters.',
    );
    await expect(
      puck.investigations.create({ query: 'q', idempotency_key: 'k'.repeat(257) }),
    ).rejects.toThrow(/body\.idempotency_key must be .* at most 256 characters/);
    await expect(puck.investigations.create({ query: '' })).rejects.toThrow(InvalidInputError);
    await expect(puck.investigations.create({} as never)).rejects.toThrow(/body\.query is required/);
    await expect(
      puck.investigations.create({ query: 'q', scope: { filter: { last_seen_within: '1 week' } } }),
    ).rejects.toThrow(
      'body.scope.filter.last_seen_within must be a duration matching ^\\d+(s|m|h|d)$ (e.g. "24h"); got "1 week".',
    );
  });

  it('sends webhook_url for a one-off push when the investigation ends', async () => {
    const scope = api()
      .post('/v1/investigations', { query: 'q', webhook_url: 'https://hooks.acme.example/puck' })
      .reply(202, { id: 'inv_1' });
    await client().investigations.create({ query: 'q', webhook_url: 'https://hooks.acme.example/puck' });
    expect(scope.isDone()).toBe(true);
  });

  it('accepts a 256-character key', async () => {
    const key = 'k'.repeat(256);
    api().matchHeader('idempotency-key', key).post('/v1/investigations').reply(202, { id: 'inv_1' });
    await client().investigations.create({ query: 'q' }, { idempotencyKey: key });
  });

  it('maps the 409 of a reused key with another body to ConflictError with the code', async () => {
    api().post('/v1/investigations').reply(409, { error: 'idempotency_key_reused' });
    const error = await client().investigations.create({ query: 'q' }).catch(caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.code).toBe('idempotency_key_reused');
    expect(error.message).toBe(
      'Puck POST brain.acme.example/v1/investigations → 409: idempotency_key_reused',
    );
    expect(error.message).not.toContain(KEY);
  });
});

describe('investigations.retrieve', () => {
  it('GETs /v1/investigations/{id} and returns the typed investigation', async () => {
    api()
      .get('/v1/investigations/inv_01hx')
      .reply(200, investigation('exploring', { depth: 'deep', mode: 'live', future_field: 1 }));
    const inv = await client().investigations.retrieve('inv_01hx');
    expect(inv).toEqual({
      id: 'inv_01hx',
      status: 'exploring',
      query: 'find unapproved AI tools',
      depth: 'deep',
      mode: 'live',
      future_field: 1,
    });
  });

  it('accepts a status this SDK does not know (open enum)', async () => {
    api().get('/v1/investigations/inv_01hx').reply(200, investigation('awaiting_approval'));
    expect((await client().investigations.retrieve('inv_01hx')).status).toBe('awaiting_approval');
  });

  it('percent-encodes the id and refuses path traversal before sending', async () => {
    api()
      .get('/v1/investigations/inv%20x')
      .reply(200, investigation('queued', { id: 'inv x' }));
    await client().investigations.retrieve('inv x');
    await expect(client().investigations.retrieve('../findings')).rejects.toThrow(InvalidInputError);
  });

  it('gives NotFoundError for an unknown id', async () => {
    api().get('/v1/investigations/inv_nope').reply(404, { error: 'investigation not found' });
    const error = await client().investigations.retrieve('inv_nope').catch(caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      'Puck GET brain.acme.example/v1/investigations/inv_nope → 404: investigation not found',
    );
    expect(error.code).toBeUndefined();
  });

  it('exposes the response, request id and rate-limit headers through withResponse()', async () => {
    api()
      .get('/v1/investigations/inv_01hx')
      .reply(200, investigation('queued'), { 'x-request-id': 'req_123', 'x-ratelimit-remaining': '41' });
    const { data, response, requestId, rateLimit } = await client()
      .investigations.retrieve('inv_01hx')
      .withResponse();
    expect(data.status).toBe('queued');
    expect(response.status).toBe(200);
    expect(requestId).toBe('req_123');
    expect(rateLimit?.remaining).toBe(41);
  });
});

describe('investigations.list (provisional)', () => {
  it('GETs /v1/investigations with status/limit and follows next_cursor', async () => {
    api()
      .get('/v1/investigations')
      .query({ status: 'complete', limit: '2' })
      .reply(200, { investigations: [investigation('complete', { id: 'inv_1' })], next_cursor: 'c2' })
      .get('/v1/investigations')
      .query({ status: 'complete', limit: '2', cursor: 'c2' })
      .reply(200, { investigations: [investigation('complete', { id: 'inv_2' })], next_cursor: null });
    const ids: string[] = [];
    for await (const inv of client().investigations.list({ status: 'complete', limit: 2 })) ids.push(inv.id);
    expect(ids).toEqual(['inv_1', 'inv_2']);
  });

  it('adds a hint to a 404 that the provisional route may not exist', async () => {
    api().get('/v1/investigations').reply(404, { error: 'not_found' });
    const error = await client().investigations.list().toArray().catch(caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toMatch(/provisional endpoint/);
  });
});

describe('investigations.cancel (provisional)', () => {
  it('sends DELETE /v1/investigations/{id} and returns the body', async () => {
    api().delete('/v1/investigations/inv_01hx').reply(200, investigation('cancelled'));
    expect(await client().investigations.cancel('inv_01hx')).toEqual(investigation('cancelled'));
  });
});

it('uses PUCK_BASE_URL-style bases with a path prefix', async () => {
  const scope = nock('https://brain.acme.example')
    .get('/puck/v1/investigations/inv_1')
    .reply(200, investigation('queued'));
  await client({ baseURL: `${BASE}/puck/` }).investigations.retrieve('inv_1');
  expect(scope.isDone()).toBe(true);
});

describe('isTerminal / isSucceeded', () => {
  it('treat both success spellings alike and keep unknown statuses running', () => {
    for (const status of ['complete', 'completed']) {
      expect(isTerminal(status)).toBe(true);
      expect(isSucceeded(status)).toBe(true);
    }
    for (const status of ['failed', 'cancelled']) {
      expect(isTerminal(status)).toBe(true);
      expect(isSucceeded(status)).toBe(false);
    }
    for (const status of ['pending', 'queued', 'exploring', 'analyzing', 'awaiting_approval', undefined]) {
      expect(isTerminal(status)).toBe(false);
      expect(isSucceeded(status)).toBe(false);
    }
  });
});
