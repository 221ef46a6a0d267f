import {
  type FakeAnswer,
  type FakeFault,
  type FakeHandlerRequest,
  type FakeRequest,
  HttpError,
  randomId,
  startFakeServer,
} from '@quiver/core/testing';
import {
  createDefaultSeed,
  type FakeEngagement,
  type FakeInvitation,
  type FakeMember,
  type FakeOrganization,
  type FakePwnbookData,
} from './seed.js';

/**
 * The fake Pwnbook: an in-process HTTP server on the kit of `@quiver/core/testing`, restating
 * Pwnbook's API reference (paths under `/api/v1`, `{ data }` / `{ data, meta }` envelopes, the
 * `{ error: { code, message, statusCode } }` error envelope, Bearer keys with scopes, per-key
 * `X-RateLimit-*` headers on every answer and 429 `RATE_LIMITED`). Written independently of the
 * client's endpoint rows, so a wrong row fails a test instead of being mirrored.
 */

/** The default key of the fake: a `pwbk_test_` key with every scope. */
export const FAKE_PWNBOOK_API_KEY = 'pwbk_test_fake_0000000000000000';
/** A second default key with only `engagements:read` and `organizations:read`: writes get 403 FORBIDDEN. */
export const FAKE_PWNBOOK_READ_ONLY_KEY = 'pwbk_test_fake_readonly_00000000';

/** Every scope of Pwnbook's scopes table. */
export const FAKE_ALL_SCOPES: readonly string[] = [
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
];

/** The status → code table of Pwnbook's API reference (Introduction: errors). */
export const FAKE_ERROR_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  422: 'VALIDATION_ERROR',
  429: 'RATE_LIMITED',
  500: 'INTERNAL_ERROR',
};

/**
 * A fixed rate-limit window per key: `limit` requests per `windowMs`. Pwnbook publishes no numbers
 * (only the headers), so the fake's default is its own choice.
 */
export interface FakeRateLimit {
  /** Requests allowed per window (`X-RateLimit-Limit`). */
  limit: number;
  /** Window length in ms. Default `60_000`. */
  windowMs?: number;
}

/** What a key of the fake may do. */
export interface FakeApiKey {
  /** Scopes granted. Default: every scope. `[]` authenticates but gets 403 everywhere. */
  scopes?: readonly string[];
  /** The key's window. Default: the fake's `rateLimit`. */
  rateLimit?: FakeRateLimit;
}

/** Options of `startFakePwnbook`. */
export interface FakePwnbookOptions {
  /**
   * Accepted keys: key → options. Default: `FAKE_PWNBOOK_API_KEY` (every scope) and
   * `FAKE_PWNBOOK_READ_ONLY_KEY` (read scopes only). Any other Bearer value gets 401 UNAUTHORIZED.
   */
  apiKeys?: Record<string, FakeApiKey>;
  /** Default window of every key. Default `{ limit: 1000, windowMs: 60_000 }`. */
  rateLimit?: FakeRateLimit;
  /** Seed data; each part given replaces the default one (see `createDefaultSeed`). */
  seed?: Partial<FakePwnbookData>;
  /** Faults armed at start (more with `fake.fault`). */
  faults?: FakeFault[];
  /** Port on 127.0.0.1. Default `0` (a free port). */
  port?: number;
}

/** A running fake Pwnbook. */
export interface FakePwnbook {
  /** The server's origin, `http://127.0.0.1:PORT`: pass it as `baseURL` (the client adds `/api`). */
  readonly url: string;
  /** The API root, `http://127.0.0.1:PORT/api`, as a self-hosted instance spells it. */
  readonly baseURL: string;
  /** The default key (every scope). */
  readonly apiKey: string;
  /** Every request received (credentials never recorded), oldest first. */
  readonly requests: FakeRequest[];
  /** The live data: the organization, members, engagements and invitations. */
  readonly data: FakePwnbookData;
  /** Arms a fault (see the kit's `FakeFault`: status, body, headers, delayMs, stallMs, reset, html, malformedJson, drift). */
  fault(fault: FakeFault): void;
  /** Disarms every fault. */
  clearFaults(): void;
  /** Forgets requests and faults, restores the seed, and refills every key's window. */
  reset(): void;
  /** Stops the server. */
  close(): Promise<void>;
}

