import type { BaseIssue } from 'valibot';

/**
 * Every error thrown by a Quiver client is a `QuiverError`. The classes are branded with
 * `Symbol.for(...)` so that `instanceof` works even when two copies of `@quiver/core` are loaded
 * (an ESM and a CJS copy, or two versions in one `node_modules`).
 */
function brand(name: string): symbol {
  return Symbol.for(`quiver.error.${name}`);
}

const BRANDS = Symbol.for('quiver.error.brands');

type Branded = { [BRANDS]?: ReadonlySet<symbol> };

function hasBrand(value: unknown, mark: symbol): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const marks = (value as Branded)[BRANDS];
  return marks instanceof Set && marks.has(mark);
}

/** Base class of every error thrown by Quiver clients. */
export class QuiverError extends Error {
  /**
   * The class's mark, `Symbol.for('quiver.error.<Name>')`: shared by every copy of core, so that
   * `instanceof` checks the mark instead of the prototype chain.
   * @internal
   */
  static readonly brand: symbol = brand('QuiverError');

  /** `err instanceof NotFoundError` is true for errors of any loaded copy of core that carry the mark. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class `instanceof` was asked about: match on its brand, not on the prototype
    // chain, so a second copy of core still recognises the first copy's errors.
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of `instanceof`
    return hasBrand(value, (this as unknown as { brand: symbol }).brand);
  }

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    const marks = new Set<symbol>();
    for (let ctor = new.target as unknown; ctor && ctor !== Error; ctor = Object.getPrototypeOf(ctor)) {
      const mark = (ctor as { brand?: symbol }).brand;
      if (mark) marks.add(mark);
    }
    Object.defineProperty(this, BRANDS, { value: marks, enumerable: false });
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true });
  }

  /** `JSON.stringify(err)` gives the safe, public fields. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }
}

/** The fields every `APIError` is built from. */
export interface APIErrorInit {
  /** HTTP status code. */
  status: number;
  /** The one-line message. */
  message: string;
  /** Response headers (cookies already removed). */
  headers: Headers;
  /** The parsed error body. */
  body?: unknown;
  /** The vendor's machine-readable code. */
  code?: string | undefined;
  /** The response's request id. */
  requestId?: string | undefined;
  /** RateLimitError only: how long the server asked to wait, in ms. */
  retryAfter?: number | undefined;
}

/** The server answered with an error status. */
export class APIError extends QuiverError {
  /** @internal */
  static override readonly brand: symbol = brand('APIError');
  /** HTTP status code. */
  readonly status: number;
  /** The vendor's machine-readable error code, when it sends one. */
  readonly code: string | undefined;
  /** Response headers (`set-cookie` removed). */
  readonly headers: Headers;
  /** The `x-request-id` / `request-id` response header, for support tickets. */
  readonly requestId: string | undefined;
  /** The parsed error body (JSON, or the raw text when it was not JSON). */
  readonly body: unknown;

  constructor(init: APIErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.headers = init.headers;
    this.requestId = init.requestId;
    this.body = init.body;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      body: this.body,
    };
  }
}

/** 400 — the request was malformed or failed validation on the server. */
export class BadRequestError extends APIError {
  /** @internal */
  static override readonly brand: symbol = brand('BadRequestError');
}
/** 401 — missing, malformed, revoked or wrong API key. */
export class AuthenticationError extends APIError {
  /** @internal */
  static override readonly brand: symbol = brand('AuthenticationError');
}
/** 403 — the key is valid but not allowed to do this. */
export class PermissionDeniedError extends APIError {
  /** @internal */
  static override readonly brand: symbol = brand('PermissionDeniedError');
}
/** 404 — unknown resource (or one that belongs to another account). */
export class NotFoundError extends APIError {
  /** @internal */
  static override readonly brand: symbol = brand('NotFoundError');
}
/** 409 — conflict with the current state (idempotency-key reuse, resource not ready). */
export class ConflictError extends APIError {
  /** @internal */
  static override readonly brand: symbol = brand('ConflictError');
}
/** 422 — the server understood the request but cannot process it. */
export class UnprocessableEntityError extends APIError {
  /** @internal */
  static override readonly brand: symbol = brand('UnprocessableEntityError');
}
/** 429 — rate limited. `retryAfter` (ms) is how long the server asked to wait, when it said. */
export class RateLimitError extends APIError {
  /** @internal */
  static override readonly brand: symbol = brand('RateLimitError');
  /** How long the server asked to wait before the next call, in ms (`Retry-After`), when it said. */
  readonly retryAfter: number | undefined;
  constructor(init: APIErrorInit) {
    super(init);
    this.retryAfter = init.retryAfter;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfter: this.retryAfter };
  }
}
/** ≥ 500 — the server failed. */
export class InternalServerError extends APIError {
  /** @internal */
  static override readonly brand: symbol = brand('InternalServerError');
}

