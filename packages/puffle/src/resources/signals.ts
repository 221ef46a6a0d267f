import {
  type APIPromise,
  APIResource,
  openEnum,
  type Paginator,
  poll,
  type RequestOptions,
} from '@quiver/core';
import { commaList, cursor, int, route } from '@quiver/core/internal';
import * as v from 'valibot';
import { type PollOptions, splitWait, waitDefaults } from '../wait.js';
import {
  type BatchDeleteResult,
  BatchDeleteResultSchema,
  type BatchUpdateResult,
  BatchUpdateResultSchema,
  batch,
  IdInput,
  optBool,
  optNum,
  optObject,
  optStr,
} from './shared.js';

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

/** Workflow status of a signal entity: `new`, `contacted`, `dismissed`. */
export const EntityStatusSchema = openEnum(['new', 'contacted', 'dismissed']);

/**
 * A signal of the feed. `score` is 1–3 on the current concept page; older samples used 0–100, so it
 * is any number. `status`/`vote` come from the PATCH body (not in the sample).
 */
export const SignalSchema = v.looseObject({
  id: v.string(),
  signalTypeId: optStr,
  signalTypeLabel: optStr,
  sourceId: optStr,
  score: optNum,
  title: optStr,
  excerpt: optStr,
  url: optStr,
  comment: optStr,
  dmText: optStr,
  commentText: optStr,
  createdAt: optStr,
  classification: optObject,
  authorName: optStr,
  authorUrl: optStr,
  entityCompany: optStr,
  entityPerson: optStr,
  groupKey: optStr,
  structuredWording: v.optional(
    v.nullable(v.looseObject({ type: optStr, company: optStr, jobTitle: optStr, location: optStr })),
  ),
  formattedTitle: optStr,
  suggestedActions: v.optional(v.nullable(v.array(v.looseObject({ type: optStr, comment_text: optStr })))),
  workflowRun: v.optional(v.nullable(v.looseObject({ id: optStr, status: optStr, workflowId: optStr }))),
  actionState: optObject,
  color: optStr,
  label: optStr,
  entityId: optStr,
  personEntityId: optStr,
  entityDomain: optStr,
  entityMetadata: v.optional(
    v.nullable(v.looseObject({ person: v.optional(v.unknown()), company: v.optional(v.unknown()) })),
  ),
  normalized: optObject,
  entityStatus: v.optional(v.nullable(EntityStatusSchema)),
  personEntityStatus: v.optional(v.nullable(EntityStatusSchema)),
  status: v.optional(v.nullable(openEnum(['new', 'commented', 'dismissed']))),
  vote: v.optional(v.nullable(openEnum(['up', 'down']))),
});
/** A signal (buying intent) in the feed. */
export type Signal = v.InferOutput<typeof SignalSchema>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const SignalListQuery = v.object({
  sortBy: v.optional(v.string()),
  groupBy: v.optional(v.string()),
  ids: v.optional(commaList()),
  since: v.optional(v.string()),
  minScore: v.optional(v.number()),
  includeDismissed: v.optional(v.boolean()),
  cursor: v.optional(v.string()),
  limit: v.optional(int({ min: 1 })),
});
/** Query of `signals.list` (names from the CLI flags; value sets undocumented, so strings). */
export type SignalListParams = v.InferInput<typeof SignalListQuery>;

const SignalUpdateItem = v.object({
  id: IdInput,
  vote: v.optional(v.nullable(v.picklist(['up', 'down'], "must be 'up', 'down' or null"))),
  comment: v.optional(v.string()),
  dmText: v.optional(v.string()),
  commentText: v.optional(v.string()),
  status: v.optional(
    v.picklist(['new', 'commented', 'dismissed'], "must be 'new', 'commented' or 'dismissed'"),
  ),
});
/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const SignalUpdateBody = v.object({ items: batch(SignalUpdateItem, 1, 200) });
/** Body of `signals.update`: `items` (1–200). Idempotent per id, so retried. */
export type SignalUpdateParams = v.InferInput<typeof SignalUpdateBody>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const SignalGenerateBody = v.object({
  items: batch(
    v.object({ id: IdInput, dm: v.optional(v.boolean()), comment: v.optional(v.boolean()) }),
    1,
    20,
  ),
});
/** Body of `signals.generate`: `items` (1–20) of `{ id, dm?, comment? }`. */
export type SignalGenerateParams = v.InferInput<typeof SignalGenerateBody>;

