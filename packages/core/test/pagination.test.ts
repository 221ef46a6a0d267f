import nock from 'nock';
import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  cursorPagination,
  offsetPagination,
  type Paginator,
  pagePagination,
  ResponseValidationError,
} from '../src/index.js';
import { BASE, ItemSchema, TestClient } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

type Item = v.InferOutput<typeof ItemSchema>;
const items = (...ids: string[]) => ids.map((id) => ({ id }));

function findings(client = new TestClient(), query: Record<string, string | number> = {}): Paginator<Item> {
  return client.paginate({
    path: '/v1/findings',
    query,
    schema: v.looseObject({ findings: v.array(ItemSchema), next_cursor: v.nullish(v.string()) }),
    pagination: cursorPagination<Item>({ items: 'findings', nextCursor: 'next_cursor' }),
  });
}

describe('cursor in the body', () => {
  it('iterates every item across pages, passing the cursor and the caller query on', async () => {
    nock(BASE)
      .get('/v1/findings')
      .query({ severity: 'high' })
      .reply(200, { findings: items('a', 'b'), next_cursor: 'c1' })
      .get('/v1/findings')
      .query({ severity: 'high', cursor: 'c1' })
      .reply(200, { findings: [], next_cursor: 'c2' }) // empty page with a cursor: keep going
      .get('/v1/findings')
      .query({ severity: 'high', cursor: 'c2' })
      .reply(200, { findings: items('c'), next_cursor: null });
    const ids: string[] = [];
    for await (const f of findings(undefined, { severity: 'high' })) ids.push(f.id);
    expect(ids).toEqual(['a', 'b', 'c']);
  });

  it('awaiting gives the first page; nextPage walks on', async () => {
    nock(BASE)
      .get('/v1/findings')
      .reply(200, { findings: items('a'), next_cursor: 'c1' })
      .get('/v1/findings')
      .query({ cursor: 'c1' })
      .reply(200, { findings: items('b') }); // absent cursor = last page
    const page = await findings();
    expect(page.items).toEqual([{ id: 'a' }]);
    expect(page.hasNextPage()).toBe(true);
    const next = await page.nextPage();
    expect(next?.items).toEqual([{ id: 'b' }]);
    expect(next?.hasNextPage()).toBe(false);
    expect(await next?.nextPage()).toBeNull();
  });

  it('stops with an error on a repeated cursor', async () => {
    nock(BASE)
      .get('/v1/findings')
      .reply(200, { findings: items('a'), next_cursor: 'same' })
      .get('/v1/findings')
      .query({ cursor: 'same' })
      .reply(200, { findings: items('b'), next_cursor: 'same' });
    const seen: string[] = [];
    const run = async () => {
      for await (const f of findings()) seen.push(f.id);
    };
    await expect(run()).rejects.toThrow(ResponseValidationError);
    await expect(Promise.reject(new Error())).rejects.toThrow();
    expect(seen).toEqual(['a']);
  });

  it('supports nested cursors with hasMore, and token styles', async () => {
    nock(BASE)
      .get('/v1/leads')
      .reply(200, { data: items('a'), pagination: { cursor: 'n1', hasMore: true } })
      .get('/v1/leads')
      .query({ cursor: 'n1' })
      .reply(200, { data: items('b'), pagination: { cursor: 'n2', hasMore: false } });
    const leads = new TestClient().paginate({
      path: '/v1/leads',
      pagination: cursorPagination<Item>({
        items: 'data',
        nextCursor: 'pagination.cursor',
        hasMore: (b: { pagination?: { hasMore?: boolean } }) => b.pagination?.hasMore,
      }),
    });
    expect((await leads.toArray()).map((x) => x.id)).toEqual(['a', 'b']);

    nock(BASE)
      .get('/v1/accounts')
      .query({ limit: '2' })
      .reply(200, { result: items('a', 'b'), paging: { moreResults: true, nextToken: 't1' } })
      .get('/v1/accounts')
      .query({ limit: '2', nextToken: 't1' })
      .reply(200, { result: items('c'), paging: { moreResults: false, nextToken: '' } });
    const accounts = new TestClient().paginate({
      path: '/v1/accounts',
      query: { limit: 2 },
      pagination: cursorPagination<Item>({
        items: 'result',
        cursorParam: 'nextToken',
        nextCursor: (b: { paging?: { moreResults?: boolean; nextToken?: string } }) =>
          b.paging?.moreResults ? b.paging.nextToken : undefined,
      }),
    });
    const pages: string[][] = [];
    for await (const page of accounts.pages()) pages.push(page.items.map((x) => x.id));
    expect(pages).toEqual([['a', 'b'], ['c']]);
  });

  it('takes the first array when the documented item key is missing, only when the row opts in', async () => {
    nock(BASE)
      .get('/v1/findings')
      .twice()
      .reply(200, { results: items('x'), next_cursor: null });
    const client = new TestClient({ validate: 'off' });
    const optedIn = await client
      .paginate({
        path: '/v1/findings',
        pagination: cursorPagination<Item>({ items: 'findings', firstArray: true }),
      })
      .toArray();
    expect(optedIn).toEqual([{ id: 'x' }]);
    const strict = await client
      .paginate({ path: '/v1/findings', pagination: cursorPagination<Item>({ items: 'findings' }) })
      .toArray();
    expect(strict).toEqual([]);
  });

  it('toArray({ max }) stops fetching once it has enough', async () => {
    const scope = nock(BASE)
      .get('/v1/findings')
      .reply(200, { findings: items('a', 'b', 'c'), next_cursor: 'c1' });
    const more = nock(BASE)
      .get('/v1/findings')
      .query({ cursor: 'c1' })
      .reply(200, { findings: items('d') });
    expect((await findings().toArray({ max: 2 })).map((x) => x.id)).toEqual(['a', 'b']);
    expect(scope.isDone()).toBe(true);
    expect(more.isDone()).toBe(false);
  });

  it('passes the caller signal to every page', async () => {
    nock(BASE)
      .get('/v1/findings')
      .reply(200, { findings: items('a'), next_cursor: 'c1' })
      .get('/v1/findings')
      .query({ cursor: 'c1' })
      .delay(500)
      .reply(200, { findings: items('b') });
    const controller = new AbortController();
    const list = new TestClient().paginate(
      { path: '/v1/findings', pagination: cursorPagination<Item>({ items: 'findings' }) },
      { signal: controller.signal },
    );
    const run = async () => {
      for await (const _ of list) controller.abort(new Error('stop'));
    };
    await expect(run()).rejects.toThrow('stop');
  });
});

