import {
  bearerAuth,
  type ClientOptions,
  ConfigurationError,
  QuiverClient,
  type RateLimitOptions,
  readEnv,
  resolveApiKey,
} from '@quiver/core';
import { parsePuckError } from './errors.js';
import { Agents } from './resources/agents.js';
import { Curiosity } from './resources/curiosity.js';
import { Findings } from './resources/findings.js';
import { Graph } from './resources/graph.js';
import { Investigations } from './resources/investigations.js';
import { Webhooks } from './resources/webhooks.js';
import { VERSION } from './version.js';

/** Puck's public API host (Puck's API overview). Self-hosted brains have their own: pass `baseURL`. */
export const DEFAULT_BASE_URL = 'https://api.puck.security';

/** Published per-minute limits by tier (Puck's API reference, Rate limits). */
export const TIER_LIMITS = {
  free: { calls: 60, investigations: 2 },
  pro: { calls: 600, investigations: 20 },
} as const;

/** A published Puck tier. Enterprise limits are custom: pass `rateLimit` instead. */
export type PuckTier = keyof typeof TIER_LIMITS;

/** Options of the `Puck` client: every core option, plus `tier`. */
export interface PuckOptions extends ClientOptions {
  /** API key (`pck_live_…` or `pck_test_…`). Default: `PUCK_API_KEY`. */
  apiKey?: string | undefined;
  /**
   * Your brain's URL: the brain is single-tenant, often self-hosted (Puck's deployment docs), so this
   * is the normal case. Default: `PUCK_BASE_URL`, then `https://api.puck.security`. A pasted `/v1`
   * suffix is ignored (the paths already carry it).
   */
  baseURL?: string | undefined;
  /**
   * Which published limits the client-side limiter keeps to: `'free'` (60 calls and 2 investigation
   * triggers a minute) or `'pro'` (600 and 20). Default `'free'`. Ignored when `rateLimit` is given
   * (Enterprise: pass your own numbers, or `false`).
   */
  tier?: PuckTier | undefined;
}

/**
 * The limiter of a tier: a calls bucket for every request, and an `investigations` bucket that
 * triggers draw from as well. Whether triggers also count as calls is undocumented; drawing from
 * both is the choice that can never exceed either limit.
 */
export function tierRateLimit(tier: PuckTier): RateLimitOptions {
  const limits = TIER_LIMITS[tier];
  if (!limits) {
    throw new ConfigurationError(
      `Puck: tier must be 'free' or 'pro'; got ${String(tier)}. For Enterprise pass rateLimit.`,
    );
  }
  return { perMinute: limits.calls, buckets: { investigations: { perMinute: limits.investigations } } };
}

/**
 * The Puck client (Enterprise brain API). `new Puck()` reads `PUCK_API_KEY` and `PUCK_BASE_URL`.
 *
 * ```ts
 * const puck = new Puck({ baseURL: 'https://brain.acme.example', tier: 'pro' });
 * const run = await puck.investigations.createAndWait({ query: 'find unapproved AI tools' });
 * ```
 */
export class Puck extends QuiverClient {
  /** `'live'` or `'test'`, from the key's prefix (`pck_live_` / `pck_test_`). */
  readonly mode: 'live' | 'test';
  /** Trigger, follow, list and cancel investigations; `investigations.report` for reports. */
  readonly investigations: Investigations;
  /** List and dismiss findings. */
  readonly findings: Findings;
  /** The blast-radius graph: `graph.subgraph`, `graph.path`. */
  readonly graph: Graph;
  /** The agent fleet and each agent's configuration record. */
  readonly agents: Agents;
  /** Standing questions that re-run on a schedule. */
  readonly curiosity: Curiosity;
  /** Subscriptions, deliveries, inbound endpoints, and `unwrap` to verify deliveries. */
  readonly webhooks: Webhooks;

  /** @throws ConfigurationError without a key, with a malformed key, or with a bad `baseURL`/`tier`. */
  constructor(options: PuckOptions = {}) {
    const apiKey = resolveApiKey({
      vendor: 'Puck',
      option: options.apiKey,
      env: 'PUCK_API_KEY',
      pattern: /^pck_(live|test)_./,
      expected: 'a key starting with pck_live_ or pck_test_',
    });
    super(options, {
      name: 'Puck',
      sdk: 'quiver-puck',
      version: VERSION,
      baseURL: options.baseURL ?? readEnv('PUCK_BASE_URL') ?? DEFAULT_BASE_URL,
      versionSuffix: /\/v1$/i,
      auth: bearerAuth(apiKey),
      parseError: parsePuckError,
      rateLimit: tierRateLimit(options.tier ?? 'free'),
      idempotencyHeader: 'Idempotency-Key',
    });
    this.mode = apiKey.startsWith('pck_test_') ? 'test' : 'live';
    this.investigations = new Investigations(this);
    this.findings = new Findings(this);
    this.graph = new Graph(this);
    this.agents = new Agents(this);
    this.curiosity = new Curiosity(this);
    this.webhooks = new Webhooks(this);
  }
}
