// Use the Puck fake in your own vitest test: start it once, point the client at it, assert on it.
import { Puck } from '@quiver/puck';
import { FAKE_PUCK_API_KEY, type FakePuck, startFakePuck } from '@quiver/puck/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('my triage job', () => {
  let fake: FakePuck;
  let puck: Puck;

  beforeAll(async () => {
    fake = await startFakePuck({ lifecycle: { stepMs: 0 } }); // investigations finish at once
    puck = new Puck({ apiKey: FAKE_PUCK_API_KEY, baseURL: fake.url, tier: 'pro' });
  });
  afterAll(() => fake.close());

  it('triggers one investigation even when the first attempt gets a 429', async () => {
    fake.fault({ method: 'POST', path: '/v1/investigations', status: 429, headers: { 'retry-after': '0' } });
    const run = await puck.investigations.createAndWait({ query: 'check host-42' }, { pollInterval: 1_000 });
    expect(run.status).toBe('complete');
    expect(fake.investigations).toHaveLength(1);
    const statuses = fake.requests.filter((r) => r.path === '/v1/investigations').map((r) => r.status);
    expect(statuses).toEqual([429, 202]);
  });

  it('sees the findings the investigation produced', async () => {
    const findings = await puck.findings.list().toArray();
    expect(findings.length).toBeGreaterThan(0);
  });
});
