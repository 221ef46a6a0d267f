import { readEnv } from './env.js';
import { ConfigurationError } from './errors.js';

/** Context passed to an auth strategy. */
export interface AuthContext {
  /** The call's abort signal. */
  signal?: AbortSignal | undefined;
}

/**
 * How a client authenticates. Credentials live only in the strategy's closure, never in a property,
 * so neither `util.inspect(client)` nor `JSON.stringify(client)` can reach them.
 */
export interface AuthStrategy {
  /** Adds credentials to an outgoing request's headers. */
  apply(headers: Headers, ctx: AuthContext): void | Promise<void>;
  /** Called once after a 401: refresh the credentials and return `true` to send the request again. */
  refresh?(ctx: AuthContext): Promise<boolean>;
  /**
   * The credential whose rate-limit budget this is, for a shared `RateLimitStore`: only its SHA-256
   * digest is ever stored. A function, never a property, so the key stays in the closure.
   */
  identity?(): string;
}

/** `Authorization: Bearer <key>`. */
export function bearerAuth(key: string): AuthStrategy {
  return { apply: (headers) => headers.set('authorization', `Bearer ${key}`), identity: () => key };
}

/** A key in a custom header, e.g. `x-api-key: <key>`. */
export function headerAuth(name: string, key: string): AuthStrategy {
  return { apply: (headers) => headers.set(name, key), identity: () => key };
}

/**
 * A token obtained by a login call (e.g. a JWT), cached, and fetched again once when the server
 * answers 401. `getToken` must not itself go through a client that uses this strategy's refresh.
 */
export function tokenAuth(
  getToken: (ctx: AuthContext & { forceRefresh: boolean }) => Promise<string>,
  { header = 'authorization', scheme = 'Bearer' }: { header?: string; scheme?: string | null } = {},
): AuthStrategy {
  let token: Promise<string> | undefined;
  const load = (ctx: AuthContext, forceRefresh: boolean) => {
    const pending = getToken({ ...ctx, forceRefresh });
    token = pending;
    // A failed login is not cached: the next call tries again.
    pending.catch(() => {
      if (token === pending) token = undefined;
    });
    return pending;
  };
  return {
    async apply(headers, ctx) {
      const value = await (token ?? load(ctx, false));
      headers.set(header, scheme ? `${scheme} ${value}` : value);
    },
    async refresh(ctx) {
      await load(ctx, true);
      return true;
    },
  };
}

/** No credentials (endpoints where the URL itself is the credential). */
export const noAuth: AuthStrategy = { apply: () => {} };

/**
 * Finds the API key: the option, else the environment variable. Throws `ConfigurationError` when it
 * is missing or does not match the vendor's documented format — without echoing the key.
 */
export function resolveApiKey(opts: {
  vendor: string;
  option: string | undefined;
  env: string;
  /** The documented format, when the vendor documents one. */
  pattern?: RegExp;
  /** What a valid key looks like, for the error message (e.g. "a key starting with pck_live_"). */
  expected?: string;
}): string {
  const key = opts.option ?? readEnv(opts.env);
  if (key === undefined || key === '') {
    throw new ConfigurationError(
      `${opts.vendor}: no API key. Pass { apiKey } to the client or set the ${opts.env} environment variable.`,
    );
  }
  // Whitespace or a control character (a pasted newline, a NUL): fetch would refuse the header with
  // an error that quotes it, key included, so refuse it here without echoing it.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (typeof key !== 'string' || /[\s\u0000-\u001f\u007f]/.test(key)) {
    throw new ConfigurationError(
      `${opts.vendor}: the API key must be a string without whitespace or control characters. Check ${opts.option !== undefined ? 'the apiKey option' : opts.env}.`,
    );
  }
  if (opts.pattern && !opts.pattern.test(key)) {
    throw new ConfigurationError(
      `${opts.vendor}: the API key is malformed; expected ${opts.expected ?? `a key matching ${opts.pattern}`}. Check ${opts.option !== undefined ? 'the apiKey option' : opts.env}.`,
    );
  }
  return key;
}
