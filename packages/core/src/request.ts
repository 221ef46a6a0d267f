import ky, { isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import type { AuthStrategy } from './auth.js';
import type { ClientHooks, VendorDefinition } from './client.js';
import { readErrorBody } from './error-body.js';
import {
  APIConnectionError,
  type APIError,
  type APIErrorClass,
  APITimeoutError,
  AuthenticationError,
  errorClassForStatus,
  QuiverError,
  ResponseValidationError,
} from './errors.js';
import type { Logger } from './logger.js';
import { type ArrayFormat, type QueryParams, toSearchParams } from './query.js';
import { parseRateLimitHeaders, type RateLimiter, type RateLimitInfo } from './rate-limit.js';
import { loggableHeaders, safeResponseHeaders } from './redact.js';
import {
  backoffDelay,
  backoffStep,
  IDEMPOTENT_METHODS,
  jitter,
  RETRYABLE_STATUSES,
  retryAfterMs,
} from './retry.js';
import { sleep } from './sleep.js';

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

/** Everything one logical call needs; built by `QuiverClient`. */
export interface SendInit {
  vendor: VendorDefinition;
  fetch: typeof globalThis.fetch;
  logger: Logger;
  /** Debug logging is on (per-attempt lines are built only then). */
  debug: boolean;
  limiter: RateLimiter | undefined;
  hooks: ClientHooks;
  userAgent: string;
  url: string;
  method: string;
  displayPath: string;
  query: QueryParams | undefined;
  arrayFormat: ArrayFormat;
  body: unknown;
  headers: Record<string, string>;
  idempotency: { header: string; key: string } | undefined;
  /** A POST/PATCH that may be sent again. */
  retryable: boolean;
  auth: AuthStrategy | undefined;
  rateLimitBuckets: readonly string[];
  experimental: boolean;
  signal: AbortSignal | undefined;
  timeout: number;
  maxRetries: number;
  maxRetryAfter: number;
}

/** The raw outcome of a call: the response and its parsed body. */
export interface SendResult {
  response: Response;
  body: unknown;
  /** The rate-limit state the response reported. */
  rateLimit: RateLimitInfo | undefined;
}

const ALL_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id'];

/** The request id from the first of `names` the response carries. */
export function requestIdOf(
  headers: Headers,
  names: readonly string[] = REQUEST_ID_HEADERS,
): string | undefined {
  for (const name of names) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/** Builds the typed error for an error response (DESIGN §3): one table, one message format. */
export function makeAPIError(init: {
  vendor: string;
  parseError: ErrorParser | undefined;
  status: number;
  statusText: string;
  headers: Headers;
  body: unknown;
  method: string;
  path: string;
  experimental: boolean;
  requestIdHeaders?: readonly string[] | undefined;
}): APIError {
  let parsed: ParsedError | undefined;
  try {
    parsed = init.parseError?.({
      status: init.status,
      body: init.body,
      headers: init.headers,
      method: init.method,
      path: init.path,
      experimental: init.experimental,
    });
  } catch {
    parsed = undefined;
  }
  const common = readErrorBody(init.body);
  const vendorMessage = parsed?.message ?? common.message ?? (init.statusText || undefined);
  const hint = parsed?.hint ? ` (${parsed.hint})` : '';
  const message = `${init.vendor} ${init.method} ${init.path} → ${init.status}${vendorMessage ? `: ${vendorMessage}` : ''}${hint}`;
  const ErrorClass = parsed?.errorClass ?? errorClassForStatus(init.status);
  return new ErrorClass({
    status: init.status,
    message,
    headers: safeResponseHeaders(init.headers),
    body: init.body,
    code: parsed?.code ?? common.code,
    requestId: requestIdOf(init.headers, init.requestIdHeaders),
    retryAfter: init.status === 429 || init.status === 503 ? retryAfterMs(init.headers) : undefined,
  });
}

function parseBody(text: string, response: Response): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    const type = response.headers.get('content-type') ?? '';
    throw new ResponseValidationError(
      `the response body is not valid JSON (content-type ${type || 'not set'}, ${text.length} bytes).`,
      { issues: [], body: text },
    );
  }
}

