import * as v from 'valibot';
import { APIPromise, type WithResponse } from './api-promise.js';
import type { AuthStrategy } from './auth.js';
import { isBrowser, readEnv, runtimeName } from './env.js';
import { ConfigurationError, InvalidInputError, NotFoundError } from './errors.js';
import type { HttpMethod } from './http.js';
import { isLogLevel, type Logger, type LogLevel, levelledLogger } from './logger.js';
import { getPath, Paginator } from './pagination.js';
import type { ArrayFormat, QueryParams } from './query.js';
import { parseRateLimitHeaders, RateLimiter, type RateLimitInfo } from './rate-limit.js';
import { requestIdOf, send } from './request.js';
import {
  type AnyRoute,
  checkIdempotencyKey,
  credentialName,
  prepareCall,
  type RouteArgs,
  type RouteAuth,
  type RouteResult,
  toFormData,
} from './route.js';
import type {
  ClientHooks,
  ClientOptions,
  PageRequestSpec,
  RequestOptions,
  RequestSpec,
  VendorDefinition,
} from './types.js';
import { type AnySchema, type ValidationMode, validateResponse } from './validate.js';

export type {
  ClientHooks,
  ClientOptions,
  HttpMethod,
  PageRequestSpec,
  RequestInfo,
  RequestOptions,
  RequestSpec,
  ResponseInfo,
  VendorDefinition,
} from './types.js';

type Runner = (
  row: AnyRoute,
  args: Record<string, unknown>,
  opts: RequestOptions,
) => APIPromise<unknown> | Paginator<unknown>;

/** Each client's row runner, reachable by its resources and nothing else. */
const runners = new WeakMap<QuiverClient, Runner>();

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return (
    host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
  );
}

function normaliseBaseURL(vendor: string, raw: string, versionSuffix: RegExp | undefined): string {
  // A pasted version suffix (`…/v1`) is dropped: the rows already carry it, and keeping it would send
  // `/v1/v1/…` and earn 404s whose cause is hard to see.
  const trimmed = raw
    .trim()
    .replace(/\/+$/, '')
    .replace(versionSuffix ?? /$^/, '')
    .replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ConfigurationError(
      `${vendor}: baseURL is not a valid absolute URL. Pass e.g. https://api.example.com.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(`${vendor}: baseURL must use https:// (got ${url.protocol}).`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new ConfigurationError(
      `${vendor}: baseURL uses plain http:// for ${url.hostname}; the API key would travel unencrypted. Use https:// (http:// is allowed for localhost only).`,
    );
  }
  if (url.search || url.hash) {
    throw new ConfigurationError(`${vendor}: baseURL must not carry a query string or fragment.`);
  }
  return trimmed;
}

const MAX_TIMER = 2 ** 31 - 1;

type OptionError = typeof ConfigurationError | typeof InvalidInputError;

/** A duration in ms within `min`–2^31−1 (what a timer accepts), else a typed error naming the option. */
function duration(
  Err: OptionError,
  where: string,
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > MAX_TIMER) {
    throw new Err(
      `${where}: ${name} must be a number of milliseconds from ${min} to ${MAX_TIMER}; got ${String(value)}.`,
    );
  }
  return value;
}

/** A whole number ≥ 0, else a typed error naming the option. */
function count(
  Err: OptionError,
  where: string,
  name: string,
  value: number | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new Err(`${where}: ${name} must be a whole number ≥ 0; got ${String(value)}.`);
  }
  return value;
}

// Header names are tokens; values must not carry CR, LF or NUL (a header-injection attempt, or a
// mistake fetch would reject with a TypeError that can echo the value).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BAD_HEADER_VALUE = /[\r\n\0]/;

/** Checks headers; the message names the header, never its value (it may be a credential). */
function checkHeaders(
  Err: OptionError,
  where: string,
  name: string,
  headers: Record<string, string> | undefined,
): void {
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (!HEADER_NAME.test(key)) {
      throw new Err(`${where}: ${name} has an invalid header name ${JSON.stringify(key)}.`);
    }
    if (typeof value !== 'string' || BAD_HEADER_VALUE.test(value)) {
      throw new Err(
        `${where}: ${name}[${JSON.stringify(key)}] must be a string without CR, LF or NUL characters.`,
      );
    }
  }
}

