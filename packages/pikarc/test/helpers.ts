import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';
import { Pikarc, type PikarcOptions } from '../src/index.js';

/** A key that must never show up in any message, log or dump. */
export const KEY = 'lg_ab12cd34_s3cr3tDoNotPrintS3cr3tDoNotPrint';
/** A JWT-shaped token that must never show up either. */
export const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0In0.SECRETsignatureDoNotPrint';
/** A self-run server: the documented default. */
export const BASE = 'http://localhost:8000';

/** A client against `BASE` holding the API key (and nothing else unless given). */
export function client(options: PikarcOptions = {}): Pikarc {
  return new Pikarc({ apiKey: KEY, baseURL: BASE, ...options });
}

/** nock scope on `BASE` that checks the SDK headers and the given credential. */
export function api(credential: string | null = KEY): nock.Scope {
  const reqheaders: Record<string, string | RegExp> = {
    accept: 'application/json',
    'user-agent': /^quiver-pikarc\/0\.1\.0 \(/,
  };
  if (credential !== null) reqheaders.authorization = `Bearer ${credential}`;
  if (credential === null) return nock(BASE, { reqheaders, badheaders: ['authorization'] });
  return nock(BASE, { reqheaders });
}

/** Installs nock for a test file: no real network, no leftover interceptors. */
export function useNock(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    if (pending.length > 0) throw new Error(`Unused nock interceptors: ${pending.join(', ')}`);
  });
}

/** The rejection of a call that must fail (a resolved call fails the test): the kit's helper. */
export { rejection } from '@quiver/core/testing';

/** An ALLOW decision as the server sends it. */
export const ALLOW = { outcome: 'ALLOW', reason: null } as const;
/** A DENY decision with `reason`. */
export const deny = (reason: string) => ({ outcome: 'DENY', reason }) as const;