const DEFAULT_RATE_LIMIT: Required<FakeRateLimit> = { limit: 1000, windowMs: 60_000 };
const READ_SCOPES = ['engagements:read', 'organizations:read'];
const ENGAGEMENT_STATUSES = new Set(['active', 'archived']);
const SORT_FIELDS = new Set(['createdAt', 'updatedAt', 'name']);
const INVITE_ROLES = new Set(['admin', 'member']);
const MAX_PER_PAGE = 100;
const DEFAULT_PER_PAGE = 20;
const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

type Handler = (req: FakeHandlerRequest) => FakeAnswer;

function clone<T>(value: T): T {
  return structuredClone(value);
}

function now(): string {
  return new Date().toISOString();
}

/** A positive integer query parameter, or a 400 BAD_REQUEST naming it. */
function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(value) || value < 1) {
    throw new HttpError(400, `${name} must be a positive integer`);
  }
  return value;
}

/** One page of `items` in Pwnbook's `{ data, meta: { total, page, perPage, totalPages } }` form. */
function listPage<T>(items: readonly T[], query: URLSearchParams): FakeAnswer {
  const page = intParam(query, 'page', 1);
  const perPage = intParam(query, 'perPage', DEFAULT_PER_PAGE);
  // Pwnbook documents the maximum (100) but not what a larger value does; the fake refuses it.
  if (perPage > MAX_PER_PAGE) throw new HttpError(400, `perPage must be at most ${MAX_PER_PAGE}`);
  const total = items.length;
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const data = items.slice((page - 1) * perPage, page * perPage);
  return { status: 200, body: { data, meta: { total, page, perPage, totalPages } } };
}

function bodyObject(req: FakeHandlerRequest): Record<string, unknown> {
  if (req.body === undefined) return {};
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    throw new HttpError(400, 'request body must be a JSON object');
  }
  return req.body as Record<string, unknown>;
}

