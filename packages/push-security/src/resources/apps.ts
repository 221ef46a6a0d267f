import {
  type APIPromise,
  APIResource,
  openEnum,
  type Paginator,
  path,
  type RequestOptions,
} from '@quiver/core';
import * as v from 'valibot';
import { AppTypeSchema } from './accounts.js';
import {
  checkBody,
  type ListParams,
  listEnvelope,
  type OpenFilters,
  paginateList,
  TimestampSchema,
} from './shared.js';

/** `APPROVED` | `NOT_APPROVED` | `UNDER_REVIEW` (open) — vendors/push.md §9.4. */
export const ApprovalStatusSchema = openEnum(['APPROVED', 'NOT_APPROVED', 'UNDER_REVIEW']);
/** An app's approval status (open). */
export type ApprovalStatus = v.InferOutput<typeof ApprovalStatusSchema>;

/** `HIGH` | `MEDIUM` | `LOW` (open) — vendors/push.md §9.4. */
export const SensitivityLevelSchema = openEnum(['HIGH', 'MEDIUM', 'LOW']);
/** An app's sensitivity level (open). */
export type SensitivityLevel = v.InferOutput<typeof SensitivityLevelSchema>;

/** A SaaS app in use in the organisation (vendors/push.md §9.4). */
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
  // The docs print `notes` as string but the update body clears it with null (vendors/push.md §8.2),
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

/**
 * Filters of `apps.list`. Only `creationTimestampAfter` is known (third-party client); other filters are
 * passed through as-is because the official list is unknown (api/push-security.md row 4).
 */
export interface AppListParams extends ListParams {
  /** Only apps first seen at or after this UNIX time (seconds). */
  creationTimestampAfter?: number;
  [filter: string]: OpenFilters[string];
}

/**
 * Body of `apps.update` (vendors/push.md §8.2). Every field is optional; `null` clears a field and is
 * sent as an explicit `null`, while `undefined` fields are left out.
 */
export interface AppUpdateParams {
  /** Desired approval status; `null` unsets it. */
  approvalStatus?: 'APPROVED' | 'NOT_APPROVED' | 'UNDER_REVIEW' | null;
  /** Desired sensitivity; `null` unsets it. */
  sensitivityLevel?: 'HIGH' | 'MEDIUM' | 'LOW' | null;
  /** Notes, e.g. `"Last security audit: 16 January 2024"`; `null` deletes them. */
  notes?: string | null;
  /** Employee id of the app owner; `null` unsets the owner. */
  ownerId?: string | null;
}

/** `push.apps`: the SaaS apps Push has discovered. */
export class Apps extends APIResource {
  /**
   * Lists apps, every page. `GET /v1/apps`.
   *
   * @experimental Provisional: seen only in third-party code; filters unverified.
   */
  list(query: AppListParams = {}, opts?: RequestOptions): Paginator<App> {
    return paginateList<App>(
      this._client,
      { where: 'apps.list', path: '/v1/apps', query, schema: AppListSchema, experimental: true },
      opts,
    );
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
    checkBody('body', body);
    return this._client.request(
      { method: 'PATCH', path: path`/v1/apps/${id}`, body, schema: AppSchema },
      opts,
    );
  }
}
