import { type APIPromise, APIResource, openEnum, type Paginator, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';
import { AppTypeSchema } from './accounts.js';
import { EmployeeSchema } from './employees.js';
import { listEnvelope, listPage, openListQuery, TimestampSchema, unixSeconds } from './shared.js';

/** Finding types (open) (Push Security webhooks docs, Finding event). */
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

/** `OPEN` | `RESOLVED` (open) (Push Security webhooks docs, Finding event). */
export const FindingStateSchema = openEnum(['OPEN', 'RESOLVED']);
/** A finding's state (open). */
export type FindingState = v.InferOutput<typeof FindingStateSchema>;

/**
 * A security finding: weak, reused or leaked passwords, missing MFA, shared accounts (Push Security webhooks docs,
 * Finding event). The API documents no severity for findings; rank them by `type`.
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

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const FindingListQuery = openListQuery('findings.list', {
  /** Only findings created at or after this UNIX time (seconds). */
  creationTimestampAfter: v.optional(unixSeconds()),
});
/**
 * Filters of `findings.list`. Only `creationTimestampAfter` is known (third-party client); other filters
 * are passed through as-is, because the official filter list is not published.
 */
export type FindingListParams = v.InferInput<typeof FindingListQuery>;

/** The finding endpoints. */
export const findingRoutes = {
  list: route('GET /v1/findings', {
    summary: 'List findings, every page.',
    query: FindingListQuery,
    page: listPage(FindingSchema),
    experimental: true,
  }),
  retrieve: route('GET /v1/findings/{id}', {
    summary: 'Retrieve one finding.',
    returns: FindingSchema,
    experimental: true,
  }),
};

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
  list(query?: FindingListParams, opts?: RequestOptions): Paginator<Finding> {
    return this._call(findingRoutes.list, { query }, opts);
  }

  /**
   * Retrieves one finding. `GET /v1/findings/{id}`.
   *
   * @experimental Provisional: inferred from a docs slug.
   */
  retrieve(id: string, opts?: RequestOptions): APIPromise<Finding> {
    return this._call(findingRoutes.retrieve, { id }, opts);
  }
}
