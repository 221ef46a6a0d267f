import { type APIPromise, APIResource, openEnum, type Paginator, type RequestOptions } from '@quiver/core';
import { cursor, int, route } from '@quiver/core/internal';
import * as v from 'valibot';
import { type Lead, LeadCreateBody, LeadSchema } from './leads.js';
import {
  batch,
  IdInput,
  nonEmpty,
  optBool,
  optNum,
  optObject,
  optStr,
  type SuccessResult,
  SuccessResultSchema,
} from './shared.js';

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

/** `person` (default), `company` or `mixed` (from the create body; open). */
export const ListLeadTypeSchema = openEnum(['person', 'company', 'mixed']);

/**
 * A List (Puffle's API reference, Lists). The older generation named the count `rowCount` and the
 * task `activeSearchId`; those are kept by looseness when an older server sends them.
 */
export const ListSchema = v.looseObject({
  id: v.string(),
  name: optStr,
  description: optStr,
  leadCount: optNum,
  personCount: optNum,
  companyCount: optNum,
  createdAt: optStr,
  updatedAt: optStr,
  activeSearchTaskId: optStr,
  searchFilters: optObject,
  leadType: v.optional(v.nullable(ListLeadTypeSchema)),
});
/** A List of Leads (Leads are referenced, never copied). */
export type List = v.InferOutput<typeof ListSchema>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const ListListQuery = v.object({ includeStats: v.optional(v.boolean()) });
/** Query of `lists.list`: `includeStats` is probable (CLI `--include-stats`), not confirmed. */
export type ListListParams = v.InferInput<typeof ListListQuery>;

const leadType = v.optional(
  v.picklist(['person', 'company', 'mixed'], "must be 'person', 'company' or 'mixed'"),
);

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const ListCreateBody = v.object({
  name: v.optional(v.string()),
  description: v.optional(v.nullable(v.string())),
  leadType,
  leadIds: v.optional(v.array(IdInput)),
});
/** Body of `lists.create`; every field optional (name defaults to "Untitled List"). */
export type ListCreateParams = v.InferInput<typeof ListCreateBody>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const ListUpdateBody = v.object({
  name: v.optional(v.string()),
  description: v.optional(v.nullable(v.string())),
  leadType,
});
/** Body of `lists.update` (the default List `all` is immutable). */
export type ListUpdateParams = v.InferInput<typeof ListUpdateBody>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const ListLeadsQuery = v.object({
  limit: v.optional(int({ min: 1, max: 500 })),
  cursor: v.optional(v.string()),
  type: v.optional(v.string()),
});
/** Query of `lists.leads.list`: `limit` 1–500, `type`. */
export type ListLeadsListParams = v.InferInput<typeof ListLeadsQuery>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const LeadIdsBody = v.object({ leadIds: nonEmpty(IdInput) });
/** Body of `lists.leads.create` / `lists.leads.delete`: `leadIds` (at least one). */
export type ListLeadsParams = v.InferInput<typeof LeadIdsBody>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const ListImportBody = v.object({
  leads: batch(LeadCreateBody, 1, 500),
  listId: v.optional(v.string()),
  preview: v.optional(v.boolean()),
});
/** Body of `lists.import`: 1–500 Lead-create objects. */
export type ListImportParams = v.InferInput<typeof ListImportBody>;

/**
 * `POST /api/lists/import`. Only the preview shape is documented (`{ preview: { leadCount,
 * personCount, companyCount } }`); the non-preview body is passed through loosely.
 */
