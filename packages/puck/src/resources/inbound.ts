import {
  type APIPromise,
  APIResource,
  InvalidInputError,
  openEnum,
  type Paginator,
  path,
  type RequestOptions,
} from '@quiver/core';
import * as v from 'valibot';
import {
  type CursorParams,
  cursorPage,
  type Open,
  paginateCursor,
  type ScopeParam,
  voidResult,
} from './shared.js';

/** Inbound providers (vendors/puck.md §12); open. */
export const InboundProviderSchema = openEnum(['generic', 'crowdstrike', 'github']);

/**
 * An inbound endpoint: a URL third-party tools POST alerts to. The response fields (receiver URL /
 * key) were not captured (vendors/puck.md §12) and are kept by looseness under their real names.
 */
export const InboundEndpointSchema = v.looseObject({
  id: v.string(),
  provider: v.optional(InboundProviderSchema),
});
/** An inbound webhook endpoint. */
export type InboundEndpoint = v.InferOutput<typeof InboundEndpointSchema>;

/** Inbound endpoint list page; shape not captured, `endpoints` assumed. */
export const InboundEndpointPageSchema = cursorPage('endpoints', InboundEndpointSchema);

/** The 202 body of the receiver: `ignored: true` for unrecognised and `ping` events. */
export const InboundReceiptSchema = v.looseObject({
  ignored: v.optional(v.boolean()),
});
/** What the receiver answered. */
export type InboundReceipt = v.InferOutput<typeof InboundReceiptSchema>;

/** Body of `incoming.endpoints.create`. */
export interface InboundEndpointCreateParams {
  /** `generic` | `crowdstrike` | `github` (field name inferred). */
  provider: Open<'generic' | 'crowdstrike' | 'github'>;
  /** HMAC key the provider signs its deliveries with; Puck then verifies them. */
  provider_signing_secret?: string;
}

/** Body of the `generic` provider: forwarded to the investigation trigger as-is (vendors/puck.md §12). */
export interface GenericInboundBody {
  /** The natural-language question. */
  query: string;
  /** Agents to investigate. */
  agent_ids?: string[];
  /** Or a scope. */
  scope?: ScopeParam;
  [key: string]: unknown;
}

/** `webhooks.incoming.endpoints` (scope `webhooks:manage`). */
export class InboundEndpoints extends APIResource {
  /**
   * `POST /v1/webhooks/incoming/endpoints` → 201. Not retried.
   *
   * @throws InvalidInputError without `provider`.
   */
  create(body: InboundEndpointCreateParams, opts?: RequestOptions): APIPromise<InboundEndpoint> {
    if (typeof body?.provider !== 'string' || body.provider === '') {
      throw new InvalidInputError('body.provider is required: generic, crowdstrike or github.');
    }
    return this._client.request(
      { method: 'POST', path: '/v1/webhooks/incoming/endpoints', body, schema: InboundEndpointSchema },
      opts,
    );
  }

  /** `GET /v1/webhooks/incoming/endpoints`; one page when the body has no `next_cursor`. */
  list(query: CursorParams = {}, opts?: RequestOptions): Paginator<InboundEndpoint> {
    return paginateCursor<InboundEndpoint>(
      this._client,
      { path: '/v1/webhooks/incoming/endpoints', key: 'endpoints', query, schema: InboundEndpointPageSchema },
      opts,
    );
  }

  /**
   * `DELETE /v1/webhooks/incoming/endpoints/{id}`; resolves `undefined` on 200 or 204 (unstated).
   * Deleting and recreating is the documented way to rotate the URL.
   */
  delete(id: string, opts?: RequestOptions): APIPromise<void> {
    return this._client.request(
      { method: 'DELETE', path: path`/v1/webhooks/incoming/endpoints/${id}`, ...voidResult },
      opts,
    );
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
    provider: Open<'generic' | 'crowdstrike' | 'github'>,
    key: string,
    body: GenericInboundBody | Record<string, unknown>,
    opts?: RequestOptions,
  ): APIPromise<InboundReceipt> {
    return this._client.request(
      {
        method: 'POST',
        path: path`/v1/webhooks/incoming/${provider}/${key}`,
        displayPath: `${path`/v1/webhooks/incoming/${provider}`}/[REDACTED]`,
        body,
        auth: false,
        schema: InboundReceiptSchema,
      },
      opts,
    );
  }
}
