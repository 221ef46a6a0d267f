import { type APIPromise, APIResource, openEnum, type Paginator, type RequestOptions } from '@quiver/core';
import { cursor, route } from '@quiver/core/internal';
import * as v from 'valibot';
import { cursorQuery, openInput } from './input.js';

/** Agent status (Puck's API reference, Agents); open. */
export const AgentStatusSchema = openEnum(['connected', 'disconnected', 'degraded']);
/** OS profile (Puck's API reference, Agents); open, because cloud agents exist but are not listed. */
export const AgentProfileSchema = openEnum(['endpoint-macos', 'endpoint-linux', 'endpoint-windows']);

/**
 * An agent. Field names are not shown in Puck's API reference; `status` and `profile` are inferred
 * from the query parameters, and heartbeat/version are kept by looseness under their real names.
 */
export const AgentSchema = v.looseObject({
  id: v.string(),
  status: v.optional(AgentStatusSchema),
  profile: v.optional(AgentProfileSchema),
  tags: v.optional(v.record(v.string(), v.string())),
});
/** A Puck agent (`agent_…`). */
export type Agent = v.InferOutput<typeof AgentSchema>;

/**
 * The brain's record of the configuration pushed to an agent (Puck's API reference, Agents: config):
 * anomaly weights, exclusion patterns, poll intervals, last plan id. No field name is documented, so
 * the object is passed through whole.
 */
export const AgentConfigSchema = v.looseObject({});
/** An agent's configuration as the brain last sent it. */
export type AgentConfig = v.InferOutput<typeof AgentConfigSchema>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const AgentListQuery = v.looseObject({
  ...cursorQuery,
  /** `connected` | `disconnected` | `degraded`. */
  status: v.optional(openInput(['connected', 'disconnected', 'degraded'])),
  /** `endpoint-macos` | `endpoint-linux` | `endpoint-windows`. */
  profile: v.optional(openInput(['endpoint-macos', 'endpoint-linux', 'endpoint-windows'])),
  /** `key:value`, e.g. `team:engineering`. */
  tag: v.optional(v.string()),
});
/** Query of `agents.list` (Puck's API reference, Agents). */
export type AgentListParams = v.InferInput<typeof AgentListQuery>;

/** The agent endpoints. */
export const agentRoutes = {
  list: route('GET /v1/agents', {
    summary: 'List the agent fleet.',
    query: AgentListQuery,
    page: cursor({ items: 'agents', item: AgentSchema }),
  }),
  config: route('GET /v1/agents/{agentId}/config', {
    summary: "Read the brain's configuration record of an agent.",
    returns: AgentConfigSchema,
  }),
};

/** `agents.config`. */
export class AgentConfigs extends APIResource {
  /** `GET /v1/agents/{id}/config` (scope `agents:read`). */
  retrieve(agentId: string, opts?: RequestOptions): APIPromise<AgentConfig> {
    return this._call(agentRoutes.config, { agentId }, opts);
  }
}

/** Agents: the read-only fleet view (configuration changes happen in the console). */
export class Agents extends APIResource {
  /** The brain-side configuration record of an agent. */
  readonly config: AgentConfigs = new AgentConfigs(this._client);

  /**
   * `GET /v1/agents` (scope `agents:read`), cursor-paginated. Rejects with `InvalidInputError` when
   * `limit` is outside 1–1000.
   */
  list(query?: AgentListParams, opts?: RequestOptions): Paginator<Agent> {
    return this._call(agentRoutes.list, { query }, opts);
  }
}