/** No response: DNS, refused connection, reset, TLS failure. `cause` is the underlying error. */
export class APIConnectionError extends QuiverError {
  /** @internal */
  static override readonly brand: symbol = brand('APIConnectionError');
}
/** An attempt took longer than `timeout` (including reading the body). */
export class APITimeoutError extends APIConnectionError {
  /** @internal */
  static override readonly brand: symbol = brand('APITimeoutError');
}

/** The response body did not match the documented shape (`validate: 'strict'`). */
export class ResponseValidationError extends QuiverError {
  /** @internal */
  static override readonly brand: symbol = brand('ResponseValidationError');
  /** valibot issues. */
  readonly issues: ReadonlyArray<BaseIssue<unknown>>;
  /** The whole parsed response body, as received. */
  readonly body: unknown;
  constructor(message: string, init: { issues: ReadonlyArray<BaseIssue<unknown>>; body: unknown }) {
    super(message);
    this.issues = init.issues;
    this.body = init.body;
  }
}

/** A success body larger than the client's `maxResponseBytes`: it was not read. */
export class ResponseTooLargeError extends ResponseValidationError {
  /** @internal */
  static override readonly brand: symbol = brand('ResponseTooLargeError');
  constructor(message: string) {
    super(message, { issues: [], body: undefined });
  }
}

/** Bad arguments, caught before anything was sent. */
export class InvalidInputError extends QuiverError {
  /** @internal */
  static override readonly brand: symbol = brand('InvalidInputError');
}

/** A polling helper (`waitForCompletion`, `createAndWait`) ran out of time. */
export class WaitTimeoutError extends QuiverError {
  /** @internal */
  static override readonly brand: symbol = brand('WaitTimeoutError');
  /** The last state seen before giving up, when there was one. */
  readonly lastValue: unknown;
  constructor(message: string, lastValue?: unknown) {
    super(message);
    this.lastValue = lastValue;
  }
}

/** The client cannot be built: missing or malformed key, bad base URL, insecure transport. */
export class ConfigurationError extends QuiverError {
  /** @internal */
  static override readonly brand: symbol = brand('ConfigurationError');
}

/** Why a webhook delivery failed verification: `err.reason`, for a receiver's logs and metrics. */
export type WebhookFailureReason =
  | 'missing_header'
  | 'malformed_header'
  | 'timestamp_outside_tolerance'
  | 'no_matching_signature'
  | 'body_not_raw'
  | 'invalid_payload';

/** A webhook delivery failed verification: bad or missing signature, stale timestamp, parsed body. */
export class WebhookVerificationError extends QuiverError {
  /** @internal */
  static override readonly brand: symbol = brand('WebhookVerificationError');
  /** The machine-readable cause, when the verifier knows it. */
  readonly reason: WebhookFailureReason | undefined;
  constructor(message: string, options: { reason?: WebhookFailureReason } = {}) {
    super(message);
    this.reason = options.reason;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
}

/** The constructor of an `APIError` class. */
export type APIErrorClass = new (init: APIErrorInit) => APIError;

const STATUS_CLASSES: ReadonlyArray<readonly [number, APIErrorClass]> = [
  [400, BadRequestError],
  [401, AuthenticationError],
  [403, PermissionDeniedError],
  [404, NotFoundError],
  [409, ConflictError],
  [422, UnprocessableEntityError],
  [429, RateLimitError],
];

/** The error class for an HTTP status: the table of DESIGN §3, `APIError` for the rest. */
export function errorClassForStatus(status: number): APIErrorClass {
  if (status >= 500) return InternalServerError;
  for (const [code, cls] of STATUS_CLASSES) if (code === status) return cls;
  return APIError;
}
