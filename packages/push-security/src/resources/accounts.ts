import { type APIPromise, APIResource, openEnum, type Paginator, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';
import { listEnvelope, listPage, listQuery, TimestampSchema, unixSeconds } from './shared.js';

/** App types seen in the docs (Push Security API docs, List accounts); the full list was not captured, so the enum is open. */
export const AppTypeSchema = openEnum(['ATLASSIAN', 'OPENAI', 'ZAPIER']);
/** `ATLASSIAN`, `OPENAI`, `ZAPIER`, … (open). */
export type AppType = v.InferOutput<typeof AppTypeSchema>;

/** MFA methods (Push Security API docs, List accounts); the documented list is truncated, so the enum is open. */
export const MfaMethodSchema = openEnum([
  'APP_TOTP',
  'PUSH_NOTIFICATION',
  'EMAIL_OTP',
  'U2F',
  'HARDWARE_TOTP',
  'PHONE_CALL',
  'SMS_OTP',
  'APP_PASSWORD',
  'GRID_CARD',
  'EXTERNAL_PROVIDER',
  'BACKUP_CODES',
]);
/** One MFA method (open). */
export type MfaMethod = v.InferOutput<typeof MfaMethodSchema>;

/** How an account logs in (a third-party client and the webhook docs). */
export const LoginMethodsSchema = v.looseObject({
  passwordLogin: v.optional(v.boolean()),
  /** The identity provider used for OIDC, or null. */
  oidcLogin: v.optional(v.nullable(v.string())),
  samlLogin: v.optional(v.nullable(v.string())),
  oktaSwaLogin: v.optional(v.boolean()),
  vendorSsoLogin: v.optional(v.nullable(v.string())),
  fedCmLogin: v.optional(v.nullable(v.string())),
});
/** Login methods of an account. */
export type LoginMethods = v.InferOutput<typeof LoginMethodsSchema>;

/** A SaaS account of an employee (Push Security API docs, List accounts: the first 7 fields are official). */
export const AccountSchema = v.looseObject({
  id: v.string(),
  /** The primary employee owning the account. */
  employeeId: v.optional(v.string()),
  appType: v.optional(AppTypeSchema),
  appId: v.optional(v.string()),
  /** Login email. */
  email: v.optional(v.string()),
  /** `null` = unknown. */
  mfaRegistered: v.optional(v.nullable(v.boolean())),
  mfaMethods: v.optional(v.nullable(v.array(MfaMethodSchema))),
  /** Third-party observed. */
  passwordId: v.optional(v.string()),
  /** Third-party / webhook observed. */
  loginMethods: v.optional(LoginMethodsSchema),
  /** UNIX seconds (third-party observed). */
  creationTimestamp: v.optional(TimestampSchema),
  /** UNIX seconds (third-party observed; matches the `lastUsedTimestamp*` filters). */
  lastUsedTimestamp: v.optional(TimestampSchema),
});
/** An account. Unknown fields are kept. */
export type Account = v.InferOutput<typeof AccountSchema>;

/** `{ result: Account[], paging? }`. */
export const AccountListSchema = listEnvelope(AccountSchema);

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const AccountListQuery = listQuery('accounts.list', {
  /** Email filter; partial values match (e.g. `'@example.com'`). */
  email: v.optional(v.string()),
  /** App of the account, e.g. `ATLASSIAN`. */
  appType: v.optional(AppTypeSchema),
  /** Employee linked to the account. */
  employeeId: v.optional(v.string()),
  /** Password linked to the account. */
  passwordId: v.optional(v.string()),
  /** Last used at or after this UNIX time (seconds). */
  lastUsedTimestampAfter: v.optional(unixSeconds()),
  /** Last used at or before this UNIX time (seconds). */
  lastUsedTimestampBefore: v.optional(unixSeconds()),
});
/** Filters of `accounts.list` (Push Security API docs, List accounts), plus `limit`, `nextToken`, `offset`. */
export type AccountListParams = v.InferInput<typeof AccountListQuery>;

/** The accounts endpoints. */
export const accountRoutes = {
  list: route('GET /v1/accounts', {
    summary: 'List accounts, every page.',
    query: AccountListQuery,
    page: listPage(AccountSchema),
  }),
  retrieve: route('GET /v1/accounts/{id}', {
    summary: 'Retrieve one account.',
    returns: AccountSchema,
    experimental: true,
  }),
  delete: route('DELETE /v1/accounts/{id}', { summary: 'Delete an account.', experimental: true }),
};

/** `push.accounts`: employees' SaaS accounts. */
export class Accounts extends APIResource {
  /**
   * Lists accounts, every page. `GET /v1/accounts`.
   *
   * ```ts
   * for await (const account of push.accounts.list({ appType: 'ATLASSIAN' })) {
   *   if (account.mfaRegistered === false) console.log(account.email);
   * }
   * ```
   */
  list(query?: AccountListParams, opts?: RequestOptions): Paginator<Account> {
    return this._call(accountRoutes.list, { query }, opts);
  }

  /**
   * Retrieves one account. `GET /v1/accounts/{id}`.
   *
   * @experimental Provisional: inferred from a docs slug; assumed to return a bare Account.
   */
  retrieve(id: string, opts?: RequestOptions): APIPromise<Account> {
    return this._call(accountRoutes.retrieve, { id }, opts);
  }

  /**
   * Deletes an account. `DELETE /v1/accounts/{id}`. Needs a Full access key. Resolves to the parsed
   * body, or `undefined` for an empty one (the success status, 200 or 204, is undocumented).
   *
   * @experimental Provisional: inferred from a docs slug.
   */
  delete(id: string, opts?: RequestOptions): APIPromise<unknown> {
    return this._call(accountRoutes.delete, { id }, opts);
  }
}
