import { WebhookVerificationError } from './errors.js';

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

function signedMessage(timestamp: string, payload: string | Uint8Array): string | Uint8Array {
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
  const expected = await hmacSha256Hex(secret, signedMessage(timestamp, payload));
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
  const signature = await hmacSha256Hex(params.secret, signedMessage(timestamp, toRawBytes(params.payload)));
  return `t=${timestamp},v1=${signature}`;
}
