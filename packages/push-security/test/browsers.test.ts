import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Browser } from '../src/index.js';
import { intercept, makeClient, useNock } from './helpers.js';

useNock();

const browser = {
  id: '11111111-aaaa-4bbb-8ccc-000000000001',
  employeeId: '2a2197de-ad2c-47e4-8dcb-fb0f04cf83e0',
  email: 'alice@example.com',
  version: '130.0.6723.92',
  tokenType: 'EMPLOYEE',
  isActive: true,
  browser: 'CHROME',
  os: 'MACOS',
  extensionVersion: '2.41.0',
  creationTimestamp: 1698669223,
  lastOnlineTimestamp: 1702000000,
};

describe('browsers.list', () => {
  it('GETs /v1/browsers with lastOnlineTimestampAfter and yields Browser items', async () => {
    const calls = intercept('GET', '/v1/browsers', {
      body: { result: [browser, { id: 'b2', browser: 'FIREFOX', os: 'WINDOWS' }] },
    });
    const items = await makeClient().browsers.list({ lastOnlineTimestampAfter: 1701000000 }).toArray();
    expect(calls[0]).toMatchObject({
      method: 'GET',
      path: '/v1/browsers',
      query: { lastOnlineTimestampAfter: '1701000000' },
    });
    expectTypeOf(items).toEqualTypeOf<Browser[]>();
    expect(items).toEqual([browser, { id: 'b2', browser: 'FIREFOX', os: 'WINDOWS' }]);
    expect(items[0]!.lastOnlineTimestamp).toBe(1702000000);
  });
});
