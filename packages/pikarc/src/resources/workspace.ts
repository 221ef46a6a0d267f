import { type APIPromise, APIResource, type RequestOptions } from '@quiver/core';
import { int, route } from '@quiver/core/internal';
import * as v from 'valibot';

/**
 * The workspace (API reference, Workspace: WorkspaceResponse), returned by all three workspace
 * endpoints. The plan tier is not a field of it.
 */
export const WorkspaceSchema = v.looseObject({
  id: v.string(),
  name: v.optional(v.nullable(v.string())),
  slug: v.optional(v.nullable(v.string())),
  /** `true`: every run start and step is denied with `KILL_SWITCH_ACTIVE`. */
  kill_switch: v.optional(v.boolean()),
  /** USD per UTC day for the whole workspace; `null` is unlimited. */
  daily_budget_usd: v.optional(v.nullable(v.number())),
  /** USD per UTC day for each SDK user (one cap for all users); `null` is unlimited. Pro and up. */
  user_daily_budget_usd: v.optional(v.nullable(v.number())),
  /** Runs active at once. Basic is fixed at 3. */
  max_concurrent_runs: v.optional(v.nullable(v.number())),
});
/** The workspace: name, kill switch, budgets and concurrency limit. */
export type Workspace = v.InferOutput<typeof WorkspaceSchema>;

const budget = v.optional(v.nullable(v.pipe(v.number(), v.finite('must be a finite number'))));

/**
 * Body of `workspace.update` (API reference, Workspace: partial update). Send only what changes;
 * `null` removes a budget, so explicit `null`s are sent and only `undefined` is left out. No bounds
 * are documented: the server judges the values.
 */
export const WorkspaceUpdateBody = v.object({
  name: v.optional(v.nullable(v.string())),
  daily_budget_usd: budget,
  /** Pro and up: 403 `PlanRestrictedError` on Basic. */
  user_daily_budget_usd: budget,
  /** Pro and up ("requires Pro or higher"). */
  max_concurrent_runs: v.optional(v.nullable(int())),
});
/** Body of `workspace.update`. */
export type WorkspaceUpdateParams = v.InferInput<typeof WorkspaceUpdateBody>;

/** Body of `workspace.killSwitch.update`. */
export const KillSwitchBody = v.object({
  /** `true` turns the kill switch on (every run and step denied), `false` off. */
  active: v.boolean('must be a boolean'),
});
/** Body of `workspace.killSwitch.update`: `{ active }`. */
export type KillSwitchParams = v.InferInput<typeof KillSwitchBody>;

/** Rows of the workspace endpoints (API reference, Workspace). Writes are never retried. */
export const workspaceRoutes = {
  retrieve: route('GET /v1/workspace/', {
    summary: 'The workspace: kill switch, budgets, concurrency limit.',
    returns: WorkspaceSchema,
    auth: 'either',
  }),
  update: route('PATCH /v1/workspace/', {
    summary: 'Change the name, budgets or concurrency limit (partial; null removes a budget). Never retried.',
    body: WorkspaceUpdateBody,
    returns: WorkspaceSchema,
    auth: 'either',
  }),
  killSwitch: route('POST /v1/workspace/kill-switch', {
    summary: 'Turn the kill switch on or off (Scale and Enterprise). Never retried.',
    body: KillSwitchBody,
    returns: WorkspaceSchema,
    auth: 'either',
  }),
};

/** `workspace.killSwitch`: the workspace-wide emergency stop. */
export class KillSwitch extends APIResource {
  /**
   * `POST /v1/workspace/kill-switch` (API key or JWT). While on, every run start and every step is
   * denied with `KILL_SWITCH_ACTIVE`, also steps of runs already going. Enabling needs Scale or
   * Enterprise (403 `PlanRestrictedError` otherwise). Never retried.
   */
  update(body: KillSwitchParams, opts?: RequestOptions): APIPromise<Workspace> {
    return this._call(workspaceRoutes.killSwitch, { body }, opts);
  }
}

/** The workspace singleton: budgets, concurrency limit and kill switch. */
export class WorkspaceResource extends APIResource {
  /** The kill switch. */
  readonly killSwitch: KillSwitch = new KillSwitch(this._client);

  /** `GET /v1/workspace/` (API key or JWT). */
  retrieve(opts?: RequestOptions): APIPromise<Workspace> {
    return this._call(workspaceRoutes.retrieve, {}, opts);
  }

  /**
   * `PATCH /v1/workspace/` (API key or JWT): only the fields given change; `null` removes a budget.
   * `user_daily_budget_usd` on Basic is a 403 `PlanRestrictedError`. Never retried.
   */
  update(body: WorkspaceUpdateParams, opts?: RequestOptions): APIPromise<Workspace> {
    return this._call(workspaceRoutes.update, { body }, opts);
  }
}
