import { APIResource, openEnum, type Paginator, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';
import { listEnvelope, listPage, openListQuery, TimestampSchema, unixSeconds } from './shared.js';

/**
 * A browser with the Push extension (fields from a third-party client only; no docs page describes them). Enum values are
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
  // push2sentinel tags it `Browser`; Go matches keys
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

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const BrowserListQuery = openListQuery('browsers.list', {
  /** Only browsers online at or after this UNIX time (seconds). */
  lastOnlineTimestampAfter: v.optional(unixSeconds()),
});
/**
 * Filters of `browsers.list`. Only `lastOnlineTimestampAfter` is known (third-party client); other
 * filters are passed through as-is, because the official filter list is not published.
 */
export type BrowserListParams = v.InferInput<typeof BrowserListQuery>;

/** The browser endpoints. */
export const browserRoutes = {
  list: route('GET /v1/browsers', {
    summary: 'List browsers, every page.',
    query: BrowserListQuery,
    page: listPage(BrowserSchema),
    experimental: true,
  }),
};

/** `push.browsers`: browsers running the Push extension. */
export class Browsers extends APIResource {
  /**
   * Lists browsers, every page. `GET /v1/browsers`.
   *
   * @experimental Provisional: from a docs slug and a third-party client; fields third-party only.
   */
  list(query?: BrowserListParams, opts?: RequestOptions): Paginator<Browser> {
    return this._call(browserRoutes.list, { query }, opts);
  }
}
