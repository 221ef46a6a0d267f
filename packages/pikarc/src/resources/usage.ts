import { type APIPromise, APIResource, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';

const n = v.optional(v.number());

/** Spend over a period (API reference, Usage). */
export const CostBreakdownSchema = v.looseObject({ total_usd: n, total_tokens: n, run_count: n });
/** `{ total_usd, total_tokens, run_count }`. */
export type CostBreakdown = v.InferOutput<typeof CostBreakdownSchema>;

/** Spend of one model. */
export const ModelCostSchema = v.looseObject({
  model: v.optional(v.string()),
  total_usd: n,
  prompt_tokens: n,
  completion_tokens: n,
});
/** `{ model, total_usd, prompt_tokens, completion_tokens }`. */
export type ModelCost = v.InferOutput<typeof ModelCostSchema>;

/** Spend of one SDK user. */
export const UserCostSchema = v.looseObject({ user_id: v.optional(v.string()), total_usd: n, run_count: n });
/** `{ user_id, total_usd, run_count }`. */
export type UserCost = v.InferOutput<typeof UserCostSchema>;

/** `GET /v1/usage/summary` answer (API reference, Usage). */
export const UsageSummarySchema = v.looseObject({
  today: v.optional(CostBreakdownSchema),
  last_7_days: v.optional(CostBreakdownSchema),
  last_30_days: v.optional(CostBreakdownSchema),
  by_model: v.optional(v.array(ModelCostSchema)),
  by_user: v.optional(v.array(UserCostSchema)),
  /** Runs this calendar month. */
  monthly_run_count: n,
  /** The plan's monthly limit; `null` is unlimited. */
  monthly_run_limit: v.optional(v.nullable(v.number())),
});
/** Spend today, over 7 and 30 days, by model and by user, and the monthly run count. */
export type UsageSummary = v.InferOutput<typeof UsageSummarySchema>;

/** Rows of the usage endpoints (API reference, Usage). */
export const usageRoutes = {
  summary: route('GET /v1/usage/summary', {
    summary: 'Spend and run counts: today, 7 and 30 days, by model, by user.',
    returns: UsageSummarySchema,
    auth: 'either',
  }),
};

/** `usage.summary`. */
export class UsageSummaryResource extends APIResource {
  /** `GET /v1/usage/summary` (API key or JWT). No parameters are documented. */
  retrieve(opts?: RequestOptions): APIPromise<UsageSummary> {
    return this._call(usageRoutes.summary, {}, opts);
  }
}

/** Usage and spend. */
export class Usage extends APIResource {
  /** The usage summary. */
  readonly summary: UsageSummaryResource = new UsageSummaryResource(this._client);
}
