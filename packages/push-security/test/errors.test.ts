import { describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  QuiverError,
  RateLimitError,
} from '../src/index.js';
import { intercept, makeClient, useNock } from './helpers.js';

useNock();

async function failure(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(APIError);
  return error as APIError;
}

describe('error mapping', () => {
  it.each([
    [400, { message: 'limit must be an integer' }, BadRequestError, '400: limit must be an integer'],
    [404, { message: 'Not Found' }, NotFoundError, '404: Not Found'],
    [429, { message: 'Too Many Requests' }, RateLimitError, '429: Too Many Requests'],
    [500, { message: 'Internal server error' }, InternalServerError, '500: Internal server error'],
    [503, 'upstream connect error', InternalServerError, '503: upstream connect error'],
  ] as const)('%i → %o', async (status, body, ErrorClass, text) => {
    intercept('GET', '/v1/accounts/a1', { status, body });
    const error = await failure(makeClient().accounts.retrieve('a1'));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(QuiverError);
    expect(error.status).toBe(status);
    expect(error.code).toBeUndefined();
    expect(error.message).toMatch(`Push Security GET api.pushsecurity.com/v1/accounts/a1 → ${text}`);
  });

  it('403 "Missing Authentication Token" (API Gateway) → AuthenticationError with the key hint', async () => {
    intercept('GET', '/v1/accounts', { status: 403, body: { message: 'Missing Authentication Token' } });
    const error = await failure(makeClient().accounts.list().toArray());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).not.toBeInstanceOf(PermissionDeniedError);
    expect(error.message).toBe(
      'Push Security GET api.pushsecurity.com/v1/accounts → 403: Missing Authentication Token (the API key is missing or not valid; check PUSH_SECURITY_API_KEY)',
    );
    expect(error.body).toEqual({ message: 'Missing Authentication Token' });
  });

  it('adds "route may not exist" on provisional rows', async () => {
    intercept('GET', '/v1/findings/f1', { status: 403, body: { message: 'Missing Authentication Token' } });
    const error = await failure(makeClient().findings.retrieve('f1'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/→ 403: Missing Authentication Token \(route may not exist/);
  });

  it('another 403 on a GET → PermissionDeniedError without the Read only hint', async () => {
    intercept('GET', '/v1/accounts/a1', { status: 403, body: { message: 'Forbidden' } });
    const error = await failure(makeClient().accounts.retrieve('a1'));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.message).toBe('Push Security GET api.pushsecurity.com/v1/accounts/a1 → 403: Forbidden');
  });

  it('another 403 on a write → PermissionDeniedError with the Read only hint', async () => {
    intercept('DELETE', '/v1/accounts/a1', {
      status: 403,
      body: { message: 'User is not authorized to access this resource' },
    });
    const error = await failure(makeClient().accounts.delete('a1'));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.message).toBe(
      'Push Security DELETE api.pushsecurity.com/v1/accounts/a1 → 403: User is not authorized to access this resource (a Read only API key cannot make DELETE requests; use a Full access key)',
    );
  });

  it('reads the message from `error` when there is no `message`, then from the raw text', async () => {
    intercept('GET', '/v1/accounts/a1', { status: 400, body: { error: 'bad filter' } });
    expect((await failure(makeClient().accounts.retrieve('a1'))).message).toMatch(/→ 400: bad filter$/);
    intercept('GET', '/v1/accounts/a2', { status: 400, body: 'plain text problem' });
    expect((await failure(makeClient().accounts.retrieve('a2'))).message).toMatch(
      /→ 400: plain text problem$/,
    );
  });

  it('keeps the request id and leaves the query string out of the message', async () => {
    intercept('GET', '/v1/accounts', {
      status: 400,
      body: { message: 'bad' },
      headers: { 'x-request-id': 'req-42' },
    });
    const error = await failure(makeClient().accounts.list({ email: 'secret@example.com' }).toArray());
    expect(error.requestId).toBe('req-42');
    expect(error.message).not.toContain('secret@example.com');
  });

  it('a 429 is retried with backoff and succeeds when the server recovers', async () => {
    const calls = intercept('GET', '/v1/findings/f1', [
      { status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '0' } },
      { body: { id: 'f1' } },
    ]);
    expect(await makeClient({ maxRetries: 2 }).findings.retrieve('f1')).toEqual({ id: 'f1' });
    expect(calls).toHaveLength(2);
  });

  it('a 429 after the last retry is a RateLimitError', async () => {
    intercept('GET', '/v1/findings/f1', { status: 429, body: { message: 'Too Many Requests' } });
    const error = await failure(makeClient({ maxRetries: 0 }).findings.retrieve('f1'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBeUndefined();
  });
});
