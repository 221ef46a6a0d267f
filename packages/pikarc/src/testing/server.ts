/**
 * The fake Pikarc server on `@quiver/core/testing`. It restates Pikarc's public docs (API reference,
 * Guardrails and Plan tiers guides) on its own — it never reads the client's rows — so a wrong row
 * fails a test instead of being mirrored.
 */
import {
  type FakeAnswer,
  type FakeFault,
  type FakeHandlerRequest,
  type FakeRequest,
  type FakeServer,
  HttpError,
  randomId,
  startFakeServer,
} from '@quiver/core/testing';

// =============================================================================================
// Public constants and types
// =============================================================================================

/** The API key of the default workspace (`lg_<8-char prefix>_<secret>`). */
export const FAKE_PIKARC_API_KEY = 'lg_fake0001_s3cr3tfakes3cr3tfakes3cr3tfake';
/** The dashboard account of the default workspace: its email. */
export const FAKE_PIKARC_EMAIL = 'owner@pikarc.test';
/** The dashboard account of the default workspace: its password. */
export const FAKE_PIKARC_PASSWORD = 'fake-password-do-not-use';
/** The default workspace's id. */
export const FAKE_PIKARC_WORKSPACE_ID = '00000000-0000-4000-8000-000000000001';

/** The documented plans (Pikarc's Plan tiers guide). */
export type FakePlan = 'basic' | 'pro' | 'scale' | 'enterprise';

/** Monthly run limits per plan (`null`: unlimited). Basic is also fixed at 3 concurrent runs. */
export const FAKE_PLAN_LIMITS: Readonly<Record<FakePlan, { monthlyRuns: number | null }>> = {
  basic: { monthlyRuns: 1_000 },
  pro: { monthlyRuns: 50_000 },
  scale: { monthlyRuns: null },
  enterprise: { monthlyRuns: null },
};

/** The seven deny codes, in the order the guardrails evaluate them (run-ended check first for steps). */
export type FakeDenyReason =
  | 'KILL_SWITCH_ACTIVE'
  | 'USER_BLOCKED'
  | 'WORKSPACE_DAILY_BUDGET_EXCEEDED'
  | 'USER_DAILY_BUDGET_EXCEEDED'
  | 'MONTHLY_RUN_LIMIT_EXCEEDED'
  | 'MAX_CONCURRENT_RUNS_EXCEEDED'
  | 'RUN_ALREADY_ENDED';

/** A step as the fake stores it. */
export interface FakeStep {
  /** The step's UUID. */
  id: string;
  /** The step type as sent: `'MODEL_CALL'`, `'TOOL_CALL'`, `'INPUT'`, … */
  type: string;
  /** The step's position in its run, as sent (an integer ≥ 1). */
  sequence: number;
  /** The model as sent (prices the step's tokens); `null` when none was sent. */
  model: string | null;
  /** The tool's name as sent; `null` when none was sent. */
  tool_name: string | null;
  /** The step's input data as sent; `null` when none was sent. */
  input_data: Record<string, unknown> | null;
  /** `ALLOWED`, or `BLOCKED` when denied (the real DENY value is not documented); then what was reported. */
  status: string;
  /** The guardrail decision made when the step was created. */
  decision: {
    /** `'ALLOW'`, or `'DENY'` when a guardrail refused it. */
    outcome: 'ALLOW' | 'DENY';
    /** The deny code on DENY; `null` on ALLOW. */
    reason: FakeDenyReason | null;
  };
  /** The duration reported by a step update, in ms; `null` until reported. */
  duration_ms: number | null;
  /** The prompt tokens reported by a step update; `null` until reported. */
  prompt_tokens: number | null;
  /** The completion tokens reported by a step update; `null` until reported. */
  completion_tokens: number | null;
  /** The cost in USD from the model's active pricing entry; `null` until tokens are reported or when the model has none. */
  cost_usd: number | null;
  /** When the step was created (ISO 8601, from the fake's clock). */
  created_at: string;
}

/** A run as the fake stores it. */
export interface FakeRun {
  /** The run's UUID. */
  id: string;
  /** The workspace the run belongs to (the one whose API key started it). */
  workspace_id: string;
  /** The SDK user the run was started for, as sent. */
  user_id: string;
  /** The run's metadata as sent; `null` when none was sent. */
  metadata: Record<string, unknown> | null;
  /** `RUNNING` once allowed, `BLOCKED` when the start was denied, then `COMPLETED` or `FAILED` once ended. */
  status: 'RUNNING' | 'COMPLETED' | 'FAILED' | 'BLOCKED';
  /** The guardrail decision made when the run started. */
  decision: {
    /** `'ALLOW'`, or `'DENY'` when a guardrail refused it. */
    outcome: 'ALLOW' | 'DENY';
    /** The deny code on DENY; `null` on ALLOW. */
    reason: FakeDenyReason | null;
  };
  /** When the run started (ISO 8601, from the fake's clock). */
  created_at: string;
  /** When the run was ended (ISO 8601); `null` while it has not been ended. */
  ended_at: string | null;
  /** The run's steps, in creation order. */
  steps: FakeStep[];
}

