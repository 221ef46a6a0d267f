import type { Open } from '@quiver/core';
import { int } from '@quiver/core/internal';
import * as v from 'valibot';

/**
 * Input-schema pieces the resource rows share. Internal: not re-exported from the package entry
 * (the parameter types built from them are).
 */

/**
 * An open enum as an input: the documented values for autocomplete, any string accepted (the
 * server may know values this SDK does not).
 */
export function openInput<const T extends string>(values: readonly T[]) {
  return v.custom<Open<T>>(
    (input) => typeof input === 'string',
    `must be a string such as ${values.map((value) => JSON.stringify(value)).join(', ')}`,
  );
}

const DURATION = /^\d+(s|m|h|d)$/;

const notDuration = (issue: v.BaseIssue<unknown>) =>
  `must be a duration matching ^\\d+(s|m|h|d)$ (e.g. "24h"); got ${JSON.stringify(issue.input)}.`;

/** A duration such as `"15m"`, `"24h"`, `"7d"` (`^\d+(s|m|h|d)$`). */
export const DurationInput = v.pipe(v.string(notDuration), v.regex(DURATION, notDuration));

/** The query of every cursor-paginated list (Puck's API reference, Pagination). */
export const cursorQuery = {
  /** Opaque cursor from a previous page's `next_cursor`. The paginator fills it in for you. */
  cursor: v.optional(v.string()),
  /** Page size, 1–1000. Server default: 100. */
  limit: v.optional(int({ min: 1, max: 1000 })),
};

/** The query of a list that takes only `cursor` and `limit` (other keys are sent as given). */
export const CursorQuery = v.looseObject(cursorQuery);
