/**
 * The fake server: start/stop on loopback, a router with middleware, the fault model and the request
 * recorder that every vendor's fake is built on.
 *
 * @module @quiver/core/testing
 */
import { Buffer } from 'node:buffer';
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError } from './errors.js';
import { randomId } from './ids.js';
import type { FakeAnswer, FakeFault, FakeFile, FakeHandlerRequest, FakeRequest } from './types.js';

/** A route handler: answers a request (`undefined` answers an empty 204). May throw `HttpError`. */
export type FakeHandler = (
  req: FakeHandlerRequest,
) => FakeAnswer | undefined | Promise<FakeAnswer | undefined>;

/** A middleware, run before routing in the order added: return an answer to stop there. */
export type FakeMiddleware = (
  req: FakeHandlerRequest,
) => FakeAnswer | undefined | Promise<FakeAnswer | undefined>;

/** Options of {@link startFakeServer}. */
export interface FakeServerOptions {
  /** The vendor's name, used in messages (e.g. `'Pwnbook'`). */
  name: string;
  /** Port on `127.0.0.1`. Default `0`: a free port. */
  port?: number;
  /**
   * Request headers that carry credentials and are never recorded (matched case-insensitively).
   * `authorization`, `proxy-authorization`, `x-api-key` and `cookie` are always left out.
   */
  credentialHeaders?: string[];
  /** The vendor's error envelope. Default `(status, message) => ({ error: message })`. */
  errorBody?: (status: number, message: string) => unknown;
  /** The request header read into `idempotencyKey`. Default `idempotency-key`. */
  idempotencyHeader?: string;
  /** Response headers that carry a fresh request id on every answer. Default `['x-request-id']`. */
  requestIdHeaders?: string[];
  /** Makes a request id. Default `randomId('req_')`. */
  requestId?: () => string;
  /**
   * Answers a request no route matched. `allowedMethods` lists the methods of routes whose path
   * matched. Default: 405 (with `allow`) when some did, else 404, both with `errorBody`.
   */
  unmatched?: (req: FakeHandlerRequest, allowedMethods: string[]) => FakeAnswer;
  /** Sets the recorded request's `auth` (e.g. `'valid' | 'invalid' | 'missing'`), never the credential itself. */
  describeAuth?: (req: FakeHandlerRequest) => string | undefined;
  /** Faults armed from the start. */
  faults?: FakeFault[];
}

/** A running fake server (see {@link startFakeServer}). */
export interface FakeServer {
  /** The `name` option. */
  readonly name: string;
  /** Base URL, `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  /** Every request received, in arrival order (credentials removed). Emptied by `reset()`. */
  readonly requests: FakeRequest[];
  /** Adds a route: `path` is exact but for `:name` segments, which match one segment into `req.params`. */
  route(method: string, path: string, handler: FakeHandler): FakeServer;
  /** Adds a middleware, run before routing (after faults) in the order added. */
  use(middleware: FakeMiddleware): FakeServer;
  /** Arms a fault; it applies after those already armed (see {@link FakeFault}). */
  fault(fault: FakeFault): void;
  /** Disarms every fault. */
  clearFaults(): void;
  /** Forgets recorded requests and faults. */
  reset(): void;
  /** Stops listening and drops open connections (stalled and delayed answers included). */
  close(): Promise<void>;
}

interface Route {
  method: string;
  segments: string[];
  handler: FakeHandler;
}

const ALWAYS_SECRET = ['authorization', 'proxy-authorization', 'x-api-key', 'cookie'];

