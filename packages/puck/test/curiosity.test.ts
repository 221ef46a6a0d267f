import { describe, expect, it } from 'vitest';
import { api, caught, client, useNock } from './helpers.js';

useNock();

describe('curiosity', () => {
  it('list: GET /v1/curiosity with cursor/limit, items under "items"', async () => {
    api()
      .get('/v1/curiosity')
      .query({ limit: '10' })
      .reply(200, { items: [{ id: 'cur_1', query: 'q', interval: '24h' }], next_cursor: 'n' })
      .get('/v1/curiosity')
      .query({ limit: '10', cursor: 'n' })
      .reply(200, { items: [{ id: 'cur_2', schedule: 'daily', priority: 'high', status: 'paused' }] });
    const items = await client().curiosity.list({ limit: 10 }).toArray();
    expect(items.map((i) => i.id)).toEqual(['cur_1', 'cur_2']);
    // Both conflicting doc models are accepted (where Puck's API docs are silent or disagree).
    expect(items[1]?.schedule).toBe('daily');
  });

  it('create: POSTs the documented body once (not retried)', async () => {
    const body = {
      query: 'check for new browser extensions on engineering laptops',
      interval: '24h',
      scope: { type: 'selector', filter: { tags: { team: 'engineering' } } },
      depth: 'quick',
      active: true,
    };
    api()
      .post('/v1/curiosity', body)
      .reply(201, { id: 'cur_1', ...body, next_run_at: '2026-05-03T15:00:00Z' })
      .post('/v1/curiosity', body)
      .reply(503, { error: 'busy' }, { 'retry-after': '0' });
    const item = await client().curiosity.create(body);
    expect(item.next_run_at).toBe('2026-05-03T15:00:00Z');
    expect((await client().curiosity.create(body).catch(caught)).status).toBe(503);
  });

  it('create: requires query and interval', async () => {
    await expect(client().curiosity.create({ query: 'q' } as never)).rejects.toThrow(
      'body.interval is required.',
    );
  });

  it('update: PATCH /v1/curiosity/{id} (provisional)', async () => {
    api().patch('/v1/curiosity/cur_1', { active: false }).reply(200, { id: 'cur_1', active: false });
    expect(await client().curiosity.update('cur_1', { active: false })).toEqual({
      id: 'cur_1',
      active: false,
    });
  });

  it('delete: DELETE /v1/curiosity/{id} resolves undefined on 204 and on 200 with a body', async () => {
    api()
      .delete('/v1/curiosity/cur_1')
      .reply(204)
      .delete('/v1/curiosity/cur_2')
      .reply(200, { deleted: true });
    expect(await client().curiosity.delete('cur_1')).toBeUndefined();
    expect(await client().curiosity.delete('cur_2')).toBeUndefined();
  });
});
