import {
  type APIPromise,
  APIResource,
  openEnum,
  type Paginator,
  poll,
  type RequestOptions,
} from '@quiver/core';
import { cursor, int, offset, route } from '@quiver/core/internal';
import * as v from 'valibot';
import { type PollOptions, splitWait, waitDefaults } from '../wait.js';
import { IdInput, optNum, optObject, optStr, type SuccessResult, SuccessResultSchema } from './shared.js';

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

/** `person` or `company` (immutable after creation); open, as every enum here. */
export const LeadTypeSchema = openEnum(['person', 'company']);

/** A Lead's name parts (Puffle's API reference, Leads: the canonical Lead object). */
export const LeadNameSchema = v.looseObject({
  full: optStr,
  short: optStr,
  aliases: v.optional(v.nullable(v.array(v.string()))),
  first: optStr,
  last: optStr,
});

/** A Lead's company reference. */
export const LeadCompanySchema = v.looseObject({ name: optStr, id: optStr, domain: optStr });
/** A Lead's location. */
export const LeadLocationSchema = v.looseObject({
  city: optStr,
  state: optStr,
  country: optStr,
  raw: optStr,
});

/**
 * The canonical Lead: one reusable workspace record that Lists only reference. The samples show
 * one key for `socials`/`contacts`/`sources`; their full sub-schemas were not readable, so they are loose.
 */
export const LeadSchema = v.looseObject({
  id: v.string(),
  type: v.optional(LeadTypeSchema),
  name: v.optional(v.nullable(LeadNameSchema)),
  lists: v.optional(v.nullable(v.array(v.looseObject({ id: optStr, name: optStr })))),
  sources: v.optional(v.nullable(v.array(v.looseObject({ id: optStr })))),
  createdAt: optStr,
  updatedAt: optStr,
  location: v.optional(v.nullable(LeadLocationSchema)),
  socials: v.optional(v.nullable(v.array(v.looseObject({ url: optStr })))),
  contacts: v.optional(v.nullable(v.array(v.looseObject({ value: optStr })))),
  attributes: optObject,
  raw: optObject,
  title: optStr,
  company: v.optional(v.nullable(LeadCompanySchema)),
});
/** A workspace Lead (person or company). */
export type Lead = v.InferOutput<typeof LeadSchema>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const LeadListQuery = v.object({
  type: v.optional(v.string()),
  limit: v.optional(int({ min: 1 })),
  cursor: v.optional(v.string()),
  q: v.optional(v.string()),
  name: v.optional(v.string()),
  title: v.optional(v.string()),
  role: v.optional(v.string()),
  company: v.optional(v.string()),
  domain: v.optional(v.string()),
  email: v.optional(v.string()),
  industry: v.optional(v.string()),
  location: v.optional(v.string()),
});
/** Filters of `leads.list` (the page size's maximum is undocumented). */
export type LeadListParams = v.InferInput<typeof LeadListQuery>;

const LeadFields = {
  name: v.optional(
    v.looseObject({
      full: v.optional(v.string()),
      short: v.optional(v.string()),
      aliases: v.optional(v.array(v.string())),
      first: v.optional(v.string()),
      last: v.optional(v.string()),
    }),
  ),
  title: v.optional(v.string()),
  company: v.optional(
    v.looseObject({
      name: v.optional(v.string()),
      id: v.optional(v.string()),
      domain: v.optional(v.string()),
    }),
  ),
  location: v.optional(
    v.looseObject({
      city: v.optional(v.string()),
      state: v.optional(v.string()),
      country: v.optional(v.string()),
      raw: v.optional(v.string()),
    }),
  ),
  socials: v.optional(v.array(v.looseObject({ url: v.string() }))),
  contacts: v.optional(v.array(v.looseObject({ value: v.string() }))),
  domain: v.optional(v.string()),
  industry: v.optional(v.string()),
  size: v.optional(v.union([v.string(), v.number()])),
  attributes: v.optional(v.record(v.string(), v.unknown())),
  raw: v.optional(v.record(v.string(), v.unknown())),
};

/** One Lead-create object (also the item of `lists.import`). `type` and `name` are required per the CLI. */
export const LeadCreateBody = v.looseObject({
  type: v.picklist(['person', 'company'], "must be 'person' or 'company'"),
  ...LeadFields,
  name: v.looseObject({
    full: v.optional(v.string()),
    short: v.optional(v.string()),
    aliases: v.optional(v.array(v.string())),
    first: v.optional(v.string()),
    last: v.optional(v.string()),
  }),
  sources: v.optional(v.array(v.looseObject({ id: v.string() }))),
  listIds: v.optional(v.array(v.string())),
});
/** Body of `leads.create`. Send stable identifiers (LinkedIn URL, work email, domain) so Puffle can de-duplicate. */
export type LeadCreateParams = v.InferInput<typeof LeadCreateBody>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const LeadUpdateBody = v.looseObject(LeadFields);
/** Body of `leads.update` (`type` is not writable; the id is the first argument). */
export type LeadUpdateParams = v.InferInput<typeof LeadUpdateBody>;