/** The default log level: `<VENDOR>_LOG`, then `QUIVER_LOG`, then `warn` (as `OPENAI_LOG` works). */
function envLogLevel(vendor: string, logger: Logger): LogLevel | undefined {
  const prefix = vendor.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  for (const name of [`${prefix}_LOG`, 'QUIVER_LOG']) {
    const value = readEnv(name)?.toLowerCase();
    if (value === undefined) continue;
    if (isLogLevel(value)) return value;
    // A typo in the environment must not stop every client from starting: say so, and go on.
    logger.warn(
      `[quiver] ${name}=${value} is not a log level ('off', 'error', 'warn', 'info' or 'debug'); ignoring it.`,
    );
  }
  return undefined;
}

/**
 * The base of every vendor client: one pipeline (DESIGN §2) for every call. Settings are fixed at
 * construction; credentials stay in closures and `#private` fields.
 */
export abstract class QuiverClient {
  /** The normalised base URL (no trailing `/`). */
  readonly baseURL: string;
  /** Milliseconds per attempt. */
  readonly timeout: number;
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** Longest server-requested wait slept through, in ms. */
  readonly maxRetryAfter: number;
  /** Largest success body read, in bytes. */
  readonly maxResponseBytes: number;
  /** Response validation mode. */
  readonly validate: ValidationMode;

  readonly #vendor: VendorDefinition;
  readonly #fetch: typeof globalThis.fetch;
  readonly #logger: Logger;
  readonly #debug: boolean;
  readonly #limiter: RateLimiter | undefined;
  readonly #defaultHeaders: Record<string, string>;
  readonly #hooks: ClientHooks;
  readonly #userAgent: string;
  // Vendor settings resolved once, at construction.
  /** The host and base path requests go to (`api.example.com/api`), for messages and logs. */
  readonly #hostPath: string;
  readonly #origin: string;
  readonly #idempotencyHeader: string;
  readonly #arrayFormat: ArrayFormat;
  readonly #parseRateLimit: (headers: Headers) => RateLimitInfo | undefined;

  constructor(options: ClientOptions, vendor: VendorDefinition) {
    const name = vendor.name;
    if (isBrowser() && !options.dangerouslyAllowBrowser) {
      throw new ConfigurationError(
        `${name}: running in a browser would expose your API key to the page. Call the API from a server, or pass dangerouslyAllowBrowser: true if you understand the risk.`,
      );
    }
    this.baseURL = normaliseBaseURL(name, vendor.baseURL, vendor.versionSuffix);
    this.timeout = duration(ConfigurationError, name, 'timeout', options.timeout, 60_000, 1);
    this.maxRetries = count(ConfigurationError, name, 'maxRetries', options.maxRetries, 2);
    this.maxRetryAfter = duration(
      ConfigurationError,
      name,
      'maxRetryAfter',
      options.maxRetryAfter,
      60_000,
      0,
    );
    const maxBytes = options.maxResponseBytes;
    if (
      maxBytes !== undefined &&
      !(typeof maxBytes === 'number' && Number.isSafeInteger(maxBytes) && maxBytes > 0)
    ) {
      throw new ConfigurationError(
        `${name}: maxResponseBytes must be a whole number > 0; got ${String(maxBytes)}.`,
      );
    }
    this.maxResponseBytes = maxBytes ?? 100 * 1024 * 1024;
    checkHeaders(ConfigurationError, name, 'defaultHeaders', options.defaultHeaders);
    const validate = options.validate ?? 'strict';
    if (!['strict', 'warn', 'off'].includes(validate)) {
      throw new ConfigurationError(
        `${name}: validate must be 'strict', 'warn' or 'off'; got ${String(validate)}.`,
      );
    }
    this.validate = validate;
    const logLevel = options.logLevel ?? envLogLevel(name, options.logger ?? console) ?? 'warn';
    if (!isLogLevel(logLevel)) {
      throw new ConfigurationError(
        `${name}: logLevel must be 'off', 'error', 'warn', 'info' or 'debug'; got ${String(logLevel)}.`,
      );
    }
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new ConfigurationError(
        `${name}: no fetch available. Pass { fetch } or use Node ≥ 22, Deno or Bun.`,
      );
    }
    this.#vendor = vendor;
    this.#fetch = fetchImpl;
    this.#logger = levelledLogger(options.logger ?? console, logLevel);
    this.#debug = logLevel === 'debug';
    const rateLimit = options.rateLimit === undefined ? vendor.rateLimit : options.rateLimit;
    this.#limiter =
      rateLimit === false
        ? undefined
        : new RateLimiter(rateLimit ?? {}, {
            store: options.rateLimitStore,
            identity: () => vendor.auth?.identity?.(),
            logger: this.#logger,
          });
    this.#defaultHeaders = { ...options.defaultHeaders };
    this.#hooks = { ...options.hooks };
    this.#userAgent = `${vendor.sdk}/${vendor.version} (${runtimeName()})`;
    const base = new URL(this.baseURL);
    this.#origin = base.origin;
    this.#hostPath = base.host + base.pathname.replace(/\/$/, '');
    this.#idempotencyHeader = vendor.idempotencyHeader ?? 'Idempotency-Key';
    this.#arrayFormat = vendor.arrayFormat ?? 'repeat';
    this.#parseRateLimit = vendor.parseRateLimit ?? parseRateLimitHeaders;
    runners.set(this, (row, args, opts) => this.#run(row, args, opts));
  }

