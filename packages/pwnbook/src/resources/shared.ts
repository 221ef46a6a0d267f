import { type AnySchema, type Open, pagePagination } from '@quiver/core';
import { int, type PageStyle, pageNumber } from '@quiver/core/internal';
import * as v from 'valibot';

/**
 * Helpers shared by Pwnbook's resources. Every response schema is a `v.looseObject` (unknown keys are
 * kept) with only `id` required and open enums, because Pwnbook's examples do not promise the
 * presence of any other field and versions may add fields and values.
 */

/**
 * A string input whose documented values are offered for autocomplete while any other string is
 * accepted and sent (the server is the judge of values its docs may not list yet).
 */
export function openInput<const T extends string>() {
  return v.custom<Open<T>>((value) => typeof value === 'string', 'must be a string');
}

/** `page`: 1-based page number (Pwnbook's API reference, pagination). Server default 1. */
export const PageParam = v.optional(int({ min: 1 }));
/** `perPage`: page size, at most 100 (Pwnbook's API reference, pagination). Server default 20. */
export const PerPageParam = v.optional(int({ min: 1, max: 100 }));
/** `order`: `asc` or `desc` (Pwnbook's API reference, pagination). Server default `desc`. */
export const OrderParam = v.optional(v.picklist(['asc', 'desc'], 'must be "asc" or "desc"'));

/**
 * `meta` of a list page: `{ total, page, perPage, totalPages }` (Pwnbook's API reference,
 * Introduction: response format). Every field optional: the page is read forgivingly.
 */
export const ListMetaSchema = v.looseObject({
  total: v.optional(v.number()),
  page: v.optional(v.number()),
  perPage: v.optional(v.number()),
  totalPages: v.optional(v.number()),
});
/** The `meta` block of a list page. */
export type ListMeta = v.InferOutput<typeof ListMetaSchema>;

function metaOf(body: unknown): Record<string, unknown> | undefined {
  const meta = (body as { meta?: unknown } | null | undefined)?.meta;
  return typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : undefined;
}

/**
 * Pwnbook's list pages: items under `data`, `?page=` + 1 while `meta.page < meta.totalPages`
 * (Pwnbook's API reference, Introduction: pagination). A response without `meta` is one page (the
 * members list is described as returning all members, and its query table was not readable); with
 * `meta` but no `totalPages`, a short or empty page ends the list.
 */
export function pwnbookPages<const I extends AnySchema>(item: I): PageStyle<I> {
  const style = pageNumber({ items: 'data', item, totalPages: 'meta.totalPages' });
  return {
    ...style,
    describe: `${style.describe}; one page when \`meta\` is absent`,
    adapter: pagePagination({
      items: 'data',
      totalPages: (body: never) => {
        const total = metaOf(body)?.totalPages;
        return typeof total === 'number' ? total : undefined;
      },
      hasMore: (body: never) => (metaOf(body) ? undefined : false),
    }) as PageStyle['adapter'],
  };
}
