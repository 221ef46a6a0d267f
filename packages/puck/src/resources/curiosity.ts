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
  checkScope,
  cursorPage,
  DepthSchema,
  type Open,
  paginateCursor,
  type ScopeParam,
  ScopeSchema,
  voidResult,
} from './shared.js';

/**
 * A curiosity item: a standing question re-run on a schedule. The API page and the concept page
 * describe incompatible models (vendors/puck.md §13.7), so the schema accepts both and every field
 * except `id` is optional.
 */
export const CuriosityItemSchema = v.looseObject({
  id: v.string(),
  // API-page model (vendors/puck.md §10.8)
  query: v.optional(v.string()),
  interval: v.optional(v.string()),
  scope: v.optional(v.nullable(ScopeSchema)),
  depth: v.optional(v.nullable(DepthSchema)),
  first_run_at: v.optional(v.nullable(v.string())),
  active: v.optional(v.boolean()),
  next_run_at: v.optional(v.nullable(v.string())),
  // Concept-page model (docs.puck.security/concepts/curiosity-queue)
  schedule: v.optional(openEnum(['once', 'daily', 'weekly', 'monthly'])),
  priority: v.optional(openEnum(['low', 'medium', 'high'])),
  status: v.optional(openEnum(['queued', 'running', 'paused', 'completed', 'failed'])),
  last_run_at: v.optional(v.nullable(v.string())),
  last_result_id: v.optional(v.nullable(v.string())),
});
/** A curiosity-queue item. */
export type CuriosityItem = v.InferOutput<typeof CuriosityItemSchema>;

/** `GET /v1/curiosity` page: `{ items: [...], next_cursor }`. */
export const CuriosityPageSchema = cursorPage('items', CuriosityItemSchema);

/** Query of `curiosity.list`; `cursor`/`limit` are assumed like the other lists (api/puck.md row 13). */
export type CuriosityListParams = CursorParams;

/** Body of `curiosity.create` (vendors/puck.md §10.8). */
export interface CuriosityCreateParams {
  /** Required: the natural-language question. */
  query: string;
  /** Required: a duration such as `"1h"`, `"24h"`, `"7d"`. */
  interval: string;
  /** Same shape as an investigation's `scope`. */
  scope?: ScopeParam;
  /** `quick` | `standard` | `deep`. Server default `standard`. */
  depth?: Open<'quick' | 'standard' | 'deep'>;
  /** ISO-8601 time of the first run. Server default: immediately. */
  first_run_at?: string;
  /** Server default `true`. */
  active?: boolean;
}

/** Body of `curiosity.update`: any create field (the update body is assumed, api/puck.md row 15). */
export type CuriosityUpdateParams = Partial<CuriosityCreateParams> & Record<string, unknown>;

/** The curiosity queue: standing questions that re-run on a schedule. */
export class Curiosity extends APIResource {
  /**
   * `GET /v1/curiosity` (scope `curiosity:read`), sorted by `next_run_at` ascending.
   *
   * @throws InvalidInputError when `limit` is outside 1–1000.
   */
  list(query: CuriosityListParams = {}, opts?: RequestOptions): Paginator<CuriosityItem> {
    return paginateCursor<CuriosityItem>(
      this._client,
      { path: '/v1/curiosity', key: 'items', query, schema: CuriosityPageSchema },
      opts,
    );
  }

  /**
   * `POST /v1/curiosity` (scope `curiosity:write`). Not retried: a retry could queue the question twice.
   *
   * @throws InvalidInputError without `query` or `interval`.
   */
  create(body: CuriosityCreateParams, opts?: RequestOptions): APIPromise<CuriosityItem> {
    for (const field of ['query', 'interval'] as const) {
      if (typeof body?.[field] !== 'string' || body[field] === '') {
        throw new InvalidInputError(`body.${field} is required.`);
      }
    }
    checkScope(body.scope, 'body.scope');
    return this._client.request(
      { method: 'POST', path: '/v1/curiosity', body, schema: CuriosityItemSchema },
      opts,
    );
  }

  /**
   * `PATCH /v1/curiosity/{id}` (scope `curiosity:write`). Not retried.
   *
   * @experimental The path and method are assumed from the scope text ("update"); api/puck.md row 15.
   */
  update(id: string, body: CuriosityUpdateParams, opts?: RequestOptions): APIPromise<CuriosityItem> {
    checkScope(body?.scope, 'body.scope');
    return this._client.request(
      {
        method: 'PATCH',
        path: path`/v1/curiosity/${id}`,
        body,
        schema: CuriosityItemSchema,
        experimental: true,
      },
      opts,
    );
  }

  /**
   * `DELETE /v1/curiosity/{id}` (scope `curiosity:write`); resolves `undefined` on 200 or 204.
   *
   * @experimental The path is assumed from the scope text ("delete"); api/puck.md row 16.
   */
  delete(id: string, opts?: RequestOptions): APIPromise<void> {
    return this._client.request(
      { method: 'DELETE', path: path`/v1/curiosity/${id}`, experimental: true, ...voidResult },
      opts,
    );
  }
}