  /** Runs a row: see `APIResource._call`. */
  #run(
    row: AnyRoute,
    args: Record<string, unknown>,
    opts: RequestOptions,
  ): APIPromise<unknown> | Paginator<unknown> {
    const vendor = this.#vendor;
    const method = row.method as HttpMethod;
    const style = row.page;
    if (style) {
      let prepared: ReturnType<typeof prepareCall> | undefined;
      let credential: { auth: AuthStrategy | undefined } | undefined;
      const prepare = () => {
        prepared ??= prepareCall(row, args, opts.idempotencyKey);
        credential ??= {
          auth: this.#credential(row.auth ?? 'key', method, this.#sent(prepared.displayPath)),
        };
        return prepared;
      };
      const itemsSchema = v.array(style.item);
      const fetchPage = async (query: QueryParams) => {
        const call = prepare();
        const result = await this.#call<unknown>(
          {
            method,
            path: call.path,
            displayPath: call.displayPath,
            query,
            body: call.body,
            idempotent: call.retryable,
            rateLimitBuckets: row.buckets,
            experimental: row.experimental,
            headers: row.headers,
            arrayFormat: row.arrayFormat,
          },
          opts,
          credential,
        );
        // A page without its documented items is drift, not an empty page (unless the row reads the
        // first array because the vendor does not document the key).
        const at = getPath(result.data, style.items);
        const raw = Array.isArray(at) || style.firstArray ? style.adapter.items(result.data) : at;
        const checked = validateResponse<unknown>(itemsSchema, raw, {
          vendor: vendor.name,
          method,
          path: this.#sent(call.displayPath),
          mode: this.validate,
          logger: this.#logger,
          body: result.data,
        });
        const items = Array.isArray(checked) ? checked : [];
        return { data: result.data, response: result.response, items };
      };
      return new Paginator(
        fetchPage,
        style.adapter,
        () => (prepare().query ?? {}) as QueryParams,
        `${vendor.name} ${method} ${this.#sent(row.path)}`,
      );
    }
    return new APIPromise(
      (async () => {
        const call = prepareCall(row, args, opts.idempotencyKey);
        const auth = this.#credential(row.auth ?? 'key', method, this.#sent(call.displayPath));
        const result = await this.#call<unknown>(
          {
            method,
            path: call.path,
            displayPath: call.displayPath,
            query: call.query as QueryParams | undefined,
            body: call.body,
            schema: row.responseSchema,
            idempotent: call.retryable,
            idempotencyKey: call.idempotencyKey,
            rateLimitBuckets: row.buckets,
            experimental: row.experimental,
            headers: row.headers,
            arrayFormat: row.arrayFormat,
          },
          { ...opts, idempotencyKey: call.idempotencyKey },
          { auth, multipart: row.multipart },
        );
        if (row.empty) return { ...result, data: undefined };
        let data = result.data;
        if (row.envelope) {
          const inner = getPath(data, row.envelope);
          // 'warn'/'off': a body without the documented envelope is returned as received.
          if (inner !== undefined || this.validate === 'strict') data = inner;
        }
        if (row.pick === 'first' && Array.isArray(data)) {
          if (data.length === 0) {
            throw new NotFoundError({
              status: 404,
              message: `${vendor.name} ${method} ${this.#sent(call.displayPath)}: nothing matched (the API answered ${result.response.status} with an empty list).`,
              headers: new Headers(),
              body: result.data,
              requestId: result.requestId,
            });
          }
          data = data[0];
        }
        return { ...result, data };
      })(),
    );
  }

  /** The path as sent, with the host, for messages and logs: `api.example.com/v1/things/t_1`. */
  #sent(displayPath: string): string {
    return this.#hostPath + displayPath;
  }

  /** The credential a row needs, or a `ConfigurationError` that says which one is missing. */
  #credential(kind: RouteAuth, method: string, displayPath: string): AuthStrategy | undefined {
    if (kind === 'none') return undefined;
    const vendor = this.#vendor;
    const strategy = kind === 'key' ? vendor.auth : kind === 'jwt' ? vendor.jwt : (vendor.auth ?? vendor.jwt);
    if (strategy) return strategy;
    const hints = vendor.credentialHint ?? {};
    const hint =
      kind === 'either' ? [hints.key, hints.jwt].filter(Boolean).join(', or ') : hints[kind as 'key' | 'jwt'];
    throw new ConfigurationError(
      `${vendor.name} ${method} ${displayPath} needs ${credentialName(kind)}${hint ? `: ${hint}` : ''}.`,
    );
  }

  /**
   * Calls any endpoint through the same pipeline as the resource methods: auth, rate limiting,
   * retries, typed errors and (with a `schema`) validation.
   */
  request<S extends AnySchema, T = v.InferOutput<S>>(
    spec: RequestSpec & { schema: S; unwrap?: (body: v.InferOutput<S>) => T },
    opts?: RequestOptions,
  ): APIPromise<T>;
  request<T = unknown>(
    spec: RequestSpec & { schema?: undefined; unwrap?: undefined },
    opts?: RequestOptions,
  ): APIPromise<T>;
  request<T>(spec: RequestSpec & { unwrap?: (body: never) => T }, opts: RequestOptions = {}): APIPromise<T> {
    return new APIPromise(this.#call(spec, opts));
  }

  /** A list call: see `Paginator`. The caller's `signal` and options apply to every page. */
  paginate<Item>(spec: PageRequestSpec<Item>, opts: RequestOptions = {}): Paginator<Item> {
    const { pagination, ...rest } = spec;
    const fetchPage = (query: QueryParams) =>
      this.#call({ ...rest, method: rest.method ?? 'GET', query }, opts);
    return new Paginator(
      fetchPage,
      pagination,
      spec.query ?? {},
      `${this.#vendor.name} ${rest.method ?? 'GET'} ${this.#sent(spec.displayPath ?? spec.path)}`,
    );
  }

  /** Safe to log: no credentials. */
  toJSON(): Record<string, unknown> {
    return {
      vendor: this.#vendor.name,
      baseURL: this.baseURL,
      timeout: this.timeout,
      maxRetries: this.maxRetries,
    };
  }

  async #call<T>(
    spec: RequestSpec & { unwrap?: (body: never) => T },
    opts: RequestOptions,
    credential?: { auth: AuthStrategy | undefined; multipart?: boolean | undefined },
  ): Promise<WithResponse<T>> {
    const vendor = this.#vendor;
    const method = spec.method;
    const displayPath = spec.displayPath ?? spec.path;
    vendor.guard?.({ method, path: spec.path, displayPath });
    if (!spec.path.startsWith('/')) {
      throw new InvalidInputError(
        `${vendor.name}: request path must start with "/" (got ${JSON.stringify(displayPath)}).`,
      );
    }
    let idempotencyKey: string | undefined;
    if (spec.idempotencyKey !== undefined) {
      idempotencyKey =
        opts.idempotencyKey ?? (spec.idempotencyKey === true ? crypto.randomUUID() : spec.idempotencyKey);
      checkIdempotencyKey(idempotencyKey, 'idempotencyKey');
    }
    // Per-call options are checked like the client's, as a rejection: nothing is sent.
    const where = `${vendor.name} ${method} ${this.#sent(displayPath)}`;
    const timeout = duration(InvalidInputError, where, 'timeout', opts.timeout, this.timeout, 1);
    const maxRetries = count(InvalidInputError, where, 'maxRetries', opts.maxRetries, this.maxRetries);
    checkHeaders(InvalidInputError, where, 'headers', opts.headers);
    checkHeaders(InvalidInputError, where, 'headers', spec.headers);
    const result = await send({
      vendor,
      fetch: this.#fetch,
      logger: this.#logger,
      debug: this.#debug,
      limiter: this.#limiter,
      hooks: this.#hooks,
      userAgent: this.#userAgent,
      url: this.baseURL + spec.path,
      displayUrl: this.baseURL + displayPath,
      where,
      origin: this.#origin,
      parseRateLimit: this.#parseRateLimit,
      method,
      displayPath,
      query: spec.query,
      arrayFormat: spec.arrayFormat ?? this.#arrayFormat,
      body: credential?.multipart ? toFormData(spec.body) : spec.body,
      headers: { ...this.#defaultHeaders, ...spec.headers, ...opts.headers },
      idempotency: idempotencyKey ? { header: this.#idempotencyHeader, key: idempotencyKey } : undefined,
      retryable: spec.idempotent === true || idempotencyKey !== undefined,
      auth: credential ? credential.auth : spec.auth === false ? undefined : vendor.auth,
      rateLimitBuckets: spec.rateLimitBuckets ?? [],
      experimental: spec.experimental ?? false,
      signal: opts.signal,
      timeout,
      maxRetries,
      maxRetryAfter: this.maxRetryAfter,
      maxResponseBytes: this.maxResponseBytes,
    });
    const validated = validateResponse<unknown>(spec.schema, result.body, {
      vendor: vendor.name,
      method,
      path: this.#sent(displayPath),
      mode: this.validate,
      logger: this.#logger,
    });
    let data = validated as T;
    if (spec.unwrap) {
      const unwrap = spec.unwrap as (body: unknown) => T;
      if (this.validate === 'strict') data = unwrap(validated);
      else {
        // 'warn'/'off': the body may lack the documented envelope; then it is returned as received.
        try {
          data = unwrap(validated) ?? (validated as T);
        } catch {
          data = validated as T;
        }
      }
    }
    const requestId = requestIdOf(result.response.headers, vendor.requestIdHeaders);
    return { data, response: result.response, requestId, rateLimit: result.rateLimit };
  }
}

/** Base of a resource class: gives the methods their client and `_call`, which runs a row. */
export abstract class APIResource<C extends QuiverClient = QuiverClient> {
  /** The client whose pipeline the methods use. */
  protected readonly _client: C;
  /** @param client the client this resource belongs to */
  constructor(client: C) {
    this._client = client;
  }

  /**
   * Runs an endpoint row (`route(...)`): checks the arguments, sends the request through the client's
   * pipeline and resolves the typed result — a `Paginator` for list rows. Every failure, argument
   * checks included, is a rejection. For vendor packages' resource classes (rows come from
   * `@quiver/core/internal`).
   *
   * @internal
   */
  protected _call<R extends AnyRoute>(row: R, args: RouteArgs<R>, opts?: RequestOptions): RouteResult<R> {
    const run = runners.get(this._client);
    if (!run) throw new ConfigurationError('APIResource: the client was not constructed by QuiverClient.');
    return run(row, args as Record<string, unknown>, opts ?? {}) as RouteResult<R>;
  }
}
