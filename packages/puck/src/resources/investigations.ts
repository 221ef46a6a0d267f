import {
  type APIPromise,
  APIResource,
  openEnum,
  type Paginator,
  poll,
  type RequestOptions,
  type WaitOptions,
} from '@quiver/core';
import { cursor, pollIn, route, runWait, waitSettings } from '@quiver/core/internal';
import * as v from 'valibot';
import { cursorQuery, openInput } from './input.js';
import { Reports } from './reports.js';
import { DepthSchema, ScopeInput, ScopeSchema, SeveritySchema } from './shared.js';

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

const STATUSES = [
  'pending',
  'queued',
  'exploring',
  'compiling',
  'executing',
  'analyzing',
  'complete',
  'completed',
  'failed',
  'cancelled',
] as const;

/**
 * Lifecycle states (Puck's API reference, Investigations). The exact success string is not settled
 * in the docs (the concept page says `complete`, the Reports page `completed`), so both are listed and
 * the enum is open: use `isSucceeded` / `isTerminal` rather than comparing strings.
 */
export const InvestigationStatusSchema = openEnum(STATUSES);
/** The status of an investigation; any string this SDK version does not know is passed through. */
export type InvestigationStatus = v.InferOutput<typeof InvestigationStatusSchema>;

/** Statuses after which an investigation never changes again. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set([
  'complete',
  'completed',
  'failed',
  'cancelled',
]);

/** Whether an investigation in this status is finished (`complete`, `completed`, `failed` or `cancelled`). */
export function isTerminal(status: InvestigationStatus | undefined): boolean {
  return status !== undefined && TERMINAL_STATUSES.has(status);
}

/** Whether an investigation in this status finished successfully: `complete` or `completed`, both spellings Puck's docs use. */
export function isSucceeded(status: InvestigationStatus | undefined): boolean {
  return status === 'complete' || status === 'completed';
}

/** `mode` of a trigger: `auto` (default), `cached` or `live` (Puck's API reference, Investigations). */
export const InvestigationModeSchema = openEnum(['auto', 'cached', 'live']);

/**
 * The investigation object of `GET /v1/investigations/{id}`. Its schema is not published; the fields
 * are inferred from the trigger body and the lifecycle, so only `id` is required.
 */
export const InvestigationSchema = v.looseObject({
  id: v.string(),
  status: v.optional(InvestigationStatusSchema),
  query: v.optional(v.string()),
  scope: v.optional(v.nullable(ScopeSchema)),
  depth: v.optional(v.nullable(DepthSchema)),
  mode: v.optional(v.nullable(InvestigationModeSchema)),
  severity: v.optional(v.nullable(SeveritySchema)),
  created_at: v.optional(v.nullable(v.string())),
  updated_at: v.optional(v.nullable(v.string())),
});
/** An investigation, as returned by `retrieve` and `list`. */
export type Investigation = v.InferOutput<typeof InvestigationSchema>;

/**
 * The 202 body of `POST /v1/investigations`. Its field names are not published: the id is read from
 * `id`, then `investigation_id`, and is always present on the result as `id`. The
 * estimated-completion field is kept by looseness under its real name.
 */