/** Starts a fake Pwnbook on 127.0.0.1 (Node only). */
export async function startFakePwnbook(options: FakePwnbookOptions = {}): Promise<FakePwnbook> {
  const keys: Record<string, FakeApiKey> = options.apiKeys ?? {
    [FAKE_PWNBOOK_API_KEY]: {},
    [FAKE_PWNBOOK_READ_ONLY_KEY]: { scopes: READ_SCOPES },
  };
  const seed = (): FakePwnbookData => {
    const base = createDefaultSeed();
    return clone({ ...base, ...options.seed });
  };
  const data = seed();
  const windows = new Map<string, { count: number; resetAt: number }>();

  const server = await startFakeServer({
    name: 'Pwnbook',
    port: options.port ?? 0,
    credentialHeaders: ['authorization'],
    errorBody: (status: number, message: string) => ({
      error: {
        code: FAKE_ERROR_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'),
        message,
        statusCode: status,
      },
    }),
  });

  /** Counts a request in the key's window and returns the three headers Pwnbook sends on every answer. */
  function take(
    key: string,
    limits: FakeRateLimit | undefined,
  ): { ok: boolean; headers: Record<string, string> } {
    const { limit, windowMs } = { ...DEFAULT_RATE_LIMIT, ...options.rateLimit, ...limits };
    const at = Date.now();
    let window = windows.get(key);
    if (!window || at >= window.resetAt) {
      window = { count: 0, resetAt: at + windowMs };
      windows.set(key, window);
    }
    const ok = window.count < limit;
    if (ok) window.count += 1;
    return {
      ok,
      headers: {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(Math.max(0, limit - window.count)),
        // A Unix timestamp in seconds (Pwnbook's API reference, rate limiting); rounded up so a
        // client waiting until it never comes back before the window has restarted.
        'x-ratelimit-reset': String(Math.ceil(window.resetAt / 1000)),
      },
    };
  }

  /** Auth, rate limit and scope around a handler; the rate-limit headers go on every answer, errors included. */
  function endpoint(scope: string, handler: Handler): Handler {
    return (req) => {
      const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
      const key = match?.[1];
      const grant = key !== undefined && /^pwbk_(live|test)_./.test(key) ? keys[key] : undefined;
      const limited = take(grant ? `key:${key}` : 'anonymous', grant?.rateLimit);
      const headers = limited.headers;
      try {
        if (!key) throw new HttpError(401, 'Missing API key: send Authorization: Bearer <key>');
        if (!grant) throw new HttpError(401, 'Invalid API key');
        if (!limited.ok) throw new HttpError(429, 'Rate limit exceeded');
        const scopes = grant.scopes ?? FAKE_ALL_SCOPES;
        if (!scopes.includes(scope)) {
          throw new HttpError(403, `This API key lacks the ${scope} scope required for this action`);
        }
        const answer = handler(req);
        return { ...answer, headers: { ...answer.headers, ...headers } };
      } catch (error) {
        if (error instanceof HttpError)
          throw new HttpError(error.status, error.message, { ...error.headers, ...headers });
        throw error;
      }
    };
  }

  const findEngagement = (id: string): FakeEngagement => {
    const engagement = data.engagements.find((e) => e.id === id);
    if (!engagement) throw new HttpError(404, `Engagement ${id} not found`);
    return engagement;
  };
  const findMember = (id: string): FakeMember => {
    const member = data.members.find((m) => m.id === id);
    if (!member) throw new HttpError(404, `Member ${id} not found`);
    return member;
  };
  const nameTaken = (name: string, except?: string) =>
    data.engagements.some((e) => e.id !== except && e.name.toLowerCase() === name.toLowerCase());
  const ok = (body: unknown, status = 200): FakeAnswer => ({ status, body: { data: clone(body) } });
  const setStatus = (id: string, status: string): FakeAnswer => {
    const engagement = findEngagement(id);
    // Repeating an archive (or unarchive) is answered like the first one: the docs leave it open.
    if (engagement.status !== status) {
      engagement.status = status;
      engagement.updatedAt = now();
    }
    return ok(engagement);
  };

  // --- Engagements ------------------------------------------------------------------------------

  server.route(
    'GET',
    '/api/v1/engagements',
    endpoint('engagements:read', (req) => {
      const status = req.query.get('status');
      const sort = req.query.get('sort') ?? 'createdAt';
      const order = req.query.get('order') ?? 'desc';
      if (status !== null && !ENGAGEMENT_STATUSES.has(status)) {
        throw new HttpError(400, 'status must be one of active, archived');
      }
      if (!SORT_FIELDS.has(sort)) throw new HttpError(400, 'sort must be one of createdAt, updatedAt, name');
      if (order !== 'asc' && order !== 'desc') throw new HttpError(400, 'order must be asc or desc');
      const field = sort as 'createdAt' | 'updatedAt' | 'name';
      const items = data.engagements
        .filter((e) => status === null || e.status === status)
        .sort(
          (a, b) => (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : 0) * (order === 'asc' ? 1 : -1),
        );
      return listPage(clone(items), req.query);
    }),
  );

  server.route(
    'POST',
    '/api/v1/engagements',
    endpoint('engagements:write', (req) => {
      const body = bodyObject(req);
      if (typeof body.name !== 'string' || body.name.trim() === '')
        throw new HttpError(422, 'name is required');
      if (
        body.description !== undefined &&
        body.description !== null &&
        typeof body.description !== 'string'
      ) {
        throw new HttpError(422, 'description must be a string');
      }
      if (nameTaken(body.name)) throw new HttpError(409, `An engagement named "${body.name}" already exists`);
      const at = now();
      const engagement: FakeEngagement = {
        id: randomId('eng_', 20),
        name: body.name,
        description: (body.description as string | undefined) ?? null,
        status: 'active',
        createdAt: at,
        updatedAt: at,
      };
      data.engagements.push(engagement);
      return ok(engagement, 201);
    }),
  );

  server.route(
    'GET',
    '/api/v1/engagements/:id',
    endpoint('engagements:read', (req) => ok(findEngagement(req.params.id ?? ''))),
  );

  server.route(
    'PATCH',
    '/api/v1/engagements/:id',
    endpoint('engagements:write', (req) => {
      const engagement = findEngagement(req.params.id ?? '');
      const body = bodyObject(req);
      if (body.name !== undefined) {
        if (typeof body.name !== 'string' || body.name.trim() === '') {
          throw new HttpError(422, 'name must be a non-empty string');
        }
        if (nameTaken(body.name, engagement.id)) {
          throw new HttpError(409, `An engagement named "${body.name}" already exists`);
        }
        engagement.name = body.name;
      }
      if (body.description !== undefined) {
        if (body.description !== null && typeof body.description !== 'string') {
          throw new HttpError(422, 'description must be a string or null');
        }
        engagement.description = body.description as string | null;
      }
      engagement.updatedAt = now();
      return ok(engagement);
    }),
  );

  server.route(
    'DELETE',
    '/api/v1/engagements/:id',
    endpoint('engagements:delete', (req) => {
      const engagement = findEngagement(req.params.id ?? '');
      data.engagements.splice(data.engagements.indexOf(engagement), 1);
      return { status: 204 };
    }),
  );

  server.route(
    'POST',
    '/api/v1/engagements/:id/archive',
    endpoint('engagements:write', (req) => setStatus(req.params.id ?? '', 'archived')),
  );
  server.route(
    'POST',
    '/api/v1/engagements/:id/unarchive',
    endpoint('engagements:write', (req) => setStatus(req.params.id ?? '', 'active')),
  );

  // --- Organization ----------------------------------------------------------------------------

  const organizationView = (org: FakeOrganization) => ({
    id: org.id,
    name: org.name,
    slug: org.slug,
    plan: org.plan,
    memberCount: data.members.length,
    engagementCount: data.engagements.length,
    createdAt: org.createdAt,
    settings: clone(org.settings),
  });

  server.route(
    'GET',
    '/api/v1/organizations/current',
    endpoint('organizations:read', () => ok(organizationView(data.organization))),
  );

  server.route(
    'PATCH',
    '/api/v1/organizations/current',
    endpoint('organizations:write', (req) => {
      const body = bodyObject(req);
      const org = data.organization;
      if (body.name !== undefined) {
        if (typeof body.name !== 'string' || body.name.trim() === '') {
          throw new HttpError(422, 'name must be a non-empty string');
        }
        org.name = body.name;
      }
      org.updatedAt = now();
      // The update answers with a partial object (Pwnbook's API reference, Organizations: update).
      return ok({ id: org.id, name: org.name, slug: org.slug, updatedAt: org.updatedAt });
    }),
  );

  // --- Members ---------------------------------------------------------------------------------

  server.route(
    'GET',
    '/api/v1/organizations/current/members',
    endpoint('organizations:read', (req) => listPage(clone(data.members), req.query)),
  );

  server.route(
    'POST',
    '/api/v1/organizations/current/members/invite',
    endpoint('organizations:write', (req) => {
      const body = bodyObject(req);
      const email = body.email;
      if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email)) {
        throw new HttpError(422, 'email must be a valid e-mail address');
      }
      const role = body.role ?? 'member';
      if (typeof role !== 'string' || !INVITE_ROLES.has(role))
        throw new HttpError(422, 'role must be admin or member');
      const lower = email.toLowerCase();
      if (data.members.some((m) => m.email.toLowerCase() === lower)) {
        throw new HttpError(409, `${email} is already a member`);
      }
      if (data.invitations.some((i) => i.email.toLowerCase() === lower)) {
        throw new HttpError(409, `${email} has already been invited`);
      }
      const created = new Date();
      const invitation: FakeInvitation = {
        id: randomId('inv_', 20),
        email,
        role,
        status: 'pending',
        createdAt: created.toISOString(),
        expiresAt: new Date(created.getTime() + INVITATION_TTL_MS).toISOString(),
      };
      data.invitations.push(invitation);
      return ok(invitation, 201);
    }),
  );

  server.route(
    'DELETE',
    '/api/v1/organizations/current/members/:userId',
    endpoint('organizations:write', (req) => {
      const member = findMember(req.params.userId ?? '');
      if (member.role === 'owner')
        throw new HttpError(409, 'The owner cannot be removed; transfer ownership first');
      data.members.splice(data.members.indexOf(member), 1);
      return { status: 204 };
    }),
  );

  server.route(
    'PATCH',
    '/api/v1/organizations/current/members/:userId',
    endpoint('organizations:write', (req) => {
      const member = findMember(req.params.userId ?? '');
      const body = bodyObject(req);
      if (typeof body.role !== 'string' || !INVITE_ROLES.has(body.role)) {
        throw new HttpError(422, 'role must be admin or member');
      }
      if (member.role === 'owner')
        throw new HttpError(409, "The owner's role cannot be changed; transfer ownership first");
      member.role = body.role;
      return ok(member);
    }),
  );

  for (const fault of options.faults ?? []) server.fault(fault);

  const restore = () => {
    const fresh = seed();
    data.organization = fresh.organization;
    data.members = fresh.members;
    data.engagements = fresh.engagements;
    data.invitations = fresh.invitations;
    windows.clear();
  };

  return {
    url: server.url,
    baseURL: `${server.url}/api`,
    apiKey: FAKE_PWNBOOK_API_KEY,
    get requests() {
      return server.requests;
    },
    data,
    fault: (fault) => server.fault(fault),
    clearFaults: () => server.clearFaults(),
    reset: () => {
      server.reset();
      restore();
    },
    close: () => server.close(),
  };
}