/**
 * Sends one logical call: ky does the HTTP, timeouts, retry timing and backoff; this function
 * decides what is retryable, feeds the rate limiter, applies credentials per attempt, and turns
 * every failure into a `QuiverError`.
 */
export async function send(init: SendInit): Promise<SendResult> {
  const { vendor, logger, signal } = init;
  const method = init.method.toUpperCase();
  const retryable = IDEMPOTENT_METHODS.has(method) || init.retryable;
  const where = `${vendor.name} ${method} ${init.displayPath}`;
  let retriesLeft = retryable ? init.maxRetries : 0;
  let attempt = 0;
  let refreshed = false;

  const baseHeaders = new Headers({ accept: 'application/json', 'user-agent': init.userAgent });
  for (const [name, value] of Object.entries(init.headers)) baseHeaders.set(name, value);
  const multipart = init.body instanceof FormData;
  // A multipart body sets its own content-type, with the boundary.
  if (init.body !== undefined && !multipart) baseHeaders.set('content-type', 'application/json');
  if (init.idempotency) baseHeaders.set(init.idempotency.header, init.idempotency.key);
  const body =
    init.body === undefined ? undefined : multipart ? (init.body as FormData) : JSON.stringify(init.body);
  const searchParams = toSearchParams(init.query, init.arrayFormat);

  const parseRateLimit = vendor.parseRateLimit ?? parseRateLimitHeaders;
  let started = 0;
  let seen: Response | undefined;
  /**
   * Once per response, retried ones included: rate-limit feedback, the debug line, the hook. Done
   * outside ky's afterResponse hook, which would make ky clone every response.
   */
  const onResponse = (response: Response, url: string): RateLimitInfo | undefined => {
    const rateLimit = parseRateLimit(response.headers);
    if (response === seen) return rateLimit;
    seen = response;
    init.limiter?.observe(rateLimit);
    if (response.status === 429) {
      // A 429 means the window is spent for every call of this client, not just this one: hold
      // the others until the server's reset too.
      const wait = retryAfterMs(response.headers);
      if (wait !== undefined) init.limiter?.observe({ remaining: 0, reset: new Date(Date.now() + wait) });
    }
    if (init.debug || init.hooks.afterResponse) {
      const durationMs = Date.now() - started;
      const headers = loggableHeaders(response.headers);
      logger.debug(`[quiver] ${where} → ${response.status} (attempt ${attempt}, ${durationMs} ms)`, headers);
      init.hooks.afterResponse?.({
        method,
        url,
        attempt,
        status: response.status,
        durationMs,
        requestId: requestIdOf(response.headers, vendor.requestIdHeaders),
        headers,
      });
    }
    return rateLimit;
  };

  for (;;) {
    if (signal?.aborted) throw signal.reason;
    let attemptsThisRound = 0;
    const beforeAttempt = async (request: Request) => {
      attempt += 1;
      attemptsThisRound += 1;
      await init.limiter?.acquire(init.rateLimitBuckets, signal);
      await init.auth?.apply(request.headers, { signal });
      started = Date.now();
      init.hooks.beforeRequest?.({
        method,
        url: request.url,
        attempt,
        headers: loggableHeaders(request.headers),
      });
    };
    try {
      const responsePromise = ky(init.url, {
        method,
        headers: baseHeaders,
        body,
        searchParams,
        signal,
        timeout: init.timeout === 0 ? false : init.timeout,
        fetch: init.fetch,
        throwHttpErrors: true,
        retry: {
          limit: retriesLeft,
          methods: [...ALL_METHODS],
          statusCodes: [...RETRYABLE_STATUSES],
          afterStatusCodes: [...RETRYABLE_STATUSES],
          maxRetryAfter: init.maxRetryAfter,
          delay: (n) => backoffStep(n, vendor.retry),
          backoffLimit: Number.POSITIVE_INFINITY,
          jitter: (step) => jitter(step, vendor.retry),
          retryOnTimeout: true,
          shouldRetry: ({ error }) => {
            if (isHTTPError(error)) {
              // Called before the backoff sleep: the limiter and the logs hear of a 429 at once.
              onResponse(error.response, error.request.url);
              // A server wait longer than maxRetryAfter is not slept through: fail fast, and let the
              // caller decide (RateLimitError.retryAfter says how long).
              const wait = retryAfterMs(error.response.headers);
              if (wait !== undefined && wait > init.maxRetryAfter) return false;
            }
            return undefined;
          },
        },
        hooks: {
          beforeRequest: [({ request }) => beforeAttempt(request)],
          beforeRetry: [
            async ({ request, error, retryCount }) => {
              const reason = isHTTPError(error) ? `status ${error.response.status}` : error.name;
              logger.info(`[quiver] ${where}: retry ${retryCount} of ${retriesLeft} after ${reason}`);
              await beforeAttempt(request);
            },
          ],
        },
      });
      const text = await responsePromise.text();
      const response = await responsePromise;
      const rateLimit = onResponse(response, response.url || init.url);
      return { response, body: parseBody(text, response), rateLimit };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof QuiverError) throw error;
      if (isHTTPError(error)) {
        onResponse(error.response, error.request.url);
        const apiError = makeAPIError({
          vendor: vendor.name,
          parseError: vendor.parseError,
          status: error.response.status,
          statusText: error.response.statusText,
          headers: error.response.headers,
          body: error.data,
          method,
          path: init.displayPath,
          experimental: init.experimental,
          requestIdHeaders: vendor.requestIdHeaders,
        });
        // One fresh login after a 401, for token-based auth (DESIGN §7).
        if (apiError instanceof AuthenticationError && init.auth?.refresh && !refreshed) {
          refreshed = true;
          if (await init.auth.refresh({ signal })) continue;
        }
        throw apiError;
      }
      // A timed-out attempt, or a connection lost while reading the body: ky retries neither once the
      // headers have arrived, but for a retryable call it is just another failed attempt (DESIGN §4).
      const timedOut = isTimeoutError(error);
      const network = isNetworkError(error) || isLostConnection(error);
      if (!timedOut && !network) throw error;
      const retriesUsed = Math.max(0, attemptsThisRound - 1);
      if (retryable && retriesLeft - retriesUsed > 0) {
        retriesLeft -= attemptsThisRound;
        logger.info(`[quiver] ${where}: retrying after ${timedOut ? 'a timeout' : 'a lost connection'}`);
        await sleep(backoffDelay(attempt, vendor.retry), signal);
        continue;
      }
      if (timedOut)
        throw new APITimeoutError(`${where}: timed out after ${init.timeout} ms (attempt ${attempt}).`);
      const cause = (isNetworkError(error) ? (error as Error).cause : error) ?? error;
      const detail = cause instanceof Error ? causeMessage(cause) : 'network error';
      throw new APIConnectionError(`${where}: could not reach the server (${detail}).`, {
        cause: cause instanceof Error ? networkCause(cause) : undefined,
      });
    }
  }
}

function causeMessage(error: Error): string {
  const inner = (error as { cause?: unknown }).cause;
  const code = inner && typeof inner === 'object' ? (inner as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? `${error.message}: ${code}` : error.message;
}

/**
 * The cause kept on an `APIConnectionError`: the low-level error (e.g. `ECONNREFUSED`), never ky's
 * wrapper, whose `request` would carry the request headers — credentials included.
 */
function networkCause(error: Error): Error {
  const copy = new Error(causeMessage(error));
  copy.name = error.name;
  return copy;
}

/** undici's error when a connection drops while the body is being read. */
function isLostConnection(error: unknown): boolean {
  return error instanceof TypeError && (error.message === 'terminated' || error.message === 'fetch failed');
}