describe('offset and page styles', () => {
  it('offset: advances by the items received and stops on a short page', async () => {
    nock(BASE)
      .get('/v1/x')
      .query({ limit: '2', offset: '4' })
      .reply(200, { result: items('a', 'b') })
      .get('/v1/x')
      .query({ limit: '2', offset: '6' })
      .reply(200, { result: items('c') });
    const list = new TestClient().paginate({
      path: '/v1/x',
      query: { limit: 2, offset: 4 },
      pagination: offsetPagination<Item>({ items: 'result' }),
    });
    expect((await list.toArray()).map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });

  it('page/perPage: follows meta.totalPages', async () => {
    nock(BASE)
      .get('/v1/engagements')
      .query({ perPage: '2' })
      .reply(200, { data: items('a', 'b'), meta: { totalPages: 2 } })
      .get('/v1/engagements')
      .query({ perPage: '2', page: '2' })
      .reply(200, { data: items('c', 'd'), meta: { totalPages: 2 } });
    const list = new TestClient().paginate({
      path: '/v1/engagements',
      query: { perPage: 2 },
      pagination: pagePagination<Item>({
        items: 'data',
        totalPages: (b: { meta?: { totalPages?: number } }) => b.meta?.totalPages,
      }),
    });
    expect((await list.toArray()).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('awaiting a paginator', () => {
  it('supports catch and finally like a promise of the first page', async () => {
    nock(BASE).get('/v1/findings').reply(404, { error: 'gone' });
    let finished = false;
    const status = await findings()
      .catch((e: unknown) => (e as { status: number }).status)
      .finally(() => {
        finished = true;
      });
    expect(status).toBe(404);
    expect(finished).toBe(true);
  });
});
