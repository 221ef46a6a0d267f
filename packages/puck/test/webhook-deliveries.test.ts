import { describe, expect, it } from 'vitest';
import { api, client, rejection, useNock } from './helpers.js';

useNock();

describe('webhooks.deliveries (provisional)', () => {
  it('list: GET /v1/webhooks/deliveries with a status filter', async () => {
    api()
      .get('/v1/webhooks/deliveries')
      .query({ status: 'failed_permanent' })
      .reply(200, {
        deliveries: [{ id: 'dlv_1', status: 'dead_lettered', event_id: 'e1' }],
        next_cursor: null,
      });
    const [delivery] = await client().webhooks.deliveries.list({ status: 'failed_permanent' }).toArray();
    expect(delivery).toEqual({ id: 'dlv_1', status: 'dead_lettered', event_id: 'e1' });
  });

  it('replay: POST /v1/webhooks/deliveries/{id}/replay → 202, not retried', async () => {
    api()
      .post('/v1/webhooks/deliveries/dlv_1/replay')
      .reply(202, { replayed: 'dlv_1' })
      .post('/v1/webhooks/deliveries/dlv_2/replay')
      .reply(500, { error: 'boom' }, { 'retry-after': '0' });
    expect(await client().webhooks.deliveries.replay('dlv_1')).toEqual({ replayed: 'dlv_1' });
    expect((await rejection(client().webhooks.deliveries.replay('dlv_2'))).status).toBe(500);
  });
});
