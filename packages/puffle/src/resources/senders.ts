import { type APIPromise, APIResource, openEnum, poll, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';
import { type PollOptions, waitDefaults } from '../wait.js';
import { SequenceNodeSchema } from './campaigns.js';
import { optBool, optNum, optStr, type Untyped } from './shared.js';

// ---------------------------------------------------------------------------------------------
// Schemas (snake_case, as on the wire)
// ---------------------------------------------------------------------------------------------

/** Warmup states of an email sender. */
export const WarmupStatusSchema = openEnum([
  'not_started',
  'warming',
  'warmed',
  'active',
  'banned',
  'suspended',
]);

/** A sender account (email inbox or LinkedIn account). */
export const SenderAccountSchema = v.looseObject({
  id: v.string(),
  user_id: optStr,
  type: v.optional(v.nullable(openEnum(['email', 'linkedin']))),
  display_name: optStr,
  status: v.optional(v.nullable(openEnum(['active', 'connected', 'pending', 'error', 'warming']))),
  created_at: optStr,
  updated_at: optStr,
  provider_account_id: optStr,
  profile_url: optStr,
  is_premium: optBool,
  has_sales_navigator: optBool,
  weekly_connection_limit: optNum,
  weekly_message_limit: optNum,
  daily_limit: optNum,
  email_address: optStr,
  domain_id: optStr,
  agentmail_inbox_id: optStr,
  instantly_account_id: optStr,
  warmup_status: v.optional(v.nullable(WarmupStatusSchema)),
  first_name: optStr,
  last_name: optStr,
  signature: optStr,
  instantly_tag_id: optStr,
  instantly_warmup_tag_id: optStr,
  email_domains: v.optional(v.nullable(v.looseObject({ id: optStr, domain: optStr, status: optStr }))),
});
/** A sender account. */
export type SenderAccount = v.InferOutput<typeof SenderAccountSchema>;

/** `GET /api/senders/{id}`: the account with usage, its campaigns and mappings (returned whole). */
export const SenderDetailSchema = v.looseObject({
  account: v.looseObject({
    ...SenderAccountSchema.entries,
    stats: v.optional(v.nullable(v.looseObject({ today_sent: optNum, today_committed: optNum }))),
  }),
  campaigns: v.optional(
    v.nullable(
      v.array(
        v.looseObject({
          id: v.string(),
          name: optStr,
          status: optStr,
          daily_limit: optNum,
          type: optStr,
          stats: v.optional(v.unknown()),
          operating_hours: v.optional(v.unknown()),
          sequence_nodes: v.optional(v.nullable(v.array(SequenceNodeSchema))),
        }),
      ),
    ),
  ),
  mappings: v.optional(v.nullable(v.array(v.looseObject({ campaign_id: optStr, account_id: optStr })))),
  campaignStatsByStatus: v.optional(v.unknown()),
  campaignSenderStatsByStatus: v.optional(v.unknown()),
  campaignSenderTodayStatsByStatus: v.optional(v.unknown()),
  campaignActiveProspectsCount: optNum,
});
/** A sender with usage and campaign mappings. */
export type SenderDetail = v.InferOutput<typeof SenderDetailSchema>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const SenderListQuery = v.object({
  type: v.optional(v.picklist(['email', 'linkedin'], "must be 'email' or 'linkedin'")),
});
/** Query of `senders.list`. */
export type SenderListParams = v.InferInput<typeof SenderListQuery>;

/** `POST /api/unipile/connect`: the hosted LinkedIn connection URL (valid 1 hour; a human opens it). */
export const UnipileConnectResultSchema = v.looseObject({ url: v.string() });
/** The hosted connection URL. */
export type UnipileConnectResult = v.InferOutput<typeof UnipileConnectResultSchema>;

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/** The endpoint rows of senders and the LinkedIn connection. */
export const senderRoutes = {
  list: route('GET /api/senders', {
    summary: 'Sender accounts (email and LinkedIn).',
    query: SenderListQuery,
    envelope: 'accounts',
    returns: v.array(SenderAccountSchema),
  }),
  retrieve: route('GET /api/senders/{id}', {
    summary: 'One sender with usage and campaign mappings.',
    returns: SenderDetailSchema,
  }),
  schedule: route('GET /api/senders/{senderId}/schedule', {
    summary: "A sender's future send schedule (shape undocumented).",
  }),
  unipileConnect: route('POST /api/unipile/connect', {
    summary: 'A hosted LinkedIn connection URL (valid 1 hour).',
    body: v.optional(v.object({})),
    returns: UnipileConnectResultSchema,
  }),
};

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

/** `GET /api/senders/{id}/schedule`. */
export class SenderSchedule extends APIResource {
  /** The future capacity/commitment map (untyped; an empty map does not mean disconnected). */
  retrieve(senderId: string, opts?: RequestOptions): APIPromise<Untyped> {
    return this._call(senderRoutes.schedule, { senderId }, opts);
  }
}

/** Sender accounts: `/api/senders`. */
export class Senders extends APIResource {
  /** Send schedules. */
  readonly schedule: SenderSchedule = new SenderSchedule(this._client);

  /** Every sender, optionally of one `type`. */
  list(query?: SenderListParams, opts?: RequestOptions): APIPromise<SenderAccount[]> {
    return this._call(senderRoutes.list, { query }, opts);
  }
  /** One sender with usage and mappings. */
  retrieve(id: string, opts?: RequestOptions): APIPromise<SenderDetail> {
    return this._call(senderRoutes.retrieve, { id }, opts);
  }
  /**
   * After a human opened the `unipile.connect()` URL: snapshots the LinkedIn senders, then polls every
   * 15 s (documented 10–20 s; 1 h timeout, the URL's lifetime) and resolves with the first row that is
   * new or changed and has `status: 'connected'`.
   */
  async waitForLinkedInConnection(opts: PollOptions<SenderAccount[]> = {}): Promise<SenderAccount> {
    const before = new Map(
      (await this.list({ type: 'linkedin' }, { signal: opts.signal })).map((s) => [s.id, JSON.stringify(s)]),
    );
    const isNew = (s: SenderAccount) => s.status === 'connected' && before.get(s.id) !== JSON.stringify(s);
    const rows = await poll({
      what: 'Puffle LinkedIn connection',
      fetch: (signal) => this.list({ type: 'linkedin' }, { signal }),
      status: (list) => (list.some(isNew) ? 'connected' : `waiting (${list.length} senders)`),
      isDone: (status) => status === 'connected',
      ...waitDefaults(opts, 15_000, 60 * 60_000),
    });
    return rows.find(isNew) as SenderAccount;
  }
}

/** `POST /api/unipile/connect`. */
export class Unipile extends APIResource {
  /** A hosted LinkedIn connection URL; calling again replaces a pending handshake. Never retried. */
  connect(body?: Record<string, never>, opts?: RequestOptions): APIPromise<UnipileConnectResult> {
    return this._call(senderRoutes.unipileConnect, { body }, opts);
  }
}
