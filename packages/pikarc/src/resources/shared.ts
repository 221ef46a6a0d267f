import { type Open, openEnum } from '@quiver/core';
import * as v from 'valibot';

/**
 * The seven deny codes (Pikarc quickstart and SDK error-handling page). Open: a server may add codes.
 * `RUN_ALREADY_ENDED` is checked on steps only; the monthly and concurrent limits at run start only.
 */
export const DENY_REASONS = [
  'KILL_SWITCH_ACTIVE',
  'USER_BLOCKED',
  'WORKSPACE_DAILY_BUDGET_EXCEEDED',
  'USER_DAILY_BUDGET_EXCEEDED',
  'MONTHLY_RUN_LIMIT_EXCEEDED',
  'MAX_CONCURRENT_RUNS_EXCEEDED',
  'RUN_ALREADY_ENDED',
] as const;

/** Why a run or step was denied: one of `DENY_REASONS`, or a code this SDK does not know yet. */
export const DenyReasonSchema = openEnum(DENY_REASONS);
/** A deny code, e.g. `'KILL_SWITCH_ACTIVE'`. */
export type DenyReason = Open<(typeof DENY_REASONS)[number]>;

/**
 * A guardrail decision: `{ outcome, reason }` (API reference, Runs). The guide's "which rules were
 * evaluated" appears in no sample; if the server sends it, looseness keeps it.
 */
export const DecisionSchema = v.looseObject({
  /** `'ALLOW'` or `'DENY'`: whether the run or step may go ahead. */
  outcome: openEnum(['ALLOW', 'DENY']),
  /** The deny code, e.g. `'KILL_SWITCH_ACTIVE'`; `null` or absent on ALLOW. */
  reason: v.optional(v.nullable(DenyReasonSchema)),
});
/** A decision: `outcome` `'ALLOW'` or `'DENY'`, and the deny code (`null` on ALLOW). */
export type Decision = v.InferOutput<typeof DecisionSchema>;

/** The step types of Create Step (API reference, Runs). */
export const STEP_TYPES = ['INPUT', 'MODEL_CALL', 'TOOL_CALL', 'OUTPUT', 'REASONING', 'SYSTEM'] as const;
/** A step type; open, so a type added by the server can be sent. */
export type StepType = Open<(typeof STEP_TYPES)[number]>;

/** A JSON object (run metadata, step input data). */
export type JsonObject = Record<string, unknown>;

/** Input: a plain object or `null`. */
export const JsonObjectInput = v.record(v.string(), v.unknown());

/** Response: any parsed JSON (endpoints whose body the docs do not show). */
export type Untyped = unknown;
