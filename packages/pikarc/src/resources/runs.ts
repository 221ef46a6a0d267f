import {
  type APIPromise,
  APIResource,
  cursorPagination,
  openEnum,
  type Paginator,
  type RequestOptions,
} from '@quiver/core';
import { int, type PageStyle, route } from '@quiver/core/internal';
import * as v from 'valibot';
import { DecisionSchema, JsonObjectInput, STEP_TYPES, type Untyped } from './shared.js';

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

/** `POST /v1/runs/` answer (API reference, Runs: Start Run): 201, on ALLOW and on DENY alike. */
export const RunStartSchema = v.looseObject({
  /** The run's UUID, present even when the start was denied. */
  id: v.string(),
  status: v.optional(openEnum(['RUNNING', 'BLOCKED'])),
  /** Required: a run cannot be guarded without its decision, so a missing one is not an ALLOW. */
  decision: DecisionSchema,
});
/** A run start: `status` `'RUNNING'` (ALLOW) or `'BLOCKED'` (DENY), and the decision. */
export type RunStart = v.InferOutput<typeof RunStartSchema>;

/** `POST /v1/runs/{run_id}/end` answer (API reference, Runs: End Run). */
export const RunEndedSchema = v.looseObject({
  id: v.string(),
  status: v.optional(openEnum(['COMPLETED', 'FAILED'])),
  ended_at: v.optional(v.string()),
});
/** An ended run: `{ id, status, ended_at }`. */
export type RunEnded = v.InferOutput<typeof RunEndedSchema>;

/**
 * `POST /v1/runs/{run_id}/steps` answer (API reference, Runs: Create Step). Only the ALLOW sample
 * (`status: 'ALLOWED'`) is readable; the DENY status is not, so `status` is open.
 */
export const StepCreatedSchema = v.looseObject({
  id: v.string(),
  status: v.optional(openEnum(['ALLOWED'])),
  decision: DecisionSchema,
});
/** A created step with its decision. */
export type StepCreated = v.InferOutput<typeof StepCreatedSchema>;

const num = v.optional(v.nullable(v.number()));

/** A step as a run's detail lists it. Inferred from the dashboard's step timeline: all optional. */
export const RunStepSchema = v.looseObject({
  id: v.string(),
  type: v.optional(v.nullable(v.string())),
  sequence: num,
  model: v.optional(v.nullable(v.string())),
  tool_name: v.optional(v.nullable(v.string())),
  status: v.optional(v.nullable(v.string())),
  cost_usd: num,
  prompt_tokens: num,
  completion_tokens: num,
});
/** One step of a run. */
export type RunStep = v.InferOutput<typeof RunStepSchema>;

/** A run (list and detail). Provisional: the runs page's field tables were not readable. */
export const RunSchema = v.looseObject({
  id: v.string(),
  user_id: v.optional(v.nullable(v.string())),
  status: v.optional(openEnum(['RUNNING', 'COMPLETED', 'FAILED', 'BLOCKED'])),
  metadata: v.optional(v.nullable(v.record(v.string(), v.unknown()))),
  ended_at: v.optional(v.nullable(v.string())),
  steps: v.optional(v.nullable(v.array(RunStepSchema))),
});
/** A run with, in its detail, its steps. */
export type Run = v.InferOutput<typeof RunSchema>;

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/** Body of `runs.create` (API reference, Runs: Start Run). */
export const RunCreateBody = v.object({
  /** Your end user's id (free-form): per-user budgets and blocking key on it. */
  user_id: v.pipe(v.string(), v.minLength(1, 'must be a non-empty string')),
  /** Stored on the run. */
  metadata: v.optional(v.nullable(JsonObjectInput)),
});
/** Body of `runs.create`: `{ user_id, metadata? }`. */
export type RunCreateParams = v.InferInput<typeof RunCreateBody>;

/** Body of `runs.end`: the documented statuses only. */
export const RunEndBody = v.object({
  status: v.picklist(['COMPLETED', 'FAILED'], 'must be COMPLETED or FAILED'),
});
/** Body of `runs.end`: `{ status: 'COMPLETED' | 'FAILED' }`. */
export type RunEndParams = v.InferInput<typeof RunEndBody>;

const nullableString = v.optional(v.nullable(v.string()));

/** Body of `runs.steps.create` (API reference, Runs: Create Step). */
export const StepCreateBody = v.object({
  /** `MODEL_CALL`, `TOOL_CALL`, … (open: a type added by the server can be sent). */
  type: openEnum(STEP_TYPES),
  /** Order within the run, from 1. */
  sequence: int({ min: 1 }),
  /** The model id; must match a pricing entry for cost to be computed. */
  model: nullableString,
  /** The tool's name. */
  tool_name: nullableString,
  /** Kept on the step for audit. */
  input_data: v.optional(v.nullable(JsonObjectInput)),
});
/** Body of `runs.steps.create`. */
export type StepCreateParams = v.InferInput<typeof StepCreateBody>;

/**
 * Body of `runs.steps.update`. The Update Step field table was not readable: the docs say it
 * reports "status, duration and token counts"; `prompt_tokens`/`completion_tokens` are the names the
 * cost formula and the usage API use, `duration_ms` is inferred. Loose and all optional: other
 * fields are sent as given.
 */
