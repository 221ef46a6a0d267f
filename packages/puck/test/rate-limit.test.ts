import { describe, expect, it } from 'vitest';
import { TIER_LIMITS, tierRateLimit } from '../src/index.js';
import { api, caught, client, useNock } from './helpers.js';

useNock();

describe('tier limiter', () => {
  it('publishes the documented numbers', () => {
    expect(TIER_LIMITS).toEqual({
      free: { calls: 60, investigations: 2 },
      pro: { calls: 600, investigations: 20 },
    });
    expect(tierRateLimit('pro')).toEqual({ perMinute: 600, buckets: { investigations: { perMinute: 20 } } });
  });

  it('free (default): two triggers go at once, the third waits for the investigations bucket', async () => {
    api().post('/v1/investigations').times(2).reply(202, { id: 'inv_1' });
    const puck = client({ rateLimit: undefined });
    await puck.investigations.create({ query: 'a' });
    await puck.investigations.create({ query: 'b' });
    // Held client-side (nothing is sent): the abort proves it was waiting, not sending.
    const error = await puck.investigations
      .create({ query: 'c' }, { signal: AbortSignal.timeout(150) })
      .catch(caught);
    expect(error.name).toMatch(/TimeoutError|AbortError/);
    // Other calls are not held by the investigations bucket.
    api().get('/v1/investigations/inv_1').reply(200, { id: 'inv_1' });
    await puck.investigations.retrieve('inv_1');
  });

  it('pro: twenty triggers go at once', async () => {
    api().post('/v1/investigations').times(20).reply(202, { id: 'inv_1' });
    const puck = client({ rateLimit: undefined, tier: 'pro' });
    const started = Date.now();
    for (let i = 0; i < 20; i++) await puck.investigations.create({ query: `q${i}` });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('rateLimit overrides the tier (Enterprise)', async () => {
    api().post('/v1/investigations').times(3).reply(202, { id: 'inv_1' });
    const puck = client({ rateLimit: { perMinute: 1000, buckets: { investigations: { perMinute: 100 } } } });
    for (let i = 0; i < 3; i++) await puck.investigations.create({ query: `q${i}` });
  });
});