/** Lead Search task statuses (values from the older generation; the current page types a string). */
export const LeadSearchStatusSchema = openEnum(['pending', 'running', 'completed', 'failed']);

/** A Lead Search task (`GET /api/leads/search`). */
export const LeadSearchTaskSchema = v.looseObject({
  id: v.string(),
  type: v.optional(openEnum(['lead_search'])),
  status: v.optional(LeadSearchStatusSchema),
  statusUrl: optStr,
  resultListId: optStr,
  prompt: optStr,
  title: optStr,
  filters: optObject,
  resultCount: optNum,
  errorMessage: optStr,
  createdAt: optStr,
  completedAt: optStr,
});
/** A Lead Search task. */
export type LeadSearchTask = v.InferOutput<typeof LeadSearchTaskSchema>;

/** `{ task, list }` of `POST /api/leads/search` (multi-key: returned whole). */
export const LeadSearchStartedSchema = v.looseObject({
  task: LeadSearchTaskSchema,
  list: v.optional(v.nullable(v.looseObject({ id: v.string(), name: optStr }))),
});
/** A started (or continued) Lead Search. */
export type LeadSearchStarted = v.InferOutput<typeof LeadSearchStartedSchema>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const LeadSearchCreateBody = v.object({
  prompt: v.pipe(v.string(), v.minLength(1, 'must be a non-empty string')),
  /** The server clamps it to 2 500 new rows per run; larger values are sent as given. */
  fetch_count: int({ min: 1 }),
  listId: v.optional(v.string()),
  listName: v.optional(v.string()),
});
/** Body of `leads.search.create` (`fetch_count` snake_case as on the wire). */
export type LeadSearchCreateParams = v.InferInput<typeof LeadSearchCreateBody>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const LeadSearchListQuery = v.object({ taskId: v.optional(v.string()) });
/** Query of `leads.search.list`. */
export type LeadSearchListParams = v.InferInput<typeof LeadSearchListQuery>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const LeadSearchResultsQuery = v.object({
  taskId: v.optional(v.string()),
  offset: v.optional(int({ min: 0 })),
  limit: v.optional(int({ min: 1 })),
});
/** Query of `leads.search.results.list` (usually `{ taskId }`). */
export type LeadSearchResultsParams = v.InferInput<typeof LeadSearchResultsQuery>;

/** A raw result row of a Lead Search task: its page was not found, so rows are untyped. */
export const LeadSearchResultSchema = v.unknown();

/** Terminal Lead Search statuses. Unknown statuses keep a waiter polling. */
export const LEAD_SEARCH_TERMINAL: ReadonlySet<string> = new Set(['completed', 'failed']);

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/** The endpoint rows of Leads and Lead Search. */
export const leadRoutes = {
  list: route('GET /api/leads', {
    summary: 'List and filter Leads (cursor: nextCursor).',
    query: LeadListQuery,
    page: cursor({ items: 'leads', item: LeadSchema, next: 'nextCursor', hasMore: 'hasMore' }),
  }),
  retrieve: route('GET /api/leads', {
    summary: 'One Lead, by the documented id filter (no /api/leads/{id} route exists).',
    query: v.object({ id: IdInput }),
    envelope: 'leads',
    pick: 'first',
    returns: LeadSchema,
  }),
  create: route('POST /api/leads', {
    summary: 'Create a Lead.',
    body: LeadCreateBody,
    envelope: 'lead',
    returns: LeadSchema,
  }),
  update: route('PATCH /api/leads', {
    summary: 'Update a Lead (id in the body).',
    bodyId: 'id',
    body: LeadUpdateBody,
    envelope: 'lead',
    returns: LeadSchema,
  }),
  delete: route('DELETE /api/leads', {
    summary: 'Delete a Lead workspace-wide (id in the body).',
    bodyId: 'id',
    returns: SuccessResultSchema,
  }),
  searchCreate: route('POST /api/leads/search', {
    summary: 'Start or continue a Lead Search task (never retried: a repeat bills a new batch).',
    body: LeadSearchCreateBody,
    returns: LeadSearchStartedSchema,
  }),
  searchList: route('GET /api/leads/search', {
    summary: 'The 20 most recent Lead Search tasks.',
    query: LeadSearchListQuery,
    envelope: 'tasks',
    returns: v.array(LeadSearchTaskSchema),
  }),
  searchRetrieve: route('GET /api/leads/search', {
    summary: 'One Lead Search task, by the taskId filter.',
    query: v.object({ taskId: IdInput }),
    envelope: 'tasks',
    pick: 'first',
    returns: LeadSearchTaskSchema,
  }),
  searchResults: route('GET /api/leads/search/results', {
    summary: 'Raw result rows of a Lead Search task (offset pages).',
    query: LeadSearchResultsQuery,
    page: offset({ items: 'results', firstArray: true, item: LeadSearchResultSchema, total: 'total' }),
    experimental: true,
  }),
};

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

