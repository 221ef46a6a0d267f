import * as v from 'valibot';
import { InvalidInputError, ResponseValidationError } from './errors.js';
import type { Logger } from './logger.js';

/** How responses are checked against their schema. */
export type ValidationMode = 'strict' | 'warn' | 'off';

/** Any valibot schema (sync). */
export type AnySchema = v.GenericSchema<unknown, unknown>;

/** An open string: the documented values for autocomplete, any other string accepted. */
export type Open<T extends string> = T | (string & {});

/**
 * An open enum: the documented values for autocomplete, and any other string accepted, because
 * vendors add enum values inside a version without notice (DESIGN §5).
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return v.union([
    v.picklist(values),
    v.pipe(
      v.string(),
      v.transform((s) => s as Open<T[number]>),
    ),
  ]);
}

/** Where a validation result is reported. */
export interface ValidationContext {
  /** The vendor's name, for messages. */
  vendor: string;
  /** HTTP method, for messages. */
  method: string;
  /** The path (without query), for messages. */
  path: string;
  /** `strict`, `warn` or `off`. */
  mode: ValidationMode;
  /** Where `warn` mode reports. */
  logger: Logger;
  /** The whole body as received, reported on a mismatch when the value checked is only part of it. */
  body?: unknown;
}

/**
 * Validates a parsed body. `strict` throws `ResponseValidationError` (with the summarised issues and
 * the whole body as received); `warn` logs one line and returns the body as received; `off` skips the
 * check. Unknown keys survive in every mode, because schemas are `looseObject`s.
 */
export function validateResponse<T>(schema: AnySchema | undefined, body: unknown, ctx: ValidationContext): T {
  if (!schema || ctx.mode === 'off') return body as T;
  const result = v.safeParse(schema, body);
  if (result.success) return result.output as T;
  const summary = v.summarize(result.issues);
  const where = `${ctx.vendor} ${ctx.method} ${ctx.path}`;
  if (ctx.mode === 'warn') {
    ctx.logger.warn(
      `[quiver] ${where}: response did not match the schema (returned as received):\n${summary}`,
    );
    return body as T;
  }
  throw new ResponseValidationError(
    `${where}: the response did not match the expected shape. Pass validate: 'warn' to log and continue.\n${summary}`,
    { issues: result.issues, body: 'body' in ctx ? ctx.body : body },
  );
}

/** Checks a numeric argument against a documented limit, before anything is sent. */
export function ensureLimit(
  value: number | undefined,
  { name, min, max, integer = true }: { name: string; min?: number; max?: number; integer?: boolean },
): void {
  if (value === undefined) return;
  const range =
    min !== undefined && max !== undefined
      ? `between ${min} and ${max}`
      : min !== undefined
        ? `at least ${min}`
        : `at most ${max}`;
  if (typeof value !== 'number' || Number.isNaN(value) || (integer && !Number.isInteger(value))) {
    throw new InvalidInputError(
      `${name} must be ${integer ? 'an integer' : 'a number'} ${range}; got ${String(value)}.`,
    );
  }
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    throw new InvalidInputError(`${name} must be ${range}; got ${value}.`);
  }
}
