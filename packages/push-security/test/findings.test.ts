import { describe, expect, expectTypeOf, it } from 'vitest';
import { type Finding, NotFoundError } from '../src/index.js';
import { intercept, makeClient, useNock } from './helpers.js';

useNock();

const finding = {
  id: 'd6a32ba5-0532-4a66-8137-48cdf409c972',
  type: 'LEAKED_PASSWORD',
  state: 'OPEN',
  employeeId: '2a2197de-ad2c-47e4-8dcb-fb0f04cf83e0',
  employee: { id: '2a2197de-ad2c-47e4-8dcb-fb0f04cf83e0', email: 'john.hill@example.com' },
  passwordId: 'pwd-1',
  accountId: 'acc-1',
  appType: 'OPENAI',
  appId: 'app-1',
  weakPasswordReasons: [],
  creationTimestamp: 1701000000,
};

describe('findings.list', () => {
  it('GETs /v1/findings with creationTimestampAfter and yields Finding items', async () => {
    const calls = intercept('GET', '/v1/findings', { body: { result: [finding] } });
    const items = await makeClient().findings.list({ creationTimestampAfter: 1700000000 }).toArray();
    expect(calls[0]).toMatchObject({
      method: 'GET',
      path: '/v1/findings',
      query: { creationTimestampAfter: '1700000000' },
    });
    expectTypeOf(items).toEqualTypeOf<Finding[]>();
    expect(items).toEqual([finding]);
  });

  it('accepts a finding not linked to an employee (employeeId and employee null)', async () => {
    const unlinked = { id: 'f2', type: 'SHARED_ACCOUNT', state: 'OPEN', employeeId: null, employee: null };
    intercept('GET', '/v1/findings', { body: { result: [unlinked] } });
    expect(await makeClient().findings.list().toArray()).toEqual([unlinked]);
  });
});

describe('findings.retrieve', () => {
  it('GETs /v1/findings/{id} and returns the bare Finding', async () => {
    const calls = intercept('GET', `/v1/findings/${finding.id}`, { body: finding });
    const result = await makeClient().findings.retrieve(finding.id);
    expect(calls[0]).toMatchObject({ method: 'GET', path: `/v1/findings/${finding.id}` });
    expectTypeOf(result).toEqualTypeOf<Finding>();
    expect(result).toEqual(finding);
  });

  it('is retried on 500 (GET) and maps a final 404 to NotFoundError', async () => {
    const calls = intercept('GET', '/v1/findings/gone', [
      { status: 500, body: { message: 'oops' } },
      { status: 404, body: { message: 'Not Found' } },
    ]);
    const error = await makeClient({ maxRetries: 1 })
      .findings.retrieve('gone')
      .catch((e: unknown) => e);
    expect(calls).toHaveLength(2);
    expect(error).toBeInstanceOf(NotFoundError);
  });
});
