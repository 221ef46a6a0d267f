import { type APIPromise, APIResource, openEnum, type Paginator, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';
import { OrderParam, openInput, PageParam, PerPageParam, pwnbookPages } from './shared.js';

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

/** Engagement status (Pwnbook's API reference, Engagements: the `status` filter). Open. */
export const EngagementStatusSchema = openEnum(['active', 'archived']);
/** `active` | `archived`, or a status this SDK version does not know yet. */
export type EngagementStatus = v.InferOutput<typeof EngagementStatusSchema>;

/**
 * An engagement (Pwnbook's API reference, Engagements). Only `id` (`eng_…`) is required: the other
 * fields are known from examples only. `description` may be `null`: whether an omitted description is
 * absent or `null` is not documented.
 */
export const EngagementSchema = v.looseObject({
  id: v.string(),
  name: v.optional(v.string()),
  description: v.optional(v.nullable(v.string())),
  status: v.optional(EngagementStatusSchema),
  createdAt: v.optional(v.string()),
  updatedAt: v.optional(v.string()),
});
/** An engagement: a penetration test or assessment of the organization. */
export type Engagement = v.InferOutput<typeof EngagementSchema>;

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

/**
 * Query of `engagements.list` (Pwnbook's API reference, Engagements: list). The filters are sent on
 * every page; `page` is the first page to read (the paginator moves it on).
 */
export const EngagementListQuery = v.object({
  /** `active` or `archived`. Default: no filter. */
  status: v.optional(openInput<'active' | 'archived'>()),
  /** First page to read, 1-based. Default 1. */
  page: PageParam,
  /** Page size, 1–100. Server default 20. */
  perPage: PerPageParam,
  /** Sort field: `createdAt`, `updatedAt` or `name`. Server default not documented. */
  sort: v.optional(openInput<'createdAt' | 'updatedAt' | 'name'>()),
  /** `asc` or `desc`. Server default `desc`. */
  order: OrderParam,
});
/** Query of `engagements.list`: `status`, `page`, `perPage`, `sort`, `order`. */
export type EngagementListParams = v.InferInput<typeof EngagementListQuery>;

/** Body of `engagements.create` (Pwnbook's API reference, Engagements: create — the complete table). */
export const EngagementCreateBody = v.object({
  /** The engagement's name. Required; Pwnbook states no length limit. */
  name: v.pipe(v.string(), v.minLength(1, 'must be a non-empty string')),
  /** Free text. */
  description: v.optional(v.string()),
});
/** Body of `engagements.create`: `{ name, description? }`. */
export type EngagementCreateParams = v.InferInput<typeof EngagementCreateBody>;

/**
 * Body of `engagements.update`. The endpoint's fields were not readable in Pwnbook's docs: `name` and
 * `description` are the create fields; any other field you pass is sent as given.
 */
export const EngagementUpdateBody = v.looseObject({
  /** New name. */
  name: v.optional(v.pipe(v.string(), v.minLength(1, 'must be a non-empty string'))),
  /** New description (`null` to clear it, where the server allows). */
  description: v.optional(v.nullable(v.string())),
});
/** Body of `engagements.update`: `{ name?, description?, …any other field }`. */
export type EngagementUpdateParams = v.InferInput<typeof EngagementUpdateBody>;

/**
 * Optional body of `engagements.archive` / `unarchive`. Pwnbook's docs do not show one; whatever you
 * pass is sent as given, and nothing is sent without it.
 */
export const EngagementArchiveBody = v.optional(v.looseObject({}));
/** Optional body of `archive` / `unarchive`: any fields, sent as given. */
export type EngagementArchiveParams = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/** The endpoint rows of engagements (paths relative to the base URL, which ends in `/api`). */
export const engagementRoutes = {
  list: route('GET /v1/engagements', {
    summary: 'List the organization’s engagements, page by page (filters: status, sort, order).',
    query: EngagementListQuery,
    page: pwnbookPages(EngagementSchema),
  }),
  create: route('POST /v1/engagements', {
    summary: 'Create an engagement.',
    body: EngagementCreateBody,
    returns: EngagementSchema,
    envelope: 'data',
  }),
  retrieve: route('GET /v1/engagements/{id}', {
    summary: 'Retrieve one engagement.',
    returns: EngagementSchema,
    envelope: 'data',
  }),
  update: route('PATCH /v1/engagements/{id}', {
    summary: 'Update an engagement.',
    body: EngagementUpdateBody,
    returns: EngagementSchema,
    envelope: 'data',
  }),
  delete: route('DELETE /v1/engagements/{id}', {
    summary: 'Delete an engagement.',
    empty: true,
  }),
  archive: route('POST /v1/engagements/{id}/archive', {
    summary: 'Archive an engagement.',
    body: EngagementArchiveBody,
    returns: EngagementSchema,
    envelope: 'data',
  }),
  unarchive: route('POST /v1/engagements/{id}/unarchive', {
    summary: 'Unarchive an engagement.',
    body: EngagementArchiveBody,
    returns: EngagementSchema,
    envelope: 'data',
  }),
};

// ---------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------

/** Engagements of the key's organization. */
export class Engagements extends APIResource {
  /**
   * Lists engagements: `GET /v1/engagements`, `page`/`perPage` pages until `meta.totalPages`
   * (scope `engagements:read`). `status`, `sort` and `order` are sent on every page.
   *
   * @throws InvalidInputError when `perPage` is not 1–100 or `page` is below 1 (nothing is sent).
   */
  list(query?: EngagementListParams, opts?: RequestOptions): Paginator<Engagement> {
    return this._call(engagementRoutes.list, { query }, opts);
  }

  /**
   * Creates an engagement: `POST /v1/engagements` (scope `engagements:write`). Never retried (no
   * idempotency is documented; a repeat could create a duplicate).
   */
  create(body: EngagementCreateParams, opts?: RequestOptions): APIPromise<Engagement> {
    return this._call(engagementRoutes.create, { body }, opts);
  }

  /** Reads one engagement: `GET /v1/engagements/{id}` (scope `engagements:read`). */
  retrieve(id: string, opts?: RequestOptions): APIPromise<Engagement> {
    return this._call(engagementRoutes.retrieve, { id }, opts);
  }

  /** Updates an engagement: `PATCH /v1/engagements/{id}` (scope `engagements:write`). Not retried. */
  update(id: string, body: EngagementUpdateParams, opts?: RequestOptions): APIPromise<Engagement> {
    return this._call(engagementRoutes.update, { id, body }, opts);
  }

  /**
   * Deletes an engagement: `DELETE /v1/engagements/{id}` (scope `engagements:delete`). Resolves
   * `undefined` whether the server answers 200 with a body or 204.
   */
  delete(id: string, opts?: RequestOptions): APIPromise<void> {
    return this._call(engagementRoutes.delete, { id }, opts);
  }

  /** Archives an engagement: `POST /v1/engagements/{id}/archive` (scope `engagements:write`). Not retried. */
  archive(id: string, body?: EngagementArchiveParams, opts?: RequestOptions): APIPromise<Engagement> {
    return this._call(engagementRoutes.archive, { id, body }, opts);
  }

  /** Unarchives an engagement: `POST /v1/engagements/{id}/unarchive` (scope `engagements:write`). Not retried. */
  unarchive(id: string, body?: EngagementArchiveParams, opts?: RequestOptions): APIPromise<Engagement> {
    return this._call(engagementRoutes.unarchive, { id, body }, opts);
  }
}
