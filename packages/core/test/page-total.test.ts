import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { pageNumber } from '../src/internal.js';

// `pageNumber({ total })`: bodies like Puffle's `{ prospects, total, page, limit }` carry an item
// count, not a page count. The adapter stops once pages × page size reaches the total.
const style = pageNumber({ items: 'rows', item: v.unknown(), perPageParam: 'limit', total: 'total' });
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ i }));

describe('pageNumber total', () => {
  it('stops when page × limit (from the query) reaches total', () => {
    const next = (page: number, n: number) =>
      style.adapter.next({ rows: rows(n), total: 5 } as never, { page, limit: 2 }, rows(n));
    expect(next(1, 2)).toEqual({ query: { page: 2, limit: 2 } });
    expect(next(2, 2)).toEqual({ query: { page: 3, limit: 2 } });
    expect(next(3, 1)).toBeUndefined();
  });

  it('reads the page size the body echoes when the caller sent none', () => {
    const body = { rows: rows(50), total: 100, page: 1, limit: 50 };
    expect(style.adapter.next(body as never, {}, rows(50))).toEqual({ query: { page: 2 } });
    const last = { rows: rows(50), total: 100, page: 2, limit: 50 };
    expect(style.adapter.next(last as never, { page: 2 }, rows(50))).toBeUndefined();
  });

  it('stops on an empty page whatever total says, and describes itself', () => {
    expect(style.adapter.next({ rows: [], total: 10 } as never, { page: 4 }, [])).toBeUndefined();
    expect(style.describe).toContain('until `total` items');
  });
});
