import * as v from 'valibot';
import type { APIPromise } from './api-promise.js';
import { ConfigurationError, InvalidInputError } from './errors.js';
import type { HttpMethod } from './http.js';
import {
  cursorPagination,
  getPath,
  offsetPagination,
  type PaginationAdapter,
  type Paginator,
  pagePagination,
} from './pagination.js';
import { encodePathParam } from './path.js';
import type { ArrayFormat } from './query.js';
import type { AnySchema } from './validate.js';

/**
 * Endpoint rows (DESIGN §2): an endpoint is one row of plain data next to its schemas, and a resource
 * method is one typed line that runs it (`this._call(row, args, opts)`). Rows are exported so that
 * tools can read them (the generated `api.md` reference, and later a CLI or an MCP tool list).
 */

/** Which credential an endpoint takes. */
export type RouteAuth = 'key' | 'jwt' | 'either' | 'none';

/** A pagination style of a list row: how to find the items and ask for the next page. */
export interface PageStyle<Item extends AnySchema = AnySchema> {
  /** `cursor`, `offset` or `page`, for the reference. */
  readonly kind: 'cursor' | 'offset' | 'page';
  /** The schema of one item: the paginator's item type is its output. */
  readonly item: Item;
  /** Where the items are (dotted path; `.` for a bare array). */
  readonly items: string;
  /** One line for the reference, e.g. `cursor: next_cursor → ?cursor`. */
  readonly describe: string;
  /** The adapter the paginator runs. */
  readonly adapter: PaginationAdapter<unknown>;
  /**
   * The vendor does not document where the items are: a page without `items` takes its first array.
   * Otherwise (the default) a page without its documented items is a `ResponseValidationError`.
   */
  readonly firstArray?: boolean | undefined;
}

/** What a row may say about its endpoint (see DESIGN §2). Only `summary` is required. */
export interface RouteOptions {
  /** One line for the API reference. */
  readonly summary: string;
  /** Schema of the query object the caller passes; its output is sent. */
  readonly query?: AnySchema;
  /** Schema of the body the caller passes; its output is sent. */
  readonly body?: AnySchema;
  /** Schema of what the method resolves (after `envelope` and `pick`). Default: unknown. */
  readonly returns?: AnySchema;
  /** The body is `{ [envelope]: result }` (dotted path allowed). */
  readonly envelope?: string;
  /** The (unwrapped) body is a list used as a retrieve: resolve its first item, `NotFoundError` when empty. */
  readonly pick?: 'first';
  /** The positional id (`args.id`) goes into the body under this name, not into the path. */
  readonly bodyId?: string;
  /** A list: the pagination style, with the item schema. */
  readonly page?: PageStyle;
  /**
   * An idempotency key generated once per logical call and reused on every retry (the caller's
   * `idempotencyKey` option wins). `header`: sent in the vendor's idempotency header. `body`: read from
   * and written to this body field. `bodyAlias`: read from this body field when given, not written.
   */
  readonly idempotency?: { readonly header?: boolean; readonly body?: string; readonly bodyAlias?: string };
  /** Which credential: `key` (default), `jwt`, `either` (the key when present) or `none`. */
  readonly auth?: RouteAuth;
  /** A POST/PATCH the vendor documents as idempotent: retried like a GET. */
  readonly retrySafe?: boolean;
  /** Resolves `undefined` (200 with any body, or 204). */
  readonly empty?: boolean;
  /** A provisional endpoint (the vendor's error parser may add a hint to 404/405/501). */
  readonly experimental?: boolean;
  /** The body is sent as `multipart/form-data`. */
  readonly multipart?: boolean;
  /** Named rate-limit buckets this call draws from as well. */
  readonly buckets?: readonly string[];
  /** Path parameters that are credentials: shown as `{name}` in messages, logs and hooks. */
  readonly secret?: readonly string[];
  /** What a `secret` path parameter is shown as instead, when the vendor documents a mask (`[REDACTED]`). */
  readonly secretShownAs?: string;
  /** Static extra headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** How array query values are written. Default: the vendor's. */
  readonly arrayFormat?: ArrayFormat;
}

