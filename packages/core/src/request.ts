import ky, { isNetworkError } from 'ky';
import type { AuthStrategy } from './auth.js';
import { readErrorBody } from './error-body.js';
import type { ClientHooks, ErrorParser, ParsedError, VendorDefinition } from './types.js';

export type { ErrorContext, ErrorParser, ParsedError } from './types.js';

import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  AuthenticationError,
  errorClassForStatus,
  QuiverError,
  ResponseTooLargeError,
  ResponseValidationError,
} from './errors.js';
import type { Logger } from './logger.js';
import { type ArrayFormat, type QueryParams, toSearchParams } from './query.js';
import { type RateLimiter, type RateLimitInfo, waitForToken } from './rate-limit.js';
import { loggableHeaders, safeResponseHeaders } from './redact.js';
import { backoffDelay, IDEMPOTENT_METHODS, RETRYABLE_STATUSES, retryAfterMs } from './retry.js';
import { sleep } from './sleep.js';

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
  /** The URL as shown to hooks: credential path segments replaced by their `{name}`. */
  displayUrl: string;
  /** For messages and logs: `Puck GET api.puck.security/v1/agents` (host and path as sent). */
  where: string;
  /** The base URL's origin: redirects stay within it. */
  origin: string;
  /** Reads the vendor's rate-limit headers. */
  parseRateLimit: (headers: Headers) => RateLimitInfo | undefined;
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
  maxResponseBytes: number;
}

/** The raw outcome of a call: the response and its parsed body. */
export interface SendResult {
  response: Response;
  body: unknown;
  /** The rate-limit state the response reported. */
  rateLimit: RateLimitInfo | undefined;
}

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
  /** The path as the vendor's parser sees it (without host or base path). */
  path: string;
  /** The message's start: vendor, method, host and path as sent. Default `<vendor> <method> <path>`. */
  where?: string | undefined;
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
  const where = init.where ?? `${init.vendor} ${init.method} ${init.path}`;
  const message = `${where} → ${init.status}${vendorMessage ? `: ${vendorMessage}` : ''}${hint}`;
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

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/** Why an attempt's timer fired: told apart from the caller's abort. */
class AttemptTimeout extends Error {}

/**
 * One timer per attempt (DESIGN §4): it bounds the limiter wait, the headers and the whole body, and
 * is never restarted. Its signal also follows the caller's signal.
 */
