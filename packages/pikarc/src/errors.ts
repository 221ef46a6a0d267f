import { type ErrorParser, PermissionDeniedError, QuiverError } from '@quiver/core';
import * as v from 'valibot';
import type { Decision, DenyReason } from './resources/shared.js';

/**
 * One entry of a FastAPI-style validation `detail` (`[{ loc, msg, type }]`). Pikarc's API reference
 * lists 422 "Validation error" without showing its body; the server is FastAPI, so its default shape
 * is accepted, loosely.
 */
export const PikarcValidationIssueSchema = v.looseObject({
  loc: v.optional(v.array(v.union([v.string(), v.number()]))),
  msg: v.optional(v.string()),
  type: v.optional(v.string()),
});
/** One field problem of a 422: `{ loc, msg, type }`. */
export type PikarcValidationIssue = v.InferOutput<typeof PikarcValidationIssueSchema>;

/**
 * Pikarc's error envelope (API reference, Overview: errors): `{ detail }`, a string in every
 * documented sample, or a list of field problems on a 422. `err.body.detail` keeps the list.
 */
export const PikarcErrorBodySchema = v.looseObject({
  detail: v.optional(v.union([v.string(), v.array(PikarcValidationIssueSchema)])),
});
/** The parsed body of a Pikarc error response (`err.body` on an `APIError`). */
export type PikarcErrorBody = v.InferOutput<typeof PikarcErrorBodySchema>;

// "Kill switch is not available on the pro plan. Upgrade to Scale or Enterprise." (Plan tiers guide)
// and "requires Pro or higher" (Workspace page): a 403 whose detail speaks of a plan is plan gating.
const PLAN_DETAIL = /\bplans?\b|\bupgrade to\b|\brequires (?:basic|pro|scale|enterprise)\b/i;
const PLAN_NAME = /\bon the (\w+) plan\b/i;

/**
 * 403 because the workspace's plan lacks the feature (Pikarc's Plan tiers guide): enabling the kill
 * switch below Scale, per-user daily budgets or `max_concurrent_runs` on Basic. Upgrade the plan in
 * the dashboard (Subscription) to use it.
 */
export class PlanRestrictedError extends PermissionDeniedError {
  /** @internal */
  static override readonly brand: symbol = Symbol.for('quiver.error.PlanRestrictedError');

  /** The plan the server named (`'pro'` in "…not available on the pro plan…"), when it named one. */
  get plan(): string | undefined {
    const detail = (this.body as { detail?: unknown } | undefined)?.detail;
    return typeof detail === 'string' ? PLAN_NAME.exec(detail)?.[1]?.toLowerCase() : undefined;
  }
}

/**
 * Reads Pikarc's `{ detail }` envelope (API reference, Overview: errors). The message comes from
 * core's common reader (`detail` as a string, or the `msg` values of a list joined with "; "); there
 * is no machine code. What is Pikarc's own: a 403 whose detail names a plan is a
 * `PlanRestrictedError`, and a 404/405 from a provisional row says its path is inferred.
 */
export const parsePikarcError: ErrorParser = ({ status, body, experimental }) => {
  const parsed = v.safeParse(PikarcErrorBodySchema, body);
  const detail = parsed.success ? parsed.output.detail : undefined;
  const errorClass =
    status === 403 && typeof detail === 'string' && PLAN_DETAIL.test(detail)
      ? PlanRestrictedError
      : undefined;
  const hint =
    experimental && (status === 404 || status === 405)
      ? 'provisional endpoint: its path is inferred from the docs and may not exist on this server'
      : undefined;
  return { errorClass, hint };
};

/** The field problems of a Pikarc 422 (`detail` as a list), or `[]` for any other error. */
export function pikarcValidationIssues(error: unknown): PikarcValidationIssue[] {
  const body = (error as { body?: unknown } | null)?.body;
  const parsed = v.safeParse(PikarcErrorBodySchema, body);
  return parsed.success && Array.isArray(parsed.output.detail) ? parsed.output.detail : [];
}

/** Where a guarded run was denied: when it started, or before one of its steps. */
export type BlockedAt = 'run_start' | 'step';

/** What a `PikarcBlockedError` is built from. */
export interface PikarcBlockedInit {
  /** The server's decision (`outcome: 'DENY'`). */
  decision: Decision;
  /** The run the decision belongs to (present even when the run start was denied). */
  runId: string;
  /** The denied step, when a step was denied. */
  stepId?: string | undefined;
  /** Where the run was denied. */
  at: BlockedAt;
  /** The step's sequence number, for the message. */
  sequence?: number | undefined;
}

/**
 * A guardrail DENY (Pikarc SDK docs, Error handling): the run start or a step was refused by the
 * kill switch, a blocked user, a budget, the monthly or concurrent run limit, or because the run had
 * already ended. Not an `APIError`: the server answered 201 with `decision.outcome: 'DENY'`. Treat
 * it as expected: tell your user, log `denyReason`.
 */
export class PikarcBlockedError extends QuiverError {
  /** @internal */
  static override readonly brand: symbol = Symbol.for('quiver.error.PikarcBlockedError');
  /** The machine-readable code, e.g. `'KILL_SWITCH_ACTIVE'` (Python: `e.deny_reason`). */
  readonly denyReason: DenyReason;
  /**
   * The reason as text. The server sends only the code, so this equals `denyReason` (the Python
   * SDK's docs show the same string for both).
   */
  readonly reason: string;
  /** The decision as the server sent it. */
  readonly decision: Decision;
  /** The run's id. */
  readonly runId: string;
  /** The denied step's id (`at: 'step'`). */
  readonly stepId: string | undefined;
  /** `'run_start'` when the run was refused, `'step'` when a model or tool call was. */
  readonly at: BlockedAt;

  constructor(init: PikarcBlockedInit) {
    // A DENY without a reason is not documented; 'UNKNOWN' keeps the field a string.
    const denyReason = init.decision.reason ?? 'UNKNOWN';
    const where =
      init.at === 'run_start'
        ? `the start of run ${init.runId}`
        : `step ${init.sequence ?? init.stepId ?? '?'} of run ${init.runId}`;
    super(`Pikarc denied ${where}: ${denyReason}`);
    this.denyReason = denyReason;
    this.reason = denyReason;
    this.decision = init.decision;
    this.runId = init.runId;
    this.stepId = init.stepId;
    this.at = init.at;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      denyReason: this.denyReason,
      runId: this.runId,
      stepId: this.stepId,
      at: this.at,
    };
  }
}

/** `true` for a `PikarcBlockedError` from any loaded copy of this package (ESM or CJS). */
export function isPikarcBlockedError(error: unknown): error is PikarcBlockedError {
  return error instanceof PikarcBlockedError;
}