/** `GET /api/leads/search/results`. */
export class LeadSearchResults extends APIResource {
  /**
   * Raw result rows of a task, offset by offset. Its own page is missing from Puffle's docs: the rows
   * are untyped, read from `results` (or the body's only array).
   */
  list(query?: LeadSearchResultsParams, opts?: RequestOptions): Paginator<unknown> {
    return this._call(leadRoutes.searchResults, { query }, opts);
  }
}

/** Lead Search tasks: `POST/GET /api/leads/search`. */
export class LeadSearch extends APIResource {
  /** Raw result rows of a task. */
  readonly results: LeadSearchResults = new LeadSearchResults(this._client);

  /** Start a task, or continue one (same prompt and List: the next batch). One active task per List (409). */
  create(body: LeadSearchCreateParams, opts?: RequestOptions): APIPromise<LeadSearchStarted> {
    return this._call(leadRoutes.searchCreate, { body }, opts);
  }
  /** The 20 most recent tasks. */
  list(query?: LeadSearchListParams, opts?: RequestOptions): APIPromise<LeadSearchTask[]> {
    return this._call(leadRoutes.searchList, { query }, opts);
  }
  /** One task (`NotFoundError` when the filter matches none). */
  retrieve(taskId: string, opts?: RequestOptions): APIPromise<LeadSearchTask> {
    return this._call(leadRoutes.searchRetrieve, { query: { taskId } }, opts);
  }
  /**
   * Polls the task until `completed` or `failed` (every 7 s by default, inside the documented 5–10 s;
   * 15 min timeout, an undocumented choice). Resolves with the final task: check its `status`.
   */
  waitForCompletion(taskId: string, opts: PollOptions<LeadSearchTask> = {}): Promise<LeadSearchTask> {
    return poll({
      what: `Puffle lead search ${taskId}`,
      fetch: (signal) => this.retrieve(taskId, { signal }),
      status: (task) => task.status,
      isDone: (status) => status !== undefined && LEAD_SEARCH_TERMINAL.has(status),
      ...waitDefaults(opts, 7_000, 15 * 60_000),
    });
  }
  /** `create` once (never retried), then `waitForCompletion` on `task.id`; resolves `{ task: <final>, list }`. */
  async createAndWait(
    body: LeadSearchCreateParams,
    opts: RequestOptions & PollOptions<LeadSearchTask> = {},
  ): Promise<LeadSearchStarted> {
    const [request, wait] = splitWait(opts);
    const started = await this.create(body, request);
    const task = await this.waitForCompletion(started.task.id, wait);
    return { ...started, task };
  }
}

/** Workspace Leads: `/api/leads`. */
export class Leads extends APIResource {
  /** Lead Search tasks. */
  readonly search: LeadSearch = new LeadSearch(this._client);

  /** Every Lead matching the filters, page by page (`nextCursor`). */
  list(query?: LeadListParams, opts?: RequestOptions): Paginator<Lead> {
    return this._call(leadRoutes.list, { query }, opts);
  }
  /** One Lead by id (`GET /api/leads?id=`); `NotFoundError` when none matches. */
  retrieve(id: string, opts?: RequestOptions): APIPromise<Lead> {
    return this._call(leadRoutes.retrieve, { query: { id } }, opts);
  }
  /** Create a Lead (never retried). */
  create(body: LeadCreateParams, opts?: RequestOptions): APIPromise<Lead> {
    return this._call(leadRoutes.create, { body }, opts);
  }
  /** Update a Lead; the id is written into the body. */
  update(id: string, body: LeadUpdateParams, opts?: RequestOptions): APIPromise<Lead> {
    return this._call(leadRoutes.update, { id, body }, opts);
  }
  /** Delete a Lead and its List memberships (use `lists.leads.delete` to drop it from one List). */
  delete(id: string, opts?: RequestOptions): APIPromise<SuccessResult> {
    return this._call(leadRoutes.delete, { id }, opts);
  }
}
