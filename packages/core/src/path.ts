import { InvalidInputError } from './errors.js';

// Control characters (C0 and DEL) and the path separator are never valid inside one segment.
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const FORBIDDEN = /[\u0000-\u001f\u007f/\\]/;

/**
 * Builds a request path from a template, percent-encoding every interpolated value as one path
 * segment:
 *
 * ```ts
 * path`/v1/investigations/${id}/report`
 * ```
 *
 * A value that is empty, `.` or `..`, or contains `/`, `\` or a control character (also once
 * percent-decoded) is refused with `InvalidInputError` before anything is sent: such an id could
 * otherwise walk to another endpoint (`../../admin`).
 */
export function path(strings: TemplateStringsArray, ...values: ReadonlyArray<string | number>): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += encodeSegment(value, i) + (strings[i + 1] ?? '');
  });
  return out;
}

function encodeSegment(value: unknown, index: number): string {
  return encodeChecked(value, `Path parameter ${index + 1}`);
}

/**
 * Encodes one named path parameter (`id`) as a single segment, refusing what could walk to another
 * endpoint; the `InvalidInputError` names the parameter. Lone surrogates are refused too, since they
 * cannot be encoded.
 */
export function encodePathParam(name: string, value: unknown): string {
  return encodeChecked(value, name);
}

function encodeChecked(value: unknown, name: string): string {
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new InvalidInputError(
      `${name} must be a string or number; got ${value === null ? 'null' : typeof value}.`,
    );
  }
  const raw = String(value);
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // not percent-encoded: check the raw value only
  }
  for (const candidate of [raw, decoded]) {
    if (candidate === '' || candidate.trim() === '' || candidate === '.' || candidate === '..') {
      throw new InvalidInputError(
        `${name} ${JSON.stringify(raw)} is not a valid id: it must not be empty, "." or "..".`,
      );
    }
    if (FORBIDDEN.test(candidate)) {
      throw new InvalidInputError(
        `${name} ${JSON.stringify(raw)} is not a valid id: it must not contain "/", "\\" or control characters.`,
      );
    }
  }
  try {
    return encodeURIComponent(raw);
  } catch {
    throw new InvalidInputError(
      `${name} is not a valid id: it contains a lone surrogate (broken UTF-16), which cannot be sent.`,
    );
  }
}