/** One draft result. The sample carries `id`, the prose says `signalId`: both are kept. */
export const SignalDraftResultSchema = v.looseObject({
  id: optStr,
  signalId: optStr,
  dm: v.optional(v.nullable(v.looseObject({ text: optStr, profileUrl: optStr, messagingUrl: optStr }))),
  comment: v.optional(v.nullable(v.looseObject({ text: optStr, sourceUrl: optStr }))),
  error: v.optional(v.nullable(openEnum(['already_in_flight']))),
});
/** A generated DM/comment draft, or a per-item `error`. */
export type SignalDraftResult = v.InferOutput<typeof SignalDraftResultSchema>;

/** A person or company derived from signals (`GET /api/signals/leads`). */
export const SignalLeadSchema = v.looseObject({
  id: v.string(),
  name: optStr,
  signalIds: v.optional(v.nullable(v.array(v.string()))),
  person: v.optional(
    v.nullable(
      v.looseObject({ name: optStr, linkedinUrl: optStr, headline: optStr, avatar: optStr, email: optStr }),
    ),
  ),
  company: v.optional(
    v.nullable(v.looseObject({ name: optStr, domain: optStr, linkedinUrl: optStr, industry: optStr })),
  ),
});
/** A signal-derived person or company. */
export type SignalLead = v.InferOutput<typeof SignalLeadSchema>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const SignalLeadListQuery = v.object({
  groupBy: v.optional(v.picklist(['person', 'company'], "must be 'person' or 'company'")),
  sortBy: v.optional(
    v.picklist(['recency', 'signalCount', 'topScore'], "must be 'recency', 'signalCount' or 'topScore'"),
  ),
  ids: v.optional(commaList()),
  cursor: v.optional(v.string()),
  limit: v.optional(int({ min: 1 })),
});
/** Query of `signals.leads.list`. */
export type SignalLeadListParams = v.InferInput<typeof SignalLeadListQuery>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const SignalLeadUpdateBody = v.object({
  items: batch(
    v.object({
      entityId: IdInput,
      status: v.picklist(['new', 'contacted', 'dismissed'], "must be 'new', 'contacted' or 'dismissed'"),
    }),
    1,
    200,
  ),
});
/** Body of `signals.leads.update`: `items` (1–200) of `{ entityId, status }`. */
export type SignalLeadUpdateParams = v.InferInput<typeof SignalLeadUpdateBody>;

const SourceOverride = v.looseObject({
  sourceId: optStr,
  enabled: optBool,
  extraKeywords: v.optional(v.nullable(v.array(v.string()))),
});

/** A signal type (built-in or keyword). */
export const SignalTypeSchema = v.looseObject({
  id: v.string(),
  label: optStr,
  description: optStr,
  builtIn: optBool,
  enabled: optBool,
  position: optNum,
  color: optStr,
  keywords: v.optional(v.nullable(v.array(v.string()))),
  prompt: optStr,
  exampleSignals: v.optional(
    v.nullable(
      v.array(
        v.looseObject({
          source: optStr,
          sourceHandle: optStr,
          headline: optStr,
          timeAgoLabel: optStr,
          score: optNum,
        }),
      ),
    ),
  ),
  structuredConfig: optObject,
  allowedSources: v.optional(
    v.nullable(
      v.array(
        openEnum([
          'linkedin_posts',
          'linkedin_jobs',
          'news',
          'hiring_cafe',
          'reddit',
          'hacker_news',
          'x_twitter',
        ]),
      ),
    ),
  ),
  sourceOverrides: v.optional(v.nullable(v.array(SourceOverride))),
});
/** A signal type. */
export type SignalType = v.InferOutput<typeof SignalTypeSchema>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const SignalTypeListQuery = v.object({
  ids: v.optional(commaList()),
  skipSourceEnable: v.optional(v.boolean()),
});
/** Query of `signals.types.list` (`skipSourceEnable` spelling inferred from the CLI). */
export type SignalTypeListParams = v.InferInput<typeof SignalTypeListQuery>;

