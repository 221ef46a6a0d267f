import { type APIPromise, APIResource, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';

/** A model's per-token prices in USD (API reference, Model pricing). */
export const ModelPricingSchema = v.looseObject({
  id: v.string(),
  /** Must equal the `model` of `modelCall` for a step's cost to be computed. */
  model: v.optional(v.string()),
  input_cost_per_token: v.optional(v.number()),
  output_cost_per_token: v.optional(v.number()),
  is_active: v.optional(v.boolean()),
});
/** A pricing entry. */
export type ModelPricing = v.InferOutput<typeof ModelPricingSchema>;

/** Query of `modelPricing.list`: none documented; anything given is sent as is. */
export const ModelPricingListQuery = v.record(
  v.string(),
  v.optional(v.union([v.string(), v.number(), v.boolean()])),
);
/** Query of `modelPricing.list`. */
export type ModelPricingListParams = v.InferInput<typeof ModelPricingListQuery>;

const price = v.pipe(
  v.number('must be a number'),
  v.finite('must be a finite number'),
  v.minValue(0, 'must be at least 0'),
);

/** Body of `modelPricing.replace`: the whole entry (an upsert). */
export const ModelPricingReplaceBody = v.object({
  /** USD per prompt token, e.g. `0.0000025`. */
  input_cost_per_token: price,
  /** USD per completion token, e.g. `0.00001`. */
  output_cost_per_token: price,
  /** Server default `true`. */
  is_active: v.optional(v.boolean()),
});
/** Body of `modelPricing.replace`. */
export type ModelPricingReplaceParams = v.InferInput<typeof ModelPricingReplaceBody>;

/** Rows of the model-pricing endpoints (API reference, Model pricing). */
export const modelPricingRoutes = {
  list: route('GET /v1/model-pricing/', {
    summary: 'Every active pricing entry (a bare array, not paginated).',
    query: ModelPricingListQuery,
    returns: v.array(ModelPricingSchema),
    auth: 'either',
  }),
  replace: route('PUT /v1/model-pricing/{model}', {
    summary: "Create or replace a model's pricing entry (retried: a PUT upsert).",
    body: ModelPricingReplaceBody,
    returns: ModelPricingSchema,
    auth: 'either',
  }),
};

/** Per-model token prices, from which step costs are computed. */
export class ModelPricingResource extends APIResource {
  /** `GET /v1/model-pricing/` (API key or JWT): active entries, one array. */
  list(query?: ModelPricingListParams, opts?: RequestOptions): APIPromise<ModelPricing[]> {
    return this._call(modelPricingRoutes.list, { query }, opts);
  }

  /**
   * `PUT /v1/model-pricing/{model}` (API key or JWT): an upsert of the full entry, retried like any
   * PUT. The model id is one path segment: an id containing `/` is refused before sending.
   */
  replace(model: string, body: ModelPricingReplaceParams, opts?: RequestOptions): APIPromise<ModelPricing> {
    return this._call(modelPricingRoutes.replace, { model, body }, opts);
  }
}

/**
 * A step's cost as the server computes it (Pikarc's Cost tracking guide):
 * `prompt_tokens × input_cost_per_token + completion_tokens × output_cost_per_token`. `null` without
 * a pricing entry, as the server leaves `cost_usd` null. gpt-4o, 500 + 100 tokens → 0.00225.
 */
export function estimateCost(
  pricing: ModelPricing | undefined,
  prompt_tokens: number,
  completion_tokens: number,
): number | null {
  if (!pricing) return null;
  return (
    prompt_tokens * (pricing.input_cost_per_token ?? 0) +
    completion_tokens * (pricing.output_cost_per_token ?? 0)
  );
}
