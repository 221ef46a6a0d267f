/**
 * Seed data of the fake Puck brain: a small fleet and graph, so every list and read has something to
 * return out of the box. Shapes follow Puck's API docs; where the docs do not name a field, the fake
 * uses the name the SDK's schema expects.
 */

/** A record of the fake: a plain JSON object with an `id`. */
export type FakeRecord = { id: string; [key: string]: unknown };

/** Every documented scope (Puck's API docs, “Scopes”). */
export const ALL_SCOPES = [
  'investigations:trigger',
  'investigations:read',
  'webhooks:manage',
  'graph:read',
  'agents:read',
  'findings:read',
  'findings:dismiss',
  'reports:read',
  'curiosity:read',
  'curiosity:write',
] as const;

/** A Puck scope, or `'*'` for all of them. */
export type FakeScope = (typeof ALL_SCOPES)[number] | '*';

/** Default agents: one per documented profile, in each documented status. */
export function defaultAgents(): FakeRecord[] {
  return [
    {
      id: 'agent_01hxmac',
      hostname: 'eng-mbp-014',
      profile: 'endpoint-macos',
      status: 'connected',
      version: '1.8.2',
      last_heartbeat_at: '2026-05-03T14:20:00Z',
      tags: { team: 'engineering' },
    },
    {
      id: 'agent_01hxlnx',
      hostname: 'ci-runner-3',
      profile: 'endpoint-linux',
      status: 'degraded',
      version: '1.8.2',
      last_heartbeat_at: '2026-05-03T14:19:30Z',
      tags: { team: 'platform' },
    },
    {
      id: 'agent_01hxwin',
      hostname: 'fin-laptop-7',
      profile: 'endpoint-windows',
      status: 'disconnected',
      version: '1.7.9',
      last_heartbeat_at: '2026-05-02T09:02:11Z',
      tags: { team: 'finance' },
    },
  ];
}

/** The configuration record of an agent (Puck's API docs, “`GET /v1/agents/{id}/config`”; field names invented, undocumented). */
export function agentConfig(agentId: string): FakeRecord {
  return {
    id: agentId,
    agent_id: agentId,
    anomaly_weights: { process: 0.4, network: 0.35, credential: 0.25 },
    exclusion_patterns: ['/usr/libexec/*'],
    poll_interval_seconds: 5,
    last_plan_id: null,
  };
}

/** Default graph: endpoint → process → user → credential → network destination. */
export function defaultGraph(): { nodes: FakeRecord[]; edges: FakeRecord[] } {
  return {
    nodes: [
      { id: 'node_endpoint_mbp014', kind: 'endpoint', label: 'eng-mbp-014' },
      { id: 'node_process_ollama', kind: 'process', label: 'ollama serve' },
      { id: 'node_user_alice', kind: 'user', label: 'alice' },
      { id: 'node_cred_github', kind: 'credential', label: 'github token' },
      { id: 'node_dest_llm', kind: 'network_destination', label: 'api.llm.example:443' },
    ],
    edges: [
      {
        id: 'edge_1',
        from: 'node_endpoint_mbp014',
        to: 'node_process_ollama',
        type: 'spawned',
        confidence: 0.98,
      },
      { id: 'edge_2', from: 'node_process_ollama', to: 'node_user_alice', type: 'runs-as', confidence: 0.95 },
      {
        id: 'edge_3',
        from: 'node_user_alice',
        to: 'node_cred_github',
        type: 'authenticated-with',
        confidence: 0.8,
      },
      { id: 'edge_4', from: 'node_process_ollama', to: 'node_dest_llm', type: 'can-reach', confidence: 0.7 },
    ],
  };
}

/** The findings an investigation "discovers" when it completes (one per severity step). */
export function findingsFor(
  investigationId: string,
  query: string,
  at: string,
  nextId: () => string,
): FakeRecord[] {
  return [
    {
      id: nextId(),
      investigation_id: investigationId,
      severity: 'high',
      title: `Unapproved LLM client running (${query.slice(0, 40)})`,
      agent_id: 'agent_01hxmac',
      confidence: 0.92,
      reasoning: ['process ollama listening on :11434', 'binary not in the approved-software list'],
      discovered_at: at,
      dismissed: false,
    },
    {
      id: nextId(),
      investigation_id: investigationId,
      severity: 'medium',
      title: 'Browser extension with broad host permissions',
      agent_id: 'agent_01hxlnx',
      confidence: 0.71,
      reasoning: ['extension requests <all_urls>'],
      discovered_at: at,
      dismissed: false,
    },
  ];
}