export const InvestigationQueuedSchema = v.pipe(
  v.looseObject({
    id: v.optional(v.string()),
    investigation_id: v.optional(v.string()),
    status: v.optional(InvestigationStatusSchema),
    freshness: v.optional(
      v.nullable(
        v.looseObject({
          recommendation: v.optional(
            v.nullable(
              v.looseObject({
                should_rerun_live: v.optional(v.boolean()),
                recommended_scope: v.optional(v.nullable(ScopeSchema)),
              }),
            ),
          ),
        }),
      ),
    ),
  }),
  v.check(
    (body) => body.id !== undefined || body.investigation_id !== undefined,
    'expected `id` or `investigation_id`',
  ),
  v.transform(
    (body) => ({ ...body, id: (body.id ?? body.investigation_id) as string }) as typeof body & { id: string },
  ),
);
/** The acknowledgement of a trigger: the queued investigation's `id` and the `freshness` block. */
export type InvestigationQueued = v.InferOutput<typeof InvestigationQueuedSchema>;

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const InvestigationCreateBody = v.looseObject({
  /** The natural-language question, e.g. `"find unauthorised AI tools on engineering laptops"`. */
  query: v.pipe(
    v.string(),
    v.check((query) => query.trim() !== '', 'is required: a non-empty natural-language question.'),
  ),
  /** `quick` | `standard` | `deep`. Server default (not documented for investigations). */
  depth: v.optional(openInput(['quick', 'standard', 'deep'])),
  /** Which endpoints to investigate. Server default: not documented. */
  scope: v.optional(ScopeInput),
  /** Specific agents to investigate (documented only for the generic inbound provider). */
  agent_ids: v.optional(v.array(v.string())),
  /** `auto` (default), `cached` (graph data only) or `live`. */
  mode: v.optional(openInput(['auto', 'cached', 'live'])),
  /**
   * A URL Puck POSTs to once, when this investigation ends: a one-off push instead of polling or a
   * persistent webhook subscription (Puck's API overview, Investigations).
   */
  webhook_url: v.optional(v.string()),
  /**
   * Idempotency key (≤ 256 characters). The SDK sends it as the `Idempotency-Key` header too; give
   * it here or as `opts.idempotencyKey`, not both with different values. Default: one UUID per call.
   */
  idempotency_key: v.optional(v.string()),
});
/** Body of `investigations.create` (Puck's API reference, Investigations). */
export type InvestigationCreateParams = v.InferInput<typeof InvestigationCreateBody>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const InvestigationListQuery = v.looseObject({
  ...cursorQuery,
  /** Filter by status (assumed parameter). */
  status: v.optional(openInput(STATUSES)),
});
/** Query of `investigations.list` (provisional: the endpoint's parameters are not published). */
export type InvestigationListParams = v.InferInput<typeof InvestigationListQuery>;

/** Options of `waitForCompletion`. */
export interface InvestigationWaitOptions extends WaitOptions {
  /**
   * Called with the first status seen and on every change after it (not on every poll), e.g. to
   * show progress. A callback that throws ends the wait with that error.
   */
  onStatus?: (status: string, investigation: Investigation) => void;
}

/**
 * Options of `createAndWait`: the request options of the trigger, plus the wait options. `timeout` is
 * the overall deadline of the wait (trigger included); each HTTP attempt keeps the client's `timeout`.
 */
export type CreateAndWaitOptions = Omit<RequestOptions, 'timeout'> & InvestigationWaitOptions;

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/** The investigation endpoints. */
export const investigationRoutes = {
  // Puck's API reference, Investigations: idempotency. The key is sent in the header on every
  // attempt, so a retried trigger never starts a second run; it also draws from the investigations
  // rate-limit bucket.
  create: route('POST /v1/investigations', {
    summary: 'Trigger an investigation (202, asynchronous).',
    body: InvestigationCreateBody,
    returns: InvestigationQueuedSchema,
    idempotency: { header: true, bodyAlias: 'idempotency_key' },
    buckets: ['investigations'],
  }),
  retrieve: route('GET /v1/investigations/{id}', {
    summary: 'Read an investigation and its status (the polling target).',
    returns: InvestigationSchema,
  }),
  // Implied only by the `investigations:read` scope: path, query and item key are assumed.
  list: route('GET /v1/investigations', {
    summary: 'List investigations.',
    query: InvestigationListQuery,
    page: cursor({ items: 'investigations', item: InvestigationSchema, firstArray: true }),
    experimental: true,
  }),
  // Inferred from Puck's Errors page ("200 … DELETE (cancellation)").
  cancel: route('DELETE /v1/investigations/{id}', {
    summary: 'Cancel a running investigation.',
    experimental: true,
  }),
};

function describeRun(id: string) {
  return (last: unknown) => {
    const status = (last as Investigation | undefined)?.status;
    return `Puck investigation ${id}${status ? ` (last status: ${status})` : ''}`;
  };
}

// ---------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------

/** Investigations: trigger, follow, list and cancel runs, and read their reports. */
export class Investigations extends APIResource {
  /** The report of an investigation (`GET /v1/investigations/{id}/report`). */
  readonly report: Reports = new Reports(this._client);

