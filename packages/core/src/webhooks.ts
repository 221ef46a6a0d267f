import * as v from 'valibot';
import { InvalidInputError, ResponseValidationError, WebhookVerificationError } from './errors.js';
import type { AnySchema } from './validate.js';

const encoder = new TextEncoder();

/** Hex HMAC-SHA256 of `message` under `secret`, with WebCrypto (Node, Deno, Bun, edge workers). */
export async function hmacSha256Hex(secret: string, message: string | Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const data = typeof message === 'string' ? encoder.encode(message) : message;
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, data as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const byte of mac) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Compares two strings in time that depends only on their length, not on where they differ. */
export function timingSafeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

/**
 * Checks a signature timestamp (Unix seconds) against the clock: more than `tolerance` seconds away
 * in either direction is refused, which stops replays of old deliveries and forged future ones.
 */
export function checkTimestamp(
  t: number,
  { tolerance, now = Date.now() }: { tolerance: number; now?: number },
): void {
  if (!Number.isFinite(t)) {
    throw new WebhookVerificationError('Webhook signature timestamp is missing or not a number.', {
      reason: 'malformed_header',
    });
  }
  const skew = Math.abs(now / 1000 - t);
  if (skew > tolerance) {
    throw new WebhookVerificationError(
      `Webhook timestamp is ${Math.round(skew)} s away from now (tolerance ${tolerance} s): stale or replayed delivery, or a wrong clock.`,
      { reason: 'timestamp_outside_tolerance' },
    );
  }
}

const decoder = new TextDecoder();

/**
 * The raw request body as a string. A signature covers the exact bytes sent, so a body that was
 * already parsed (an object) cannot be verified: that is refused with a message that says so.
 */
export function toRawBody(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return decoder.decode(body);
  if (body instanceof ArrayBuffer) return decoder.decode(new Uint8Array(body));
  if (ArrayBuffer.isView(body))
    return decoder.decode(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  throw new WebhookVerificationError(
    `Webhook body must be the raw request body (string, Buffer or Uint8Array), got ${body === null ? 'null' : typeof body}. ` +
      'Pass the raw body, before any JSON parsing: e.g. express.raw({ type: "application/json" }) or await request.text().',
    { reason: 'body_not_raw' },
  );
}

/** Reads a header from a `Headers`, a plain object (any case) or a Node `IncomingHttpHeaders`. */
export function getHeader(
  headers: Headers | Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value.join(',') : value;
  }
  return undefined;
}

/**
 * The raw body as signed bytes: strings and bytes pass through unchanged (no decode/re-encode round
 * trip that could alter invalid UTF-8); a parsed object is refused like `toRawBody` does.
 */
export function toRawBytes(body: unknown): string | Uint8Array {
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return toRawBody(body);
}

/** The default signed message of the `t=…,v1=…` scheme: `"<t>.<raw body>"`, the body's bytes unchanged. */
export function timestampDotBody(timestamp: string, payload: string | Uint8Array): string | Uint8Array {
  if (typeof payload === 'string') return `${timestamp}.${payload}`;
  const prefix = encoder.encode(`${timestamp}.`);
  const message = new Uint8Array(prefix.length + payload.length);
  message.set(prefix);
  message.set(payload, prefix.length);
  return message;
}

/** Parses `t=<unix s>,v1=<hex>[,v1=<hex>…]`: one `t`, every `v1` (a rotation may send two), other labels ignored. */
function parseSignatureHeader(header: string, name: string): { timestamp: string; signatures: string[] } {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined) {
        throw new WebhookVerificationError(`${name} carries more than one t=.`, {
          reason: 'malformed_header',
        });
      }
      timestamp = value;
    } else if (key === 'v1' && value !== '') {
      signatures.push(value.toLowerCase());
    }
  }
  if (timestamp === undefined || !/^\d+$/.test(timestamp)) {
    throw new WebhookVerificationError(`${name} has no valid t=<unix seconds> part.`, {
      reason: 'malformed_header',
    });
  }
  if (signatures.length === 0) {
    throw new WebhookVerificationError(`${name} has no v1=<hex> signature.`, { reason: 'malformed_header' });
  }
  return { timestamp, signatures };
}

/** Arguments of `verifyTimestampedSignature`. */
export interface TimestampedSignatureParams {
  /** The raw request body, exactly as received. */
  payload: unknown;
  /** The signature header's value: `t=<unix seconds>,v1=<hex>`. */
  header: string | null | undefined;
  /** The signing secret, used as given (its UTF-8 bytes are the HMAC key). */
  secret: string;
  /** Allowed clock difference in seconds, both directions. */
  tolerance: number;
  /** The current time in ms. Default `Date.now()`. */
  now?: number;
  /** The bytes the MAC covers, from the header's `t` and the raw body. Default `"<t>.<raw body>"`. */
  signedMessage?: (timestamp: string, payload: string | Uint8Array) => string | Uint8Array;
  /** The header's name and the vendor, for messages: `{ header: 'X-Puck-Signature', vendor: 'Puck' }`. */
  names: {
    /** The signature header's name, e.g. `X-Puck-Signature`. */
    header: string;
    /** The vendor's name, e.g. `Puck`. */
    vendor: string;
  };
}

