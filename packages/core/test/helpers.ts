import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import { bearerAuth, type ClientOptions, QuiverClient, type VendorDefinition } from '../src/index.js';

export const SECRET = 'tst_live_s3cr3t_DO_NOT_PRINT_4f9a';
export const BASE = 'https://api.test.example';

/** A minimal vendor client, as a vendor package would write one. */
export class TestClient extends QuiverClient {
  constructor(options: ClientOptions = {}, vendor: Partial<VendorDefinition> = {}) {
    super(options, {
      name: 'Test',
      sdk: 'quiver-test',
      version: '1.2.3',
      baseURL: options.baseURL ?? BASE,
      auth: bearerAuth(options.apiKey ?? SECRET),
      // Millisecond backoff keeps retry tests fast; the policy itself is tested in retry.test.ts.
      retry: { baseDelay: 1, maxDelay: 4 },
      parseError: ({ body }) => {
        const error = (body as { error?: unknown } | undefined)?.error;
        return typeof error === 'string'
          ? { message: error, code: /^[a-z_]+$/.test(error) ? error : undefined }
          : undefined;
      },
      ...vendor,
    });
  }
}

export const ItemSchema = v.looseObject({ id: v.string(), name: v.optional(v.string()) });

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

/** A real loopback HTTP server, for timing and fault tests. */
export async function startServer(handler: Handler) {
  const requests: {
    method: string;
    url: string;
    headers: IncomingMessage['headers'];
    body: string;
    /** When the request arrived (ms since epoch). */
    at: number;
  }[] = [];
  const arrivals = new WeakMap<IncomingMessage, number>();
  const server = createServer((req, res) => {
    arrivals.set(req, Date.now());
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        at: arrivals.get(req) ?? Date.now(),
      });
      Promise.resolve(handler(req, res, body)).catch((error) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Collects log lines. */
export function memoryLogger() {
  const lines: string[] = [];
  const push =
    (level: string) =>
    (msg: string, ...args: unknown[]) =>
      lines.push(`${level} ${msg} ${args.map((a) => JSON.stringify(a)).join(' ')}`);
  return {
    lines,
    logger: { error: push('error'), warn: push('warn'), info: push('info'), debug: push('debug') },
  };
}

/** `.catch(caught)`: the rejection, typed loosely so a test can read any error class's fields. */
// biome-ignore lint/suspicious/noExplicitAny: tests inspect the fields of whichever error class arrived
export const caught = (error: unknown): any => error;
export type Caught = ReturnType<typeof caught>;
