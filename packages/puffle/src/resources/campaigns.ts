import {
  type APIPromise,
  APIResource,
  openEnum,
  type Paginator,
  poll,
  type RequestOptions,
} from '@quiver/core';
import { int, pageNumber, route } from '@quiver/core/internal';
import * as v from 'valibot';
import { type PollOptions, splitWait, waitDefaults } from '../wait.js';
import {
  batch,
  IdInput,
  optBool,
  optNum,
  optObject,
  optStr,
  type SuccessResult,
  SuccessResultSchema,
} from './shared.js';

// ---------------------------------------------------------------------------------------------
// Schemas (snake_case, as on the wire)
// ---------------------------------------------------------------------------------------------

/** Campaign statuses: `draft` → `launching` → `active` ⇄ `paused` → `completed`. */
export const CampaignStatusSchema = openEnum(['draft', 'launching', 'active', 'paused', 'completed']);

/** One step of a campaign's sequence. */
export const SequenceNodeSchema = v.looseObject({
  id: v.string(),
  campaign_id: optStr,
  position: optNum,
  type: v.optional(v.nullable(openEnum(['connection_request', 'message', 'email', 'delay', 'ai', 'end']))),
  subject: optStr,
  body: optStr,
  signature: optStr,
  include_message: optBool,
  is_reply: optBool,
  delay_days: optNum,
  delay_hours: optNum,
  delay_minutes: optNum,
  ai_node: v.optional(v.unknown()),
});
/** A sequence node. */
export type SequenceNode = v.InferOutput<typeof SequenceNodeSchema>;

const num = optNum;
/** The sender accounts embedded in a campaign. */
export const CampaignSenderAccountSchema = v.looseObject({
  id: v.string(),
  email_address: optStr,
  provider_account_id: optStr,
  display_name: optStr,
  status: optStr,
  first_name: optStr,
  last_name: optStr,
  daily_limit: num,
  weekly_connection_limit: num,
  weekly_message_limit: num,
  is_premium: optBool,
});

/** A campaign. `type` and `status` are described in prose but absent from current samples: optional. */
export const CampaignSchema = v.looseObject({
  id: v.string(),
  user_id: optStr,
  name: optStr,
  type: v.optional(v.nullable(openEnum(['linkedin', 'email']))),
  status: v.optional(v.nullable(CampaignStatusSchema)),
  daily_limit: num,
  stop_on_reply: optBool,
  open_tracking: optBool,
  skip_other_campaigns: optBool,
  signature: optStr,
  operating_hours: optObject,
  stats: v.optional(
    v.nullable(
      v.looseObject({
        total: num,
        sent: num,
        replied: num,
        bounced: num,
        completed: num,
        timed_out: num,
        connection_sent: num,
        connected: num,
        message_sent: num,
        contacted: num,
      }),
    ),
  ),
  created_at: optStr,
  updated_at: optStr,
  sender_accounts: v.optional(v.nullable(v.array(CampaignSenderAccountSchema))),
  node_count: num,
  sequence_nodes: v.optional(v.nullable(v.array(SequenceNodeSchema))),
});
/** A campaign. */
export type Campaign = v.InferOutput<typeof CampaignSchema>;

/** `GET /api/campaigns/{id}`: the campaign with its sequence and lead aggregates (returned whole). */
export const CampaignDetailSchema = v.looseObject({
  campaign: CampaignSchema,
  sequence_nodes: v.optional(v.nullable(v.array(SequenceNodeSchema))),
  prospects_by_status: v.optional(v.nullable(v.record(v.string(), v.number()))),
  prospects_by_node: v.optional(v.nullable(v.record(v.string(), v.record(v.string(), v.number())))),
});
/** A campaign with its sequence and aggregates. */
export type CampaignDetail = v.InferOutput<typeof CampaignDetailSchema>;

/** Campaign lead (`prospect`) statuses. */
export const CampaignLeadStatusSchema = openEnum([
  'pending',
  'sent',
  'connection_sent',
  'connected',
  'message_sent',
  'replied',
  'bounced',
  'completed',
  'timed_out',
  'cancelled',
]);

