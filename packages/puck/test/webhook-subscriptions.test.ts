import { describe, expect, it } from 'vitest';
import { api, caught, client, useNock } from './helpers.js';

useNock();

const subscription = {
  id: 'sub_018f2e3a',
  url: 'https://your-system.example/puck/events',
  events: ['investigation.completed', 'finding.discovered'],
  filters: { min_severity: 'high' },
  active: true,
  created_at: '2026-05-03T14:00:00Z',
  updated_at: '2026-05-03T14:00:00Z',
};

describe('webhooks.subscriptions', () => {
  it('create: POSTs url, events and filters; the 201 carries the secret', async () => {
    const body = {
      url: 'https://your-system.example/puck/events',
      events: ['investigation.completed', 'finding.discovered'],
      filters: { min_severity: 'high', tags: { team: 'engineering' } },
    };
    api()
      .post('/v1/webhooks/subscriptions', body)
      .reply(201, { ...subscription, secret: 'whsec_abc' });
    const created = await client().webhooks.subscriptions.create(body);
    expect(created.secret).toBe('whsec_abc');
    expect(created.filters?.min_severity).toBe('high');
  });

  it('create: not retried (a retry could create a duplicate)', async () => {
    api().post('/v1/webhooks/subscriptions').reply(502, { error: 'bad gateway' }, { 'retry-after': '0' });
    const error = await client()
      .webhooks.subscriptions.create({ url: 'https://x.example', events: ['investigation.completed'] })
      .catch(caught);
    expect(error.status).toBe(502);
  });

  it('create: requires url and a non-empty events list', async () => {
    const puck = client();
    await expect(puck.webhooks.subscriptions.create({ events: ['x'] } as never)).rejects.toThrow(
      'body.url is required.',
    );
    await expect(puck.webhooks.subscriptions.create({ url: 'https://x', events: [] })).rejects.toThrow(
      /body\.events/,
    );
  });

  it('list: reads { subscriptions, next_cursor }, a bare array, or another key', async () => {
    api()
      .get('/v1/webhooks/subscriptions')
      .reply(200, { subscriptions: [subscription], next_cursor: null })
      .get('/v1/webhooks/subscriptions')
      .reply(200, [subscription])
      .get('/v1/webhooks/subscriptions')
      .reply(200, { data: [subscription] });
    const puck = client();
    for (let i = 0; i < 3; i++) {
      expect((await puck.webhooks.subscriptions.list().toArray()).map((s) => s.id)).toEqual(['sub_018f2e3a']);
    }
  });

  it('retrieve / update / delete / test hit the inferred paths', async () => {
    api()
      .get('/v1/webhooks/subscriptions/sub_1')
      .reply(200, { ...subscription, id: 'sub_1' })
      .patch('/v1/webhooks/subscriptions/sub_1', { active: false, events: ['investigation.queued'] })
      .reply(200, { ...subscription, id: 'sub_1', active: false })
      .delete('/v1/webhooks/subscriptions/sub_1')
      .reply(204)
      .post('/v1/webhooks/subscriptions/sub_1/test')
      .reply(202, { event_id: 'evt_1' });
    const puck = client();
    expect((await puck.webhooks.subscriptions.retrieve('sub_1')).id).toBe('sub_1');
    expect(
      (await puck.webhooks.subscriptions.update('sub_1', { active: false, events: ['investigation.queued'] }))
        .active,
    ).toBe(false);
    expect(await puck.webhooks.subscriptions.delete('sub_1')).toBeUndefined();
    expect(await puck.webhooks.subscriptions.test('sub_1')).toEqual({ event_id: 'evt_1' });
  });
});
