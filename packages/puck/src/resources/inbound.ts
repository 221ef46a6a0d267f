import { type APIPromise, APIResource, openEnum, type Paginator, type RequestOptions } from '@quiver/core';
import { cursor, route } from '@quiver/core/internal';
import * as v from 'valibot';
import { CursorQuery, openInput } from './input.js';
import type { CursorParams, Open, ScopeParam } from './shared.js';

const PROVIDERS = ['generic', 'crowdstrike', 'github'] as const;
/** Inbound providers (Puck's API reference, Inbound webhooks); open. */
export const InboundProviderSchema = openEnum(PROVIDERS);

/**
 * An inbound endpoint: a URL third-party tools POST alerts to. The response fields (receiver URL /
 * key) are not in Puck's API reference and are kept by looseness under their real names.
 */
export const InboundEndpointSchema = v.looseObject({
  id: v.string(),
  provider: v.optional(InboundProviderSchema),
});
/** An inbound webhook endpoint. */
export type InboundEndpoint = v.InferOutput<typeof InboundEndpointSchema>;

/** The 202 body of the receiver: `ignored: true` for unrecognised and `ping` events. */
export const InboundReceiptSchema = v.looseObject({
  ignored: v.optional(v.boolean()),
});
/** What the receiver answered. */
export type InboundReceipt = v.InferOutput<typeof InboundReceiptSchema>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const InboundEndpointCreateBody = v.looseObject({
  /** `generic` | `crowdstrike` | `github` (field name inferred). */
  provider: v.pipe(openInput(PROVIDERS), v.minLength(1, 'must not be empty')),
  /** HMAC key the provider signs its deliveries with; Puck then verifies them. */
  provider_signing_secret: v.optional(v.string()),
});
/** Body of `incoming.endpoints.create`. */
export type InboundEndpointCreateParams = v.InferInput<typeof InboundEndpointCreateBody>;

/** Body of the `generic` provider: forwarded to the investigation trigger as-is. */
export interface GenericInboundBody {
  /** The natural-language question. */
  query: string;
  /** Agents to investigate. */
  agent_ids?: string[];
  /** Or a scope. */
  scope?: ScopeParam;
  [key: string]: unknown;
}

/** The inbound-webhook endpoints. */
export const inboundRoutes = {
  create: route('POST /v1/webhooks/incoming/endpoints', {
    summary: 'Create an inbound endpoint.',
    body: InboundEndpointCreateBody,
    returns: InboundEndpointSchema,
  }),
  // The item key is not in Puck's API reference: the first array of the page holds the items.
  list: route('GET /v1/webhooks/incoming/endpoints', {
    summary: 'List inbound endpoints.',
    query: CursorQuery,
    page: cursor({ items: 'endpoints', item: InboundEndpointSchema, firstArray: true }),
  }),
  delete: route('DELETE /v1/webhooks/incoming/endpoints/{id}', {
    summary: 'Delete an inbound endpoint (recreate it to rotate the URL).',
    empty: true,
  }),
  // The URL key is the credential: no Authorization header, and the key is masked as Puck's API
  // reference shows it.
  send: route('POST /v1/webhooks/incoming/{provider}/{key}', {
    summary: 'POST an alert to an inbound endpoint, as a third-party tool does.',
    auth: 'none',
    secret: ['key'],
    secretShownAs: '[REDACTED]',
    returns: InboundReceiptSchema,
  }),
};

/** `webhooks.incoming.endpoints` (scope `webhooks:manage`). */
export class InboundEndpoints extends APIResource {
  /**
   * `POST /v1/webhooks/incoming/endpoints` → 201. Not retried. Rejects with `InvalidInputError`
   * without `provider`.
   */
  create(body: InboundEndpointCreateParams, opts?: RequestOptions): APIPromise<InboundEndpoint> {
    return this._call(inboundRoutes.create, { body }, opts);
  }

  /** `GET /v1/webhooks/incoming/endpoints`; one page when the body has no `next_cursor`. */
  list(query?: CursorParams, opts?: RequestOptions): Paginator<InboundEndpoint> {
    return this._call(inboundRoutes.list, { query }, opts);
  }

  /**
   * `DELETE /v1/webhooks/incoming/endpoints/{id}`; resolves `undefined` on 200 or 204 (unstated).
   * Deleting and recreating is the documented way to rotate the URL.
   */
  delete(id: string, opts?: RequestOptions): APIPromise<void> {
    return this._call(inboundRoutes.delete, { id }, opts);
  }
}

/** `webhooks.incoming`: inbound endpoints and the receiver. */
export class Incoming extends APIResource {
  /** Create, list and delete inbound endpoints. */
  readonly endpoints: InboundEndpoints = new InboundEndpoints(this._client);

  /**
   * `POST /v1/webhooks/incoming/{provider}/{key}` → 202: what a third-party tool does; useful to test
   * an endpoint. Sends **no** `Authorization` header: the URL key is the credential, so it is shown as
   * `[REDACTED]` in error messages and logs. Not retried: each POST may start an investigation.
   */
  send(
    provider: Open<(typeof PROVIDERS)[number]>,
    key: string,
    body: GenericInboundBody | Record<string, unknown>,
    opts?: RequestOptions,
  ): APIPromise<InboundReceipt> {
    return this._call(inboundRoutes.send, { provider, key, body }, opts);
  }
}
