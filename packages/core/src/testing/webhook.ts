/**
 * Sending a signed webhook delivery from a fake to a receiver under test, on loopback only.
 *
 * @module @quiver/core/testing
 */

/** Whether `url` is an `http(s)` URL on a loopback host (`localhost`, `127.x.x.x`, `[::1]`). */
export function isLoopbackUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

/** Options of {@link sendWebhook}. */
export interface SendWebhookOptions {
  /** The receiver. Loopback only: anything else is refused before a byte is sent. */
  url: string;
  /** The exact body that was signed (a string is sent byte for byte; anything else as `JSON.stringify`). */
  body: unknown;
  /**
   * The delivery's headers, signature included, or a function that signs the exact body string and
   * returns them. `content-type` defaults to `application/json; charset=utf-8`.
   */
  headers?:
    | Record<string, string>
    | ((body: string) => Record<string, string> | Promise<Record<string, string>>);
  /** Timeout of the attempt in ms. Default `5_000`. */
  timeoutMs?: number;
}

/** The receiver's answer to a delivery. */
export interface WebhookResult {
  /** The receiver's HTTP status. */
  status: number;
  /** Whether it was a 2xx. */
  ok: boolean;
  /** The receiver's response body, as text. */
  body: string;
}

/**
 * POSTs one signed delivery to a loopback receiver. Rejects with a `TypeError` for a URL that is not on
 * loopback (nothing is sent), and like `fetch` for a network error or a time-out.
 *
 * ```ts
 * const body = JSON.stringify(event);
 * await sendWebhook({ url: receiver, body, headers: { 'x-vendor-signature': await sign(body, secret) } });
 * ```
 */
export async function sendWebhook(options: SendWebhookOptions): Promise<WebhookResult> {
  if (!isLoopbackUrl(options.url)) {
    throw new TypeError('sendWebhook: a fake delivers to loopback URLs only (localhost, 127.x.x.x, [::1])');
  }
  const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const given = typeof options.headers === 'function' ? await options.headers(body) : options.headers;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  for (const [name, value] of Object.entries(given ?? {})) headers[name.toLowerCase()] = value;
  const response = await fetch(options.url, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
  });
  const text = await response.text().catch(() => '');
  return { status: response.status, ok: response.ok, body: text };
}
