import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  type APIPromise,
  APIResource,
  ConfigurationError,
  InvalidInputError,
  NotFoundError,
  type Paginator,
  type RequestOptions,
  ResponseValidationError,
} from '../src/index.js';
import { commaList, cursor, int, offset, pageByQuery, pageNumber, route } from '../src/internal.js';
import { caught, ItemSchema, json, SECRET, startServer, TestClient } from './helpers.js';

const ListQuery = v.object({
  limit: v.optional(int({ min: 1, max: 100 })),
  ids: v.optional(commaList()),
});
const CreateBody = v.object({ name: v.pipe(v.string(), v.minLength(1, 'must not be empty')) });

const rows = {
  retrieve: route('GET /items/{id}', { summary: 'One item.', returns: ItemSchema, envelope: 'item' }),
  byName: route('GET /items', {
    summary: 'An item by name.',
    query: v.object({ name: v.string() }),
    returns: ItemSchema,
    envelope: 'items',
    pick: 'first',
  }),
  create: route('POST /items', {
    summary: 'Create an item.',
    body: CreateBody,
    returns: ItemSchema,
    idempotency: { header: true },
  }),
  enrich: route('POST /enrich', {
    summary: 'Enrich.',
    body: v.object({ ids: v.array(v.string()), idempotencyKey: v.optional(v.string()) }),
    idempotency: { body: 'idempotencyKey' },
  }),
  update: route('PATCH /items', {
    summary: 'Update.',
    bodyId: 'itemId',
    body: CreateBody,
    returns: ItemSchema,
  }),
  remove: route('DELETE /items/{id}', { summary: 'Delete.', empty: true }),
  cursorList: route('GET /cursor', {
    summary: 'Cursor list.',
    query: ListQuery,
    page: cursor({
      items: 'data',
      item: ItemSchema,
      next: 'pagination.cursor',
      hasMore: 'pagination.hasMore',
    }),
  }),
  offsetList: route('GET /offset', {
    summary: 'Offset list.',
    query: ListQuery,
    page: offset({ items: 'results', item: ItemSchema, total: 'total' }),
  }),
  pageList: route('GET /pages', {
    summary: 'Page list.',
    query: v.object({ perPage: v.optional(int({ min: 1, max: 100 })), status: v.optional(v.string()) }),
    page: pageNumber({ items: 'data', item: ItemSchema, totalPages: 'meta.totalPages' }),
  }),
  jwtOnly: route('GET /me', { summary: 'Me.', auth: 'jwt' }),
  open: route('GET /health', { summary: 'Health.', auth: 'none' }),
  upload: route('POST /upload', { summary: 'Upload.', multipart: true }),
  inbound: route('POST /in/{key}', { summary: 'Inbound.', auth: 'none', secret: ['key'] }),
  masked: route('POST /in/{key}', {
    summary: 'Inbound, masked.',
    auth: 'none',
    secret: ['key'],
    secretShownAs: '[REDACTED]',
  }),
  bare: route('GET /bare', {
    summary: 'A list whose key is not documented.',
    page: cursor({ items: 'things', item: ItemSchema, firstArray: true }),
  }),
};

class Items extends APIResource {
  retrieve(id: string, opts?: RequestOptions) {
    return this._call(rows.retrieve, { id }, opts);
  }
  byName(name: string) {
    return this._call(rows.byName, { query: { name } });
  }
  create(body: { name: string }, opts?: RequestOptions) {
    return this._call(rows.create, { body }, opts);
  }
  enrich(ids: string[], idempotencyKey?: string) {
    return this._call(rows.enrich, { body: { ids, idempotencyKey } });
  }
  update(id: string, body: { name: string }) {
    return this._call(rows.update, { id, body });
  }
  remove(id: string) {
    return this._call(rows.remove, { id });
  }
  cursorList(query?: v.InferInput<typeof ListQuery>) {
    return this._call(rows.cursorList, { query });
  }
  offsetList(query?: v.InferInput<typeof ListQuery>) {
    return this._call(rows.offsetList, { query });
  }
  pageList(query?: { perPage?: number; status?: string }) {
    return this._call(rows.pageList, { query });
  }
  me() {
    return this._call(rows.jwtOnly, {});
  }
  health() {
    return this._call(rows.open, {});
  }
  upload(file: Blob, note: string) {
    return this._call(rows.upload, { body: { file, note } });
  }
  inbound(key: string) {
    return this._call(rows.inbound, { key, body: {} });
  }
  masked(key: string) {
    return this._call(rows.masked, { key, body: {} });
  }
  bare() {
    return this._call(rows.bare, {});
  }
}

let server: Awaited<ReturnType<typeof startServer>>;
let client: TestClient;
let items: Items;
let attempts = 0;

