import { describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  PWNBOOK_SCOPES,
  PwnbookPermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from '../src/index.js';
import { api, client, KEY, rejection, useNock } from './helpers.js';

useNock();

const envelope = (code: string, message: string, statusCode: number) => ({
  error: { code, message, statusCode },
});

describe('error mapping', () => {
  it.each([
    [400, 'BAD_REQUEST', BadRequestError],
    [401, 'UNAUTHORIZED', AuthenticationError],
    [403, 'FORBIDDEN', PermissionDeniedError],
    [404, 'NOT_FOUND', NotFoundError],
    [409, 'CONFLICT', ConflictError],
    [422, 'VALIDATION_ERROR', UnprocessableEntityError],
    [429, 'RATE_LIMITED', RateLimitError],
    [500, 'INTERNAL_ERROR', InternalServerError],
  ])('%i %s → %s with the code kept', async (status, code, ErrorClass) => {
    api()
      .get('/api/v1/engagements/eng_1')
      .reply(status, envelope(code, `the ${code} message`, status));
    const error = await rejection(client({ maxRetries: 0 }).engagements.retrieve('eng_1'));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/^Pwnbook GET \S*\/v1\/engagements\/eng_1 → \d{3}: /);
    expect(error.message).toContain(`: the ${code} message`);
    expect(error.body).toEqual(envelope(code, `the ${code} message`, status));
    expect(error.message).not.toContain(KEY);
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it('an unknown code is kept as sent', async () => {
    api()
      .post('/api/v1/engagements')
      .reply(402, envelope('PLAN_REQUIRED', 'API access needs the Business plan', 402));
    const error = await rejection(client().engagements.create({ name: 'x' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error.code).toBe('PLAN_REQUIRED');
    expect(error.message).toMatch(/→ 402: API access needs the Business plan$/);
  });

  it('falls back to a string error and a top-level message', async () => {
    api().get('/api/v1/engagements/eng_1').reply(404, { error: 'Engagement not found' });
    api().get('/api/v1/engagements/eng_2').reply(400, { message: 'bad sort' });
    const first = await rejection(client().engagements.retrieve('eng_1'));
    expect(first.message).toMatch(/→ 404: Engagement not found$/);
    expect(first.code).toBeUndefined();
    const second = await rejection(client().engagements.retrieve('eng_2'));
    expect(second.message).toMatch(/→ 400: bad sort$/);
  });

  it('a 403 names the scope the call needs (requiredScope and the hint)', async () => {
    api()
      .post('/api/v1/engagements/eng_1/archive')
      .reply(403, envelope('FORBIDDEN', 'Insufficient permissions', 403));
    const error = await rejection(client().engagements.archive('eng_1'));
    expect(error).toBeInstanceOf(PwnbookPermissionDeniedError);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.name).toBe('PwnbookPermissionDeniedError');
    expect(error.requiredScope).toBe('engagements:write');
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(
      /→ 403: Insufficient permissions \(this call needs an API key with the engagements:write scope; keys are created under Organization Settings → API Keys\)$/,
    );
  });

  it.each([
    ['engagements.delete', () => client().engagements.delete('eng_1'), 'delete', '/api/v1/engagements/eng_1'],
    [
      'organizations.current.retrieve',
      () => client().organizations.current.retrieve(),
      'get',
      '/api/v1/organizations/current',
    ],
    [
      'organizations.current.members.invite',
      () => client().organizations.current.members.invite({ email: 'a@b.example' }),
      'post',
      '/api/v1/organizations/current/members/invite',
    ],
  ] as const)('%s: requiredScope from PWNBOOK_SCOPES', async (name, call, method, path) => {
    api()
      [method](path)
      .reply(403, envelope('FORBIDDEN', 'no', 403));
    const error = await rejection(call());
    expect(error.requiredScope).toBe(PWNBOOK_SCOPES[name]);
  });

  it('an HTML error page from a proxy still maps by status', async () => {
    api().get('/api/v1/organizations/current').reply(502, '<html><body>Bad gateway</body></html>', {
      'content-type': 'text/html',
    });
    const error = await rejection(client({ maxRetries: 0 }).organizations.current.retrieve());
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.code).toBeUndefined();
  });
});
