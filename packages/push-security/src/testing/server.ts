import {
  cursorPage,
  type FakeAnswer,
  type FakeFault,
  type FakeRequest,
  HttpError,
  offsetPage,
  startFakeServer,
  TokenBucket,
} from '@quiver/core/testing';
import { createDefaultSeed, type FakePushSecurityData, type FakeRecord } from './seed.js';

export type { FakeFault, FakeRequest };

/** The API keys the fake accepts, by level (Push Security's API docs, “Authentication”: `Read only` = GET only). */
export interface FakeApiKeys {
  /** `Full access` keys: every method. */
  full: string[];
  /** `Read only` keys: GET only; any other method gets a 403 `{"message":"Forbidden"}`. */
  readOnly: string[];
}

/** Options of {@link startFakePushSecurity}. */
export interface FakePushSecurityOptions {
  /**
   * Accepted keys. Default `{ full: ['push-fake-full-access-key'], readOnly: ['push-fake-read-only-key'] }`
   * (see {@link FAKE_FULL_ACCESS_KEY} and {@link FAKE_READ_ONLY_KEY}).
   */
  apiKeys?: Partial<FakeApiKeys>;
  /**
   * Starting data. Default `'default'` (the realistic seed of {@link createDefaultSeed}); `'empty'` for no
   * records; an object replaces the collections it names and keeps the default seed for the others.
   */
  seed?: 'default' | 'empty' | Partial<FakePushSecurityData>;
  /** Faults armed from the start (the kit's fault model, see `FakeFault`; checked before the rate limit and auth). Default none. */
  faults?: FakeFault[];
  /**
   * The server limit, per API key: refill `perSecond`, plus `burst` extra tokens (bucket capacity
   * `perSecond + burst`). Default `{ perSecond: 10, burst: 10 }` (Push Security's API docs, “Rate limits”); `false` disables it.
   */
  rateLimit?:
    | {
        /** Tokens refilled per second, per key. Default `10`. */
        perSecond?: number;
        /** Extra tokens on top of `perSecond` (bucket capacity `perSecond + burst`). Default `10`. */
        burst?: number;
      }
    | false;
  /**
   * The rate limit's clock, in ms. Default `Date.now`; a fixed or stepped clock makes a test of the
   * limit independent of how fast the machine sends the requests.
   */
  now?: () => number;
  /** Page size when the request has no `limit` (undocumented upstream). Default `100`. */
  defaultLimit?: number;
  /** Largest accepted `limit`; above it the fake answers 400 (undocumented upstream). Default `1000`. */
  maxLimit?: number;
  /** Port to listen on. Default `0` (any free port). The host is always `127.0.0.1`. */
  port?: number;
}

