import { Buffer } from 'node:buffer';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDefaultSeed, type FakePushSecurityData, type FakeRecord } from './seed.js';
import { ServerTokenBucket } from './token-bucket.js';

/** The API keys the fake accepts, by level (vendors/push.md §2: `Read only` = GET only). */
export interface FakeApiKeys {
  /** `Full access` keys: every method. */
  full: string[];
  /** `Read only` keys: GET only; any other method gets a 403 `{"message":"Forbidden"}`. */
  readOnly: string[];
}

/**
 * A scripted answer for the next matching request(s): an error, a delay, a 429 on demand or a dropped
 * connection. Faults are checked before the rate limit, authentication and routing.
 */
export interface FakeFault {
  /** Only requests with this method (case-insensitive). Default: any method. */
  method?: string;
  /** Only this path (exact, without the query string, e.g. `/v1/findings`) or paths matching the RegExp. Default: any. */
  path?: string | RegExp;
  /** Answer with this status. Without it (and without `networkError`) the request is handled normally after `delayMs`. */
  status?: number;
  /** JSON body of the faulty answer. Default `{ "message": <status text> }`; a string is sent as text. */
  body?: unknown;
  /** Extra response headers (e.g. `{ 'retry-after': '1' }`). */
  headers?: Record<string, string>;
  /** Wait this long (ms) before answering. Default `0`. */
  delayMs?: number;
  /** Drop the connection without an answer (a network error for the client). Default `false`. */
  networkError?: boolean;
  /** How many matching requests the fault applies to. Default `1`; `Infinity` for all of them. */
  times?: number;
}

/** One request the fake received, as recorded in `fake.requests` (the API key itself is never recorded). */
export interface FakeRequest {
  /** The HTTP method, upper-case. */
  method: string;
  /** The path without the query string, e.g. `/v1/apps/5f0c…`. */
  path: string;
  /** Query parameters; a repeated key gives an array. */
  query: Record<string, string | string[]>;
  /** Request headers, lower-case, without `x-api-key`. */
  headers: Record<string, string>;
  /** The parsed JSON body (`undefined` when there was none). */
  body: unknown;
  /** Which kind of key was sent: `full`, `readOnly`, `invalid` (unknown key) or `missing`. */
  auth: 'full' | 'readOnly' | 'invalid' | 'missing';
  /** The status the fake answered (`0` for a dropped connection). */
  status: number;
  /** `performance.now()` when the request arrived (ms), for throughput checks. */
  receivedAt: number;
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
  /** Faults armed from the start (see {@link FakeFault}). Default none. */
  faults?: FakeFault[];
  /**
   * The server limit, per API key: refill `perSecond`, plus `burst` extra tokens (bucket capacity
   * `perSecond + burst`). Default `{ perSecond: 10, burst: 10 }` (vendors/push.md §3); `false` disables it.
   */
  rateLimit?:
    | {
        /** Tokens refilled per second, per key. Default `10`. */
        perSecond?: number;
        /** Extra tokens on top of `perSecond` (bucket capacity `perSecond + burst`). Default `10`. */
        burst?: number;
      }
    | false;
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
  /** Every request received, in arrival order. */
  readonly requests: FakeRequest[];
  /** Arms a fault for the next matching request(s). */
  inject(fault: FakeFault): void;
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

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// API Gateway answers this for a missing key and for an unknown route alike (vendors/push.md §2).
const MISSING_TOKEN = 'Missing Authentication Token';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

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
  const defaultLimit = options.defaultLimit ?? 100;
  const maxLimit = options.maxLimit ?? 1000;

  const state = {
    data: copySeed(options.seed),
    requests: [] as FakeRequest[],
    faults: [...(options.faults ?? [])].map((f) => ({ ...f, left: f.times ?? 1 })),
    buckets: new Map<string, ServerTokenBucket>(),
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the fake must show up as a 500, not as a hung request.
      if (!res.headersSent) send(res, { status: 500, body: { message: String(error) } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const query = parseQuery(url.searchParams);
    const rawBody = await readBody(req);
    const key = header(req, 'x-api-key');
    const auth: FakeRequest['auth'] =
      key === undefined
        ? 'missing'
        : apiKeys.full.includes(key)
          ? 'full'
          : apiKeys.readOnly.includes(key)
            ? 'readOnly'
            : 'invalid';
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name === 'x-api-key' || value === undefined) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    let body: unknown;
    let bodyError = false;
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = rawBody;
        bodyError = true;
      }
    }
    const record: FakeRequest = {
      method,
      path: url.pathname,
      query,
      headers,
      body,
      auth,
      status: 0,
      receivedAt,
    };
    state.requests.push(record);

