import {
  cursorPagination,
  ensureLimit,
  InvalidInputError,
  offsetPagination,
  openEnum,
  type Paginator,
  type QueryParams,
  type QuiverClient,
  type RequestOptions,
} from '@quiver/core';
import * as v from 'valibot';

/**
 * Schemas and list plumbing shared by the Push Security resources. Response schemas are
 * `v.looseObject`s where only `id` is required: the docs print types but not requiredness
 * (api/push-security.md §3), and Push adds fields without a new API version.
 */

/** An open string: the documented values for autocomplete, any other string accepted (from core). */
export type { Open } from '@quiver/core';

/**
 * An enum the docs type as `any` (vendors/push.md §11 contradiction 5): validated as an open string
 * enum, and a non-string value is kept as received instead of failing validation. Clients seen in the
 * wild only ever receive strings, so the TypeScript type is the open string.
 */
export function anyEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return v.union([
    openEnum(values),
    v.pipe(
      v.unknown(),
      v.transform((raw) => raw as T[number] | (string & {})),
    ),
  ]);
}

/** An integer UNIX time in seconds (vendors/push.md §1). Kept a number; see `toUnixSeconds`. */
export const TimestampSchema = v.number();

/** The `paging` block of a list body (vendors/push.md §5, third-party observed). */
export const PagingSchema = v.looseObject({
  /** `true` while there is another page to fetch. */
  moreResults: v.optional(v.boolean()),
  /** Token to send as `nextToken` for the next page. */
  nextToken: v.optional(v.nullable(v.string())),
});
/** `{ moreResults?, nextToken? }`. */
export type Paging = v.InferOutput<typeof PagingSchema>;

/** `{ result: T[], paging? }`: the body of every list call (vendors/push.md §5). */
export function listEnvelope<S extends v.GenericSchema>(item: S) {
  return v.looseObject({ result: v.array(item), paging: v.optional(PagingSchema) });
}

/** The validated body of one list page. */
export interface ListEnvelope<T> {
  /** The records of this page (vendors/push.md §5). */
  result: T[];
  /** Where the next page is, when the API sends it (third-party observed, vendors/push.md §5). */
  paging?: Paging | undefined;
}

/**
 * Pagination parameters of every list (vendors/push.md §5). Pass `nextToken` **or** `offset`, never
 * both: the API forbids combining them.
 */
export interface ListParams {
  /** Page size. Server default and maximum are undocumented (third-party clients use 200). */
  limit?: number;
  /** Token of the page to fetch (token mode, the default). The paginator fills it in for you. */
  nextToken?: string;
  /**
   * Number of records to skip. Passing it switches the paginator to offset mode: the next offset is
   * `offset + items received`, and it stops on a short or empty page.
   */
  offset?: number;
}

/** Extra filters passed through as-is where the official filter list is unknown (vendors/push.md §11 gap 4). */
export type OpenFilters = Record<
  string,
  string | number | boolean | readonly (string | number | boolean)[] | undefined
>;

// A seconds value this large is a year past 5000: it is almost certainly Date.now() milliseconds.
const MAX_SECONDS = 99_999_999_999;

/**
 * Checks list parameters before anything is sent: `nextToken` and `offset` together, page sizes, and
 * the `*TimestampAfter/Before` filters (integer UNIX **seconds**; a millisecond value is caught).
 */
export function checkListParams(where: string, query: Record<string, unknown>): void {
  if (query.nextToken !== undefined && query.offset !== undefined) {
    throw new InvalidInputError(
      `${where}: pass either nextToken or offset, not both — the Push Security API cannot combine them.`,
    );
  }
  ensureLimit(query.limit as number | undefined, { name: 'limit', min: 1 });
  ensureLimit(query.offset as number | undefined, { name: 'offset', min: 0 });
  if (query.nextToken !== undefined && (typeof query.nextToken !== 'string' || query.nextToken === '')) {
    throw new InvalidInputError(`${where}: nextToken must be a non-empty string.`);
  }
  for (const [name, value] of Object.entries(query)) {
    if (!/Timestamp(After|Before)$/.test(name) || value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new InvalidInputError(
        `${name} must be an integer UNIX time in seconds; got ${value instanceof Date ? 'a Date' : String(value)}. Use toUnixSeconds(date).`,
      );
    }
    if (value > MAX_SECONDS) {
      throw new InvalidInputError(
        `${name} must be UNIX seconds, but ${value} looks like milliseconds. Use toUnixSeconds(date) or Math.floor(ms / 1000).`,
      );
    }
  }
}

/**
 * One list call in either pagination mode (api/push-security.md §1 "Pagination"):
 * - token mode (default): the next request carries `nextToken=paging.nextToken` while
 *   `paging.moreResults === true` and the token is non-empty; without a `paging` block it stops after
 *   one page;
 * - offset mode (the caller passed `offset`): next offset = offset + items received, stopping on a
 *   short or empty page.
 */
export function paginateList<Item>(
  client: QuiverClient,
  spec: {
    where: string;
    path: string;
    query: Record<string, unknown>;
    schema: v.GenericSchema;
    experimental?: boolean;
  },
  opts?: RequestOptions,
): Paginator<Item> {
  checkListParams(spec.where, spec.query);
  const pagination =
    spec.query.offset !== undefined
      ? offsetPagination<Item>({ items: 'result', offsetParam: 'offset', limitParam: 'limit' })
      : cursorPagination<Item>({
          items: 'result',
          nextCursor: (body: ListEnvelope<Item>) =>
            body.paging?.moreResults === true ? (body.paging.nextToken ?? undefined) : undefined,
          cursorParam: 'nextToken',
        });
  return client.paginate<Item>(
    {
      path: spec.path,
      query: spec.query as QueryParams,
      schema: spec.schema,
      pagination,
      experimental: spec.experimental,
    },
    opts,
  );
}

/** Checks that a write body is a plain object (or absent, where allowed). */
export function checkBody(name: string, body: unknown, optional = false): void {
  if (body === undefined && optional) return;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidInputError(
      `${name} must be an object; got ${Array.isArray(body) ? 'an array' : String(body)}.`,
    );
  }
}