  /**
   * Triggers an investigation: `POST /v1/investigations` → 202 (scope `investigations:trigger`).
   *
   * Always sends an `Idempotency-Key` header: `opts.idempotencyKey`, else `body.idempotency_key`, else
   * a UUID generated once for this call and reused on every retry, so a retried trigger (timeout, 429,
   * 5xx) never starts a second run. Draws from the `investigations` rate-limit bucket as well as the
   * calls bucket. Rejects with `InvalidInputError` (nothing sent) without `query`, with a key over 256
   * characters, with two different keys, or a malformed `scope.filter.last_seen_within`.
   *
   * @throws ConflictError when the key was used before with a different body (24 h window).
   */
  create(body: InvestigationCreateParams, opts?: RequestOptions): APIPromise<InvestigationQueued> {
    return this._call(investigationRoutes.create, { body }, opts);
  }

  /** Reads an investigation and its status: `GET /v1/investigations/{id}` (the polling target). */
  retrieve(id: string, opts?: RequestOptions): APIPromise<Investigation> {
    return this._call(investigationRoutes.retrieve, { id }, opts);
  }

  /**
   * Lists investigations: `GET /v1/investigations`, cursor-paginated.
   *
   * @experimental The endpoint is implied by the `investigations:read` scope only; its path, query
   *   and item key (`investigations`) are assumed.
   */
  list(query?: InvestigationListParams, opts?: RequestOptions): Paginator<Investigation> {
    return this._call(investigationRoutes.list, { query }, opts);
  }

  /**
   * Cancels a running investigation: `DELETE /v1/investigations/{id}` → 200 with a body (scope
   * `investigations:trigger`).
   *
   * @experimental The path is inferred from Puck's Errors page ("DELETE (cancellation)").
   */
  cancel(id: string, opts?: RequestOptions): APIPromise<unknown> {
    return this._call(investigationRoutes.cancel, { id }, opts);
  }

  /**
   * Polls `retrieve(id)` until the investigation reaches a terminal status (`complete`, `completed`,
   * `failed` or `cancelled`) and resolves with it; check it with `isSucceeded(run.status)`. Unknown
   * statuses keep it polling. A 429 during a poll waits for `Retry-After` through the normal retry
   * path.
   *
   * @throws WaitTimeoutError after `timeout` (default 10 minutes); `lastValue` is the last investigation.
   * @throws the signal's `reason` as soon as `signal` aborts.
   */
  waitForCompletion(id: string, opts: InvestigationWaitOptions = {}): Promise<Investigation> {
    return poll({
      ...opts,
      what: `Puck investigation ${id}`,
      fetch: (signal) => this.retrieve(id, { signal }),
      // A missing status counts as "unknown" and keeps the wait going: the schema does not promise it.
      status: (investigation) => investigation.status,
      isDone: isTerminal,
    });
  }

  /**
   * `create(body)` then `waitForCompletion(id)`. The trigger's idempotency key (`opts.idempotencyKey`
   * when given) is fixed for the one logical call, so retries of the trigger never start a second
   * run. `opts.timeout` is the deadline of the whole call.
   */
  async createAndWait(
    body: InvestigationCreateParams,
    opts: CreateAndWaitOptions = {},
  ): Promise<Investigation> {
    const settings = waitSettings(opts);
    const request: RequestOptions = { maxRetries: opts.maxRetries, headers: opts.headers };
    let describe = describeRun('(not yet created)');
    return runWait(
      settings,
      opts.signal,
      (last) => describe(last),
      async (scope) => {
        const create = this.create(body, {
          ...request,
          idempotencyKey: opts.idempotencyKey,
          signal: scope.signal,
        });
        const queued = await scope.guard(create);
        describe = describeRun(queued.id);
        return pollIn(scope, {
          fetch: (signal) => this.retrieve(queued.id, { ...request, signal }),
          status: (investigation) => investigation.status,
          isDone: isTerminal,
          onStatus: opts.onStatus,
        });
      },
    );
  }
}