const SourceOverrideInput = v.object({
  sourceId: v.string(),
  enabled: v.optional(v.boolean()),
  extraKeywords: v.optional(v.array(v.string())),
});
/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const SignalTypeCreateBody = v.object({
  label: v.pipe(v.string(), v.minLength(1, 'must be a non-empty string')),
  description: v.optional(v.string()),
  keywords: v.optional(v.array(v.string())),
  prompt: v.optional(v.string()),
  allowedSources: v.optional(v.array(v.string())),
  sourceOverrides: v.optional(v.array(SourceOverrideInput)),
});
/** Body of `signals.types.create` (a keyword type; at most 20 types per account). */
export type SignalTypeCreateParams = v.InferInput<typeof SignalTypeCreateBody>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const SignalTypeUpdateBody = v.object({
  items: v.pipe(
    v.array(
      v.object({
        id: IdInput,
        label: v.optional(v.string()),
        description: v.optional(v.string()),
        keywords: v.optional(v.array(v.string())),
        prompt: v.optional(v.string()),
        enabled: v.optional(v.boolean()),
        position: v.optional(v.number()),
        allowedSources: v.optional(v.array(v.string())),
        structuredConfig: v.optional(v.record(v.string(), v.unknown())),
        sourceOverrides: v.optional(v.array(SourceOverrideInput)),
      }),
    ),
    v.minLength(1, 'must have at least 1 item'),
  ),
});
/** Body of `signals.types.update`: `items` (the upper limit is undocumented). `sourceOverrides` replaces. */
export type SignalTypeUpdateParams = v.InferInput<typeof SignalTypeUpdateBody>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const SignalTypeDeleteBody = v.object({ ids: batch(IdInput, 1, 50) });
/** Body of `signals.types.delete`: `ids` (1–50). */
export type SignalTypeDeleteParams = v.InferInput<typeof SignalTypeDeleteBody>;

/** Signal search statuses: `pending` → `running` → `completed` | `failed`. */
export const SignalSearchStatusSchema = openEnum(['pending', 'running', 'completed', 'failed']);

/**
 * `POST /api/signals/search`: the sample returns `id`, the prose `searchId`; both are accepted and
 * `id` is always set on the result.
 */
export const SignalSearchStartedSchema = v.pipe(
  v.looseObject({
    id: v.optional(v.string()),
    searchId: v.optional(v.string()),
    status: v.optional(SignalSearchStatusSchema),
  }),
  v.check((b) => b.id !== undefined || b.searchId !== undefined, 'expected `id` or `searchId`'),
  v.transform((b) => ({ ...b, id: (b.id ?? b.searchId) as string })),
);
/** A started signal search. */
export type SignalSearchStarted = v.InferOutput<typeof SignalSearchStartedSchema>;

/** A freeform signal search; `results` only when listed with `ids`. */
export const SignalSearchSchema = v.looseObject({
  id: v.string(),
  query: optStr,
  filterPrompt: optStr,
  status: v.optional(v.nullable(SignalSearchStatusSchema)),
  progress: v.optional(v.nullable(v.looseObject({ fetched: optNum, filtered: optNum, total: optNum }))),
  createdAt: optStr,
  completedAt: optStr,
  results: v.optional(
    v.nullable(v.array(v.looseObject({ id: optStr, signalId: optStr, relevant: optBool, reason: optStr }))),
  ),
});
/** A signal search. */
export type SignalSearch = v.InferOutput<typeof SignalSearchSchema>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const SignalSearchCreateBody = v.object({
  query: v.pipe(
    v.string(),
    v.minLength(1, 'must be 1–500 characters'),
    v.maxLength(500, 'must be 1–500 characters'),
  ),
  filterPrompt: v.optional(v.pipe(v.string(), v.maxLength(1000, 'must be at most 1000 characters'))),
});
/** Body of `signals.search.create`. */
export type SignalSearchCreateParams = v.InferInput<typeof SignalSearchCreateBody>;

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const SignalSearchListQuery = v.object({
  ids: v.optional(commaList()),
  cursor: v.optional(v.string()),
  limit: v.optional(int({ min: 1, max: 100 })),
});
/** Query of `signals.search.list`; with `ids` the server ignores cursor/limit and inlines `results`. */
export type SignalSearchListParams = v.InferInput<typeof SignalSearchListQuery>;

/** `{ paused, scanTimeUtc, pipelineStatus }`. */
export const SignalSettingsSchema = v.looseObject({
  paused: optBool,
  scanTimeUtc: optStr,
  pipelineStatus: optObject,
});
/** The signal scan settings. */
export type SignalSettings = v.InferOutput<typeof SignalSettingsSchema>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const SignalSettingsBody = v.object({
  paused: v.optional(v.boolean()),
  scanTimeUtc: v.optional(
    v.pipe(
      v.string(),
      v.regex(
        /^([01]\d|2[0-3]):(00|15|30|45)$/,
        'must be HH:MM UTC on a 15-minute boundary (:00, :15, :30, :45)',
      ),
    ),
  ),
});
/** Body of `signals.settings.update`. */
export type SignalSettingsUpdateParams = v.InferInput<typeof SignalSettingsBody>;