function attemptTimer(timeout: number, signal: AbortSignal | undefined) {
  const controller = new AbortController();
  const deadline = Date.now() + timeout;
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new AttemptTimeout()), timeout);
  return {
    signal: controller.signal,
    timedOut: () => controller.signal.reason instanceof AttemptTimeout,
    left: () => Math.max(0, deadline - Date.now()),
    clear: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** Reads a success body, refusing one larger than `max` bytes (declared or streamed). */
async function readBody(response: Response, max: number, where: string): Promise<string> {
  const tooLarge = () =>
    new ResponseTooLargeError(
      `${where} → ${response.status}: the response body is larger than maxResponseBytes (${max} bytes); not read.`,
    );
  const length = response.headers.get('content-length');
  const declared = length === null ? Number.NaN : Number(length);
  if (declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  // A declared length within the limit: the runtime's own reader is the fastest (and it stops at
  // the declared length). Without one, count the bytes as they stream.
  if (Number.isFinite(declared)) return response.text();
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function parseErrorBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Sends one logical call. ky does the HTTP of one attempt (URL, search params, headers, body); this
 * function owns what spans attempts (DESIGN §2, §4): the retry loop with one reading of the retry
 * headers, the attempt timer, the limiter, redirects within the origin only, credentials per
 * attempt, and turning every failure into a `QuiverError`.
 */
export async function send(init: SendInit): Promise<SendResult> {
  const { vendor, logger, signal } = init;
  const method = init.method.toUpperCase();
  const retryable = IDEMPOTENT_METHODS.has(method) || init.retryable;
  const { where } = init;
  const maxRetries = retryable ? init.maxRetries : 0;
  let retries = 0;
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
  const search = toSearchParams(init.query, init.arrayFormat).toString();
  const url = search ? `${init.url}?${search}` : init.url;
  const displayUrl = search ? `${init.displayUrl}?${search}` : init.displayUrl;
  const { origin, parseRateLimit } = init;

  /** Once per response, retried ones included: rate-limit feedback, the debug line, the hook. */
  const onResponse = (response: Response, started: number): RateLimitInfo | undefined => {
    const rateLimit = parseRateLimit(response.headers);
    init.limiter?.observe(rateLimit);
    if (response.status === 429) {
      // A 429 means the window is spent for every call of this client (and its fleet), not just
      // this one: hold the others until the server's reset too.
      const wait = retryAfterMs(response.headers);
      if (wait !== undefined) init.limiter?.hold(wait);
    }
    if (init.debug || init.hooks.afterResponse) {
      const durationMs = Date.now() - started;
      const headers = loggableHeaders(response.headers);
      logger.debug(`[quiver] ${where} → ${response.status} (attempt ${attempt}, ${durationMs} ms)`, headers);
      init.hooks.afterResponse?.({
        method,
        url: displayUrl,
        attempt,
        status: response.status,
        durationMs,
        requestId: requestIdOf(response.headers, vendor.requestIdHeaders),
        headers,
      });
    }
    return rateLimit;
  };

  /** One attempt: the request, and same-origin redirects only (DESIGN §4). */
  const attemptOnce = async (headers: Headers, attemptSignal: AbortSignal): Promise<Response> => {
    let target = url;
    let currentMethod = method;
    let currentBody: BodyInit | undefined = body;
    for (let hops = 0; ; hops++) {
      const response = await ky(target, {
        method: currentMethod,
        headers,
        body: currentBody,
        signal: attemptSignal,
        timeout: false,
        retry: 0,
        throwHttpErrors: false,
        redirect: 'manual',
        fetch: init.fetch,
      });
      if (response.type === 'opaqueredirect') {
        throw redirectError(response, where, 'a redirect the runtime does not show');
      }
      if (!REDIRECTS.has(response.status)) return response;
      const location = response.headers.get('location');
      if (!location) return response;
      const next = new URL(location, target);
      await response.body?.cancel().catch(() => undefined);
      if (next.origin !== origin) {
        // Another origin (host, port or scheme — https to http included) never receives the
        // credentials, the body or the idempotency key.
        throw redirectError(response, where, `another origin (${next.origin})`);
      }
      if (hops + 1 >= MAX_REDIRECTS)
        throw redirectError(response, where, `more than ${MAX_REDIRECTS} redirects`);
      target = next.href;
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && currentMethod === 'POST')
      ) {
        currentMethod = 'GET';
        currentBody = undefined;
        headers.delete('content-type');
      }
    }
  };

  for (;;) {
    if (signal?.aborted) throw signal.reason;
    attempt += 1;
    const timer = attemptTimer(init.timeout, signal);
    let response: Response;
    let text: string;
    let started = Date.now();
    try {
      if (init.limiter) {
        await waitForToken(init.limiter, {
          buckets: init.rateLimitBuckets,
          signal: timer.signal,
          maxRetryAfter: init.maxRetryAfter,
          timeLeft: timer.left(),
          where,
        });
      }
      const headers = new Headers(baseHeaders);
      await init.auth?.apply(headers, { signal: timer.signal });
      init.hooks.beforeRequest?.({ method, url: displayUrl, attempt, headers: loggableHeaders(headers) });
      started = Date.now();
      response = await attemptOnce(headers, timer.signal);
      text = response.ok ? await readBody(response, init.maxResponseBytes, where) : await response.text();
    } catch (error) {
      const timedOut = timer.timedOut();
      timer.clear();
      if (signal?.aborted) throw signal.reason;
      if (error instanceof QuiverError) throw error;
      const network = timedOut || isNetworkError(error) || isLostConnection(error);
      if (!network) throw error;
      if (retries < maxRetries) {
        retries += 1;
        logger.info(
          `[quiver] ${where}: retry ${retries} of ${maxRetries} after ${timedOut ? 'a timeout' : 'a network error'}`,
        );
        await sleep(backoffDelay(retries, vendor.retry), signal);
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
    timer.clear();
    const rateLimit = onResponse(response, started);
    if (response.ok) return { response, body: parseBody(text, response), rateLimit };

    const apiError = makeAPIError({
      vendor: vendor.name,
      parseError: vendor.parseError,
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body: parseErrorBody(text),
      method,
      path: init.displayPath,
      where,
      experimental: init.experimental,
      requestIdHeaders: vendor.requestIdHeaders,
    });
    // One fresh login after a 401, for token-based auth (DESIGN §7); it does not use up a retry.
    if (apiError instanceof AuthenticationError && init.auth?.refresh && !refreshed) {
      refreshed = true;
      if (await init.auth.refresh({ signal })) continue;
    }
    if (RETRYABLE_STATUSES.includes(response.status) && retries < maxRetries) {
      // One reading of the server's wait: Retry-After (seconds, decimals, HTTP date), then
      // X-RateLimit-Reset (a reset in the past means now).
      const wait = retryAfterMs(response.headers);
      // A server wait longer than maxRetryAfter is not slept through: fail fast, and let the caller
      // decide (RateLimitError.retryAfter says how long).
      if (wait !== undefined && wait > init.maxRetryAfter) throw apiError;
      retries += 1;
      logger.info(`[quiver] ${where}: retry ${retries} of ${maxRetries} after status ${response.status}`);
      await sleep(wait ?? backoffDelay(retries, vendor.retry), signal);
      continue;
    }
    throw apiError;
  }
}

function redirectError(response: Response, where: string, what: string): APIError {
  return new APIError({
    status: response.status,
    code: 'redirect_refused',
    message: `${where} → ${response.status}: refused to follow a redirect to ${what}; credentials are sent to the configured origin only. Check baseURL.`,
    headers: safeResponseHeaders(response.headers),
    body: undefined,
  });
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