/** One endpoint: its method and path template plus its options. */
export type Route<S extends string = string, O extends RouteOptions = RouteOptions> = O & {
  /** HTTP method. */
  readonly method: HttpMethod;
  /** Path template, `{name}` for path parameters. */
  readonly path: string;
  /** The path parameters' names, in order. */
  readonly params: readonly string[];
  /** `METHOD /path`, as written. */
  readonly route: S;
  /** Whether the endpoint changes state (every method but GET, HEAD and OPTIONS). */
  readonly writes: boolean;
  /** @internal the schema the whole response body is checked against. */
  readonly responseSchema: AnySchema | undefined;
};

/** Any row. */
// biome-ignore lint/suspicious/noExplicitAny: rows of every shape are accepted
export type AnyRoute = Route<string, any>;

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** Names of `{param}`s in a path template. */
export type PathParams<P extends string> = P extends `${string}{${infer K}}${infer Rest}`
  ? K | PathParams<Rest>
  : never;

type Empty = Record<never, never>;

/** The arguments `_call` takes for a row: its path params, `id` for a body-id row, `query`, `body`. */
export type RouteArgs<R> = (R extends Route<infer S, infer _O>
  ? { [K in PathParams<S>]: string | number }
  : Empty) &
  (R extends { bodyId: string } ? { id: string | number } : Empty) &
  (R extends { query: infer Q extends AnySchema }
    ? { query?: v.InferInput<Q> | undefined }
    : { query?: Record<string, unknown> | undefined }) &
  (R extends { body: infer B extends AnySchema } ? { body: v.InferInput<B> } : { body?: unknown });

/** What `_call` returns for a row: a `Paginator` for lists, else an `APIPromise` of the result. */
export type RouteResult<R> = R extends { page: PageStyle<infer I> }
  ? Paginator<v.InferOutput<I>>
  : APIPromise<RouteData<R>>;

/** The resolved value of a non-list row. */
export type RouteData<R> = R extends { empty: true }
  ? undefined
  : R extends { returns: infer S extends AnySchema }
    ? v.InferOutput<S>
    : unknown;

function nest(dotted: string, inner: AnySchema): AnySchema {
  return dotted
    .split('.')
    .reverse()
    .reduce<AnySchema>((schema, key) => v.looseObject({ [key]: schema }) as AnySchema, inner);
}

/**
 * Declares an endpoint: `route('GET /v1/findings/{id}', { summary, returns: FindingSchema })`.
 * The method and path are checked once, here, so a typo fails at import rather than on a call.
 */
export function route<const S extends `${HttpMethod} /${string}`, const O extends RouteOptions>(
  spec: S,
  options: O,
): Route<S, O> {
  const space = spec.indexOf(' ');
  const method = spec.slice(0, space) as HttpMethod;
  const path = spec.slice(space + 1);
  if (!METHODS.has(method) || !path.startsWith('/')) {
    throw new ConfigurationError(`route(${JSON.stringify(spec)}): expected "METHOD /path".`);
  }
  if (options.page && options.pick) {
    throw new ConfigurationError(`route(${JSON.stringify(spec)}): a list row cannot also pick.`);
  }
  const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  if (options.bodyId && params.includes('id')) {
    // `args.id` is the body id: a path parameter of the same name would be filled with it too.
    throw new ConfigurationError(
      `route(${JSON.stringify(spec)}): a body-id row cannot also have an {id} path parameter; name it after what it is ({campaignId}).`,
    );
  }
  let responseSchema: AnySchema | undefined;
  if (!options.page && !options.empty) {
    let inner: AnySchema = options.returns ?? (v.unknown() as AnySchema);
    if (options.pick) inner = v.array(inner) as AnySchema;
    if (options.envelope) inner = nest(options.envelope, inner);
    responseSchema = options.returns || options.envelope || options.pick ? inner : undefined;
  }
  return {
    ...options,
    method,
    path,
    params,
    route: spec,
    writes: method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS',
    responseSchema,
  } as Route<S, O>;
}

