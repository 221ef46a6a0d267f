import { APIError, type ErrorParser } from '@quiver/core';
import * as v from 'valibot';

/** One field-validation problem of a 400 (vendors/puck.md §3). */
export const PuckIssueSchema = v.looseObject({
  /** Dotted JSON path of the field, e.g. `scope.filter.last_seen_within`. */
  path: v.optional(v.string()),
  /** What is wrong with it. */
  message: v.optional(v.string()),
});
/** One field-validation problem: `{ path, message }`. */
export type PuckIssue = v.InferOutput<typeof PuckIssueSchema>;

/**
 * Puck's error envelope, on every 4xx and 5xx: `{ error, issues? }` (vendors/puck.md §3). `issues`
 * appears only on 400 field-validation failures.
 */
export const PuckErrorBodySchema = v.looseObject({
  error: v.string(),
  issues: v.optional(v.array(PuckIssueSchema)),
});
/** The parsed body of a Puck error response (`err.body` on an `APIError`). */
export type PuckErrorBody = v.InferOutput<typeof PuckErrorBodySchema>;

// `error` is sometimes prose and sometimes a machine string (vendors/puck.md §13.10): only the
// latter is a code.
const CODE = /^[a-z][a-z0-9_]*$/;

/**
 * Maps Puck's `{ error, issues }` envelope onto core's errors (api/puck.md §1): message ← `error`,
 * code ← `error` when it looks like a machine string (`insufficient_scope`, `validation_error`, …),
 * issues stay on `err.body.issues` (see `puckIssues`). The class follows the status.
 */
export const parsePuckError: ErrorParser = ({ status, body, experimental }) => {
  const parsed = v.safeParse(PuckErrorBodySchema, body);
  const error = parsed.success ? parsed.output.error : undefined;
  const issues = parsed.success ? parsed.output.issues : undefined;
  let message = error;
  // One readable line: the first issues are part of it, so "validation_error" says what failed.
  if (message !== undefined && issues?.length) {
    const listed = issues
      .slice(0, 3)
      .map((issue) => `${issue.path ?? '?'}: ${issue.message ?? 'invalid'}`)
      .join('; ');
    message += ` — ${listed}${issues.length > 3 ? `; +${issues.length - 3} more` : ''}`;
  }
  let hint: string | undefined;
  if (status === 501) {
    // vendors/puck.md §3.1: reserved in the spec, not deployed (e.g. GET /v1/graph/live).
    hint = 'endpoint reserved in the Puck spec but not deployed on this brain';
  } else if (experimental && (status === 404 || status === 405)) {
    hint = 'provisional endpoint: its path is inferred from the docs and may not exist on this brain';
  }
  return { message, code: error !== undefined && CODE.test(error) ? error : undefined, hint };
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
