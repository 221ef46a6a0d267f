import {
  type APIPromise,
  APIResource,
  InvalidInputError,
  openEnum,
  type Paginator,
  path,
  type RequestOptions,
} from '@quiver/core';
import * as v from 'valibot';
import { runWait, type WaitOptions, type WaitScope, waitSettings } from '../wait.js';
import { Reports } from './reports.js';
import {
  type CursorParams,
  checkScope,
  cursorPage,
  DepthSchema,
  type Open,
  paginateCursor,
  type ScopeParam,
  ScopeSchema,
  SeveritySchema,
} from './shared.js';

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

/**
 * Lifecycle states (vendors/puck.md §9.1). The API's exact strings are unconfirmed (§13.6: the
 * concept page says `complete`, the Reports page `completed`), so both are listed and the enum is open.
 */
export const InvestigationStatusSchema = openEnum([
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
]);
/** The status of an investigation; any string this SDK version does not know is passed through. */
export type InvestigationStatus = v.InferOutput<typeof InvestigationStatusSchema>;

/** Statuses after which an investigation never changes again (api/puck.md §4). */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set([
  'complete',
  'completed',
  'failed',
  'cancelled',
]);

/** `mode` of a trigger: `auto` (default), `cached` or `live` (vendors/puck.md §9.1). */
export const InvestigationModeSchema = openEnum(['auto', 'cached', 'live']);

/**
 * The investigation object of `GET /v1/investigations/{id}`. Its schema was not captured
 * (vendors/puck.md §9.2); the fields are inferred from the trigger body and the lifecycle, so only
 * `id` is required.
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
 * The 202 body of `POST /v1/investigations`. Its field names were not captured (vendors/puck.md
 * §9.1): the id is read from `id`, then `investigation_id` (api/puck.md §3), and is always present
 * on the result as `id`. The estimated-completion field is kept by looseness under its real name.
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

/** `GET /v1/investigations` page; the item key `investigations` is assumed (api/puck.md row 3). */
export const InvestigationPageSchema = cursorPage('investigations', InvestigationSchema);

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

/** Body of `investigations.create` (vendors/puck.md §9.1). */
export interface InvestigationCreateParams {
  /** The natural-language question, e.g. `"find unauthorised AI tools on engineering laptops"`. */
  query: string;
  /** `quick` | `standard` | `deep`. Server default (not documented for investigations). */
  depth?: Open<'quick' | 'standard' | 'deep'>;
  /** Which endpoints to investigate. Server default: not documented. */
  scope?: ScopeParam;
  /** Specific agents to investigate (documented only for the generic inbound provider). */
  agent_ids?: string[];
  /** `auto` (default), `cached` (graph data only) or `live`. */
  mode?: Open<'auto' | 'cached' | 'live'>;
  /**
   * Idempotency key (≤ 256 characters). The SDK sends it as the `Idempotency-Key` header too; give
   * it here or as `opts.idempotencyKey`, not both with different values. Default: one UUID per call.
   */
  idempotency_key?: string;
}

/** Query of `investigations.list` (provisional: the endpoint's parameters were not captured). */
export interface InvestigationListParams extends CursorParams {
  /** Filter by status (assumed parameter). */
  status?: Open<InvestigationStatus>;
  [key: string]: string | number | boolean | undefined;
}

/** Options of `waitForCompletion` (api/puck.md §4). */
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

const MAX_IDEMPOTENCY_KEY = 256;

function checkIdempotencyKey(key: unknown, name: string): void {
  if (key === undefined) return;
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY) {
    throw new InvalidInputError(
      `${name} must be a non-empty string of at most ${MAX_IDEMPOTENCY_KEY} characters; got ${
        typeof key === 'string' ? `${key.length} characters` : typeof key
      }.`,
    );
  }
}

/**
 * The key of one logical trigger: `opts.idempotencyKey ?? body.idempotency_key ?? randomUUID()`
 * (api/puck.md §1). Both given and different is refused: which one the server honours is not
 * documented (vendors/puck.md §5), and a silent pick could replay the wrong investigation.
 */
function resolveIdempotencyKey(body: InvestigationCreateParams, opts: RequestOptions | undefined): string {
  checkIdempotencyKey(opts?.idempotencyKey, 'opts.idempotencyKey');
  checkIdempotencyKey(body.idempotency_key, 'body.idempotency_key');
  if (opts?.idempotencyKey !== undefined && body.idempotency_key !== undefined) {
    if (opts.idempotencyKey !== body.idempotency_key) {
      throw new InvalidInputError(
        'opts.idempotencyKey and body.idempotency_key differ; pass the idempotency key in one place only.',
      );
    }
  }
  return opts?.idempotencyKey ?? body.idempotency_key ?? globalThis.crypto.randomUUID();
}

function checkCreateBody(body: InvestigationCreateParams): void {
  if (typeof body !== 'object' || body === null) {
    throw new InvalidInputError('body must be an object with at least `query`.');
  }
  if (typeof body.query !== 'string' || body.query.trim() === '') {
    throw new InvalidInputError('body.query is required: a non-empty natural-language question.');
  }
  checkScope(body.scope, 'body.scope');
}

