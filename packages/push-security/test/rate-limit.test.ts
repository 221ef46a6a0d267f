import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PushSecurity, RateLimitError } from '../src/index.js';
import { type FakePushSecurity, SEED_IDS, startFakePushSecurity } from '../src/testing/index.js';

let fake: FakePushSecurity;
beforeEach(async () => {
  fake = await startFakePushSecurity();
});
afterEach(() => fake.close());

function client(options: ConstructorParameters<typeof PushSecurity>[0] = {}): PushSecurity {
  return new PushSecurity({ apiKey: fake.apiKeys.full[0], baseURL: fake.url, ...options });
}

const id = SEED_IDS.findings.leakedPassword;

describe('client-side limiter (10/s, burst 10, shared by every call of a client)', () => {
  it('a burst of 100 calls gets no 429 from a server enforcing 10/s + 10, at ~10/s after the burst', async () => {
    // maxRetries 0: a single 429 would fail a call instead of being hidden by a retry.
    const push = client({ maxRetries: 0 });
    const started = performance.now();
    // Mixed resources on purpose: the bucket is per client, not per method.
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        i % 2 === 0 ? push.findings.retrieve(id) : push.employees.list({ limit: 1 }).then((p) => p.items[0]),
      ),
    );
    const elapsed = (performance.now() - started) / 1000;

    expect(results.every((r) => r !== undefined)).toBe(true);
    expect(fake.requests).toHaveLength(100);
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(0);
    // 10 go at once, the other 90 at 10/s.
    expect(elapsed).toBeGreaterThan(8.5);
    expect(elapsed).toBeLessThan(10.5);
    const times = fake.requests.map((r) => r.at).sort((a, b) => a - b);
    const sustained = 89 / ((times[99]! - times[10]!) / 1000);
    expect(sustained).toBeGreaterThan(9.3);
    expect(sustained).toBeLessThan(10.7);
  }, 20_000);

  it('without the limiter (rateLimit: false) the same server answers 429 past its 20-token bucket', async () => {
    // The server's clock stands still, so no token refills however long the burst takes to send.
    await fake.close();
    fake = await startFakePushSecurity({ now: () => 1_000_000 });
    const push = client({ rateLimit: false, maxRetries: 0 });
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => push.findings.retrieve(id)));
    const limited = outcomes.filter((o) => o.status === 'rejected');
    expect(limited).toHaveLength(10);
    for (const o of limited) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(RateLimitError);
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(limited.length);
  });

  it('takes custom numbers: requestsPerSecond 5 with burst 2 spaces 6 calls over ~0.8 s', async () => {
    const push = client({ rateLimit: { requestsPerSecond: 5, burst: 2 } });
    const started = performance.now();
    await Promise.all(Array.from({ length: 6 }, () => push.findings.retrieve(id)));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThan(700);
    expect(elapsed).toBeLessThan(1400);
  });

  it('is shared by all resources of one client but not across clients', async () => {
    const a = client({ rateLimit: { perSecond: 2, burst: 1 } });
    const b = client({ rateLimit: { perSecond: 2, burst: 1 } });
    const started = performance.now();
    await Promise.all([a.findings.retrieve(id), b.findings.retrieve(id)]);
    expect(performance.now() - started).toBeLessThan(300);
    await Promise.all([a.findings.retrieve(id), a.employees.list()]);
    // a's second token came 0.5 s later, its third another 0.5 s after that.
    expect(performance.now() - started).toBeGreaterThan(800);
  });

  it('a signal aborts a call waiting for a token', async () => {
    const push = client({ rateLimit: { perSecond: 0.5, burst: 1 } });
    await push.findings.retrieve(id);
    const started = performance.now();
    await expect(push.findings.retrieve(id, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(fake.requests).toHaveLength(1);
  });

  it('a 429 injected by the fake is retried and the call succeeds', async () => {
    fake.fault({ path: `/v1/findings/${id}`, status: 429 });
    const finding = await client({ maxRetries: 2 }).findings.retrieve(id);
    expect(finding.id).toBe(id);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('refuses a non-positive rate as a ConfigurationError', () => {
    expect(() => client({ rateLimit: { requestsPerSecond: 0 } })).toThrow(
      /rateLimit.requestsPerSecond must be a number > 0/,
    );
  });
});