export const StepUpdateBody = v.looseObject({
  status: v.optional(v.string()),
  duration_ms: v.optional(v.pipe(v.number(), v.minValue(0, 'must be at least 0'))),
  prompt_tokens: v.optional(int({ min: 0 })),
  completion_tokens: v.optional(int({ min: 0 })),
});
/** Body of `runs.steps.update`. */
export type StepUpdateParams = v.InferInput<typeof StepUpdateBody>;

/** Query of `runs.list`: filters are not documented, so any are sent as given. */
export const RunListQuery = v.record(v.string(), v.optional(v.union([v.string(), v.number(), v.boolean()])));
/** Query of `runs.list`. */
export type RunListParams = v.InferInput<typeof RunListQuery>;

/**
 * The run listing's page shape is not documented: a bare array or `{ items: [...] }` is one page;
 * a `next_cursor`, if the server sends one, is followed.
 */
const runPage: PageStyle<typeof RunSchema> = {
  kind: 'cursor',
  item: RunSchema,
  items: '. or items',
  describe: 'undocumented: a bare array or `{ items }`; `next_cursor` followed when present',
  // The shape is undocumented: the adapter's own reading of the page is the items, not a fixed key.
  firstArray: true,
  adapter: cursorPagination({
    items: (body: unknown) =>
      Array.isArray(body) ? body : ((body as { items?: unknown[] } | null)?.items ?? []),
    nextCursor: 'next_cursor',
  }) as PageStyle['adapter'],
};

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/** Rows of runs and steps (API reference, Runs). Writes are never retried. */
export const runRoutes = {
  create: route('POST /v1/runs/', {
    summary: 'Start a run: the guardrails decide ALLOW or DENY (all six rules). Never retried.',
    body: RunCreateBody,
    returns: RunStartSchema,
    auth: 'key',
  }),
  end: route('POST /v1/runs/{run_id}/end', {
    summary: 'End a run as COMPLETED or FAILED. Never retried.',
    body: RunEndBody,
    returns: RunEndedSchema,
    auth: 'key',
  }),
  list: route('GET /v1/runs/', {
    summary: 'List runs (page shape undocumented).',
    query: RunListQuery,
    page: runPage,
    auth: 'either',
  }),
  retrieve: route('GET /v1/runs/{run_id}', {
    summary: 'Retrieve one run with its steps (path inferred).',
    returns: RunSchema,
    auth: 'either',
    experimental: true,
  }),
};

/** Rows of a run's steps (API reference, Runs). */
export const stepRoutes = {
  create: route('POST /v1/runs/{run_id}/steps', {
    summary: 'Create a step: the guardrails decide ALLOW or DENY before it runs. Never retried.',
    body: StepCreateBody,
    returns: StepCreatedSchema,
    auth: 'key',
  }),
  update: route('PATCH /v1/runs/{run_id}/steps/{step_id}', {
    summary: "Report a step's status, duration and tokens; cost is computed from it. Never retried.",
    body: StepUpdateBody,
    auth: 'key',
  }),
};

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

/** A run's steps: the raw calls under `run.modelCall` / `run.toolCall`. */
export class Steps extends APIResource {
  /**
   * `POST /v1/runs/{run_id}/steps` (API key only). A DENY is **returned** in `decision`, not thrown;
   * `client.run()` turns it into `PikarcBlockedError`. Never retried (the `sequence` would repeat).
   */
  create(runId: string, body: StepCreateParams, opts?: RequestOptions): APIPromise<StepCreated> {
    return this._call(stepRoutes.create, { run_id: runId, body }, opts);
  }

  /**
   * `PATCH /v1/runs/{run_id}/steps/{step_id}` (API key only): status, duration and token counts.
   * The response is not documented: returned as parsed. Never retried (cost would count twice).
   */
  update(runId: string, stepId: string, body: StepUpdateParams, opts?: RequestOptions): APIPromise<Untyped> {
    return this._call(stepRoutes.update, { run_id: runId, step_id: stepId, body }, opts);
  }
}

/** Runs: start, end, list, retrieve, and their steps. Most code uses `client.run()` instead. */
export class Runs extends APIResource {
  /** A run's steps. */
  readonly steps: Steps = new Steps(this._client);

  /**
   * `POST /v1/runs/` (API key only). A DENY comes back as `status: 'BLOCKED'` with
   * `decision.outcome: 'DENY'` and is **returned**, not thrown. Never retried: each start counts
   * against the monthly and concurrent limits.
   */
  create(body: RunCreateParams, opts?: RequestOptions): APIPromise<RunStart> {
    return this._call(runRoutes.create, { body }, opts);
  }

  /** `POST /v1/runs/{run_id}/end` (API key only). Never retried. */
  end(runId: string, body: RunEndParams, opts?: RequestOptions): APIPromise<RunEnded> {
    return this._call(runRoutes.end, { run_id: runId, body }, opts);
  }

  /**
   * `GET /v1/runs/` (API key or JWT). Filters and pagination are not documented: the query is sent
   * as given, and a bare array or `{ items }` is one page.
   */
  list(query?: RunListParams, opts?: RequestOptions): Paginator<Run> {
    return this._call(runRoutes.list, { query }, opts);
  }

  /**
   * `GET /v1/runs/{run_id}` (API key or JWT), with its steps.
   * @experimental the path is inferred from the dashboard's run view; a 404/405 says so.
   */
  retrieve(runId: string, opts?: RequestOptions): APIPromise<Run> {
    return this._call(runRoutes.retrieve, { run_id: runId }, opts);
  }
}
