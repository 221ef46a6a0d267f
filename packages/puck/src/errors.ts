import { APIError, type ErrorParser } from '@quiver/core';
import * as v from 'valibot';

/** One field-validation problem of a 400 (Puck's API reference, Errors). */
export const PuckIssueSchema = v.looseObject({
  /** Dotted JSON path of the field, e.g. `scope.filter.last_seen_within`. */
  path: v.optional(v.string()),
  /** What is wrong with it. */
  message: v.optional(v.string()),
});
/** One field-validation problem: `{ path, message }`. */
export type PuckIssue = v.InferOutput<typeof PuckIssueSchema>;

/**
 * Puck's error envelope, on every 4xx and 5xx: `{ error, issues? }` (Puck's API reference, Errors).
 * `issues` appears only on 400 field-validation failures.
 */
export const PuckErrorBodySchema = v.looseObject({
  error: v.string(),
  issues: v.optional(v.array(PuckIssueSchema)),
});
/** The parsed body of a Puck error response (`err.body` on an `APIError`). */
export type PuckErrorBody = v.InferOutput<typeof PuckErrorBodySchema>;

/**
 * What only Puck's errors carry; core reads the envelope itself (message ← `error`, code ← `error`
 * when it is a machine string such as `insufficient_scope`, since `error` is sometimes prose). This
 * parser adds the first field `issues` to the message, so "validation_error" says what failed (the
 * whole list stays on `err.body.issues`, see `puckIssues`), and hints for a 501 (reserved in the
 * spec, not deployed) and for a 404/405 of a provisional endpoint.
 */
export const parsePuckError: ErrorParser = ({ status, body, experimental }) => {
  const parsed = v.safeParse(PuckErrorBodySchema, body);
  const issues = parsed.success ? parsed.output.issues : undefined;
  let message: string | undefined;
  if (parsed.success && issues?.length) {
    const listed = issues
      .slice(0, 3)
      .map((issue) => `${issue.path ?? '?'}: ${issue.message ?? 'invalid'}`)
      .join('; ');
    message = `${parsed.output.error} — ${listed}${issues.length > 3 ? `; +${issues.length - 3} more` : ''}`;
  }
  let hint: string | undefined;
  if (status === 501) {
    // Puck's Errors page: 501 is an endpoint reserved in the spec and not deployed (e.g. GET /v1/graph/live).
    hint = 'endpoint reserved in the Puck spec but not deployed on this brain';
  } else if (experimental && (status === 404 || status === 405)) {
    hint = 'provisional endpoint: its path is inferred from the docs and may not exist on this brain';
  }
  return { message, hint };
};

/**
 * The field-validation `issues` of a Puck 400 (`[{ path, message }]`), or `[]` when the error has
 * none (auth, rate-limit and server errors never carry them).
 */
export function puckIssues(error: unknown): PuckIssue[] {
  if (!(error instanceof APIError)) return [];
  const parsed = v.safeParse(PuckErrorBodySchema, error.body);
  return parsed.success ? (parsed.output.issues ?? []) : [];
}
