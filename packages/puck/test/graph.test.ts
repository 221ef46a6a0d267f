import { describe, expect, it } from 'vitest';
import { InternalServerError, InvalidInputError } from '../src/index.js';
import { api, client, rejection, useNock } from './helpers.js';

useNock();

describe('graph.subgraph.retrieve', () => {
  it('sends focus_node, hops, comma-joined edge_types, since and max_nodes', async () => {
    const body = {
      nodes: [{ id: 'node_01hx', kind: 'endpoint' }],
      edges: [{ type: 'can-reach', from: 'node_01hx', to: 'node_02hx' }],
      truncated: true,
    };
    api()
      .get('/v1/graph/subgraph')
      .query({
        focus_node: 'node_01hx',
        hops: '2',
        edge_types: 'can-reach,runs-as',
        since: '2026-05-01T00:00:00Z',
        max_nodes: '5000',
      })
      .reply(200, body);
    const result = await client().graph.subgraph.retrieve({
      focus_node: 'node_01hx',
      hops: 2,
      edge_types: ['can-reach', 'runs-as'],
      since: '2026-05-01T00:00:00Z',
      max_nodes: 5000,
    });
    expect(result).toEqual(body);
    expect(result.truncated).toBe(true);
  });

  it('accepts edge_types as a ready string and defaults missing arrays', async () => {
    api().get('/v1/graph/subgraph').query({ focus_node: 'n', edge_types: 'spawned' }).reply(200, {});
    expect(await client().graph.subgraph.retrieve({ focus_node: 'n', edge_types: 'spawned' })).toEqual({
      nodes: [],
      edges: [],
      truncated: false,
    });
  });

  it('checks focus_node and max_nodes ≤ 5000 locally', async () => {
    await expect(client().graph.subgraph.retrieve({} as never)).rejects.toThrow(/focus_node is required/);
    await expect(client().graph.subgraph.retrieve({ focus_node: 'n', max_nodes: 5001 })).rejects.toThrow(
      'max_nodes must be between 1 and 5000; got 5001.',
    );
    await expect(client().graph.subgraph.retrieve({ focus_node: 'n', hops: -1 })).rejects.toThrow(
      InvalidInputError,
    );
  });
});

describe('graph.path.retrieve', () => {
  it('passes the query through and returns the parsed body', async () => {
    api()
      .get('/v1/graph/path')
      .query({ from: 'node_a', to: 'node_b', max_hops: '4', max_results: '3' })
      .reply(200, { paths: [] });
    expect(
      await client().graph.path.retrieve({ from: 'node_a', to: 'node_b', max_hops: 4, max_results: 3 }),
    ).toEqual({ paths: [] });
  });
});

it('GET /v1/graph/live (not exposed) answers 501 through client.request, not retried, with a hint', async () => {
  api().get('/v1/graph/live').reply(501, { error: 'not implemented' });
  const error = await rejection(client().request({ method: 'GET', path: '/v1/graph/live' }));
  expect(error).toBeInstanceOf(InternalServerError);
  expect(error.status).toBe(501);
  expect(error.message).toBe(
    'Puck GET brain.acme.example/v1/graph/live → 501: not implemented (endpoint reserved in the Puck spec but not deployed on this brain)',
  );
});
