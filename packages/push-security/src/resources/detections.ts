import { type APIPromise, APIResource, type Paginator, path, type RequestOptions } from '@quiver/core';
import * as v from 'valibot';
import { EmployeeSchema } from './employees.js';
import {
  anyEnum,
  checkBody,
  type ListParams,
  listEnvelope,
  type Open,
  type OpenFilters,
  paginateList,
  TimestampSchema,
} from './shared.js';

/** `LOW` | `MEDIUM` | `HIGH` | `CRITICAL` (open; typed `any` in the docs) — vendors/push.md §9.3. */
export const DetectionSeveritySchema = anyEnum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
/** A detection's severity (open). */
export type DetectionSeverity = v.InferOutput<typeof DetectionSeveritySchema>;

/** `PHISHING` | `STOLEN_CREDENTIALS` | `BLOCKED_URL` | `MALWARE_DELIVERY` (open) — vendors/push.md §9.3. */
export const DetectionTypeSchema = anyEnum([
  'PHISHING',
  'STOLEN_CREDENTIALS',
  'BLOCKED_URL',
  'MALWARE_DELIVERY',
]);
/** A detection's type (open). */
export type DetectionType = v.InferOutput<typeof DetectionTypeSchema>;

/** `BLOCKED` | `NOT_BLOCKED` | … (open; the documented list was cut off) — vendors/push.md §9.3. */
export const DetectionResponseSchema = anyEnum(['BLOCKED', 'NOT_BLOCKED']);
/** What Push did about a detection (open). */
export type DetectionResponse = v.InferOutput<typeof DetectionResponseSchema>;

/** A detection: phishing, stolen credentials, a blocked URL, malware (vendors/push.md §9.3). */
export const DetectionSchema = v.looseObject({
  id: v.string(),
  /** The employee that triggered it. */
  employeeId: v.optional(v.string()),
  employee: v.optional(EmployeeSchema),
  /** The browser used when it triggered. */
  browserId: v.optional(v.string()),
  /**
   * `LOW` = blocked by Push; `MEDIUM` = detected in Warn mode; `HIGH` = not blocked; `CRITICAL` = not
   * blocked and the password was entered (vendors/push.md §9.3).
   */
  severity: v.optional(DetectionSeveritySchema),
  detectionType: v.optional(DetectionTypeSchema),
  response: v.optional(DetectionResponseSchema),
  /** Third-party observed. */
  archived: v.optional(v.boolean()),
  /** UNIX seconds (third-party observed). */
  creationTimestamp: v.optional(TimestampSchema),
});
/** A detection. Unknown fields (URL, app, …) are kept. */
export type Detection = v.InferOutput<typeof DetectionSchema>;

/** `{ result: Detection[], paging? }`. */
export const DetectionListSchema = listEnvelope(DetectionSchema);

/**
 * Filters of `detections.list` (vendors/push.md §8.5). `creationTimestampAfter` is used by a third-party
 * client; `severity`, `archived` and `detectionType` are suggested there but unverified. Other filters are
 * passed through as-is.
 */
export interface DetectionListParams extends ListParams {
  /** Only detections created at or after this UNIX time (seconds). */
  creationTimestampAfter?: number;
  /** Unverified filter. */
  severity?: Open<'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL'>;
  /** Unverified filter. */
  archived?: boolean;
  /** Unverified filter. */
  detectionType?: Open<'PHISHING' | 'STOLEN_CREDENTIALS' | 'BLOCKED_URL' | 'MALWARE_DELIVERY'>;
  [filter: string]: OpenFilters[string];
}

/**
 * Body of `detections.update`. Undocumented (vendors/push.md §8.7); `archived` is plausible, and
 * anything else is sent as given.
 */
export interface DetectionUpdateParams {
  /** Archive (`true`) or unarchive (`false`) the detection. */
  archived?: boolean;
  [field: string]: unknown;
}

/** `push.detections`: phishing and credential-theft detections. */
export class Detections extends APIResource {
  /**
   * Lists detections, every page. `GET /v1/detections`.
   *
   * @experimental Provisional: seen in a third-party client; filters unverified.
   */
  list(query: DetectionListParams = {}, opts?: RequestOptions): Paginator<Detection> {
    return paginateList<Detection>(
      this._client,
      {
        where: 'detections.list',
        path: '/v1/detections',
        query,
        schema: DetectionListSchema,
        experimental: true,
      },
      opts,
    );
  }

  /** Retrieves one detection. `GET /v1/detections/{id}`. */
  retrieve(id: string, opts?: RequestOptions): APIPromise<Detection> {
    return this._client.request(
      { method: 'GET', path: path`/v1/detections/${id}`, schema: DetectionSchema },
      opts,
    );
  }

  /**
   * Updates a detection (e.g. `{ archived: true }`). `PATCH /v1/detections/{id}`. Needs a Full access
   * key. Not retried.
   *
   * @experimental Provisional: inferred from a docs slug; the body is undocumented.
   */
  update(id: string, body: DetectionUpdateParams, opts?: RequestOptions): APIPromise<Detection> {
    checkBody('body', body);
    return this._client.request(
      {
        method: 'PATCH',
        path: path`/v1/detections/${id}`,
        body,
        schema: DetectionSchema,
        experimental: true,
      },
      opts,
    );
  }
}
