import { describe, expect, expectTypeOf, it } from 'vitest';
import type { BrowserExtension } from '../src/index.js';
import { intercept, makeClient, useNock } from './helpers.js';

useNock();

const extension = {
  id: 'e0e0e0e0-0000-4000-8000-000000000001',
  extensionId: 'gmbgaklkmjakoegficnlkhebmhkjfich',
  employeeId: '2a2197de-ad2c-47e4-8dcb-fb0f04cf83e0',
  browserId: '11111111-aaaa-4bbb-8ccc-000000000001',
  name: 'Privacy Badger',
  description: 'Automatically learns to block invisible trackers.',
  deploymentMode: 'MANUAL',
  permissions: ['storage', 'tabs'],
  hostPermissions: ['<all_urls>'],
  enabled: true,
};

describe('browserExtensions.list', () => {
  it('GETs the camelCase path /v1/browserExtensions with every filter; arrays as repeated keys', async () => {
    const calls = intercept('GET', '/v1/browserExtensions', { body: { result: [extension] } });
    const page = await makeClient().browserExtensions.list({
      extensionId: 'gmbgaklkmjakoegficnlkhebmhkjfich',
      employeeId: 'emp-1',
      browserId: 'br-1',
      deploymentMode: 'SIDELOAD',
      permissions: ['cookies', 'tabs'],
      hostPermissions: ['<all_urls>'],
      enabled: false,
    });
    expect(calls[0]).toMatchObject({
      method: 'GET',
      path: '/v1/browserExtensions',
      query: {
        extensionId: 'gmbgaklkmjakoegficnlkhebmhkjfich',
        employeeId: 'emp-1',
        browserId: 'br-1',
        deploymentMode: 'SIDELOAD',
        permissions: ['cookies', 'tabs'],
        hostPermissions: '<all_urls>',
        enabled: 'false',
      },
    });
    expectTypeOf(page.items).toEqualTypeOf<BrowserExtension[]>();
    expect(page.items).toEqual([extension]);
  });

  it("sends arrays comma-joined with arrayFormat: 'comma'", async () => {
    const calls = intercept('GET', '/v1/browserExtensions', { body: { result: [] } });
    await makeClient({ arrayFormat: 'comma' }).browserExtensions.list({ permissions: ['cookies', 'tabs'] });
    expect(calls[0]!.query).toEqual({ permissions: 'cookies,tabs' });
  });

  it('keeps the record id and the store extensionId apart, and accepts unknown deployment modes', async () => {
    intercept('GET', '/v1/browserExtensions', {
      body: { result: [{ ...extension, deploymentMode: 'POLICY_FORCED' }] },
    });
    const [item] = await makeClient().browserExtensions.list().toArray();
    expect(item!.id).toBe('e0e0e0e0-0000-4000-8000-000000000001');
    expect(item!.extensionId).toBe('gmbgaklkmjakoegficnlkhebmhkjfich');
    expect(item!.deploymentMode).toBe('POLICY_FORCED');
  });
});
