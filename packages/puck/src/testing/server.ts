import {
  cursorPage,
  type FakeAnswer,
  type FakeFault,
  type FakeHandlerRequest,
  type FakeRequest,
  type FakeServer,
  HttpError,
  IdempotencyStore,
  randomId,
  sendWebhook,
  startFakeServer,
} from '@quiver/core/testing';
import { generatePuckSignatureHeader, type PuckEventType } from '../webhooks.js';
import {
  ALL_SCOPES,
  agentConfig,
  defaultAgents,
  defaultGraph,
  type FakeRecord,
  type FakeScope,
  findingsFor,
} from './fixtures.js';
import { buildPuckEvent, type FakePuckEvent, isoSeconds } from './sign.js';

// =============================================================================================
// Public types
// =============================================================================================

/** The default API key of a fake started without `apiKeys`: every scope, `pro` tier. */
export const FAKE_PUCK_API_KEY = 'pck_test_fake_0000000000000000';

/** Per-minute limits of the fake's tiers (Puck's API docs, “Rate limits”). */
export const FAKE_TIER_LIMITS = {
  free: { calls: 60, investigations: 2 },
  pro: { calls: 600, investigations: 20 },
  unlimited: { calls: Number.POSITIVE_INFINITY, investigations: Number.POSITIVE_INFINITY },
} as const;

/** A key's tier: a published one, `unlimited`, or custom per-minute numbers. */
export type FakeTier =
  | keyof typeof FAKE_TIER_LIMITS
  | {
      /** API calls allowed per minute (Puck's API docs, “Rate limits”). */
      calls: number;
      /** Investigation triggers allowed per minute (Puck's API docs, “Rate limits”). */
      investigations: number;
    };

/** What an API key of the fake may do. */
export interface FakeApiKey {
  /** Scopes granted; `['*']` for all. Default: all. A key with `[]` authenticates but gets 403 everywhere. */
  scopes?: FakeScope[];
  /** Rate-limit tier. Default `'pro'` (600 calls and 20 triggers a minute). */
  tier?: FakeTier;
}

/** How investigations advance. */
export interface FakeLifecycleOptions {
  /**
   * Milliseconds spent in each non-terminal state. Default `1000`. `0` finishes at once; `Infinity`
   * never advances on its own (drive it with `fake.setInvestigationStatus`).
   */
  stepMs?: number;
  /** The non-terminal states, in order. Default: `pending, queued, exploring, compiling, executing, analyzing`. */
  states?: string[];
  /**
   * The terminal status reached after the last state. Default `'complete'` (the concept page's spelling;
   * the Reports page says `completed`, where Puck's API docs are silent or disagree). A function decides per investigation.
   */
  finalStatus?: string | ((investigation: FakeInvestigation) => string);
}

export type { FakeFault, FakeRequest };

/** Options of `startFakePuck`. */
export interface FakePuckOptions {
  /**
   * Accepted keys: key → options (or the list of scopes). Default: `{ [FAKE_PUCK_API_KEY]: {} }`. Keys
   * must start with `pck_live_` or `pck_test_` (other prefixes get 401, like the real brain).
   */
  apiKeys?: Record<string, FakeApiKey | FakeScope[]>;
  /** Investigation lifecycle timing. */
  lifecycle?: FakeLifecycleOptions;
  /** Faults armed from the start (more with `fake.fault`): the kit's fault model, see `FakeFault`. */
  faults?: FakeFault[];
  /** Port on 127.0.0.1. Default `0` (a free port). */
  port?: number;
  /** Seed data; each list replaces the default fixture. */
  seed?: {
    /** Agents served by `GET /v1/agents`. Default: three agents, one per documented profile. */
    agents?: FakeRecord[];
    /** Findings served by `GET /v1/findings`. Default: none (completed investigations add some). */
    findings?: FakeRecord[];
    /** Curiosity items served by `GET /v1/curiosity`. Default: none. */
    curiosity?: FakeRecord[];
    /** The knowledge graph served by the graph endpoints. Default: a five-node sample chain. */
    graph?: {
      /** Graph nodes (Puck's API docs, “Graph model”), e.g. `{ id, kind: 'endpoint', label }`. */
      nodes: FakeRecord[];
      /** Graph edges (Puck's API docs, “Graph model”), e.g. `{ id, from, to, type: 'spawned', confidence }`. */
      edges: FakeRecord[];
    };
  };
  /** Timeout of one webhook delivery attempt in ms. Default `5_000`. */
  deliveryTimeoutMs?: number;
  /**
   * Secret that deliveries to a trigger's one-off `webhook_url` are signed with (the docs name no
   * secret for it; the fake signs like its other deliveries). Default: a new `whsec_…`, see
   * `fake.webhookUrlSecret`.
   */
  webhookUrlSecret?: string;
  /**
   * The clock investigations advance by, in ms since the epoch. Default `Date.now`. A test that moves
   * it by hand sees every lifecycle state deterministically, however loaded the machine.
   */
  clock?: () => number;
}

/** An investigation of the fake, as `fake.investigations` shows it. */
export interface FakeInvestigation {
  /** Investigation id, `inv_…`. */
  id: string;
  /**
   * Lifecycle status: one of `lifecycle.states`, then the final status (`complete` by default), or
   * whatever `fake.setInvestigationStatus` pinned (Puck's API docs, “`POST /v1/investigations` — submit an investigation”, "Lifecycle").
   */
  status: string;
  /** The natural-language question, as sent. */
  query: string;
  /** `quick` | `standard` | `deep` as sent. Default `standard` (Puck's API docs, “`POST /v1/investigations` — submit an investigation”). */
  depth: string;
  /** `auto` | `cached` | `live` as sent. Default `auto` (Puck's API docs, “`POST /v1/investigations` — submit an investigation”). */
  mode: string;
  /** The target selector as sent. Default `{ type: 'fleet' }`. */
  scope: unknown;
  /** The agent ids sent with the trigger, if any (Puck's API docs, “`POST /v1/investigations` — submit an investigation”). */
  agent_ids: string[] | undefined;
  /** Creation time, ISO-8601 UTC to the second. */
  created_at: string;
  /** Time of the last status change, ISO-8601 UTC to the second. */
  updated_at: string;
  /** `high` once it reaches `complete`/`completed` (the top severity of the findings the fake adds); otherwise `null`. */
  severity: string | null;
  /** The idempotency key it was created with. */
  idempotencyKey: string | undefined;
  /** How it was created: `api` or `inbound:<provider>`. */
  source: string;
}

