import {
  type APIPromise,
  APIResource,
  InvalidInputError,
  openEnum,
  type Paginator,
  poll,
  type RequestOptions,
  ResponseValidationError,
} from '@quiver/core';
import { cursor, int, route } from '@quiver/core/internal';
import * as v from 'valibot';
import { type PollOptions, splitWait, waitDefaults } from '../wait.js';
import { IdInput, optBool, optNum, optObject, optStr } from './shared.js';

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

/** An Enrichment contract of the catalog (`GET /api/enrichments`). */
export const EnrichmentSchema = v.looseObject({
  id: v.string(),
  slug: optStr,
  name: optStr,
  description: optStr,
  subject: v.optional(v.nullable(openEnum(['person', 'company']))),
  version: optStr,
  enabled: optBool,
  visibility: optStr,
  inputSchema: optObject,
  outputSchema: optObject,
  defaultOutput: v.optional(v.nullable(v.looseObject({ target: optStr, attributeKey: optStr }))),
  defaultOutputAttributeKey: optStr,
  outputOverridePolicy: optStr,
  costModel: v.optional(v.nullable(v.looseObject({ creditAction: optStr }))),
  toolBinding: v.optional(
    v.nullable(
      v.looseObject({
        type: optStr,
        payloadMapper: v.optional(
          v.nullable(v.looseObject({ id: optStr, version: v.optional(v.unknown()) })),
        ),
        taskId: optStr,
      }),
    ),
  ),
});
/** An Enrichment contract: what it needs (`inputSchema`), writes and costs. */
export type Enrichment = v.InferOutput<typeof EnrichmentSchema>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const EnrichmentListQuery = v.object({ q: v.optional(v.string()) });
/** Query of `enrichments.list`. */
export type EnrichmentListParams = v.InferInput<typeof EnrichmentListQuery>;

/** Run statuses: `pending` → `running` → `completed` | `failed` | `cancelled`. */
export const EnrichmentRunStatusSchema = openEnum(['pending', 'running', 'completed', 'failed', 'cancelled']);
/** Statuses after which a run never changes. */
export const ENRICHMENT_TERMINAL: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);

const ErrorInfo = v.optional(
  v.nullable(v.looseObject({ message: optStr, details: v.optional(v.unknown()) })),
);

/** A run of `GET /api/enrichment/{id}` (unwrapped from `{ run }`). */
export const EnrichmentRunSchema = v.looseObject({
  id: v.string(),
  status: v.optional(EnrichmentRunStatusSchema),
  mode: v.optional(v.nullable(openEnum(['persisted', 'preview']))),
  enrichment: v.optional(
    v.nullable(
      v.looseObject({ id: optStr, slug: optStr, version: optNum, snapshot: v.optional(v.unknown()) }),
    ),
  ),
  scope: v.optional(
    v.nullable(
      v.looseObject({
        type: optStr,
        listId: optStr,
        requested: v.optional(v.unknown()),
        resolvedCount: optNum,
        counts: v.optional(
          v.nullable(
            v.looseObject({
              pending: optNum,
              running: optNum,
              completed: optNum,
              skipped: optNum,
              failed: optNum,
            }),
          ),
        ),
      }),
    ),
  ),
  output: v.optional(
    v.nullable(
      v.looseObject({ target: optStr, attributeKey: optStr, writePolicy: optStr, persistResults: optBool }),
    ),
  ),
  cost: v.optional(
    v.nullable(v.looseObject({ preview: v.optional(v.unknown()), actual: v.optional(v.unknown()) })),
  ),
  trigger: v.optional(
    v.nullable(
      v.looseObject({
        correlationId: optStr,
        triggerRunId: optStr,
        dispatchMetadata: v.optional(v.unknown()),
      }),
    ),
  ),
  error: ErrorInfo,
  timing: v.optional(
    v.nullable(
      v.looseObject({
        startedAt: optStr,
        completedAt: optStr,
        cancelledAt: optStr,
        createdAt: optStr,
        updatedAt: optStr,
      }),
    ),
  ),
});
/** An Enrichment run. */
export type EnrichmentRun = v.InferOutput<typeof EnrichmentRunSchema>;

/** `POST /api/enrichment`: the dispatched (or reused) run. Every field optional as documented loosely. */
export const EnrichmentRunStartedSchema = v.looseObject({
  enrichmentRunId: optStr,
  runId: optStr,
  status: v.optional(v.nullable(EnrichmentRunStatusSchema)),
  leadCount: optNum,
  triggerRunId: optStr,
  /** `true` when the `idempotencyKey` matched an earlier run: nothing was charged again. */
  reusedExistingRun: optBool,
});
/** A started Enrichment run. */
export type EnrichmentRunStarted = v.InferOutput<typeof EnrichmentRunStartedSchema>;

