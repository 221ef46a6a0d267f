import { APIResource } from '@quiver/core';
import {
  type HeadersLike,
  type PuckEvent,
  type RawBody,
  type UnwrapSecret,
  unwrapPuckWebhook,
} from '../webhooks.js';
import { Incoming } from './inbound.js';
import { WebhookDeliveries } from './webhook-deliveries.js';
import { WebhookSubscriptions } from './webhook-subscriptions.js';

/** Webhooks: outbound subscriptions and deliveries, inbound endpoints, and verifying deliveries. */
export class Webhooks extends APIResource {
  /** Outbound subscriptions. */
  readonly subscriptions: WebhookSubscriptions = new WebhookSubscriptions(this._client);
  /** Outbound delivery history and replay. */
  readonly deliveries: WebhookDeliveries = new WebhookDeliveries(this._client);
  /** Inbound endpoints (third-party alerts → investigations). */
  readonly incoming: Incoming = new Incoming(this._client);

  /**
   * Verifies a delivery's `X-Puck-Signature` and returns the typed event; see `unwrapPuckWebhook`
   * (the same function, usable without a client or an API key).
   *
   * @param rawBody the body exactly as received: a string, Buffer/Uint8Array or ArrayBuffer.
   * @param headers the request headers (`Headers`, a plain object or Node's `req.headers`).
   * @param secret the subscription's `whsec_…` secret, or `{ secret, tolerance }` (seconds, default 300).
   */
  unwrap(rawBody: RawBody, headers: HeadersLike, secret: UnwrapSecret): Promise<PuckEvent> {
    return unwrapPuckWebhook(rawBody, headers, secret);
  }
}
