import { openEnum } from '@quiver/core';
import { cursor, int, offset, pageByQuery } from '@quiver/core/internal';
import * as v from 'valibot';

/**
 * Schemas shared by the Push Security resources. Response schemas are `v.looseObject`s where only
 * `id` is required: the docs print types but not requiredness, and Push adds fields without a new
 * API version.
 */

/** An open string: the documented values for autocomplete, any other string accepted (from core). */
export type { Open } from '@quiver/core';

/**
 * An enum the docs type as `any` (with an enum beside it): validated as an open string enum, and a
 * non-string value is kept as received instead of failing validation. Clients seen in the wild only
 * ever receive strings, so the TypeScript type is the open string.
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

/** An integer UNIX time in seconds (Push Security API docs, Conventions). Kept a number; see `toUnixSeconds`. */
export const TimestampSchema = v.number();

/** The `paging` block of a list body (seen in a third-party client; not in the docs). */
export const PagingSchema = v.looseObject({
  /** `true` while there is another page to fetch. */
  moreResults: v.optional(v.boolean()),
  /** Token to send as `nextToken` for the next page. */
  nextToken: v.optional(v.nullable(v.string())),
});
/** `{ moreResults?, nextToken? }`. */
export type Paging = v.InferOutput<typeof PagingSchema>;

/** `{ result: T[], paging? }`: the body of every list call (Push Security API docs, Pagination). */
export function listEnvelope<S extends v.GenericSchema>(item: S) {
  return v.looseObject({ result: v.array(item), paging: v.optional(PagingSchema) });
}

/** The validated body of one list page. */
export interface ListEnvelope<T> {
  /** The records of this page. */
  result: T[];
  /** Where the next page is, when the API sends it (seen in a third-party client). */
  paging?: Paging | undefined;
}

/**
 * How every list pages (Push Security API docs, Pagination): token mode by default — the next request
 * carries `nextToken=paging.nextToken` until `paging.moreResults` is `false` or no token comes back
 * (without a `paging` block, one page) — and offset mode when the caller passed `offset`: next offset =
 * offset + items received, stopping on a short or empty page.
 */
export function listPage<const I extends v.GenericSchema>(item: I) {
  return pageByQuery({
    param: 'offset',
    whenPresent: offset({ items: 'result', item }),
    otherwise: cursor({
      items: 'result',
      item,
      next: 'paging.nextToken',
      param: 'nextToken',
      hasMore: 'paging.moreResults',
    }),
  });
}

// A seconds value this large is a year past 5000: it is almost certainly Date.now() milliseconds.
const MAX_SECONDS = 99_999_999_999;

function secondsProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    return `must be an integer UNIX time in seconds; got ${value instanceof Date ? 'a Date' : String(value)}. Use toUnixSeconds(date).`;
  }
  if (value > MAX_SECONDS) {
    return `must be UNIX seconds, but ${value} looks like milliseconds. Use toUnixSeconds(date) or Math.floor(ms / 1000).`;
  }
  return undefined;
}

/** A `*TimestampAfter/Before` filter: integer UNIX **seconds** (a millisecond value is caught). */
export function unixSeconds() {
  return v.custom<number>(
    (value) => secondsProblem(value) === undefined,
    (issue) => secondsProblem(issue.input) ?? '',
  );
}

/** Pagination parameters of every list. Pass `nextToken` **or** `offset`, never both. */
export const listEntries = {
  /** Page size. Server default and maximum are undocumented (third-party clients use 200). */
  limit: v.optional(int({ min: 1 })),
  /** Token of the page to fetch (token mode, the default). The paginator fills it in for you. */
  nextToken: v.optional(v.pipe(v.string(), v.minLength(1, 'must be a non-empty string.'))),
  /**
   * Number of records to skip. Passing it switches the paginator to offset mode: the next offset is
   * `offset + items received`, and it stops on a short or empty page.
   */
  offset: v.optional(int({ min: 0 })),
};

/** Pagination parameters of every list (Push Security API docs, Pagination). */
export type ListParams = v.InferInput<v.ObjectSchema<typeof listEntries, undefined>>;

/** Extra filters passed through as-is where the official filter list is unknown. */
export type OpenFilters = Record<
  string,
  string | number | boolean | readonly (string | number | boolean)[] | undefined
>;

function listChecks<T extends object>(where: string) {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const query = dataset.value as Record<string, unknown>;
    if (query.nextToken !== undefined && query.offset !== undefined) {
      addIssue({
        message: `cannot be combined with nextToken; ${where}: pass either nextToken or offset, not both — the Push Security API cannot combine them.`,
        path: [{ type: 'object', origin: 'value', input: query, key: 'offset', value: query.offset }],
      });
    }
    for (const [key, value] of Object.entries(query)) {
      if (!/Timestamp(After|Before)$/.test(key) || value === undefined) continue;
      const problem = secondsProblem(value);
      if (problem)
        addIssue({ message: problem, path: [{ type: 'object', origin: 'value', input: query, key, value }] });
    }
  });
}

/**
 * The query schema of a list: its filters plus `limit`/`nextToken`/`offset`, with the checks every
 * list shares: `nextToken` and `offset` together are refused (the docs forbid combining them), and
 * every `*TimestampAfter/Before` filter must be UNIX seconds. `where` (`accounts.list`) names the call.
 */
export function listQuery<const E extends v.ObjectEntries>(where: string, entries: E) {
  const schema = v.object({ ...listEntries, ...entries });
  return v.pipe(schema, listChecks<v.InferOutput<typeof schema>>(where));
}

/**
 * `listQuery` for lists whose official filter list is unknown: filters it does not name are sent
 * as given (strings, numbers, booleans or arrays of them), and checked like the named ones.
 */
export function openListQuery<const E extends v.ObjectEntries>(where: string, entries: E) {
  const scalar = v.union([v.string(), v.number(), v.boolean()]);
  const schema = v.objectWithRest(
    { ...listEntries, ...entries },
    v.union([scalar, v.array(scalar), v.undefined()]),
  );
  return v.pipe(schema, listChecks<v.InferOutput<typeof schema>>(where));
}

/**
 * A write body: an object (not `null`, not an array) whose named fields are checked and whose other
 * fields are sent exactly as given.
 */
export function objectBody<const E extends v.ObjectEntries>(entries: E) {
  const message = (issue: v.BaseIssue<unknown>) =>
    `must be an object; got ${Array.isArray(issue.input) ? 'an array' : String(issue.input)}.`;
  const body = v.looseObject(entries, message);
  // A loose object alone would accept an array (and copy it into an object): refuse it first.
  return v.pipe(
    v.custom<v.InferInput<typeof body>>(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
      message,
    ),
    body,
  );
}
