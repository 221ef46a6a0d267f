/**
 * Test support: a real `redis-server` on a free loopback port (persistence off), and a minimal RESP2
 * client standing in for the user's Redis client (the package depends on none).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function hasRedisServer(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the Redis tests run. Without the binary they are skipped with a printed notice, except
 * under `CI=true`, where a missing `redis-server` fails the suite (`.ci/run` installs it).
 */
export const REDIS_AVAILABLE = hasRedisServer();
if (!REDIS_AVAILABLE) {
  if (process.env.CI === 'true') {
    throw new Error(
      'redis-server is not installed, and CI=true: the Redis tests must run (apt-get install redis-server).',
    );
  }
  console.warn(
    "[@quiver/ratelimit-redis] redis-server not found: the Redis tests are skipped (install Debian's redis-server to run them).",
  );
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RedisServer {
  port: number;
  url: string;
  /** Stops the server (SIGKILL when `hard`: Redis "going away" without a goodbye). */
  stop(hard?: boolean): Promise<void>;
}

/** Starts `redis-server` on a free loopback port, no RDB/AOF, its own temp dir; resolves once it answers PING. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'quiver-redis-'));
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = connectRedis(port);
    try {
      if ((await client.sendCommand(['PING'])) === 'PONG') break;
    } catch {
      // not listening yet
    } finally {
      client.close();
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  let stopped = false;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop(hard = false) {
      if (stopped) return;
      stopped = true;
      child.kill(hard ? 'SIGKILL' : 'SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Reply = string | number | null | Error | Reply[];

/** Parses one RESP2 reply from `buf` at `at`; `undefined` when it is not complete yet. */
function parse(buf: Buffer, at: number): { value: Reply; end: number } | undefined {
  const lineEnd = buf.indexOf('\r\n', at);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buf[at] ?? 0);
  const line = buf.toString('utf8', at + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case '+':
      return { value: line, end: next };
    case '-':
      return { value: new Error(line), end: next };
    case ':':
      return { value: Number(line), end: next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, end: next };
      if (buf.length < next + length + 2) return undefined;
      return { value: buf.toString('utf8', next, next + length), end: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, end: next };
      const items: Reply[] = [];
      let end = next;
      for (let i = 0; i < count; i++) {
        const item = parse(buf, end);
        if (!item) return undefined;
        items.push(item.value);
        end = item.end;
      }
      return { value: items, end };
    }
    default:
      throw new Error(`unexpected RESP type ${JSON.stringify(type)}`);
  }
}

export interface MiniRedis {
  /** Like node-redis `client.sendCommand(args)`: resolves the reply, rejects on an error reply or a lost connection. */
  sendCommand(args: string[]): Promise<unknown>;
  /** Commands sent so far (for tests that look at what reached Redis). */
  readonly sent: string[][];
  close(): void;
}

/**
 * A minimal Redis client with no offline queue: a command on a closed connection reconnects once and
 * fails at once when nothing listens, as node-redis does with `disableOfflineQueue: true`.
 */
export function connectRedis(port: number): MiniRedis {
  let socket: Socket | undefined;
  let buffer: Buffer = Buffer.alloc(0);
  let pending: { resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  const sent: string[][] = [];
  let closed = false;

  const fail = (error: Error) => {
    const waiting = pending;
    pending = [];
    for (const p of waiting) p.reject(error);
  };
  const open = (): Socket => {
    const s = createConnection({ port, host: '127.0.0.1' });
    s.setNoDelay(true);
    s.on('data', (chunk: Buffer) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        const reply = parse(buffer, 0);
        if (!reply) break;
        buffer = buffer.subarray(reply.end);
        const waiter = pending.shift();
        if (!waiter) continue;
        if (reply.value instanceof Error) waiter.reject(reply.value);
        else waiter.resolve(reply.value);
      }
    });
    s.on('error', (error) => fail(error));
    s.on('close', () => {
      if (socket === s) socket = undefined;
      buffer = Buffer.alloc(0);
      fail(new Error('connection closed'));
    });
    return s;
  };

  return {
    sent,
    sendCommand(args) {
      if (closed) return Promise.reject(new Error('client closed'));
      sent.push(args);
      socket ??= open();
      let frame = `*${args.length}\r\n`;
      for (const arg of args) frame += `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`;
      return new Promise((resolve, reject) => {
        pending.push({ resolve, reject });
        socket?.write(frame);
      });
    },
    close() {
      closed = true;
      socket?.destroy();
      socket = undefined;
    },
  };
}
