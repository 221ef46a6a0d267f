import { APIResource } from '@quiver/core';
import {
  type HeadersLike,
  type PushWebhookEvent,
  type RawBody,
  unwrapPushWebhook,
  type WebhookSecret,
} from '../webhooks.js';

/** `push.webhooks`: verifying and parsing webhook deliveries. */
export class Webhooks extends APIResource {
  /**
   * Verifies a delivery's `X-Signature` and returns the typed event; see `unwrapPushWebhook` (the same
   * function, usable without a client or an API key).
   *
   * ```ts
   * const event = await push.webhooks.unwrap(await request.text(), request.headers, process.env.PUSH_WEBHOOK_SECRET!);
   * ```
   *
   * @param rawBody the body exactly as received: a string, Buffer/Uint8Array or ArrayBuffer.
   * @param headers the request headers (`Headers`, a plain object or Node's `req.headers`).
   * @param secret the webhook secret, or `{ secret, tolerance }` (seconds, default 2100).
   */
  unwrap(rawBody: RawBody, headers: HeadersLike, secret: WebhookSecret): Promise<PushWebhookEvent> {
    return unwrapPushWebhook(rawBody, headers, secret);
  }
}