/** A running fake Push Security server. */
export interface FakePushSecurity {
  /** Base URL to pass as `baseURL`, e.g. `http://127.0.0.1:54321` (no trailing slash). */
  readonly url: string;
  /** The accepted keys (defaults filled in). */
  readonly apiKeys: FakeApiKeys;
  /** The live data; edit it to shape the answers. Replaced by a fresh seed on `reset()`. */
  readonly data: FakePushSecurityData;
  /**
   * Every request received, in arrival order. `x-api-key` is never recorded; `auth` says which kind of
   * key was sent: `full`, `readOnly`, `invalid` (unknown key) or `missing`.
   */
  readonly requests: FakeRequest[];
  /** Arms a fault for the next matching request(s), after those already armed (see `FakeFault`). */
  fault(fault: FakeFault): void;
  /** Disarms every pending fault. */
  clearFaults(): void;
  /** Restores the starting seed, forgets requests and faults, refills the rate-limit buckets. */
  reset(): void;
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

/** The default `Full access` key of the fake. */
export const FAKE_FULL_ACCESS_KEY = 'push-fake-full-access-key';
/** The default `Read only` key of the fake. */
export const FAKE_READ_ONLY_KEY = 'push-fake-read-only-key';

// API Gateway answers this for a missing key and for an unknown route alike (Push Security's API docs, “Authentication”).
const MISSING_TOKEN = 'Missing Authentication Token';

const PAGING_PARAMS = new Set(['limit', 'nextToken', 'offset']);

function copySeed(seed: FakePushSecurityOptions['seed']): FakePushSecurityData {
  if (seed === 'empty') {
    return {
      employees: [],
      accounts: [],
      apps: [],
      browsers: [],
      browserExtensions: [],
      detections: [],
      findings: [],
    };
  }
  const base = createDefaultSeed();
  if (seed === undefined || seed === 'default') return base;
  const out = { ...base };
  for (const key of Object.keys(seed) as Array<keyof FakePushSecurityData>) {
    const given = seed[key];
    // structuredClone: the caller's objects must not change when the fake applies a PATCH.
    if (given) out[key] = structuredClone(given);
  }
  return out;
}

/**
 * Starts a fake Push Security API on `127.0.0.1` (a free port by default). It checks `x-api-key`
 * (full-access and read-only keys), enforces the documented 10 requests/s + 10 burst per key with 429s,
 * pages with `nextToken` and `offset`, filters lists, applies writes to its data and can inject faults.
 *
 * ```ts
 * const fake = await startFakePushSecurity();
 * const push = new PushSecurity({ apiKey: fake.apiKeys.full[0], baseURL: fake.url });
 * // …
 * await fake.close();
 * ```
 */
export async function startFakePushSecurity(
  options: FakePushSecurityOptions = {},
): Promise<FakePushSecurity> {
  const apiKeys: FakeApiKeys = {
    full: options.apiKeys?.full ?? [FAKE_FULL_ACCESS_KEY],
    readOnly: options.apiKeys?.readOnly ?? [FAKE_READ_ONLY_KEY],
  };
  const rate = options.rateLimit === false ? undefined : { perSecond: 10, burst: 10, ...options.rateLimit };
  // The documented "10 requests per second per user" plus "temporary extra capacity of 10 more
  // requests" (Push Security's API docs, “Rate limits”), read generously: a bucket refilling at `perSecond` that holds
  // `perSecond + burst`, so the fake never refuses what the real API would accept.
  const newBucket = () =>
    rate
      ? new TokenBucket({
          perSecond: rate.perSecond,
          capacity: rate.perSecond + rate.burst,
          ...(options.now ? { now: options.now } : {}),
        })
      : undefined;
  const state = { data: copySeed(options.seed), bucket: newBucket() };
  const kindOf = (key: string | undefined): string =>
    key === undefined
      ? 'missing'
      : apiKeys.full.includes(key)
        ? 'full'
        : apiKeys.readOnly.includes(key)
          ? 'readOnly'
          : 'invalid';

  const server = await startFakeServer({
    name: 'Push Security',
    port: options.port,
    credentialHeaders: ['x-api-key'],
    errorBody: (_status, message) => ({ message }),
    // API Gateway's own id header, and the generic one core reads into `requestId`.
    requestIdHeaders: ['x-amzn-requestid', 'x-request-id'],
    describeAuth: (req) => kindOf(req.headers['x-api-key']),
    // API Gateway has no 404/405 for routes: an unknown method+path is the same 403 (Push Security's API docs, “Authentication”).
    unmatched: () => ({ status: 403, body: { message: MISSING_TOKEN } }),
    faults: options.faults,
  });

  server.use((req) => {
    const key = req.headers['x-api-key'];
    // Throttling comes first, per key ("per user", Push Security's API docs, “Rate limits”), like API Gateway usage plans.
    if (state.bucket && !state.bucket.take(key ?? '').ok) {
      return { status: 429, body: { message: 'Too Many Requests' } };
    }
    const auth = kindOf(key);
    if (auth === 'missing' || auth === 'invalid') return { status: 403, body: { message: MISSING_TOKEN } };
    if (auth === 'readOnly' && req.method !== 'GET') return { status: 403, body: { message: 'Forbidden' } };
    if (typeof req.body === 'string')
      return { status: 400, body: { message: 'Request body is not valid JSON' } };
    return undefined;
  });

  const ok = (value: unknown): FakeAnswer => ({ status: 200, body: value });
  const noContent: FakeAnswer = { status: 204 };
  const data = () => state.data;
  const route = server.route.bind(server);
  route('GET', '/v1/accounts', (r) => ok(list('accounts', data().accounts, r.query)));
  route('GET', '/v1/accounts/:id', (r) => ok(find(data().accounts, r.params.id!)));
  route('DELETE', '/v1/accounts/:id', (r) => {
    remove(data().accounts, r.params.id!);
    return noContent;
  });
  route('GET', '/v1/apps', (r) => ok(list('apps', data().apps, r.query)));
  route('PATCH', '/v1/apps/:id', (r) => ok(updateApp(find(data().apps, r.params.id!), r.body)));
  route('GET', '/v1/browsers', (r) => ok(list('browsers', data().browsers, r.query)));
  route('GET', '/v1/browserExtensions', (r) =>
    ok(list('browserExtensions', data().browserExtensions, r.query)),
  );
  route('GET', '/v1/detections', (r) => ok(list('detections', data().detections, r.query, withEmployee)));
  route('GET', '/v1/detections/:id', (r) => ok(withEmployee(find(data().detections, r.params.id!))));
  route('PATCH', '/v1/detections/:id', (r) =>
    ok(withEmployee(patch(find(data().detections, r.params.id!), r.body))),
  );
  route('GET', '/v1/employees', (r) => ok(list('employees', data().employees, r.query)));
  route('GET', '/v1/employees/:id', (r) => ok(find(data().employees, r.params.id!)));
  route('PATCH', '/v1/employees/:id', (r) =>
    ok(updateEmployee(find(data().employees, r.params.id!), r.body)),
  );
  route('POST', '/v1/employees/:id/merge', (r) => {
    mergeEmployees(find(data().employees, r.params.id!), r.body);
    return noContent;
  });
  route('DELETE', '/v1/employees/:id/groups', (r) => {
    removeGroups(find(data().employees, r.params.id!), r.body);
    return noContent;
  });
  route('GET', '/v1/findings', (r) => ok(list('findings', data().findings, r.query, withEmployee)));
  route('GET', '/v1/findings/:id', (r) => ok(withEmployee(find(data().findings, r.params.id!))));

  function withEmployee(record: FakeRecord): FakeRecord {
    const employeeId = record.employeeId;
    const employee =
      typeof employeeId === 'string' ? (state.data.employees.find((e) => e.id === employeeId) ?? null) : null;
    return { ...record, employee };
  }

  function updateApp(app: FakeRecord, body: unknown): FakeRecord {
    const input = objectBody(body);
    const enums: Record<string, string[]> = {
      approvalStatus: ['APPROVED', 'NOT_APPROVED', 'UNDER_REVIEW'],
      sensitivityLevel: ['HIGH', 'MEDIUM', 'LOW'],
    };
    for (const [field, allowed] of Object.entries(enums)) {
      const value = input[field];
      if (value !== undefined && value !== null && !allowed.includes(value as string)) {
        throw new HttpError(400, `${field} must be one of ${allowed.join(', ')} or null`);
      }
    }
    for (const field of ['notes', 'ownerId']) {
      const value = input[field];
      if (value !== undefined && value !== null && typeof value !== 'string') {
        throw new HttpError(400, `${field} must be a string or null`);
      }
    }
    if (typeof input.ownerId === 'string' && !state.data.employees.some((e) => e.id === input.ownerId)) {
      throw new HttpError(400, 'ownerId does not name an employee');
    }
    for (const field of ['approvalStatus', 'sensitivityLevel', 'notes', 'ownerId']) {
      if (field in input) app[field] = input[field];
    }
    return app;
  }

  function mergeEmployees(target: FakeRecord, body: unknown): void {
    // The real body is undocumented (Push Security's API docs, “Employee write operations — bodies NOT CAPTURED”); the fake takes `{ employeeId }` = the
    // duplicate to fold into the path's employee, and re-points everything that referenced it.
    const input = objectBody(body);
    const sourceId = input.employeeId;
    if (sourceId === undefined) return;
    if (typeof sourceId !== 'string' || sourceId === target.id) {
      throw new HttpError(400, 'employeeId must name another employee');
    }
    const source = find(state.data.employees, sourceId);
    const { employees, ...rest } = state.data;
    for (const collection of Object.values(rest)) {
      for (const record of collection) if (record.employeeId === sourceId) record.employeeId = target.id;
    }
    const groups = new Set([...asStrings(target.groups), ...asStrings(source.groups)]);
    target.groups = [...groups];
    employees.splice(employees.indexOf(source), 1);
  }

  function removeGroups(employee: FakeRecord, body: unknown): void {
    // Undocumented body (Push Security's API docs, “Employee write operations — bodies NOT CAPTURED”); the fake takes `{ groups: string[] }`, or no body = all.
    const input = body === undefined ? {} : objectBody(body);
    if (input.groups === undefined) {
      employee.groups = [];
      return;
    }
    if (!Array.isArray(input.groups)) throw new HttpError(400, 'groups must be an array of group names');
    const drop = new Set(asStrings(input.groups));
    employee.groups = asStrings(employee.groups).filter((g) => !drop.has(g));
  }

  /**
   * "Update an employee" as the overview documents it: every field optional; `email` must be one of the
   * employee's `knownEmails`; `groups` replaces the groups. Unlicensing an employee that has no
   * accounts answers `null` instead of the Employee. Fields the docs do not list are ignored (the
   * forgiving reading).
   */
  function updateEmployee(employee: FakeRecord, body: unknown): FakeRecord | null {
    const input = objectBody(body);
    for (const field of ['firstName', 'lastName', 'email']) {
      if (field in input && typeof input[field] !== 'string')
        throw new HttpError(400, `${field} must be a string`);
    }
    for (const field of ['licensed', 'chatopsEnabled']) {
      if (field in input && typeof input[field] !== 'boolean')
        throw new HttpError(400, `${field} must be a boolean`);
    }
    if (
      'groups' in input &&
      (!Array.isArray(input.groups) || asStrings(input.groups).length !== input.groups.length)
    ) {
      throw new HttpError(400, 'groups must be an array of group names');
    }
    if (typeof input.email === 'string') {
      const known = asStrings(employee.knownEmails);
      if (!known.includes(input.email) && input.email !== employee.email) {
        throw new HttpError(400, "email must be one of the employee's knownEmails");
      }
    }
    for (const field of ['firstName', 'lastName', 'email', 'licensed', 'chatopsEnabled', 'groups']) {
      if (field in input) employee[field] = field === 'groups' ? [...asStrings(input.groups)] : input[field];
    }
    const hasAccounts = state.data.accounts.some((a) => a.employeeId === employee.id);
    return input.licensed === false && !hasAccounts ? null : employee;
  }

  function list(
    resource: string,
    items: FakeRecord[],
    query: URLSearchParams,
    present: (r: FakeRecord) => FakeRecord = (r) => r,
  ): { result: FakeRecord[]; paging: { moreResults: boolean; nextToken?: string } } {
    const nextToken = query.get('nextToken');
    const offset = query.get('offset');
    if (nextToken !== null && offset !== null)
      throw new HttpError(400, 'nextToken cannot be combined with offset');
    const matching = filter(items, query);
    const sizes = {
      limit: query.get('limit'),
      defaultLimit: options.defaultLimit ?? 100,
      maxLimit: options.maxLimit ?? 1000,
    };
    if (offset !== null) {
      // Offset callers advance `offset` themselves: `moreResults` alone, no token.
      const page = offsetPage(matching, { ...sizes, offset });
      return {
        result: page.items.map(present),
        paging: { moreResults: Number(offset) + page.items.length < page.total },
      };
    }
    const page = cursorPage(matching, {
      ...sizes,
      cursor: nextToken,
      cursorParam: 'nextToken',
      scope: resource,
    });
    return {
      result: page.items.map(present),
      paging: page.nextCursor ? { moreResults: true, nextToken: page.nextCursor } : { moreResults: false },
    };
  }

  return {
    get url() {
      return server.url;
    },
    apiKeys,
    get data() {
      return state.data;
    },
    get requests() {
      return server.requests;
    },
    fault: (fault) => server.fault(fault),
    clearFaults: () => server.clearFaults(),
    reset() {
      server.reset();
      state.data = copySeed(options.seed);
      state.bucket = newBucket();
    },
    close: () => server.close(),
  };
}

function filter(items: FakeRecord[], query: URLSearchParams): FakeRecord[] {
  // Filters the fake does not know (no record has that field) are ignored rather than refused, since
  // the official filter lists are mostly unknown (where Push Security's API docs are silent or disagree gap 4).
  const known = new Set(items.flatMap((r) => Object.keys(r)));
  const tests: Array<(r: FakeRecord) => boolean> = [];
  for (const name of new Set(query.keys())) {
    if (PAGING_PARAMS.has(name)) continue;
    const values = query.getAll(name).flatMap((v) => v.split(','));
    const first = values[0] ?? '';
    const range = /^(.*Timestamp)(After|Before)$/.exec(name);
    if (range) {
      const field = range[1]!;
      const bound = integer(name, first);
      tests.push((r) =>
        typeof r[field] === 'number' ? (range[2] === 'After' ? r[field] >= bound : r[field] <= bound) : false,
      );
      continue;
    }
    if (!known.has(name)) continue;
    if (name === 'email') {
      // "partial values allowed" (Push Security's API docs, “`GET /v1/accounts` — List accounts”)
      tests.push((r) => typeof r.email === 'string' && r.email.toLowerCase().includes(first.toLowerCase()));
      continue;
    }
    tests.push((r) => {
      const value = r[name];
      if (Array.isArray(value)) return values.every((v) => value.includes(v));
      if (typeof value === 'boolean') return String(value) === first;
      return value !== undefined && value !== null && String(value) === first;
    });
  }
  const matching = items.filter((r) => tests.every((t) => t(r)));
  // A stable order, oldest first, so pages never overlap.
  return matching
    .map((r, i) => ({ r, i }))
    .sort((a, b) => Number(a.r.creationTimestamp ?? 0) - Number(b.r.creationTimestamp ?? 0) || a.i - b.i)
    .map(({ r }) => r);
}

function find(items: FakeRecord[], id: string): FakeRecord {
  const record = items.find((r) => r.id === id);
  if (!record) throw new HttpError(404, 'Not Found');
  return record;
}

function remove(items: FakeRecord[], id: string): void {
  items.splice(items.indexOf(find(items, id)), 1);
}

function patch(record: FakeRecord, body: unknown): FakeRecord {
  const { id: _id, ...changes } = objectBody(body);
  Object.assign(record, changes);
  return record;
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'Request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function integer(name: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new HttpError(400, `${name} must be an integer`);
  return Number(value);
}
