/**
 * The API-key scopes of Pwnbook's API reference (Authentication: scopes). An API key is bound to one
 * organization and restricted to the scopes chosen when it was created.
 */
export const PWNBOOK_SCOPE_NAMES = [
  'engagements:read',
  'engagements:write',
  'engagements:delete',
  'targets:read',
  'targets:write',
  'tasks:read',
  'tasks:write',
  'wiki:read',
  'wiki:write',
  'reports:read',
  'reports:write',
  'organizations:read',
  'organizations:write',
  'api-requests:read',
  'api-requests:write',
] as const;

/** A documented Pwnbook API-key scope, or any other string. */
export type PwnbookScope = (typeof PWNBOOK_SCOPE_NAMES)[number] | (string & {});

/**
 * The scope each SDK method needs. Where an endpoint's own section of Pwnbook's API reference was not
 * readable, the scope comes from the scopes table ("engagements:write: create, update and archive";
 * "organizations:write: update organization settings, invite members"), and member removal and role
 * changes are assumed to need `organizations:write` as well.
 *
 * ```ts
 * const needed = new Set(['engagements.list', 'engagements.archive'].map((m) => PWNBOOK_SCOPES[m]));
 * ```
 */
export const PWNBOOK_SCOPES = {
  'engagements.list': 'engagements:read',
  'engagements.create': 'engagements:write',
  'engagements.retrieve': 'engagements:read',
  'engagements.update': 'engagements:write',
  'engagements.delete': 'engagements:delete',
  'engagements.archive': 'engagements:write',
  'engagements.unarchive': 'engagements:write',
  'organizations.current.retrieve': 'organizations:read',
  'organizations.current.update': 'organizations:write',
  'organizations.current.members.list': 'organizations:read',
  'organizations.current.members.invite': 'organizations:write',
  'organizations.current.members.delete': 'organizations:write',
  'organizations.current.members.update': 'organizations:write',
} as const satisfies Record<string, PwnbookScope>;

/** The name of an SDK method, as a key of `PWNBOOK_SCOPES`. */
export type PwnbookMethodName = keyof typeof PWNBOOK_SCOPES;

const ENDPOINTS: ReadonlyArray<readonly [string, RegExp, PwnbookMethodName]> = [
  ['GET', /^\/engagements$/, 'engagements.list'],
  ['POST', /^\/engagements$/, 'engagements.create'],
  ['GET', /^\/engagements\/[^/]+$/, 'engagements.retrieve'],
  ['PATCH', /^\/engagements\/[^/]+$/, 'engagements.update'],
  ['DELETE', /^\/engagements\/[^/]+$/, 'engagements.delete'],
  ['POST', /^\/engagements\/[^/]+\/archive$/, 'engagements.archive'],
  ['POST', /^\/engagements\/[^/]+\/unarchive$/, 'engagements.unarchive'],
  ['GET', /^\/organizations\/current$/, 'organizations.current.retrieve'],
  ['PATCH', /^\/organizations\/current$/, 'organizations.current.update'],
  ['GET', /^\/organizations\/current\/members$/, 'organizations.current.members.list'],
  ['POST', /^\/organizations\/current\/members\/invite$/, 'organizations.current.members.invite'],
  ['DELETE', /^\/organizations\/current\/members\/[^/]+$/, 'organizations.current.members.delete'],
  ['PATCH', /^\/organizations\/current\/members\/[^/]+$/, 'organizations.current.members.update'],
];

/**
 * The SDK method a request was made by, from its method and path (`/v1/engagements/eng_1`, with or
 * without the base path and query string in front). `undefined` for a path no method uses.
 */
export function methodForRequest(method: string, path: string): PwnbookMethodName | undefined {
  const bare = path.split('?')[0] ?? '';
  const at = bare.lastIndexOf('/v1/');
  if (at < 0) return undefined;
  const rest = bare.slice(at + 3).replace(/\/+$/, '');
  const upper = method.toUpperCase();
  for (const [m, pattern, name] of ENDPOINTS) if (m === upper && pattern.test(rest)) return name;
  return undefined;
}

/** The scope a request needs, when the SDK knows its endpoint (see `PWNBOOK_SCOPES`). */
export function scopeForRequest(method: string, path: string): PwnbookScope | undefined {
  const name = methodForRequest(method, path);
  return name ? PWNBOOK_SCOPES[name] : undefined;
}
