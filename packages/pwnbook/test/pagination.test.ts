import { describe, expect, it } from 'vitest';
import { api, client, engagement, useNock } from './helpers.js';

useNock();

const page = (ids: string[], pageNo: number, totalPages: number, perPage = 2) => ({
  data: ids.map((id) => engagement(id)),
  meta: { total: 5, page: pageNo, perPage, totalPages },
});

describe('page/perPage + meta.totalPages pagination', () => {
  it('follows pages to meta.totalPages, sending status, sort and order on every page', async () => {
    const filters = { status: 'archived', sort: 'name', order: 'asc', perPage: '2' };
    api()
      .get('/api/v1/engagements')
      .query(filters)
      .reply(200, page(['eng_1', 'eng_2'], 1, 3));
    api()
      .get('/api/v1/engagements')
      .query({ ...filters, page: '2' })
      .reply(200, page(['eng_3', 'eng_4'], 2, 3));
    api()
      .get('/api/v1/engagements')
      .query({ ...filters, page: '3' })
      .reply(200, page(['eng_5'], 3, 3));
    const ids: string[] = [];
    for await (const e of client().engagements.list({
      status: 'archived',
      sort: 'name',
      order: 'asc',
      perPage: 2,
    })) {
      ids.push(e.id);
    }
    expect(ids).toEqual(['eng_1', 'eng_2', 'eng_3', 'eng_4', 'eng_5']);
  });

  it('pages(): one page at a time; nextPage() by hand', async () => {
    api()
      .get('/api/v1/engagements')
      .query({ perPage: '2' })
      .reply(200, page(['eng_1', 'eng_2'], 1, 2));
    api()
      .get('/api/v1/engagements')
      .query({ perPage: '2', page: '2' })
      .reply(200, page(['eng_3', 'eng_4'], 2, 2));
    const seen: string[][] = [];
    for await (const p of client().engagements.list({ perPage: 2 }).pages())
      seen.push(p.items.map((e) => e.id));
    expect(seen).toEqual([
      ['eng_1', 'eng_2'],
      ['eng_3', 'eng_4'],
    ]);

    api()
      .get('/api/v1/engagements')
      .query({ perPage: '2' })
      .reply(200, page(['eng_1', 'eng_2'], 1, 2));
    api()
      .get('/api/v1/engagements')
      .query({ perPage: '2', page: '2' })
      .reply(200, page(['eng_3'], 2, 2));
    const first = await client().engagements.list({ perPage: 2 });
    expect(first.hasNextPage()).toBe(true);
    const second = await first.nextPage();
    expect(second?.items.map((e) => e.id)).toEqual(['eng_3']);
    expect(second?.hasNextPage()).toBe(false);
  });

  it('stops at totalPages even when the last page is full, and starts from the page asked for', async () => {
    api()
      .get('/api/v1/engagements')
      .query({ page: '2', perPage: '2' })
      .reply(200, page(['eng_3', 'eng_4'], 2, 2));
    expect((await client().engagements.list({ page: 2, perPage: 2 }).toArray()).map((e) => e.id)).toEqual([
      'eng_3',
      'eng_4',
    ]);
  });

  it('toArray({ max }) stops fetching once it has enough', async () => {
    api()
      .get('/api/v1/engagements')
      .query({ perPage: '2' })
      .reply(200, page(['eng_1', 'eng_2'], 1, 3));
    expect((await client().engagements.list({ perPage: 2 }).toArray({ max: 2 })).map((e) => e.id)).toEqual([
      'eng_1',
      'eng_2',
    ]);
  });

  it('meta without totalPages: a short page ends the list', async () => {
    api()
      .get('/api/v1/organizations/current/members')
      .query({ perPage: '2' })
      .reply(200, { data: [{ id: 'usr_1' }, { id: 'usr_2' }], meta: { page: 1 } });
    api()
      .get('/api/v1/organizations/current/members')
      .query({ perPage: '2', page: '2' })
      .reply(200, { data: [{ id: 'usr_3' }], meta: { page: 2 } });
    const members = await client().organizations.current.members.list({ perPage: 2 }).toArray();
    expect(members.map((m) => m.id)).toEqual(['usr_1', 'usr_2', 'usr_3']);
  });

  it('every page is validated: a bad item on page 2 rejects', async () => {
    api()
      .get('/api/v1/engagements')
      .query({ perPage: '1' })
      .reply(200, page(['eng_1'], 1, 2, 1));
    api()
      .get('/api/v1/engagements')
      .query({ perPage: '1', page: '2' })
      .reply(200, { data: [{ name: 'no id' }], meta: { totalPages: 2 } });
    await expect(client().engagements.list({ perPage: 1 }).toArray()).rejects.toThrow(/did not match/);
  });
});
