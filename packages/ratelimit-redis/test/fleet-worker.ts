/**
 * One worker of the fleet tests: its own process (child_process.fork of this file, bundled by the
 * test), its own Redis connection and its own client on the shared key. The parent drives it with
 * messages and gets one answer per message.
 */
import { bearerAuth, type ClientOptions, QuiverClient, RateLimitError } from '@quiver/core';
import { createRedisStore } from '../src/index.js';
import { connectRedis } from './redis.js';

interface Setup {
  baseURL: string;
  apiKey: string;
  redisPort: number | undefined;
  /** The limit (per second, and the bucket). Default 10, Push Security's. */
  rate?: number;
}

/** The smallest vendor client: Push Security's published limit, 10/s with a bucket of 10. */
class FleetClient extends QuiverClient {
  constructor(options: ClientOptions & { apiKey: string; baseURL: string; rate: number }) {
    super(options, {
      name: 'Fleet',
      sdk: 'quiver-fleet-test',
      version: '0.0.0',
      baseURL: options.baseURL,
      auth: bearerAuth(options.apiKey),
      rateLimit: { perSecond: options.rate, burst: options.rate },
    });
  }
}

type Command = { cmd: 'run'; calls: number; concurrency: number } | { cmd: 'call'; path: string };

const setup = JSON.parse(process.argv[2] ?? '{}') as Setup;
const redis = setup.redisPort === undefined ? undefined : connectRedis(setup.redisPort);
const warnings: string[] = [];
const client = new FleetClient({
  apiKey: setup.apiKey,
  baseURL: setup.baseURL,
  rate: setup.rate ?? 10,
  maxRetries: 0,
  logger: { error() {}, warn: (m: string) => warnings.push(m), info() {}, debug() {} },
  rateLimitStore: redis ? createRedisStore({ sendCommand: (args) => redis.sendCommand(args) }) : undefined,
});

async function one(path: string) {
  const started = Date.now();
  try {
    await client.request({ method: 'GET', path });
    return { ok: true, status: 200, elapsed: Date.now() - started };
  } catch (error) {
    const status = (error as { status?: number }).status;
    return {
      ok: false,
      status,
      rateLimited: error instanceof RateLimitError,
      retryAfter: error instanceof RateLimitError ? error.retryAfter : undefined,
      message: (error as Error).message,
      elapsed: Date.now() - started,
    };
  }
}

process.on('message', async (message: Command) => {
  if (message.cmd === 'call') {
    process.send?.({ ...(await one(message.path)), warnings });
    return;
  }
  const results: Awaited<ReturnType<typeof one>>[] = [];
  let left = message.calls;
  await Promise.all(
    Array.from({ length: message.concurrency }, async () => {
      while (left > 0) {
        left -= 1;
        results.push(await one('/v1/items'));
      }
    }),
  );
  process.send?.({
    ok: results.filter((r) => r.ok).length,
    status429: results.filter((r) => r.status === 429).length,
    failed: results.filter((r) => !r.ok).map((r) => r.message),
    warnings,
  });
});
process.on('disconnect', () => {
  redis?.close();
  process.exit(0);
});
process.send?.({ ready: true });
