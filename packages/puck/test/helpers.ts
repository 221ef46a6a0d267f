import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';
import { Puck, type PuckOptions } from '../src/index.js';

/** A key that must never show up in any message, log or dump. */
export const KEY = 'pck_test_s3cr3t_DO_NOT_PRINT_7c1e';
/** A self-hosted brain: the normal case. */
export const BASE = 'https://brain.acme.example';

/** A client against `BASE`, limiter off unless a test turns it on. */
export function client(options: PuckOptions = {}): Puck {
  return new Puck({ apiKey: KEY, baseURL: BASE, rateLimit: false, ...options });
}

/** The exact headers every authenticated Puck request carries. */
export const authHeaders = {
  authorization: `Bearer ${KEY}`,
  accept: 'application/json',
  'user-agent': /^quiver-puck\/0\.1\.0 \(node\/\d+/,
};

/** nock scope on `BASE` that also checks the auth and SDK headers. */
export function api(): nock.Scope {
  return nock(BASE, { reqheaders: authHeaders });
}

/** Installs nock for a test file: no real network, no leftover interceptors. */
export function useNock(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    if (pending.length > 0) throw new Error(`Unused nock interceptors: ${pending.join(', ')}`);
  });
}

/** `.catch(caught)`: the rejection, typed loosely so a test can read any error class's fields. */
// biome-ignore lint/suspicious/noExplicitAny: tests inspect the fields of whichever error class arrived
export const caught = (error: unknown): any => error;

/** An investigation body as the brain might send it. */
export function investigation(status: string, extra: Record<string, unknown> = {}) {
  return { id: 'inv_01hx', status, query: 'find unapproved AI tools', ...extra };
}

/** The rejection of a call that must fail (a resolved call fails the test): the kit's helper. */
export { rejection } from '@quiver/core/testing';