/** A workspace: its settings as the API shows them, plus what only the server knows. */
export interface FakeWorkspace {
  /** The workspace's UUID (`FAKE_PIKARC_WORKSPACE_ID` for the default one). */
  id: string;
  /** The workspace's name. */
  name: string;
  /** The workspace's URL slug. */
  slug: string;
  /** Whether the kill switch is on: every run start and step is then denied with `KILL_SWITCH_ACTIVE`. */
  kill_switch: boolean;
  /** The workspace's daily budget in USD; `null`: no budget. */
  daily_budget_usd: number | null;
  /** The daily budget in USD of each SDK user; `null`: no budget. */
  user_daily_budget_usd: number | null;
  /** How many runs may be `RUNNING` at once; a start beyond it is denied with `MAX_CONCURRENT_RUNS_EXCEEDED`. */
  max_concurrent_runs: number;
  /** Not an API field (the docs say the plan is not in the workspace response). */
  plan: FakePlan;
  /** The monthly run limit; default from the plan. `null`: unlimited. */
  monthly_run_limit: number | null;
  /** Runs started this month (allowed starts only). */
  monthly_run_count: number;
  /** SDK users denied with `USER_BLOCKED` (no API for it is documented: use `fake.blockUser`). */
  blocked_users: Set<string>;
  /** The active API key, or `undefined` after `fake.revokeApiKey()`. */
  api_key: string | undefined;
  /** The active key's record. */
  api_key_id: string | undefined;
  /** When the active key was created (ISO 8601). */
  api_key_created_at: string | undefined;
  /** Spend in USD by UTC day (`YYYY-MM-DD`): `total` and per SDK user. */
  spend: Map<
    string,
    {
      /** The workspace's spend that day, in USD. */
      total: number;
      /** Each SDK user's spend that day, in USD, by user id. */
      users: Map<string, number>;
    }
  >;
}

/** A dashboard account. */
export interface FakeAccount {
  /** The account's UUID. */
  id: string;
  /** The email to log in with. */
  email: string;
  /** The password to log in with. */
  password: string;
  /** The workspace the account belongs to. */
  workspace_id: string;
}

/** Settings of a workspace the fake creates. */
export interface FakeWorkspaceOptions {
  /** Plan. Default `'scale'` for the default workspace (so the kill switch can be turned on), else `'basic'`. */
  plan?: FakePlan;
  /** Name. Default `'Fake Workspace'` for the default workspace, else `'Workspace <n>'`. */
  name?: string;
  /** URL slug. Default `'fake-workspace'` for the default workspace, else derived from the name. */
  slug?: string;
  /** Whether the kill switch starts on. Default `false`. */
  kill_switch?: boolean;
  /** Daily budget of the workspace in USD. Default `null` (no budget). */
  daily_budget_usd?: number | null;
  /** Daily budget of each SDK user in USD. Default `null` (no budget). */
  user_daily_budget_usd?: number | null;
  /** Default 3 on Basic, 10 otherwise. */
  max_concurrent_runs?: number;
  /** Default: the plan's (1000 Basic, 50000 Pro, unlimited above). */
  monthly_run_limit?: number | null;
  /** Runs already started this month. Default `0`. */
  monthly_run_count?: number;
  /** SDK user ids to deny with `USER_BLOCKED`. */
  blocked_users?: string[];
  /** The workspace's API key. Default: a fresh `lg_…` key (`FAKE_PIKARC_API_KEY` for the default one). */
  apiKey?: string;
  /** The dashboard account's email. Default: a fresh one (`FAKE_PIKARC_EMAIL` for the default one). */
  email?: string;
  /** The dashboard account's password. Default `FAKE_PIKARC_PASSWORD`. */
  password?: string;
}

/** A pricing entry to seed. */
export interface FakePricing {
  /** The model the entry prices, e.g. `'gpt-4o'`: steps with this model are costed with it. */
  model: string;
  /** USD per prompt token. */
  input_cost_per_token: number;
  /** USD per completion token. */
  output_cost_per_token: number;
  /** Whether the entry is listed and used for costing. Default `true`. */
  is_active?: boolean;
}

/** Options of `startFakePikarc`. */
export interface FakePikarcOptions {
  /** Port on 127.0.0.1. Default `0` (a free port). */
  port?: number;
  /** The default workspace (id `FAKE_PIKARC_WORKSPACE_ID`, key `FAKE_PIKARC_API_KEY`). Default plan `'scale'`. */
  workspace?: FakeWorkspaceOptions;
  /** Pricing entries. Default: gpt-4o (0.0000025 / 0.00001) and gpt-4o-mini (0.00000015 / 0.0000006). */
  pricing?: FakePricing[];
  /** How long a JWT lives, in ms. Default 24 h. */
  tokenTtlMs?: number;
  /** The clock (budgets reset at midnight UTC, monthly counts per calendar month). Default `() => new Date()`. */
  now?: () => Date;
  /** Faults armed from the start (the kit's faults: status, delayMs, stallMs, reset, html, malformedJson, drift). */
  faults?: FakeFault[];
}

