import { afterEach, describe, expect, it } from 'vitest';
import { APIConnectionError, InternalServerError, PushSecurity } from '../src/index.js';
import {
  createDefaultSeed,
  FAKE_FULL_ACCESS_KEY,
  FAKE_READ_ONLY_KEY,
  type FakePushSecurity,
  SEED_IDS,
  startFakePushSecurity,
} from '../src/testing/index.js';

let fake: FakePushSecurity | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function raw(
  path: string,
  init: RequestInit & { key?: string | null } = {},
): Promise<{ status: number; body: unknown }> {
  const headers = new Headers(init.headers);
  if (init.key !== null) headers.set('x-api-key', init.key ?? FAKE_FULL_ACCESS_KEY);
  const response = await fetch(`${fake!.url}${path}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe('startFakePushSecurity', () => {
  it('listens on loopback with the default keys and the realistic seed', async () => {
    fake = await startFakePushSecurity();
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fake.apiKeys).toEqual({ full: [FAKE_FULL_ACCESS_KEY], readOnly: [FAKE_READ_ONLY_KEY] });
    expect(fake.data.employees).toHaveLength(6);
    expect(fake.data.accounts.filter((a) => a.mfaRegistered === false).length).toBeGreaterThanOrEqual(3);
    expect(new Set(fake.data.detections.map((d) => d.severity))).toEqual(
      new Set(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']),
    );
    expect(new Set(fake.data.findings.map((f) => f.state))).toEqual(new Set(['OPEN', 'RESOLVED']));
  });

  it('answers 403 Missing Authentication Token for a missing or unknown key and an unknown route', async () => {
    fake = await startFakePushSecurity();
    expect(await raw('/v1/findings', { key: null })).toEqual({
      status: 403,
      body: { message: 'Missing Authentication Token' },
    });
    expect((await raw('/v1/findings', { key: 'nope' })).status).toBe(403);
    expect(await raw('/v1/nothing')).toEqual({
      status: 403,
      body: { message: 'Missing Authentication Token' },
    });
    expect(fake.requests.map((r) => r.auth)).toEqual(['missing', 'invalid', 'full']);
    // The key itself is never recorded.
    expect(JSON.stringify(fake.requests)).not.toContain(FAKE_FULL_ACCESS_KEY);
  });

  it('pages with nextToken and offset, and refuses both together', async () => {
    fake = await startFakePushSecurity();
    const first = await raw('/v1/employees?limit=4');
    const body = first.body as { result: unknown[]; paging: { moreResults: boolean; nextToken: string } };
    expect(body.result).toHaveLength(4);
    expect(body.paging.moreResults).toBe(true);
    const second = (await raw(`/v1/employees?limit=4&nextToken=${body.paging.nextToken}`))
      .body as typeof body;
    expect(second.result).toHaveLength(2);
    expect(second.paging).toEqual({ moreResults: false });
    expect(((await raw('/v1/employees?offset=5')).body as typeof body).result).toHaveLength(1);
    expect(await raw(`/v1/employees?offset=1&nextToken=${body.paging.nextToken}`)).toEqual({
      status: 400,
      body: { message: 'nextToken cannot be combined with offset' },
    });
    expect((await raw('/v1/findings?nextToken=garbage')).status).toBe(400);
  });

  it('seeds: "empty", or partial collections that replace the defaults (copied, not shared)', async () => {
    const mine = [{ id: 'e-1', email: 'solo@example.com', creationTimestamp: 1 }];
    fake = await startFakePushSecurity({ seed: { employees: mine } });
    expect(fake.data.employees).toEqual(mine);
    expect(fake.data.employees).not.toBe(mine);
    expect(fake.data.findings).toHaveLength(createDefaultSeed().findings.length);
    await fake.close();
    fake = await startFakePushSecurity({ seed: 'empty' });
    expect(await raw('/v1/findings')).toEqual({
      status: 200,
      body: { result: [], paging: { moreResults: false } },
    });
  });

  it('applies writes: delete account, merge employees, remove groups, patch detection', async () => {
    fake = await startFakePushSecurity();
    const push = new PushSecurity({ apiKey: FAKE_FULL_ACCESS_KEY, baseURL: fake.url });
    await push.accounts.delete(SEED_IDS.accounts.carlaCanva);
    expect(fake.data.accounts.some((a) => a.id === SEED_IDS.accounts.carlaCanva)).toBe(false);
    await push.employees.merge(SEED_IDS.employees.alice, { employeeId: SEED_IDS.employees.farid });
    expect(fake.data.employees.some((e) => e.id === SEED_IDS.employees.farid)).toBe(false);
    expect(fake.data.accounts.find((a) => a.id === SEED_IDS.accounts.faridAtlassian)?.employeeId).toBe(
      SEED_IDS.employees.alice,
    );
    await push.employees.groups.delete(SEED_IDS.employees.alice, { groups: ['Admins'] });
    expect(fake.data.employees.find((e) => e.id === SEED_IDS.employees.alice)?.groups).toEqual([
      'Security',
      'Engineering',
      'IT',
    ]);
    const detection = await push.detections.update(SEED_IDS.detections.phishWarned, { archived: true });
    expect(detection.archived).toBe(true);
    expect(detection.employee?.id).toBe(SEED_IDS.employees.carla);
    await expect(push.apps.update(SEED_IDS.apps.zapier, { ownerId: 'nobody' })).rejects.toThrow(
      /ownerId does not name an employee/,
    );
  });

  it('injects faults: an error status, a delay, a dropped connection, limited by times and path', async () => {
    fake = await startFakePushSecurity({ faults: [{ path: '/v1/findings', status: 500, times: 1 }] });
    const push = new PushSecurity({ apiKey: FAKE_FULL_ACCESS_KEY, baseURL: fake.url, maxRetries: 0 });
    await expect(push.findings.list().toArray()).rejects.toBeInstanceOf(InternalServerError);
    expect((await push.findings.list()).items.length).toBeGreaterThan(0);

    fake.fault({ method: 'GET', path: /^\/v1\/detections\//, delayMs: 150 });
    const started = performance.now();
    await push.detections.retrieve(SEED_IDS.detections.malware);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    fake.fault({ path: '/v1/apps', reset: true });
    await expect(push.apps.list().toArray()).rejects.toBeInstanceOf(APIConnectionError);

    fake.fault({ status: 503, times: Number.POSITIVE_INFINITY, body: 'down for maintenance' });
    await expect(push.employees.list().toArray()).rejects.toThrow(/→ 503: down for maintenance/);
    fake.clearFaults();
    expect((await push.employees.list()).items.length).toBe(6);
  });

  it('reset() restores the seed and forgets requests', async () => {
    fake = await startFakePushSecurity();
    fake.data.findings.length = 0;
    await raw('/v1/findings');
    fake.reset();
    expect(fake.requests).toHaveLength(0);
    expect(fake.data.findings).toHaveLength(createDefaultSeed().findings.length);
  });

  it('enforces its limit per key (20-token bucket) and can be turned off', async () => {
    // A clock that stands still: no token refills while the burst is sent, however slow the machine.
    let now = 1_000_000;
    fake = await startFakePushSecurity({ now: () => now });
    const statuses = await Promise.all(
      Array.from({ length: 25 }, () => raw('/v1/findings?limit=1').then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    // A second later, 10 more tokens.
    now += 1_000;
    expect((await raw('/v1/findings?limit=1')).status).toBe(200);
    // Another key has its own bucket.
    expect((await raw('/v1/findings?limit=1', { key: FAKE_READ_ONLY_KEY })).status).toBe(200);
    await fake.close();
    fake = await startFakePushSecurity({ rateLimit: false });
    const unlimited = await Promise.all(
      Array.from({ length: 40 }, () => raw('/v1/findings?limit=1').then((r) => r.status)),
    );
    expect(unlimited.every((s) => s === 200)).toBe(true);
  });

  it('retrieves an employee and updates it as documented: email among knownEmails, groups replaced', async () => {
    fake = await startFakePushSecurity();
    const id = SEED_IDS.employees.alice;
    const { body: alice } = await raw(`/v1/employees/${id}`);
    expect(alice).toMatchObject({
      id,
      email: 'alice.nguyen@example.com',
      knownEmails: ['alice.nguyen@example.com', 'anguyen@example.com'],
    });
    expect((await raw('/v1/employees/nobody')).status).toBe(404);
    const patch = (body: unknown, key?: string) =>
      raw(`/v1/employees/${id}`, {
        method: 'PATCH',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
        key,
      });
    expect(
      await patch({ email: 'anguyen@example.com', groups: ['Leadership'], firstName: 'Alicia' }),
    ).toEqual({
      status: 200,
      body: expect.objectContaining({
        email: 'anguyen@example.com',
        groups: ['Leadership'],
        firstName: 'Alicia',
      }),
    });
    expect(await patch({ email: 'someone.else@example.com' })).toEqual({
      status: 400,
      body: { message: "email must be one of the employee's knownEmails" },
    });
    expect((await patch({ groups: 'Security' })).status).toBe(400);
    expect((await patch({ licensed: 'no' })).status).toBe(400);
    expect((await patch({ licensed: false }, FAKE_READ_ONLY_KEY)).status).toBe(403);
    // An employee with accounts stays in the answer when unlicensed.
    expect(await patch({ licensed: false })).toMatchObject({ status: 200, body: { id, licensed: false } });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PATCH', body: { licensed: false }, status: 200 });
  });

  it('unlicensing an employee without accounts answers null', async () => {
    fake = await startFakePushSecurity({ seed: { accounts: [] } });
    const id = SEED_IDS.employees.bob;
    const response = await fetch(`${fake.url}/v1/employees/${id}`, {
      method: 'PATCH',
      headers: { 'x-api-key': FAKE_FULL_ACCESS_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ licensed: false }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toBeNull();
    expect(fake.data.employees.find((e) => e.id === id)?.licensed).toBe(false);
  });
});
