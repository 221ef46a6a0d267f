import { describe, expect, it } from 'vitest';
import { api, client, useNock } from './helpers.js';

useNock();

describe('agents.list', () => {
  it('sends status, profile, tag and limit, and types the agents', async () => {
    const agent = { id: 'agent_01hx', status: 'connected', profile: 'endpoint-macos', version: '1.8.2' };
    api()
      .get('/v1/agents')
      .query({ status: 'connected', profile: 'endpoint-macos', tag: 'team:engineering', limit: '50' })
      .reply(200, { agents: [agent], next_cursor: null });
    const agents = await client()
      .agents.list({ status: 'connected', profile: 'endpoint-macos', tag: 'team:engineering', limit: 50 })
      .toArray();
    expect(agents).toEqual([agent]);
  });

  it('accepts profiles this SDK does not list (cloud agents)', async () => {
    api()
      .get('/v1/agents')
      .reply(200, { agents: [{ id: 'agent_k8s', profile: 'cloud-k8s' }] });
    const [agent] = await client().agents.list().toArray();
    expect(agent?.profile).toBe('cloud-k8s');
  });
});

describe('agents.config.retrieve', () => {
  it('GETs /v1/agents/{id}/config and passes the record through', async () => {
    const config = {
      anomaly_weights: { process: 0.4 },
      exclusion_patterns: ['/tmp/*'],
      last_plan_id: 'plan_1',
    };
    api().get('/v1/agents/agent_01hx/config').reply(200, config);
    expect(await client().agents.config.retrieve('agent_01hx')).toEqual(config);
  });
});
