import { APIResource, openEnum, type Paginator, type RequestOptions } from '@quiver/core';
import * as v from 'valibot';
import { type ListParams, listEnvelope, type OpenFilters, paginateList, TimestampSchema } from './shared.js';

/**
 * A browser with the Push extension (vendors/push.md §9.5 — third-party fields only). Enum values are
 * not documented; `CHROME` and `MACOS` appear in webhook samples, so both enums are open.
 */
export const BrowserSchema = v.looseObject({
  id: v.string(),
  employeeId: v.optional(v.string()),
  email: v.optional(v.string()),
  /** Browser version. */
  version: v.optional(v.string()),
  tokenType: v.optional(v.string()),
  isActive: v.optional(v.boolean()),
  // push2sentinel tags it `Browser` (vendors/push.md §11 contradiction 7); Go matches keys
  // case-insensitively, so the wire key is taken to be `browser`.
  browser: v.optional(openEnum(['CHROME'])),
  os: v.optional(openEnum(['MACOS'])),
  /** Version of the Push extension. */
  extensionVersion: v.optional(v.string()),
  /** UNIX seconds. */
  creationTimestamp: v.optional(TimestampSchema),
  /** UNIX seconds. */
  lastOnlineTimestamp: v.optional(TimestampSchema),
});
/** A browser. Unknown fields are kept. */
export type Browser = v.InferOutput<typeof BrowserSchema>;

/** `{ result: Browser[], paging? }`. */
export const BrowserListSchema = listEnvelope(BrowserSchema);

/**
 * Filters of `browsers.list`. Only `lastOnlineTimestampAfter` is known (third-party client); other
 * filters are passed through as-is (vendors/push.md §8.3).
 */
export interface BrowserListParams extends ListParams {
  /** Only browsers online at or after this UNIX time (seconds). */
  lastOnlineTimestampAfter?: number;
  [filter: string]: OpenFilters[string];
}

/** `push.browsers`: browsers running the Push extension. */
export class Browsers extends APIResource {
  /**
   * Lists browsers, every page. `GET /v1/browsers`.
   *
   * @experimental Provisional: from a docs slug and a third-party client; fields third-party only.
   */
  list(query: BrowserListParams = {}, opts?: RequestOptions): Paginator<Browser> {
    return paginateList<Browser>(
      this._client,
      { where: 'browsers.list', path: '/v1/browsers', query, schema: BrowserListSchema, experimental: true },
      opts,
    );
  }
}
