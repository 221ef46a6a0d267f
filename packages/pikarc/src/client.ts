import {
  type AuthStrategy,
  bearerAuth,
  type ClientOptions,
  ConfigurationError,
  InvalidInputError,
  QuiverClient,
  readEnv,
  resolveApiKey,
  tokenAuth,
} from '@quiver/core';
import { parsePikarcError } from './errors.js';
import { ApiKeys } from './resources/api-keys.js';
import { Auth } from './resources/auth.js';
import { Health } from './resources/health.js';
import { ModelPricingResource } from './resources/model-pricing.js';
import { Runs } from './resources/runs.js';
import { Usage } from './resources/usage.js';
import { WorkspaceResource } from './resources/workspace.js';
import { type GuardedRunFn, type GuardedRunOptions, type GuardedRunParams, guardedRun } from './run.js';
import { VERSION } from './version.js';

/**
 * The server root of a self-run Pikarc (the Python SDK's `base_url` default). No hosted API URL is
 * documented (`app.pikarc.dev` is the dashboard), so production deployments pass their own HTTPS URL.
 */
export const DEFAULT_BASE_URL = 'http://localhost:8000';

/** A dashboard account's credentials, for `POST /v1/auth/login`. */
export interface PikarcCredentials {
  /** The account's email. */
  email: string;
  /** The account's password. Kept in memory only, never in a property, message or log. */
  password: string;
}

/** Options of the `Pikarc` client: every core option, plus the two credentials. */
export interface PikarcOptions extends ClientOptions {
  /**
   * The API key (`lg_<prefix>_<secret>`), for runs, steps and (preferred) every "either" endpoint.
   * Default: `PIKARC_API_KEY`. Optional: a client holding only a login token can use the dashboard
   * endpoints.
   */
  apiKey?: string | undefined;
  /**
   * A JWT from `POST /v1/auth/login` obtained elsewhere (valid 24 h by default). Used as given; never
   * renewed: a 401 surfaces. Prefer `Pikarc.login()` or `auth`.
   */
  token?: string | undefined;
  /**
   * Email and password: the client logs in on the first call that needs (or, without an API key,
   * may use) a JWT, and once more after a 401 on a JWT call, then repeats that call.
   */
  auth?: PikarcCredentials | undefined;
  /**
   * The server root. Default: `PIKARC_BASE_URL`, then `http://localhost:8000`. A trailing `/v1` (as
   * the API reference writes the base) is removed; `http://` is refused except for loopback hosts.
   */
  baseURL?: string | undefined;
}

/** Options of `Pikarc.login`: the client's options, plus whether to log in again after a 401. */
export interface PikarcLoginOptions extends Omit<PikarcOptions, 'token' | 'auth'> {
  /**
   * Keep the credentials (in memory only) and log in again once after a 401 on a JWT call. Default
   * `false`: the token expires after 24 h and a 401 surfaces.
   */
  reauthenticate?: boolean | undefined;
}

// A key or token must be one header value: control characters would split or corrupt it.
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || /\s/.test(value[i] as string)) return true;
  }
  return false;
}

function resolveKey(option: string | undefined): string | undefined {
  const raw = option ?? readEnv('PIKARC_API_KEY');
  if (raw === undefined || raw === '') return undefined;
  const where = option !== undefined ? 'the apiKey option' : 'PIKARC_API_KEY';
  if (typeof raw === 'string' && raw.startsWith('eyJ')) {
    throw new ConfigurationError(
      `Pikarc: ${where} holds a JWT, not an API key (keys start with lg_); pass it as { token } instead.`,
    );
  }
  if (typeof raw === 'string' && hasControl(raw)) {
    throw new ConfigurationError(`Pikarc: the API key must not contain whitespace or control characters.`);
  }
  // Only the `lg_` prefix is checked: the docs' samples disagree on the secret's length (32 vs 24)
  // and their own placeholder breaks the 8-character prefix rule (Pikarc API reference, Overview).
  return resolveApiKey({
    vendor: 'Pikarc',
    option: raw,
    env: 'PIKARC_API_KEY',
    pattern: /^lg_./,
    expected: 'a key starting with lg_ (Settings → API Key in the dashboard)',
  });
}

function checkToken(token: unknown): string | undefined {
  if (token === undefined || token === '') return undefined;
  if (typeof token !== 'string' || hasControl(token)) {
    throw new ConfigurationError('Pikarc: token must be a string without whitespace or control characters.');
  }
  if (token.startsWith('lg_')) {
    throw new ConfigurationError(
      'Pikarc: token holds an API key (lg_…), not a JWT; pass it as { apiKey } instead.',
    );
  }
  return token;
}

function checkCredentials(auth: unknown, option: string): PikarcCredentials | undefined {
  if (auth === undefined) return undefined;
  const { email, password } = (auth ?? {}) as Partial<PikarcCredentials>;
  if (typeof email !== 'string' || email === '' || typeof password !== 'string' || password === '') {
    throw new ConfigurationError(`Pikarc: ${option} needs a non-empty email and password.`);
  }
  // Copied: the client keeps its own strings in a closure, never the caller's object.
  return { email, password };
}

function stripV1(raw: string): string {
  return raw.trim().replace(/\/+$/, '').replace(/\/v1$/i, '');
}

const WARN_LEVELS = new Set(['warn', 'info', 'debug', undefined]);