/** Terminal signal-search statuses. */
export const SIGNAL_SEARCH_TERMINAL: ReadonlySet<string> = new Set(['completed', 'failed']);

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

const pagination = { next: 'pagination.cursor', hasMore: 'pagination.hasMore' } as const;

/** The endpoint rows of Signals. */
export const signalRoutes = {
  list: route('GET /api/signals', {
    summary: 'The signal feed (cursor: pagination).',
    query: SignalListQuery,
    page: cursor({ items: 'signals', item: SignalSchema, ...pagination }),
  }),
  update: route('PATCH /api/signals', {
    summary: 'Batch-update signals (vote, drafts, status); idempotent per id.',
    body: SignalUpdateBody,
    retrySafe: true,
    returns: BatchUpdateResultSchema,
  }),
  generate: route('POST /api/signals/generate', {
    summary: 'Generate DM / comment drafts for 1–20 signals.',
    body: SignalGenerateBody,
    envelope: 'results',
    returns: v.array(SignalDraftResultSchema),
  }),
  leadsList: route('GET /api/signals/leads', {
    summary: 'People or companies derived from signals (cursor: pagination).',
    query: SignalLeadListQuery,
    page: cursor({ items: 'leads', item: SignalLeadSchema, ...pagination }),
  }),
  leadsUpdate: route('PATCH /api/signals/leads', {
    summary: 'Set the workflow status of signal entities.',
    body: SignalLeadUpdateBody,
    returns: BatchUpdateResultSchema,
  }),
  typesList: route('GET /api/signals/types', {
    summary: 'Signal types (auto-seeds the built-ins).',
    query: SignalTypeListQuery,
    envelope: 'types',
    returns: v.array(SignalTypeSchema),
  }),
  typesCreate: route('POST /api/signals/types', {
    summary: 'Create a keyword signal type.',
    body: SignalTypeCreateBody,
    envelope: 'type',
    returns: SignalTypeSchema,
  }),
  typesUpdate: route('PATCH /api/signals/types', {
    summary: 'Batch-update signal types.',
    body: SignalTypeUpdateBody,
    returns: BatchUpdateResultSchema,
  }),
  typesDelete: route('DELETE /api/signals/types', {
    summary: 'Batch-delete signal types (1–50 ids).',
    body: SignalTypeDeleteBody,
    returns: BatchDeleteResultSchema,
  }),
  searchCreate: route('POST /api/signals/search', {
    summary: 'Start a freeform signal search (one at a time, 409 otherwise).',
    body: SignalSearchCreateBody,
    returns: SignalSearchStartedSchema,
  }),
  searchList: route('GET /api/signals/search', {
    summary: 'Signal searches (cursor: pagination).',
    query: SignalSearchListQuery,
    page: cursor({ items: 'searches', item: SignalSearchSchema, ...pagination }),
  }),
  searchRetrieve: route('GET /api/signals/search', {
    summary: 'One signal search with its results, by the ids filter.',
    query: v.object({ ids: IdInput }),
    envelope: 'searches',
    pick: 'first',
    returns: SignalSearchSchema,
  }),
  settingsRetrieve: route('GET /api/signals/settings', {
    summary: 'The pause flag and daily scan time.',
    returns: SignalSettingsSchema,
  }),
  settingsUpdate: route('PATCH /api/signals/settings', {
    summary: 'Update the pause flag or scan time (15-minute boundaries).',
    body: SignalSettingsBody,
    returns: SignalSettingsSchema,
  }),
};

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

/** `/api/signals/leads`. */
export class SignalLeads extends APIResource {
  /** People or companies derived from signals. */
  list(query?: SignalLeadListParams, opts?: RequestOptions): Paginator<SignalLead> {
    return this._call(signalRoutes.leadsList, { query }, opts);
  }
  /** Set entity workflow statuses; per-item failures come back in `errors`. */
  update(body: SignalLeadUpdateParams, opts?: RequestOptions): APIPromise<BatchUpdateResult> {
    return this._call(signalRoutes.leadsUpdate, { body }, opts);
  }
}

