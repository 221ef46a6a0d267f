import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError, InternalServerError, Puffle } from '../src/index.js';
import { FAKE_PUFFLE_API_KEY, type FakePuffle, SEED_IDS, startFakePuffle } from '../src/testing/index.js';
import { rejection } from './helpers.js';

let fake: FakePuffle;
let puffle: Puffle;
beforeAll(async () => {
  fake = await startFakePuffle();
  puffle = new Puffle({ apiKey: FAKE_PUFFLE_API_KEY, baseURL: fake.url });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const posts = (path: string) => fake.requests.filter((r) => r.path === path && r.method !== 'GET');

describe('retries', () => {
  it('enrichment.create: a lost answer is retried with the same body idempotencyKey and charged once', async () => {
    // The fake runs the request (and charges), then stalls the body past the client's timeout.
    fake.fault({ method: 'POST', path: '/api/enrichment', stallMs: 4_000 });
    const client = new Puffle({ apiKey: FAKE_PUFFLE_API_KEY, baseURL: fake.url, timeout: 500 });
    const started = await client.enrichment.create({
      enrichmentId: 'work_email',
      scope: { type: 'explicit_leads', leadIds: [SEED_IDS.leads.adaAcme] },
    });
    const attempts = posts('/api/enrichment');
    expect(attempts).toHaveLength(2);
    const keys = attempts.map((r) => (r.body as { idempotencyKey: string }).idempotencyKey);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(started.reusedExistingRun).toBe(true);
    expect(fake.data.runs).toHaveLength(1);
    expect(fake.credits).toBe(98);
    // Backoff starts at 1 s (after the 500 ms attempt timeout): never sooner.
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_450);
  });

  it('a caller-given idempotencyKey is the one written into the body', async () => {
    await puffle.enrichment.create(
      { enrichmentId: 'work_email', scope: { type: 'list', listId: SEED_IDS.lists.targets } },
      { idempotencyKey: 'nightly-2026-12-06' },
    );
    const again = await puffle.enrichment.create({
      enrichmentId: 'work_email',
      scope: { type: 'list', listId: SEED_IDS.lists.targets },
      idempotencyKey: 'nightly-2026-12-06',
    });
    expect(again.reusedExistingRun).toBe(true);
    expect(fake.credits).toBe(90);
  });

  it('documented retry-safe non-GETs are retried after at least 1 s (signals.update on 503)', async () => {
    fake.fault({ method: 'PATCH', path: '/api/signals', status: 503 });
    const result = await puffle.signals.update({ items: [{ id: 'sig_01', vote: 'up' }] });
    expect(result).toEqual({ updated: ['sig_01'], errors: [] });
    const attempts = fake.requests.filter((r) => r.path === '/api/signals');
    expect(attempts.map((r) => r.status)).toEqual([503, 200]);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('campaigns.launch (retry-safe) is retried on 500; leads.create (a plain POST) never is', async () => {
    fake.fault({ method: 'POST', path: `/api/campaigns/${SEED_IDS.campaigns.draft}/launch`, status: 500 });
    const launch = await puffle.campaigns.launch(SEED_IDS.campaigns.draft);
    expect(launch.prospectsToProcess).toBe(5);
    expect(posts(`/api/campaigns/${SEED_IDS.campaigns.draft}/launch`)).toHaveLength(2);

    fake.fault({ method: 'POST', path: '/api/leads', status: 503 });
    const err = await rejection(puffle.leads.create({ type: 'person', name: { full: 'Zed' } }));
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err.code).toBe('internal_error');
    expect(posts('/api/leads')).toHaveLength(1);
  });

  it('401 is never retried (the playbook: stop and ask for a valid key)', async () => {
    const wrong = new Puffle({ apiKey: 'pk_live_not_a_real_key', baseURL: fake.url });
    const err = await rejection(wrong.account.retrieve());
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.code).toBe('unauthorized');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
  });
});