/** A campaign-local outreach record (JSON calls it a prospect). */
export const CampaignLeadSchema = v.looseObject({
  id: v.string(),
  campaign_id: optStr,
  user_id: optStr,
  status: v.optional(v.nullable(CampaignLeadStatusSchema)),
  email: optStr,
  linkedin_url: optStr,
  first_name: optStr,
  last_name: optStr,
  name: optStr,
  company: optStr,
  position: optStr,
  headline: optStr,
  custom_fields: optObject,
  source: optStr,
  source_ref: optStr,
  created_at: optStr,
  updated_at: optStr,
  bounced_at: optStr,
  replied_at: optStr,
  current_node_id: optStr,
});
/** A campaign lead. */
export type CampaignLead = v.InferOutput<typeof CampaignLeadSchema>;

/** `{ imported, duplicates }` of a bulk add. */
export const CampaignLeadAddResultSchema = v.looseObject({ imported: num, duplicates: num });
/** The result of `campaigns.leads.create`. */
export type CampaignLeadAddResult = v.InferOutput<typeof CampaignLeadAddResultSchema>;

/** `{ deleted }`: an integer today; the older docs returned the string `"all"` with `all: true`. */
export const CampaignLeadDeleteResultSchema = v.looseObject({
  deleted: v.optional(v.union([v.number(), v.string()])),
});
/** The result of `campaigns.leads.delete`. */
export type CampaignLeadDeleteResult = v.InferOutput<typeof CampaignLeadDeleteResultSchema>;

/** The body of a launch. */
export const LaunchResultSchema = v.looseObject({
  success: optBool,
  message: optStr,
  runId: optStr,
  prospectsToProcess: num,
  warning: optStr,
  skippedProspects: v.optional(
    v.nullable(v.array(v.looseObject({ id: optStr, name: optStr, linkedin_url: optStr }))),
  ),
  skippedCount: num,
});
/** The result of `campaigns.launch`. */
export type LaunchResult = v.InferOutput<typeof LaunchResultSchema>;

/** `POST …/leads/import-from-list`: a 206 resolves with `partial: true` (retry the same call). */
export const ImportFromListResultSchema = v.looseObject({
  imported: num,
  duplicates: num,
  invalid: num,
  total: num,
  errors: v.optional(v.nullable(v.array(v.unknown()))),
  partial: optBool,
});
/** The result of `campaigns.leads.importFromList`. */
export type ImportFromListResult = v.InferOutput<typeof ImportFromListResultSchema>;

/** `GET /api/campaigns/settings`: sender accounts with limits and usage (returned whole). */
export const CampaignSettingsSchema = v.looseObject({
  accounts: v.optional(
    v.nullable(
      v.array(
        v.looseObject({
          id: v.string(),
          type: optStr,
          provider_account_id: optStr,
          is_premium: optBool,
          weekly_connection_limit: num,
          weekly_message_limit: num,
          display_name: optStr,
          email_address: optStr,
          status: optStr,
          daily_limit: num,
          weekly_stats: v.optional(v.nullable(v.looseObject({ connections_sent: num, messages_sent: num }))),
          limits: v.optional(
            v.nullable(
              v.looseObject({
                weekly_connection_limit: num,
                weekly_message_limit: num,
                max_connection_limit: num,
                max_message_limit: num,
                recommended_connection_limit: num,
                recommended_message_limit: num,
              }),
            ),
          ),
          daily_stats: v.optional(v.nullable(v.looseObject({ sent: num, daily_limit: num }))),
        }),
      ),
    ),
  ),
  schedules: v.optional(v.nullable(v.array(v.unknown()))),
  weekly_stats: v.optional(v.nullable(v.array(v.unknown()))),
});
/** Sender accounts with limits and usage. */
export type CampaignSettings = v.InferOutput<typeof CampaignSettingsSchema>;

