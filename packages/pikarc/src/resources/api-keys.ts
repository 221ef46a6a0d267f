import { type APIPromise, APIResource, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';

/** The workspace's active key (API reference, API keys). */
export const ApiKeySchema = v.looseObject({
  id: v.string(),
  /** The 8 characters after `lg_`. */
  prefix: v.optional(v.string()),
  /** The full key when the server stored it encrypted, else `null`. */
  key: v.optional(v.nullable(v.string())),
  label: v.optional(v.nullable(v.string())),
  is_active: v.optional(v.boolean()),
  created_at: v.optional(v.string()),
});
/** The active API key. */
export type ApiKey = v.InferOutput<typeof ApiKeySchema>;

/** `POST /v1/api-keys/regenerate` answer: the new key in plain text, returned once. */
export const ApiKeyRegeneratedSchema = v.looseObject({
  id: v.string(),
  prefix: v.optional(v.string()),
  label: v.optional(v.nullable(v.string())),
  /** The new key (`lg_…`), shown once: store it now. */
  key: v.optional(v.string()),
  created_at: v.optional(v.string()),
});
/** A regenerated key. */
export type ApiKeyRegenerated = v.InferOutput<typeof ApiKeyRegeneratedSchema>;

/** Body of `apiKeys.regenerate`: none is documented; an object given is sent as is. */
export const ApiKeyRegenerateBody = v.optional(v.record(v.string(), v.unknown()));
/** Body of `apiKeys.regenerate` (none documented). */
export type ApiKeyRegenerateParams = Record<string, unknown>;

/** Rows of the API-key endpoints (API reference, API keys). */
export const apiKeyRoutes = {
  retrieve: route('GET /v1/api-keys/', {
    summary: "The workspace's one active API key (404 when there is none).",
    returns: ApiKeySchema,
    auth: 'either',
  }),
  regenerate: route('POST /v1/api-keys/regenerate', {
    summary: 'Revoke every key and create a new one (returned once). Never retried.',
    body: ApiKeyRegenerateBody,
    returns: ApiKeyRegeneratedSchema,
    auth: 'either',
  }),
};

/** The workspace's API key (one active key per workspace). */
export class ApiKeys extends APIResource {
  /**
   * `GET /v1/api-keys/` (API key or JWT): the one active key, so `retrieve`, not `list`.
   * 404 `NotFoundError` ("No active API key") when there is none.
   */
  retrieve(opts?: RequestOptions): APIPromise<ApiKey> {
    return this._call(apiKeyRoutes.retrieve, {}, opts);
  }

  /**
   * `POST /v1/api-keys/regenerate` (API key or JWT). Revokes **every** key, the one this client
   * uses included: the client does not swap keys, so build a new client with the returned `key`.
   * Never retried.
   */
  regenerate(body?: ApiKeyRegenerateParams, opts?: RequestOptions): APIPromise<ApiKeyRegenerated> {
    return this._call(apiKeyRoutes.regenerate, { body }, opts);
  }
}
