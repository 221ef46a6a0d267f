import { openEnum } from '@quiver/core';
import * as v from 'valibot';

/** A string that may be `null` and may be missing: the shape of most undocumented-nullability fields. */
export const optStr = v.optional(v.nullable(v.string()));
/** A number that may be `null` and may be missing. */
export const optNum = v.optional(v.nullable(v.number()));
/** A boolean that may be `null` and may be missing. */
export const optBool = v.optional(v.nullable(v.boolean()));
/** A free-form object (the docs show `{}`), kept as received. */
export const optObject = v.optional(v.nullable(v.record(v.string(), v.unknown())));

/**
 * `{ success: true }`: the body of Puffle's deletes (Puffle's API reference, e.g. Delete Lead). The
 * API basics page says a deletion may instead answer 204 No Content: an empty body resolves as
 * `{ success: true }` too, so callers see one shape.
 */
export const SuccessResultSchema = v.pipe(
  v.optional(v.looseObject({ success: v.literal(true) })),
  v.transform((body) => body ?? { success: true as const }),
);
/** `{ success: true }`. */
export type SuccessResult = v.InferOutput<typeof SuccessResultSchema>;

/** One per-item failure of a batch endpoint: `{ id, error }` (the 200 body reports them, nothing is thrown). */
export const BatchItemErrorSchema = v.looseObject({ id: optStr, error: optStr });

/**
 * The body of the batch PATCH endpoints (`PATCH /api/signals`, `/api/signals/leads`,
 * `/api/signals/types`): ids updated, and per-item errors (typically `not_found`).
 */
export const BatchUpdateResultSchema = v.looseObject({
  updated: v.optional(v.array(v.string())),
  errors: v.optional(v.array(BatchItemErrorSchema)),
});
/** `{ updated, errors }` of a batch update. */
export type BatchUpdateResult = v.InferOutput<typeof BatchUpdateResultSchema>;

/** The body of `DELETE /api/signals/types`: ids deleted, and per-item errors (`built_in`, `not_found`). */
export const BatchDeleteResultSchema = v.looseObject({
  deleted: v.optional(v.array(v.string())),
  errors: v.optional(
    v.array(
      v.looseObject({ id: optStr, error: v.optional(v.nullable(openEnum(['built_in', 'not_found']))) }),
    ),
  ),
});
/** `{ deleted, errors }` of a batch delete. */
export type BatchDeleteResult = v.InferOutput<typeof BatchDeleteResultSchema>;

/** Parsed JSON passed through without a schema (the docs do not show this response's shape). */
export type Untyped = unknown;

/** An input id: a non-empty string (Puffle's schemas type ids as strings of length ≥ 1). */
export const IdInput = v.pipe(v.string(), v.minLength(1, 'must be a non-empty string'));

/** An array input with a documented item range, e.g. `items` (1–200). */
export function batch<T extends v.GenericSchema>(item: T, min: number, max: number) {
  return v.pipe(
    v.array(item),
    v.minLength(min, `must have between ${min} and ${max} items`),
    v.maxLength(max, `must have between ${min} and ${max} items`),
  );
}

/** An array input that must hold at least one item. */
export function nonEmpty<T extends v.GenericSchema>(item: T) {
  return v.pipe(v.array(item), v.minLength(1, 'must have at least 1 item'));
}
