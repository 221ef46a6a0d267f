import { type APIPromise, APIResource, openEnum, type Paginator, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';
import { AppTypeSchema } from './accounts.js';
import { listEnvelope, listPage, objectBody, openListQuery, TimestampSchema, unixSeconds } from './shared.js';

/** `APPROVED` | `NOT_APPROVED` | `UNDER_REVIEW` (open) (Push Security API docs, Update an app). */
export const ApprovalStatusSchema = openEnum(['APPROVED', 'NOT_APPROVED', 'UNDER_REVIEW']);
/** An app's approval status (open). */
export type ApprovalStatus = v.InferOutput<typeof ApprovalStatusSchema>;

/** `HIGH` | `MEDIUM` | `LOW` (open) (Push Security API docs, Update an app). */
export const SensitivityLevelSchema = openEnum(['HIGH', 'MEDIUM', 'LOW']);
/** An app's sensitivity level (open). */
export type SensitivityLevel = v.InferOutput<typeof SensitivityLevelSchema>;

/** A SaaS app in use in the organisation (Push Security API docs, Update an app). */
export const AppSchema = v.looseObject({
  id: v.string(),
  /** App type as an enum value, e.g. `ZAPIER`. */
  type: v.optional(AppTypeSchema),
  /** `null` when unset. */
  approvalStatus: v.optional(v.nullable(ApprovalStatusSchema)),
  /** `null` when unset. */
  sensitivityLevel: v.optional(v.nullable(SensitivityLevelSchema)),
  /** Employee id of the owner, or `null`. */
  ownerId: v.optional(v.nullable(v.string())),
  // The docs print `notes` as string but the update body clears it with null (Push Security API docs, Update an app),
  // so a cleared app plausibly answers null.
  notes: v.optional(v.nullable(v.string())),
  website: v.optional(v.string()),
  description: v.optional(v.string()),
  friendlyName: v.optional(v.string()),
  labels: v.optional(v.array(v.string())),
  /** When first observed, UNIX seconds. */
  creationTimestamp: v.optional(TimestampSchema),
});
/** An app. Unknown fields are kept. */
export type App = v.InferOutput<typeof AppSchema>;

/** `{ result: App[], paging? }`. */
export const AppListSchema = listEnvelope(AppSchema);

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const AppListQuery = openListQuery('apps.list', {
  /** Only apps first seen at or after this UNIX time (seconds). */
  creationTimestampAfter: v.optional(unixSeconds()),
});
/**
 * Filters of `apps.list`. Only `creationTimestampAfter` is known (third-party client); other filters are
 * passed through as-is, because the official filter list is not published.
 */
export type AppListParams = v.InferInput<typeof AppListQuery>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const AppUpdateBody = objectBody({
  /** Desired approval status; `null` unsets it. */
  approvalStatus: v.optional(v.nullable(v.picklist(['APPROVED', 'NOT_APPROVED', 'UNDER_REVIEW']))),
  /** Desired sensitivity; `null` unsets it. */
  sensitivityLevel: v.optional(v.nullable(v.picklist(['HIGH', 'MEDIUM', 'LOW']))),
  /** Notes, e.g. `"Last security audit: 16 January 2024"`; `null` deletes them. */
  notes: v.optional(v.nullable(v.string())),
  /** Employee id of the app owner; `null` unsets the owner. */
  ownerId: v.optional(v.nullable(v.string())),
});
/**
 * Body of `apps.update` (Push Security API docs, Update an app). Every field is optional; `null` clears
 * a field and is sent as an explicit `null`, while `undefined` fields are left out.
 */
export type AppUpdateParams = v.InferInput<typeof AppUpdateBody>;

/** The app endpoints. */
export const appRoutes = {
  list: route('GET /v1/apps', {
    summary: 'List apps, every page.',
    query: AppListQuery,
    page: listPage(AppSchema),
    experimental: true,
  }),
  update: route('PATCH /v1/apps/{id}', {
    summary: "Update an app's approval status, sensitivity, notes or owner.",
    body: AppUpdateBody,
    returns: AppSchema,
  }),
};

/** `push.apps`: the SaaS apps Push has discovered. */
export class Apps extends APIResource {
  /**
   * Lists apps, every page. `GET /v1/apps`.
   *
   * @experimental Provisional: seen only in third-party code; filters unverified.
   */
  list(query?: AppListParams, opts?: RequestOptions): Paginator<App> {
    return this._call(appRoutes.list, { query }, opts);
  }

  /**
   * Updates an app's approval status, sensitivity, notes or owner. `PATCH /v1/apps/{id}`. Needs a
   * Full access key. Not retried (nothing documents it as idempotent).
   *
   * ```ts
   * await push.apps.update(appId, { approvalStatus: 'APPROVED', ownerId: null });
   * ```
   */
  update(id: string, body: AppUpdateParams, opts?: RequestOptions): APIPromise<App> {
    return this._call(appRoutes.update, { id, body }, opts);
  }
}
