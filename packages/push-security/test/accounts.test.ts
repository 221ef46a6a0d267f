import { describe, expect, expectTypeOf, it } from 'vitest';
import { type Account, InvalidInputError, NotFoundError, ResponseValidationError } from '../src/index.js';
import { intercept, KEY, makeClient, useNock } from './helpers.js';

useNock();

const account = {
  id: 'd6a32ba5-0532-4a66-8137-48cdf409c972',
  employeeId: '72d0347a-2663-4ef5-b1c5-df39163f1603',
  appType: 'ATLASSIAN',
  appId: '2a2197de-ad2c-47e4-8dcb-fb0f04cf83e0',
  email: 'john.hill@example.com',
  mfaRegistered: true,
  mfaMethods: ['APP_TOTP'],
  passwordId: 'pwd-1',
  loginMethods: {
    passwordLogin: true,
    oidcLogin: null,
    samlLogin: null,
    oktaSwaLogin: false,
    vendorSsoLogin: null,
    fedCmLogin: null,
  },
  creationTimestamp: 1698669223,
  lastUsedTimestamp: 1698669223,
};

describe('accounts.list', () => {
  it('sends every documented filter as a query parameter with x-api-key auth', async () => {
    const calls = intercept('GET', '/v1/accounts', { body: { result: [account] } });
    const page = await makeClient().accounts.list({
      email: '@example.com',
      appType: 'ATLASSIAN',
      employeeId: 'emp-1',
      passwordId: 'pwd-1',
      lastUsedTimestampAfter: 1698000000,
      lastUsedTimestampBefore: 1699000000,
      limit: 50,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'GET',
      path: '/v1/accounts',
      query: {
        email: '@example.com',
        appType: 'ATLASSIAN',
        employeeId: 'emp-1',
        passwordId: 'pwd-1',
        lastUsedTimestampAfter: '1698000000',
        lastUsedTimestampBefore: '1699000000',
        limit: '50',
      },
      body: undefined,
    });
    expect(calls[0]!.headers['x-api-key']).toBe(KEY);
    expect(calls[0]!.headers.authorization).toBeUndefined();
    expect(calls[0]!.headers.accept).toBe('application/json');
    expect(calls[0]!.headers['user-agent']).toMatch(/^quiver-push-security\/0\.1\.0 \(node\//);
    expect(page.items).toEqual([account]);
    expect(page.hasNextPage()).toBe(false);
  });

  it('types items as Account with timestamps as numbers and unknown fields kept', async () => {
    intercept('GET', '/v1/accounts', { body: { result: [{ ...account, riskScore: 7 }] } });
    const items = await makeClient().accounts.list().toArray();
    expectTypeOf(items).toEqualTypeOf<Account[]>();
    expectTypeOf(items[0]!.lastUsedTimestamp).toEqualTypeOf<number | undefined>();
    expectTypeOf(items[0]!.mfaRegistered).toEqualTypeOf<boolean | null | undefined>();
    expect(items[0]!.lastUsedTimestamp).toBe(1698669223);
    expect((items[0] as Record<string, unknown>).riskScore).toBe(7);
  });

  it('accepts null mfaRegistered/mfaMethods and app types and MFA methods it does not know', async () => {
    const odd = { id: 'a1', mfaRegistered: null, mfaMethods: null, appType: 'BRAND_NEW_APP' };
    const other = { id: 'a2', mfaMethods: ['WEBAUTHN_PASSKEY'] };
    intercept('GET', '/v1/accounts', { body: { result: [odd, other] } });
    expect(await makeClient().accounts.list().toArray()).toEqual([odd, other]);
  });

  it('refuses a millisecond timestamp filter before sending', async () => {
    await expect(
      makeClient()
        .accounts.list({ lastUsedTimestampAfter: Date.UTC(2024, 0, 1) })
        .toArray(),
    ).rejects.toThrow(
      /lastUsedTimestampAfter must be UNIX seconds, but 1704067200000 looks like milliseconds/,
    );
    await expect(makeClient().accounts.list({ lastUsedTimestampBefore: 1.5 }).toArray()).rejects.toThrow(
      InvalidInputError,
    );
  });

  it('fails validation when an item has no id', async () => {
    intercept('GET', '/v1/accounts', { body: { result: [{ email: 'x@example.com' }] } });
    await expect(makeClient().accounts.list().toArray()).rejects.toBeInstanceOf(ResponseValidationError);
  });
});

describe('accounts.retrieve', () => {
  it('GETs /v1/accounts/{id} with the id percent-encoded and returns the bare Account', async () => {
    const calls = intercept('GET', '/v1/accounts/acc%20one', { body: account });
    const result = await makeClient().accounts.retrieve('acc one');
    expectTypeOf(result).toEqualTypeOf<Account>();
    expect(result).toEqual(account);
    expect(calls[0]).toMatchObject({
      method: 'GET',
      path: '/v1/accounts/acc%20one',
      query: {},
      body: undefined,
    });
  });

  it('refuses ids that would change the path, before sending', async () => {
    await expect(makeClient().accounts.retrieve('../employees')).rejects.toThrow(InvalidInputError);
    await expect(makeClient().accounts.retrieve('')).rejects.toThrow(InvalidInputError);
  });

  it('maps 404 to NotFoundError with the vendor message', async () => {
    intercept('GET', '/v1/accounts/missing', { status: 404, body: { message: 'Account not found' } });
    const error = await makeClient()
      .accounts.retrieve('missing')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe(
      'Push Security GET api.pushsecurity.com/v1/accounts/missing → 404: Account not found',
    );
  });
});

describe('accounts.delete', () => {
  it('sends DELETE /v1/accounts/{id} with no body and resolves undefined on 204', async () => {
    const calls = intercept('DELETE', `/v1/accounts/${account.id}`, { status: 204 });
    const result = await makeClient().accounts.delete(account.id);
    expectTypeOf(result).toEqualTypeOf<unknown>();
    expect(result).toBeUndefined();
    expect(calls[0]).toMatchObject({ method: 'DELETE', path: `/v1/accounts/${account.id}`, body: undefined });
    expect(calls[0]!.headers['content-type']).toBeUndefined();
    expect(calls[0]!.headers['x-api-key']).toBe(KEY);
  });

  it('returns the parsed body when the server sends one (status 200 undocumented)', async () => {
    intercept('DELETE', `/v1/accounts/${account.id}`, { status: 200, body: { deleted: true } });
    expect(await makeClient().accounts.delete(account.id)).toEqual({ deleted: true });
  });

  it('is retried after a 503 (DELETE is idempotent) and never sends an idempotency header', async () => {
    const calls = intercept('DELETE', `/v1/accounts/${account.id}`, [
      { status: 503, body: { message: 'busy' } },
      { status: 204 },
    ]);
    const push = makeClient({ maxRetries: 1 });
    await push.accounts.delete(account.id, { idempotencyKey: 'ignored-key' });
    expect(calls).toHaveLength(2);
    expect(calls[1]!.headers['idempotency-key']).toBeUndefined();
  });
});