beforeAll(async () => {
  server = await startServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const q = url.searchParams;
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /items/a%2Fb':
      case 'GET /items/i1':
        return json(res, 200, { item: { id: 'i1', name: 'one' } });
      case 'GET /items':
        return json(res, 200, { items: q.get('name') === 'none' ? [] : [{ id: 'i2' }, { id: 'i3' }] });
      case 'POST /items':
        return json(res, 201, { id: 'new', name: JSON.parse(body).name });
      case 'POST /enrich':
        attempts += 1;
        return attempts === 1 ? json(res, 503, { error: 'busy' }) : json(res, 200, { ok: true });
      case 'PATCH /items':
        return json(res, 200, { id: JSON.parse(body).itemId, name: 'x' });
      case 'DELETE /items/i1':
        res.writeHead(204).end();
        return;
      case 'GET /cursor': {
        const c = q.get('cursor');
        if (!c) return json(res, 200, { data: [{ id: '1' }], pagination: { cursor: 'c2', hasMore: true } });
        if (c === 'c2') return json(res, 200, { data: [], pagination: { cursor: 'c3', hasMore: true } });
        return json(res, 200, { data: [{ id: '2' }], pagination: { cursor: 'c4', hasMore: false } });
      }
      case 'GET /offset': {
        const off = Number(q.get('offset') ?? 0);
        return json(res, 200, { results: off === 0 ? [{ id: '1' }, { id: '2' }] : [{ id: '3' }], total: 3 });
      }
      case 'GET /pages': {
        const page = Number(q.get('page') ?? 1);
        if (page === 2 && q.get('status') !== 'open') return json(res, 500, { error: 'filter lost' });
        return json(res, 200, { data: [{ id: `p${page}` }], meta: { totalPages: 2 } });
      }
      case 'GET /bare':
        return json(res, 200, [{ id: 'b1' }, { id: 'b2' }]);
      case 'GET /health':
      case 'POST /upload':
      case 'POST /in/s3cr3t':
        return json(res, 200, { ok: true, type: req.headers['content-type'] ?? null, body });
      default:
        return json(res, 404, { error: 'not_found' });
    }
  });
  client = new TestClient({ baseURL: server.url });
  items = new Items(client);
});
afterAll(() => server.close());

const lastRequest = () => server.requests.at(-1);

