import { InvalidInputError } from '@quiver/core';

/**
 * Converts a `Date` or a millisecond timestamp (`Date.now()`) to the integer UNIX **seconds** the
 * `*TimestampAfter` / `*TimestampBefore` filters take (Push Security API docs, Conventions): `Math.floor(ms / 1000)`.
 *
 * ```ts
 * push.accounts.list({ lastUsedTimestampAfter: toUnixSeconds(new Date('2024-01-01')) });
 * ```
 */
export function toUnixSeconds(value: Date | number): number {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new InvalidInputError(
      `toUnixSeconds: expected a valid Date or a millisecond timestamp; got ${String(value)}.`,
    );
  }
  return Math.floor(ms / 1000);
}
