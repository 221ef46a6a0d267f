import type { FakeFault } from '@quiver/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIError, APITimeoutError, Puck, QuiverError } from '../src/index.js';
import { FAKE_PUCK_API_KEY, type FakePuck, startFakePuck } from '../src/testing/index.js';

/**
 * The fault matrix of the README's "Reliability" section: every fault of the fake-server kit, once,
 * in front of three kinds of call — a read (GET), a write with an idempotency key (the investigation
 * trigger) and a plain write (a webhook subscription, never retried). A call is *lost* when the client
 * reports success but the server did nothing, *duplicated* when one logical call took effect twice.
 * Both must stay at zero, whatever the fault.
 */

const TIMEOUT = 400;
const SLOW = 1_500; // past the timeout, with a margin that holds on a loaded machine

const FAULTS: Array<{ name: string; fault: Omit<FakeFault, 'method' | 'path'>; retryable: boolean }> = [
  { name: '500', fault: { status: 500 }, retryable: true },
  { name: '502 HTML page', fault: { html: true, status: 502 }, retryable: true },
  { name: '503 Retry-After 0.2', fault: { status: 503, headers: { 'retry-after': '0.2' } }, retryable: true },
  { name: '504', fault: { status: 504 }, retryable: true },
  { name: '408', fault: { status: 408 }, retryable: true },
  { name: '429 Retry-After 0.2', fault: { status: 429, headers: { 'retry-after': '0.2' } }, retryable: true },
  { name: 'connection reset', fault: { reset: true }, retryable: true },
  { name: 'slow answer (delay past the timeout)', fault: { delayMs: SLOW }, retryable: true },
  { name: 'stalled body (headers, then nothing)', fault: { stallMs: SLOW }, retryable: true },
  { name: 'malformed JSON', fault: { malformedJson: true }, retryable: false },
  { name: 'schema drift', fault: { drift: () => ({ unexpected: true }) }, retryable: false },
];

const CALLS = [
  { name: 'GET (agents.list)', method: 'GET', path: '/v1/agents', kind: 'read' },
  { name: 'keyed POST (investigations.create)', method: 'POST', path: '/v1/investigations', kind: 'keyed' },
  {
    name: 'plain POST (subscriptions.create)',
    method: 'POST',
    path: '/v1/webhooks/subscriptions',
    kind: 'plain',
  },
] as const;

let fake: FakePuck;
let puck: Puck;

beforeAll(async () => {
  fake = await startFakePuck({
    apiKeys: { [FAKE_PUCK_API_KEY]: { tier: 'unlimited' } },
    lifecycle: { stepMs: Number.POSITIVE_INFINITY },
  });
  puck = new Puck({
    apiKey: FAKE_PUCK_API_KEY,
    baseURL: fake.url,
    timeout: TIMEOUT,
    maxRetries: 2,
    rateLimit: false,
  });
});
afterAll(() => fake.close());

async function call(kind: (typeof CALLS)[number]['kind'], n: number): Promise<void> {
  if (kind === 'read') await puck.agents.list();
  else if (kind === 'keyed') await puck.investigations.create({ query: `matrix ${n}` });
  else
    await puck.webhooks.subscriptions.create({
      url: `http://127.0.0.1:9/hook-${n}`,
      events: ['investigation.completed'],
    });
}

/** How many times call `n` took effect on the fake. */
function effects(kind: (typeof CALLS)[number]['kind'], n: number): number | undefined {
  if (kind === 'keyed') return fake.investigations.filter((i) => i.query === `matrix ${n}`).length;
  if (kind === 'plain')
    return fake.subscriptions.filter((s) => s.url === `http://127.0.0.1:9/hook-${n}`).length;
  return undefined; // a read changes nothing
}

describe('fault matrix: no call lost or duplicated', () => {
  let n = 0;
  const tally = { tried: 0, lost: 0, duplicated: 0, recovered: 0, typedFailures: 0 };

  for (const { name: faultName, fault, retryable } of FAULTS) {
    for (const { name: callName, method, path, kind } of CALLS) {
      it(`${faultName} × ${callName}`, async () => {
        n += 1;
        fake.clearFaults();
        fake.fault({ method, path, ...fault });
        const before = fake.requests.length;
        let error: unknown;
        try {
          await call(kind, n);
        } catch (e) {
          error = e;
        }
        const sent = fake.requests.slice(before).filter((r) => r.method === method && r.path === path);
        const took = effects(kind, n);
        tally.tried += 1;
        if (error === undefined && took === 0) tally.lost += 1;
        if ((took ?? 0) > 1) tally.duplicated += 1;

        // Whatever happened, the caller gets a typed error or a result, never a duplicate.
        if (error !== undefined) expect(error).toBeInstanceOf(QuiverError);
        expect(took ?? 0).toBeLessThanOrEqual(1);

        if (kind === 'plain') {
          // Never sent twice, whatever the fault: the caller decides whether to try again.
          expect(sent).toHaveLength(1);
          expect(error).toBeDefined();
          if (faultName.startsWith('slow') || faultName.startsWith('stalled'))
            expect(error).toBeInstanceOf(APITimeoutError);
          tally.typedFailures += 1;
        } else if (retryable) {
          expect(error).toBeUndefined();
          expect(sent.length).toBeGreaterThanOrEqual(2);
          if (kind === 'keyed') {
            expect(new Set(sent.map((r) => r.idempotencyKey)).size).toBe(1);
            expect(took).toBe(1);
          }
          tally.recovered += 1;
        } else {
          // A 200 the client cannot read is not retried (it may have taken effect): a typed error.
          expect(error).toBeInstanceOf(QuiverError);
          expect(error).not.toBeInstanceOf(APIError);
          expect(sent).toHaveLength(1);
          tally.typedFailures += 1;
        }
      });
    }
  }

  it('adds up: every fault tried, zero lost, zero duplicated', () => {
    expect(tally.tried).toBe(FAULTS.length * CALLS.length);
    expect(tally).toMatchObject({ lost: 0, duplicated: 0 });
    console.log(`fault matrix: ${JSON.stringify(tally)}`);
  });
});
