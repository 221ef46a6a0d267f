import nock from 'nock';
import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  path,
  RateLimitError,
  ResponseValidationError,
  UnprocessableEntityError,
} from '../src/index.js';
import { BASE, type Caught, caught, ItemSchema, memoryLogger, SECRET, TestClient } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

describe('the request on the wire', () => {
  it('sends method, path, query, auth, user agent and JSON body', async () => {
    const scope = nock(BASE, {
      reqheaders: {
        authorization: `Bearer ${SECRET}`,
        'content-type': 'application/json',
        accept: 'application/json',
        'user-agent': /^quiver-test\/1\.2\.3 \(node\/\d+/,
        'x-team': 'blue',
        'x-call': 'yes',
      },
    })
      .post('/v1/things', { name: 'a', note: null })
      .query({ tag: ['x', 'y'], limit: '5', flag: 'true' })
      .reply(201, { id: 't_1', name: 'a' });
    const client = new TestClient({ defaultHeaders: { 'x-team': 'blue' } });
    const result = await client.request(
      {
        method: 'POST',
        path: '/v1/things',
        query: { tag: ['x', 'y'], limit: 5, flag: true, skipped: undefined },
        body: { name: 'a', note: null, dropped: undefined },
        schema: ItemSchema,
      },
      { headers: { 'x-call': 'yes' } },
    );
    expect(result).toEqual({ id: 't_1', name: 'a' });
    expect(scope.isDone()).toBe(true);
  });

  it('appends the path to a base URL with a path prefix and ignores a trailing slash', async () => {
    const scope = nock('https://brain.example.org').get('/puck/v1/ping').reply(200, { id: 'p' });
    const client = new TestClient({ baseURL: 'https://brain.example.org/puck/' });
    expect(client.baseURL).toBe('https://brain.example.org/puck');
    await client.request({ method: 'GET', path: '/v1/ping', schema: ItemSchema });
    expect(scope.isDone()).toBe(true);
  });

  it('writes arrays comma-joined when asked', async () => {
    const scope = nock(BASE).get('/v1/x').query({ p: 'a,b' }).reply(200, {});
    await new TestClient().request({
      method: 'GET',
      path: '/v1/x',
      query: { p: ['a', 'b'] },
      arrayFormat: 'comma',
    });
    expect(scope.isDone()).toBe(true);
  });

  it('returns undefined for an empty 204 body', async () => {
    nock(BASE).delete('/v1/things/t_1').reply(204);
    await expect(
      new TestClient().request({ method: 'DELETE', path: path`/v1/things/${'t_1'}` }),
    ).resolves.toBeUndefined();
  });

  it('gives data, response, request id and rate-limit state with withResponse()', async () => {
    nock(BASE)
      .get('/v1/things/t_1')
      .reply(
        200,
        { id: 't_1', extra: 1 },
        { 'x-request-id': 'req_9', 'x-ratelimit-remaining': '41', 'x-ratelimit-limit': '60' },
      );
    const { data, response, requestId, rateLimit } = await new TestClient()
      .request({ method: 'GET', path: '/v1/things/t_1', schema: ItemSchema })
      .withResponse();
    expect(data).toEqual({ id: 't_1', extra: 1 }); // unknown keys pass through (looseObject)
    expect(response.status).toBe(200);
    expect(requestId).toBe('req_9');
    expect(rateLimit).toMatchObject({ limit: 60, remaining: 41 });
  });

  it('unwraps an envelope after validating it', async () => {
    nock(BASE)
      .get('/v1/me')
      .reply(200, { data: { id: 'u_1' } });
    const me = await new TestClient().request({
      method: 'GET',
      path: '/v1/me',
      schema: v.looseObject({ data: ItemSchema }),
      unwrap: (body) => body.data,
    });
    expect(me).toEqual({ id: 'u_1' });
  });
});

describe('errors', () => {
  const cases = [
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [501, InternalServerError],
    [418, APIError],
  ] as const;
  for (const [status, ErrorClass] of cases) {
    it(`maps ${status} to ${ErrorClass.name}`, async () => {
      nock(BASE)
        .post('/v1/things')
        .query(true)
        .reply(
          status,
          { error: 'validation_error', issues: [{ path: 'a', message: 'b' }] },
          { 'x-request-id': 'req_1' },
        );
      const error: Caught = await new TestClient({ maxRetries: 0 })
        .request({ method: 'POST', path: '/v1/things', query: { token: 'hidden' }, body: {} })
        .catch(caught);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toBeInstanceOf(APIError);
      const e = error as APIError;
      expect(e.status).toBe(status);
      expect(e.code).toBe('validation_error');
      expect(e.requestId).toBe('req_1');
      expect(e.body).toEqual({ error: 'validation_error', issues: [{ path: 'a', message: 'b' }] });
      expect(e.message).toBe(`Test POST api.test.example/v1/things → ${status}: validation_error`);
    });
  }

  it('turns an HTML 502 page into InternalServerError with a one-line message', async () => {
    nock(BASE)
      .get('/v1/x')
      .times(3)
      .reply(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html' });
    const error: Caught = await new TestClient().request({ method: 'GET', path: '/v1/x' }).catch(caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as APIError).message).toBe('Test GET api.test.example/v1/x → 502: Bad Gateway');
    expect((error as APIError).body).toContain('<h1>502 Bad Gateway</h1>');
  });

  it('drops set-cookie from the headers kept on an error', async () => {
    nock(BASE).get('/v1/x').reply(404, { error: 'nope' }, { 'set-cookie': 'session=abc' });
    const error = (await new TestClient()
      .request({ method: 'GET', path: '/v1/x' })
      .catch(caught)) as APIError;
    expect(error.headers.get('set-cookie')).toBeNull();
  });

  it('falls back to the message/error/detail field of an unknown envelope', async () => {
    nock(BASE).get('/v1/x').reply(400, { message: 'Missing Authentication Token' });
    const client = new TestClient({}, { parseError: undefined });
    await expect(client.request({ method: 'GET', path: '/v1/x' })).rejects.toThrow(
      'Test GET api.test.example/v1/x → 400: Missing Authentication Token',
    );
  });

  it('lets the vendor parser pick the class and add a hint', async () => {
    nock(BASE).get('/v1/x').reply(403, { message: 'Missing Authentication Token' });
    const client = new TestClient(
      {},
      {
        parseError: ({ body, experimental }) => ({
          message: (body as { message: string }).message,
          errorClass: AuthenticationError,
          hint: experimental ? 'route may not exist' : undefined,
        }),
      },
    );
    const error: Caught = await client
      .request({ method: 'GET', path: '/v1/x', experimental: true })
      .catch(caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe(
      'Test GET api.test.example/v1/x → 403: Missing Authentication Token (route may not exist)',
    );
  });

  it('shows displayPath, not a path that carries a secret', async () => {
    nock(BASE).post('/v1/hooks/generic/k_secret').reply(400, { error: 'bad' });
    const error: Caught = await new TestClient()
      .request({
        method: 'POST',
        path: '/v1/hooks/generic/k_secret',
        displayPath: '/v1/hooks/generic/{key}',
        body: {},
      })
      .catch(caught);
    expect(error.message).toBe('Test POST api.test.example/v1/hooks/generic/{key} → 400: bad');
    expect(error.message).not.toContain('k_secret');
  });
});

describe('validation', () => {
  it('strict: throws ResponseValidationError with a summary and the body as received', async () => {
    nock(BASE)
      .get('/v1/x')
      .reply(200, { data: { id: 42 } });
    const error: Caught = await new TestClient()
      .request({
        method: 'GET',
        path: '/v1/x',
        schema: v.looseObject({ data: ItemSchema }),
        unwrap: (b) => b.data,
      })
      .catch(caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toContain(
      'Test GET api.test.example/v1/x: the response did not match the expected shape',
    );
    expect(error.message).toMatch(/Invalid type: Expected string but received 42/);
    expect(error.message).toContain('data.id');
    expect(error.body).toEqual({ data: { id: 42 } });
    expect(error.issues.length).toBe(1);
  });

  it('warn: returns the body and logs method, path and summary', async () => {
    nock(BASE).get('/v1/x').reply(200, { id: 42 });
    const { lines, logger } = memoryLogger();
    const out = await new TestClient({ validate: 'warn', logger }).request({
      method: 'GET',
      path: '/v1/x',
      schema: ItemSchema,
    });
    expect(out).toEqual({ id: 42 });
    expect(lines.join('\n')).toMatch(
      /warn \[quiver\] Test GET api\.test\.example\/v1\/x: response did not match the schema.*\n.*Expected string but received 42/,
    );
  });

  it('off: returns the body without checking', async () => {
    nock(BASE).get('/v1/x').reply(200, { id: 42 });
    const { lines, logger } = memoryLogger();
    const out = await new TestClient({ validate: 'off', logger }).request({
      method: 'GET',
      path: '/v1/x',
      schema: ItemSchema,
    });
    expect(out).toEqual({ id: 42 });
    expect(lines).toEqual([]);
  });

  it('a non-JSON success body is a ResponseValidationError, not a SyntaxError', async () => {
    nock(BASE).get('/v1/x').reply(200, 'not json', { 'content-type': 'text/plain' });
    const error: Caught = await new TestClient().request({ method: 'GET', path: '/v1/x' }).catch(caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.body).toBe('not json');
  });
});

describe('input checks before sending', () => {
  it('path template encodes values and rejects traversal, separators and control characters', () => {
    expect(path`/v1/x/${'a b?c#d'}/y`).toBe('/v1/x/a%20b%3Fc%23d/y');
    expect(path`/v1/x/${42}`).toBe('/v1/x/42');
    for (const bad of ['', ' ', '.', '..', '../admin', 'a/b', '%2e%2e', 'a%2Fb', 'a\nb', 'a\u0000', 'a\\b']) {
      expect(() => path`/v1/x/${bad}`, JSON.stringify(bad)).toThrow(InvalidInputError);
    }
    expect(() => path`/v1/x/${'..'}`).toThrow('must not be empty, "." or ".."');
  });

  it('refuses an idempotency key over 256 characters, sending nothing', async () => {
    const scope = nock(BASE).post('/v1/x').reply(200, {});
    const client = new TestClient();
    await expect(
      client.request(
        { method: 'POST', path: '/v1/x', body: {}, idempotencyKey: true },
        { idempotencyKey: 'k'.repeat(257) },
      ),
    ).rejects.toThrow(
      new InvalidInputError(
        'idempotencyKey must be a non-empty string of at most 256 characters; got 257 characters.',
      ),
    );
    expect(scope.isDone()).toBe(false);
  });
});

describe('vendor hooks', () => {
  it('guard refuses a call before anything is sent', async () => {
    const scope = nock(BASE).patch('/v1/apps/a1').reply(200, {});
    const client = new TestClient(
      {},
      {
        guard: ({ method, displayPath }) => {
          if (method !== 'GET')
            throw new InvalidInputError(`read-only client: ${method} ${displayPath} refused`);
        },
      },
    );
    await expect(client.request({ method: 'PATCH', path: '/v1/apps/a1', body: {} })).rejects.toThrow(
      new InvalidInputError('read-only client: PATCH /v1/apps/a1 refused'),
    );
    expect(scope.isDone()).toBe(false);
  });

  it('requestIdHeaders names where the request id is', async () => {
    nock(BASE)
      .get('/v1/x')
      .reply(200, {}, { 'x-amzn-requestid': 'aws-1' })
      .get('/v1/y')
      .reply(404, {}, { 'x-amzn-requestid': 'aws-2' });
    const client = new TestClient({}, { requestIdHeaders: ['x-amzn-requestid'] });
    expect((await client.request({ method: 'GET', path: '/v1/x' }).withResponse()).requestId).toBe('aws-1');
    const error: Caught = await client.request({ method: 'GET', path: '/v1/y' }).catch(caught);
    expect(error.requestId).toBe('aws-2');
  });
});
