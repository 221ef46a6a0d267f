// Use the Puffle fake in your own vitest test: seeded leads, recorded requests, a 402 on demand.
import { InsufficientCreditsError, Puffle } from '@quiver/puffle';
import { FAKE_PUFFLE_API_KEY, type FakePuffle, SEED_IDS, startFakePuffle } from '@quiver/puffle/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

describe('my lead sync', () => {
  let fake: FakePuffle;
  let puffle: Puffle;

  beforeAll(async () => {
    fake = await startFakePuffle();
    puffle = new Puffle({ apiKey: FAKE_PUFFLE_API_KEY, baseURL: fake.url });
  });
  afterEach(() => fake.reset()); // seed, credits and requests back to the start
  afterAll(() => fake.close());

  it('reads every lead across pages', async () => {
    const leads = await puffle.leads.list({ limit: 2 }).toArray();
    expect(leads.map((l) => l.id)).toContain(SEED_IDS.leads.adaAcme);
    expect(fake.requests.filter((r) => r.path === '/api/leads').length).toBeGreaterThan(1);
  });

  it('reports a 402 as InsufficientCreditsError', async () => {
    fake.setCredits(0);
    const scope = { type: 'explicit_leads' as const, leadIds: [SEED_IDS.leads.adaAcme] };
    const err = await puffle.enrichment
      .create({ enrichmentId: 'work_email', scope })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InsufficientCreditsError);
    expect((err as InsufficientCreditsError).balance).toBe(0);
  });
});