/** A running fake Pikarc. */
export interface FakePikarc {
  /** The server root to pass as `baseURL` (`http://127.0.0.1:PORT`). */
  readonly url: string;
  /** Every request received (no credentials; `auth` is `key`, `jwt`, `none`, `missing`, `invalid` or `expired`). */
  readonly requests: FakeRequest[];
  /** The default workspace (live state: change it directly, or through the controls below). */
  readonly workspace: FakeWorkspace;
  /** Every workspace. */
  readonly workspaces: FakeWorkspace[];
  /** Every run of every workspace, in creation order. */
  readonly runs: FakeRun[];
  /** Successful logins so far (to see a re-login). */
  readonly logins: number;
  /** The requests to one method and path. */
  requestsTo(method: string, path: string): FakeRequest[];
  /** Arms one of the kit's faults. */
  fault(fault: FakeFault): void;
  /** Disarms every fault. */
  clearFaults(): void;
  /** Forgets requests and faults and restores the seed (workspaces, runs, pricing, tokens). */
  reset(): void;
  /** Stops the server. */
  close(): Promise<void>;
  /** Turns the kill switch on or off, whatever the plan (what the dashboard of a Scale workspace does). */
  setKillSwitch(active: boolean, workspaceId?: string): void;
  /** Denies runs and steps of this SDK user with `USER_BLOCKED`. */
  blockUser(userId: string, workspaceId?: string): void;
  /** Lifts `blockUser`. */
  unblockUser(userId: string, workspaceId?: string): void;
  /** Changes the plan; a downgrade resets what the new plan lacks (kill switch, user budget, concurrency 3 on Basic). */
  setPlan(plan: FakePlan, workspaceId?: string): void;
  /** Adds spend to today's counters (the workspace's and, with `userId`, the user's). */
  addSpend(usd: number, options?: { userId?: string; workspaceId?: string }): void;
  /** Sets the runs counted this month. */
  setMonthlyRunCount(count: number, workspaceId?: string): void;
  /** Revokes the workspace's API key (`GET /v1/api-keys/` then answers 404 "No active API key"). */
  revokeApiKey(workspaceId?: string): void;
  /** Makes every JWT issued so far expire (the next JWT call gets 401). */
  expireTokens(): void;
  /** Creates another workspace with its key and dashboard account. */
  addWorkspace(options?: FakeWorkspaceOptions): {
    workspace: FakeWorkspace;
    apiKey: string;
    email: string;
    password: string;
  };
}

// =============================================================================================
// Implementation
// =============================================================================================

const DEFAULT_PRICING: FakePricing[] = [
  { model: 'gpt-4o', input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001 },
  { model: 'gpt-4o-mini', input_cost_per_token: 0.00000015, output_cost_per_token: 0.0000006 },
];

const STEP_TYPES = new Set(['INPUT', 'MODEL_CALL', 'TOOL_CALL', 'OUTPUT', 'REASONING', 'SYSTEM']);
const PLAN_RANK: Record<FakePlan, number> = { basic: 0, pro: 1, scale: 2, enterprise: 3 };

type Credential =
  | { kind: 'key'; workspace: FakeWorkspace }
  | { kind: 'jwt'; workspace: FakeWorkspace; account: FakeAccount };
type AuthClass = 'key' | 'jwt' | 'either';

/** A request body that fails validation: answered as FastAPI does, 422 `{ detail: [{ loc, msg, type }] }`. */
class ValidationFailure extends Error {
  readonly detail: Array<{ loc: Array<string | number>; msg: string; type: string }>;
  constructor(field: string, msg: string, type: string) {
    super(msg);
    this.detail = [{ loc: field === 'body' ? ['body'] : ['body', field], msg, type }];
  }
}

function unprocessable(field: string, msg: string, type: string): never {
  throw new ValidationFailure(field, msg, type);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bodyOf(req: FakeHandlerRequest): Record<string, unknown> {
  if (!isObject(req.body)) unprocessable('body', 'Field required', 'missing');
  return req.body;
}

function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (value === undefined) unprocessable(field, 'Field required', 'missing');
  if (typeof value !== 'string') unprocessable(field, 'Input should be a valid string', 'string_type');
  return value;
}

function optionalNumber(
  body: Record<string, unknown>,
  field: string,
  integer = false,
): number | null | undefined {
  const value = body[field];
  if (value === undefined || value === null) return value as null | undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    unprocessable(
      field,
      integer ? 'Input should be a valid integer' : 'Input should be a valid number',
      'type',
    );
  }
  if (value < 0) unprocessable(field, 'Input should be greater than or equal to 0', 'greater_than_equal');
  return value;
}

