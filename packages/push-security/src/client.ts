import {
  type ArrayFormat,
  type ClientOptions,
  ConfigurationError,
  headerAuth,
  InvalidInputError,
  QuiverClient,
  type RateLimitOptions,
  readEnv,
  resolveApiKey,
} from '@quiver/core';
import { parsePushError } from './errors.js';
import { Accounts } from './resources/accounts.js';
import { Apps } from './resources/apps.js';
import { BrowserExtensions } from './resources/browser-extensions.js';
import { Browsers } from './resources/browsers.js';
import { Detections } from './resources/detections.js';
import { Employees } from './resources/employees.js';
import { Findings } from './resources/findings.js';
import { Webhooks } from './resources/webhooks.js';
import { VERSION } from './version.js';

/** The public API host (Push Security API docs, Conventions). */
export const DEFAULT_BASE_URL = 'https://api.pushsecurity.com';

/**
 * The documented limit is 10 requests/s per user plus 10 more as a burst (Push Security API docs, Rate limits). The
 * client refills at 10/s with a bucket of 10, keeping the server's extra 10 as a safety margin, so a
 * burst of calls never sees a 429.
 */
const DEFAULT_RATE = { perSecond: 10, burst: 10 } as const;

/** The client-side limiter: core's token bucket options, plus the `requestsPerSecond` spelling. */
export interface PushSecurityRateLimitOptions extends RateLimitOptions {
  /** Tokens added per second (same as `perSecond`). Default `10`. */
  requestsPerSecond?: number;
  /** Tokens added per second. Default `10`. */
  perSecond?: number;
  /** Bucket capacity: how many calls may go at once after a quiet spell. Default `10`. */
  burst?: number;
}

/** Options of {@link PushSecurity}. Every option of `@quiver/core`'s `ClientOptions` applies too. */
export interface PushSecurityOptions extends ClientOptions {
  /** The API key, sent as `x-api-key`. Default: the `PUSH_SECURITY_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /**
   * The API host. Default: `PUSH_SECURITY_BASE_URL`, then `https://api.pushsecurity.com`. HTTPS only
   * (plain `http://` is allowed for loopback hosts, e.g. the fake server). A trailing `/` and a pasted `/v1` are ignored.
   */
  baseURL?: string | undefined;
  /**
   * Refuse every non-GET call locally with `InvalidInputError`, sending nothing and using no rate-limit
   * token — for clients holding a `Read only` key, whose level the API cannot report. Default `false`.
   */
  readOnly?: boolean | undefined;
  /**
   * The client-side token bucket shared by every call of this client. Default
   * `{ requestsPerSecond: 10, burst: 10 }` (the documented limit, minus the server's extra burst as a
   * margin); `false` turns it off. The limit is per key, so share one client per key in a process.
   */
  rateLimit?: PushSecurityRateLimitOptions | false | undefined;
  /**
   * How array filters (`permissions`, `hostPermissions`) are written: `'repeat'`
   * (`permissions=a&permissions=b`) or `'comma'` (`permissions=a,b`). The API does not document it.
   * Default `'repeat'`.
   */
  arrayFormat?: ArrayFormat | undefined;
}