/** `GET /api/campaigns/{id}/senders`: the senders plus campaign totals (returned whole). */
export const CampaignSendersSchema = v.looseObject({
  senders: v.optional(
    v.nullable(
      v.array(
        v.looseObject({
          account_id: optStr,
          display_name: optStr,
          email_address: optStr,
          profile_url: optStr,
          status: optStr,
          is_premium: optBool,
          warmup_status: optStr,
          weekly_connection_limit: num,
          weekly_message_limit: num,
          daily_limit: num,
          weekly_connections_sent: num,
          weekly_messages_sent: num,
          committed_count: num,
          today_sent: num,
          campaign_messages_sent: num,
        }),
      ),
    ),
  ),
  campaign_total_sent: num,
  campaign_total_replies: num,
  campaign_total_bounced: num,
  campaign_total_completed: num,
  campaign_total_committed: num,
  campaignStatsByStatus: v.optional(v.unknown()),
  campaignSenderStatsByStatus: v.optional(v.unknown()),
  campaignSenderTodayStatsByStatus: v.optional(v.unknown()),
  campaignActiveProspectsCount: num,
});
/** Senders of a campaign with usage. */
export type CampaignSenders = v.InferOutput<typeof CampaignSendersSchema>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const CampaignCreateBody = v.object({
  type: v.optional(v.picklist(['linkedin', 'email'], "must be 'linkedin' or 'email'")),
  name: v.optional(v.string()),
  sender_account_ids: v.optional(v.array(v.string())),
  skip_other_campaigns: v.optional(v.boolean()),
  operating_hours: v.optional(v.record(v.string(), v.unknown())),
  daily_limit: v.optional(int({ min: 0 })),
  stop_on_reply: v.optional(v.boolean()),
  open_tracking: v.optional(v.boolean()),
  signature: v.optional(v.string()),
});
/** Body of `campaigns.create` (a draft; fields for the other channel are ignored by the server). */
export type CampaignCreateParams = v.InferInput<typeof CampaignCreateBody>;

const MINUTE = 1;
const THIRTY_DAYS = 30 * 24 * 60;
const NodeInput = v.pipe(
  v.looseObject({
    id: v.optional(v.string()),
    type: v.string(),
    subject: v.optional(v.nullable(v.string())),
    body: v.optional(v.nullable(v.string())),
    signature: v.optional(v.nullable(v.string())),
    include_message: v.optional(v.boolean()),
    is_reply: v.optional(v.boolean()),
    delay_days: v.optional(v.number()),
    delay_hours: v.optional(v.number()),
    delay_minutes: v.optional(v.number()),
    ai_node: v.optional(v.unknown()),
  }),
  v.check((n) => {
    if (n.delay_days === undefined && n.delay_hours === undefined && n.delay_minutes === undefined)
      return true;
    const total = (n.delay_days ?? 0) * 1440 + (n.delay_hours ?? 0) * 60 + (n.delay_minutes ?? 0);
    return total >= MINUTE && total <= THIRTY_DAYS;
  }, 'delay must total between 1 minute and 30 days'),
);

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const CampaignUpdateBody = v.object({
  name: v.optional(v.string()),
  operating_hours: v.optional(v.record(v.string(), v.unknown())),
  daily_limit: v.optional(int({ min: 0 })),
  skip_other_campaigns: v.optional(v.boolean()),
  stop_on_reply: v.optional(v.boolean()),
  open_tracking: v.optional(v.boolean()),
  signature: v.optional(v.string()),
  sender_account_ids: v.optional(v.array(v.string())),
  sequence_nodes: v.optional(v.array(NodeInput)),
  account_limits: v.optional(v.array(v.object({ account_id: v.string(), daily_limit: int({ min: 0 }) }))),
});
/** Body of `campaigns.update`; `sequence_nodes` replaces the whole sequence (include `end`). */
export type CampaignUpdateParams = v.InferInput<typeof CampaignUpdateBody>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const CampaignLeadsQuery = v.object({
  page: v.optional(int({ min: 1 })),
  limit: v.optional(int({ min: 1 })),
  status: v.optional(v.string()),
});
/** Query of `campaigns.leads.list`. */
export type CampaignLeadListParams = v.InferInput<typeof CampaignLeadsQuery>;

