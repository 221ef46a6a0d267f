import {
  type APIPromise,
  APIResource,
  InvalidInputError,
  type Paginator,
  path,
  type RequestOptions,
} from '@quiver/core';
import * as v from 'valibot';
import { type CursorParams, cursorPage, type Open, paginateCursor, SeveritySchema } from './shared.js';

/**
 * One observation on one endpoint (vendors/puck.md §9.6). The object's schema was not captured: only
 * `id`, `severity` and `discovered_at` are named in prose, so only `id` is required and the rest
 * (confidence, reasoning chain, …) is kept by looseness under whatever names the brain uses.
 */
export const FindingSchema = v.looseObject({
  id: v.string(),
  severity: v.optional(v.nullable(SeveritySchema)),
  discovered_at: v.optional(v.string()),
  investigation_id: v.optional(v.nullable(v.string())),
  dismissed: v.optional(v.boolean()),
});
/** A finding. */
export type Finding = v.InferOutput<typeof FindingSchema>;

/** `GET /v1/findings` page: `{ findings: [...], next_cursor }`. */
export const FindingPageSchema = cursorPage('findings', FindingSchema);

/** Query of `findings.list` (vendors/puck.md §9.6). */
export interface FindingListParams extends CursorParams {
  /** Only findings of this severity. */
  severity?: Open<'low' | 'medium' | 'high' | 'critical'>;
  /** Only findings of this investigation. */
  investigation_id?: string;
  /** `true` lists dismissed findings instead. Server default `false`. */
  dismissed?: boolean;
}

/** Why a finding is dismissed (vendors/puck.md §9.7); open, so new reasons are accepted. */
export type DismissReason = Open<'false_positive' | 'accepted_risk' | 'resolved' | 'duplicate'>;

/** Body of `findings.dismiss`. */
export interface FindingDismissParams {
  /** Required: `false_positive`, `accepted_risk`, `resolved` or `duplicate`. */
  reason: DismissReason;
  /** Free text for the audit log. */
  notes?: string;
}

/** Findings: list and dismiss. */
export class Findings extends APIResource {
  /**
   * `GET /v1/findings` (scope `findings:read`), newest first by `discovered_at`, cursor-paginated.
   *
   * @throws InvalidInputError when `limit` is outside 1–1000.
   */
  list(query: FindingListParams = {}, opts?: RequestOptions): Paginator<Finding> {
    return paginateCursor<Finding>(
      this._client,
      { path: '/v1/findings', key: 'findings', query, schema: FindingPageSchema },
      opts,
    );
  }

  /**
   * `POST /v1/findings/{id}/dismiss` (scope `findings:dismiss`). Documented idempotent
   * (vendors/puck.md §9.7), so it is retried like a GET. The response was not shown: returned as parsed.
   *
   * @throws InvalidInputError without `body.reason`.
   */
  dismiss(id: string, body: FindingDismissParams, opts?: RequestOptions): APIPromise<unknown> {
    if (typeof body?.reason !== 'string' || body.reason === '') {
      throw new InvalidInputError(
        'body.reason is required: false_positive, accepted_risk, resolved or duplicate.',
      );
    }
    return this._client.request(
      { method: 'POST', path: path`/v1/findings/${id}/dismiss`, body, idempotent: true },
      opts,
    );
  }
}