/**
 * Verifies the `t=<unix s>,v1=<hex>` webhook signature scheme (HMAC-SHA256 of `"<t>.<raw body>"`,
 * hex): the timestamp within `tolerance` of now, and any `v1` equal to the expected MAC, compared in
 * constant time. Throws `WebhookVerificationError` with a `reason`; resolves when the delivery is genuine.
 */
export async function verifyTimestampedSignature(params: TimestampedSignatureParams): Promise<void> {
  const { header, secret, tolerance, names } = params;
  const payload = toRawBytes(params.payload);
  if (typeof header !== 'string' || header.trim() === '') {
    throw new WebhookVerificationError(
      `Missing ${names.header} header: this request was not signed by ${names.vendor}.`,
      { reason: 'missing_header' },
    );
  }
  const { timestamp, signatures } = parseSignatureHeader(header, names.header);
  checkTimestamp(Number(timestamp), { tolerance, now: params.now ?? Date.now() });
  const expected = await hmacSha256Hex(
    secret,
    (params.signedMessage ?? timestampDotBody)(timestamp, payload),
  );
  let match = false;
  // Compare with every v1 without stopping early, so timing does not reveal which one matched.
  for (const signature of signatures) match = timingSafeEqual(expected, signature) || match;
  if (!match) {
    throw new WebhookVerificationError(
      'Webhook signature does not match: wrong secret, or the body was changed (re-serialised JSON does not verify; pass the raw body).',
      { reason: 'no_matching_signature' },
    );
  }
}

/** Signs a body the way `verifyTimestampedSignature` checks it: `t=<unix seconds>,v1=<hex>`. */
export async function signTimestamped(params: {
  payload: unknown;
  secret: string;
  timestamp: number;
}): Promise<string> {
  const timestamp = String(params.timestamp);
  const signature = await hmacSha256Hex(
    params.secret,
    timestampDotBody(timestamp, toRawBytes(params.payload)),
  );
  return `t=${timestamp},v1=${signature}`;
}

// ---------------------------------------------------------------------------------------------
// One verify/unwrap for every vendor: a vendor describes its scheme, core does the rest.
// ---------------------------------------------------------------------------------------------

/** Request headers in any common shape: `Headers`, a plain object (any case), Node's `IncomingHttpHeaders`. */
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;

/** A raw request body, exactly the bytes the vendor sent: a string, Buffer/Uint8Array or ArrayBuffer. */
export type RawBody = string | Uint8Array | ArrayBuffer;

/** A webhook secret, or the secret plus a tolerance in seconds: the third argument of every `unwrap`. */
export type WebhookSecret =
  | string
  | {
      /** The signing secret, used as given: its UTF-8 bytes are the HMAC key. */
      secret: string;
      /** Allowed clock difference in seconds, both directions: a finite number ≥ 0. Default: the vendor's. */
      tolerance?: number;
    };

declare const unknownEventType: unique symbol;

/**
 * The type field of a webhook event this SDK version does not know. At run time it is the string the
 * vendor sent; its type is opaque on purpose: TypeScript cannot say "any string except the known
 * names", and a plain `string` member would stop `switch`/`===` on the known names from narrowing.
 * Read it in a `default:` branch with `String(event.event_type)`.
 */
export type UnknownEventType = {
  /** Type-only brand that keeps the type apart from `string`; absent at run time. */
  readonly [unknownEventType]: 'UnknownEventType';
};

/** How one vendor signs its webhooks: what `verifyWebhook` and `unwrapWebhook` need to know. */
export interface WebhookScheme<TEvent = unknown> {
  /** The vendor's name, for messages: `Puck`. */
  vendor: string;
  /** Signature header names, first present wins; messages name the first: `['X-Puck-Signature']`. */
  headers: readonly [string, ...string[]];
  /** Default tolerance in seconds, both directions. */
  tolerance: number;
  /** What the secret is, for the "secret is required" message: `the whsec_… value returned when …`. */
  secretHint?: string;
  /** The bytes the MAC covers. Default `"<t>.<raw body>"` (`timestampDotBody`). */
  signedMessage?: (timestamp: string, payload: string | Uint8Array) => string | Uint8Array;
  /** Validates the parsed JSON body; its output, typed `TEvent`, is what `unwrap` resolves. */
  event: AnySchema;
  /** @internal Carries `TEvent`; never set. */
  readonly __event?: TEvent;
}

