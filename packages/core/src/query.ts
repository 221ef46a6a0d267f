/** A query-string value. `undefined` drops the key; arrays repeat it (or join with commas). */
export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | ReadonlyArray<string | number | boolean>;

/** Query parameters of a request. */
export type QueryParams = Record<string, QueryValue>;

/** How arrays are written: `a=1&a=2` (`repeat`, default) or `a=1,2` (`comma`). */
export type ArrayFormat = 'repeat' | 'comma';

/** Serialises query parameters; `undefined` values are left out, `null` is sent as an empty value. */
export function toSearchParams(
  query: QueryParams | undefined,
  arrayFormat: ArrayFormat = 'repeat',
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (arrayFormat === 'comma') params.append(key, value.join(','));
      else for (const item of value) params.append(key, String(item));
    } else {
      params.append(key, value === null ? '' : String(value));
    }
  }
  return params;
}