/** The request a row and its arguments make, before anything is sent. */
export interface PreparedCall {
  path: string;
  displayPath: string;
  query: Record<string, unknown> | undefined;
  body: unknown;
  idempotencyKey: string | undefined;
  /** A POST/PATCH that may be sent again (documented idempotent, or carrying an idempotency key). */
  retryable: boolean;
}

const MAX_IDEMPOTENCY_KEY = 256;

function label(prefix: string, issue: v.BaseIssue<unknown>): string {
  let out = prefix;
  for (const item of issue.path ?? []) {
    const key = (item as { key?: unknown }).key;
    if (typeof key === 'number') out += `[${key}]`;
    else if (key !== undefined) out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/**
 * One readable line for an input issue, naming the parameter as the caller spelled it:
 * `perPage must be between 1 and 100; got 500.`, `body.reason is required.`
 */
export function describeInputIssue(prefix: string, fallback: string, issue: v.BaseIssue<unknown>): string {
  const name = label(prefix, issue) || fallback;
  if (issue.input === undefined && issue.kind === 'schema') return `${name} is required.`;
  if (issue.message.startsWith('Invalid ')) {
    return `${name} must be ${issue.expected ?? 'valid'}; got ${issue.received}.`;
  }
  return `${name} ${issue.message}`;
}

function checkInput(schema: AnySchema, value: unknown, prefix: string, fallback: string): unknown {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const [first] = result.issues;
  throw new InvalidInputError(describeInputIssue(prefix, fallback, first));
}

/** Checks an idempotency key (≤ 256 characters, not empty); `undefined` passes. `name` is for the message. */
export function checkIdempotencyKey(value: unknown, name: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_IDEMPOTENCY_KEY) {
    throw new InvalidInputError(
      `${name} must be a non-empty string of at most ${MAX_IDEMPOTENCY_KEY} characters; got ${
        typeof value === 'string' ? `${value.length} characters` : typeof value
      }.`,
    );
  }
}

/**
 * Checks a row's arguments and builds its request: input schemas, path parameters, body id and
 * idempotency key. Throws `InvalidInputError` (the caller turns it into a rejection), nothing sent.
 */
export function prepareCall(
  row: AnyRoute,
  args: Record<string, unknown>,
  idempotencyKeyOption: string | undefined,
): PreparedCall {
  let path = row.path;
  let displayPath = row.path;
  for (const name of row.params) {
    const encoded = encodePathParam(name, args[name]);
    path = path.replace(`{${name}}`, encoded);
    if (!row.secret?.includes(name)) displayPath = displayPath.replace(`{${name}}`, encoded);
    else if (row.secretShownAs !== undefined)
      displayPath = displayPath.replace(`{${name}}`, row.secretShownAs);
  }
  let query: Record<string, unknown> | undefined;
  if (row.query) {
    query = checkInput(row.query, args.query ?? {}, '', 'query') as Record<string, unknown>;
  } else if (args.query !== undefined) {
    query = args.query as Record<string, unknown>;
  }
  let body: unknown = args.body;
  if (row.body) body = checkInput(row.body, args.body, 'body', 'body');
  if (row.bodyId) {
    encodePathParam('id', args.id);
    body = { ...(body as Record<string, unknown> | undefined), [row.bodyId]: args.id };
  }
  let idempotencyKey: string | undefined;
  const idem = row.idempotency;
  if (idem) {
    const field = idem.body ?? idem.bodyAlias;
    const fromBody = field ? (body as Record<string, unknown> | undefined)?.[field] : undefined;
    checkIdempotencyKey(idempotencyKeyOption, 'opts.idempotencyKey');
    if (field) checkIdempotencyKey(fromBody, `body.${field}`);
    if (idempotencyKeyOption !== undefined && fromBody !== undefined && idempotencyKeyOption !== fromBody) {
      throw new InvalidInputError(
        `opts.idempotencyKey and body.${field} differ; pass the idempotency key in one place only.`,
      );
    }
    const key = idempotencyKeyOption ?? (fromBody as string | undefined) ?? globalThis.crypto.randomUUID();
    if (idem.body) body = { ...(body as Record<string, unknown> | undefined), [idem.body]: key };
    if (idem.header) idempotencyKey = key;
  } else if (idempotencyKeyOption !== undefined) {
    checkIdempotencyKey(idempotencyKeyOption, 'opts.idempotencyKey');
  }
  return {
    path,
    displayPath,
    query,
    body,
    idempotencyKey,
    retryable: row.retrySafe === true || idem !== undefined,
  };
}

/** Turns a body object into `multipart/form-data`: files as files, arrays repeated, objects as JSON. */
export function toFormData(body: unknown): FormData {
  if (body instanceof FormData) return body;
  const form = new FormData();
  const append = (key: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (value instanceof Blob) {
      const name = (value as Blob & { name?: unknown }).name;
      form.append(key, value, typeof name === 'string' && name ? name : 'blob');
    } else if (typeof value === 'object') form.append(key, JSON.stringify(value));
    else form.append(key, String(value));
  };
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(value)) for (const item of value) append(key, item);
    else append(key, value);
  }
  return form;
}