/** `{ id, status: 'cancelled', cancelledAt }` of a cancel (unwrapped from `{ run }`). */
export const EnrichmentRunCancelledSchema = v.looseObject({
  id: v.string(),
  status: v.optional(EnrichmentRunStatusSchema),
  cancelledAt: optStr,
});
/** A cancelled run. */
export type EnrichmentRunCancelled = v.InferOutput<typeof EnrichmentRunCancelledSchema>;

/** Per-Lead item statuses. */
export const EnrichmentItemStatusSchema = openEnum(['pending', 'running', 'completed', 'skipped', 'failed']);

/** One per-Lead result of a run. */
export const EnrichmentItemSchema = v.looseObject({
  id: v.string(),
  runId: optStr,
  leadId: optStr,
  listId: optStr,
  membershipId: optStr,
  status: v.optional(EnrichmentItemStatusSchema),
  result: v.optional(v.unknown()),
  skippedReason: optStr,
  error: ErrorInfo,
  attempts: optNum,
  metadata: v.optional(
    v.nullable(
      v.looseObject({
        inputSnapshot: v.optional(v.unknown()),
        leadSnapshot: v.optional(v.unknown()),
        result: v.optional(v.unknown()),
        provider: v.optional(v.unknown()),
        providerSubmissionId: optStr,
      }),
    ),
  ),
  timing: v.optional(
    v.nullable(
      v.looseObject({ startedAt: optStr, completedAt: optStr, createdAt: optStr, updatedAt: optStr }),
    ),
  ),
});
/** A per-Lead Enrichment result. */
export type EnrichmentItem = v.InferOutput<typeof EnrichmentItemSchema>;

const ScopeBody = v.variant(
  'type',
  [
    v.object({
      type: v.literal('explicit_leads'),
      leadIds: v.pipe(v.array(IdInput), v.minLength(1, 'must have at least 1 item')),
      listId: v.optional(v.string()),
    }),
    v.object({ type: v.literal('list'), listId: IdInput }),
    // Documented as "not yet supported by the planner": sent as given, the server decides.
    v.object({
      type: v.literal('filtered_list'),
      listId: IdInput,
      filter: v.record(v.string(), v.unknown()),
    }),
  ],
  "type must be 'explicit_leads', 'list' or 'filtered_list'",
);

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const EnrichmentCreateBody = v.object({
  enrichmentId: IdInput,
  scope: ScopeBody,
  mode: v.optional(v.picklist(['persisted', 'preview'], "must be 'persisted' or 'preview'")),
  input: v.optional(v.record(v.string(), v.unknown())),
  output: v.optional(v.record(v.string(), v.unknown())),
  displayRequest: v.optional(v.record(v.string(), v.unknown())),
  idempotencyKey: v.optional(
    v.pipe(v.string(), v.minLength(1), v.maxLength(256, 'must be at most 256 characters')),
  ),
  /** Appears only among the CLI's flags; its values are not documented. */
  writePolicy: v.optional(v.string()),
});
/**
 * Body of `enrichment.create`. `idempotencyKey` is filled in when absent (from the call's
 * `idempotencyKey` option, else a random UUID) so a retry never starts or charges a second run.
 */
export type EnrichmentCreateParams = v.InferInput<typeof EnrichmentCreateBody>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const EnrichmentItemsQuery = v.object({
  status: v.optional(v.string()),
  leadId: v.optional(v.string()),
  cursor: v.optional(v.string()),
  limit: v.optional(int({ min: 1, max: 100 })),
});
/** Query of `enrichment.items.list`: `status`, `leadId`, `limit` (1–100, default 50). */
export type EnrichmentItemsListParams = v.InferInput<typeof EnrichmentItemsQuery>;

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/** The endpoint rows of the Enrichment catalog and runs. */
export const enrichmentRoutes = {
  catalogList: route('GET /api/enrichments', {
    summary: 'The Enrichment catalog.',
    query: EnrichmentListQuery,
    envelope: 'enrichments',
    returns: v.array(EnrichmentSchema),
  }),
  catalogRetrieve: route('GET /api/enrichments', {
    summary: 'One Enrichment contract, by slug.',
    query: v.object({ id: IdInput }),
    envelope: 'enrichments',
    pick: 'first',
    returns: EnrichmentSchema,
  }),
  create: route('POST /api/enrichment', {
    summary: 'Start an Enrichment run (body idempotencyKey: retried safely, charged once).',
    body: EnrichmentCreateBody,
    idempotency: { body: 'idempotencyKey' },
    returns: EnrichmentRunStartedSchema,
  }),
  retrieve: route('GET /api/enrichment/{runId}', {
    summary: 'The status of a run.',
    envelope: 'run',
    returns: EnrichmentRunSchema,
  }),
  items: route('GET /api/enrichment/{runId}/items', {
    summary: 'Per-Lead results of a run (cursor: page.nextCursor).',
    query: EnrichmentItemsQuery,
    page: cursor({
      items: 'items',
      item: EnrichmentItemSchema,
      next: 'page.nextCursor',
      hasMore: 'page.hasMore',
    }),
  }),
  cancel: route('POST /api/enrichment/{runId}/cancel', {
    summary: 'Cancel a pending or running run (no refund).',
    body: v.optional(v.object({})),
    envelope: 'run',
    returns: EnrichmentRunCancelledSchema,
  }),
};

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

