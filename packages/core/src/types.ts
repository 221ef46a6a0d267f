/**
 * The types the client, the transport and the vendor packages share. Types only: every runtime file
 * imports them from here, so no two runtime files need to import each other.
 */
import type { AuthStrategy } from './auth.js';
import type { APIErrorClass } from './errors.js';
import type { HttpMethod } from './http.js';
import type { Logger, LogLevel } from './logger.js';
import type { PaginationAdapter } from './pagination.js';
import type { ArrayFormat, QueryParams } from './query.js';
import type { RateLimitOptions } from './rate-limit.js';
import type { RateLimitInfo } from './rate-limit-headers.js';
import type { RateLimitStore } from './rate-limit-store.js';
import type { RetryPolicy } from './retry.js';
import type { AnySchema, ValidationMode } from './validate.js';

export type { HttpMethod };

/** What a vendor's error parser is given. */
export interface ErrorContext {
  /** HTTP status. */
  status: number;
  /** The parsed error body: JSON, the raw text when it was not JSON, or `undefined` when empty. */
  body: unknown;
  /** Response headers. */
  headers: Headers;
  /** HTTP method. */
  method: string;
  /** The path without query string. */
  path: string;
  /** The request was to a provisional endpoint. */
  experimental: boolean;
}

/** What a vendor's error parser returns; every field is optional. */
export interface ParsedError {
  /** The vendor's own message. */
  message?: string | undefined;
  /** A machine-readable code. */
  code?: string | undefined;
  /** A class to use instead of the one the status maps to. */
  errorClass?: APIErrorClass | undefined;
  /** Appended to the message in parentheses: what the user can do. */
  hint?: string | undefined;
}

/** Reads a vendor's error envelope. */
export type ErrorParser = (ctx: ErrorContext) => ParsedError | undefined;

/** What a request hook sees. Auth headers are never included. */
export interface RequestInfo {
  /** HTTP method. */
  method: string;
  /** The full request URL. */
  url: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** The request headers from the logging allow-list. */
  headers: Record<string, string>;
}

/** What a response hook sees. */
export interface ResponseInfo {
  /** HTTP method. */
  method: string;
  /** The full request URL. */
  url: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** HTTP status. */
  status: number;
  /** Milliseconds from sending to the response. */
  durationMs: number;
  /** The response's request id, when sent. */
  requestId: string | undefined;
  /** The response headers from the logging allow-list (e.g. `retry-after`, rate-limit headers). */
  headers: Record<string, string>;
}

/** Observability hooks. They see no credentials and cannot change the request. */
export interface ClientHooks {
  /** Called before every attempt (retries included). */
  beforeRequest?(info: RequestInfo): void;
  /** Called after every response (retried ones included). */
  afterResponse?(info: ResponseInfo): void;
}

