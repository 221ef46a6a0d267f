import { describe, expect, expectTypeOf, it } from 'vitest';
import { type App, InvalidInputError, PermissionDeniedError } from '../src/index.js';
import { intercept, KEY, makeClient, useNock } from './helpers.js';

useNock();

const app = {
  id: '2a2197de-ad2c-47e4-8dcb-fb0f04cf83e0',
  type: 'ZAPIER',
  approvalStatus: 'APPROVED',
  sensitivityLevel: 'HIGH',
  ownerId: '87569da6-fb7a-4df7-8ce2-246c14044911',
  notes: 'Last security audit: 16 January 2023',
  website: 'https://zapier.com/',
  description: 'Workflow automation',
  friendlyName: 'Zapier',
  labels: ['GenAI', 'marketing'],
  creationTimestamp: 1698669223,
};

describe('apps.list', () => {
  it('GETs /v1/apps with creationTimestampAfter and passes unknown filters through', async () => {
    const calls = intercept('GET', '/v1/apps', { body: { result: [app] } });
    const page = await makeClient().apps.list({
      creationTimestampAfter: 1698000000,
      approvalStatus: 'APPROVED',
      limit: 200,
    });
    expect(calls[0]).toMatchObject({
      method: 'GET',
      path: '/v1/apps',
      query: { creationTimestampAfter: '1698000000', approvalStatus: 'APPROVED', limit: '200' },
    });
    expect(calls[0]!.headers['x-api-key']).toBe(KEY);
    expectTypeOf(page.items).toEqualTypeOf<App[]>();
    expect(page.items).toEqual([app]);
  });

  it('accepts null approvalStatus / sensitivityLevel / ownerId / notes and unknown enum values', async () => {
    const unset = { id: 'a1', approvalStatus: null, sensitivityLevel: null, ownerId: null, notes: null };
    const future = {
      id: 'a2',
      approvalStatus: 'BLOCKED',
      sensitivityLevel: 'CRITICAL',
      type: 'SOMETHING_NEW',
    };
    intercept('GET', '/v1/apps', { body: { result: [unset, future] } });
    expect(await makeClient().apps.list().toArray()).toEqual([unset, future]);
  });
});

describe('apps.update', () => {
  it('PATCHes /v1/apps/{id} with the JSON body, keeping explicit null and dropping undefined', async () => {
    const calls = intercept('PATCH', `/v1/apps/${app.id}`, { body: { ...app, ownerId: null } });
    const updated = await makeClient().apps.update(app.id, {
      approvalStatus: 'APPROVED',
      sensitivityLevel: 'HIGH',
      notes: 'Last security audit: 16 January 2024',
      ownerId: null,
      // biome-ignore lint/suspicious/noExplicitAny: an undefined field as a JS caller would write it
      ...({ labels: undefined } as any),
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'PATCH', path: `/v1/apps/${app.id}`, query: {} });
    expect(calls[0]!.body).toStrictEqual({
      approvalStatus: 'APPROVED',
      sensitivityLevel: 'HIGH',
      notes: 'Last security audit: 16 January 2024',
      ownerId: null,
    });
    expect(calls[0]!.headers['content-type']).toBe('application/json');
    expect(calls[0]!.headers['x-api-key']).toBe(KEY);
    expectTypeOf(updated).toEqualTypeOf<App>();
    expect(updated.ownerId).toBeNull();
  });

  it('is not retried after a 503 (PATCH is not documented idempotent)', async () => {
    const calls = intercept('PATCH', `/v1/apps/${app.id}`, { status: 503, body: { message: 'unavailable' } });
    await expect(makeClient({ maxRetries: 2 }).apps.update(app.id, { notes: null })).rejects.toThrow(
      /→ 503: unavailable/,
    );
    expect(calls).toHaveLength(1);
  });

  it('refuses a non-object body before sending', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: a JS caller passing the wrong type
    await expect(makeClient().apps.update(app.id, null as any)).rejects.toThrow(InvalidInputError);
  });

  it('surfaces a 403 on a write as PermissionDeniedError with the Read only key hint', async () => {
    intercept('PATCH', `/v1/apps/${app.id}`, { status: 403, body: { message: 'Forbidden' } });
    const error = await makeClient()
      .apps.update(app.id, { notes: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as Error).message).toBe(
      `Push Security PATCH api.pushsecurity.com/v1/apps/${app.id} → 403: Forbidden (a Read only API key cannot make PATCH requests; use a Full access key)`,
    );
  });
});