/**
 * The Pikarc client: guardrails for AI agents. `new Pikarc()` reads `PIKARC_API_KEY` and
 * `PIKARC_BASE_URL`. Wrap an agent's work in `client.run()`: every run and every model or tool call
 * asks the server for ALLOW or DENY first.
 *
 * ```ts
 * const pikarc = new Pikarc();
 * const answer = await pikarc.run({ user_id: 'alice' }, (run) =>
 *   run.modelCall({ model: 'gpt-4o', fn: () => openai.chat.completions.create(req),
 *                   tokenExtractor: (r) => [r.usage.prompt_tokens, r.usage.completion_tokens] }));
 * ```
 *
 * Two credentials (Pikarc API reference, Authentication): the API key (runs and steps need it) and
 * a JWT from `Pikarc.login()` (the account endpoints need it); the rest take either, the key first.
 */
export class Pikarc extends QuiverClient {
  /** Start and end runs, create and report steps (raw; see `run()`), list and read runs. */
  readonly runs: Runs;
  /** The workspace: budgets, concurrency limit, `workspace.killSwitch`. */
  readonly workspace: WorkspaceResource;
  /** `usage.summary`: spend and run counts. */
  readonly usage: Usage;
  /** The workspace's API key: retrieve, regenerate. */
  readonly apiKeys: ApiKeys;
  /** Per-model token prices. */
  readonly modelPricing: ModelPricingResource;
  /** Login, registration, `auth.me`. */
  readonly auth: Auth;
  /** `GET /health`. */
  readonly health: Health;
  /** Whether the client holds an API key (runs and steps need one). */
  readonly hasApiKey: boolean;
  /** Whether the client holds, or can obtain, a login token (JWT). */
  readonly hasToken: boolean;

  readonly #warn: (message: string) => void;

  /**
   * @throws ConfigurationError with a malformed key (not `lg_…`, or a JWT), a malformed token, `auth`
   * without email and password, or a bad `baseURL`.
   */
  constructor(options: PikarcOptions = {}) {
    const apiKey = resolveKey(options.apiKey);
    const token = checkToken(options.token);
    const credentials = checkCredentials(options.auth, 'auth');
    const self: { client?: Pikarc } = {};
    let jwt: AuthStrategy | undefined;
    if (credentials) {
      let initial = token;
      jwt = tokenAuth(async ({ signal, forceRefresh }) => {
        const given = forceRefresh ? undefined : initial;
        initial = undefined;
        if (given !== undefined) return given;
        const client = self.client as Pikarc;
        // `auth.login` is a row without credentials, so it never re-enters this strategy.
        const result = await client.auth.login(credentials, { signal });
        return result.access_token;
      });
    } else if (token !== undefined) {
      jwt = bearerAuth(token);
    }
    super(options, {
      name: 'Pikarc',
      sdk: 'quiver-pikarc',
      version: VERSION,
      baseURL: stripV1(options.baseURL ?? readEnv('PIKARC_BASE_URL') ?? DEFAULT_BASE_URL),
      auth: apiKey === undefined ? undefined : bearerAuth(apiKey),
      jwt,
      credentialHint: {
        key: 'pass { apiKey } or set PIKARC_API_KEY (a login token cannot start runs or create steps)',
        jwt: 'call Pikarc.login({ email, password }), or pass { auth: { email, password } } or { token }',
      },
      parseError: parsePikarcError,
      // No rate limits are documented and no rate-limit headers are sent: no client-side limiter.
      rateLimit: false,
    });
    self.client = this;
    this.hasApiKey = apiKey !== undefined;
    this.hasToken = jwt !== undefined;
    const logger = options.logger ?? console;
    const enabled = WARN_LEVELS.has(options.logLevel);
    this.#warn = (message) => {
      if (enabled) logger.warn(`[quiver] Pikarc: ${message}`);
    };
    this.runs = new Runs(this);
    this.workspace = new WorkspaceResource(this);
    this.usage = new Usage(this);
    this.apiKeys = new ApiKeys(this);
    this.modelPricing = new ModelPricingResource(this);
    this.auth = new Auth(this);
    this.health = new Health(this);
  }

  /**
   * Logs in (`POST /v1/auth/login`, no credential) and returns a client holding the JWT, plus the
   * API key of `options.apiKey` or `PIKARC_API_KEY` when there is one. With
   * `reauthenticate: true` the credentials stay in memory for one fresh login after a 401.
   *
   * @throws AuthenticationError (as a rejection) when the email or password is wrong.
   */
  static async login(credentials: PikarcCredentials, options: PikarcLoginOptions = {}): Promise<Pikarc> {
    const { reauthenticate, ...rest } = options;
    for (const field of ['email', 'password'] as const) {
      const value = (credentials as Partial<PikarcCredentials> | undefined)?.[field];
      if (typeof value !== 'string' || value === '') {
        throw new InvalidInputError(`credentials.${field} must be a non-empty string.`);
      }
    }
    const checked = { email: credentials.email, password: credentials.password };
    const bootstrap = new Pikarc(rest);
    const { access_token } = await bootstrap.auth.login(checked, { signal: undefined });
    return new Pikarc({ ...rest, token: access_token, auth: reauthenticate ? checked : undefined });
  }

  /**
   * A guarded run (Pikarc SDK docs, Guarded run). Starts the run; a DENY rejects with
   * `PikarcBlockedError` before `fn` runs. Otherwise awaits `fn(run)`, whose `run.modelCall` and
   * `run.toolCall` each ask for a decision before calling your function, and ends the run COMPLETED,
   * or FAILED when `fn` throws or `opts.signal` aborts. A failure to end the run goes to
   * `opts.onEndError` (default: a logged warning) and never hides `fn`'s result or error.
   * Needs the API key.
   */
  run<T>(params: GuardedRunParams, fn: GuardedRunFn<T>, opts?: GuardedRunOptions): Promise<T> {
    return guardedRun({ runs: this.runs, warn: this.#warn }, params, fn, opts);
  }
}