const ProspectInput = v.looseObject({
  email: v.optional(v.string()),
  linkedin_url: v.optional(v.string()),
  first_name: v.optional(v.string()),
  last_name: v.optional(v.string()),
  company: v.optional(v.string()),
  position: v.optional(v.string()),
  headline: v.optional(v.string()),
  custom_fields: v.optional(v.record(v.string(), v.unknown())),
});
/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const CampaignLeadsAddBody = v.object({ prospects: batch(ProspectInput, 1, 1000) });
/** Body of `campaigns.leads.create`: `prospects` (1–1000). */
export type CampaignLeadCreateParams = v.InferInput<typeof CampaignLeadsAddBody>;

/** The input schema (valibot) of the per-lead changes of `campaigns.leads.update`, checked before sending. */
export const ProspectUpdates = v.object({
  email: v.optional(v.string()),
  linkedin_url: v.optional(v.string()),
  first_name: v.optional(v.string()),
  last_name: v.optional(v.string()),
  name: v.optional(v.string()),
  company: v.optional(v.string()),
  position: v.optional(v.string()),
  headline: v.optional(v.string()),
});
/** The `updates` of `campaigns.leads.update`. */
export type CampaignLeadUpdates = v.InferInput<typeof ProspectUpdates>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const CampaignLeadsDeleteBody = v.pipe(
  v.object({ prospect_ids: v.optional(batch(IdInput, 1, 500)), all: v.optional(v.boolean()) }),
  v.check(
    (b) => b.all === true || b.prospect_ids !== undefined,
    'must set prospect_ids (1–500) or all: true',
  ),
);
/** Body of `campaigns.leads.delete`: `prospect_ids` (1–500) or `all: true`. */
export type CampaignLeadDeleteParams = v.InferInput<typeof CampaignLeadsDeleteBody>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const ImportFromListBody = v.object({
  listId: IdInput,
  filter: v.optional(
    v.looseObject({
      leadIds: v.optional(v.array(v.string())),
      where: v.optional(v.array(v.looseObject({ field: v.string(), value: v.unknown() }))),
      orderBy: v.optional(v.array(v.looseObject({ field: v.string() }))),
      limit: v.optional(int({ min: 1 })),
    }),
  ),
});
/** Body of `campaigns.leads.importFromList`. */
export type ImportFromListParams = v.InferInput<typeof ImportFromListBody>;

/** Statuses in which a launch is still being set up; any other status ends `waitForLaunch`. */
export const LAUNCH_PENDING: ReadonlySet<string> = new Set(['launching']);

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/** The endpoint rows of Campaigns. */
export const campaignRoutes = {
  list: route('GET /api/campaigns', {
    summary: 'Every campaign (unpaginated), each with node_count.',
    envelope: 'campaigns',
    returns: v.array(CampaignSchema),
  }),
  create: route('POST /api/campaigns', {
    summary: 'Create a draft campaign (409 on a duplicate name).',
    body: CampaignCreateBody,
    envelope: 'campaign',
    returns: CampaignSchema,
  }),
  retrieve: route('GET /api/campaigns/{id}', {
    summary: 'A campaign with its sequence and lead aggregates.',
    returns: CampaignDetailSchema,
  }),
  update: route('PATCH /api/campaigns/{id}', {
    summary: 'Update a campaign (draft-only fields are ignored once active).',
    body: CampaignUpdateBody,
    envelope: 'campaign',
    returns: CampaignSchema,
  }),
  delete: route('DELETE /api/campaigns/{id}', {
    summary: 'Delete a campaign and everything under it (older-generation page).',
    returns: SuccessResultSchema,
    experimental: true,
  }),
  launch: route('POST /api/campaigns/{id}/launch', {
    summary: 'Launch a draft campaign (retry-safe: 500 rolls back, 409 guards double launches).',
    body: v.optional(v.object({})),
    retrySafe: true,
    returns: LaunchResultSchema,
  }),
  pause: route('POST /api/campaigns/{id}/pause', {
    summary: 'Pause an active campaign.',
    body: v.optional(v.object({})),
    envelope: 'campaign',
    returns: CampaignSchema,
  }),
  resume: route('POST /api/campaigns/{id}/resume', {
    summary: 'Resume a paused campaign (older-generation page).',
    body: v.optional(v.object({})),
    envelope: 'campaign',
    returns: CampaignSchema,
    experimental: true,
  }),
  leadsList: route('GET /api/campaigns/{campaignId}/leads', {
    summary: 'The campaign roster (page + limit, until total).',
    query: CampaignLeadsQuery,
    page: pageNumber({ items: 'prospects', item: CampaignLeadSchema, perPageParam: 'limit', total: 'total' }),
  }),
  leadsCreate: route('POST /api/campaigns/{campaignId}/leads', {
    summary: 'Bulk-add campaign leads (draft only).',
    body: CampaignLeadsAddBody,
    returns: CampaignLeadAddResultSchema,
  }),
  leadsUpdate: route('PATCH /api/campaigns/{campaignId}/leads', {
    summary: 'Edit one campaign lead (prospect_id in the body; draft only).',
    bodyId: 'prospect_id',
    body: v.object({ updates: ProspectUpdates }),
    envelope: 'prospect',
    returns: CampaignLeadSchema,
  }),
  leadsDelete: route('DELETE /api/campaigns/{campaignId}/leads', {
    summary: 'Remove campaign leads (draft only).',
    body: CampaignLeadsDeleteBody,
    returns: CampaignLeadDeleteResultSchema,
  }),
  leadsImportFromList: route('POST /api/campaigns/{campaignId}/leads/import-from-list', {
    summary: "Import a List's Leads into a campaign (206 = partial).",
    body: ImportFromListBody,
    returns: ImportFromListResultSchema,
  }),
  settings: route('GET /api/campaigns/settings', {
    summary: 'Sender accounts with limits and usage.',
    returns: CampaignSettingsSchema,
  }),
  senders: route('GET /api/campaigns/{campaignId}/senders', {
    summary: 'Senders attached to a campaign, with usage.',
    returns: CampaignSendersSchema,
  }),
};

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

