import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';
import { PushSecurity, type PushSecurityOptions } from '../src/index.js';

/** The API key the wire tests use. */
export const KEY = 'psk-test-0123456789abcdef';
/** The default host. */
export const BASE = 'https://api.pushsecurity.com';

/** One request as nock saw it. */
export interface Captured {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
}

/** Blocks real network access and checks every interceptor was used. */
export function useNock(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    // The fake server runs on loopback; nothing else may be reached.
    nock.enableNetConnect((host) => host.startsWith('127.0.0.1:'));
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    if (pending.length > 0) throw new Error(`unused interceptors: ${pending.join(', ')}`);
  });
}

/** A client for the wire tests: no limiter and no retries unless a test asks for them. */
export function makeClient(options: PushSecurityOptions = {}): PushSecurity {
  return new PushSecurity({ apiKey: KEY, rateLimit: false, maxRetries: 0, ...options });
}

function toQuery(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of params) {
    const seen = out[name];
    out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

/**
 * Intercepts one request to `path` (exact pathname) and records exactly what was sent.
 * `times` > 1 answers the same way several times (or pass `replies` for a sequence).
 */
export function intercept(
  method: string,
  path: string,
  reply:
    | { status?: number; body?: unknown; headers?: Record<string, string> }
    | Array<{ status?: number; body?: unknown; headers?: Record<string, string> }> = {},
  base = BASE,
): Captured[] {
  const calls: Captured[] = [];
  const replies = Array.isArray(reply) ? reply : [reply];
  nock(base)
    .intercept((uri) => new URL(uri, base).pathname === path, method)
    .times(replies.length)
    // nock 15 hands the reply function the fetch `Request` (one parameter: two would mean a callback).
    .reply(async (request: Request) => {
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      const text = await request.text();
      let body: unknown = text === '' ? undefined : text;
      if (typeof body === 'string') {
        try {
          body = JSON.parse(body);
        } catch {
          // keep the text
        }
      }
      calls.push({
        method: request.method,
        path: url.pathname,
        query: toQuery(url.searchParams),
        headers,
        body,
      });
      const next = replies[calls.length - 1] ?? replies[replies.length - 1]!;
      const status = next.status ?? 200;
      const payload =
        next.body === undefined ? '' : typeof next.body === 'string' ? next.body : JSON.stringify(next.body);
      const type = typeof next.body === 'string' ? 'text/plain' : 'application/json';
      return [status, payload, { 'content-type': type, ...next.headers }];
    });
  return calls;
}