/** The credential a row needs, as the client holds it: resolved by the client, named in errors. */
export function credentialName(kind: RouteAuth): string {
  return kind === 'jwt'
    ? 'a login token (JWT)'
    : kind === 'either'
      ? 'the API key or a login token'
      : 'the API key';
}

// ---------------------------------------------------------------------------------------------
// Page styles
// ---------------------------------------------------------------------------------------------

function bool(body: unknown, dotted: string | undefined): boolean | undefined {
  if (!dotted) return undefined;
  const value = getPath(body, dotted);
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * A cursor in the body: next page = `?{param}=<cursor>`. Stops when the cursor is null, absent or
 * `""`, or when `hasMore` is `false`. Empty pages with a cursor are followed.
 */
export function cursor<const I extends AnySchema>(opts: {
  /** Where the items are (dotted; `.` for a bare array). */
  items: string;
  /** The item schema. */
  item: I;
  /** Where the next cursor is (dotted). Default `next_cursor`. */
  next?: string;
  /** The query parameter that carries it. Default `cursor`. */
  param?: string;
  /** A boolean (dotted) that says whether more pages exist. */
  hasMore?: string;
  /** Opt-in: when `items` is absent, take the first array-valued property of the page. */
  firstArray?: boolean;
}): PageStyle<I> {
  const next = opts.next ?? 'next_cursor';
  const param = opts.param ?? 'cursor';
  return {
    kind: 'cursor',
    item: opts.item,
    items: opts.items,
    firstArray: opts.firstArray,
    describe: `cursor: \`${next}\` → \`?${param}=\`${opts.hasMore ? `, until \`${opts.hasMore}\` is false` : ''}`,
    adapter: cursorPagination({
      items: opts.items,
      nextCursor: next,
      cursorParam: param,
      firstArray: opts.firstArray ?? false,
      hasMore: opts.hasMore ? (body: never) => bool(body, opts.hasMore) : undefined,
    }),
  };
}

/** Offset and limit: next offset = offset + items received; stops on an empty or short page, or at `total`. */
export function offset<const I extends AnySchema>(opts: {
  items: string;
  item: I;
  offsetParam?: string;
  limitParam?: string;
  /** The total count (dotted), when the body carries it. */
  total?: string;
  firstArray?: boolean;
}): PageStyle<I> {
  const offsetParam = opts.offsetParam ?? 'offset';
  return {
    kind: 'offset',
    item: opts.item,
    items: opts.items,
    firstArray: opts.firstArray,
    describe: `offset: \`?${offsetParam}=\` + items received`,
    adapter: offsetPagination({
      items: opts.items,
      offsetParam,
      limitParam: opts.limitParam ?? 'limit',
      firstArray: opts.firstArray ?? false,
      total: opts.total
        ? (body: never) => {
            const value = getPath(body, opts.total as string);
            return typeof value === 'number' ? value : undefined;
          }
        : undefined,
    }),
  };
}