/** Arguments of `verifyWebhook` (and of every vendor's `verify<Vendor>Signature`). */
export interface VerifyWebhookParams {
  /** The raw request body, exactly as received (not a parsed object). */
  payload: RawBody;
  /** The signature header's value: `t=<unix seconds>,v1=<hex>`. */
  header: string | null | undefined;
  /** The signing secret, used as given (its UTF-8 bytes are the HMAC key). */
  secret: string;
  /** Allowed clock difference in seconds, both directions: a finite number ≥ 0. Default: the scheme's. */
  tolerance?: number;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/**
 * Checks a tolerance: a finite number of seconds ≥ 0. Anything else (`NaN`, `'300'`, `Infinity`,
 * `-1`) is an `InvalidInputError`, never a silently disabled replay check.
 */
export function checkTolerance(tolerance: unknown, name = 'tolerance'): asserts tolerance is number {
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance)) {
    const got = typeof tolerance === 'string' ? JSON.stringify(tolerance) : String(tolerance);
    throw new InvalidInputError(`${name} must be a finite number of seconds, at least 0; got ${got}.`);
  }
  if (tolerance < 0) throw new InvalidInputError(`${name} must be at least 0; got ${tolerance}.`);
}

/**
 * Verifies one delivery under a vendor's scheme: the body must be raw (bytes or string, HMAC'd exactly
 * as received), the secret non-empty, the tolerance valid, the timestamp within it (both directions)
 * and one `v1` equal to the HMAC-SHA256, compared in constant time.
 *
 * @throws WebhookVerificationError with a `reason` (`body_not_raw`, `missing_header`, `malformed_header`,
 *   `timestamp_outside_tolerance`, `no_matching_signature`).
 * @throws InvalidInputError for a missing secret or a bad tolerance.
 */
export async function verifyWebhook(
  scheme: WebhookScheme<unknown>,
  params: VerifyWebhookParams,
): Promise<void> {
  const payload = toRawBytes(params.payload);
  const { secret, tolerance = scheme.tolerance, now = Date.now } = params;
  if (typeof secret !== 'string' || secret === '') {
    throw new InvalidInputError(`secret is required${scheme.secretHint ? `: ${scheme.secretHint}` : ''}.`);
  }
  checkTolerance(tolerance);
  const init: TimestampedSignatureParams = {
    payload,
    header: params.header,
    secret,
    tolerance,
    now: now(),
    names: { header: scheme.headers[0], vendor: scheme.vendor },
  };
  if (scheme.signedMessage) init.signedMessage = scheme.signedMessage;
  await verifyTimestampedSignature(init);
}

/**
 * Verifies a delivery and returns its typed event: `(rawBody, headers, secret | { secret, tolerance })`,
 * the same shape for every vendor. The signature is read from the scheme's headers (any case).
 *
 * @throws WebhookVerificationError when the body, signature or timestamp is wrong (see `reason`), or
 *   a correctly signed body is not JSON (`invalid_payload`).
 * @throws ResponseValidationError when a verified body is not one of the vendor's events.
 * @throws InvalidInputError for a missing secret or a bad tolerance.
 */
export async function unwrapWebhook<TEvent>(
  scheme: WebhookScheme<TEvent>,
  rawBody: RawBody,
  headers: HeadersLike,
  secret: WebhookSecret,
): Promise<TEvent> {
  const bytes = toRawBytes(rawBody);
  const options = typeof secret === 'string' ? { secret } : (secret ?? { secret: '' });
  let header: string | undefined;
  for (const name of scheme.headers) {
    header = getHeader(headers ?? {}, name);
    if (header !== undefined) break;
  }
  const params: VerifyWebhookParams = { payload: bytes, header, secret: options.secret };
  if (options.tolerance !== undefined) params.tolerance = options.tolerance;
  await verifyWebhook(scheme, params);
  // Parsing is after verification and separate from it: the MAC covered the bytes as received; a
  // leading BOM is dropped only for JSON.parse.
  const text = typeof bytes === 'string' ? bytes.replace(/^\uFEFF/, '') : decoder.decode(bytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new WebhookVerificationError(
      `${scheme.vendor} webhook: the body is correctly signed but is not JSON.`,
      {
        reason: 'invalid_payload',
      },
    );
  }
  const result = v.safeParse(scheme.event, parsed);
  if (!result.success) {
    throw new ResponseValidationError(
      `${scheme.vendor} webhook: the event did not match the expected shape.\n${v.summarize(result.issues)}`,
      { issues: result.issues, body: parsed },
    );
  }
  return result.output as TEvent;
}