/** A webhook delivery attempt made by the fake. */
export interface FakeDelivery {
  /** Delivery id, `dlv_…`; sent as `X-Puck-Delivery-Id` (Puck's API docs, “Delivery envelope and headers”). */
  id: string;
  /** The subscription it was made for (`sub_manual` for `fake.deliverWebhooks`). */
  subscription_id: string;
  /** The delivered event's `event_id`. */
  event_id: string;
  /** The delivered event's `event_type`. */
  event_type: string;
  /** Where it was POSTed. */
  url: string;
  /** `pending`, `delivered` (2xx) or `failed_permanent` (anything else, or a refused non-loopback URL). */
  status: 'pending' | 'delivered' | 'failed_permanent';
  /** The receiver's HTTP status; `null` while pending or when no response came. */
  response_status: number | null;
  /** Why the attempt failed without a response (network error, timeout, non-loopback URL); else `null`. */
  error: string | null;
  /** When the attempt started, ISO-8601 UTC to the second. */
  attempted_at: string;
}

/** A webhook subscription of the fake (with its secret). */
export interface FakeSubscription {
  /** Subscription id, `sub_…`. */
  id: string;
  /** Where deliveries are POSTed. The fake delivers to loopback URLs only. */
  url: string;
  /** Event types delivered; `'*'` matches every type (Puck's API docs, “`POST /v1/webhooks/subscriptions`”). */
  events: string[];
  /** Delivery filters, evaluated before a delivery is made (Puck's API docs, “`POST /v1/webhooks/subscriptions`”). */
  filters: {
    /** Deliver only events at or above this severity; events without a severity always pass. */
    min_severity?: string;
    /** Tags every event must carry; stored but not evaluated by the fake. */
    tags?: Record<string, string>;
  };
  /** Whether deliveries are made; inactive subscriptions receive nothing. */
  active: boolean;
  /** The signing secret (`whsec_…`) deliveries are signed with (Puck's API docs, “Signature scheme”). */
  secret: string;
  /** Creation time, ISO-8601 UTC to the second. */
  created_at: string;
  /** Time of the last update, ISO-8601 UTC to the second. */
  updated_at: string;
}

// =============================================================================================
// Internals
// =============================================================================================

type FakeResponse = FakeAnswer;
type RequestContext = FakeHandlerRequest;

interface KeyState {
  scopes: Set<string>;
  limits: { calls: number; investigations: number };
  windowStart: number;
  calls: number;
  investigations: number;
}

interface InvestigationState {
  record: FakeInvestigation;
  createdAtMs: number;
  pinned: boolean;
  finalized: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  report: FakeRecord | undefined;
  body: Record<string, unknown>;
}

const DEFAULT_STATES = ['pending', 'queued', 'exploring', 'compiling', 'executing', 'analyzing'];
const TERMINAL = new Set(['complete', 'completed', 'failed', 'cancelled']);
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const DURATION = /^\d+(s|m|h|d)$/;
const WINDOW_MS = 60_000;