/** What an HTML error page from a proxy looks like. */
function htmlPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>\n`;
}

/** A body that starts like JSON and stops: what a truncated upstream answer looks like. */
const MALFORMED_JSON = '{"data": [{"id": "rec_1", "name": "trunc';

function flattenHeaders(raw: IncomingMessage['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of params) {
    const seen = out[name];
    out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parseBody(raw: Buffer, contentType: string): Promise<unknown> {
  if (raw.length === 0) return undefined;
  if (/^multipart\/form-data/i.test(contentType)) {
    try {
      const form = await new Response(new Uint8Array(raw), {
        headers: { 'content-type': contentType },
      }).formData();
      const fields: Record<string, string | string[]> = {};
      const files: Record<string, FakeFile | FakeFile[]> = {};
      for (const [name, value] of form) {
        if (typeof value === 'string') {
          const seen = fields[name];
          fields[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
        } else {
          const file: FakeFile = {
            filename: value.name,
            type: value.type || 'application/octet-stream',
            size: value.size,
            data: Buffer.from(await value.arrayBuffer()),
          };
          const seen = files[name];
          files[name] = seen === undefined ? file : Array.isArray(seen) ? [...seen, file] : [seen, file];
        }
      }
      return { fields, files };
    } catch {
      return raw.toString('utf8');
    }
  }
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function pathMatches(fault: FakeFault, method: string, path: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false;
  if (fault.path === undefined) return true;
  return typeof fault.path === 'string' ? fault.path === path : fault.path.test(path);
}

function matchRoute(route: Route, segments: string[]): Record<string, string> | undefined {
  if (route.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const want = route.segments[i]!;
    const got = segments[i]!;
    if (want.startsWith(':')) {
      if (got === '') return undefined;
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        params[want.slice(1)] = got;
      }
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

class Server implements FakeServer {
  readonly name: string;
  url = '';
  readonly requests: FakeRequest[] = [];

  readonly #options: FakeServerOptions;
  readonly #secret: Set<string>;
  readonly #routes: Route[] = [];
  readonly #middleware: FakeMiddleware[] = [];
  #faults: Array<{ fault: FakeFault; seen: number; used: number }> = [];
  readonly #waits = new Map<ReturnType<typeof setTimeout>, () => void>();
  readonly #http = createServer((req, res) => {
    this.#handle(req, res).catch((cause: unknown) => {
      // A bug in a fake must show up as a 500, not as a hung request.
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(this.#errorBody(500, `fake ${this.name} server error: ${String(cause)}`)));
      }
    });
  });
  #closed = false;

  constructor(options: FakeServerOptions) {
    this.name = options.name;
    this.#options = options;
    this.#secret = new Set([
      ...ALWAYS_SECRET,
      ...(options.credentialHeaders ?? []).map((h) => h.toLowerCase()),
    ]);
    for (const fault of options.faults ?? []) this.fault(fault);
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#http.once('error', reject);
      this.#http.listen(this.#options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = this.#http.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  route(method: string, path: string, handler: FakeHandler): FakeServer {
    this.#routes.push({ method: method.toUpperCase(), segments: path.split('/'), handler });
    return this;
  }

  use(middleware: FakeMiddleware): FakeServer {
    this.#middleware.push(middleware);
    return this;
  }

  fault(fault: FakeFault): void {
    this.#faults.push({ fault, seen: 0, used: 0 });
  }

  clearFaults(): void {
    this.#faults = [];
  }

  reset(): void {
    this.requests.length = 0;
    this.clearFaults();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const [timer, wake] of this.#waits) {
      clearTimeout(timer);
      wake();
    }
    this.#waits.clear();
    await new Promise<void>((resolve) => {
      this.#http.close(() => resolve());
      this.#http.closeAllConnections();
    });
  }

  #errorBody(status: number, message: string): unknown {
    return this.#options.errorBody ? this.#options.errorBody(status, message) : { error: message };
  }

  /** A timer that `close()` ends early. */
  #wait(ms: number): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waits.delete(timer);
        resolve();
      }, ms);
      this.#waits.set(timer, resolve);
    });
  }

  #takeFault(method: string, path: string): FakeFault | undefined {
    for (const entry of this.#faults) {
      if (!pathMatches(entry.fault, method, path)) continue;
      entry.seen += 1;
      if (entry.seen <= (entry.fault.skip ?? 0)) continue;
      if (entry.used >= (entry.fault.times ?? 1)) continue;
      entry.used += 1;
      return entry.fault;
    }
    return undefined;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const rawBody = await readBody(req);
    const headers = flattenHeaders(req.headers);
    const body = await parseBody(rawBody, headers['content-type'] ?? '');
    const idempotencyKey = req.headers[(this.#options.idempotencyHeader ?? 'idempotency-key').toLowerCase()];
    const request: FakeHandlerRequest = {
      method,
      path: url.pathname,
      params: {},
      query: url.searchParams,
      headers,
      body,
      rawBody,
      idempotencyKey: Array.isArray(idempotencyKey) ? idempotencyKey[0] : idempotencyKey,
    };
    const record: FakeRequest = {
      method,
      path: url.pathname,
      query: queryRecord(url.searchParams),
      headers: Object.fromEntries(Object.entries(headers).filter(([name]) => !this.#secret.has(name))),
      body,
      idempotencyKey: request.idempotencyKey,
      status: 0,
      faulted: false,
      at,
    };
    const auth = this.#options.describeAuth?.(request);
    if (auth !== undefined) record.auth = auth;
    this.requests.push(record);

    const fault = this.#takeFault(method, url.pathname);
    if (fault?.delayMs) await this.#wait(fault.delayMs);
    if (fault?.reset) {
      record.faulted = true;
      // A TCP reset where Node offers one: the client sees a network error, never an answer.
      if (typeof req.socket.resetAndDestroy === 'function') req.socket.resetAndDestroy();
      else req.socket.destroy();
      return;
    }
    let answer: FakeAnswer;
    if (
      fault &&
      (fault.status !== undefined || fault.body !== undefined || fault.html || fault.malformedJson)
    ) {
      record.faulted = true;
      answer = this.#faultAnswer(fault);
    } else {
      answer = await this.#dispatch(request);
      if (fault?.drift && answer.body !== undefined && answer.raw === undefined) {
        record.faulted = true;
        answer = { ...answer, body: fault.drift(answer.body) };
      }
      if (fault?.headers) {
        record.faulted = true;
        answer = { ...answer, headers: { ...answer.headers, ...fault.headers } };
      }
    }
    if (fault?.stallMs) record.faulted = true;
    record.status = answer.status;
    await this.#send(res, answer, fault?.stallMs ?? 0);
  }

  #faultAnswer(fault: FakeFault): FakeAnswer {
    const headers = { ...fault.headers };
    if (fault.html) {
      const status = fault.status ?? 502;
      return {
        status,
        raw: htmlPage(status),
        headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
      };
    }
    if (fault.malformedJson) {
      return {
        status: fault.status ?? 200,
        raw: MALFORMED_JSON,
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      };
    }
    const status = fault.status ?? 200;
    if (typeof fault.body === 'string') {
      return {
        status,
        raw: fault.body,
        headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
      };
    }
    if (fault.body !== undefined) return { status, body: fault.body, headers };
    if (status < 400) return { status, headers };
    return { status, body: this.#errorBody(status, STATUS_CODES[status] ?? 'Error'), headers };
  }

  async #dispatch(request: FakeHandlerRequest): Promise<FakeAnswer> {
    try {
      for (const middleware of this.#middleware) {
        const answer = await middleware(request);
        if (answer) return answer;
      }
      const segments = request.path.split('/');
      const allowed: string[] = [];
      for (const route of this.#routes) {
        const params = matchRoute(route, segments);
        if (!params) continue;
        if (route.method !== request.method) {
          if (!allowed.includes(route.method)) allowed.push(route.method);
          continue;
        }
        return (await route.handler({ ...request, params })) ?? { status: 204 };
      }
      if (this.#options.unmatched) return this.#options.unmatched(request, allowed);
      if (allowed.length > 0) {
        return {
          status: 405,
          body: this.#errorBody(405, `${request.method} is not allowed on ${request.path}`),
          headers: { allow: allowed.join(', ') },
        };
      }
      return { status: 404, body: this.#errorBody(404, `no route for ${request.method} ${request.path}`) };
    } catch (error) {
      if (error instanceof HttpError) {
        return {
          status: error.status,
          body: this.#errorBody(error.status, error.message),
          headers: error.headers,
        };
      }
      const message = error instanceof Error ? error.message : String(error);
      return { status: 500, body: this.#errorBody(500, `fake ${this.name} server error: ${message}`) };
    }
  }

  async #send(res: ServerResponse, answer: FakeAnswer, stallMs: number): Promise<void> {
    if (res.destroyed) return;
    const headers: Record<string, string> = {};
    const id = (this.#options.requestId ?? (() => randomId('req_')))();
    for (const name of this.#options.requestIdHeaders ?? ['x-request-id']) headers[name] = id;
    Object.assign(headers, answer.headers);
    let payload: string | Buffer | undefined;
    if (answer.raw !== undefined) {
      payload = answer.raw;
      if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'text/plain; charset=utf-8';
    } else if (answer.body !== undefined && answer.status !== 204 && answer.status !== 304) {
      payload = JSON.stringify(answer.body);
      if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json; charset=utf-8';
    }
    res.writeHead(answer.status, headers);
    if (stallMs > 0) {
      // Headers now, the body later: the client's body read (not its header wait) is what stalls.
      res.flushHeaders();
      await this.#wait(stallMs);
      if (res.destroyed) return;
    }
    res.end(payload);
  }
}

/**
 * Starts a fake HTTP server on `127.0.0.1` (a free port unless `port` is given), for a vendor fake to
 * add its routes to.
 *
 * ```ts
 * const server = await startFakeServer({
 *   name: 'Pwnbook',
 *   credentialHeaders: ['authorization'],
 *   errorBody: (status, message) => ({ error: { message, statusCode: status } }),
 * });
 * server.route('GET', '/api/v1/engagements/:id', (req) => ({ status: 200, body: { data: { id: req.params.id } } }));
 * server.fault({ path: '/api/v1/engagements/e_1', status: 503, times: 2 });
 * // … then: await server.close();
 * ```
 */
export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
  const server = new Server(options);
  await server.listen();
  return server;
}
