import {
  type APIPromise,
  APIResource,
  openEnum,
  type Paginator,
  path,
  type RequestOptions,
} from '@quiver/core';
import * as v from 'valibot';
import { type ListParams, listEnvelope, type Open, paginateList, TimestampSchema } from './shared.js';

/** App types seen in the docs (vendors/push.md §9.2); the full list was not captured, so the enum is open. */
export const AppTypeSchema = openEnum(['ATLASSIAN', 'OPENAI', 'ZAPIER']);
/** `ATLASSIAN`, `OPENAI`, `ZAPIER`, … (open). */
export type AppType = v.InferOutput<typeof AppTypeSchema>;

/** MFA methods (vendors/push.md §9.2); the documented list is truncated, so the enum is open. */
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

/** How an account logs in (vendors/push.md §9.2; third-party client and webhooks). */
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

/** A SaaS account of an employee (vendors/push.md §9.2; the first 7 fields are official). */
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

/** Filters of `accounts.list` (vendors/push.md §7.1). */
export interface AccountListParams extends ListParams {
  /** Email filter; partial values match (e.g. `'@example.com'`). */
  email?: string;
  /** App of the account, e.g. `ATLASSIAN`. */
  appType?: Open<'ATLASSIAN' | 'OPENAI' | 'ZAPIER'>;
  /** Employee linked to the account. */
  employeeId?: string;
  /** Password linked to the account. */
  passwordId?: string;
  /** Last used at or after this UNIX time (seconds). */
  lastUsedTimestampAfter?: number;
  /** Last used at or before this UNIX time (seconds). */
  lastUsedTimestampBefore?: number;
}

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
  list(query: AccountListParams = {}, opts?: RequestOptions): Paginator<Account> {
    return paginateList<Account>(
      this._client,
      { where: 'accounts.list', path: '/v1/accounts', query: { ...query }, schema: AccountListSchema },
      opts,
    );
  }

  /**
   * Retrieves one account. `GET /v1/accounts/{id}`.
   *
   * @experimental Provisional: inferred from a docs slug; assumed to return a bare Account.
   */
  retrieve(id: string, opts?: RequestOptions): APIPromise<Account> {
    return this._client.request(
      { method: 'GET', path: path`/v1/accounts/${id}`, schema: AccountSchema, experimental: true },
      opts,
    );
  }

  /**
   * Deletes an account. `DELETE /v1/accounts/{id}`. Needs a Full access key. Resolves to the parsed
   * body, or `undefined` for an empty one (the success status, 200 or 204, is undocumented).
   *
   * @experimental Provisional: inferred from a docs slug.
   */
  delete(id: string, opts?: RequestOptions): APIPromise<unknown> {
    return this._client.request(
      { method: 'DELETE', path: path`/v1/accounts/${id}`, experimental: true },
      opts,
    );
  }
}
