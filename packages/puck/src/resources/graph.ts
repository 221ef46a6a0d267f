import {
  type APIPromise,
  APIResource,
  ensureLimit,
  InvalidInputError,
  openEnum,
  type RequestOptions,
} from '@quiver/core';
import * as v from 'valibot';

/**
 * A graph node (vendors/puck.md §10.1). Node schemas are not shown; the kind (endpoint, process,
 * user, credential, network destination) is kept under whatever field the brain uses.
 */
export const GraphNodeSchema = v.looseObject({
  id: v.string(),
});
/** A node of the blast-radius graph (`node_…`). */
export type GraphNode = v.InferOutput<typeof GraphNodeSchema>;

/** Edge types (vendors/puck.md §10.1); open. */
export const GraphEdgeTypeSchema = openEnum(['can-reach', 'runs-as', 'spawned', 'authenticated-with']);
/** `can-reach` | `runs-as` | `spawned` | `authenticated-with`, or a newer type. */
export type GraphEdgeType = v.InferOutput<typeof GraphEdgeTypeSchema>;

/** A graph edge. Only its type is known (field name `type` inferred, api/puck.md §3). */
export const GraphEdgeSchema = v.looseObject({
  type: v.optional(GraphEdgeTypeSchema),
});
/** An edge of the blast-radius graph. */
export type GraphEdge = v.InferOutput<typeof GraphEdgeSchema>;

/**
 * `GET /v1/graph/subgraph` 200 body (vendors/puck.md §10.2). The page's "empty response body" wording
 * is a generated-docs artefact (§13.4): its own example reads `{ nodes, edges, truncated }`.
 */
export const SubgraphSchema = v.looseObject({
  nodes: v.optional(v.array(GraphNodeSchema), []),
  edges: v.optional(v.array(GraphEdgeSchema), []),
  truncated: v.optional(v.boolean(), false),
});
/** The neighbourhood of a node; `truncated` says the lowest-confidence edges were pruned. */
export type Subgraph = v.InferOutput<typeof SubgraphSchema>;

/** Query of `graph.subgraph.retrieve` (vendors/puck.md §10.2). */
export interface SubgraphParams {
  /** Required: the node id at the centre (`node_…`). */
  focus_node: string;
  /** Radius in hops. Server default: not documented. */
  hops?: number;
  /** Only these edge types; sent comma-separated (`can-reach,runs-as`). */
  edge_types?: GraphEdgeType[] | string;
  /** Time-window lower bound (format not documented; ISO-8601 is the Puck convention). */
  since?: string;
  /** 1–5000. Server default 5000. */
  max_nodes?: number;
}

/** Query of `graph.path.retrieve`: only `max_hops` and `max_results` are documented (§10.3). */
export type PathParams = Record<string, string | number>;

/** `graph.subgraph`. */
export class Subgraphs extends APIResource {
  /**
   * `GET /v1/graph/subgraph` (scope `graph:read`): a singleton read with a required query.
   *
   * @throws InvalidInputError without `focus_node`, or with `max_nodes` outside 1–5000.
   */
  retrieve(query: SubgraphParams, opts?: RequestOptions): APIPromise<Subgraph> {
    if (typeof query?.focus_node !== 'string' || query.focus_node === '') {
      throw new InvalidInputError('focus_node is required: the id of the node at the centre (node_…).');
    }
    ensureLimit(query.max_nodes, { name: 'max_nodes', min: 1, max: 5000 });
    ensureLimit(query.hops, { name: 'hops', min: 0 });
    const edgeTypes = Array.isArray(query.edge_types) ? query.edge_types.join(',') : query.edge_types;
    return this._client.request(
      {
        method: 'GET',
        path: '/v1/graph/subgraph',
        query: { ...query, edge_types: edgeTypes },
        schema: SubgraphSchema,
      },
      opts,
    );
  }
}

/** `graph.path`. */
export class GraphPaths extends APIResource {
  /**
   * `GET /v1/graph/path` (scope `graph:read`): all paths between two nodes up to `max_hops`, capped at
   * `max_results`. The two node parameter names and the response shape were not captured
   * (vendors/puck.md §10.3), so the query is passed as given and the body returned as parsed.
   */
  retrieve(query: PathParams, opts?: RequestOptions): APIPromise<unknown> {
    return this._client.request({ method: 'GET', path: '/v1/graph/path', query }, opts);
  }
}

/** The blast-radius graph: subgraphs and paths. */
export class Graph extends APIResource {
  /** `GET /v1/graph/subgraph`. */
  readonly subgraph: Subgraphs = new Subgraphs(this._client);
  /** `GET /v1/graph/path`. */
  readonly path: GraphPaths = new GraphPaths(this._client);
}
