import { ResponseValidationError } from './errors.js';
import type { QueryParams } from './query.js';

/** What an adapter decides about the page after this one. */
export interface NextPage {
  /** The query for the next request. */
  query: QueryParams;
  /** The opaque cursor used, when the style has one (a repeated cursor is an error). */
  cursor?: string;
}

/** One pagination style: how to find the items in a page body, and how to ask for the next page. */
export interface PaginationAdapter<Item = unknown> {
  /** The items of a page body. */
  items(body: unknown): Item[];
  /** The query of the page after this one, or `undefined` after the last page. */
  next(body: unknown, query: QueryParams, items: Item[]): NextPage | undefined;
}

/** Where a page's items are: a key (dotted path allowed) or a function of the body. */
export type ItemsSelector<Item> = string | ((body: never) => Item[] | null | undefined);

/** The value at a dotted path (`meta.totalPages`); `.` is the body itself. */
export function getPath(body: unknown, dotted: string): unknown {
  if (dotted === '.') return body;
  let node = body;
  for (const key of dotted.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function selectItems<Item>(body: unknown, selector: ItemsSelector<Item>, firstArray = false): Item[] {
  if (typeof selector === 'function') return (selector as (b: unknown) => Item[] | undefined)(body) ?? [];
  const named = getPath(body, selector);
  if (Array.isArray(named)) return named as Item[];
  // Opt-in per row: a list whose array is not under the documented key (the vendor does not document
  // the key) takes the first array-valued property rather than report an empty page.
  // A bare array is the first array too.
  if (firstArray && Array.isArray(body)) return body as Item[];
  if (firstArray && typeof body === 'object' && body !== null && named === undefined) {
    for (const value of Object.values(body)) if (Array.isArray(value)) return value as Item[];
  }
  return [];
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * Cursor (or token) in the body: `{ findings: [...], next_cursor: "…" }`, `{ result, paging: { nextToken } }`,
 * `{ data, pagination: { cursor, hasMore } }`. Stops when the cursor is null, absent or empty, or when
 * `hasMore` says so. Empty pages with a cursor are followed.
 */
export function cursorPagination<Item = unknown>(opts: {
  /** Key (dotted path allowed) or function giving the items. */
  items: ItemsSelector<Item>;
  /** Key (dotted path allowed) or function giving the next cursor. Default `next_cursor`. */
  nextCursor?: string | ((body: never) => string | null | undefined);
  /** The query parameter that carries the cursor. Default `cursor`. */
  cursorParam?: string;
  /** Whether more pages exist, when the API says so apart from the cursor. */
  hasMore?: ((body: never) => boolean | undefined) | undefined;
  /** When `items` is absent, take the first array-valued property. Default `false`. */
  firstArray?: boolean;
}): PaginationAdapter<Item> {
  const cursorParam = opts.cursorParam ?? 'cursor';
  const nextCursor = opts.nextCursor ?? 'next_cursor';
  return {
    items: (body) => selectItems(body, opts.items, opts.firstArray),
    next(body, query) {
      if (opts.hasMore && (opts.hasMore as (b: unknown) => boolean | undefined)(body) === false)
        return undefined;
      const cursor =
        typeof nextCursor === 'function'
          ? (nextCursor as (b: unknown) => string | null | undefined)(body)
          : getPath(body, nextCursor);
      if (isBlank(cursor)) return undefined;
      return { query: { ...query, [cursorParam]: String(cursor) }, cursor: String(cursor) };
    },
  };
}

/** Offset and limit: next offset = offset + items received; stops on an empty or short page. */
export function offsetPagination<Item = unknown>(opts: {
  items: ItemsSelector<Item>;
  offsetParam?: string;
  limitParam?: string;
  /** The total item count, when the body carries it. */
  total?: ((body: never) => number | undefined) | undefined;
  firstArray?: boolean;
}): PaginationAdapter<Item> {
  const offsetParam = opts.offsetParam ?? 'offset';
  const limitParam = opts.limitParam ?? 'limit';
  return {
    items: (body) => selectItems(body, opts.items, opts.firstArray),
    next(body, query, items) {
      if (items.length === 0) return undefined;
      const limit = Number(query[limitParam]);
      if (Number.isFinite(limit) && limit > 0 && items.length < limit) return undefined;
      const offset = (Number(query[offsetParam] ?? 0) || 0) + items.length;
      const total = opts.total ? (opts.total as (b: unknown) => number | undefined)(body) : undefined;
      if (total !== undefined && offset >= total) return undefined;
      return { query: { ...query, [offsetParam]: offset } };
    },
  };
}

/** Page number and page size, with the total page count from the body when sent. */
export function pagePagination<Item = unknown>(opts: {
  items: ItemsSelector<Item>;
  pageParam?: string;
  perPageParam?: string;
  /** The first page's number. Default 1. */
  firstPage?: number;
  totalPages?: ((body: never) => number | null | undefined) | undefined;
  hasMore?: ((body: never) => boolean | undefined) | undefined;
  /**
   * The total item count, when the body carries it instead of a page count (`{ items, total, page,
   * limit }`): stops once `pages so far × page size ≥ total`, the page size being the query's, else
   * the one the body echoes under `perPageParam`.
   */
  total?: ((body: never) => number | undefined) | undefined;
  firstArray?: boolean;
}): PaginationAdapter<Item> {
  const pageParam = opts.pageParam ?? 'page';
  const perPageParam = opts.perPageParam ?? 'perPage';
  return {
    items: (body) => selectItems(body, opts.items, opts.firstArray),
    next(body, query, items) {
      const current = Number(query[pageParam] ?? opts.firstPage ?? 1);
      const total = opts.totalPages
        ? (opts.totalPages as (b: unknown) => number | null | undefined)(body)
        : undefined;
      const more = opts.hasMore ? (opts.hasMore as (b: unknown) => boolean | undefined)(body) : undefined;
      const totalItems = opts.total ? (opts.total as (b: unknown) => number | undefined)(body) : undefined;
      if (typeof total === 'number') {
        if (current >= total) return undefined;
      } else if (typeof totalItems === 'number') {
        const echoed = Number(getPath(body, perPageParam));
        const perPage = Number(query[perPageParam] ?? (Number.isFinite(echoed) ? echoed : Number.NaN));
        if (items.length === 0) return undefined;
        const pages = current - (opts.firstPage ?? 1) + 1;
        if (Number.isFinite(perPage) && perPage > 0 ? pages * perPage >= totalItems : false) return undefined;
      } else if (more !== undefined) {
        if (!more) return undefined;
      } else {
        const perPage = Number(query[perPageParam]);
        if (items.length === 0 || (Number.isFinite(perPage) && items.length < perPage)) return undefined;
      }
      return { query: { ...query, [pageParam]: current + 1 } };
    },
  };
}

/** What a paginator needs to fetch one page. */
export type PageFetcher = (
  query: QueryParams,
) => Promise<{ data: unknown; response: Response; items?: unknown[] | undefined }>;

/** One page of a list. */
export class Page<Item> {
  /** The items of this page. */
  readonly items: Item[];
  /** The page body as received (validated). */
  readonly data: unknown;
  /** The HTTP response of this page. */
  readonly response: Response;
  readonly #next: NextPage | undefined;
  readonly #fetch: PageFetcher;
  readonly #adapter: PaginationAdapter<Item>;
  readonly #seen: Set<string>;
  readonly #where: string;

  /** @internal */
  constructor(init: {
    data: unknown;
    items?: unknown[] | undefined;
    response: Response;
    query: QueryParams;
    fetch: PageFetcher;
    adapter: PaginationAdapter<Item>;
    seen: Set<string>;
    where: string;
  }) {
    this.data = init.data;
    this.response = init.response;
    this.#fetch = init.fetch;
    this.#adapter = init.adapter;
    this.#seen = init.seen;
    this.#where = init.where;
    this.items = (init.items as Item[] | undefined) ?? init.adapter.items(init.data);
    this.#next = init.adapter.next(init.data, init.query, this.items);
    if (this.#next?.cursor !== undefined) {
      if (this.#seen.has(this.#next.cursor)) {
        throw new ResponseValidationError(
          `${this.#where}: the server returned a cursor it had already returned; stopping to avoid an endless loop.`,
          { issues: [], body: init.data },
        );
      }
      this.#seen.add(this.#next.cursor);
    }
  }

  /** Whether another page follows. */
  hasNextPage(): boolean {
    return this.#next !== undefined;
  }

  /** Fetches the next page, or resolves `null` after the last one. */
  async nextPage(): Promise<Page<Item> | null> {
    if (!this.#next) return null;
    const query = this.#next.query;
    const { data, response, items } = await this.#fetch(query);
    return new Page({
      data,
      items,
      response,
      query,
      fetch: this.#fetch,
      adapter: this.#adapter,
      seen: this.#seen,
      where: this.#where,
    });
  }
}

/**
 * A list call. Iterate it for every item (`for await (const x of list)`), await it for the first
 * page, or walk `pages()`. Nothing is fetched until it is awaited or iterated; only one page is held
 * at a time.
 */
export class Paginator<Item> implements AsyncIterable<Item>, PromiseLike<Page<Item>> {
  readonly #fetch: PageFetcher;
  readonly #adapter: PaginationAdapter<Item>;
  readonly #query: QueryParams | (() => QueryParams);
  readonly #where: string;

  /** @internal `query` may be a function: it runs when the first page is fetched, so a bad argument rejects. */
  constructor(
    fetch: PageFetcher,
    adapter: PaginationAdapter<Item>,
    query: QueryParams | (() => QueryParams),
    where: string,
  ) {
    this.#fetch = fetch;
    this.#adapter = adapter;
    this.#query = query;
    this.#where = where;
  }

  /** Fetches the first page. */
  async firstPage(): Promise<Page<Item>> {
    const query = typeof this.#query === 'function' ? this.#query() : this.#query;
    const { data, response, items } = await this.#fetch(query);
    return new Page({
      data,
      items,
      response,
      query,
      fetch: this.#fetch,
      adapter: this.#adapter,
      seen: new Set(),
      where: this.#where,
    });
  }

  // biome-ignore lint/suspicious/noThenProperty: awaiting a paginator gives its first page, by design (DESIGN §6)
  then<A = Page<Item>, B = never>(
    onfulfilled?: ((value: Page<Item>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.firstPage().then(onfulfilled, onrejected);
  }

  /** The first page's failure, as on a promise. */
  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page<Item> | B> {
    return this.firstPage().catch(onrejected);
  }

  /** As on a promise, for the first page. */
  finally(onfinally?: (() => void) | null): Promise<Page<Item>> {
    return this.firstPage().finally(onfinally);
  }

  /** Every page, in order. */
  async *pages(): AsyncGenerator<Page<Item>, void, undefined> {
    let page: Page<Item> | null = await this.firstPage();
    while (page) {
      yield page;
      page = await page.nextPage();
    }
  }

  /** Every item of every page, fetching pages as the loop goes. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Collects items into an array, stopping after `max` (default: all). */
  async toArray({ max = Number.POSITIVE_INFINITY }: { max?: number } = {}): Promise<Item[]> {
    const out: Item[] = [];
    if (max <= 0) return out;
    for await (const item of this) {
      out.push(item);
      if (out.length >= max) break;
    }
    return out;
  }
}
