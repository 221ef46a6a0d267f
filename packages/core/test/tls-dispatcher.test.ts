import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIConnectionError } from '../src/index.js';
import { caught, TestClient } from './helpers.js';

// The README recipe for a self-hosted API behind an internal certificate authority: the client's
// `fetch` option with an undici dispatcher that trusts the CA. The fixtures are a test-only CA and a
// server certificate for localhost/127.0.0.1 (test/fixtures/tls), valid for a century.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/tls/${name}`, import.meta.url));

let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const server = createServer({ key: fixture('server.key'), cert: fixture('server.pem') }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://localhost:${(server.address() as AddressInfo).port}`;
  close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
});
afterAll(() => close());

describe('a self-hosted API behind an internal CA', () => {
  it('fails with APIConnectionError when the CA is not trusted', async () => {
    const client = new TestClient({ baseURL: url, maxRetries: 0 });
    const error = caught(await client.request({ method: 'GET', path: '/health' }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(APIConnectionError);
  });

  it('works through the fetch option with an undici dispatcher that trusts the CA', async () => {
    const dispatcher = new Agent({ connect: { ca: fixture('ca.pem') } });
    const client = new TestClient({
      baseURL: url,
      fetch: (input, init) => fetch(input, { ...init, dispatcher } as RequestInit),
    });
    expect(await client.request({ method: 'GET', path: '/health' })).toEqual({ ok: true });
    await dispatcher.close();
  });
});
