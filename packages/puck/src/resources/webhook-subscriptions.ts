import {
  type APIPromise,
  APIResource,
  InvalidInputError,
  type Paginator,
  path,
  type RequestOptions,
} from '@quiver/core';
import * as v from 'valibot';
import { type PuckEventType, PuckEventTypeSchema } from '../webhooks.js';
import {
  type CursorParams,
  cursorPage,
  type Open,
  paginateCursor,
  SeveritySchema,
  voidResult,
} from './shared.js';

/**
 * An outbound webhook subscription (vendors/puck.md §11.1). `secret` (`whsec_…`) is present only in
 * the response of `create`. The overview lists `min_severity`/`tags` beside `events` while the API
 * nests them under `filters` (§13.8): `filters` is typed, top-level copies are kept by looseness.
 */
export const WebhookSubscriptionSchema = v.looseObject({
  id: v.string(),
  url: v.optional(v.string()),
  events: v.optional(v.array(PuckEventTypeSchema)),
  filters: v.optional(
    v.nullable(
      v.looseObject({
        min_severity: v.optional(v.nullable(SeveritySchema)),
        tags: v.optional(v.nullable(v.record(v.string(), v.string()))),
      }),
    ),
  ),
  active: v.optional(v.boolean()),
  created_at: v.optional(v.string()),
  updated_at: v.optional(v.string()),
  secret: v.optional(v.string()),
});
/** A webhook subscription. Store `secret` from the create response: it is never returned again. */
export type WebhookSubscription = v.InferOutput<typeof WebhookSubscriptionSchema>;

/** Subscription list page; the shape was not captured (§11.2), `subscriptions` is assumed. */
export const WebhookSubscriptionPageSchema = cursorPage('subscriptions', WebhookSubscriptionSchema);

/** Delivery filters of a subscription. */
export interface WebhookSubscriptionFilters {
  /** Deliver only events at or above this severity; events without a severity are always delivered. */
  min_severity?: Open<'low' | 'medium' | 'high' | 'critical'>;
  /** Every pair must be present in the event's tags. */
  tags?: Record<string, string>;
}

/** Body of `subscriptions.create` (vendors/puck.md §11.1). */
export interface WebhookSubscriptionCreateParams {
  /** Where deliveries are POSTed (the console requires HTTPS). */
  url: string;
  /** Event types to deliver, e.g. `['investigation.completed', 'finding.discovered']`. */
  events: PuckEventType[];
  /** Optional server-side filters. */
  filters?: WebhookSubscriptionFilters;
}

/** Body of `subscriptions.update`: the create fields plus `active` (assumed, api/puck.md row 20). */
export interface WebhookSubscriptionUpdateParams extends Partial<WebhookSubscriptionCreateParams> {
  /** `false` pauses deliveries. */
  active?: boolean;
}

/** Body of `subscriptions.test`: not documented, passed through. */
export type WebhookSubscriptionTestParams = Record<string, unknown>;

/** `webhooks.subscriptions`: outbound subscriptions (scope `webhooks:manage`). */
export class WebhookSubscriptions extends APIResource {
  /**
   * `POST /v1/webhooks/subscriptions` → 201, with the signing `secret` (only here). Not retried: a
   * retry could create a second subscription.
   *
   * @throws InvalidInputError without `url` or `events`.
   */
  create(body: WebhookSubscriptionCreateParams, opts?: RequestOptions): APIPromise<WebhookSubscription> {
    if (typeof body?.url !== 'string' || body.url === '')
      throw new InvalidInputError('body.url is required.');
    if (!Array.isArray(body.events) || body.events.length === 0) {
      throw new InvalidInputError('body.events is required: a non-empty array of event types.');
    }
    return this._client.request(
      { method: 'POST', path: '/v1/webhooks/subscriptions', body, schema: WebhookSubscriptionSchema },
      opts,
    );
  }

  /**
   * `GET /v1/webhooks/subscriptions`. The response shape was not captured (vendors/puck.md §11.2): read
   * as a `next_cursor` page, a single page when there is no cursor, items under `subscriptions` or the
   * first array in the body.
   */
  list(query: CursorParams = {}, opts?: RequestOptions): Paginator<WebhookSubscription> {
    return paginateCursor<WebhookSubscription>(
      this._client,
      {
        path: '/v1/webhooks/subscriptions',
        key: 'subscriptions',
        query,
        schema: WebhookSubscriptionPageSchema,
      },
      opts,
    );
  }

  /**
   * `GET /v1/webhooks/subscriptions/{id}`.
   *
   * @experimental The path is inferred ("list or get responses"); api/puck.md row 19.
   */
  retrieve(id: string, opts?: RequestOptions): APIPromise<WebhookSubscription> {
    return this._client.request(
      {
        method: 'GET',
        path: path`/v1/webhooks/subscriptions/${id}`,
        schema: WebhookSubscriptionSchema,
        experimental: true,
      },
      opts,
    );
  }

  /**
   * `PATCH /v1/webhooks/subscriptions/{id}` → 200. Not retried.
   *
   * @experimental The path and body are inferred (Errors page: "PATCH → 200"); api/puck.md row 20.
   */
  update(
    id: string,
    body: WebhookSubscriptionUpdateParams,
    opts?: RequestOptions,
  ): APIPromise<WebhookSubscription> {
    return this._client.request(
      {
        method: 'PATCH',
        path: path`/v1/webhooks/subscriptions/${id}`,
        body,
        schema: WebhookSubscriptionSchema,
        experimental: true,
      },
      opts,
    );
  }

  /**
   * `DELETE /v1/webhooks/subscriptions/{id}` (204 assumed; 200 also resolves).
   *
   * @experimental The path is inferred; api/puck.md row 21.
   */
  delete(id: string, opts?: RequestOptions): APIPromise<void> {
    return this._client.request(
      { method: 'DELETE', path: path`/v1/webhooks/subscriptions/${id}`, experimental: true, ...voidResult },
      opts,
    );
  }

  /**
   * `POST /v1/webhooks/subscriptions/{id}/test` → 202: sends a test delivery. Not retried.
   *
   * @experimental The path is inferred ("test delivery" → 202); api/puck.md row 22.
   */
  test(id: string, body?: WebhookSubscriptionTestParams, opts?: RequestOptions): APIPromise<unknown> {
    return this._client.request(
      { method: 'POST', path: path`/v1/webhooks/subscriptions/${id}/test`, body, experimental: true },
      opts,
    );
  }
}