function error(
  status: number,
  message: string,
  issues?: Array<{ path: string; message: string }>,
): FakeResponse {
  return { status, body: issues ? { error: message, issues } : { error: message } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// =============================================================================================
// The fake
// =============================================================================================

/**
 * An in-process fake of the Puck brain API on loopback (`node:http`, 127.0.0.1). It checks keys and
 * scopes, advances investigations through their lifecycle over time, paginates with `next_cursor`,
 * replays idempotent triggers, enforces tier limits with 429 + `Retry-After`, answers 409 for reports
 * of unfinished investigations, and signs webhook deliveries to subscribed loopback URLs. Everything
 * it receives is recorded for assertions. Start it with `startFakePuck()`.
 */
export class FakePuck {
  /** Every event emitted (delivered or not), in order. */
  readonly events: FakePuckEvent[] = [];
  /** Every webhook delivery attempt, in order. */
  readonly deliveries: FakeDelivery[] = [];
  /** The secret deliveries to a trigger's one-off `webhook_url` are signed with (`X-Puck-Signature`). */
  readonly webhookUrlSecret: string;

  readonly #server: FakeServer;
  readonly #options: FakePuckOptions;
  readonly #keys = new Map<string, KeyState>();
  readonly #lifecycle: Required<Omit<FakeLifecycleOptions, 'finalStatus'>> & {
    finalStatus: FakeLifecycleOptions['finalStatus'];
  };
  readonly #now: () => number;
  readonly #deliveryTimeoutMs: number;
  readonly #investigations = new Map<string, InvestigationState>();
  // Puck's API docs, “Idempotency”: a key is remembered for 24 hours.
  readonly #idempotency: IdempotencyStore;
  readonly #findings = new Map<string, FakeRecord>();
  #agents: FakeRecord[] = [];
  #graph: { nodes: FakeRecord[]; edges: FakeRecord[] } = { nodes: [], edges: [] };
  readonly #curiosity = new Map<string, FakeRecord>();
  readonly #subscriptions = new Map<string, FakeSubscription>();
  readonly #endpoints = new Map<string, FakeRecord & { key: string }>();
  readonly #pending = new Set<Promise<unknown>>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #counter = 0;
  #closed = false;

  /** @internal use `startFakePuck()`. */
  constructor(
    server: FakeServer,
    options: FakePuckOptions,
    auth: { describe(header: string | undefined): string },
  ) {
    this.#server = server;
    auth.describe = (header) => (this.#authenticate(header) ? 'valid' : header ? 'invalid' : 'missing');
    this.#options = options;
    this.#lifecycle = {
      stepMs: options.lifecycle?.stepMs ?? 1000,
      states: options.lifecycle?.states ?? DEFAULT_STATES,
      finalStatus: options.lifecycle?.finalStatus,
    };
    this.#now = options.clock ?? Date.now;
    this.#idempotency = new IdempotencyStore({ now: this.#now });
    this.#deliveryTimeoutMs = options.deliveryTimeoutMs ?? 5_000;
    this.webhookUrlSecret = options.webhookUrlSecret ?? `whsec_${randomId('', 32)}`;
    this.#seed();
    this.#routes();
  }

  // ------------------------------------------------------------------------------------------
  // Inspection and control
  // ------------------------------------------------------------------------------------------

  /** Base URL to pass to `new Puck({ baseURL })`, e.g. `http://127.0.0.1:53211`. */
  get url(): string {
    return this.#server.url;
  }

  /** Every request received, in order (the `Authorization` header is never recorded). */
  get requests(): FakeRequest[] {
    return this.#server.requests;
  }

  /** Investigations created so far (statuses brought up to date), oldest first. */
  get investigations(): FakeInvestigation[] {
    return [...this.#investigations.values()].map((state) => ({ ...this.#refresh(state).record }));
  }

  /** Findings (seeded and discovered), newest first. */
  get findings(): FakeRecord[] {
    return this.#sortedFindings().map((f) => ({ ...f }));
  }

  /** Webhook subscriptions, with their secrets. */
  get subscriptions(): FakeSubscription[] {
    return [...this.#subscriptions.values()].map((s) => ({ ...s }));
  }

  /** Inbound endpoints, with their URL keys. */
  get inboundEndpoints(): Array<FakeRecord & { key: string }> {
    return [...this.#endpoints.values()].map((e) => ({ ...e }));
  }

  /** Arms a fault for the next matching request(s), after those already armed (see `FakeFault`). */
  fault(fault: FakeFault): void {
    this.#server.fault(fault);
  }

  /** Disarms every fault. */
  clearFaults(): void {
    this.#server.clearFaults();
  }

  /**
   * Back to the start: forgets requests, faults, investigations, events, deliveries, subscriptions,
   * inbound endpoints, idempotency keys and rate-limit windows, and restores the seed and the keys.
   */
  reset(): void {
    this.#server.reset();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const state of this.#investigations.values()) if (state.timer) clearTimeout(state.timer);
    this.#investigations.clear();
    this.#idempotency.clear();
    this.#subscriptions.clear();
    this.#endpoints.clear();
    this.events.length = 0;
    this.deliveries.length = 0;
    this.#seed();
  }

  /** Adds (or replaces) an API key. */
  addApiKey(key: string, options: FakeApiKey | FakeScope[] = {}): void {
    this.#addKey(key, Array.isArray(options) ? { scopes: options } : options);
  }

  /**
   * Creates a subscription directly (as if through the API) and returns it with its `secret`: the
   * quickest way to point deliveries at your receiver. `events` default: every event type.
   */
  subscribe(params: {
    url: string;
    events?: string[];
    filters?: FakeSubscription['filters'];
    secret?: string;
  }): FakeSubscription {
    const now = isoSeconds();
    const subscription: FakeSubscription = {
      id: randomId('sub_'),
      url: params.url,
      events: params.events ?? ['*'],
      filters: params.filters ?? {},
      active: true,
      secret: params.secret ?? `whsec_${crypto.randomUUID().replace(/-/g, '')}`,
      created_at: now,
      updated_at: now,
    };
    this.#subscriptions.set(subscription.id, subscription);
    return { ...subscription };
  }

  /**
   * Emits an event to every matching active subscription (signed, like the real brain) and resolves
   * when those deliveries finished.
   */
  async emit(eventType: PuckEventType, data: Record<string, unknown>): Promise<FakeDelivery[]> {
    return this.#emit(eventType, data);
  }

  /**
   * Sends every event emitted so far to `url` (signed with `secret`), whatever the subscriptions say.
   * Resolves with the delivery records.
   */
  async deliverWebhooks(url: string, secret: string): Promise<FakeDelivery[]> {
    const subscription = this.#oneOff(url, 'manual', secret);
    return Promise.all(this.events.map((event) => this.#deliver(subscription, event)));
  }

  /** A subscription-shaped target for deliveries outside any subscription (`sub_<name>`). */
  #oneOff(url: string, name: string, secret = this.webhookUrlSecret): FakeSubscription {
    const now = isoSeconds();
    return {
      id: `sub_${name}`,
      url,
      events: ['*'],
      filters: {},
      active: true,
      secret,
      created_at: now,
      updated_at: now,
    };
  }

  /**
   * Pins an investigation's status (it stops advancing on its own). A terminal status finishes it:
   * report, findings and `investigation.completed` for `complete`/`completed`.
   */
  setInvestigationStatus(id: string, status: string): FakeInvestigation {
    const state = this.#investigations.get(id);
    if (!state) throw new Error(`FakePuck: no investigation ${id}`);
    state.pinned = true;
    state.record.status = status;
    state.record.updated_at = isoSeconds();
    if (TERMINAL.has(status)) this.#finalize(state);
    return { ...state.record };
  }

  /** Resolves when every webhook delivery in flight has finished. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  /** Stops the server, timers and in-flight deliveries' bookkeeping. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    for (const state of this.#investigations.values()) if (state.timer) clearTimeout(state.timer);
    await this.idle();
    await this.#server.close();
  }

  // ------------------------------------------------------------------------------------------
  // Keys, scopes and limits
  // ------------------------------------------------------------------------------------------

  #seed(): void {
    const options = this.#options;
    this.#keys.clear();
    const keys = options.apiKeys ?? { [FAKE_PUCK_API_KEY]: {} };
    for (const [key, value] of Object.entries(keys))
      this.#addKey(key, Array.isArray(value) ? { scopes: value } : value);
    this.#agents = structuredClone(options.seed?.agents ?? defaultAgents());
    this.#graph = structuredClone(options.seed?.graph ?? defaultGraph());
    this.#findings.clear();
    this.#curiosity.clear();
    for (const finding of structuredClone(options.seed?.findings ?? []))
      this.#findings.set(finding.id, finding);
    for (const item of structuredClone(options.seed?.curiosity ?? [])) this.#curiosity.set(item.id, item);
  }

  #addKey(key: string, options: FakeApiKey): void {
    const tier = options.tier ?? 'pro';
    const limits = typeof tier === 'string' ? FAKE_TIER_LIMITS[tier] : tier;
    this.#keys.set(key, {
      scopes: new Set(options.scopes ?? ['*']),
      limits: { ...limits },
      windowStart: 0,
      calls: 0,
      investigations: 0,
    });
  }

  #authenticate(header: string | undefined): KeyState | undefined {
    const match = /^Bearer (\S+)$/.exec(header ?? '');
    const key = match?.[1];
    // Puck's API docs, “Authentication”: the prefix is checked server-side; a wrong prefix is a 401.
    if (!key || !/^pck_(live|test)_./.test(key)) return undefined;
    return this.#keys.get(key);
  }

  /** A fixed one-minute window per key, for calls and for triggers (Puck's API docs, “Rate limits”). */
  #rateLimit(key: KeyState, trigger: boolean): FakeResponse | undefined {
    const now = Date.now();
    if (now - key.windowStart >= WINDOW_MS) {
      key.windowStart = now;
      key.calls = 0;
      key.investigations = 0;
    }
    const over =
      key.calls >= key.limits.calls || (trigger && key.investigations >= key.limits.investigations);
    if (over) {
      const retryAfter = Math.max(1, Math.ceil((key.windowStart + WINDOW_MS - now) / 1000));
      return {
        status: 429,
        body: { error: 'rate_limit_exceeded' },
        headers: { 'retry-after': String(retryAfter), 'x-ratelimit-remaining': '0' },
      };
    }
    key.calls += 1;
    if (trigger) key.investigations += 1;
    return undefined;
  }

  #timer(fn: (value?: unknown) => void, ms: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    this.#timers.add(timer);
  }

  #nextId(prefix: string): string {
    this.#counter += 1;
    return `${prefix}${this.#counter.toString(36).padStart(4, '0')}${randomId('', 8)}`;
  }

  // ------------------------------------------------------------------------------------------
  // Routes
  // ------------------------------------------------------------------------------------------

  #routes(): void {
    // Puck's API docs, “Base URL, versioning, transport”: bodies must be JSON; form encoding is not supported.
    this.#server.use((c) => {
      if (c.rawBody.length === 0) return undefined;
      if (!String(c.headers['content-type'] ?? '').includes('application/json'))
        return error(400, 'Content-Type must be application/json');
      return typeof c.body === 'string' ? error(400, 'request body is not valid JSON') : undefined;
    });
    /** A route that needs a key with `scope` (`null`: no Authorization at all, the inbound receiver). */
    const r = (
      method: string,
      path: string,
      scope: FakeScope | null,
      handler: (c: RequestContext) => FakeResponse,
    ) =>
      this.#server.route(method, path, (c) => {
        if (scope !== null) {
          const auth = this.#authenticate(c.headers.authorization);
          if (!auth) return error(401, 'invalid_api_key');
          if (!auth.scopes.has('*') && !auth.scopes.has(scope)) return error(403, 'insufficient_scope');
          const limited = this.#rateLimit(auth, path === '/v1/investigations' && method === 'POST');
          if (limited) return limited;
        }
        return handler(c);
      });
    r('POST', '/v1/investigations', 'investigations:trigger', (c) => this.#createInvestigation(c));
    r('GET', '/v1/investigations', 'investigations:read', (c) => this.#listInvestigations(c));
    r('GET', '/v1/investigations/:id', 'investigations:read', (c) => this.#getInvestigation(c));
    r('DELETE', '/v1/investigations/:id', 'investigations:trigger', (c) => this.#cancelInvestigation(c));
    r('GET', '/v1/investigations/:id/report', 'reports:read', (c) => this.#getReport(c));
    r('POST', '/v1/investigations/:id/report/regenerate', 'reports:read', (c) => this.#regenerate(c));
    r('GET', '/v1/findings', 'findings:read', (c) => this.#listFindings(c));
    r('POST', '/v1/findings/:id/dismiss', 'findings:dismiss', (c) => this.#dismissFinding(c));
    r('GET', '/v1/graph/subgraph', 'graph:read', (c) => this.#subgraph(c));
    r('GET', '/v1/graph/path', 'graph:read', (c) => this.#graphPath(c));
    r('GET', '/v1/graph/live', 'graph:read', () => error(501, 'not_implemented'));
    r('GET', '/v1/agents', 'agents:read', (c) => this.#listAgents(c));
    r('GET', '/v1/agents/:id/config', 'agents:read', (c) => this.#agentConfig(c));
    r('GET', '/v1/curiosity', 'curiosity:read', (c) => this.#listCuriosity(c));
    r('POST', '/v1/curiosity', 'curiosity:write', (c) => this.#createCuriosity(c));
    r('PATCH', '/v1/curiosity/:id', 'curiosity:write', (c) => this.#updateCuriosity(c));
    r('DELETE', '/v1/curiosity/:id', 'curiosity:write', (c) => this.#deleteCuriosity(c));
    r('POST', '/v1/webhooks/subscriptions', 'webhooks:manage', (c) => this.#createSubscription(c));
    r('GET', '/v1/webhooks/subscriptions', 'webhooks:manage', (c) => this.#listSubscriptions(c));
    r('GET', '/v1/webhooks/subscriptions/:id', 'webhooks:manage', (c) => this.#getSubscription(c));
    r('PATCH', '/v1/webhooks/subscriptions/:id', 'webhooks:manage', (c) => this.#updateSubscription(c));
    r('DELETE', '/v1/webhooks/subscriptions/:id', 'webhooks:manage', (c) => this.#deleteSubscription(c));
    r('POST', '/v1/webhooks/subscriptions/:id/test', 'webhooks:manage', (c) => this.#testSubscription(c));
    r('GET', '/v1/webhooks/deliveries', 'webhooks:manage', (c) => this.#listDeliveries(c));
    r('POST', '/v1/webhooks/deliveries/:id/replay', 'webhooks:manage', (c) => this.#replay(c));
    r('POST', '/v1/webhooks/incoming/endpoints', 'webhooks:manage', (c) => this.#createEndpoint(c));
    r('GET', '/v1/webhooks/incoming/endpoints', 'webhooks:manage', (c) => this.#listEndpoints(c));
    r('DELETE', '/v1/webhooks/incoming/endpoints/:id', 'webhooks:manage', (c) => this.#deleteEndpoint(c));
    r('POST', '/v1/webhooks/incoming/:provider/:key', null, (c) => this.#receive(c));
  }

  /** A `next_cursor` page of `items` under `key` (Puck's API docs, “Pagination”): `null` on the last page. */
  #page(c: RequestContext, key: string, items: unknown[]): FakeResponse {
    try {
      const page = cursorPage(items, {
        cursor: c.query.get('cursor'),
        limit: c.query.get('limit'),
        maxLimit: 1000,
        scope: key,
      });
      return { status: 200, body: { [key]: page.items, next_cursor: page.nextCursor } };
    } catch (cause) {
      if (!(cause instanceof HttpError)) throw cause;
      // The kit's message starts with the parameter's name; Puck reports it as an issue (§3).
      const [path = '', ...rest] = cause.message.split(' ');
      return error(400, 'validation_error', [{ path, message: rest.join(' ') }]);
    }
  }

  // --- investigations -------------------------------------------------------------------------

  #createInvestigation(c: RequestContext, source = 'api'): FakeResponse {
    if (!isObject(c.body))
      return error(400, 'missing_required_field', [{ path: 'query', message: 'is required' }]);
    const body = c.body;
    const headerKey = c.idempotencyKey;
    const bodyKey = typeof body.idempotency_key === 'string' ? body.idempotency_key : undefined;
    const key = headerKey ?? bodyKey;
    if (key !== undefined && (key.length === 0 || key.length > 256)) {
      return error(400, 'validation_error', [
        { path: 'idempotency_key', message: 'must be 1-256 characters' },
      ]);
    }
    const invalid = validateTrigger(body);
    if (invalid) return invalid;
    const { idempotency_key: _ignored, ...compared } = body;
    if (key !== undefined) {
      // Puck's API docs, “Idempotency”: same key + same body replays the original 202; a different body is a 409.
      const seen = this.#idempotency.check(key, compared);
      if (seen.kind === 'conflict') return error(409, 'idempotency_key_reused');
      if (seen.kind === 'replay') {
        return { ...seen.answer, headers: { ...seen.answer.headers, 'idempotent-replayed': 'true' } };
      }
    }
    const state = this.#startInvestigation(body, key, source);
    const response: FakeResponse = {
      status: 202,
      body: {
        id: state.record.id,
        status: state.record.status,
        estimated_completion_at: Number.isFinite(this.#totalMs())
          ? isoSeconds(state.createdAtMs + this.#totalMs())
          : null,
        ...(state.record.mode === 'live'
          ? {}
          : {
              freshness: {
                graph_as_of: isoSeconds(state.createdAtMs - 5 * 60_000),
                recommendation: { should_rerun_live: false, recommended_scope: null },
              },
            }),
      },
    };
    if (key !== undefined) this.#idempotency.save(key, compared, response);
    return response;
  }

  #totalMs(): number {
    return this.#lifecycle.stepMs * this.#lifecycle.states.length;
  }

  #startInvestigation(
    body: Record<string, unknown>,
    key: string | undefined,
    source: string,
  ): InvestigationState {
    const now = this.#now();
    const record: FakeInvestigation = {
      id: this.#nextId('inv_'),
      status: this.#lifecycle.states[0] ?? 'pending',
      query: String(body.query),
      depth: typeof body.depth === 'string' ? body.depth : 'standard',
      mode: typeof body.mode === 'string' ? body.mode : 'auto',
      scope: body.scope ?? { type: 'fleet' },
      agent_ids: Array.isArray(body.agent_ids) ? (body.agent_ids as string[]) : undefined,
      created_at: isoSeconds(now),
      updated_at: isoSeconds(now),
      severity: null,
      idempotencyKey: key,
      source,
    };
    const state: InvestigationState = {
      record,
      createdAtMs: now,
      pinned: false,
      finalized: false,
      timer: undefined,
      report: undefined,
      body,
    };
    this.#investigations.set(record.id, state);
    const total = this.#totalMs();
    // Finish on time even when nobody polls, so `investigation.completed` is delivered.
    if (Number.isFinite(total) && total < 2 ** 31 - 1) {
      state.timer = setTimeout(() => this.#refresh(state), total);
    }
    void this.#emit('investigation.queued', {
      investigation_id: record.id,
      query: record.query,
      scope: record.scope,
      severity: null,
      queued_at: record.created_at,
    });
    return this.#refresh(state);
  }

  /** Brings an investigation's status up to date with the clock; finishes it when it is time. */
  #refresh(state: InvestigationState): InvestigationState {
    if (state.pinned || state.finalized) return state;
    const { stepMs, states } = this.#lifecycle;
    const step = stepMs === 0 ? states.length : Math.floor((this.#now() - state.createdAtMs) / stepMs);
    if (step < states.length) {
      const status = states[step] ?? 'pending';
      if (status !== state.record.status) {
        state.record.status = status;
        state.record.updated_at = isoSeconds();
      }
      return state;
    }
    const final = this.#lifecycle.finalStatus;
    state.record.status = typeof final === 'function' ? final({ ...state.record }) : (final ?? 'complete');
    state.record.updated_at = isoSeconds();
    this.#finalize(state);
    return state;
  }

  #finalize(state: InvestigationState): void {
    if (state.finalized) return;
    state.finalized = true;
    if (state.timer) clearTimeout(state.timer);
    const record = state.record;
    if (record.status !== 'complete' && record.status !== 'completed') return;
    const at = isoSeconds();
    const found = findingsFor(record.id, record.query, at, () => this.#nextId('fnd_'));
    for (const finding of found) this.#findings.set(finding.id, finding);
    record.severity = 'high';
    state.report = {
      id: `rpt_${record.id}`,
      investigation_id: record.id,
      narrative: `Investigated "${record.query}". ${found.length} findings; the most severe is an unapproved LLM client on eng-mbp-014.`,
      severity: 'high',
      findings_summary: found.map((f) => ({
        finding_id: f.id,
        severity: f.severity,
        title: f.title,
        node_ids: [],
      })),
      recommended_actions: [
        'Remove the unapproved LLM client from eng-mbp-014',
        'Review extension allow-lists',
      ],
      generated_at: at,
      model: 'standard',
    };
    for (const finding of found) void this.#emit('finding.discovered', { ...finding });
    const completed = {
      investigation_id: record.id,
      query: record.query,
      severity: 'high',
      finding_count: found.length,
      summary: `${found.length} findings; 1 endpoint running an unapproved LLM client`,
    };
    void this.#emit('investigation.completed', completed);
    // Puck's API overview: a trigger's `webhook_url` gets "a one-off push when that investigation
    // finishes". Only `investigation.completed` is a documented name, so a failed or cancelled run
    // pushes nothing here. Signed like every delivery, with `webhookUrlSecret`.
    const webhookUrl = state.body.webhook_url;
    if (typeof webhookUrl === 'string') {
      const event = buildPuckEvent('investigation.completed', completed);
      this.events.push(event);
      void this.#deliver(this.#oneOff(webhookUrl, record.id), event);
    }
  }

  #investigation(id: string | undefined): InvestigationState | undefined {
    const state = id === undefined ? undefined : this.#investigations.get(id);
    return state && this.#refresh(state);
  }

  #publicInvestigation(state: InvestigationState): Record<string, unknown> {
    const { idempotencyKey: _key, source: _source, agent_ids, ...rest } = state.record;
    return agent_ids ? { ...rest, agent_ids } : rest;
  }

  #getInvestigation(c: RequestContext): FakeResponse {
    const state = this.#investigation(c.params.id);
    if (!state) return error(404, 'investigation not found');
    return { status: 200, body: this.#publicInvestigation(state) };
  }

  #listInvestigations(c: RequestContext): FakeResponse {
    const status = c.query.get('status');
    const items = [...this.#investigations.values()]
      .map((s) => this.#refresh(s))
      .filter((s) => !status || s.record.status === status)
      .reverse()
      .map((s) => this.#publicInvestigation(s));
    return this.#page(c, 'investigations', items);
  }

  #cancelInvestigation(c: RequestContext): FakeResponse {
    const state = this.#investigation(c.params.id);
    if (!state) return error(404, 'investigation not found');
    if (TERMINAL.has(state.record.status))
      return error(409, `investigation is already ${state.record.status}`);
    state.pinned = true;
    state.record.status = 'cancelled';
    state.record.updated_at = isoSeconds();
    this.#finalize(state);
    return { status: 200, body: this.#publicInvestigation(state) };
  }

  #getReport(c: RequestContext): FakeResponse {
    const state = this.#investigation(c.params.id);
    if (!state) return error(404, 'investigation not found');
    // Puck's API docs, “`GET /v1/investigations/{id}/report`”: 409 until the investigation has completed.
    if (!state.report) return error(409, `investigation is ${state.record.status}; the report is not ready`);
    return { status: 200, body: state.report };
  }

  #regenerate(c: RequestContext): FakeResponse {
    const state = this.#investigation(c.params.id);
    if (!state) return error(404, 'investigation not found');
    const report = state.report;
    if (!report) return error(409, `investigation is ${state.record.status}; the report is not ready`);
    const previous = Date.parse(String(report.generated_at));
    const model = isObject(c.body) && typeof c.body.model === 'string' ? c.body.model : report.model;
    this.#timer(
      () => {
        // Timestamps have whole seconds: a new version is always at least one second later.
        report.generated_at = isoSeconds(Math.max(Date.now(), previous + 1000));
        report.model = model;
        report.narrative = `${String(report.narrative).split(' (regenerated')[0]} (regenerated)`;
      },
      Math.min(this.#lifecycle.stepMs, 2 ** 31 - 1),
    );
    return { status: 202, body: { status: 'regenerating', investigation_id: state.record.id } };
  }

  // --- findings ---------------------------------------------------------------------------------

  #sortedFindings(): FakeRecord[] {
    return [...this.#findings.values()].sort((a, b) =>
      String(b.discovered_at ?? '').localeCompare(String(a.discovered_at ?? '')),
    );
  }

  #listFindings(c: RequestContext): FakeResponse {
    const severity = c.query.get('severity');
    if (severity && !SEVERITIES.includes(severity)) {
      return error(400, 'validation_error', [
        { path: 'severity', message: 'must be low, medium, high or critical' },
      ]);
    }
    const investigationId = c.query.get('investigation_id');
    const dismissed = c.query.get('dismissed') === 'true';
    const items = this.#sortedFindings().filter(
      (f) =>
        (!severity || f.severity === severity) &&
        (!investigationId || f.investigation_id === investigationId) &&
        Boolean(f.dismissed) === dismissed,
    );
    return this.#page(c, 'findings', items);
  }

  #dismissFinding(c: RequestContext): FakeResponse {
    const finding = this.#findings.get(c.params.id ?? '');
    if (!finding) return error(404, 'finding not found');
    const body = isObject(c.body) ? c.body : {};
    if (body.reason === undefined)
      return error(400, 'missing_required_field', [{ path: 'reason', message: 'is required' }]);
    if (!['false_positive', 'accepted_risk', 'resolved', 'duplicate'].includes(String(body.reason))) {
      return error(400, 'validation_error', [
        { path: 'reason', message: 'must be false_positive, accepted_risk, resolved or duplicate' },
      ]);
    }
    // Idempotent (Puck's API docs, “`POST /v1/findings/{id}/dismiss`”): dismissing again changes nothing.
    if (!finding.dismissed) {
      finding.dismissed = true;
      finding.dismissal = { reason: body.reason, notes: body.notes ?? null, dismissed_at: isoSeconds() };
    }
    return { status: 200, body: finding };
  }

  // --- graph ------------------------------------------------------------------------------------

  #subgraph(c: RequestContext): FakeResponse {
    const focus = c.query.get('focus_node');
    if (!focus) return error(400, 'missing_required_field', [{ path: 'focus_node', message: 'is required' }]);
    const maxNodes = Number(c.query.get('max_nodes') ?? 5000);
    if (!Number.isInteger(maxNodes) || maxNodes < 1 || maxNodes > 5000) {
      return error(400, 'validation_error', [{ path: 'max_nodes', message: 'must be between 1 and 5000' }]);
    }
    if (!this.#graph.nodes.some((n) => n.id === focus)) return error(404, 'node not found');
    const hops = Number(c.query.get('hops') ?? 2);
    const types = c.query.get('edge_types')?.split(',').filter(Boolean);
    const edges = this.#graph.edges.filter((e) => !types || types.includes(String(e.type)));
    const seen = new Set([focus]);
    let frontier = [focus];
    for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
      const next: string[] = [];
      for (const edge of edges) {
        for (const [a, b] of [
          [edge.from, edge.to],
          [edge.to, edge.from],
        ] as const) {
          if (frontier.includes(String(a)) && !seen.has(String(b))) {
            seen.add(String(b));
            next.push(String(b));
          }
        }
      }
      frontier = next;
    }
    const ids = [...seen].slice(0, maxNodes);
    const kept = new Set(ids);
    return {
      status: 200,
      body: {
        nodes: this.#graph.nodes.filter((n) => kept.has(n.id)),
        edges: edges.filter((e) => kept.has(String(e.from)) && kept.has(String(e.to))),
        truncated: seen.size > maxNodes,
      },
    };
  }

  /** Parameter names `from`/`to` are the fake's guess (Puck's API docs, “`GET /v1/graph/path`” did not capture them). */
  #graphPath(c: RequestContext): FakeResponse {
    const from = c.query.get('from');
    const to = c.query.get('to');
    if (!from || !to) {
      return error(400, 'missing_required_field', [{ path: from ? 'to' : 'from', message: 'is required' }]);
    }
    const maxHops = Number(c.query.get('max_hops') ?? 6);
    const maxResults = Number(c.query.get('max_results') ?? 10);
    const paths: string[][] = [];
    const walk = (node: string, trail: string[]) => {
      if (paths.length >= maxResults) return;
      if (node === to) {
        paths.push(trail);
        return;
      }
      if (trail.length > maxHops) return;
      for (const edge of this.#graph.edges) {
        if (edge.from === node && !trail.includes(String(edge.to)))
          walk(String(edge.to), [...trail, String(edge.to)]);
      }
    };
    walk(from, [from]);
    return { status: 200, body: { paths: paths.map((nodes) => ({ nodes, hops: nodes.length - 1 })) } };
  }

  // --- agents -----------------------------------------------------------------------------------

  #listAgents(c: RequestContext): FakeResponse {
    const status = c.query.get('status');
    const profile = c.query.get('profile');
    const tag = c.query.get('tag');
    const [tagKey, tagValue] = tag ? tag.split(':') : [];
    const items = this.#agents.filter(
      (a) =>
        (!status || a.status === status) &&
        (!profile || a.profile === profile) &&
        (!tagKey || (a.tags as Record<string, string> | undefined)?.[tagKey] === tagValue),
    );
    return this.#page(c, 'agents', items);
  }

  #agentConfig(c: RequestContext): FakeResponse {
    const agent = this.#agents.find((a) => a.id === c.params.id);
    if (!agent) return error(404, 'agent not found');
    return { status: 200, body: agentConfig(agent.id) };
  }

  // --- curiosity --------------------------------------------------------------------------------

  #listCuriosity(c: RequestContext): FakeResponse {
    const items = [...this.#curiosity.values()].sort((a, b) =>
      String(a.next_run_at ?? '').localeCompare(String(b.next_run_at ?? '')),
    );
    return this.#page(c, 'items', items);
  }

  #createCuriosity(c: RequestContext): FakeResponse {
    const body = isObject(c.body) ? c.body : {};
    for (const field of ['query', 'interval']) {
      if (typeof body[field] !== 'string')
        return error(400, 'missing_required_field', [{ path: field, message: 'is required' }]);
    }
    if (!DURATION.test(String(body.interval))) {
      return error(400, 'validation_error', [{ path: 'interval', message: 'must match ^\\d+(s|m|h|d)$' }]);
    }
    const item: FakeRecord = {
      id: this.#nextId('cur_'),
      query: body.query,
      interval: body.interval,
      scope: body.scope ?? null,
      depth: body.depth ?? 'standard',
      first_run_at: body.first_run_at ?? null,
      active: body.active ?? true,
      next_run_at: typeof body.first_run_at === 'string' ? body.first_run_at : isoSeconds(),
      created_at: isoSeconds(),
    };
    this.#curiosity.set(item.id, item);
    return { status: 201, body: item };
  }

  #updateCuriosity(c: RequestContext): FakeResponse {
    const item = this.#curiosity.get(c.params.id ?? '');
    if (!item) return error(404, 'curiosity item not found');
    if (isObject(c.body)) Object.assign(item, c.body, { id: item.id });
    return { status: 200, body: item };
  }

  #deleteCuriosity(c: RequestContext): FakeResponse {
    if (!this.#curiosity.delete(c.params.id ?? '')) return error(404, 'curiosity item not found');
    return { status: 204 };
  }

  // --- webhooks ---------------------------------------------------------------------------------

  #publicSubscription(s: FakeSubscription): Record<string, unknown> {
    const { secret: _secret, ...rest } = s;
    return rest;
  }

  #createSubscription(c: RequestContext): FakeResponse {
    const body = isObject(c.body) ? c.body : {};
    if (typeof body.url !== 'string')
      return error(400, 'missing_required_field', [{ path: 'url', message: 'is required' }]);
    if (!Array.isArray(body.events) || body.events.length === 0) {
      return error(400, 'missing_required_field', [{ path: 'events', message: 'is required' }]);
    }
    const filters = isObject(body.filters) ? body.filters : {};
    if (filters.min_severity !== undefined && !SEVERITIES.includes(String(filters.min_severity))) {
      return error(400, 'validation_error', [
        { path: 'filters.min_severity', message: 'must be a severity' },
      ]);
    }
    const subscription = this.subscribe({
      url: body.url,
      events: body.events.map(String),
      filters: filters as FakeSubscription['filters'],
    });
    return { status: 201, body: subscription };
  }

  #listSubscriptions(c: RequestContext): FakeResponse {
    return this.#page(
      c,
      'subscriptions',
      [...this.#subscriptions.values()].map((s) => this.#publicSubscription(s)),
    );
  }

  #getSubscription(c: RequestContext): FakeResponse {
    const s = this.#subscriptions.get(c.params.id ?? '');
    return s ? { status: 200, body: this.#publicSubscription(s) } : error(404, 'subscription not found');
  }

  #updateSubscription(c: RequestContext): FakeResponse {
    const s = this.#subscriptions.get(c.params.id ?? '');
    if (!s) return error(404, 'subscription not found');
    const body = isObject(c.body) ? c.body : {};
    if (typeof body.url === 'string') s.url = body.url;
    if (Array.isArray(body.events)) s.events = body.events.map(String);
    if (isObject(body.filters)) s.filters = body.filters as FakeSubscription['filters'];
    if (typeof body.active === 'boolean') s.active = body.active;
    s.updated_at = isoSeconds();
    return { status: 200, body: this.#publicSubscription(s) };
  }

  #deleteSubscription(c: RequestContext): FakeResponse {
    return this.#subscriptions.delete(c.params.id ?? '')
      ? { status: 204 }
      : error(404, 'subscription not found');
  }

  #testSubscription(c: RequestContext): FakeResponse {
    const s = this.#subscriptions.get(c.params.id ?? '');
    if (!s) return error(404, 'subscription not found');
    const event = buildPuckEvent('investigation.queued', {
      investigation_id: 'inv_test',
      query: 'test delivery',
      scope: { type: 'fleet' },
      severity: null,
      queued_at: isoSeconds(),
    });
    this.events.push(event);
    void this.#deliver(s, event);
    return { status: 202, body: { event_id: event.event_id } };
  }

  #listDeliveries(c: RequestContext): FakeResponse {
    const status = c.query.get('status');
    const subscription = c.query.get('subscription_id');
    const items = this.deliveries.filter(
      (d) => (!status || d.status === status) && (!subscription || d.subscription_id === subscription),
    );
    return this.#page(c, 'deliveries', [...items].reverse());
  }

  #replay(c: RequestContext): FakeResponse {
    const delivery = this.deliveries.find((d) => d.id === c.params.id);
    if (!delivery) return error(404, 'delivery not found');
    const s = this.#subscriptions.get(delivery.subscription_id);
    const event = this.events.find((e) => e.event_id === delivery.event_id);
    if (!s || !event) return error(404, 'subscription or event no longer exists');
    void this.#deliver(s, event);
    return { status: 202, body: { replayed: delivery.id } };
  }

  #createEndpoint(c: RequestContext): FakeResponse {
    const body = isObject(c.body) ? c.body : {};
    if (typeof body.provider !== 'string') {
      return error(400, 'missing_required_field', [{ path: 'provider', message: 'is required' }]);
    }
    const key = crypto.randomUUID().replace(/-/g, '');
    const endpoint = {
      id: this.#nextId('ibe_'),
      provider: body.provider,
      key,
      url: `${this.url}/v1/webhooks/incoming/${body.provider}/${key}`,
      has_signing_secret: typeof body.provider_signing_secret === 'string',
      created_at: isoSeconds(),
    };
    this.#endpoints.set(endpoint.id, endpoint);
    return { status: 201, body: endpoint };
  }

  #listEndpoints(c: RequestContext): FakeResponse {
    return this.#page(c, 'endpoints', [...this.#endpoints.values()]);
  }

  #deleteEndpoint(c: RequestContext): FakeResponse {
    return this.#endpoints.delete(c.params.id ?? '') ? { status: 204 } : error(404, 'endpoint not found');
  }

  /** The inbound receiver (Puck's API docs, “Webhooks — inbound endpoints (third-party → Puck)”): no Authorization, the URL key is the credential. */
  #receive(c: RequestContext): FakeResponse {
    const { provider, key } = c.params;
    const endpoint = [...this.#endpoints.values()].find((e) => e.provider === provider && e.key === key);
    if (!endpoint) return error(404, 'not_found');
    const body = isObject(c.body) ? c.body : {};
    if (provider === 'github') {
      const event = String(c.headers['x-github-event'] ?? '');
      if (event !== 'workflow_run' && event !== 'security_advisory')
        return { status: 202, body: { ignored: true } };
      const query = `Investigate GitHub ${event} on the repository's CI runners`;
      const state = this.#startInvestigation({ query }, undefined, 'inbound:github');
      return { status: 202, body: { ignored: false, investigation_id: state.record.id } };
    }
    if (provider === 'crowdstrike') {
      const description = typeof body.description === 'string' ? body.description : undefined;
      if (!description) return { status: 202, body: { ignored: true } };
      const state = this.#startInvestigation({ query: description }, undefined, 'inbound:crowdstrike');
      return { status: 202, body: { ignored: false, investigation_id: state.record.id } };
    }
    const invalid = validateTrigger(body);
    if (invalid) return invalid;
    const state = this.#startInvestigation(body, undefined, `inbound:${provider}`);
    return { status: 202, body: { ignored: false, investigation_id: state.record.id } };
  }

  // --- deliveries -------------------------------------------------------------------------------

  async #emit(eventType: PuckEventType, data: Record<string, unknown>): Promise<FakeDelivery[]> {
    const event = buildPuckEvent(eventType, data);
    this.events.push(event);
    const severity = typeof data.severity === 'string' ? data.severity : undefined;
    const targets = [...this.#subscriptions.values()].filter((s) => {
      if (!s.active) return false;
      if (!s.events.includes('*') && !s.events.includes(eventType)) return false;
      // Events without a severity are always delivered (Puck's API docs, “`POST /v1/webhooks/subscriptions`”).
      const min = s.filters.min_severity;
      if (min && severity && SEVERITIES.indexOf(severity) < SEVERITIES.indexOf(min)) return false;
      return true;
    });
    return Promise.all(targets.map((s) => this.#deliver(s, event)));
  }

  #deliver(subscription: FakeSubscription, event: FakePuckEvent): Promise<FakeDelivery> {
    const delivery: FakeDelivery = {
      id: this.#nextId('dlv_'),
      subscription_id: subscription.id,
      event_id: event.event_id,
      event_type: event.event_type,
      url: subscription.url,
      status: 'pending',
      response_status: null,
      error: null,
      attempted_at: isoSeconds(),
    };
    this.deliveries.push(delivery);
    const attempt = (async () => {
      try {
        // The kit refuses anything but loopback before a byte is sent.
        const response = await sendWebhook({
          url: subscription.url,
          body: JSON.stringify(event),
          headers: async (body) => ({
            'user-agent': 'puck-webhooks/fake',
            'x-puck-signature': await generatePuckSignatureHeader({
              payload: body,
              secret: subscription.secret,
            }),
            'x-puck-event-id': event.event_id,
            'x-puck-event-type': event.event_type,
            'x-puck-delivery-id': delivery.id,
          }),
          timeoutMs: this.#deliveryTimeoutMs,
        });
        delivery.response_status = response.status;
        delivery.status = response.ok ? 'delivered' : 'failed_permanent';
      } catch (cause) {
        delivery.status = 'failed_permanent';
        delivery.error = cause instanceof Error ? cause.message : String(cause);
      }
      return delivery;
    })();
    this.#pending.add(attempt);
    void attempt.finally(() => this.#pending.delete(attempt));
    return attempt;
  }
}

