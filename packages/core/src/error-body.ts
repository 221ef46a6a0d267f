/**
 * The one reader of the error bodies vendors send, so that a vendor's own parser only adds what is
 * truly its own (a hint, a class). Shapes read, first match wins for the message:
 * `{ error: { message, code } }`, `{ error: "…" }`, `{ detail: "…" }`, FastAPI's
 * `{ detail: [{ loc, msg }] }`, `{ message, code }`, and plain text (not an HTML error page).
 */

/** What the common reader found in an error body. */
export interface ErrorBodyFields {
  /** The vendor's message, one line. */
  message?: string | undefined;
  /** A machine-readable code, when the body carries one. */
  code?: string | undefined;
}

// A string that is a code rather than prose: `rate_limited`, `NOT_FOUND`.
const MACHINE = /^(?:[a-z][a-z0-9_.-]*|[A-Z][A-Z0-9_]*)$/;

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function fastApiDetail(detail: unknown[]): string | undefined {
  const parts = detail.slice(0, 3).map((item) => {
    const record = (item ?? {}) as { loc?: unknown; msg?: unknown };
    const loc = Array.isArray(record.loc)
      ? record.loc.filter((p) => p !== 'body' && p !== 'query').join('.')
      : '';
    const msg = nonEmpty(record.msg) ?? 'invalid';
    return loc ? `${loc}: ${msg}` : msg;
  });
  if (parts.length === 0) return undefined;
  return parts.join('; ') + (detail.length > 3 ? `; +${detail.length - 3} more` : '');
}

/** Reads the message and code of an error body (see the module comment for the shapes). */
export function readErrorBody(body: unknown): ErrorBodyFields {
  if (typeof body === 'string') {
    const text = body.trim();
    // An HTML error page from a proxy says nothing useful in a one-line message.
    if (!text || text.startsWith('<') || text.length > 300) return {};
    return { message: text.split('\n')[0] };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const record = body as Record<string, unknown>;
  const topCode = nonEmpty(record.code);
  const error = record.error;
  if (error && typeof error === 'object' && !Array.isArray(error)) {
    const nested = error as Record<string, unknown>;
    return {
      message: nonEmpty(nested.message) ?? nonEmpty(record.message),
      code: nonEmpty(nested.code) ?? nonEmpty(nested.type) ?? topCode,
    };
  }
  const errorText = nonEmpty(error);
  if (errorText) {
    return {
      message: nonEmpty(record.message) ?? errorText,
      code: topCode ?? (MACHINE.test(errorText) ? errorText : undefined),
    };
  }
  if (Array.isArray(record.detail)) return { message: fastApiDetail(record.detail), code: topCode };
  const detail = nonEmpty(record.detail);
  if (detail) return { message: detail, code: topCode };
  return { message: nonEmpty(record.message) ?? nonEmpty(record.title), code: topCode };
}
