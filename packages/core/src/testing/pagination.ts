/**
 * The server side of the three pagination styles: slice a list the way the vendor's docs say, and
 * refuse a bad page size or cursor with a 400 `HttpError`.
 *
 * @module @quiver/core/testing
 */
import { Buffer } from 'node:buffer';
import { HttpError } from './errors.js';

/** A raw query value as a handler reads it (`req.query.get(...)`), or a number. */
export type QueryValue = string | number | null | undefined;

/** Size limits shared by the page helpers. */
interface SizeOptions {
  /** Page size when the request gives none. Default `100`. */
  defaultLimit?: number;
  /** Largest accepted page size; above it a 400. Default `1000`. */
  maxLimit?: number;
  /** The size parameter's name in messages. Default `limit` (`perPage` for `numberPage`). */
  limitParam?: string;
}

function integer(name: string, value: QueryValue, fallback: number, min: number, max: number): number {
  if (value === null || value === undefined || value === '') return fallback;
  const n = typeof value === 'number' ? value : /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.POSITIVE_INFINITY ? `at least ${min}` : `between ${min} and ${max}`;
    throw new HttpError(400, `${name} must be an integer ${range}`);
  }
  return n;
}

function size(options: SizeOptions & { limit?: QueryValue }, param: string): number {
  const max = options.maxLimit ?? 1000;
  return integer(
    options.limitParam ?? param,
    options.limit,
    Math.min(options.defaultLimit ?? 100, max),
    1,
    max,
  );
}

/** Options of {@link cursorPage}. */
export interface CursorPageOptions extends SizeOptions {
  /** The cursor the request sent (a previous page's `nextCursor`); absent for the first page. */
  cursor?: QueryValue;
  /** The page size the request sent. */
  limit?: QueryValue;
  /** Binds cursors to one list: a cursor issued for another `scope` is refused. Default `''`. */
  scope?: string;
  /** The cursor parameter's name in messages. Default `cursor`. */
  cursorParam?: string;
}

/**
 * One page of a cursor-paginated list. The cursor is opaque to the client (an encoded offset bound to
 * `scope`); `nextCursor` is `null` on the last page. Bad `limit` or an unknown cursor → `HttpError(400)`.
 *
 * ```ts
 * const { items, nextCursor } = cursorPage(all, { cursor: req.query.get('cursor'), limit: req.query.get('limit') });
 * return { status: 200, body: { data: items, next_cursor: nextCursor } };
 * ```
 */
export function cursorPage<T>(
  items: readonly T[],
  options: CursorPageOptions = {},
): { items: T[]; nextCursor: string | null } {
  const limit = size(options, 'limit');
  const scope = options.scope ?? '';
  let start = 0;
  if (options.cursor !== null && options.cursor !== undefined && options.cursor !== '') {
    start = -1;
    try {
      const decoded = JSON.parse(Buffer.from(String(options.cursor), 'base64url').toString('utf8')) as {
        o?: unknown;
        s?: unknown;
      };
      if (
        decoded.s === scope &&
        typeof decoded.o === 'number' &&
        Number.isInteger(decoded.o) &&
        decoded.o >= 0
      ) {
        start = decoded.o;
      }
    } catch {
      // refused below
    }
    if (start < 0)
      throw new HttpError(400, `${options.cursorParam ?? 'cursor'} is not a cursor this list issued`);
  }
  const end = start + limit;
  return {
    items: items.slice(start, end),
    nextCursor:
      end < items.length ? Buffer.from(JSON.stringify({ o: end, s: scope })).toString('base64url') : null,
  };
}

/** Options of {@link offsetPage}. */
export interface OffsetPageOptions extends SizeOptions {
  /** The offset the request sent. Default `0`. */
  offset?: QueryValue;
  /** The page size the request sent. */
  limit?: QueryValue;
  /** The offset parameter's name in messages. Default `offset`. */
  offsetParam?: string;
}

/**
 * One page of an offset-paginated list, and the total. Bad `offset`/`limit` → `HttpError(400)`.
 *
 * ```ts
 * const { items, total } = offsetPage(all, { offset: req.query.get('offset'), limit: req.query.get('limit') });
 * ```
 */
export function offsetPage<T>(
  items: readonly T[],
  options: OffsetPageOptions = {},
): { items: T[]; total: number } {
  const limit = size(options, 'limit');
  const offset = integer(options.offsetParam ?? 'offset', options.offset, 0, 0, Number.POSITIVE_INFINITY);
  return { items: items.slice(offset, offset + limit), total: items.length };
}

/** Options of {@link numberPage}. */
export interface NumberPageOptions extends SizeOptions {
  /** The page number the request sent. Default: `first`. */
  page?: QueryValue;
  /** The page size the request sent. */
  perPage?: QueryValue;
  /** Alias of `defaultLimit`. */
  defaultPerPage?: number;
  /** Alias of `maxLimit`. */
  maxPerPage?: number;
  /** The number of the first page. Default `1`. */
  first?: number;
  /** The page parameter's name in messages. Default `page`. */
  pageParam?: string;
}

/**
 * One page of a page-number list, with the page count and total. A page past the end is empty. Bad
 * `page`/`perPage` → `HttpError(400)`.
 *
 * ```ts
 * const { items, totalPages } = numberPage(all, { page: req.query.get('page'), perPage: req.query.get('perPage') });
 * ```
 */
export function numberPage<T>(
  items: readonly T[],
  options: NumberPageOptions = {},
): { items: T[]; totalPages: number; total: number } {
  const first = options.first ?? 1;
  const perPage = size(
    {
      limit: options.perPage,
      defaultLimit: options.defaultPerPage ?? options.defaultLimit,
      maxLimit: options.maxPerPage ?? options.maxLimit,
      limitParam: options.limitParam,
    },
    'perPage',
  );
  const page = integer(options.pageParam ?? 'page', options.page, first, first, Number.POSITIVE_INFINITY);
  const start = (page - first) * perPage;
  return {
    items: items.slice(start, start + perPage),
    totalPages: Math.ceil(items.length / perPage),
    total: items.length,
  };
}
