/**
 * Small helpers every fake needs: ids and the canonical form of a JSON body.
 *
 * @module @quiver/core/testing
 */

/**
 * A random id: `prefix` + `length` lower-case hex characters (default 16), e.g. `randomId('inv_')`.
 */
export function randomId(prefix = '', length = 16): string {
  let hex = '';
  while (hex.length < length) hex += crypto.randomUUID().replace(/-/g, '');
  return `${prefix}${hex.slice(0, length)}`;
}

/**
 * JSON with object keys sorted and `undefined` members left out, so two bodies that differ only in key
 * order give the same string (what "the same body" means for an idempotency key).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
