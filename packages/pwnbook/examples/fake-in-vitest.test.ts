// Use the Pwnbook fake in your own vitest test: seed-backed data, recorded requests, injected faults.
import { Pwnbook } from '@quiver/pwnbook';
import { FAKE_PWNBOOK_API_KEY, type FakePwnbook, SEED_IDS, startFakePwnbook } from '@quiver/pwnbook/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

describe('my engagement report', () => {
  let fake: FakePwnbook;
  let pwnbook: Pwnbook;

  beforeAll(async () => {
    fake = await startFakePwnbook();
    pwnbook = new Pwnbook({ apiKey: FAKE_PWNBOOK_API_KEY, baseURL: fake.url });
  });
  afterEach(() => fake.reset()); // back to the seed between tests
  afterAll(() => fake.close());

  it('archives an engagement', async () => {
    const archived = await pwnbook.engagements.archive(SEED_IDS.acme);
    expect(archived.status).toBe('archived');
    expect(fake.data.engagements.find((e) => e.id === SEED_IDS.acme)?.status).toBe('archived');
  });

  it('retries a GET through two 503s', async () => {
    fake.fault({ method: 'GET', path: '/api/v1/organizations/current', status: 503, times: 2 });
    const org = await pwnbook.organizations.current.retrieve();
    expect(org.id).toBe(SEED_IDS.organization);
    expect(fake.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });
});
