import { type APIPromise, APIResource, openEnum, type Paginator, type RequestOptions } from '@quiver/core';
import { cursor, route } from '@quiver/core/internal';
import * as v from 'valibot';
import { cursorQuery, openInput } from './input.js';

const DELIVERY_STATUSES = ['delivered', 'failed_permanent', 'dead_lettered'] as const;
/**
 * Delivery status. Puck's docs name `delivered` and, for one dead-lettered state, both
 * `dead_lettered` and `failed_permanent` (Webhooks vs. Retries & deliveries): all three are listed,
 * the enum is open.
 */
export const WebhookDeliveryStatusSchema = openEnum(DELIVERY_STATUSES);

/** One delivery of an event to a subscription (provisional: no schema is documented). */
export const WebhookDeliverySchema = v.looseObject({
  id: v.string(),
  status: v.optional(WebhookDeliveryStatusSchema),
  event_id: v.optional(v.string()),
  event_type: v.optional(v.string()),
  subscription_id: v.optional(v.string()),
});
/** A webhook delivery (`X-Puck-Delivery-Id` is its id). */
export type WebhookDelivery = v.InferOutput<typeof WebhookDeliverySchema>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const WebhookDeliveryListQuery = v.looseObject({
  ...cursorQuery,
  /** e.g. `failed_permanent` / `dead_lettered` for the dead letters. */
  status: v.optional(openInput(DELIVERY_STATUSES)),
  /** Only deliveries of this subscription. */
  subscription_id: v.optional(v.string()),
});
/** Query of `deliveries.list` (all assumed; other filters are sent as given). */
export type WebhookDeliveryListParams = v.InferInput<typeof WebhookDeliveryListQuery>;

/** Body of `deliveries.replay`: not documented, passed through. */
export type WebhookDeliveryReplayParams = Record<string, unknown>;

/** The delivery endpoints: paths guessed, since the docs mention the listings without a path. */
export const webhookDeliveryRoutes = {
  list: route('GET /v1/webhooks/deliveries', {
    summary: 'List webhook deliveries (dead letters with a status filter).',
    query: WebhookDeliveryListQuery,
    page: cursor({ items: 'deliveries', item: WebhookDeliverySchema, firstArray: true }),
    experimental: true,
  }),
  replay: route('POST /v1/webhooks/deliveries/{deliveryId}/replay', {
    summary: 'Re-send a delivery.',
    experimental: true,
  }),
};

/** `webhooks.deliveries`: delivery history and manual replay (scope `webhooks:manage`, inferred). */
export class WebhookDeliveries extends APIResource {
  /**
   * `GET /v1/webhooks/deliveries`, `next_cursor` assumed.
   *
   * @experimental The path is guessed: the docs mention delivery and dead-letter listings without a path.
   */
  list(query?: WebhookDeliveryListParams, opts?: RequestOptions): Paginator<WebhookDelivery> {
    return this._call(webhookDeliveryRoutes.list, { query }, opts);
  }

  /**
   * `POST /v1/webhooks/deliveries/{id}/replay` → 202: re-sends a delivery, the only way to resend a
   * dead-lettered one (Puck's docs, Retries & deliveries). Not retried.
   *
   * @experimental The path is guessed.
   */
  replay(deliveryId: string, body?: WebhookDeliveryReplayParams, opts?: RequestOptions): APIPromise<unknown> {
    return this._call(webhookDeliveryRoutes.replay, { deliveryId, body }, opts);
  }
}
