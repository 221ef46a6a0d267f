import { APIError, type APIErrorInit, type ErrorParser } from '@quiver/core';
import * as v from 'valibot';

/**
 * Puffle's error body: `{ error: { code, message } }`, or `{ error: "…" }` (Puffle's API reference,
 * Errors). Endpoint extras ride along and stay on `err.body`: `required`/`balance` on a 402,
 * `existing_thread(s)` on a Unibox 409, a `reason` on an enrichment-cancel 409.
 */
export const PuffleErrorBodySchema = v.looseObject({
  error: v.optional(
    v.union([
      v.string(),
      v.looseObject({
        code: v.optional(v.string()),
        message: v.optional(v.string()),
        reason: v.optional(v.string()),
      }),
    ]),
  ),
  reason: v.optional(v.string()),
  required: v.optional(v.unknown()),
  balance: v.optional(v.unknown()),
});
/** The parsed body of a Puffle error response (`err.body`). */
export type PuffleErrorBody = v.InferOutput<typeof PuffleErrorBodySchema>;

function numberAt(body: unknown, key: 'required' | 'balance'): number | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  // The 402 body is documented as `{ required, balance }`; where it sits next to the `error`
  // envelope is not shown, so both the top level and `error.*` are read.
  const nested =
    record.error && typeof record.error === 'object' ? (record.error as Record<string, unknown>) : {};
  const value = record[key] ?? nested[key];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/**
 * 402: the workspace has too few credits for a billable call (`POST /api/enrichment` answers
 * `{ required, balance }` and creates nothing). Buy credits, or shrink the batch.
 */
export class InsufficientCreditsError extends APIError {
  /** @internal */
  static override readonly brand: symbol = Symbol.for('quiver.error.InsufficientCreditsError');
  /** Credits the call needed, when the body says. */
  readonly required: number | undefined;
  /** Credits the workspace had, when the body says. */
  readonly balance: number | undefined;

  constructor(init: APIErrorInit) {
    super(init);
    this.required = numberAt(init.body, 'required');
    this.balance = numberAt(init.body, 'balance');
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), required: this.required, balance: this.balance };
  }
}

/**
 * What only Puffle needs on top of core's reader of `{ error: { code, message } }` / `{ error }`
 * bodies: 402 → `InsufficientCreditsError`; a code from `error.reason` or a top-level `reason` when
 * `error.code` is absent (the enrichment-cancel 409's `run_not_cancellable` / `run_status_changed`,
 * whose place in the body the docs do not show); and a hint on provisional routes.
 */
export const parsePuffleError: ErrorParser = ({ status, body, experimental }) => {
  const parsed = v.safeParse(PuffleErrorBodySchema, body);
  const out = parsed.success ? parsed.output : undefined;
  const error = out?.error;
  const nestedCode = typeof error === 'object' ? (error.code ?? error.reason) : undefined;
  const code = nestedCode ?? out?.reason;
  let message: string | undefined;
  if (status === 402 && !(typeof error === 'object' && error.message) && typeof error !== 'string') {
    const required = numberAt(body, 'required');
    const balance = numberAt(body, 'balance');
    if (required !== undefined || balance !== undefined) {
      message = `insufficient credits (required ${required ?? '?'}, balance ${balance ?? '?'})`;
    }
  }
  return {
    message,
    code,
    errorClass: status === 402 ? InsufficientCreditsError : undefined,
    hint:
      experimental && (status === 404 || status === 405 || status === 501)
        ? 'provisional endpoint: documented only on an older page of the Puffle docs, it may not exist'
        : undefined,
  };
};