    const fault = takeFault(method, url.pathname);
    if (fault) {
      if (fault.delayMs) await sleep(fault.delayMs);
      if (fault.networkError) {
        req.socket.destroy();
        return;
      }
      if (fault.status !== undefined) {
        record.status = fault.status;
        send(res, {
          status: fault.status,
          body: fault.body ?? { message: STATUS_TEXT[fault.status] ?? 'Error' },
          headers: fault.headers,
        });
        return;
      }
    }

    const answer = route();
    record.status = answer.status;
    send(res, answer);

    function route(): Answer {
      // Throttling comes first, per key ("per user", vendors/push.md §3), like API Gateway usage plans.
      if (rate) {
        const bucketKey = key ?? '';
        let bucket = state.buckets.get(bucketKey);
        if (!bucket) {
          bucket = new ServerTokenBucket(rate.perSecond, rate.perSecond + rate.burst, receivedAt);
          state.buckets.set(bucketKey, bucket);
        }
        if (!bucket.take(receivedAt)) return { status: 429, body: { message: 'Too Many Requests' } };
      }
      if (auth === 'missing' || auth === 'invalid') return { status: 403, body: { message: MISSING_TOKEN } };
      if (auth === 'readOnly' && method !== 'GET') return { status: 403, body: { message: 'Forbidden' } };
      if (bodyError) return { status: 400, body: { message: 'Request body is not valid JSON' } };
      try {
        return dispatch(method, url.pathname, query, body);
      } catch (error) {
        if (error instanceof HttpError) return { status: error.status, body: { message: error.message } };
        throw error;
      }
    }
  }

  function takeFault(method: string, path: string): FakeFault | undefined {
    const index = state.faults.findIndex(
      (f) =>
        (f.method === undefined || f.method.toUpperCase() === method) &&
        (f.path === undefined || (typeof f.path === 'string' ? f.path === path : f.path.test(path))),
    );
    if (index < 0) return undefined;
    const fault = state.faults[index]!;
    fault.left -= 1;
    if (fault.left <= 0) state.faults.splice(index, 1);
    return fault;
  }

  function dispatch(
    method: string,
    pathname: string,
    query: Record<string, string | string[]>,
    body: unknown,
  ): Answer {
    const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (segments[0] !== 'v1') throw new HttpError(403, MISSING_TOKEN);
    const [, resource, id, sub] = segments;
    const data = state.data;
    const ok = (value: unknown): Answer => ({ status: 200, body: value });
    const noContent: Answer = { status: 204 };
    const key = `${method} ${resource ?? ''}${id === undefined ? '' : '/:id'}${sub === undefined ? '' : `/${sub}`}`;
    if (segments.length > 4) throw new HttpError(403, MISSING_TOKEN);

    switch (key) {
      case 'GET accounts':
        return ok(list('accounts', data.accounts, query));
      case 'GET accounts/:id':
        return ok(find(data.accounts, id!));
      case 'DELETE accounts/:id':
        remove(data.accounts, id!);
        return noContent;
      case 'GET apps':
        return ok(list('apps', data.apps, query));
      case 'PATCH apps/:id':
        return ok(updateApp(find(data.apps, id!), body));
      case 'GET browsers':
        return ok(list('browsers', data.browsers, query));
      case 'GET browserExtensions':
        return ok(list('browserExtensions', data.browserExtensions, query));
      case 'GET detections':
        return ok(list('detections', data.detections, query, withEmployee));
      case 'GET detections/:id':
        return ok(withEmployee(find(data.detections, id!)));
      case 'PATCH detections/:id':
        return ok(withEmployee(patch(find(data.detections, id!), body)));
      case 'GET employees':
        return ok(list('employees', data.employees, query));
      case 'PATCH employees/:id':
        return ok(patch(find(data.employees, id!), body));
      case 'POST employees/:id/merge':
        mergeEmployees(find(data.employees, id!), body);
        return noContent;
      case 'DELETE employees/:id/groups':
        removeGroups(find(data.employees, id!), body);
        return noContent;
      case 'GET findings':
        return ok(list('findings', data.findings, query, withEmployee));
      case 'GET findings/:id':
        return ok(withEmployee(find(data.findings, id!)));
      default:
        // API Gateway has no 404/405 for routes: unknown method+path is the same 403 (vendors/push.md §2).
        throw new HttpError(403, MISSING_TOKEN);
    }
  }

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
    // The real body is undocumented (vendors/push.md §8.9); the fake takes `{ employeeId }` = the
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
    // Undocumented body (vendors/push.md §8.9); the fake takes `{ groups: string[] }`, or no body = all.
    const input = body === undefined ? {} : objectBody(body);
    if (input.groups === undefined) {
      employee.groups = [];
      return;
    }
    if (!Array.isArray(input.groups)) throw new HttpError(400, 'groups must be an array of group names');
    const drop = new Set(asStrings(input.groups));
    employee.groups = asStrings(employee.groups).filter((g) => !drop.has(g));
  }

  function list(
    resource: string,
    items: FakeRecord[],
    query: Record<string, string | string[]>,
    present: (r: FakeRecord) => FakeRecord = (r) => r,
  ): { result: FakeRecord[]; paging: { moreResults: boolean; nextToken?: string } } {
    const nextToken = single(query.nextToken);
    const offsetParam = single(query.offset);
    if (nextToken !== undefined && offsetParam !== undefined) {
      throw new HttpError(400, 'nextToken cannot be combined with offset');
    }
    const limit = query.limit === undefined ? defaultLimit : integer('limit', single(query.limit)!);
    if (limit < 1 || limit > maxLimit) throw new HttpError(400, `limit must be between 1 and ${maxLimit}`);
    let start = 0;
    if (offsetParam !== undefined) {
      start = integer('offset', offsetParam);
      if (start < 0) throw new HttpError(400, 'offset must not be negative');
    }
    if (nextToken !== undefined) start = decodeToken(resource, nextToken);

    const matching = filter(items, query);
    const end = start + limit;
    const moreResults = end < matching.length;
    return {
      result: matching.slice(start, end).map(present),
      paging: moreResults ? { moreResults, nextToken: encodeToken(resource, end) } : { moreResults },
    };
  }

  const fake: FakePushSecurity = {
    url: '',
    apiKeys,
    get data() {
      return state.data;
    },
    get requests() {
      return state.requests;
    },
    inject(fault) {
      state.faults.push({ ...fault, left: fault.times ?? 1 });
    },
    clearFaults() {
      state.faults.length = 0;
    },
    reset() {
      state.data = copySeed(options.seed);
      state.requests = [];
      state.faults = [];
      state.buckets.clear();
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  Object.defineProperty(fake, 'url', { value: `http://127.0.0.1:${port}`, enumerable: true });
  return fake;
}

function filter(items: FakeRecord[], query: Record<string, string | string[]>): FakeRecord[] {
  // Filters the fake does not know (no record has that field) are ignored rather than refused, since
  // the official filter lists are mostly unknown (vendors/push.md §11 gap 4).
  const known = new Set(items.flatMap((r) => Object.keys(r)));
  const tests: Array<(r: FakeRecord) => boolean> = [];
  for (const [name, raw] of Object.entries(query)) {
    if (PAGING_PARAMS.has(name)) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(','));
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
      // "partial values allowed" (vendors/push.md §7.1)
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

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function integer(name: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new HttpError(400, `${name} must be an integer`);
  return Number(value);
}

function encodeToken(resource: string, offset: number): string {
  return Buffer.from(JSON.stringify({ r: resource, o: offset })).toString('base64url');
}

function decodeToken(resource: string, token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      r?: unknown;
      o?: unknown;
    };
    if (parsed.r === resource && typeof parsed.o === 'number' && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through to the 400
  }
  throw new HttpError(400, 'Invalid nextToken');
}

function parseQuery(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of params) {
    const seen = out[name];
    out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

let requestCounter = 0;

function send(res: ServerResponse, answer: Answer): void {
  requestCounter += 1;
  const requestId = `fake-${process.pid}-${requestCounter}`;
  const headers: Record<string, string> = {
    // API Gateway's own id header, and the generic one core reads into `requestId`.
    'x-amzn-requestid': requestId,
    'x-request-id': requestId,
    ...answer.headers,
  };
  if (answer.status === 204 || answer.body === undefined) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json',
    ...headers,
  });
  res.end(text);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
