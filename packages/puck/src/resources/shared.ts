import { type Open, openEnum } from '@quiver/core';
import * as v from 'valibot';
import { type CursorQuery, DurationInput, openInput } from './input.js';

/**
 * Schemas shared by several Puck resources. Every response schema is a `v.looseObject` (unknown keys
 * are kept) with open enums, because Puck adds optional fields and enum values inside `v1` without a
 * version bump (Puck's API overview, "Versioning"). Input schemas are loose too: fields this SDK does
 * not know yet are sent as given.
 */

export type { Open };

/** Finding / report / event severity (Puck's API reference, Reports). Open: new levels are accepted. */
export const SeveritySchema = openEnum(['low', 'medium', 'high', 'critical']);
/** `low` | `medium` | `high` | `critical`, or a level this SDK version does not know yet. */
export type Severity = v.InferOutput<typeof SeveritySchema>;

/** Investigation / curiosity depth (Puck's API reference, Curiosity). */
export const DepthSchema = openEnum(['quick', 'standard', 'deep']);
/** `quick` | `standard` | `deep`. */
export type Depth = v.InferOutput<typeof DepthSchema>;

/**
 * Target selector of an investigation or curiosity item (Puck's API reference, Investigations). Only
 * samples are documented, so every field is optional and `type` is open (`selector`, `fleet`, …).
 */
export const ScopeSchema = v.looseObject({
  type: v.optional(openEnum(['selector', 'fleet'])),
  filter: v.optional(
    v.looseObject({
      tags: v.optional(v.record(v.string(), v.string())),
      last_seen_within: v.optional(v.string()),
    }),
  ),
});
/** A target selector, e.g. `{ type: 'selector', filter: { tags: { team: 'engineering' } } }`. */
export type Scope = v.InferOutput<typeof ScopeSchema>;

/**
 * A target selector as sent: checked the way the server checks it (Puck's API reference, Errors: the
 * `last_seen_within` example), so a typo fails before an investigation is queued.
 */
export const ScopeInput = v.looseObject({
  /** `selector` (with `filter`) or `fleet`; other values are passed through. */
  type: v.optional(openInput(['selector', 'fleet'])),
  /** Which endpoints a `selector` scope matches. */
  filter: v.optional(
    v.looseObject({
      /** Every pair must be present on the endpoint. */
      tags: v.optional(v.record(v.string(), v.string())),
      /** A duration such as `"15m"`, `"24h"`, `"7d"` (`^\d+(s|m|h|d)$`). */
      last_seen_within: v.optional(DurationInput),
    }),
  ),
});
/** A target selector as sent in a request body. */
export type ScopeParam = v.InferInput<typeof ScopeInput>;

/** Query parameters of every cursor-paginated list (Puck's API reference, Pagination). */
export type CursorParams = v.InferInput<typeof CursorQuery>;
