import { type APIErrorClass, type ErrorParser, PermissionDeniedError } from '@quiver/core';
import * as v from 'valibot';
import { type PwnbookScope, scopeForRequest } from './scopes.js';

/**
 * The error codes of Pwnbook's API reference (Introduction: errors), one per status: `BAD_REQUEST`
 * 400, `UNAUTHORIZED` 401, `FORBIDDEN` 403, `NOT_FOUND` 404, `CONFLICT` 409, `VALIDATION_ERROR` 422,
 * `RATE_LIMITED` 429, `INTERNAL_ERROR` 500. Open: a code this SDK version does not know is kept as sent.
 */
export const PWNBOOK_ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'VALIDATION_ERROR',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
] as const;

/** A documented Pwnbook error code, or any other string the server sends. */
export type PwnbookErrorCode = (typeof PWNBOOK_ERROR_CODES)[number] | (string & {});

/**
 * Pwnbook's error envelope, exactly as its API reference documents it:
 * `{ "error": { "code": "NOT_FOUND", "message": "…", "statusCode": 404 } }`. Every field is read
 * forgivingly (a string `error`, or a top-level `message`, is accepted as the message too).
 */
export const PwnbookErrorBodySchema = v.looseObject({
  error: v.optional(
    v.union([
      v.string(),
      v.looseObject({
        code: v.optional(v.string()),
        message: v.optional(v.string()),
        statusCode: v.optional(v.number()),
      }),
    ]),
  ),
  message: v.optional(v.string()),
});
/** The parsed body of a Pwnbook error response (`err.body` on an `APIError`). */
export type PwnbookErrorBody = v.InferOutput<typeof PwnbookErrorBodySchema>;

/**
 * A 403 from Pwnbook: the key is valid but lacks the scope the call needs (Pwnbook's API reference,
 * Authentication: scopes). `requiredScope` is the scope of the endpoint that was called, from the
 * SDK's static table (`PWNBOOK_SCOPES`); `instanceof PermissionDeniedError` holds as well.
 */
export class PwnbookPermissionDeniedError extends PermissionDeniedError {
  /** @internal */
  static override readonly brand: symbol = Symbol.for('quiver.error.PwnbookPermissionDeniedError');
  /** The scope the called endpoint needs (e.g. `engagements:write`), when the SDK knows the endpoint. */
  readonly requiredScope: PwnbookScope | undefined = undefined;
}

// One subclass per scope, made once: core builds the error from the class `parseError` returns,
// so the scope travels in the class rather than in the constructor's arguments.
const scopedClasses = new Map<PwnbookScope, APIErrorClass>();
function deniedClassFor(scope: PwnbookScope): APIErrorClass {
  let cls = scopedClasses.get(scope);
  if (!cls) {
    cls = class PwnbookPermissionDeniedError extends PwnbookPermissionDeniedErrorBase {
      override readonly requiredScope: PwnbookScope | undefined = scope;
    };
    scopedClasses.set(scope, cls);
  }
  return cls;
}
const PwnbookPermissionDeniedErrorBase = PwnbookPermissionDeniedError;

/**
 * Maps Pwnbook's `{ error: { code, message, statusCode } }` envelope onto core's errors: message ←
 * `error.message`, code ← `error.code` (kept as sent). The class follows the HTTP status (400 and 422
 * overlap in Pwnbook's docs, so catch both for bad input). A 403 becomes a
 * `PwnbookPermissionDeniedError` whose `requiredScope` and message hint name the scope the key needs.
 */
export const parsePwnbookError: ErrorParser = ({ status, method, path }) => {
  // The message and code of the envelope are read by core's common reader of error bodies; only the
  // 403's scope is Pwnbook's own.
  if (status !== 403) return undefined;
  const scope = scopeForRequest(method, path);
  if (!scope) return { errorClass: PwnbookPermissionDeniedError };
  return {
    errorClass: deniedClassFor(scope),
    hint: `this call needs an API key with the ${scope} scope; keys are created under Organization Settings → API Keys`,
  };
};
