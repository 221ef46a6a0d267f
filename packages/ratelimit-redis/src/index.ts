/**
 * `@quiver/ratelimit-redis`: one rate-limit budget for every process that shares an API key, kept on a
 * Redis server (DESIGN §11). Pass the store as a client's `rateLimitStore`:
 *
 * ```ts
 * import { createClient } from 'redis';
 * import { createRedisStore } from '@quiver/ratelimit-redis';
 * import { PushSecurity } from '@quiver/push-security';
 *
 * const redis = await createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true }).connect();
 * const push = new PushSecurity({ rateLimitStore: createRedisStore({ sendCommand: (args) => redis.sendCommand(args) }) });
 * ```
 *
 * No Redis client is a dependency: the store sends its few commands through the user's client.
 * @module
 */
import type { RateLimitStore, StoreBucket, StoreReport, StoreRequest, StoreReservation } from '@quiver/core';

/**
 * Sends one Redis command and resolves its reply: node-redis `(args) => client.sendCommand(args)`,
 * ioredis `(args) => client.call(args[0], ...args.slice(1))`, Bun `(args) => redis.send(args[0], args.slice(1))`.
 * Rejects on a Redis error reply (the message starting with the error code, e.g. `NOSCRIPT …`).
 */
export type RedisSendCommand = (args: string[]) => Promise<unknown>;

/** Options of `createRedisStore`. */
export interface RedisStoreOptions {
  /** Sends one command through your Redis client (see `RedisSendCommand`). Required. */
  sendCommand: RedisSendCommand;
  /**
   * Prepended to every key the store writes, to keep several applications apart on one Redis.
   * Must not contain `{` or `}` (the store's own hash tag keeps one budget's keys in one Redis Cluster
   * slot). Default `'quiver:rl:'`.
   */
  prefix?: string | undefined;
}

// One Lua prelude for the three scripts: a bucket is a hash { t = tokens, a = the time they are valid
// at (ms, on the Redis server's clock; in the future while a server hold lasts) }. A missing key is a
// full bucket, so a key expires exactly when its bucket would be full again.
const PRELUDE = `
if redis.replicate_commands then redis.replicate_commands() end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local function num(x) return string.format('%.17g', x) end
local function load(key, rate, cap)
  local s = redis.call('HMGET', key, 't', 'a')
  local tokens, at = tonumber(s[1]), tonumber(s[2])
  if tokens == nil or at == nil then return cap, now end
  if now > at then
    if rate > 0 then tokens = math.min(cap, tokens + (now - at) * rate) else tokens = cap end
    at = now
  end
  return tokens, at
end
local function save(key, tokens, at, rate, cap)
  local ttl = at - now
  if rate > 0 then ttl = ttl + (cap - tokens) / rate end
  ttl = math.ceil(ttl)
  if ttl <= 0 then
    redis.call('DEL', key)
  else
    redis.call('HSET', key, 't', num(tokens), 'a', num(at))
    redis.call('PEXPIRE', key, ttl)
  end
end
`;

/** KEYS: hold, bucket… ARGV: cost, then per bucket its rate (tokens per ms, 0 = unlimited) and capacity. */
const RESERVE = `${PRELUDE}
local cost = tonumber(ARGV[1])
local wait = 0
for i = 2, #KEYS do
  local rate, cap = tonumber(ARGV[2 * i - 2]), tonumber(ARGV[2 * i - 1])
  local tokens, at = load(KEYS[i], rate, cap)
  tokens = tokens - cost
  local w = at - now
  if tokens < 0 and rate > 0 then w = w - tokens / rate end
  if w > wait then wait = w end
  save(KEYS[i], tokens, at, rate, cap)
end
local hold = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
local held = 0
if hold > now then
  held = 1
  if hold - now > wait then wait = hold - now end
end
return { math.ceil(wait), held }
`;

/** KEYS: bucket… ARGV: cost, then per bucket its rate and capacity. */
const REFUND = `${PRELUDE}
local cost = tonumber(ARGV[1])
for i = 1, #KEYS do
  local rate, cap = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  local tokens, at = load(KEYS[i], rate, cap)
  save(KEYS[i], math.min(cap, tokens + cost), at, rate, cap)
end
return 1
`;

/** KEYS: hold, main bucket. ARGV: hold ms ('' = none), remaining ('' = none), rate, capacity. */
const REPORT = `${PRELUDE}
local holdMs, remaining = tonumber(ARGV[1]), tonumber(ARGV[2])
local rate, cap = tonumber(ARGV[3]), tonumber(ARGV[4])
local tokens, at = load(KEYS[2], rate, cap)
if remaining ~= nil and remaining >= 0 and remaining < tokens then tokens = remaining end
if holdMs ~= nil and holdMs > 0 then
  local untilAt = now + holdMs
  -- The server's window restarts when the hold ends: the bucket is full then, minus what callers
  -- already queued. Added once per hold, however often it is reported or extended.
  if at <= now then tokens = math.min(tokens, 0) + cap end
  if untilAt > at then at = untilAt end
  local current = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
  if untilAt > current then redis.call('SET', KEYS[1], num(untilAt), 'PX', math.ceil(holdMs)) end
end
save(KEYS[2], tokens, at, rate, cap)
return 1
`;