/** `/api/signals/types`. */
export class SignalTypes extends APIResource {
  /** Every signal type, sorted by `position`. */
  list(query?: SignalTypeListParams, opts?: RequestOptions): APIPromise<SignalType[]> {
    return this._call(signalRoutes.typesList, { query }, opts);
  }
  /** Create a keyword type (never retried). */
  create(body: SignalTypeCreateParams, opts?: RequestOptions): APIPromise<SignalType> {
    return this._call(signalRoutes.typesCreate, { body }, opts);
  }
  /** Batch-update types. */
  update(body: SignalTypeUpdateParams, opts?: RequestOptions): APIPromise<BatchUpdateResult> {
    return this._call(signalRoutes.typesUpdate, { body }, opts);
  }
  /** Batch-delete types; built-ins fail per item with `built_in`. */
  delete(body: SignalTypeDeleteParams, opts?: RequestOptions): APIPromise<BatchDeleteResult> {
    return this._call(signalRoutes.typesDelete, { body }, opts);
  }
}

/** `/api/signals/search`. */
export class SignalSearches extends APIResource {
  /** Start a search (never retried; 409 while another is pending or running). */
  create(body: SignalSearchCreateParams, opts?: RequestOptions): APIPromise<SignalSearchStarted> {
    return this._call(signalRoutes.searchCreate, { body }, opts);
  }
  /** Searches, page by page. */
  list(query?: SignalSearchListParams, opts?: RequestOptions): Paginator<SignalSearch> {
    return this._call(signalRoutes.searchList, { query }, opts);
  }
  /** One search with its `results` (`NotFoundError` when unknown). */
  retrieve(searchId: string, opts?: RequestOptions): APIPromise<SignalSearch> {
    return this._call(signalRoutes.searchRetrieve, { query: { ids: searchId } }, opts);
  }
  /**
   * `create`, then poll every 7 s (documented 5–10 s) until `completed`/`failed` — or, when a server
   * sends no `status`, until `completedAt` is set; 10 min timeout (the documented give-up point).
   */
  async createAndWait(
    body: SignalSearchCreateParams,
    opts: RequestOptions & PollOptions<SignalSearch> = {},
  ): Promise<SignalSearch> {
    const [request, wait] = splitWait(opts);
    const { id } = await this.create(body, request);
    return poll({
      what: `Puffle signal search ${id}`,
      fetch: (signal) => this.retrieve(id, { signal }),
      status: (s) => s.status ?? (s.completedAt ? 'completed' : undefined),
      isDone: (status) => status !== undefined && SIGNAL_SEARCH_TERMINAL.has(status),
      ...waitDefaults(wait, 7_000, 10 * 60_000),
    });
  }
}

/** `/api/signals/settings`. */
export class SignalSettingsResource extends APIResource {
  /** The pause flag and daily scan time. */
  retrieve(opts?: RequestOptions): APIPromise<SignalSettings> {
    return this._call(signalRoutes.settingsRetrieve, {}, opts);
  }
  /** Update them; `scanTimeUtc` must sit on a 15-minute boundary (checked locally). */
  update(body: SignalSettingsUpdateParams, opts?: RequestOptions): APIPromise<SignalSettings> {
    return this._call(signalRoutes.settingsUpdate, { body }, opts);
  }
}

/** Signals: the feed, entities, types, searches and settings. */
export class Signals extends APIResource {
  /** Signal-derived people and companies. */
  readonly leads: SignalLeads = new SignalLeads(this._client);
  /** Signal types. */
  readonly types: SignalTypes = new SignalTypes(this._client);
  /** Freeform signal searches. */
  readonly search: SignalSearches = new SignalSearches(this._client);
  /** Scan settings. */
  readonly settings: SignalSettingsResource = new SignalSettingsResource(this._client);

  /** The signal feed. */
  list(query?: SignalListParams, opts?: RequestOptions): Paginator<Signal> {
    return this._call(signalRoutes.list, { query }, opts);
  }
  /** Batch-update signals; idempotent per id, so retried. */
  update(body: SignalUpdateParams, opts?: RequestOptions): APIPromise<BatchUpdateResult> {
    return this._call(signalRoutes.update, { body }, opts);
  }
  /** Generate DM/comment drafts; per-item failures come back in each result's `error`. */
  generate(body: SignalGenerateParams, opts?: RequestOptions): APIPromise<SignalDraftResult[]> {
    return this._call(signalRoutes.generate, { body }, opts);
  }
}
