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
import { EmployeeSchema } from './employees.js';
import { type ListParams, listEnvelope, type OpenFilters, paginateList, TimestampSchema } from './shared.js';

/** Finding types (open) — vendors/push.md §9.7. */
export const FindingTypeSchema = openEnum([
  'MFA_NOT_REGISTERED',
  'REUSED_PASSWORD',
  'SHARED_ACCOUNT',
  'UNUSED_THIRD_PARTY_APP',
  'WEAK_PASSWORD',
  'LEAKED_PASSWORD',
  'PASSWORD_MANAGER_NOT_USED',
  'STOLEN_CREDENTIALS',
]);
/** A finding's type (open). */
export type FindingType = v.InferOutput<typeof FindingTypeSchema>;

/** `OPEN` | `RESOLVED` (open) — vendors/push.md §9.7. */
export const FindingStateSchema = openEnum(['OPEN', 'RESOLVED']);
/** A finding's state (open). */
export type FindingState = v.InferOutput<typeof FindingStateSchema>;

/**
 * A security finding: weak, reused or leaked passwords, missing MFA, shared accounts (vendors/push.md
 * §9.7). The API documents no severity for findings; rank them by `type`.
 */
export const FindingSchema = v.looseObject({
  id: v.string(),
  type: v.optional(FindingTypeSchema),
  state: v.optional(FindingStateSchema),
  /** `null` when not linked to an employee. */
  employeeId: v.optional(v.nullable(v.string())),
  employee: v.optional(v.nullable(EmployeeSchema)),
  /** Third-party observed. */
  passwordId: v.optional(v.string()),
  /** Third-party observed. */
  accountId: v.optional(v.string()),
  /** Third-party observed. */
  appType: v.optional(AppTypeSchema),
  /** Third-party observed. */
  appId: v.optional(v.string()),
  /** Third-party observed; values not captured. */
  weakPasswordReasons: v.optional(v.array(v.string())),
  /** UNIX seconds (third-party observed). */
  creationTimestamp: v.optional(TimestampSchema),
});
/** A finding. Unknown fields are kept. */
export type Finding = v.InferOutput<typeof FindingSchema>;

/** `{ result: Finding[], paging? }`. */
export const FindingListSchema = listEnvelope(FindingSchema);

/**
 * Filters of `findings.list`. Only `creationTimestampAfter` is known (third-party client); other filters
 * are passed through as-is (vendors/push.md §8.10).
 */
export interface FindingListParams extends ListParams {
  /** Only findings created at or after this UNIX time (seconds). */
  creationTimestampAfter?: number;
  [filter: string]: OpenFilters[string];
}

/** `push.findings`: identity-security findings. */
export class Findings extends APIResource {
  /**
   * Lists findings, every page. `GET /v1/findings`.
   *
   * ```ts
   * for await (const finding of push.findings.list()) if (finding.state === 'OPEN') console.log(finding.type);
   * ```
   *
   * @experimental Provisional: seen in a third-party client; filters unverified.
   */
  list(query: FindingListParams = {}, opts?: RequestOptions): Paginator<Finding> {
    return paginateList<Finding>(
      this._client,
      { where: 'findings.list', path: '/v1/findings', query, schema: FindingListSchema, experimental: true },
      opts,
    );
  }

  /**
   * Retrieves one finding. `GET /v1/findings/{id}`.
   *
   * @experimental Provisional: inferred from a docs slug.
   */
  retrieve(id: string, opts?: RequestOptions): APIPromise<Finding> {
    return this._client.request(
      { method: 'GET', path: path`/v1/findings/${id}`, schema: FindingSchema, experimental: true },
      opts,
    );
  }
}