/** The Enrichment catalog: `GET /api/enrichments`. */
export class Enrichments extends APIResource {
  /** Every Enrichment contract (search with `q`). */
  list(query?: EnrichmentListParams, opts?: RequestOptions): APIPromise<Enrichment[]> {
    return this._call(enrichmentRoutes.catalogList, { query }, opts);
  }
  /** One contract by slug (`work_email`, `website_overview`, …); `NotFoundError` when unknown. */
  retrieve(slug: string, opts?: RequestOptions): APIPromise<Enrichment> {
    return this._call(enrichmentRoutes.catalogRetrieve, { query: { id: slug } }, opts);
  }
}

/** `GET /api/enrichment/{id}/items`. */
export class EnrichmentItems extends APIResource {
  /** Per-Lead results, ordered by item id. */
  list(runId: string, query?: EnrichmentItemsListParams, opts?: RequestOptions): Paginator<EnrichmentItem> {
    return this._call(enrichmentRoutes.items, { runId, query }, opts);
  }
}

/** Enrichment runs: `/api/enrichment`. */
export class EnrichmentRuns extends APIResource {
  /** Per-Lead results of a run. */
  readonly items: EnrichmentItems = new EnrichmentItems(this._client);

  /**
   * Start a run. Charges `leadCount` credits (402 `InsufficientCreditsError` when short). Retried
   * safely: the same `idempotencyKey` is sent on every attempt, so the server returns the first run.
   */
  create(body: EnrichmentCreateParams, opts?: RequestOptions): APIPromise<EnrichmentRunStarted> {
    return this._call(enrichmentRoutes.create, { body }, opts);
  }
  /** The status of a run. */
  retrieve(runId: string, opts?: RequestOptions): APIPromise<EnrichmentRun> {
    return this._call(enrichmentRoutes.retrieve, { runId }, opts);
  }
  /**
   * Cancel a run. A 409 carries `err.code`: `run_not_cancellable` (already terminal; a second cancel
   * gets it) or `run_status_changed` (a race: re-read the run). `body` is accepted for the table's
   * signature; the endpoint takes none.
   */
  cancel(
    runId: string,
    body?: Record<string, never>,
    opts?: RequestOptions,
  ): APIPromise<EnrichmentRunCancelled> {
    return this._call(enrichmentRoutes.cancel, { runId, body }, opts);
  }
  /**
   * Polls the run every 3 s (inside the documented 2–5 s) until `completed`, `failed` or `cancelled`;
   * 30 min timeout (an undocumented choice). Resolves with the final run: check its `status`.
   */
  waitForCompletion(runId: string, opts: PollOptions<EnrichmentRun> = {}): Promise<EnrichmentRun> {
    return poll({
      what: `Puffle enrichment run ${runId}`,
      fetch: (signal) => this.retrieve(runId, { signal }),
      status: (run) => run.status,
      isDone: (status) => status !== undefined && ENRICHMENT_TERMINAL.has(status),
      ...waitDefaults(opts, 3_000, 30 * 60_000),
    });
  }
  /**
   * `create` (with its idempotency key), then `waitForCompletion` on `runId` (or `enrichmentRunId`).
   * `mode: 'preview'` is refused: a preview dispatches nothing to wait for — use `create`.
   */
  async createAndWait(
    body: EnrichmentCreateParams,
    opts: RequestOptions & PollOptions<EnrichmentRun> = {},
  ): Promise<EnrichmentRun> {
    if (body?.mode === 'preview') {
      throw new InvalidInputError(
        "body.mode must not be 'preview' for createAndWait (a preview starts no run); use create.",
      );
    }
    const [request, wait] = splitWait(opts);
    const started = await this.create(body, request);
    const runId = started.runId ?? started.enrichmentRunId;
    if (!runId) {
      throw new ResponseValidationError(
        'Puffle POST /api/enrichment: the response has no runId or enrichmentRunId to wait on.',
        { issues: [], body: started },
      );
    }
    return this.waitForCompletion(runId, wait);
  }
}
