import { type APIPromise, APIResource, openEnum, type Paginator, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';
import { EmployeeSchema } from './employees.js';
import {
  anyEnum,
  listEnvelope,
  listPage,
  objectBody,
  openListQuery,
  TimestampSchema,
  unixSeconds,
} from './shared.js';

/** `LOW` | `MEDIUM` | `HIGH` | `CRITICAL` (open; typed `any` in the docs) (Push Security API docs, Retrieve a detection). */
export const DetectionSeveritySchema = anyEnum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
/** A detection's severity (open). */
export type DetectionSeverity = v.InferOutput<typeof DetectionSeveritySchema>;

/** `PHISHING` | `STOLEN_CREDENTIALS` | `BLOCKED_URL` | `MALWARE_DELIVERY` (open) (Push Security API docs, Retrieve a detection). */
export const DetectionTypeSchema = anyEnum([
  'PHISHING',
  'STOLEN_CREDENTIALS',
  'BLOCKED_URL',
  'MALWARE_DELIVERY',
]);
/** A detection's type (open). */
export type DetectionType = v.InferOutput<typeof DetectionTypeSchema>;

/** `BLOCKED` | `NOT_BLOCKED` | … (open; the documented list was cut off) (Push Security API docs, Retrieve a detection). */
export const DetectionResponseSchema = anyEnum(['BLOCKED', 'NOT_BLOCKED']);
/** What Push did about a detection (open). */
export type DetectionResponse = v.InferOutput<typeof DetectionResponseSchema>;

/** A detection: phishing, stolen credentials, a blocked URL, malware (Push Security API docs, Retrieve a detection). */
export const DetectionSchema = v.looseObject({
  id: v.string(),
  /** The employee that triggered it. */
  employeeId: v.optional(v.string()),
  employee: v.optional(EmployeeSchema),
  /** The browser used when it triggered. */
  browserId: v.optional(v.string()),
  /**
   * `LOW` = blocked by Push; `MEDIUM` = detected in Warn mode; `HIGH` = not blocked; `CRITICAL` = not
   * blocked and the password was entered (Push Security API docs, Retrieve a detection).
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

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const DetectionListQuery = openListQuery('detections.list', {
  /** Only detections created at or after this UNIX time (seconds). */
  creationTimestampAfter: v.optional(unixSeconds()),
  /** Unverified filter. */
  severity: v.optional(openEnum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'])),
  /** Unverified filter. */
  archived: v.optional(v.boolean()),
  /** Unverified filter. */
  detectionType: v.optional(openEnum(['PHISHING', 'STOLEN_CREDENTIALS', 'BLOCKED_URL', 'MALWARE_DELIVERY'])),
});
/**
 * Filters of `detections.list`. `creationTimestampAfter` is used by a third-party client; `severity`,
 * `archived` and `detectionType` are suggested there but unverified. Other filters are passed through
 * as-is.
 */
export type DetectionListParams = v.InferInput<typeof DetectionListQuery>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const DetectionUpdateBody = objectBody({
  /** Archive (`true`) or unarchive (`false`) the detection. */
  archived: v.optional(v.boolean()),
});
/**
 * Body of `detections.update`. Undocumented (the docs page exists but its body was not published
 * readably); `archived` is plausible, and anything else is sent as given.
 */
export type DetectionUpdateParams = v.InferInput<typeof DetectionUpdateBody>;

/** The detection endpoints. */
export const detectionRoutes = {
  list: route('GET /v1/detections', {
    summary: 'List detections, every page.',
    query: DetectionListQuery,
    page: listPage(DetectionSchema),
    experimental: true,
  }),
  retrieve: route('GET /v1/detections/{id}', { summary: 'Retrieve a detection.', returns: DetectionSchema }),
  update: route('PATCH /v1/detections/{id}', {
    summary: 'Update a detection (e.g. archive it).',
    body: DetectionUpdateBody,
    returns: DetectionSchema,
    experimental: true,
  }),
};

/** `push.detections`: phishing and credential-theft detections. */
export class Detections extends APIResource {
  /**
   * Lists detections, every page. `GET /v1/detections`.
   *
   * @experimental Provisional: seen in a third-party client; filters unverified.
   */
  list(query?: DetectionListParams, opts?: RequestOptions): Paginator<Detection> {
    return this._call(detectionRoutes.list, { query }, opts);
  }

  /** Retrieves one detection. `GET /v1/detections/{id}`. */
  retrieve(id: string, opts?: RequestOptions): APIPromise<Detection> {
    return this._call(detectionRoutes.retrieve, { id }, opts);
  }

  /**
   * Updates a detection (e.g. `{ archived: true }`). `PATCH /v1/detections/{id}`. Needs a Full access
   * key. Not retried.
   *
   * @experimental Provisional: inferred from a docs slug; the body is undocumented.
   */
  update(id: string, body: DetectionUpdateParams, opts?: RequestOptions): APIPromise<Detection> {
    return this._call(detectionRoutes.update, { id, body }, opts);
  }
}
