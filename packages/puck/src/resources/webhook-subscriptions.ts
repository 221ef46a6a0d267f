import { type APIPromise, APIResource, type Paginator, type RequestOptions } from '@quiver/core';
import { cursor, route } from '@quiver/core/internal';
import * as v from 'valibot';
import { type PuckEventType, PuckEventTypeSchema } from '../webhooks.js';
import { CursorQuery, openInput } from './input.js';
import { type CursorParams, SeveritySchema } from './shared.js';

/**
 * An outbound webhook subscription (Puck's API reference, Webhooks). `secret` (`whsec_…`) is present
 * only in the response of `create`. The overview lists `min_severity`/`tags` beside `events` while
 * the API nests them under `filters`: `filters` is typed, top-level copies are kept by looseness.
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

/** The input schema (valibot) of a subscription's `filters`, checked before sending. */
export const FiltersInput = v.looseObject({
  /** Deliver only events at or above this severity; events without a severity are always delivered. */
  min_severity: v.optional(openInput(['low', 'medium', 'high', 'critical'])),
  /** Every pair must be present in the event's tags. */
  tags: v.optional(v.record(v.string(), v.string())),
});
/** Delivery filters of a subscription. */
export type WebhookSubscriptionFilters = v.InferInput<typeof FiltersInput>;

/** Event types as sent: the documented ones for autocomplete, any string accepted. */
const EventTypesInput = v.array(
  v.custom<PuckEventType>((type) => typeof type === 'string', 'must be a string'),
);

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const WebhookSubscriptionCreateBody = v.looseObject({
  /** Where deliveries are POSTed (the console requires HTTPS). */
  url: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  /** Event types to deliver, e.g. `['investigation.completed', 'finding.discovered']`. */
  events: v.pipe(EventTypesInput, v.minLength(1, 'is required: a non-empty array of event types.')),
  /** Optional server-side filters. */
  filters: v.optional(FiltersInput),
});
/** Body of `subscriptions.create` (Puck's API reference, Webhooks). */
export type WebhookSubscriptionCreateParams = v.InferInput<typeof WebhookSubscriptionCreateBody>;

// The update body is assumed to be the create fields plus `active`.
/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const WebhookSubscriptionUpdateBody = v.looseObject({
  url: v.optional(v.string()),
  events: v.optional(EventTypesInput),
  filters: v.optional(FiltersInput),
  /** `false` pauses deliveries. */
  active: v.optional(v.boolean()),
});
/** Body of `subscriptions.update`: the create fields plus `active`. */
export type WebhookSubscriptionUpdateParams = v.InferInput<typeof WebhookSubscriptionUpdateBody>;

/** Body of `subscriptions.test`: not documented, passed through. */
export type WebhookSubscriptionTestParams = Record<string, unknown>;

/** The subscription endpoints; only create and list are documented, the others are inferred. */
export const webhookSubscriptionRoutes = {
  create: route('POST /v1/webhooks/subscriptions', {
    summary: 'Create a subscription; the response carries its signing secret, once.',
    body: WebhookSubscriptionCreateBody,
    returns: WebhookSubscriptionSchema,
  }),
  // The list's shape is not in Puck's API reference: the first array of the page holds the items.
  list: route('GET /v1/webhooks/subscriptions', {
    summary: 'List subscriptions.',
    query: CursorQuery,
    page: cursor({ items: 'subscriptions', item: WebhookSubscriptionSchema, firstArray: true }),
  }),
  retrieve: route('GET /v1/webhooks/subscriptions/{id}', {
    summary: 'Retrieve a subscription.',
    returns: WebhookSubscriptionSchema,
    experimental: true,
  }),
  update: route('PATCH /v1/webhooks/subscriptions/{id}', {
    summary: 'Update or pause a subscription.',
    body: WebhookSubscriptionUpdateBody,
    returns: WebhookSubscriptionSchema,
    experimental: true,
  }),
  delete: route('DELETE /v1/webhooks/subscriptions/{id}', {
    summary: 'Delete a subscription.',
    empty: true,
    experimental: true,
  }),
  test: route('POST /v1/webhooks/subscriptions/{id}/test', {
    summary: 'Send a test delivery.',
    experimental: true,
  }),
};

/** `webhooks.subscriptions`: outbound subscriptions (scope `webhooks:manage`). */
export class WebhookSubscriptions extends APIResource {
  /**
   * `POST /v1/webhooks/subscriptions` → 201, with the signing `secret` (only here). Not retried: a
   * retry could create a second subscription. Rejects with `InvalidInputError` without `url` or `events`.
   */
  create(body: WebhookSubscriptionCreateParams, opts?: RequestOptions): APIPromise<WebhookSubscription> {
    return this._call(webhookSubscriptionRoutes.create, { body }, opts);
  }

  /**
   * `GET /v1/webhooks/subscriptions`, read as a `next_cursor` page: a single page when there is no
   * cursor, items under `subscriptions` or else the first array in the body (or a bare array).
   */
  list(query?: CursorParams, opts?: RequestOptions): Paginator<WebhookSubscription> {
    return this._call(webhookSubscriptionRoutes.list, { query }, opts);
  }

  /**
   * `GET /v1/webhooks/subscriptions/{id}`.
   *
   * @experimental The path is inferred (the docs mention "list or get responses").
   */
  retrieve(id: string, opts?: RequestOptions): APIPromise<WebhookSubscription> {
    return this._call(webhookSubscriptionRoutes.retrieve, { id }, opts);
  }

  /**
   * `PATCH /v1/webhooks/subscriptions/{id}` → 200. Not retried.
   *
   * @experimental The path and body are inferred (Puck's Errors page: "PATCH → 200").
   */
  update(
    id: string,
    body: WebhookSubscriptionUpdateParams,
    opts?: RequestOptions,
  ): APIPromise<WebhookSubscription> {
    return this._call(webhookSubscriptionRoutes.update, { id, body }, opts);
  }

  /**
   * `DELETE /v1/webhooks/subscriptions/{id}` (204 assumed; 200 also resolves).
   *
   * @experimental The path is inferred.
   */
  delete(id: string, opts?: RequestOptions): APIPromise<void> {
    return this._call(webhookSubscriptionRoutes.delete, { id }, opts);
  }

  /**
   * `POST /v1/webhooks/subscriptions/{id}/test` → 202: sends a test delivery. Not retried.
   *
   * @experimental The path is inferred ("test delivery" → 202).
   */
  test(id: string, body?: WebhookSubscriptionTestParams, opts?: RequestOptions): APIPromise<unknown> {
    return this._call(webhookSubscriptionRoutes.test, { id, body }, opts);
  }
}
