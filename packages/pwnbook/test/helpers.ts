import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';
import { Pwnbook, type PwnbookOptions } from '../src/index.js';

/** A key that must never show up in any message, log or dump. */
export const KEY = 'pwbk_live_s3cr3t_DO_NOT_PRINT_4b2a';
/** Pwnbook cloud's API root. */
export const CLOUD = 'https://app.pwnbook.io';
/** A self-hosted instance. */
export const SELF_HOSTED = 'https://pwnbook.acme.example';

/** A cloud client, limiter off unless a test turns it on. */
export function client(options: PwnbookOptions = {}): Pwnbook {
  return new Pwnbook({ apiKey: KEY, rateLimit: false, ...options });
}

/** The exact headers every Pwnbook request carries. */
export const authHeaders = {
  authorization: `Bearer ${KEY}`,
  accept: 'application/json',
  'user-agent': /^quiver-pwnbook\/0\.1\.0 \(node\/\d+/,
};

/** nock scope on Pwnbook cloud that also checks the auth and SDK headers. */
export function api(origin = CLOUD): nock.Scope {
  return nock(origin, { reqheaders: authHeaders });
}

/** Installs nock for a test file: no real network, no leftover interceptors. */
export function useNock(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1/);
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    if (pending.length > 0) throw new Error(`Unused nock interceptors: ${pending.join(', ')}`);
  });
}

/** The rejection of a call that must fail (a resolved call fails the test): the kit's helper. */
export { rejection } from '@quiver/core/testing';

/** An engagement as Pwnbook's docs show it. */
export function engagement(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: 'Acme Corp External Assessment',
    description: 'Q1 2025 external network penetration test',
    status: 'active',
    createdAt: '2025-01-15T10:30:00.000Z',
    updatedAt: '2025-01-15T10:30:00.000Z',
    ...extra,
  };
}

/** The `X-RateLimit-*` headers Pwnbook sends on every response. */
export function rateHeaders(limit: number, remaining: number, resetUnix: number): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Reset': String(resetUnix),
  };
}
