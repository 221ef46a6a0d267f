import { type APIPromise, APIResource, openEnum, type RequestOptions } from '@quiver/core';
import { commaList, int, route } from '@quiver/core/internal';
import * as v from 'valibot';

/**
 * A graph node (Puck's API reference, Graph). Node schemas are not shown; the kind (endpoint,
 * process, user, credential, network destination) is kept under whatever field the brain uses.
 */
export const GraphNodeSchema = v.looseObject({
  id: v.string(),
});
/** A node of the blast-radius graph (`node_…`). */
export type GraphNode = v.InferOutput<typeof GraphNodeSchema>;

const EDGE_TYPES = ['can-reach', 'runs-as', 'spawned', 'authenticated-with'] as const;
/** Edge types (Puck's API reference, Graph); open. */
export const GraphEdgeTypeSchema = openEnum(EDGE_TYPES);
/** `can-reach` | `runs-as` | `spawned` | `authenticated-with`, or a newer type. */
export type GraphEdgeType = v.InferOutput<typeof GraphEdgeTypeSchema>;

/** A graph edge. Only its type is known (the field name `type` is inferred). */
export const GraphEdgeSchema = v.looseObject({
  type: v.optional(GraphEdgeTypeSchema),
});
/** An edge of the blast-radius graph. */
export type GraphEdge = v.InferOutput<typeof GraphEdgeSchema>;

/**
 * `GET /v1/graph/subgraph` 200 body. The reference's "empty response body" wording is a
 * generated-docs artefact: its own example reads `{ nodes, edges, truncated }`.
 */
export const SubgraphSchema = v.looseObject({
  nodes: v.optional(v.array(GraphNodeSchema), []),
  edges: v.optional(v.array(GraphEdgeSchema), []),
  truncated: v.optional(v.boolean(), false),
});
/** The neighbourhood of a node; `truncated` says the lowest-confidence edges were pruned. */
export type Subgraph = v.InferOutput<typeof SubgraphSchema>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const SubgraphQuery = v.looseObject({
  /** Required: the node id at the centre (`node_…`). */
  focus_node: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  /** Radius in hops. Server default: not documented. */
  hops: v.optional(int({ min: 0 })),
  /** Only these edge types; sent comma-separated (`can-reach,runs-as`). */
  edge_types: v.optional(commaList()),
  /** Time-window lower bound (format not documented; ISO-8601 is the Puck convention). */
  since: v.optional(v.string()),
  /** 1–5000. Server default 5000. */
  max_nodes: v.optional(int({ min: 1, max: 5000 })),
});
/** Query of `graph.subgraph.retrieve` (Puck's API reference, Graph: subgraph). */
export type SubgraphParams = v.InferInput<typeof SubgraphQuery>;

/** Query of `graph.path.retrieve`: only `max_hops` and `max_results` are documented. */
export type PathParams = Record<string, string | number>;

/** The graph endpoints. */
export const graphRoutes = {
  subgraph: route('GET /v1/graph/subgraph', {
    summary: 'The neighbourhood of a node.',
    query: SubgraphQuery,
    returns: SubgraphSchema,
  }),
  // The two node parameter names and the response shape are not in Puck's API reference (Graph:
  // path), so the query is passed as given and the body returned as parsed.
  path: route('GET /v1/graph/path', { summary: 'All paths between two nodes.' }),
};

/** `graph.subgraph`. */
export class Subgraphs extends APIResource {
  /**
   * `GET /v1/graph/subgraph` (scope `graph:read`): a singleton read with a required query. Rejects
   * with `InvalidInputError` without `focus_node`, or with `max_nodes` outside 1–5000.
   */
  retrieve(query: SubgraphParams, opts?: RequestOptions): APIPromise<Subgraph> {
    return this._call(graphRoutes.subgraph, { query }, opts);
  }
}

/** `graph.path`. */
export class GraphPaths extends APIResource {
  /**
   * `GET /v1/graph/path` (scope `graph:read`): all paths between two nodes up to `max_hops`, capped at
   * `max_results`. The query is passed as given and the body returned as parsed.
   */
  retrieve(query: PathParams, opts?: RequestOptions): APIPromise<unknown> {
    return this._call(graphRoutes.path, { query }, opts);
  }
}

/** The blast-radius graph: subgraphs and paths. */
export class Graph extends APIResource {
  /** `GET /v1/graph/subgraph`. */
  readonly subgraph: Subgraphs = new Subgraphs(this._client);
  /** `GET /v1/graph/path`. */
  readonly path: GraphPaths = new GraphPaths(this._client);
}
