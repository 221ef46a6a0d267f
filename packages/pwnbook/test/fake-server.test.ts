import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  Pwnbook,
  PwnbookPermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from '../src/index.js';
import {
  FAKE_PWNBOOK_API_KEY,
  FAKE_PWNBOOK_READ_ONLY_KEY,
  type FakePwnbook,
  SEED_IDS,
  startFakePwnbook,
} from '../src/testing/index.js';
import { rejection } from './helpers.js';

let fake: FakePwnbook;
let pwnbook: Pwnbook;

beforeAll(async () => {
  fake = await startFakePwnbook();
  pwnbook = new Pwnbook({ apiKey: FAKE_PWNBOOK_API_KEY, baseURL: fake.url, maxRetries: 0 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('the fake Pwnbook', () => {
  it('serves the seeded organization to the client (bare origin → /api)', async () => {
    const org = await pwnbook.organizations.current.retrieve();
    expect(org).toEqual({
      id: SEED_IDS.organization,
      name: 'Redteam Security LLC',
      slug: 'redteam-security',
      plan: 'business',
      memberCount: 3,
      engagementCount: 3,
      createdAt: '2024-06-01T00:00:00.000Z',
      settings: { requireTwoFactor: true, domainAutoJoin: false, ssoEnabled: false },
    });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/organizations/current']);
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('runs the engagement lifecycle: create, update, archive, unarchive, delete', async () => {
    const created = await pwnbook.engagements.create({ name: 'Umbrella Red Team', description: 'Q2' });
    expect(created).toMatchObject({ name: 'Umbrella Red Team', description: 'Q2', status: 'active' });
    expect(created.id).toMatch(/^eng_/);
    expect((await pwnbook.engagements.update(created.id, { name: 'Umbrella Red Team 2' })).name).toBe(
      'Umbrella Red Team 2',
    );
    expect((await pwnbook.engagements.archive(created.id)).status).toBe('archived');
    // Archiving again is answered like the first time (the docs leave it open; the fake's choice).
    expect((await pwnbook.engagements.archive(created.id)).status).toBe('archived');
    expect((await pwnbook.engagements.unarchive(created.id)).status).toBe('active');
    await expect(pwnbook.engagements.delete(created.id)).resolves.toBeUndefined();
    const missing = await rejection(pwnbook.engagements.retrieve(created.id));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.body).toEqual({
      error: { code: 'NOT_FOUND', message: `Engagement ${created.id} not found`, statusCode: 404 },
    });
  });

  it('filters, sorts and pages engagements with meta.totalPages', async () => {
    for (let i = 0; i < 5; i += 1) await pwnbook.engagements.create({ name: `Batch ${i}` });
    const names: string[] = [];
    for await (const e of pwnbook.engagements.list({
      status: 'active',
      sort: 'name',
      order: 'asc',
      perPage: 3,
    })) {
      names.push(e.name ?? '');
    }
    expect(names).toEqual([
      'Acme Corp External Assessment',
      'Batch 0',
      'Batch 1',
      'Batch 2',
      'Batch 3',
      'Batch 4',
      'Globex Internal Network Review',
    ]);
    const lists = fake.requests.filter((r) => r.method === 'GET');
    expect(lists.map((r) => r.query)).toEqual([
      { status: 'active', sort: 'name', order: 'asc', perPage: '3' },
      { status: 'active', sort: 'name', order: 'asc', perPage: '3', page: '2' },
      { status: 'active', sort: 'name', order: 'asc', perPage: '3', page: '3' },
    ]);
  });

  it('answers the documented error envelopes: 409 duplicate name, 422 validation, 401, 403 with the scope', async () => {
    const duplicate = await rejection(pwnbook.engagements.create({ name: 'Acme Corp External Assessment' }));
    expect(duplicate).toBeInstanceOf(ConflictError);
    expect(duplicate.code).toBe('CONFLICT');

    const invalid = await rejection(pwnbook.organizations.current.members.invite({ email: 'not-an-email' }));
    expect(invalid).toBeInstanceOf(UnprocessableEntityError);
    expect(invalid.code).toBe('VALIDATION_ERROR');

    const stranger = new Pwnbook({ apiKey: 'pwbk_live_unknown', baseURL: fake.url, maxRetries: 0 });
    const unauthorized = await rejection(stranger.engagements.list().toArray());
    expect(unauthorized).toBeInstanceOf(AuthenticationError);
    expect(unauthorized.code).toBe('UNAUTHORIZED');

    const reader = new Pwnbook({ apiKey: FAKE_PWNBOOK_READ_ONLY_KEY, baseURL: fake.url, maxRetries: 0 });
    const denied = await rejection(reader.engagements.delete(SEED_IDS.acme));
    expect(denied).toBeInstanceOf(PwnbookPermissionDeniedError);
    expect(denied.requiredScope).toBe('engagements:delete');
    expect(denied.message).toMatch(/^Pwnbook DELETE \S*\/v1\/engagements\/eng_01j9k2m3n4p5q6r7s8t9 → 403: /);
    expect(denied.message.split(' → 403: ')[1]).toBe(
      'This API key lacks the engagements:delete scope required for this action (this call needs an API key with the engagements:delete scope; keys are created under Organization Settings → API Keys)',
    );
    expect(fake.data.engagements.some((e) => e.id === SEED_IDS.acme)).toBe(true);
  });

  it('invites, lists, changes the role of and removes members', async () => {
    const invitation = (await pwnbook.organizations.current.members.invite({
      email: 'new@redteam.example',
      role: 'admin',
    })) as Record<string, unknown>;
    expect(invitation).toMatchObject({ email: 'new@redteam.example', role: 'admin', status: 'pending' });
    expect(fake.data.invitations).toHaveLength(1);
    const again = await rejection(
      pwnbook.organizations.current.members.invite({ email: 'new@redteam.example' }),
    );
    expect(again).toBeInstanceOf(ConflictError);

    const members = await pwnbook.organizations.current.members.list().toArray();
    expect(members.map((m) => m.role)).toEqual(['owner', 'admin', 'member']);
    expect(
      (await pwnbook.organizations.current.members.update(SEED_IDS.member, { role: 'admin' })).role,
    ).toBe('admin');
    await pwnbook.organizations.current.members.delete(SEED_IDS.member);
    expect(fake.data.members.map((m) => m.id)).toEqual([SEED_IDS.owner, SEED_IDS.admin]);
    expect(await rejection(pwnbook.organizations.current.members.delete(SEED_IDS.owner))).toBeInstanceOf(
      ConflictError,
    );
  });

  it('sends per-key X-RateLimit-* headers and 429 RATE_LIMITED past the window', async () => {
    const tight = await startFakePwnbook({ rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      // Without the client-side limiter the third call reaches the fake and gets its 429. A reset
      // about a minute away is longer than this client's maxRetryAfter, so the 429 is not slept
      // through (with the default 60 s it would be, whenever a little of the window has passed).
      const c = new Pwnbook({
        apiKey: FAKE_PWNBOOK_API_KEY,
        baseURL: tight.url,
        rateLimit: false,
        maxRetryAfter: 1_000,
      });
      const first = await c.organizations.current.retrieve().withResponse();
      expect(first.rateLimit).toMatchObject({ limit: 2, remaining: 1 });
      expect(first.rateLimit?.reset).toBeInstanceOf(Date);
      await c.organizations.current.retrieve();
      const limited = await rejection(c.organizations.current.retrieve());
      expect(limited).toBeInstanceOf(RateLimitError);
      expect(limited.code).toBe('RATE_LIMITED');
      expect(limited.retryAfter).toBeGreaterThan(50_000);
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(tight.requests.map((r) => r.status)).toEqual([200, 200, 429]);
      // Another key has its own window.
      const other = new Pwnbook({ apiKey: FAKE_PWNBOOK_READ_ONLY_KEY, baseURL: tight.url, rateLimit: false });
      await expect(other.organizations.current.retrieve()).resolves.toMatchObject({
        id: SEED_IDS.organization,
      });
    } finally {
      await tight.close();
    }
  });

  it('applies the kit faults: a 500 is retried, a reset is a connection error', async () => {
    fake.fault({ method: 'GET', path: '/api/v1/organizations/current', status: 500 });
    const retried = new Pwnbook({ apiKey: FAKE_PWNBOOK_API_KEY, baseURL: fake.url, maxRetries: 1 });
    await expect(retried.organizations.current.retrieve()).resolves.toMatchObject({
      id: SEED_IDS.organization,
    });
    expect(fake.requests.map((r) => r.status)).toEqual([500, 200]);
    fake.fault({ path: '/api/v1/engagements', reset: true });
    await expect(pwnbook.engagements.list().toArray()).rejects.toThrow(/could not reach the server/);
  });

  it('reset() restores the seed', async () => {
    await pwnbook.engagements.delete(SEED_IDS.globex);
    fake.reset();
    expect(fake.data.engagements.map((e) => e.id)).toEqual([
      SEED_IDS.acme,
      SEED_IDS.globex,
      SEED_IDS.initech,
    ]);
    expect(fake.requests).toEqual([]);
  });
});