describe('endpoint rows', () => {
  it('fills path params, unwraps the envelope and infers the result type', async () => {
    const item = await items.retrieve('i1');
    expect(item).toEqual({ id: 'i1', name: 'one' });
    expectTypeOf(items.retrieve('i1')).toEqualTypeOf<APIPromise<v.InferOutput<typeof ItemSchema>>>();
    await items.retrieve('a/b').catch(() => undefined);
    expect(lastRequest()?.url).toBe('/items/i1');
  });

  it('refuses a traversal or lone-surrogate id as a rejection naming the parameter, sending nothing', async () => {
    const before = server.requests.length;
    const traversal = items.retrieve('..');
    await expect(traversal).rejects.toThrow(InvalidInputError);
    await expect(items.retrieve('\ud800')).rejects.toThrow(
      /id is not a valid id: it contains a lone surrogate/,
    );
    expect(server.requests.length).toBe(before);
  });

  it('pick: first resolves the first item and NotFoundError when the list is empty', async () => {
    expect(await items.byName('two')).toEqual({ id: 'i2' });
    const error = await items.byName('none').catch(caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toMatch(/Test GET 127\.0\.0\.1:\d+\/items: nothing matched/);
  });

  it('checks the body with its schema and names the parameter as the caller spelled it', async () => {
    const before = server.requests.length;
    await expect(items.create({ name: '' })).rejects.toThrow('body.name must not be empty');
    await expect(items.create({} as { name: string })).rejects.toThrow('body.name is required.');
    expect(server.requests.length).toBe(before);
  });

  it('sends a generated idempotency key in the header', async () => {
    expect(await items.create({ name: 'n' })).toEqual({ id: 'new', name: 'n' });
    expect(lastRequest()?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    await items.create({ name: 'n' }, { idempotencyKey: 'mine' });
    expect(lastRequest()?.headers['idempotency-key']).toBe('mine');
  });

  it('writes a body idempotency key once and retries the POST with the same key', async () => {
    attempts = 0;
    await items.enrich(['a']);
    const [first, second] = server.requests.slice(-2).map((r) => JSON.parse(r.body));
    expect(first.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toEqual(first);
  });

  it('puts a body-id row id in the body', async () => {
    expect(await items.update('L1', { name: 'x' })).toEqual({ id: 'L1', name: 'x' });
    expect(JSON.parse(lastRequest()?.body ?? '')).toEqual({ name: 'x', itemId: 'L1' });
  });

  it('empty rows resolve undefined on 204', async () => {
    expect(await items.remove('i1')).toBeUndefined();
  });

  it('follows a cursor through empty pages until hasMore is false, checking the limit first', async () => {
    const list = items.cursorList({ limit: 10, ids: ['a', 'b'] });
    expectTypeOf(list).toEqualTypeOf<Paginator<v.InferOutput<typeof ItemSchema>>>();
    expect((await list.toArray()).map((i) => i.id)).toEqual(['1', '2']);
    expect(server.requests.slice(-3).map((r) => r.url)).toEqual([
      '/cursor?limit=10&ids=a%2Cb',
      '/cursor?limit=10&ids=a%2Cb&cursor=c2',
      '/cursor?limit=10&ids=a%2Cb&cursor=c3',
    ]);
    const bad = await items.cursorList({ limit: 500 }).toArray().catch(caught);
    expect(bad).toBeInstanceOf(InvalidInputError);
    expect(bad.message).toBe('limit must be between 1 and 100; got 500.');
  });

  it('pages by offset until the total, and by page number with filters on every page', async () => {
    expect((await items.offsetList().toArray()).map((i) => i.id)).toEqual(['1', '2', '3']);
    expect(lastRequest()?.url).toBe('/offset?offset=2');
    expect((await items.pageList({ status: 'open' }).toArray()).map((i) => i.id)).toEqual(['p1', 'p2']);
    expect(lastRequest()?.url).toBe('/pages?status=open&page=2');
  });

  it('validates every item of a page and reports the whole page body', async () => {
    const bad = route('GET /items', {
      summary: 'x',
      page: cursor({ items: 'items', item: v.object({ id: v.number() }) }),
    });
    class Bad extends APIResource {
      list() {
        return this._call(bad, {});
      }
    }
    const failure = await new Bad(client).list().catch(caught);
    expect(failure).toBeInstanceOf(ResponseValidationError);
    expect(failure.body).toEqual({ items: [{ id: 'i2' }, { id: 'i3' }] });
  });

  it('says which credential is missing, and sends none for auth: none', async () => {
    const error = caught(await items.me().catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(`Test GET ${new URL(server.url).host}/me needs a login token (JWT).`);
    await items.health();
    expect(lastRequest()?.headers.authorization).toBeUndefined();
    await items.retrieve('i1');
    expect(lastRequest()?.headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it('sends a multipart body with the file', async () => {
    const result = (await items.upload(new File(['a,b\n1,2'], 'leads.csv', { type: 'text/csv' }), 'hi')) as {
      type: string;
      body: string;
    };
    expect(result.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(result.body).toContain('filename="leads.csv"');
    expect(result.body).toContain('a,b\n1,2');
    expect(result.body).toContain('name="note"');
  });

  it('keeps a secret path param out of messages', async () => {
    await items.inbound('s3cr3t');
    const error = caught(await items.inbound('nope').catch((e: unknown) => e));
    expect(error.message).toBe(`Test POST ${new URL(server.url).host}/in/{key} → 404: not_found`);
  });

  it('shows a secret path param as the row says, when it gives a mask', async () => {
    const error = caught(await items.masked('nope').catch((e: unknown) => e));
    expect(error.message).toBe(`Test POST ${new URL(server.url).host}/in/[REDACTED] → 404: not_found`);
    expect(error.message).not.toContain('nope');
  });

  it('firstArray reads a bare array as the page', async () => {
    expect((await items.bare().toArray()).map((i) => i.id)).toEqual(['b1', 'b2']);
    expect(lastRequest()?.url).toBe('/bare');
  });

  it('refuses a malformed row at declaration', () => {
    expect(() => route('FETCH /x' as 'GET /x', { summary: 'x' })).toThrow(ConfigurationError);
    expect(() => route('PATCH /things/{id}/leads', { summary: 'x', bodyId: 'leadId' })).toThrow(
      /a body-id row cannot also have an \{id\} path parameter/,
    );
  });
});

describe('pageByQuery', () => {
  const style = pageByQuery({
    param: 'offset',
    whenPresent: offset({ items: 'result', item: ItemSchema }),
    otherwise: cursor({ items: 'result', item: ItemSchema, next: 'paging.nextToken', param: 'nextToken' }),
  });
  const body = { result: [{ id: 'a' }, { id: 'b' }], paging: { nextToken: 't2' } };

  it('follows the cursor unless the caller passed the offset parameter, then counts items', () => {
    const items = style.adapter.items(body);
    expect(items).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(style.adapter.next(body, { limit: 2 }, items)?.query).toEqual({ limit: 2, nextToken: 't2' });
    expect(style.adapter.next(body, { limit: 2, offset: 10 }, items)?.query).toEqual({
      limit: 2,
      offset: 12,
    });
    expect(style.adapter.next(body, { limit: 5, offset: 10 }, items)).toBeUndefined();
    expect(style.describe).toContain('with `?offset=`');
  });

  it('infers the item type of the row', () => {
    const row = route('GET /things', { summary: 'x', page: style });
    class Things extends APIResource {
      list(): Paginator<{ id: string }> {
        return this._call(row, {});
      }
    }
    expectTypeOf<ReturnType<Things['list']>>().toEqualTypeOf<Paginator<{ id: string }>>();
  });
});