function uuid(): string {
  return crypto.randomUUID();
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

class PikarcFake implements FakePikarc {
  readonly #server: FakeServer;
  readonly #options: FakePikarcOptions;
  readonly #now: () => Date;
  workspaces: FakeWorkspace[] = [];
  runs: FakeRun[] = [];
  logins = 0;
  #accounts: FakeAccount[] = [];
  #tokens = new Map<string, { account: FakeAccount; expiresAt: number }>();
  #pricing = new Map<string, FakePricing & { id: string; is_active: boolean }>();

  constructor(server: FakeServer, options: FakePikarcOptions) {
    this.#server = server;
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#seed();
    this.#routes();
  }

  get url(): string {
    return this.#server.url;
  }
  get requests(): FakeRequest[] {
    return this.#server.requests;
  }
  get workspace(): FakeWorkspace {
    return this.workspaces[0] as FakeWorkspace;
  }

  requestsTo(method: string, path: string): FakeRequest[] {
    return this.requests.filter((r) => r.method === method.toUpperCase() && r.path === path);
  }
  fault(fault: FakeFault): void {
    this.#server.fault(fault);
  }
  clearFaults(): void {
    this.#server.clearFaults();
  }
  reset(): void {
    this.#server.reset();
    this.#seed();
  }
  close(): Promise<void> {
    return this.#server.close();
  }

  setKillSwitch(active: boolean, workspaceId?: string): void {
    this.#ws(workspaceId).kill_switch = active;
  }
  blockUser(userId: string, workspaceId?: string): void {
    this.#ws(workspaceId).blocked_users.add(userId);
  }
  unblockUser(userId: string, workspaceId?: string): void {
    this.#ws(workspaceId).blocked_users.delete(userId);
  }
  setPlan(plan: FakePlan, workspaceId?: string): void {
    const ws = this.#ws(workspaceId);
    ws.plan = plan;
    ws.monthly_run_limit = FAKE_PLAN_LIMITS[plan].monthlyRuns;
    // Plan tiers guide: a downgrade resets what the new plan lacks.
    if (PLAN_RANK[plan] < PLAN_RANK.scale) ws.kill_switch = false;
    if (plan === 'basic') {
      ws.user_daily_budget_usd = null;
      ws.max_concurrent_runs = Math.min(ws.max_concurrent_runs, 3);
    }
  }
  addSpend(usd: number, options: { userId?: string; workspaceId?: string } = {}): void {
    this.#addSpend(this.#ws(options.workspaceId), options.userId, usd);
  }
  setMonthlyRunCount(count: number, workspaceId?: string): void {
    this.#ws(workspaceId).monthly_run_count = count;
  }
  revokeApiKey(workspaceId?: string): void {
    const ws = this.#ws(workspaceId);
    ws.api_key = undefined;
    ws.api_key_id = undefined;
  }
  expireTokens(): void {
    for (const entry of this.#tokens.values()) entry.expiresAt = 0;
  }
  addWorkspace(options: FakeWorkspaceOptions = {}) {
    const apiKey = options.apiKey ?? newKey();
    const email = options.email ?? `owner-${randomId('', 6)}@pikarc.test`;
    const password = options.password ?? FAKE_PIKARC_PASSWORD;
    const workspace = this.#createWorkspace(uuid(), { plan: 'basic', ...options, apiKey });
    this.#accounts.push({ id: uuid(), email, password, workspace_id: workspace.id });
    return { workspace, apiKey, email, password };
  }

  // -------------------------------------------------------------------------------------------
  // State
  // -------------------------------------------------------------------------------------------

  #seed(): void {
    this.workspaces = [];
    this.runs = [];
    this.#accounts = [];
    this.#tokens.clear();
    this.logins = 0;
    const options = this.#options.workspace ?? {};
    this.#createWorkspace(FAKE_PIKARC_WORKSPACE_ID, {
      plan: 'scale',
      name: 'Fake Workspace',
      slug: 'fake-workspace',
      ...options,
      apiKey: options.apiKey ?? FAKE_PIKARC_API_KEY,
    });
    this.#accounts.push({
      id: '00000000-0000-4000-8000-0000000000a1',
      email: options.email ?? FAKE_PIKARC_EMAIL,
      password: options.password ?? FAKE_PIKARC_PASSWORD,
      workspace_id: FAKE_PIKARC_WORKSPACE_ID,
    });
    this.#pricing.clear();
    for (const entry of this.#options.pricing ?? DEFAULT_PRICING) {
      this.#pricing.set(entry.model, { ...entry, id: uuid(), is_active: entry.is_active ?? true });
    }
  }

  #createWorkspace(id: string, options: FakeWorkspaceOptions & { apiKey: string }): FakeWorkspace {
    const plan = options.plan ?? 'basic';
    const name = options.name ?? `Workspace ${this.workspaces.length + 1}`;
    const workspace: FakeWorkspace = {
      id,
      name,
      slug: options.slug ?? name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      kill_switch: options.kill_switch ?? false,
      daily_budget_usd: options.daily_budget_usd ?? null,
      user_daily_budget_usd: options.user_daily_budget_usd ?? null,
      max_concurrent_runs: options.max_concurrent_runs ?? (plan === 'basic' ? 3 : 10),
      plan,
      monthly_run_limit:
        options.monthly_run_limit !== undefined
          ? options.monthly_run_limit
          : FAKE_PLAN_LIMITS[plan].monthlyRuns,
      monthly_run_count: options.monthly_run_count ?? 0,
      blocked_users: new Set(options.blocked_users ?? []),
      api_key: options.apiKey,
      api_key_id: uuid(),
      api_key_created_at: this.#now().toISOString(),
      spend: new Map(),
    };
    this.workspaces.push(workspace);
    return workspace;
  }

  #ws(id: string | undefined): FakeWorkspace {
    const ws = id === undefined ? this.workspace : this.workspaces.find((w) => w.id === id);
    if (!ws) throw new Error(`fake Pikarc: no workspace ${id}`);
    return ws;
  }

  #today(): string {
    return this.#now().toISOString().slice(0, 10);
  }

  #addSpend(ws: FakeWorkspace, userId: string | undefined, usd: number): void {
    const day = this.#today();
    const entry = ws.spend.get(day) ?? { total: 0, users: new Map<string, number>() };
    ws.spend.set(day, entry);
    entry.total += usd;
    if (userId !== undefined) entry.users.set(userId, (entry.users.get(userId) ?? 0) + usd);
  }

  /** Rules 1–4 of the guardrails guide, in order; the first DENY wins. */
  #commonRules(ws: FakeWorkspace, userId: string): FakeDenyReason | null {
    if (ws.kill_switch) return 'KILL_SWITCH_ACTIVE';
    if (ws.blocked_users.has(userId)) return 'USER_BLOCKED';
    const today = ws.spend.get(this.#today());
    // The cost guide denies when spend "reaches" the budget (≥); the SDK page says "exceeds".
    if (ws.daily_budget_usd !== null && (today?.total ?? 0) >= ws.daily_budget_usd) {
      return 'WORKSPACE_DAILY_BUDGET_EXCEEDED';
    }
    if (ws.user_daily_budget_usd !== null && (today?.users.get(userId) ?? 0) >= ws.user_daily_budget_usd) {
      return 'USER_DAILY_BUDGET_EXCEEDED';
    }
    return null;
  }

  #authenticate(req: FakeHandlerRequest, kind: AuthClass): Credential {
    const found = this.#credential(req);
    if (found === 'missing') throw new HttpError(401, 'Not authenticated');
    if (found === 'invalid') throw new HttpError(401, 'Invalid authentication credentials');
    if (found === 'expired') throw new HttpError(401, 'Token has expired');
    if (kind === 'key' && found.kind !== 'key') throw new HttpError(401, 'This endpoint requires an API key');
    if (kind === 'jwt' && found.kind !== 'jwt')
      throw new HttpError(401, 'This endpoint requires a login token');
    return found;
  }

  #credential(req: FakeHandlerRequest): Credential | 'missing' | 'invalid' | 'expired' {
    const header = req.headers.authorization;
    if (!header) return 'missing';
    const match = /^Bearer (\S+)$/.exec(header);
    if (!match) return 'invalid';
    const value = match[1] as string;
    if (value.startsWith('lg_')) {
      const workspace = this.workspaces.find((w) => w.api_key !== undefined && w.api_key === value);
      return workspace ? { kind: 'key', workspace } : 'invalid';
    }
    const token = this.#tokens.get(value);
    if (!token) return 'invalid';
    if (token.expiresAt <= this.#now().getTime()) return 'expired';
    return { kind: 'jwt', workspace: this.#ws(token.account.workspace_id), account: token.account };
  }

  describeAuth(req: FakeHandlerRequest): string {
    const found = this.#credential(req);
    return typeof found === 'string' ? found : found.kind;
  }

  #run(req: FakeHandlerRequest, ws: FakeWorkspace): FakeRun {
    const run = this.runs.find((r) => r.id === req.params.run_id && r.workspace_id === ws.id);
    if (!run) throw new HttpError(404, 'Run not found');
    return run;
  }

  #issueToken(account: FakeAccount): string {
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = base64url(JSON.stringify({ sub: account.id, jti: randomId('', 12) }));
    const token = `${header}.${payload}.${randomId('', 32)}`;
    this.#tokens.set(token, {
      account,
      expiresAt: this.#now().getTime() + (this.#options.tokenTtlMs ?? 24 * 3600_000),
    });
    this.logins += 1;
    return token;
  }

  #workspaceJson(ws: FakeWorkspace) {
    return {
      id: ws.id,
      name: ws.name,
      slug: ws.slug,
      kill_switch: ws.kill_switch,
      daily_budget_usd: ws.daily_budget_usd,
      user_daily_budget_usd: ws.user_daily_budget_usd,
      max_concurrent_runs: ws.max_concurrent_runs,
    };
  }

  #summary(ws: FakeWorkspace) {
    const now = this.#now().getTime();
    const runs = this.runs.filter((r) => r.workspace_id === ws.id && r.status !== 'BLOCKED');
    const window = (days: number) => {
      let total_usd = 0;
      for (const [day, entry] of ws.spend) {
        if (now - Date.parse(`${day}T00:00:00Z`) < days * 86_400_000) total_usd += entry.total;
      }
      const inWindow = runs.filter((r) => now - Date.parse(r.created_at) < days * 86_400_000);
      const total_tokens = inWindow
        .flatMap((r) => r.steps)
        .reduce((sum, s) => sum + (s.prompt_tokens ?? 0) + (s.completion_tokens ?? 0), 0);
      return { total_usd, total_tokens, run_count: inWindow.length };
    };
    const byModel = new Map<
      string,
      { model: string; total_usd: number; prompt_tokens: number; completion_tokens: number }
    >();
    const byUser = new Map<string, { user_id: string; total_usd: number; run_count: number }>();
    for (const run of runs) {
      const user = byUser.get(run.user_id) ?? { user_id: run.user_id, total_usd: 0, run_count: 0 };
      user.run_count += 1;
      for (const step of run.steps) {
        user.total_usd += step.cost_usd ?? 0;
        if (!step.model) continue;
        const model = byModel.get(step.model) ?? {
          model: step.model,
          total_usd: 0,
          prompt_tokens: 0,
          completion_tokens: 0,
        };
        model.total_usd += step.cost_usd ?? 0;
        model.prompt_tokens += step.prompt_tokens ?? 0;
        model.completion_tokens += step.completion_tokens ?? 0;
        byModel.set(step.model, model);
      }
      byUser.set(run.user_id, user);
    }
    return {
      today: { ...window(1), total_usd: ws.spend.get(this.#today())?.total ?? 0 },
      last_7_days: window(7),
      last_30_days: window(30),
      by_model: [...byModel.values()],
      by_user: [...byUser.values()],
      monthly_run_count: ws.monthly_run_count,
      monthly_run_limit: ws.monthly_run_limit,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Routes (paths exactly as documented, trailing slashes included)
  // -------------------------------------------------------------------------------------------

  #routes(): void {
    const server = this.#server;
    const s = {
      route(method: string, path: string, handler: (req: FakeHandlerRequest) => FakeAnswer) {
        server.route(method, path, (req) => {
          try {
            return handler(req);
          } catch (error) {
            if (error instanceof ValidationFailure) return { status: 422, body: { detail: error.detail } };
            throw error;
          }
        });
      },
    };
    const json = (status: number, body: unknown): FakeAnswer => ({ status, body });

    s.route('GET', '/health', () => json(200, { status: 'ok' }));

    // --- auth ---------------------------------------------------------------------------------
    s.route('POST', '/v1/auth/login', (req) => {
      const body = bodyOf(req);
      const email = requireString(body, 'email');
      const password = requireString(body, 'password');
      const account = this.#accounts.find((a) => a.email === email && a.password === password);
      if (!account) throw new HttpError(401, 'Incorrect email or password');
      return json(200, { access_token: this.#issueToken(account), token_type: 'bearer' });
    });
    s.route('POST', '/v1/auth/register', (req) => {
      const body = bodyOf(req);
      const email = requireString(body, 'email');
      const password = requireString(body, 'password');
      if (this.#accounts.some((a) => a.email === email)) throw new HttpError(400, 'Email already registered');
      const name = typeof body.name === 'string' ? body.name : undefined;
      const created = this.addWorkspace({ email, password, ...(name ? { name } : {}) });
      const account = this.#accounts.find((a) => a.email === email) as FakeAccount;
      return json(201, {
        id: account.id,
        email,
        workspace_id: created.workspace.id,
        api_key: created.apiKey,
      });
    });
    s.route('GET', '/v1/auth/me', (req) => {
      const cred = this.#authenticate(req, 'jwt') as Extract<Credential, { kind: 'jwt' }>;
      return json(200, { id: cred.account.id, email: cred.account.email, workspace_id: cred.workspace.id });
    });

    // --- runs and steps -----------------------------------------------------------------------
    s.route('POST', '/v1/runs/', (req) => {
      const { workspace: ws } = this.#authenticate(req, 'key');
      const body = bodyOf(req);
      const user_id = requireString(body, 'user_id');
      const metadata = body.metadata;
      if (metadata !== undefined && metadata !== null && !isObject(metadata)) {
        unprocessable('metadata', 'Input should be a valid dictionary', 'dict_type');
      }
      let reason = this.#commonRules(ws, user_id);
      if (!reason && ws.monthly_run_limit !== null && ws.monthly_run_count >= ws.monthly_run_limit) {
        reason = 'MONTHLY_RUN_LIMIT_EXCEEDED';
      }
      const running = this.runs.filter((r) => r.workspace_id === ws.id && r.status === 'RUNNING').length;
      if (!reason && running >= ws.max_concurrent_runs) reason = 'MAX_CONCURRENT_RUNS_EXCEEDED';
      const decision = reason
        ? { outcome: 'DENY' as const, reason }
        : { outcome: 'ALLOW' as const, reason: null };
      const run: FakeRun = {
        id: uuid(),
        workspace_id: ws.id,
        user_id,
        metadata: (metadata as Record<string, unknown> | null | undefined) ?? null,
        status: reason ? 'BLOCKED' : 'RUNNING',
        decision,
        created_at: this.#now().toISOString(),
        ended_at: null,
        steps: [],
      };
      this.runs.push(run);
      // Guardrails guide: an allowed start bumps the monthly and concurrent counters.
      if (!reason) ws.monthly_run_count += 1;
      return json(201, { id: run.id, status: run.status, decision });
    });

    s.route('POST', '/v1/runs/:run_id/end', (req) => {
      const { workspace: ws } = this.#authenticate(req, 'key');
      const body = bodyOf(req);
      const status = requireString(body, 'status');
      if (status !== 'COMPLETED' && status !== 'FAILED') {
        unprocessable('status', "Input should be 'COMPLETED' or 'FAILED'", 'enum');
      }
      const run = this.#run(req, ws);
      // Ending twice, or ending a BLOCKED run, is undocumented: the fake refuses it with a 400.
      if (run.status !== 'RUNNING') throw new HttpError(400, `Run is not running (status ${run.status})`);
      run.status = status;
      run.ended_at = this.#now().toISOString();
      return json(200, { id: run.id, status: run.status, ended_at: run.ended_at });
    });

    s.route('POST', '/v1/runs/:run_id/steps', (req) => {
      const { workspace: ws } = this.#authenticate(req, 'key');
      const body = bodyOf(req);
      const type = requireString(body, 'type');
      if (!STEP_TYPES.has(type)) unprocessable('type', 'Input should be a valid step type', 'enum');
      const sequence = body.sequence;
      if (sequence === undefined) unprocessable('sequence', 'Field required', 'missing');
      if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 1) {
        unprocessable('sequence', 'Input should be an integer ≥ 1', 'int_type');
      }
      const run = this.#run(req, ws);
      const reason: FakeDenyReason | null =
        run.status !== 'RUNNING' ? 'RUN_ALREADY_ENDED' : this.#commonRules(ws, run.user_id);
      const decision = reason
        ? { outcome: 'DENY' as const, reason }
        : { outcome: 'ALLOW' as const, reason: null };
      const step: FakeStep = {
        id: uuid(),
        type,
        sequence,
        model: typeof body.model === 'string' ? body.model : null,
        tool_name: typeof body.tool_name === 'string' ? body.tool_name : null,
        input_data: isObject(body.input_data) ? body.input_data : null,
        status: reason ? 'BLOCKED' : 'ALLOWED',
        decision,
        duration_ms: null,
        prompt_tokens: null,
        completion_tokens: null,
        cost_usd: null,
        created_at: this.#now().toISOString(),
      };
      run.steps.push(step);
      return json(201, { id: step.id, status: step.status, decision });
    });

    s.route('PATCH', '/v1/runs/:run_id/steps/:step_id', (req) => {
      const { workspace: ws } = this.#authenticate(req, 'key');
      const body = bodyOf(req);
      const run = this.#run(req, ws);
      const step = run.steps.find((st) => st.id === req.params.step_id);
      if (!step) throw new HttpError(404, 'Step not found');
      if (body.status !== undefined) step.status = requireString(body, 'status');
      const duration = optionalNumber(body, 'duration_ms');
      if (duration !== undefined) step.duration_ms = duration;
      const prompt = optionalNumber(body, 'prompt_tokens', true);
      const completion = optionalNumber(body, 'completion_tokens', true);
      if (prompt !== undefined) step.prompt_tokens = prompt;
      if (completion !== undefined) step.completion_tokens = completion;
      if (prompt !== undefined || completion !== undefined) {
        // Cost tracking guide: cost from the model's pricing entry, added to today's counters.
        const pricing = step.model ? this.#pricing.get(step.model) : undefined;
        const before = step.cost_usd ?? 0;
        step.cost_usd = pricing?.is_active
          ? (step.prompt_tokens ?? 0) * pricing.input_cost_per_token +
            (step.completion_tokens ?? 0) * pricing.output_cost_per_token
          : null;
        const delta = (step.cost_usd ?? 0) - before;
        if (delta !== 0) this.#addSpend(ws, run.user_id, delta);
      }
      return json(200, stepJson(step));
    });

    s.route('GET', '/v1/runs/', (req) => {
      const { workspace: ws } = this.#authenticate(req, 'either');
      const user = req.query.get('user_id');
      const status = req.query.get('status');
      const runs = this.runs
        .filter((r) => r.workspace_id === ws.id)
        .filter((r) => (user ? r.user_id === user : true) && (status ? r.status === status : true));
      // The listing's shape is undocumented: the fake answers a bare array.
      return json(200, runs.map(runJson));
    });
    s.route('GET', '/v1/runs/:run_id', (req) => {
      const { workspace: ws } = this.#authenticate(req, 'either');
      return json(200, runJson(this.#run(req, ws)));
    });

    // --- workspace ----------------------------------------------------------------------------
    s.route('GET', '/v1/workspace/', (req) => {
      const { workspace: ws } = this.#authenticate(req, 'either');
      return json(200, this.#workspaceJson(ws));
    });
    s.route('PATCH', '/v1/workspace/', (req) => {
      const { workspace: ws } = this.#authenticate(req, 'either');
      const body = bodyOf(req);
      if (body.name !== undefined && body.name !== null && typeof body.name !== 'string') {
        unprocessable('name', 'Input should be a valid string', 'string_type');
      }
      const daily = optionalNumber(body, 'daily_budget_usd');
      const perUser = optionalNumber(body, 'user_daily_budget_usd');
      const concurrent = optionalNumber(body, 'max_concurrent_runs', true);
      if (concurrent === 0)
        unprocessable('max_concurrent_runs', 'Input should be greater than 0', 'greater_than');
      // Plan tiers guide: per-user budgets and the concurrency limit need Pro or higher.
      if (ws.plan === 'basic' && perUser !== undefined && perUser !== null) {
        throw new HttpError(
          403,
          'Per-user daily budgets are not available on the basic plan. Upgrade to Pro or higher.',
        );
      }
      if (ws.plan === 'basic' && concurrent !== undefined && concurrent !== null) {
        throw new HttpError(
          403,
          'Configurable concurrent runs are not available on the basic plan. Upgrade to Pro or higher.',
        );
      }
      if (typeof body.name === 'string') ws.name = body.name;
      if (daily !== undefined) ws.daily_budget_usd = daily;
      if (perUser !== undefined) ws.user_daily_budget_usd = perUser;
      if (concurrent !== undefined && concurrent !== null) ws.max_concurrent_runs = concurrent;
      return json(200, this.#workspaceJson(ws));
    });
    s.route('POST', '/v1/workspace/kill-switch', (req) => {
      const { workspace: ws } = this.#authenticate(req, 'either');
      const body = bodyOf(req);
      if (body.active === undefined) unprocessable('active', 'Field required', 'missing');
      if (typeof body.active !== 'boolean')
        unprocessable('active', 'Input should be a valid boolean', 'bool_type');
      // Enabling needs Scale or Enterprise; disabling is allowed on every plan (the docs are silent).
      if (body.active && PLAN_RANK[ws.plan] < PLAN_RANK.scale) {
        throw new HttpError(
          403,
          `Kill switch is not available on the ${ws.plan} plan. Upgrade to Scale or Enterprise.`,
        );
      }
      ws.kill_switch = body.active;
      return json(200, this.#workspaceJson(ws));
    });

    // --- usage, keys, pricing -----------------------------------------------------------------
    s.route('GET', '/v1/usage/summary', (req) => {
      const { workspace: ws } = this.#authenticate(req, 'either');
      return json(200, this.#summary(ws));
    });
    s.route('GET', '/v1/api-keys/', (req) => {
      const { workspace: ws } = this.#authenticate(req, 'either');
      if (!ws.api_key) throw new HttpError(404, 'No active API key');
      return json(200, {
        id: ws.api_key_id,
        prefix: ws.api_key.slice(3, 11),
        key: null,
        label: 'Default',
        is_active: true,
        created_at: ws.api_key_created_at,
      });
    });
    s.route('POST', '/v1/api-keys/regenerate', (req) => {
      const { workspace: ws } = this.#authenticate(req, 'either');
      // Revokes every key (the caller's included) and creates one: 200, the plaintext key once.
      ws.api_key = newKey();
      ws.api_key_id = uuid();
      ws.api_key_created_at = this.#now().toISOString();
      return json(200, {
        id: ws.api_key_id,
        prefix: ws.api_key.slice(3, 11),
        label: 'Default',
        key: ws.api_key,
        created_at: ws.api_key_created_at,
      });
    });
    s.route('GET', '/v1/model-pricing/', (req) => {
      this.#authenticate(req, 'either');
      return json(200, [...this.#pricing.values()].filter((p) => p.is_active).map(pricingJson));
    });
    s.route('PUT', '/v1/model-pricing/:model', (req) => {
      this.#authenticate(req, 'either');
      const body = bodyOf(req);
      for (const field of ['input_cost_per_token', 'output_cost_per_token']) {
        if (body[field] === undefined) unprocessable(field, 'Field required', 'missing');
        optionalNumber(body, field);
      }
      if (body.is_active !== undefined && typeof body.is_active !== 'boolean') {
        unprocessable('is_active', 'Input should be a valid boolean', 'bool_type');
      }
      const model = req.params.model as string;
      const entry = {
        id: this.#pricing.get(model)?.id ?? uuid(),
        model,
        input_cost_per_token: body.input_cost_per_token as number,
        output_cost_per_token: body.output_cost_per_token as number,
        is_active: (body.is_active as boolean | undefined) ?? true,
      };
      this.#pricing.set(model, entry);
      return json(200, pricingJson(entry));
    });
  }
}

function newKey(): string {
  return `lg_${randomId('', 8)}_${randomId('', 32)}`;
}

function stepJson(step: FakeStep) {
  const { decision: _decision, input_data: _input, created_at: _created, ...rest } = step;
  return rest;
}

function runJson(run: FakeRun) {
  return {
    id: run.id,
    user_id: run.user_id,
    status: run.status,
    metadata: run.metadata,
    created_at: run.created_at,
    ended_at: run.ended_at,
    steps: run.steps.map(stepJson),
  };
}

function pricingJson(entry: FakePricing & { id: string; is_active: boolean }) {
  return {
    id: entry.id,
    model: entry.model,
    input_cost_per_token: entry.input_cost_per_token,
    output_cost_per_token: entry.output_cost_per_token,
    is_active: entry.is_active,
  };
}

/**
 * Starts a fake Pikarc on 127.0.0.1: one seeded workspace (`FAKE_PIKARC_WORKSPACE_ID`, Scale plan,
 * key `FAKE_PIKARC_API_KEY`, account `FAKE_PIKARC_EMAIL` / `FAKE_PIKARC_PASSWORD`), the seven deny
 * reasons, key and JWT auth, plan-gated 403s, and the kit's faults. Errors are `{ detail }`; a 422
 * carries FastAPI's `[{ loc, msg, type }]`.
 */
export async function startFakePikarc(options: FakePikarcOptions = {}): Promise<FakePikarc> {
  let fake: PikarcFake | undefined;
  const server = await startFakeServer({
    name: 'Pikarc',
    port: options.port ?? 0,
    errorBody: (_status, message) => ({ detail: message }),
    describeAuth: (req) => {
      if (['/health', '/v1/auth/login', '/v1/auth/register'].includes(req.path)) return 'none';
      return fake?.describeAuth(req);
    },
    faults: options.faults ?? [],
  });
  fake = new PikarcFake(server, options);
  return fake;
}
