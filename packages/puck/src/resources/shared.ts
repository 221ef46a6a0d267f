import {
  cursorPagination,
  ensureLimit,
  InvalidInputError,
  type Open,
  openEnum,
  type Paginator,
  type QueryParams,
  type QuiverClient,
  type RequestOptions,
} from '@quiver/core';
import * as v from 'valibot';

/**
 * Schemas and argument checks shared by several Puck resources. Every response schema is a
 * `v.looseObject` (unknown keys are kept) with open enums, because Puck may add fields and enum
 * values inside `v1` (vendors/puck.md §1, "Versioning policy").
 */

export type { Open };

/** Finding / report / event severity (vendors/puck.md §9.4). Open: new levels are accepted. */
export const SeveritySchema = openEnum(['low', 'medium', 'high', 'critical']);
/** `low` | `medium` | `high` | `critical`, or a level this SDK version does not know yet. */
export type Severity = v.InferOutput<typeof SeveritySchema>;

/** Investigation / curiosity depth (vendors/puck.md §10.8). */
export const DepthSchema = openEnum(['quick', 'standard', 'deep']);
/** `quick` | `standard` | `deep`. */
export type Depth = v.InferOutput<typeof DepthSchema>;

/**
 * Target selector of an investigation or curiosity item (vendors/puck.md §9.1). Only samples are
 * documented, so every field is optional and `type` is open (`selector`, `fleet`, …).
 */
export const ScopeSchema = v.looseObject({
  type: v.optional(openEnum(['selector', 'fleet'])),
  filter: v.optional(
    v.looseObject({
      tags: v.optional(v.record(v.string(), v.string())),
      last_seen_within: v.optional(v.string()),
    }),
  ),
});
/** A target selector, e.g. `{ type: 'selector', filter: { tags: { team: 'engineering' } } }`. */
export type Scope = v.InferOutput<typeof ScopeSchema>;

/** A target selector as sent in a request body. */
export interface ScopeParam {
  /** `selector` (with `filter`) or `fleet`; other values are passed through. */
  type?: Open<'selector' | 'fleet'>;
  /** Which endpoints a `selector` scope matches. */
  filter?: {
    /** Every pair must be present on the endpoint. */
    tags?: Record<string, string>;
    /** A duration such as `"15m"`, `"24h"`, `"7d"` (`^\d+(s|m|h|d)$`). */
    last_seen_within?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Query parameters of every cursor-paginated list (vendors/puck.md §6). */
export interface CursorParams {
  /** Opaque cursor from a previous page's `next_cursor`. The paginator fills it in for you. */
  cursor?: string;
  /** Page size, 1–1000. Server default: 100. */
  limit?: number;
}

const DURATION = /^\d+(s|m|h|d)$/;

/**
 * Checks a scope the way the server would (vendors/puck.md §3, the `last_seen_within` example), so a
 * typo fails before an investigation is queued. `name` is the parameter as the caller spelled it.
 */
export function checkScope(scope: ScopeParam | undefined, name: string): void {
  const window = scope?.filter?.last_seen_within;
  if (window !== undefined && (typeof window !== 'string' || !DURATION.test(window))) {
    throw new InvalidInputError(
      `${name}.filter.last_seen_within must be a duration matching ^\\d+(s|m|h|d)$ (e.g. "24h"); got ${JSON.stringify(window)}.`,
    );
  }
}

/** Checks `limit` against the documented page-size range 1–1000 (vendors/puck.md §6). */
function checkLimit(limit: number | undefined): void {
  ensureLimit(limit, { name: 'limit', min: 1, max: 1000 });
}

/** The first array-valued property of a page, in key order. */
function firstArray(body: Record<string, unknown>): unknown[] | undefined {
  for (const value of Object.values(body)) if (Array.isArray(value)) return value;
  return undefined;
}

/**
 * The valibot schema type of one cursor page whose items live under `K`: `{ [K]: TItem[], next_cursor }`
 * (vendors/puck.md §6), as `cursorPage` builds it. Named so the `…PageSchema` constants have a
 * readable type.
 */
export type CursorPageSchema<K extends string, TItem extends v.GenericSchema> = v.SchemaWithPipe<
  readonly [
    v.UnknownSchema,
    v.TransformAction<unknown, Record<string, unknown>>,
    v.LooseObjectSchema<
      { [P in K]: v.ArraySchema<TItem, undefined> } & {
        /** Cursor of the next page; `null` or absent means no more pages (the docs do not say which, vendors/puck.md §6). */
        next_cursor: v.NullishSchema<v.StringSchema<undefined>, undefined>;
      },
      undefined
    >,
  ]
>;

/**
 * The schema of a `next_cursor` page: `{ <key>: T[], next_cursor }` (vendors/puck.md §6).
 *
 * Some list shapes were not readable in the docs (subscriptions, inbound endpoints), so the page is
 * read forgivingly (api/puck.md §1, "Pagination"): when `key` is absent the first array-valued
 * property holds the items; a bare top-level array is a single page of items; no array at all is an
 * empty page. Items are validated with `item` in every case, and `next_cursor` absent means "no more
 * pages".
 */
export function cursorPage<const K extends string, TItem extends v.GenericSchema>(
  key: K,
  item: TItem,
): CursorPageSchema<K, TItem> {
  return v.pipe(
    v.unknown(),
    v.transform((body: unknown): Record<string, unknown> => {
      if (Array.isArray(body)) return { [key]: body };
      if (typeof body !== 'object' || body === null) return { [key]: [] };
      const page = body as Record<string, unknown>;
      if (Array.isArray(page[key])) return page;
      return { ...page, [key]: firstArray(page) ?? [] };
    }),
    v.looseObject({ [key]: v.array(item), next_cursor: v.nullish(v.string()) } as {
      [P in K]: v.ArraySchema<TItem, undefined>;
    } & { next_cursor: v.NullishSchema<v.StringSchema<undefined>, undefined> }),
  );
}

/**
 * Every Puck list call: `limit` checked locally (1–1000, vendors/puck.md §6), then `next_cursor`
 * pages with items under `key`, the cursor sent back as `cursor`.
 */
export function paginateCursor<Item>(
  client: QuiverClient,
  spec: {
    path: string;
    key: string;
    query: { limit?: number };
    schema: v.GenericSchema;
    experimental?: boolean;
  },
  opts?: RequestOptions,
): Paginator<Item> {
  checkLimit(spec.query.limit);
  return client.paginate<Item>(
    {
      path: spec.path,
      query: { ...spec.query } as QueryParams,
      schema: spec.schema,
      pagination: cursorPagination<Item>({
        items: spec.key,
        nextCursor: 'next_cursor',
        cursorParam: 'cursor',
      }),
      experimental: spec.experimental,
    },
    opts,
  );
}

/**
 * Spec fields of a call whose result is `void`: 200 with a body and 204 without one both resolve
 * `undefined` (vendors/puck.md §3.1 lets a DELETE answer either way).
 */
export const voidResult = { schema: v.unknown(), unwrap: (): void => undefined };
