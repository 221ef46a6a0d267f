import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, PermissionDeniedError, PushSecurity } from '../src/index.js';
import { type FakePushSecurity, SEED_IDS, startFakePushSecurity } from '../src/testing/index.js';
import { intercept, KEY, makeClient, useNock } from './helpers.js';

useNock();

let fake: FakePushSecurity;
beforeAll(async () => {
  fake = await startFakePushSecurity();
});
afterAll(() => fake.close());

describe('readOnly: true', () => {
  it.each([
    ['PATCH /v1/apps/{id}', (p: PushSecurity) => p.apps.update('app-1', { notes: null })],
    ['DELETE /v1/accounts/{id}', (p: PushSecurity) => p.accounts.delete('acc-1')],
    ['PATCH /v1/detections/{id}', (p: PushSecurity) => p.detections.update('det-1', { archived: true })],
    ['PATCH /v1/employees/{id}', (p: PushSecurity) => p.employees.update('emp-1', { licensed: false })],
    ['POST /v1/employees/{id}/merge', (p: PushSecurity) => p.employees.merge('emp-1', {})],
    [
      'DELETE /v1/employees/{id}/groups',
      (p: PushSecurity) => p.employees.groups.delete('emp-1', { groups: ['x'] }),
    ],
    ['PUT /v1/custom/{id}', (p: PushSecurity) => p.request({ method: 'PUT', path: '/v1/custom/thing' })],
  ])('refuses %s locally with InvalidInputError and sends nothing', async (route, call) => {
    const push = new PushSecurity({ apiKey: fake.apiKeys.readOnly[0], baseURL: fake.url, readOnly: true });
    const before = fake.requests.length;
    const error = await call(push).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe(
      `Push Security: Read only key: ${route} needs Full access. This client was created with readOnly: true, so nothing was sent.`,
    );
    expect(fake.requests.length).toBe(before);
  });

  it('still sends reads', async () => {
    const push = new PushSecurity({ apiKey: fake.apiKeys.readOnly[0], baseURL: fake.url, readOnly: true });
    const finding = await push.findings.retrieve(SEED_IDS.findings.stolenCredentials);
    expect(finding.type).toBe('STOLEN_CREDENTIALS');
    expect(push.readOnly).toBe(true);
  });

  it('uses no rate-limit token for a refused write', async () => {
    const calls = intercept('GET', '/v1/findings/f1', { body: { id: 'f1' } });
    const push = makeClient({ readOnly: true, rateLimit: { requestsPerSecond: 1, burst: 1 } });
    for (let i = 0; i < 5; i++) await push.apps.update('a', { notes: 'x' }).catch(() => undefined);
    const started = Date.now();
    await push.findings.retrieve('f1');
    expect(Date.now() - started).toBeLessThan(500);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers['x-api-key']).toBe(KEY);
  });

  it('refuses a non-GET paginate() when it is iterated, sending nothing', async () => {
    const push = makeClient({ readOnly: true, baseURL: fake.url });
    const before = fake.requests.length;
    const list = push.paginate({
      method: 'POST',
      path: '/v1/search',
      pagination: { items: () => [], next: () => undefined },
    });
    await expect(list.toArray()).rejects.toThrow(InvalidInputError);
    expect(fake.requests.length).toBe(before);
  });
});

describe('PushSecurity.readOnly()', () => {
  it('returns a read-only client whose type has no write methods', async () => {
    const push = PushSecurity.readOnly({ apiKey: fake.apiKeys.readOnly[0], baseURL: fake.url });
    expect(push.readOnly).toBe(true);
    const employees = await push.employees.list().toArray();
    expect(employees.length).toBe(fake.data.employees.length);
    // @ts-expect-error update is not part of ReadOnlyPushSecurity
    const refused = push.apps.update;
    // The method exists at runtime but is refused locally.
    await expect(refused.call(push.apps, 'a', {})).rejects.toBeInstanceOf(InvalidInputError);
    // @ts-expect-error delete is not part of ReadOnlyPushSecurity
    expect(typeof push.accounts.delete).toBe('function');
    // @ts-expect-error groups is not part of ReadOnlyPushSecurity
    expect(push.employees.groups).toBeDefined();
  });
});

describe('without readOnly: the fake server tells the key levels apart', () => {
  it('a Read only key gets the 403 as PermissionDeniedError with the Read only hint', async () => {
    const push = new PushSecurity({ apiKey: fake.apiKeys.readOnly[0], baseURL: fake.url });
    const error = await push.apps
      .update(SEED_IDS.apps.canva, { approvalStatus: 'APPROVED' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as Error).message).toMatch(
      /→ 403: Forbidden \(a Read only API key cannot make PATCH requests; use a Full access key\)$/,
    );
    expect(fake.data.apps.find((a) => a.id === SEED_IDS.apps.canva)?.approvalStatus).toBeNull();
  });

  it('a Full access key may write', async () => {
    const push = new PushSecurity({ apiKey: fake.apiKeys.full[0], baseURL: fake.url });
    const app = await push.apps.update(SEED_IDS.apps.canva, { approvalStatus: 'APPROVED', notes: null });
    expect(app.approvalStatus).toBe('APPROVED');
    expect(fake.data.apps.find((a) => a.id === SEED_IDS.apps.canva)?.approvalStatus).toBe('APPROVED');
  });
});
