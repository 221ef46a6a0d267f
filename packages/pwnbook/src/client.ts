import {
  bearerAuth,
  type ClientOptions,
  ConfigurationError,
  QuiverClient,
  readEnv,
  resolveApiKey,
} from '@quiver/core';
import { parsePwnbookError } from './errors.js';
import { Engagements } from './resources/engagements.js';
import { Organizations } from './resources/organizations.js';
import { VERSION } from './version.js';

/** Pwnbook cloud's API root (Pwnbook's API reference, Introduction: base URL). Paths add `/v1/…`. */
export const DEFAULT_BASE_URL = 'https://app.pwnbook.io/api';

/** Options of the `Pwnbook` client: every core option; `apiKey` and `baseURL` as Pwnbook reads them. */
export interface PwnbookOptions extends ClientOptions {
  /**
   * API key (`pwbk_live_…` for production, `pwbk_test_…` for test keys). Default: `PWNBOOK_API_KEY`.
   * A key acts on the one organization it was created in, within the scopes chosen for it.
   */
  apiKey?: string | undefined;
  /**
   * Your Pwnbook instance: the cloud or a self-hosted install, first class. Default: `PWNBOOK_BASE_URL`,
   * then `https://app.pwnbook.io/api`. Give it as `https://pwnbook.acme.internal` (`/api` is added),
   * `…/api`, or the versioned root `…/api/v1` (`/v1` is removed, the SDK adds it); any other path is
   * kept as given, for installs under a sub-path. See `Pwnbook.normalizeBaseURL`.
   */
  baseURL?: string | undefined;
}

/**
 * The API root of a Pwnbook instance, as the client uses it (the method paths add `/v1/…`). Rules,
 * applied to the `baseURL` option or `PWNBOOK_BASE_URL` (Pwnbook's docs give the self-hosted root as
 * `https://<your-pwnbook-domain>/api` and show the versioned paths as `/api/v1/...`):
 *
 * 1. a trailing `/` is removed;
 * 2. a bare origin (`https://pwnbook.acme.internal`) gets `/api`;
 * 3. a path ending in `/api` is kept;
 * 4. a path ending in `/api/v1` loses the `/v1` (the versioned root pasted from the docs);
 * 5. any other path is kept as given (an install under a sub-path passes its own `…/api`).
 *
 * Plain `http://` is refused by the client for any host but loopback (the key would travel unencrypted).
 *
 * @throws ConfigurationError when the input is not an absolute URL.
 */
export function normalizeBaseURL(input: string): string {
  if (typeof input !== 'string') {
    throw new ConfigurationError('Pwnbook: baseURL must be a string such as https://pwnbook.acme.internal.');
  }
  const trimmed = input.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ConfigurationError(
      'Pwnbook: baseURL is not a valid absolute URL. Pass e.g. https://pwnbook.acme.internal or https://app.pwnbook.io/api.',
    );
  }
  // A URL with a query or fragment is left for core's check, which refuses it with a clear message.
  if (url.search || url.hash) return trimmed;
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '') return `${trimmed}/api`;
  if (path.endsWith('/api/v1')) return trimmed.slice(0, -'/v1'.length);
  return trimmed;
}

/**
 * The Pwnbook client (engagements and the organization of the key). `new Pwnbook()` reads
 * `PWNBOOK_API_KEY` and `PWNBOOK_BASE_URL`.
 *
 * ```ts
 * const pwnbook = new Pwnbook({ baseURL: 'https://pwnbook.acme.internal' }); // self-hosted
 * for await (const engagement of pwnbook.engagements.list({ status: 'active' })) console.log(engagement.name);
 * ```
 */
export class Pwnbook extends QuiverClient {
  /** The base-URL rules of the client, for validating configuration: see `normalizeBaseURL`. */
  static normalizeBaseURL: (input: string) => string = normalizeBaseURL;

  /** `true` for a `pwbk_test_` key. What a test key does differently is not documented by Pwnbook. */
  readonly isTestKey: boolean;
  /** Engagements: list, create, read, update, delete, archive and unarchive. */
  readonly engagements: Engagements;
  /** The organization of the key (`organizations.current`) and its members. */
  readonly organizations: Organizations;

  /** @throws ConfigurationError without a key, with a malformed key, or with a bad `baseURL`. */
  constructor(options: PwnbookOptions = {}) {
    const apiKey = resolveApiKey({
      vendor: 'Pwnbook',
      option: options.apiKey,
      env: 'PWNBOOK_API_KEY',
      pattern: /^pwbk_(live|test)_./,
      expected: 'a key starting with pwbk_live_ or pwbk_test_',
    });
    super(options, {
      name: 'Pwnbook',
      sdk: 'quiver-pwnbook',
      version: VERSION,
      baseURL: normalizeBaseURL(options.baseURL ?? readEnv('PWNBOOK_BASE_URL') ?? DEFAULT_BASE_URL),
      auth: bearerAuth(apiKey),
      parseError: parsePwnbookError,
      // Pwnbook publishes no numbers, only the X-RateLimit-* headers on every response (API reference,
      // Introduction: rate limiting): the limiter is adaptive only, holding calls while the server
      // reports none remaining until its reset.
      rateLimit: { adaptive: true },
    });
    this.isTestKey = apiKey.startsWith('pwbk_test_');
    this.engagements = new Engagements(this);
    this.organizations = new Organizations(this);
  }
}