/** Options every Quiver client accepts. */
export interface ClientOptions {
  /** The API key. Default: the vendor's `*_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /**
   * The API's base URL. Default: the vendor's `*_BASE_URL` environment variable, then the vendor's
   * public URL. A trailing `/` is ignored; `http://` is refused except for loopback hosts.
   */
  baseURL?: string | undefined;
  /**
   * Milliseconds one attempt may take: its rate-limit wait, the headers and the whole body, under
   * one timer that is never restarted. 1 to 2^31−1. Default `60_000`.
   */
  timeout?: number | undefined;
  /** Retries after the first attempt (only where a retry cannot duplicate a write). Default `2`. */
  maxRetries?: number | undefined;
  /**
   * The longest server-requested wait (`Retry-After`, `X-RateLimit-Reset`) the client sleeps through,
   * in ms. A longer one fails at once with `RateLimitError` carrying `retryAfter`. Default `60_000`.
   */
  maxRetryAfter?: number | undefined;
  /** The `fetch` to use. Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Where log lines go. Default `console`. */
  logger?: Logger | undefined;
  /**
   * How much to log. Default: the `<VENDOR>_LOG` environment variable (e.g. `PUCK_LOG`), then
   * `QUIVER_LOG`, then `'warn'`. Debug lines give method, path, status, attempt and duration.
   */
  logLevel?: LogLevel | undefined;
  /** Response validation: `'strict'` throws, `'warn'` logs and returns the body, `'off'` skips. Default `'strict'`. */
  validate?: ValidationMode | undefined;
  /** The client-side rate limiter. Default: the vendor's published limits. `false` turns it off. */
  rateLimit?: RateLimitOptions | false | undefined;
  /**
   * Where the rate limiter keeps its state. Default: in this client's memory. A shared store (e.g.
   * `createRedisStore` from `@quiver/ratelimit-redis`) makes every client on the same API key, in any
   * process, share one budget; the limits themselves stay the vendor's (or `rateLimit`'s).
   */
  rateLimitStore?: RateLimitStore | undefined;
  /** Headers sent with every request. Default none. */
  defaultHeaders?: Record<string, string> | undefined;
  /** Observability hooks. Default none. */
  hooks?: ClientHooks | undefined;
  /**
   * The largest success body read, in bytes; a larger one fails with `ResponseTooLargeError`
   * (a `ResponseValidationError`) without being read. Default `104_857_600` (100 MiB).
   */
  maxResponseBytes?: number | undefined;
  /** Allow running in a browser, where the API key would be exposed to the page. Default `false`. */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/** What a vendor package tells core about its API. */
export interface VendorDefinition {
  /** The vendor's name, for messages and logs: `Puck`. */
  name: string;
  /** The SDK's name for the User-Agent: `quiver-puck`. */
  sdk: string;
  /** The SDK's version for the User-Agent. */
  version: string;
  /** The base URL after options and environment were considered. */
  baseURL: string;
  /**
   * A version suffix users paste into the base URL by mistake (`/\/v1$/i` where every row starts
   * with `/v1`): removed after the trailing `/`, so the path as sent is never `/v1/v1/…`.
   */
  versionSuffix?: RegExp | undefined;
  /**
   * The API key's strategy (`bearerAuth`, `headerAuth`, `tokenAuth`): what rows with `auth: 'key'`
   * (the default) and `'either'` send. `undefined` when the client holds no key.
   */
  auth: AuthStrategy | undefined;
  /** A second credential, a login token, for rows with `auth: 'jwt'` or `'either'` (Pikarc). */
  jwt?: AuthStrategy | undefined;
  /**
   * What the `ConfigurationError` of a call without its credential tells the user to do, per
   * credential: `{ key: 'pass apiKey or set PIKARC_API_KEY', jwt: 'use Pikarc.login({ email, password })' }`.
   */
  credentialHint?:
    | {
        /** The hint for a call that needs the API key when the client has none. */
        key?: string;
        /** The hint for a call that needs the login token (JWT) when the client has none. */
        jwt?: string;
      }
    | undefined;
  /** Reads the vendor's error envelope. */
  parseError?: ErrorParser;
  /** The vendor's published limits, used when the user passes no `rateLimit`. */
  rateLimit?: RateLimitOptions | false;
  /** Backoff between retries. */
  retry?: RetryPolicy;
  /** The header that carries an idempotency key. Default `Idempotency-Key`. */
  idempotencyHeader?: string;
  /** How array query values are written. Default `repeat`. */
  arrayFormat?: ArrayFormat;
  /** Reads rate-limit headers. Default: `X-RateLimit-*` / `RateLimit-*`. */
  parseRateLimit?: (headers: Headers) => RateLimitInfo | undefined;
  /** Response headers that carry the request id, first match wins. Default `x-request-id`, `request-id`. */
  requestIdHeaders?: readonly string[];
  /**
   * Checks a call before anything is done for it (no token taken, nothing sent); throw a
   * `QuiverError` to refuse it — e.g. writes through a client holding a read-only key.
   */
  guard?: (call: { method: HttpMethod; path: string; displayPath: string }) => void;
}

/** Per-call options: the last argument of every client method. */
export interface RequestOptions {
  /** Aborts the call at once, also while waiting for a retry or a rate-limit token. */
  signal?: AbortSignal | undefined;
  /** Milliseconds per attempt for this call. Default: the client's `timeout`. */
  timeout?: number | undefined;
  /** Retries for this call. Default: the client's `maxRetries`. */
  maxRetries?: number | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
  /** An idempotency key for this logical call (only where the endpoint supports one). */
  idempotencyKey?: string | undefined;
}

/** One request, as a resource method describes it. */
export interface RequestSpec {
  /** HTTP method. */
  method: HttpMethod;
  /** The path as the API spells it (`/v1/...`); build interpolated ones with the `path` template. */
  path: string;
  /** Query parameters; `undefined` values are left out. */
  query?: QueryParams | undefined;
  /** Sent as JSON. */
  body?: unknown;
  /** Validates the response body. Without one the parsed JSON is returned as is. */
  schema?: AnySchema | undefined;
  /** Documented idempotent: a POST/PATCH that may be retried. */
  idempotent?: boolean | undefined;
  /**
   * Sends an idempotency key (the caller's `idempotencyKey` option wins; `true` generates one) in the
   * vendor's idempotency header, the same on every attempt, and makes the call retryable.
   */
  idempotencyKey?: string | true | undefined;
  /** `false`: send no credentials. */
  auth?: false | undefined;
  /** Named rate-limit buckets this call also draws from. */
  rateLimitBuckets?: readonly string[] | undefined;
  /** A provisional endpoint (passed on to the vendor's error parser). */
  experimental?: boolean | undefined;
  /** Extra headers. */
  headers?: Record<string, string> | undefined;
  /** How arrays in `query` are written. Default: the vendor's. */
  arrayFormat?: ArrayFormat | undefined;
  /**
   * The path as shown in messages and logs, when the real one carries a secret (a URL key).
   * Default: `path`.
   */
  displayPath?: string | undefined;
}

/** A list request. */
export interface PageRequestSpec<Item> extends Omit<RequestSpec, 'method'> {
  /** HTTP method. Default `GET`. */
  method?: HttpMethod;
  /** The pagination style: `cursorPagination`, `offsetPagination` or `pagePagination`. */
  pagination: PaginationAdapter<Item>;
}
