import { type APIPromise, APIResource, openEnum, type Paginator, type RequestOptions } from '@quiver/core';
import { cursor, route } from '@quiver/core/internal';
import * as v from 'valibot';
import { CursorQuery, openInput } from './input.js';
import { type CursorParams, DepthSchema, ScopeInput, ScopeSchema } from './shared.js';

/**
 * A curiosity item: a standing question re-run on a schedule. Puck's API reference (Curiosity) and
 * its concept page (Curiosity queue) describe incompatible models, so the schema accepts both and
 * every field except `id` is optional.
 */
export const CuriosityItemSchema = v.looseObject({
  id: v.string(),
  // The API reference's model
  query: v.optional(v.string()),
  interval: v.optional(v.string()),
  scope: v.optional(v.nullable(ScopeSchema)),
  depth: v.optional(v.nullable(DepthSchema)),
  first_run_at: v.optional(v.nullable(v.string())),
  active: v.optional(v.boolean()),
  next_run_at: v.optional(v.nullable(v.string())),
  // The concept page's model
  schedule: v.optional(openEnum(['once', 'daily', 'weekly', 'monthly'])),
  priority: v.optional(openEnum(['low', 'medium', 'high'])),
  status: v.optional(openEnum(['queued', 'running', 'paused', 'completed', 'failed'])),
  last_run_at: v.optional(v.nullable(v.string())),
  last_result_id: v.optional(v.nullable(v.string())),
});
/** A curiosity-queue item. */
export type CuriosityItem = v.InferOutput<typeof CuriosityItemSchema>;

/** Query of `curiosity.list`; `cursor`/`limit` are assumed like the other lists. */
export type CuriosityListParams = CursorParams;

const curiosityFields = {
  /** Same shape as an investigation's `scope`. */
  scope: v.optional(ScopeInput),
  /** `quick` | `standard` | `deep`. Server default `standard`. */
  depth: v.optional(openInput(['quick', 'standard', 'deep'])),
  /** ISO-8601 time of the first run. Server default: immediately. */
  first_run_at: v.optional(v.string()),
  /** Server default `true`. */
  active: v.optional(v.boolean()),
};

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const CuriosityCreateBody = v.looseObject({
  /** Required: the natural-language question. */
  query: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  /** Required: a duration such as `"1h"`, `"24h"`, `"7d"`. */
  interval: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  ...curiosityFields,
});
/** Body of `curiosity.create` (Puck's API reference, Curiosity). */
export type CuriosityCreateParams = v.InferInput<typeof CuriosityCreateBody>;

// The update body is assumed to take any create field.
/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const CuriosityUpdateBody = v.looseObject({
  query: v.optional(v.string()),
  interval: v.optional(v.string()),
  ...curiosityFields,
});
/** Body of `curiosity.update`: any create field. */
export type CuriosityUpdateParams = v.InferInput<typeof CuriosityUpdateBody>;

/** The curiosity-queue endpoints. */
export const curiosityRoutes = {
  list: route('GET /v1/curiosity', {
    summary: 'List the curiosity queue, by next_run_at ascending.',
    query: CursorQuery,
    page: cursor({ items: 'items', item: CuriosityItemSchema }),
  }),
  create: route('POST /v1/curiosity', {
    summary: 'Queue a standing question.',
    body: CuriosityCreateBody,
    returns: CuriosityItemSchema,
  }),
  // Method and path assumed from the `curiosity:write` scope text ("update").
  update: route('PATCH /v1/curiosity/{id}', {
    summary: 'Update a curiosity item.',
    body: CuriosityUpdateBody,
    returns: CuriosityItemSchema,
    experimental: true,
  }),
  // Path assumed from the `curiosity:write` scope text ("delete").
  delete: route('DELETE /v1/curiosity/{id}', {
    summary: 'Delete a curiosity item.',
    empty: true,
    experimental: true,
  }),
};

/** The curiosity queue: standing questions that re-run on a schedule. */
export class Curiosity extends APIResource {
  /**
   * `GET /v1/curiosity` (scope `curiosity:read`), sorted by `next_run_at` ascending. Rejects with
   * `InvalidInputError` when `limit` is outside 1–1000.
   */
  list(query?: CuriosityListParams, opts?: RequestOptions): Paginator<CuriosityItem> {
    return this._call(curiosityRoutes.list, { query }, opts);
  }

  /**
   * `POST /v1/curiosity` (scope `curiosity:write`). Not retried: a retry could queue the question
   * twice. Rejects with `InvalidInputError` without `query` or `interval`.
   */
  create(body: CuriosityCreateParams, opts?: RequestOptions): APIPromise<CuriosityItem> {
    return this._call(curiosityRoutes.create, { body }, opts);
  }

  /**
   * `PATCH /v1/curiosity/{id}` (scope `curiosity:write`). Not retried.
   *
   * @experimental The path and method are assumed from the scope text ("update").
   */
  update(id: string, body: CuriosityUpdateParams, opts?: RequestOptions): APIPromise<CuriosityItem> {
    return this._call(curiosityRoutes.update, { id, body }, opts);
  }

  /**
   * `DELETE /v1/curiosity/{id}` (scope `curiosity:write`); resolves `undefined` on 200 or 204.
   *
   * @experimental The path is assumed from the scope text ("delete").
   */
  delete(id: string, opts?: RequestOptions): APIPromise<void> {
    return this._call(curiosityRoutes.delete, { id }, opts);
  }
}