/** Page number and size: stops at `totalPages`, when `hasMore` is false, or on an empty or short page. */
export function pageNumber<const I extends AnySchema>(opts: {
  items: string;
  item: I;
  pageParam?: string;
  perPageParam?: string;
  /** The page count (dotted). */
  totalPages?: string;
  /** A boolean (dotted) that says whether more pages exist. */
  hasMore?: string;
  /**
   * The total item count (dotted), for bodies like `{ items, total, page, limit }`: stops once
   * `pages × page size ≥ total` (page size from the query, else echoed in the body under `perPageParam`).
   */
  total?: string;
  /** The first page's number. Default 1. */
  first?: number;
  firstArray?: boolean;
}): PageStyle<I> {
  const pageParam = opts.pageParam ?? 'page';
  return {
    kind: 'page',
    item: opts.item,
    items: opts.items,
    firstArray: opts.firstArray,
    describe: `page: \`?${pageParam}=\` + 1${opts.totalPages ? ` until \`${opts.totalPages}\`` : opts.total ? ` until \`${opts.total}\` items` : ''}`,
    adapter: pagePagination({
      items: opts.items,
      pageParam,
      perPageParam: opts.perPageParam ?? 'perPage',
      firstPage: opts.first ?? 1,
      firstArray: opts.firstArray ?? false,
      totalPages: opts.totalPages
        ? (body: never) => {
            const value = getPath(body, opts.totalPages as string);
            return typeof value === 'number' ? value : undefined;
          }
        : undefined,
      hasMore: opts.hasMore ? (body: never) => bool(body, opts.hasMore) : undefined,
      total: opts.total
        ? (body: never) => {
            const value = getPath(body, opts.total as string);
            return typeof value === 'number' ? value : undefined;
          }
        : undefined,
    }),
  };
}

/**
 * Two page styles in one row, chosen per call by the caller's query: `whenPresent` when the query
 * carries `param` (e.g. the caller passed `offset`), `otherwise` else. For APIs that take either a
 * token or an offset on the same list. Both styles must read the same items with the same item schema.
 */
export function pageByQuery<const I extends AnySchema>(opts: {
  /** The query parameter whose presence selects `whenPresent`. */
  param: string;
  /** The style used when the caller's query has `param`. */
  whenPresent: PageStyle<I>;
  /** The style used otherwise. */
  otherwise: PageStyle<I>;
}): PageStyle<I> {
  const { param, whenPresent, otherwise } = opts;
  const pick = (query: Record<string, unknown>) => (query[param] !== undefined ? whenPresent : otherwise);
  return {
    kind: otherwise.kind,
    item: otherwise.item,
    items: otherwise.items,
    firstArray: otherwise.firstArray,
    describe: `${otherwise.describe}; with \`?${param}=\`: ${whenPresent.describe}`,
    adapter: {
      items: (body) => otherwise.adapter.items(body),
      next: (body, query, items) => pick(query).adapter.next(body, query, items),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Input schema helpers
// ---------------------------------------------------------------------------------------------

/** An integer within `min`–`max`, with messages in the form `must be between 1 and 100; got 500.` */
export function int(opts: { min?: number; max?: number } = {}) {
  const { min, max } = opts;
  const range =
    min !== undefined && max !== undefined
      ? `between ${min} and ${max}`
      : min !== undefined
        ? `at least ${min}`
        : max !== undefined
          ? `at most ${max}`
          : '';
  const typeMessage = (issue: v.BaseIssue<unknown>) =>
    `must be an integer${range ? ` ${range}` : ''}; got ${String(issue.input)}.`;
  const rangeMessage = (issue: v.BaseIssue<unknown>) => `must be ${range}; got ${String(issue.input)}.`;
  return v.pipe(
    v.number(typeMessage),
    v.integer(typeMessage),
    v.minValue(min ?? Number.NEGATIVE_INFINITY, rangeMessage),
    v.maxValue(max ?? Number.POSITIVE_INFINITY, rangeMessage),
  );
}

/** A list sent comma-joined (`a,b,c`): accepts an array or an already joined string. */
export function commaList<const I extends v.GenericSchema<string, string>>(item?: I) {
  const element = (item ?? v.string()) as v.GenericSchema<string, string>;
  return v.pipe(
    v.union([v.array(element), v.string()]),
    v.transform((value): string => (Array.isArray(value) ? value.join(',') : value)),
  );
}
