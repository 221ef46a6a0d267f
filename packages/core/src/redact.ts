/**
 * Headers that may appear in a debug line. Everything else (authorization, x-api-key, cookies,
 * custom auth headers) is left out: an allow-list cannot leak a header nobody thought of.
 */
const LOGGABLE_HEADERS = new Set([
  'accept',
  'content-type',
  'content-length',
  'user-agent',
  'idempotency-key',
  'retry-after',
  'x-request-id',
  'request-id',
  'x-amzn-requestid',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
]);

/** The loggable subset of `headers`, as a plain object. */
export function loggableHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (LOGGABLE_HEADERS.has(name.toLowerCase())) out[name] = value;
  });
  return out;
}

/** A copy of response headers without cookies, safe to keep on an error. */
export function safeResponseHeaders(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.delete('set-cookie');
  copy.delete('set-cookie2');
  return copy;
}

/** The URL path without its query string (query strings can carry tokens). */
export function pathOnly(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}
