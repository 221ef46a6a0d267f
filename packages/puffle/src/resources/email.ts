import { type APIPromise, APIResource, openEnum, poll, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';
import { type PollOptions, waitDefaults } from '../wait.js';
import { SenderAccountSchema } from './senders.js';
import { IdInput, optNum, optStr, type SuccessResult, SuccessResultSchema } from './shared.js';

// ---------------------------------------------------------------------------------------------
// Schemas (snake_case, as on the wire)
// ---------------------------------------------------------------------------------------------

/** An email inbox: the sender-account fields of an email sender. */
export const EmailAccountSchema = SenderAccountSchema;
/** An email inbox. */
export type EmailAccount = v.InferOutput<typeof EmailAccountSchema>;

/** Domain statuses: `pending`, `verifying`, `verified`, `failed`. */
export const EmailDomainStatusSchema = openEnum(['pending', 'verifying', 'verified', 'failed']);

/** A sending domain. */
export const EmailDomainSchema = v.looseObject({
  id: v.string(),
  user_id: optStr,
  domain: optStr,
  status: v.optional(v.nullable(EmailDomainStatusSchema)),
  agentmail_domain_id: optStr,
  dns_records: v.optional(
    v.nullable(v.array(v.looseObject({ type: optStr, name: optStr, value: optStr, priority: optNum }))),
  ),
  verified_at: optStr,
  created_at: optStr,
  updated_at: optStr,
});
/** A sending domain. */
export type EmailDomain = v.InferOutput<typeof EmailDomainSchema>;

/** `GET /api/email/domains/{id}/dns-records` (returned whole; a DNS-provider failure is `checked: false`). */
export const DomainDnsRecordsSchema = v.looseObject({
  domain: v.optional(v.nullable(v.looseObject({ id: optStr, domain: optStr, status: optStr }))),
  cloudflare: v.optional(
    v.nullable(
      v.looseObject({ checked: v.optional(v.boolean()), zoneId: optStr, zoneName: optStr, error: optStr }),
    ),
  ),
  records: v.optional(
    v.nullable(
      v.array(
        v.looseObject({
          id: optStr,
          type: optStr,
          name: optStr,
          value: optStr,
          priority: optNum,
          ttl: optNum,
          proxied: v.optional(v.nullable(v.boolean())),
        }),
      ),
    ),
  ),
});
/** The live expected DNS records of a domain. */
export type DomainDnsRecords = v.InferOutput<typeof DomainDnsRecordsSchema>;

const AnalyticsEntry = v.looseObject({
  email: optStr,
  total_sent: optNum,
  total_received: optNum,
  health_score: optNum,
  health_score_label: optStr,
  warmup_reputation: optNum,
  instantly_warmup_status: v.optional(v.unknown()),
  daily_data: v.optional(
    v.nullable(v.array(v.looseObject({ date: optStr, sent: optNum, received: optNum }))),
  ),
});
/** `GET /api/email/accounts/warmup-analytics`: per-account analytics and the status transitions applied. */
export const WarmupAnalyticsSchema = v.looseObject({
  analytics: v.optional(v.nullable(v.record(v.string(), AnalyticsEntry))),
  transitions: v.optional(
    v.nullable(v.record(v.string(), v.looseObject({ warmup_status: optStr, status: optStr }))),
  ),
});
/** Warmup analytics. */
export type WarmupAnalytics = v.InferOutput<typeof WarmupAnalyticsSchema>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const EmailAccountCreateBody = v.object({
  username: v.pipe(v.string(), v.regex(/^[a-zA-Z0-9._-]+$/, 'must use only a-z, 0-9, ".", "-" and "_"')),
  domain_id: IdInput,
  display_name: v.optional(v.string()),
  first_name: v.optional(v.string()),
  last_name: v.optional(v.string()),
});
/** Body of `email.accounts.create` (the domain must be verified; `username` is lowercased by the server). */
export type EmailAccountCreateParams = v.InferInput<typeof EmailAccountCreateBody>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const EmailAccountUpdateBody = v.object({ signature: v.string() });
/** Body of `email.accounts.update`: `signature` is the only mutable field (`""` clears it). */
export type EmailAccountUpdateParams = v.InferInput<typeof EmailAccountUpdateBody>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const DomainListQuery = v.object({ skip_sync: v.optional(v.boolean()) });
/** Query of `email.domains.list`. */
export type EmailDomainListParams = v.InferInput<typeof DomainListQuery>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const DomainCreateBody = v.object({
  domain: v.pipe(
    v.string(),
    v.regex(
      /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/,
      'must be a domain name such as mail.example.com',
    ),
  ),
});
/** Body of `email.domains.create`. */
export type EmailDomainCreateParams = v.InferInput<typeof DomainCreateBody>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const VerifyQuery = v.object({ poll: v.optional(v.boolean()) });
/** Query of `email.domains.verify`: `poll: true` reads the status without re-triggering the check. */
export type EmailDomainVerifyParams = v.InferInput<typeof VerifyQuery>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const DomainUpdateBody = v.object({
  status: v.picklist(
    ['pending', 'verifying', 'failed'],
    "must be 'pending', 'verifying' or 'failed' (only verify sets 'verified')",
  ),
});
/** Body of `email.domains.update`. */
export type EmailDomainUpdateParams = v.InferInput<typeof DomainUpdateBody>;

/** Terminal domain statuses for `waitForVerification`. */
export const DOMAIN_TERMINAL: ReadonlySet<string> = new Set(['verified', 'failed']);

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/** The endpoint rows of email inboxes and domains. */
export const emailRoutes = {
  accountsList: route('GET /api/email/accounts', {
    summary: 'Email inboxes, newest first.',
    envelope: 'accounts',
    returns: v.array(EmailAccountSchema),
  }),
  accountsCreate: route('POST /api/email/accounts', {
    summary: 'Create an inbox on a verified domain.',
    body: EmailAccountCreateBody,
    envelope: 'account',
    returns: EmailAccountSchema,
  }),
  accountsUpdate: route('PATCH /api/email/accounts/{id}', {
    summary: 'Update the signature of an inbox (a 502 is retry-safe).',
    body: EmailAccountUpdateBody,
    retrySafe: true,
    envelope: 'account',
    returns: EmailAccountSchema,
  }),
  accountsDelete: route('DELETE /api/email/accounts/{id}', {
    summary: 'Delete an inbox (irreversible).',
    returns: SuccessResultSchema,
  }),
  accountsRetryWarmup: route('PATCH /api/email/accounts/{id}/retry-warmup', {
    summary: 'Retry a failed warmup enablement (idempotent).',
    body: v.optional(v.object({})),
    retrySafe: true,
    envelope: 'account',
    returns: EmailAccountSchema,
  }),
  warmupAnalytics: route('GET /api/email/accounts/warmup-analytics', {
    summary: 'Warmup analytics (applies status transitions; poll rarely).',
    returns: WarmupAnalyticsSchema,
  }),
  domainsList: route('GET /api/email/domains', {
    summary: 'Sending domains.',
    query: DomainListQuery,
    envelope: 'domains',
    returns: v.array(EmailDomainSchema),
  }),
  domainsCreate: route('POST /api/email/domains', {
    summary: 'Register a sending domain.',
    body: DomainCreateBody,
    envelope: 'domain',
    returns: EmailDomainSchema,
  }),
  domainsVerify: route('POST /api/email/domains/{id}/verify', {
    summary: 'Trigger (or with poll=true, read) DNS verification; repeated triggers collapse.',
    query: VerifyQuery,
    retrySafe: true,
    envelope: 'domain',
    returns: EmailDomainSchema,
  }),
  domainsDnsRecords: route('GET /api/email/domains/{domainId}/dns-records', {
    summary: 'The live expected DNS records of a domain.',
    returns: DomainDnsRecordsSchema,
  }),
  domainsUpdate: route('PATCH /api/email/domains/{id}', {
    summary: 'Override the cached status of a domain.',
    body: DomainUpdateBody,
    envelope: 'domain',
    returns: EmailDomainSchema,
  }),
  domainsDelete: route('DELETE /api/email/domains/{id}', {
    summary: 'Delete a domain and its inboxes.',
    returns: SuccessResultSchema,
  }),
};

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

/** `GET /api/email/accounts/warmup-analytics`. */
export class WarmupAnalyticsResource extends APIResource {
  /** Analytics per inbox. Side effect: applies warmup status transitions. Poll every few minutes at most. */
  retrieve(opts?: RequestOptions): APIPromise<WarmupAnalytics> {
    return this._call(emailRoutes.warmupAnalytics, {}, opts);
  }
}

/** Email inboxes: `/api/email/accounts`. */
export class EmailAccounts extends APIResource {
  /** Warmup analytics. */
  readonly warmupAnalytics: WarmupAnalyticsResource = new WarmupAnalyticsResource(this._client);

  /** Every inbox (takes no parameters; `query` is accepted for the table's signature). */
  list(query?: Record<string, never>, opts?: RequestOptions): APIPromise<EmailAccount[]> {
    return this._call(emailRoutes.accountsList, { query }, opts);
  }
  /** Create an inbox (never retried). */
  create(body: EmailAccountCreateParams, opts?: RequestOptions): APIPromise<EmailAccount> {
    return this._call(emailRoutes.accountsCreate, { body }, opts);
  }
  /** Update the signature; retried (a 502 leaves nothing changed and is documented retry-safe). */
  update(id: string, body: EmailAccountUpdateParams, opts?: RequestOptions): APIPromise<EmailAccount> {
    return this._call(emailRoutes.accountsUpdate, { id, body }, opts);
  }
  /** Delete an inbox. */
  delete(id: string, opts?: RequestOptions): APIPromise<SuccessResult> {
    return this._call(emailRoutes.accountsDelete, { id }, opts);
  }
  /** Retry warmup enablement (`pending` + `not_started` only, else 409). Idempotent, so retried. */
  retryWarmup(id: string, body?: Record<string, never>, opts?: RequestOptions): APIPromise<EmailAccount> {
    return this._call(emailRoutes.accountsRetryWarmup, { id, body }, opts);
  }
}

/** `GET /api/email/domains/{id}/dns-records`. */
export class DomainDnsRecordsResource extends APIResource {
  /** The expected records and the DNS provider's view (one body, returned whole). */
  list(domainId: string, query?: Record<string, never>, opts?: RequestOptions): APIPromise<DomainDnsRecords> {
    return this._call(emailRoutes.domainsDnsRecords, { domainId, query }, opts);
  }
}

/** Sending domains: `/api/email/domains`. */
export class EmailDomains extends APIResource {
  /** Expected DNS records. */
  readonly dnsRecords: DomainDnsRecordsResource = new DomainDnsRecordsResource(this._client);

  /** Every domain. */
  list(query?: EmailDomainListParams, opts?: RequestOptions): APIPromise<EmailDomain[]> {
    return this._call(emailRoutes.domainsList, { query }, opts);
  }
  /** Register a domain (409 when another owner verified it first). Never retried. */
  create(body: EmailDomainCreateParams, opts?: RequestOptions): APIPromise<EmailDomain> {
    return this._call(emailRoutes.domainsCreate, { body }, opts);
  }
  /** Trigger verification, or read it with `{ poll: true }`. */
  verify(id: string, query?: EmailDomainVerifyParams, opts?: RequestOptions): APIPromise<EmailDomain> {
    return this._call(emailRoutes.domainsVerify, { id, query }, opts);
  }
  /** Override the cached status. */
  update(id: string, body: EmailDomainUpdateParams, opts?: RequestOptions): APIPromise<EmailDomain> {
    return this._call(emailRoutes.domainsUpdate, { id, body }, opts);
  }
  /** Delete a domain and every inbox on it. */
  delete(id: string, opts?: RequestOptions): APIPromise<SuccessResult> {
    return this._call(emailRoutes.domainsDelete, { id }, opts);
  }
  /**
   * `verify(id)` once, then `verify(id, { poll: true })` every 45 s (documented 30–60 s; never
   * re-triggering, which would restart the check) until `verified` or `failed`; 60 min timeout.
   */
  async waitForVerification(id: string, opts: PollOptions<EmailDomain> = {}): Promise<EmailDomain> {
    let first = true;
    return poll({
      what: `Puffle email domain ${id}`,
      fetch: (signal) => {
        const query = first ? undefined : { poll: true };
        first = false;
        return this.verify(id, query, { signal });
      },
      status: (d) => d.status ?? undefined,
      isDone: (status) => status !== undefined && DOMAIN_TERMINAL.has(status),
      ...waitDefaults(opts, 45_000, 60 * 60_000),
    });
  }
}

/** Email sending: inboxes and domains. */
export class Email extends APIResource {
  /** Inboxes. */
  readonly accounts: EmailAccounts = new EmailAccounts(this._client);
  /** Domains. */
  readonly domains: EmailDomains = new EmailDomains(this._client);
}
