import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type APIPromise,
  type Engagement,
  InvalidInputError,
  type Page,
  type Paginator,
  ResponseValidationError,
} from '../src/index.js';
import { api, client, engagement, rejection, useNock } from './helpers.js';

useNock();

describe('engagements', () => {
  it('list: GET /api/v1/engagements with every filter, unwrapping data', async () => {
    api()
      .get('/api/v1/engagements')
      .query({ status: 'active', page: '2', perPage: '10', sort: 'updatedAt', order: 'asc' })
      .reply(200, {
        data: [engagement('eng_1'), engagement('eng_2', { description: null, riskScore: 7 })],
        meta: { total: 12, page: 2, perPage: 10, totalPages: 2 },
      });
    const paginator = client().engagements.list({
      status: 'active',
      page: 2,
      perPage: 10,
      sort: 'updatedAt',
      order: 'asc',
    });
    expectTypeOf(paginator).toEqualTypeOf<Paginator<Engagement>>();
    const page = await paginator;
    expectTypeOf(page).toEqualTypeOf<Page<Engagement>>();
    expect(page.items).toEqual([
      engagement('eng_1'),
      engagement('eng_2', { description: null, riskScore: 7 }),
    ]);
    expect(page.hasNextPage()).toBe(false);
  });

  it('list: no query sends no parameters', async () => {
    api()
      .get('/api/v1/engagements')
      .query({})
      .reply(200, { data: [], meta: { total: 0, page: 1, perPage: 20, totalPages: 0 } });
    expect(await client().engagements.list().toArray()).toEqual([]);
  });

  it('list: perPage over 100 is refused locally, naming perPage and 100', async () => {
    const error = await rejection(client().engagements.list({ perPage: 500 }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toBe('perPage must be between 1 and 100; got 500.');
    const page = await rejection(client().engagements.list({ page: 0 }));
    expect(page.message).toBe('page must be at least 1; got 0.');
    const order = await rejection(client().engagements.list({ order: 'up' as 'asc' }));
    expect(order.message).toBe('order must be "asc" or "desc"');
  });

  it('list: an unknown status value is passed through (open enum)', async () => {
    api()
      .get('/api/v1/engagements')
      .query({ status: 'draft' })
      .reply(200, { data: [engagement('eng_9', { status: 'draft' })], meta: { totalPages: 1 } });
    const [item] = await client().engagements.list({ status: 'draft' }).toArray();
    expect(item?.status).toBe('draft');
  });

  it('create: POST the documented body, resolves data (201)', async () => {
    api()
      .post('/api/v1/engagements', { name: 'Acme Corp External Assessment', description: 'Q1' })
      .matchHeader('content-type', 'application/json')
      .reply(201, { data: engagement('eng_new') });
    const created = await client().engagements.create({
      name: 'Acme Corp External Assessment',
      description: 'Q1',
    });
    expectTypeOf(created).toEqualTypeOf<Engagement>();
    expect(created).toEqual(engagement('eng_new'));
  });

  it('create: a missing name is refused locally; a plain POST is never retried', async () => {
    const missing = await rejection(client().engagements.create({} as { name: string }));
    expect(missing).toBeInstanceOf(InvalidInputError);
    expect(missing.message).toBe('body.name is required.');
    api()
      .post('/api/v1/engagements')
      .reply(503, { error: { code: 'INTERNAL_ERROR', message: 'busy', statusCode: 503 } });
    const error = await rejection(client({ maxRetries: 2 }).engagements.create({ name: 'x' }));
    expect(error.status).toBe(503);
  });

  it('retrieve: GET /api/v1/engagements/{id}, id encoded as one segment', async () => {
    api()
      .get('/api/v1/engagements/eng_01j9k2m3n4p5q6r7s8t9')
      .reply(200, { data: engagement('eng_01j9k2m3n4p5q6r7s8t9') });
    expect(await client().engagements.retrieve('eng_01j9k2m3n4p5q6r7s8t9')).toEqual(
      engagement('eng_01j9k2m3n4p5q6r7s8t9'),
    );
    const traversal = await rejection(client().engagements.retrieve('..'));
    expect(traversal).toBeInstanceOf(InvalidInputError);
  });

  it('retrieve: a body without the data envelope is a ResponseValidationError', async () => {
    api().get('/api/v1/engagements/eng_1').reply(200, engagement('eng_1'));
    const error = await rejection(client().engagements.retrieve('eng_1'));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.body).toEqual(engagement('eng_1'));
  });

  it('update: PATCH with the fields given (unknown fields passed through)', async () => {
    api()
      .patch('/api/v1/engagements/eng_1', { name: 'Renamed', description: null, leadTester: 'usr_1' })
      .reply(200, { data: engagement('eng_1', { name: 'Renamed', description: null }) });
    const updated = await client().engagements.update('eng_1', {
      name: 'Renamed',
      description: null,
      leadTester: 'usr_1',
    });
    expect(updated.name).toBe('Renamed');
    expect(updated.description).toBeNull();
  });

  it('delete: DELETE resolves undefined on 204 and on 200 with a body', async () => {
    api().delete('/api/v1/engagements/eng_1').reply(204);
    api()
      .delete('/api/v1/engagements/eng_2')
      .reply(200, { data: { id: 'eng_2', deleted: true } });
    const first = client().engagements.delete('eng_1');
    expectTypeOf(first).toEqualTypeOf<APIPromise<void>>();
    expect(await first).toBeUndefined();
    expect(await client().engagements.delete('eng_2')).toBeUndefined();
  });

  it('archive / unarchive: POST without a body by default, with one when given', async () => {
    api()
      .post('/api/v1/engagements/eng_1/archive', (body) => body === '' || body === undefined)
      .reply(200, { data: engagement('eng_1', { status: 'archived' }) });
    api()
      .post('/api/v1/engagements/eng_1/unarchive', { note: 'back on' })
      .reply(200, { data: engagement('eng_1', { status: 'active' }) });
    const archived = await client().engagements.archive('eng_1');
    expectTypeOf(archived).toEqualTypeOf<Engagement>();
    expect(archived.status).toBe('archived');
    expect((await client().engagements.unarchive('eng_1', { note: 'back on' })).status).toBe('active');
  });
});
