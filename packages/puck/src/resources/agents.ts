import {
  type APIPromise,
  APIResource,
  openEnum,
  type Paginator,
  path,
  type RequestOptions,
} from '@quiver/core';
import * as v from 'valibot';
import { type CursorParams, cursorPage, type Open, paginateCursor } from './shared.js';

/** Agent status (vendors/puck.md §10.5); open. */
export const AgentStatusSchema = openEnum(['connected', 'disconnected', 'degraded']);
/** OS profile (vendors/puck.md §10.5); open, because cloud agents exist but are not listed. */
export const AgentProfileSchema = openEnum(['endpoint-macos', 'endpoint-linux', 'endpoint-windows']);

/**
 * An agent (vendors/puck.md §10.5). Field names are not shown; `status` and `profile` are inferred
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

/** `GET /v1/agents` page: `{ agents: [...], next_cursor }`. */
export const AgentPageSchema = cursorPage('agents', AgentSchema);

/**
 * The brain's record of the configuration pushed to an agent (vendors/puck.md §10.6): anomaly
 * weights, exclusion patterns, poll intervals, last plan id. No field name is documented, so the
 * object is passed through whole.
 */
export const AgentConfigSchema = v.looseObject({});
/** An agent's configuration as the brain last sent it. */
export type AgentConfig = v.InferOutput<typeof AgentConfigSchema>;

/** Query of `agents.list` (vendors/puck.md §10.5). */
export interface AgentListParams extends CursorParams {
  /** `connected` | `disconnected` | `degraded`. */
  status?: Open<'connected' | 'disconnected' | 'degraded'>;
  /** `endpoint-macos` | `endpoint-linux` | `endpoint-windows`. */
  profile?: Open<'endpoint-macos' | 'endpoint-linux' | 'endpoint-windows'>;
  /** `key:value`, e.g. `team:engineering`. */
  tag?: string;
}

/** `agents.config`. */
export class AgentConfigs extends APIResource {
  /** `GET /v1/agents/{id}/config` (scope `agents:read`). */
  retrieve(agentId: string, opts?: RequestOptions): APIPromise<AgentConfig> {
    return this._client.request(
      { method: 'GET', path: path`/v1/agents/${agentId}/config`, schema: AgentConfigSchema },
      opts,
    );
  }
}

/** Agents: the read-only fleet view (configuration changes happen in the console). */
export class Agents extends APIResource {
  /** The brain-side configuration record of an agent. */
  readonly config: AgentConfigs = new AgentConfigs(this._client);

  /**
   * `GET /v1/agents` (scope `agents:read`), cursor-paginated.
   *
   * @throws InvalidInputError when `limit` is outside 1–1000.
   */
  list(query: AgentListParams = {}, opts?: RequestOptions): Paginator<Agent> {
    return paginateCursor<Agent>(
      this._client,
      { path: '/v1/agents', key: 'agents', query, schema: AgentPageSchema },
      opts,
    );
  }
}