/** Checks a trigger body the way the brain documents (Puck's API docs, “Errors” / “`POST /v1/investigations` — submit an investigation”). */
function validateTrigger(body: Record<string, unknown>): FakeResponse | undefined {
  if (typeof body.query !== 'string' || body.query.trim() === '') {
    return error(400, 'missing_required_field', [{ path: 'query', message: 'is required' }]);
  }
  const issues: Array<{ path: string; message: string }> = [];
  if (body.depth !== undefined && !['quick', 'standard', 'deep'].includes(String(body.depth))) {
    issues.push({ path: 'depth', message: 'must be quick, standard or deep' });
  }
  if (body.mode !== undefined && !['auto', 'cached', 'live'].includes(String(body.mode))) {
    issues.push({ path: 'mode', message: 'must be auto, cached or live' });
  }
  if (body.webhook_url !== undefined && !/^https?:\/\/\S+$/.test(String(body.webhook_url))) {
    issues.push({ path: 'webhook_url', message: 'must be an http(s) URL' });
  }
  const scope = body.scope;
  if (scope !== undefined) {
    const window = isObject(scope) && isObject(scope.filter) ? scope.filter.last_seen_within : undefined;
    if (!isObject(scope)) issues.push({ path: 'scope', message: 'must be an object' });
    else if (window !== undefined && !DURATION.test(String(window))) {
      issues.push({ path: 'scope.filter.last_seen_within', message: 'must match pattern ^\\d+(s|m|h|d)$' });
    }
  }
  return issues.length ? error(400, 'validation_error', issues) : undefined;
}

/**
 * Starts a fake Puck brain on `127.0.0.1` (a free port unless `port` is given).
 *
 * ```ts
 * const fake = await startFakePuck({ lifecycle: { stepMs: 50 } });
 * const puck = new Puck({ apiKey: FAKE_PUCK_API_KEY, baseURL: fake.url });
 * // … then: await fake.close();
 * ```
 */
export async function startFakePuck(options: FakePuckOptions = {}): Promise<FakePuck> {
  for (const key of Object.keys(options.apiKeys ?? {})) {
    if (!/^pck_(live|test)_./.test(key)) {
      // The key itself stays out of the message (house rule: never echo a key).
      throw new Error('startFakePuck: every key in apiKeys must start with pck_live_ or pck_test_.');
    }
  }
  const auth = { describe: (_header: string | undefined): string => 'missing' };
  const server = await startFakeServer({
    name: 'Puck',
    port: options.port,
    errorBody: (_status, message) => ({ error: message }),
    // Recorded as `valid`, `invalid` or `missing`; the key itself never is.
    describeAuth: (req) => auth.describe(req.headers.authorization),
    faults: options.faults,
  });
  return new FakePuck(server, options, auth);
}

export { ALL_SCOPES };
