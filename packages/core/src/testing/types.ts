/**
 * Types shared by the fake-server kit's files (kept apart so no two runtime files import each other).
 *
 * @module @quiver/core/testing
 */

/** What a handler, a middleware or a fault answers. */
export interface FakeAnswer {
  /** HTTP status. */
  status: number;
  /** Sent as JSON (`content-type: application/json; charset=utf-8`). Leave out for an empty body. */
  body?: unknown;
  /** Extra response headers (lower-case names recommended). */
  headers?: Record<string, string>;
  /** Sent byte for byte instead of `body` (`content-type` from `headers`, default `text/plain`). */
  raw?: string | Buffer;
}

/** A file part of a `multipart/form-data` request body. */
export interface FakeFile {
  /** The file name the client sent (`filename=` of the part). */
  filename: string;
  /** The part's `content-type` (default `application/octet-stream`). */
  type: string;
  /** Size in bytes. */
  size: number;
  /** The bytes. */
  data: Buffer;
}

/** A request as a route handler or a middleware sees it. */
export interface FakeHandlerRequest {
  /** HTTP method, upper-case. */
  method: string;
  /** Path without the query string, e.g. `/v1/things/t_1` (percent-encoding kept). */
  path: string;
  /** The route's `:name` parameters, percent-decoded (empty in a middleware). */
  params: Record<string, string>;
  /** The query string. */
  query: URLSearchParams;
  /** Request headers, lower-case names; a repeated header is joined with `, `. Credentials included. */
  headers: Record<string, string>;
  /**
   * The body: parsed JSON; `{ fields, files }` for `multipart/form-data`; the raw text when it is not
   * JSON (check `typeof req.body === 'string'` to answer a 400 for bad JSON); `undefined` when empty.
   */
  body: unknown;
  /** The body's bytes as received. */
  rawBody: Buffer;
  /** The idempotency header (`idempotency-key` unless configured), when sent. */
  idempotencyKey: string | undefined;
}

/** One request the fake received, as `server.requests` records it. Credentials are never recorded. */
export interface FakeRequest {
  /** HTTP method, upper-case. */
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query parameters; a repeated parameter becomes an array. */
  query: Record<string, string | string[]>;
  /** Request headers, lower-case, without `authorization`, `x-api-key`, `cookie` and the configured credential headers. */
  headers: Record<string, string>;
  /** The body as the handler saw it (parsed JSON, `{ fields, files }`, raw text, or `undefined`). */
  body: unknown;
  /** The idempotency header, when sent. */
  idempotencyKey: string | undefined;
  /** What the server's `describeAuth` said of the credential (e.g. `valid`, `missing`); never the credential. */
  auth?: string;
  /** The status answered; `0` while in flight and for a `reset` fault (no answer). */
  status: number;
  /** Whether a fault changed the answer (any kind but a bare `delayMs`). */
  faulted: boolean;
  /** Arrival time, ms since the epoch (`Date.now()`). */
  at: number;
}

/**
 * A scripted misbehaviour for the next matching request(s). Faults apply in the order added; the first
 * that matches and has uses left applies to a request.
 */
export interface FakeFault {
  /** Only this method (case-insensitive). Default: any. */
  method?: string;
  /** Only this path (exact, without the query string) or paths matching the RegExp. Default: any. */
  path?: string | RegExp;
  /** Matching requests to let through untouched first. Default `0`. */
  skip?: number;
  /** How many matching requests it applies to. Default `1`; `Infinity` for all. */
  times?: number;
  /**
   * Answer with this status instead of the fake (the request has no effect on the fake's state). The
   * body is `body`, else the server's `errorBody(status, <status text>)`.
   */
  status?: number;
  /** Body of the fault's answer (JSON; a string is sent as `text/plain`). Alone: a 200 with it. */
  body?: unknown;
  /** Response headers: of the fault's answer, or (alone) added to the fake's own answer. */
  headers?: Record<string, string>;
  /** Wait this long (ms) before handling. Alone: a slow but correct answer. */
  delayMs?: number;
  /** Send the status and headers, then hold the body this long (ms) before sending it. */
  stallMs?: number;
  /** Destroy the socket without an answer: a network error for the client. */
  reset?: boolean;
  /** Answer an HTML error page (as a proxy would) with `status`, default `502`. */
  html?: boolean;
  /** Answer `status` (default `200`) with `content-type: application/json` and a body that is not JSON. */
  malformedJson?: boolean;
  /** Schema drift: handle the request normally, then send `drift(body)` instead of the JSON body. */
  drift?: (body: unknown) => unknown;
}