class Script {
  readonly source: string;
  #sha: Promise<string> | undefined;
  constructor(source: string) {
    this.source = source;
  }
  /** The script's SHA-1, as `SCRIPT LOAD` would answer it, computed here (no round trip). */
  sha(): Promise<string> {
    this.#sha ??= crypto.subtle
      .digest('SHA-1', new TextEncoder().encode(this.source))
      .then((d) => Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, '0')).join(''));
    return this.#sha;
  }
}

const SCRIPTS = { reserve: new Script(RESERVE), refund: new Script(REFUND), report: new Script(REPORT) };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Rates cross to Lua as tokens per ms; an unlimited bucket (only server holds limit it) as `0`. */
function rateArg(bucket: StoreBucket): string {
  return Number.isFinite(bucket.perSecond) ? String(bucket.perSecond / 1000) : '0';
}

/**
 * A `RateLimitStore` on Redis: every process whose client uses it, on the same API key, draws from
 * one set of buckets. Each operation is one atomic Lua script (`EVALSHA`, then `EVAL` once when the
 * server answers `NOSCRIPT`), timed by the Redis server's clock (`TIME`) rather than the workers'.
 * Keys are `<prefix>{<digest>}:<bucket>` and `<prefix>{<digest>}:hold`, where the digest is the
 * SHA-256 the client derives from its API key (the key itself never reaches Redis) and the braces
 * are a Redis Cluster hash tag (one budget, one slot). A bucket's key expires once it would be full
 * again; a hold's key when the hold ends.
 *
 * Turn your client's offline queue off (node-redis `disableOfflineQueue: true`, ioredis
 * `enableOfflineQueue: false`): a store call that waits for a reconnect is abandoned after the
 * limiter's short timeout anyway, and the client falls back to its local bucket.
 *
 * @throws TypeError when `sendCommand` is not a function or `prefix` holds `{` or `}`.
 */
export function createRedisStore(options: RedisStoreOptions): RateLimitStore {
  const { sendCommand } = options ?? ({} as RedisStoreOptions);
  if (typeof sendCommand !== 'function') {
    throw new TypeError(
      'createRedisStore: sendCommand must be a function sending one command, e.g. (args) => client.sendCommand(args).',
    );
  }
  const prefix = options.prefix ?? 'quiver:rl:';
  if (typeof prefix !== 'string' || /[{}]/.test(prefix)) {
    throw new TypeError('createRedisStore: prefix must be a string without { or }.');
  }

  const send = async (args: string[]): Promise<unknown> => {
    const reply = await sendCommand(args);
    // Some clients hand error replies back as values instead of rejecting.
    if (reply instanceof Error) throw reply;
    return reply;
  };
  const run = async (script: Script, keys: string[], args: string[]): Promise<unknown> => {
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await send(['EVALSHA', await script.sha(), ...tail]);
    } catch (error) {
      if (!/NOSCRIPT/i.test(errorText(error))) throw error;
      // First use on this server (or after SCRIPT FLUSH / a failover): EVAL runs and caches it.
      return await send(['EVAL', script.source, ...tail]);
    }
  };
  const base = (scope: string) => `${prefix}{${scope}}:`;
  const bucketArgs = (buckets: readonly StoreBucket[]) =>
    buckets.flatMap((b) => [rateArg(b), String(b.capacity)]);

  return {
    async reserve({ scope, buckets, cost }: StoreRequest): Promise<StoreReservation> {
      const k = base(scope);
      const reply = await run(
        SCRIPTS.reserve,
        [`${k}hold`, ...buckets.map((b) => k + b.key)],
        [String(cost), ...bucketArgs(buckets)],
      );
      if (!Array.isArray(reply) || reply.length < 2) {
        throw new Error(`unexpected reply to the reserve script: ${typeof reply}`);
      }
      const wait = Number(reply[0]);
      if (!Number.isFinite(wait)) throw new Error('unexpected reply to the reserve script: no wait');
      return { wait: Math.max(0, wait), held: Number(reply[1]) === 1 };
    },
    async refund({ scope, buckets, cost }: StoreRequest): Promise<void> {
      const k = base(scope);
      await run(
        SCRIPTS.refund,
        buckets.map((b) => k + b.key),
        [String(cost), ...bucketArgs(buckets)],
      );
    },
    async report({ scope, bucket, holdMs, remaining }: StoreReport): Promise<void> {
      const k = base(scope);
      await run(
        SCRIPTS.report,
        [`${k}hold`, k + bucket.key],
        [
          holdMs !== undefined && holdMs > 0 && Number.isFinite(holdMs) ? String(Math.ceil(holdMs)) : '',
          remaining !== undefined && remaining >= 0 ? String(remaining) : '',
          ...bucketArgs([bucket]),
        ],
      );
    },
  };
}