/** Campaign leads ("prospects"): `/api/campaigns/{id}/leads`. */
export class CampaignLeads extends APIResource {
  /** The roster, page by page. */
  list(campaignId: string, query?: CampaignLeadListParams, opts?: RequestOptions): Paginator<CampaignLead> {
    return this._call(campaignRoutes.leadsList, { campaignId, query }, opts);
  }
  /** Add 1–1000 leads to a draft (deduplicated; never retried). */
  create(
    campaignId: string,
    body: CampaignLeadCreateParams,
    opts?: RequestOptions,
  ): APIPromise<CampaignLeadAddResult> {
    return this._call(campaignRoutes.leadsCreate, { campaignId, body }, opts);
  }
  /** Edit one lead of a draft: sends `{ prospect_id, updates }`. */
  update(
    campaignId: string,
    prospectId: string,
    updates: CampaignLeadUpdates,
    opts?: RequestOptions,
  ): APIPromise<CampaignLead> {
    return this._call(campaignRoutes.leadsUpdate, { campaignId, id: prospectId, body: { updates } }, opts);
  }
  /** Remove leads of a draft: `prospect_ids` (1–500) or `all: true`. */
  delete(
    campaignId: string,
    body: CampaignLeadDeleteParams,
    opts?: RequestOptions,
  ): APIPromise<CampaignLeadDeleteResult> {
    return this._call(campaignRoutes.leadsDelete, { campaignId, body }, opts);
  }
  /**
   * Import a List's Leads. A 206 resolves with `partial: true` (call again); a 422 (nothing
   * importable) rejects with `UnprocessableEntityError`, the counts in `err.body`.
   */
  importFromList(
    campaignId: string,
    body: ImportFromListParams,
    opts?: RequestOptions,
  ): APIPromise<ImportFromListResult> {
    return this._call(campaignRoutes.leadsImportFromList, { campaignId, body }, opts);
  }
}

/** `GET /api/campaigns/settings`. */
export class CampaignSettingsResource extends APIResource {
  /** Sender accounts with their limits and usage. */
  retrieve(opts?: RequestOptions): APIPromise<CampaignSettings> {
    return this._call(campaignRoutes.settings, {}, opts);
  }
}