export const ListImportResultSchema = v.looseObject({
  preview: v.optional(
    v.nullable(v.looseObject({ leadCount: optNum, personCount: optNum, companyCount: optNum })),
  ),
  list: v.optional(v.nullable(ListSchema)),
  success: optBool,
});
/** The result of an import (or its preview). */
export type ListImportResult = v.InferOutput<typeof ListImportResultSchema>;

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/** The endpoint rows of Lists. */
export const listRoutes = {
  list: route('GET /api/lists', {
    summary: 'Every List (unpaginated).',
    query: ListListQuery,
    envelope: 'lists',
    returns: v.array(ListSchema),
    experimental: true,
  }),
  create: route('POST /api/lists', {
    summary: 'Create a List.',
    body: v.optional(ListCreateBody),
    envelope: 'list',
    returns: ListSchema,
  }),
  update: route('PATCH /api/lists', {
    summary: 'Update a List (id in the body).',
    bodyId: 'id',
    body: ListUpdateBody,
    envelope: 'list',
    returns: ListSchema,
  }),
  delete: route('DELETE /api/lists', {
    summary: 'Delete a List (id in the body); its Leads survive.',
    bodyId: 'id',
    returns: SuccessResultSchema,
  }),
  leadsList: route('GET /api/lists/{listId}/leads', {
    summary: 'The Leads of a List (cursor: nextCursor, hasMore).',
    query: ListLeadsQuery,
    page: cursor({ items: 'leads', item: LeadSchema, next: 'nextCursor', hasMore: 'hasMore' }),
  }),
  leadsCreate: route('POST /api/lists/{listId}/leads', {
    summary: 'Add existing Leads to a List.',
    body: LeadIdsBody,
    envelope: 'list',
    returns: ListSchema,
  }),
  leadsDelete: route('DELETE /api/lists/{listId}/leads', {
    summary: 'Remove Leads from a List (they stay in the workspace).',
    body: LeadIdsBody,
    envelope: 'list',
    returns: ListSchema,
  }),
  import: route('POST /api/lists/import', {
    summary: 'Import normalized Lead objects (1–500), or preview the import.',
    body: ListImportBody,
    returns: ListImportResultSchema,
  }),
};

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

/** Membership of Leads in a List: `/api/lists/{id}/leads`. */
export class ListLeads extends APIResource {
  /** The Leads of a List, page by page. */
  list(listId: string, query?: ListLeadsListParams, opts?: RequestOptions): Paginator<Lead> {
    return this._call(listRoutes.leadsList, { listId, query }, opts);
  }
  /** Add existing Leads (memberships; nothing is copied). Never retried. */
  create(listId: string, body: ListLeadsParams, opts?: RequestOptions): APIPromise<List> {
    return this._call(listRoutes.leadsCreate, { listId, body }, opts);
  }
  /** Remove Leads from this List only. */
  delete(listId: string, body: ListLeadsParams, opts?: RequestOptions): APIPromise<List> {
    return this._call(listRoutes.leadsDelete, { listId, body }, opts);
  }
}

/** Lists: `/api/lists`. */
export class Lists extends APIResource {
  /** Leads in a List. */
  readonly leads: ListLeads = new ListLeads(this._client);

  /** Every List. Provisional: only the older generation's page documents this route. */
  list(query?: ListListParams, opts?: RequestOptions): APIPromise<List[]> {
    return this._call(listRoutes.list, { query }, opts);
  }
  /** Create a List (never retried). */
  create(body?: ListCreateParams, opts?: RequestOptions): APIPromise<List> {
    return this._call(listRoutes.create, { body }, opts);
  }
  /** Update a List; the id is written into the body. */
  update(id: string, body: ListUpdateParams, opts?: RequestOptions): APIPromise<List> {
    return this._call(listRoutes.update, { id, body }, opts);
  }
  /** Delete a List; its Leads survive. The List `all` cannot be deleted. */
  delete(id: string, opts?: RequestOptions): APIPromise<SuccessResult> {
    return this._call(listRoutes.delete, { id }, opts);
  }
  /** Import 1–500 normalized Leads (or `preview: true` for counts only). Never retried. */
  import(body: ListImportParams, opts?: RequestOptions): APIPromise<ListImportResult> {
    return this._call(listRoutes.import, { body }, opts);
  }
}