function describeInvestigation(id: string) {
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
   * calls bucket.
   *
   * @throws InvalidInputError without `query`, with a key over 256 characters, with two different keys,
   *   or a malformed `scope.filter.last_seen_within` (nothing is sent).
   * @throws ConflictError when the key was used before with a different body (24 h window).
   */
  create(body: InvestigationCreateParams, opts?: RequestOptions): APIPromise<InvestigationQueued> {
    checkCreateBody(body);
    const idempotencyKey = resolveIdempotencyKey(body, opts);
    return this._client.request(
      {
        method: 'POST',
        path: '/v1/investigations',
        body,
        schema: InvestigationQueuedSchema,
        idempotencyKey,
        rateLimitBuckets: ['investigations'],
      },
      { ...opts, idempotencyKey },
    );
  }

  /** Reads an investigation and its status: `GET /v1/investigations/{id}` (the polling target). */
  retrieve(id: string, opts?: RequestOptions): APIPromise<Investigation> {
    return this._client.request(
      { method: 'GET', path: path`/v1/investigations/${id}`, schema: InvestigationSchema },
      opts,
    );
  }

  /**
   * Lists investigations: `GET /v1/investigations`, cursor-paginated.
   *
   * @experimental The endpoint is implied by the `investigations:read` scope only; its path, query
   *   and item key (`investigations`) are assumed (api/puck.md row 3).
   */
  list(query: InvestigationListParams = {}, opts?: RequestOptions): Paginator<Investigation> {
    return paginateCursor<Investigation>(
      this._client,
      {
        path: '/v1/investigations',
        key: 'investigations',
        query,
        schema: InvestigationPageSchema,
        experimental: true,
      },
      opts,
    );
  }

  /**
   * Cancels a running investigation: `DELETE /v1/investigations/{id}` → 200 with a body (scope
   * `investigations:trigger`).
   *
   * @experimental The path is inferred from the Errors page ("DELETE (cancellation)"); api/puck.md row 4.
   */
  cancel(id: string, opts?: RequestOptions): APIPromise<unknown> {
    return this._client.request(
      { method: 'DELETE', path: path`/v1/investigations/${id}`, experimental: true },
      opts,
    );
  }

  /**
   * Polls `retrieve(id)` until the investigation reaches a terminal status (`complete`, `completed`,
   * `failed` or `cancelled`) and resolves with it; check `status` to tell success from failure.
   * Unknown statuses keep it polling. A 429 during a poll waits for `Retry-After` through the normal
   * retry path.
   *
   * @throws WaitTimeoutError after `timeout` (default 10 minutes); `lastValue` is the last investigation.
   * @throws the signal's `reason` as soon as `signal` aborts.
   */
  waitForCompletion(id: string, opts: InvestigationWaitOptions = {}): Promise<Investigation> {
    const settings = waitSettings(opts);
    return runWait(settings, opts.signal, describeInvestigation(id), (scope) =>
      this.#poll(id, opts, {}, scope),
    );
  }

  /**
   * `create(body)` then `waitForCompletion(id)`. The idempotency key is fixed before the trigger
   * (`opts.idempotencyKey` when given), so retries of the trigger never start a second run.
   * `opts.timeout` is the deadline of the whole call.
   */
  createAndWait(body: InvestigationCreateParams, opts: CreateAndWaitOptions = {}): Promise<Investigation> {
    checkCreateBody(body);
    const idempotencyKey = resolveIdempotencyKey(body, opts);
    const settings = waitSettings(opts);
    const request: RequestOptions = {};
    if (opts.maxRetries !== undefined) request.maxRetries = opts.maxRetries;
    if (opts.headers !== undefined) request.headers = opts.headers;
    let describe = describeInvestigation('(not yet created)');
    return runWait(
      settings,
      opts.signal,
      (last) => describe(last),
      async (scope) => {
        const queued = await scope.guard(
          this.create(body, { ...request, idempotencyKey, signal: scope.signal }),
        );
        describe = describeInvestigation(queued.id);
        return this.#poll(queued.id, opts, request, scope);
      },
    );
  }

  async #poll(
    id: string,
    opts: InvestigationWaitOptions,
    request: RequestOptions,
    scope: WaitScope,
  ): Promise<Investigation> {
    let lastStatus: string | undefined;
    for (;;) {
      const investigation = await scope.guard(this.retrieve(id, { ...request, signal: scope.signal }));
      scope.last = investigation;
      // A missing status is reported as "unknown" and keeps the wait going: the schema does not
      // promise the field (vendors/puck.md §9.2), and only a terminal status may end the wait.
      const status = investigation.status ?? 'unknown';
      const changed = status !== lastStatus;
      if (changed) {
        lastStatus = status;
        opts.onStatus?.(status, investigation);
      }
      if (TERMINAL_STATUSES.has(status)) return investigation;
      await scope.sleep(changed);
    }
  }
}