/** `GET /api/campaigns/{id}/senders`. */
export class CampaignSendersResource extends APIResource {
  /** The senders of a campaign plus campaign totals (one body, returned whole). */
  list(
    campaignId: string,
    query?: Record<string, never>,
    opts?: RequestOptions,
  ): APIPromise<CampaignSenders> {
    return this._call(campaignRoutes.senders, { campaignId, query }, opts);
  }
}

/** Campaigns: `/api/campaigns`. */
export class Campaigns extends APIResource {
  /** Campaign leads. */
  readonly leads: CampaignLeads = new CampaignLeads(this._client);
  /** Sender limits and usage. */
  readonly settings: CampaignSettingsResource = new CampaignSettingsResource(this._client);
  /** Senders of a campaign. */
  readonly senders: CampaignSendersResource = new CampaignSendersResource(this._client);

  /** Every campaign (takes no parameters; `query` is accepted for the table's signature). */
  list(query?: Record<string, never>, opts?: RequestOptions): APIPromise<Campaign[]> {
    return this._call(campaignRoutes.list, { query }, opts);
  }
  /** Create a draft campaign (never retried). */
  create(body: CampaignCreateParams, opts?: RequestOptions): APIPromise<Campaign> {
    return this._call(campaignRoutes.create, { body }, opts);
  }
  /** A campaign with its sequence and aggregates. */
  retrieve(id: string, opts?: RequestOptions): APIPromise<CampaignDetail> {
    return this._call(campaignRoutes.retrieve, { id }, opts);
  }
  /** Update a campaign. */
  update(id: string, body: CampaignUpdateParams, opts?: RequestOptions): APIPromise<Campaign> {
    return this._call(campaignRoutes.update, { id, body }, opts);
  }
  /** Delete a campaign (irreversible, cascades). Provisional: older-generation page. */
  delete(id: string, opts?: RequestOptions): APIPromise<SuccessResult> {
    return this._call(campaignRoutes.delete, { id }, opts);
  }
  /**
   * Launch a draft. Validation is synchronous, sending asynchronous (`draft → launching → active`):
   * follow it with `waitForLaunch`. Retried on 500/503 (documented retry-safe; 409 guards doubles).
   */
  launch(id: string, body?: Record<string, never>, opts?: RequestOptions): APIPromise<LaunchResult> {
    return this._call(campaignRoutes.launch, { id, body }, opts);
  }
  /** Pause an active campaign (a repeat gets 400 "Only active campaigns…"). */
  pause(id: string, body?: Record<string, never>, opts?: RequestOptions): APIPromise<Campaign> {
    return this._call(campaignRoutes.pause, { id, body }, opts);
  }
  /** Resume a paused campaign; it may come back `completed`. Provisional: older-generation page. */
  resume(id: string, body?: Record<string, never>, opts?: RequestOptions): APIPromise<Campaign> {
    return this._call(campaignRoutes.resume, { id, body }, opts);
  }
  /**
   * Polls the campaign (every 5 s, 10 min timeout; both undocumented choices) while it is
   * `launching`, and resolves with the detail once it is anything else: `active` (or `completed` when
   * no work remained) on success, `draft` when the launch was rolled back.
   */
  waitForLaunch(id: string, opts: PollOptions<CampaignDetail> = {}): Promise<CampaignDetail> {
    return poll({
      what: `Puffle campaign launch ${id}`,
      fetch: (signal) => this.retrieve(id, { signal }),
      status: (detail) => detail.campaign.status ?? undefined,
      isDone: (status) => status !== undefined && !LAUNCH_PENDING.has(status),
      ...waitDefaults(opts, 5_000, 10 * 60_000),
    });
  }
  /** `launch`, then `waitForLaunch`; resolves `{ launch, campaign }` (the final detail). */
  async launchAndWait(
    id: string,
    opts: RequestOptions & PollOptions<CampaignDetail> = {},
  ): Promise<{ launch: LaunchResult; campaign: CampaignDetail }> {
    const [request, wait] = splitWait(opts);
    const launch = await this.launch(id, undefined, request);
    return { launch, campaign: await this.waitForLaunch(id, wait) };
  }
}
