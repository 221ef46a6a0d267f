import {
  type APIPromise,
  APIResource,
  openEnum,
  type Paginator,
  path,
  type RequestOptions,
} from '@quiver/core';
import * as v from 'valibot';
import { type CursorParams, cursorPage, type Open, paginateCursor } from './shared.js';

/**
 * Delivery status. The docs name `delivered` and, for one dead-lettered state, both `dead_lettered`
 * and `failed_permanent` (vendors/puck.md §13.9): all three are listed, the enum is open.
 */
export const WebhookDeliveryStatusSchema = openEnum(['delivered', 'failed_permanent', 'dead_lettered']);

/** One delivery of an event to a subscription (provisional: no schema was documented). */
export const WebhookDeliverySchema = v.looseObject({
  id: v.string(),
  status: v.optional(WebhookDeliveryStatusSchema),
  event_id: v.optional(v.string()),
  event_type: v.optional(v.string()),
  subscription_id: v.optional(v.string()),
});
/** A webhook delivery (`X-Puck-Delivery-Id` is its id). */
export type WebhookDelivery = v.InferOutput<typeof WebhookDeliverySchema>;

/** Delivery list page; item key `deliveries` assumed. */
export const WebhookDeliveryPageSchema = cursorPage('deliveries', WebhookDeliverySchema);

/** Query of `deliveries.list` (all assumed). */
export interface WebhookDeliveryListParams extends CursorParams {
  /** e.g. `failed_permanent` / `dead_lettered` for the dead letters. */
  status?: Open<'delivered' | 'failed_permanent' | 'dead_lettered'>;
  /** Only deliveries of this subscription. */
  subscription_id?: string;
  [key: string]: string | number | boolean | undefined;
}

/** Body of `deliveries.replay`: not documented, passed through. */
export type WebhookDeliveryReplayParams = Record<string, unknown>;

/** `webhooks.deliveries`: delivery history and manual replay (scope `webhooks:manage`, inferred). */
export class WebhookDeliveries extends APIResource {
  /**
   * `GET /v1/webhooks/deliveries`, `next_cursor` assumed.
   *
   * @experimental The path is guessed: the docs mention delivery and dead-letter listings without a
   *   path (api/puck.md row 23).
   */
  list(query: WebhookDeliveryListParams = {}, opts?: RequestOptions): Paginator<WebhookDelivery> {
    return paginateCursor<WebhookDelivery>(
      this._client,
      {
        path: '/v1/webhooks/deliveries',
        key: 'deliveries',
        query,
        schema: WebhookDeliveryPageSchema,
        experimental: true,
      },
      opts,
    );
  }

  /**
   * `POST /v1/webhooks/deliveries/{id}/replay` → 202: re-sends a delivery, the only way to resend a
   * dead-lettered one (vendors/puck.md §11.7). Not retried.
   *
   * @experimental The path is guessed; api/puck.md row 24.
   */
  replay(deliveryId: string, body?: WebhookDeliveryReplayParams, opts?: RequestOptions): APIPromise<unknown> {
    return this._client.request(
      { method: 'POST', path: path`/v1/webhooks/deliveries/${deliveryId}/replay`, body, experimental: true },
      opts,
    );
  }
}
