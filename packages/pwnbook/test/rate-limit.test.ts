import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../src/index.js';
import { api, client, engagement, rateHeaders, rejection, useNock } from './helpers.js';

useNock();

const unixNow = () => Math.floor(Date.now() / 1000);
const rateLimited = { error: { code: 'RATE_LIMITED', message: 'Rate limit exceeded', statusCode: 429 } };

describe('X-RateLimit-* headers', () => {
  it('withResponse().rateLimit is parsed from the three headers', async () => {
    const reset = unixNow() + 60;
    api()
      .get('/api/v1/engagements/eng_1')
      .reply(200, { data: engagement('eng_1') }, rateHeaders(100, 99, reset));
    const { data, rateLimit, response } = await client().engagements.retrieve('eng_1').withResponse();
    expect(data.id).toBe('eng_1');
    expect(rateLimit).toEqual({ limit: 100, remaining: 99, reset: new Date(reset * 1000) });
    expect(response.status).toBe(200);
  });

  it('list pages report the headers too', async () => {
    const reset = unixNow() + 60;
    api()
      .get('/api/v1/engagements')
      .reply(200, { data: [engagement('eng_1')], meta: { totalPages: 1 } }, rateHeaders(100, 42, reset));
    const page = await client().engagements.list();
    expect(page.response.headers.get('x-ratelimit-remaining')).toBe('42');
  });

  it('Remaining 0 with a reset beyond maxRetryAfter: the next call fails at once, nothing sent', async () => {
    const reset = unixNow() + 3600;
    api()
      .get('/api/v1/engagements/eng_1')
      .reply(200, { data: engagement('eng_1') }, rateHeaders(100, 0, reset));
    const pwnbook = client({ rateLimit: undefined });
    await pwnbook.engagements.retrieve('eng_1');
    const error = await rejection(pwnbook.engagements.retrieve('eng_2'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfter).toBeGreaterThan(3_500_000);
  });

  it('Remaining 0 with a near reset: the adaptive limiter holds the next call until the reset', async () => {
    // Whole Unix seconds: at least 1 s from now, at most 2 s.
    const reset = unixNow() + 2;
    api()
      .get('/api/v1/engagements/eng_1')
      .reply(200, { data: engagement('eng_1') }, rateHeaders(100, 0, reset));
    api()
      .get('/api/v1/engagements/eng_2')
      .reply(200, { data: engagement('eng_2') }, rateHeaders(100, 99, reset + 60));
    const pwnbook = client({ rateLimit: undefined });
    await pwnbook.engagements.retrieve('eng_1');
    const started = Date.now();
    await pwnbook.engagements.retrieve('eng_2');
    // Never sent before the reset (a lower bound only: no upper bound that a loaded machine could break).
    expect(Date.now()).toBeGreaterThanOrEqual(reset * 1000 - 50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('rateLimit: false turns the limiter off', async () => {
    const reset = unixNow() + 3600;
    api()
      .get('/api/v1/engagements/eng_1')
      .reply(200, { data: engagement('eng_1') }, rateHeaders(100, 0, reset));
    api()
      .get('/api/v1/engagements/eng_2')
      .reply(200, { data: engagement('eng_2') });
    const pwnbook = client({ rateLimit: false });
    await pwnbook.engagements.retrieve('eng_1');
    expect((await pwnbook.engagements.retrieve('eng_2')).id).toBe('eng_2');
  });
});

describe('429 RATE_LIMITED', () => {
  it('honours X-RateLimit-Reset within maxRetryAfter, then retries', async () => {
    const reset = unixNow() + 2;
    api()
      .get('/api/v1/engagements/eng_1')
      .reply(429, rateLimited, rateHeaders(100, 0, reset));
    api()
      .get('/api/v1/engagements/eng_1')
      .reply(200, { data: engagement('eng_1') }, rateHeaders(100, 99, reset + 60));
    const started = Date.now();
    const result = await client().engagements.retrieve('eng_1');
    expect(result.id).toBe('eng_1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('a reset beyond maxRetryAfter fails at once with RateLimitError.retryAfter', async () => {
    const reset = unixNow() + 120;
    api()
      .get('/api/v1/engagements/eng_1')
      .reply(429, rateLimited, rateHeaders(100, 0, reset));
    const error = await rejection(client({ maxRetryAfter: 10_000 }).engagements.retrieve('eng_1'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfter).toBeGreaterThan(100_000);
    expect(error.retryAfter).toBeLessThanOrEqual(120_000);
  });

  it('without X-RateLimit-Reset: exponential backoff, then retried', async () => {
    api().get('/api/v1/organizations/current').reply(429, rateLimited);
    api()
      .get('/api/v1/organizations/current')
      .reply(200, { data: { id: 'org_1' } });
    expect(await client().organizations.current.retrieve()).toEqual({ id: 'org_1' });
  });

  it('a POST is never retried, even on 429', async () => {
    api()
      .post('/api/v1/engagements', { name: 'x' })
      .reply(429, rateLimited, rateHeaders(100, 0, unixNow() + 1));
    const error = await rejection(client().engagements.create({ name: 'x' }));
    expect(error).toBeInstanceOf(RateLimitError);
  });
});
