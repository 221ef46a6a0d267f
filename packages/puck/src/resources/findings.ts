import { type APIPromise, APIResource, type Paginator, type RequestOptions } from '@quiver/core';
import { cursor, route } from '@quiver/core/internal';
import * as v from 'valibot';
import { cursorQuery, openInput } from './input.js';
import { type Open, SeveritySchema } from './shared.js';

/**
 * One observation on one endpoint (Puck's API reference, Findings). The object's schema is not
 * published: only `id`, `severity` and `discovered_at` are named in prose, so only `id` is required
 * and the rest (confidence, reasoning chain, …) is kept by looseness under whatever names the brain uses.
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

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const FindingListQuery = v.looseObject({
  ...cursorQuery,
  /** Only findings of this severity. */
  severity: v.optional(openInput(['low', 'medium', 'high', 'critical'])),
  /** Only findings of this investigation. */
  investigation_id: v.optional(v.string()),
  /** `true` lists dismissed findings instead. Server default `false`. */
  dismissed: v.optional(v.boolean()),
});
/** Query of `findings.list` (Puck's API reference, Findings). */
export type FindingListParams = v.InferInput<typeof FindingListQuery>;

/** The documented reasons for dismissing a finding (Puck's API docs, “Dismiss a finding”). */
export const DISMISS_REASONS = ['false_positive', 'accepted_risk', 'resolved', 'duplicate'] as const;
/** Why a finding is dismissed (Puck's API reference, Findings: dismiss); open, so new reasons are accepted. */
export type DismissReason = Open<(typeof DISMISS_REASONS)[number]>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const FindingDismissBody = v.looseObject({
  /** Required: `false_positive`, `accepted_risk`, `resolved` or `duplicate`. */
  reason: v.pipe(openInput(DISMISS_REASONS), v.minLength(1, 'must not be empty')),
  /** Free text for the audit log. */
  notes: v.optional(v.string()),
});
/** Body of `findings.dismiss`. */
export type FindingDismissParams = v.InferInput<typeof FindingDismissBody>;

/** The findings endpoints. */
export const findingRoutes = {
  list: route('GET /v1/findings', {
    summary: 'List findings, newest first by discovered_at.',
    query: FindingListQuery,
    page: cursor({ items: 'findings', item: FindingSchema }),
  }),
  // Documented idempotent (Puck's API reference, Findings: dismiss), so it is retried like a GET.
  dismiss: route('POST /v1/findings/{id}/dismiss', {
    summary: 'Dismiss a finding.',
    body: FindingDismissBody,
    retrySafe: true,
  }),
};

/** Findings: list and dismiss. */
export class Findings extends APIResource {
  /**
   * `GET /v1/findings` (scope `findings:read`), newest first by `discovered_at`, cursor-paginated.
   * Rejects with `InvalidInputError` when `limit` is outside 1–1000.
   */
  list(query?: FindingListParams, opts?: RequestOptions): Paginator<Finding> {
    return this._call(findingRoutes.list, { query }, opts);
  }

  /**
   * `POST /v1/findings/{id}/dismiss` (scope `findings:dismiss`). Documented idempotent, so it is
   * retried like a GET. The response is not documented: returned as parsed. Rejects with
   * `InvalidInputError` without `body.reason`.
   */
  dismiss(id: string, body: FindingDismissParams, opts?: RequestOptions): APIPromise<unknown> {
    return this._call(findingRoutes.dismiss, { id, body }, opts);
  }
}