function positive(name: string, value: number | undefined): void {
  if (value !== undefined && !(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
    throw new ConfigurationError(
      `Push Security: rateLimit.${name} must be a number > 0; got ${String(value)}.`,
    );
  }
}

function rateLimitOption(option: PushSecurityOptions['rateLimit']): RateLimitOptions | false | undefined {
  if (option === undefined || option === false) return option;
  const { requestsPerSecond, ...rest } = option;
  positive('requestsPerSecond', requestsPerSecond);
  positive('perSecond', rest.perSecond);
  positive('perMinute', rest.perMinute);
  positive('burst', rest.burst);
  const perSecond = rest.perSecond ?? requestsPerSecond;
  // Only a missing rate is filled in: in core a bucket without a rate is unlimited, which would turn
  // `{ burst: 5 }` into "no limit" by surprise.
  const rate = perSecond === undefined && rest.perMinute === undefined ? DEFAULT_RATE.perSecond : perSecond;
  return {
    ...rest,
    ...(rate === undefined ? {} : { perSecond: rate }),
    burst: rest.burst ?? DEFAULT_RATE.burst,
  };
}

/** `/v1/apps/5f0c…` → `/v1/apps/{id}`: the route, for the read-only message. */
function routeOf(path: string): string {
  return path.split('?')[0]!.replace(/^(\/v1\/[^/]+\/)[^/]+/, '$1{id}');
}

function readOnlyRefusal(method: string, path: string): InvalidInputError {
  return new InvalidInputError(
    `Push Security: Read only key: ${method} ${routeOf(path)} needs Full access. This client was created with readOnly: true, so nothing was sent.`,
  );
}

/**
 * The Push Security API client.
 *
 * ```ts
 * import { PushSecurity } from '@quiver/push-security';
 * const push = new PushSecurity(); // PUSH_SECURITY_API_KEY, PUSH_SECURITY_BASE_URL
 * for await (const finding of push.findings.list()) console.log(finding.type);
 * ```
 */
export class PushSecurity extends QuiverClient {
  /** Employees' SaaS accounts. */
  readonly accounts: Accounts;
  /** Discovered SaaS apps. */
  readonly apps: Apps;
  /** Browsers running the Push extension. */
  readonly browsers: Browsers;
  /** Extensions installed in employees' browsers. */
  readonly browserExtensions: BrowserExtensions;
  /** Phishing and credential-theft detections. */
  readonly detections: Detections;
  /** Employees and their groups. */
  readonly employees: Employees;
  /** Identity-security findings. */
  readonly findings: Findings;
  /** Webhook verification. */
  readonly webhooks: Webhooks;
  /** Whether non-GET calls are refused locally (the `readOnly` option). */
  readonly readOnly: boolean;

  constructor(options: PushSecurityOptions = {}) {
    // No key prefix is documented, so only "present, no whitespace" is checked (Push Security API docs, Authentication).
    const apiKey = resolveApiKey({
      vendor: 'Push Security',
      option: options.apiKey,
      env: 'PUSH_SECURITY_API_KEY',
    });
    const arrayFormat = options.arrayFormat ?? 'repeat';
    if (arrayFormat !== 'repeat' && arrayFormat !== 'comma') {
      throw new ConfigurationError(
        `Push Security: arrayFormat must be 'repeat' or 'comma'; got ${String(arrayFormat)}.`,
      );
    }
    super(
      { ...options, apiKey: undefined, rateLimit: rateLimitOption(options.rateLimit) },
      {
        name: 'Push Security',
        sdk: 'quiver-push-security',
        version: VERSION,
        baseURL: options.baseURL ?? readEnv('PUSH_SECURITY_BASE_URL') ?? DEFAULT_BASE_URL,
        versionSuffix: /\/v1$/i,
        auth: headerAuth('x-api-key', apiKey),
        parseError: parsePushError,
        rateLimit: { ...DEFAULT_RATE },
        arrayFormat,
        // API Gateway names its request id x-amzn-requestid (Push Security API docs, Authentication).
        requestIdHeaders: ['x-request-id', 'x-amzn-requestid', 'request-id'],
        // Read only keys may only GET (Push Security API docs, Authentication): refuse the rest before a token is taken.
        guard: options.readOnly
          ? ({ method, displayPath }) => {
              if (method !== 'GET') throw readOnlyRefusal(method, displayPath);
            }
          : undefined,
      },
    );
    this.readOnly = options.readOnly === true;
    this.accounts = new Accounts(this);
    this.apps = new Apps(this);
    this.browsers = new Browsers(this);
    this.browserExtensions = new BrowserExtensions(this);
    this.detections = new Detections(this);
    this.employees = new Employees(this);
    this.findings = new Findings(this);
    this.webhooks = new Webhooks(this);
  }

  /**
   * A client for a `Read only` key: non-GET calls are refused locally, and the returned type has no
   * write methods, so `push.apps.update(...)` does not compile.
   */
  static readOnly(options: Omit<PushSecurityOptions, 'readOnly'> = {}): ReadOnlyPushSecurity {
    return new PushSecurity({ ...options, readOnly: true });
  }
}

/**
 * A {@link PushSecurity} for a `Read only` key, as returned by `PushSecurity.readOnly()`: the write
 * methods (`accounts.delete`, `apps.update`, `detections.update`, `employees.update`,
 * `employees.merge`, `employees.groups`) are not part of the type.
 */
export type ReadOnlyPushSecurity = Omit<PushSecurity, 'accounts' | 'apps' | 'detections' | 'employees'> & {
  /** Employees' SaaS accounts, without `delete`. */
  readonly accounts: Omit<Accounts, 'delete'>;
  /** Discovered SaaS apps, without `update`. */
  readonly apps: Omit<Apps, 'update'>;
  /** Phishing and credential-theft detections, without `update`. */
  readonly detections: Omit<Detections, 'update'>;
  /** Employees, without `update`, `merge` and `groups`. */
  readonly employees: Omit<Employees, 'update' | 'merge' | 'groups'>;
};
