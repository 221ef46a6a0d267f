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
  if (!Number.isFinite(t))
    throw new WebhookVerificationError('Webhook signature timestamp is missing or not a number.');
  const skew = Math.abs(now / 1000 - t);
  if (skew > tolerance) {
    throw new WebhookVerificationError(
      `Webhook timestamp is ${Math.round(skew)} s away from now (tolerance ${tolerance} s): stale or replayed delivery, or a wrong clock.`,
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
