import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';
import { Puffle, type PuffleOptions } from '../src/index.js';

/** A key that must never show up in any message, log or dump. */
export const KEY = 'pk_live_s3cr3t_DO_NOT_PRINT_9f2a';
/** Puffle's public host. */
export const BASE = 'https://app.puffle.ai';

/** A client against `BASE` (no limiter by default; fast retries are not configurable: tests use 0 retries unless they test retries). */
export function client(options: PuffleOptions = {}): Puffle {
  return new Puffle({ apiKey: KEY, baseURL: BASE, ...options });
}

/** What one intercepted request looked like on the wire. */
export interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * Intercepts one request to `method path` (any query, any body) on `BASE`, answers `status`/`body`,
 * and records what was sent in the returned array.
 */
export function intercept(
  method: string,
  path: string,
  status: number,
  body?: unknown,
  headers?: Record<string, string>,
): Seen[] {
  const seen: Seen[] = [];
  nock(BASE)
    .intercept((uri) => uri.split('?')[0] === path, method)
    // nock 15 hands the reply function the fetch `Request` that was sent.
    .reply((async (request: Request) => {
      const url = new URL(request.url);
      const text = await request.text();
      let parsed: unknown = text === '' ? undefined : text;
      try {
        if (text !== '') parsed = JSON.parse(text);
      } catch {
        // multipart or plain text: kept as the raw string
      }
      seen.push({
        method: request.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(request.headers),
        body: parsed,
      });
      return [
        status,
        body === undefined ? '' : JSON.stringify(body),
        { 'content-type': 'application/json', ...headers },
      ];
    }) as never);
  return seen;
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

/** The rejection of a call that must fail (a resolved call fails the test): the kit's helper. */
export { rejection } from '@quiver/core/testing';
