import { describe, expect, it } from 'vitest';
import type { Puffle } from '../src/index.js';
import { client, intercept, useNock } from './helpers.js';

useNock();

/**
 * Every row of the method table: the exact request on the wire (method, path, query, JSON body) and
 * the typed result the method resolves (envelopes unwrapped, multi-key bodies whole, lists as items).
 */
interface Row {
  call: (p: Puffle) => Promise<unknown>;
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  status?: number;
  reply?: unknown;
  result: unknown;
}

const lead = { id: 'l1', type: 'person', name: { full: 'Ada Lovelace' }, company: { domain: 'acme.com' } };
const list = { id: 'list1', name: 'Targets', leadCount: 2 };
const task = { id: 't1', type: 'lead_search', status: 'pending', resultListId: 'list1' };
const run = { id: 'r1', status: 'running', scope: { counts: { pending: 1 } } };
const item = { id: 'i1', runId: 'r1', leadId: 'l1', status: 'completed', result: { value: 'ada@acme.com' } };
const signal = { id: 's1', score: 2, title: 'Hiring' };
const stype = { id: 'st1', label: 'Pain Point', builtIn: false };
const search = { id: 'ss1', query: 'SOC 2', status: 'completed', completedAt: '2026-12-01T00:00:00Z' };
const campaign = { id: 'c1', name: 'Intro', type: 'linkedin', status: 'draft' };
const prospect = { id: 'p1', campaign_id: 'c1', status: 'pending', email: 'a@acme.com' };
const thread = { id: 'th1', channel: 'email', status: 'draft', inbox_state: 'draft' };
const message = { id: 'm1', conversation_id: 'th1', body_text: 'Hi' };
const sender = { id: 'snd1', type: 'email', status: 'active', email_address: 'sam@mail.example.com' };
const domain = { id: 'd1', domain: 'mail.example.com', status: 'verifying' };
const batch = { updated: ['s1'], errors: [{ id: 'x', error: 'not_found' }] };
const config = {
  registryVersion: 'billing-registry:v1',
  operations: { work_email_lookup: { id: 'work_email_lookup', credits: 2 } },
  plans: {},
  entitlements: { keys: [] },
  legacyCreditActions: {},
  costs: { EMAIL_LOOKUP: 2 },
};

const rows: Record<string, Row> = {
  // Account, context, credits
  '1 account.retrieve': {
    call: (p) => p.account.retrieve(),
    method: 'GET',
    path: '/api/account',
    reply: { account: { id: 'u1', email: 'o@x.com' }, profile: { firstName: 'O' }, canManageAuth: false },
    result: { account: { id: 'u1', email: 'o@x.com' }, profile: { firstName: 'O' }, canManageAuth: false },
  },
  '2 account.update': {
    call: (p) => p.account.update({ firstName: 'Olive', lastName: null }),
    method: 'PATCH',
    path: '/api/account',
    body: { firstName: 'Olive', lastName: null },
    reply: { account: { id: 'u1' }, pendingEmail: null },
    result: { account: { id: 'u1' }, pendingEmail: null },
  },
  '3 context.retrieve': {
    call: (p) => p.context.retrieve(),
    method: 'GET',
    path: '/api/context',
    reply: { context: null, profile: null },
    result: { context: null, profile: null },
  },
  '4 context.replace': {
    call: (p) => p.context.replace({ context: { company: { overview: 'Widgets' } }, profile: null }),
    method: 'PUT',
    path: '/api/context',
    body: { context: { company: { overview: 'Widgets' } }, profile: null },
    reply: { context: { company: { overview: 'Widgets' } }, profile: null },
    result: { context: { company: { overview: 'Widgets' } }, profile: null },
  },
  '5 credits.config.retrieve': {
    call: (p) => p.credits.config.retrieve(),
    method: 'GET',
    path: '/api/credits/config',
    reply: config,
    result: config,
  },
  // Leads
  '6 leads.list': {
    call: (p) => p.leads.list({ domain: 'acme.com', limit: 10 }).toArray(),
    method: 'GET',
    path: '/api/leads',
    query: { domain: 'acme.com', limit: '10' },
    reply: { leads: [lead], nextCursor: null },
    result: [lead],
  },
  '7 leads.retrieve': {
    call: (p) => p.leads.retrieve('l1'),
    method: 'GET',
    path: '/api/leads',
    query: { id: 'l1' },
    reply: { leads: [lead], nextCursor: null },
    result: lead,
  },
  '8 leads.create': {
    call: (p) => p.leads.create({ type: 'person', name: { full: 'Ada' }, listIds: ['list1'] }),
    method: 'POST',
    path: '/api/leads',
    body: { type: 'person', name: { full: 'Ada' }, listIds: ['list1'] },
    status: 201,
    reply: { lead },
    result: lead,
  },
  '9 leads.update': {
    call: (p) => p.leads.update('l1', { title: 'CTO' }),
    method: 'PATCH',
    path: '/api/leads',
    body: { title: 'CTO', id: 'l1' },
    reply: { lead },
    result: lead,
  },
  '10 leads.delete': {
    call: (p) => p.leads.delete('l1'),
    method: 'DELETE',
    path: '/api/leads',
    body: { id: 'l1' },
    reply: { success: true },
    result: { success: true },
  },
  '11 leads.search.create': {
    call: (p) => p.leads.search.create({ prompt: 'CTOs in Boston', fetch_count: 50, listId: 'list1' }),
    method: 'POST',
    path: '/api/leads/search',
    body: { prompt: 'CTOs in Boston', fetch_count: 50, listId: 'list1' },
    status: 201,
    reply: { task, list: { id: 'list1', name: 'Targets' } },
    result: { task, list: { id: 'list1', name: 'Targets' } },
  },
  '12 leads.search.list': {
    call: (p) => p.leads.search.list(),
    method: 'GET',
    path: '/api/leads/search',
    reply: { tasks: [task] },
    result: [task],
  },
  '13 leads.search.retrieve': {
    call: (p) => p.leads.search.retrieve('t1'),
    method: 'GET',
    path: '/api/leads/search',
    query: { taskId: 't1' },
    reply: { tasks: [task] },
    result: task,
  },
  '14 leads.search.results.list': {
    call: (p) => p.leads.search.results.list({ taskId: 't1' }).toArray(),
    method: 'GET',
    path: '/api/leads/search/results',
    query: { taskId: 't1' },
    reply: { results: [{ name: 'x' }], total: 1 },
    result: [{ name: 'x' }],
  },
  // Lists
  '15 lists.list': {
    call: (p) => p.lists.list({ includeStats: true }),
    method: 'GET',
    path: '/api/lists',
    query: { includeStats: 'true' },
    reply: { lists: [list] },
    result: [list],
  },
  '16 lists.create': {
    call: (p) => p.lists.create({ name: 'Targets', leadType: 'person' }),
    method: 'POST',
    path: '/api/lists',
    body: { name: 'Targets', leadType: 'person' },
    status: 201,
    reply: { list },
    result: list,
  },
  '17 lists.update': {
    call: (p) => p.lists.update('list1', { name: 'T2' }),
    method: 'PATCH',
    path: '/api/lists',
    body: { name: 'T2', id: 'list1' },
    reply: { list },
    result: list,
  },
  '18 lists.delete': {
    call: (p) => p.lists.delete('list1'),
    method: 'DELETE',
    path: '/api/lists',
    body: { id: 'list1' },
    status: 204,
    result: { success: true },
  },
  '19 lists.leads.list': {
    call: (p) => p.lists.leads.list('list1', { limit: 500, type: 'person' }).toArray(),
    method: 'GET',
    path: '/api/lists/list1/leads',
    query: { limit: '500', type: 'person' },
    reply: { leads: [lead], total: 1, hasMore: false, nextCursor: 'l1' },
    result: [lead],
  },
  '20 lists.leads.create': {
    call: (p) => p.lists.leads.create('list1', { leadIds: ['l1', 'l2'] }),
    method: 'POST',
    path: '/api/lists/list1/leads',
    body: { leadIds: ['l1', 'l2'] },
    reply: { list },
    result: list,
  },
  '21 lists.leads.delete': {
    call: (p) => p.lists.leads.delete('list1', { leadIds: ['l1'] }),
    method: 'DELETE',
    path: '/api/lists/list1/leads',
    body: { leadIds: ['l1'] },
    reply: { list },
    result: list,
  },
  '22 lists.import': {
    call: (p) =>
      p.lists.import({
        leads: [{ type: 'company', name: { full: 'Acme' }, domain: 'acme.com' }],
        preview: true,
      }),
    method: 'POST',
    path: '/api/lists/import',
    body: { leads: [{ type: 'company', name: { full: 'Acme' }, domain: 'acme.com' }], preview: true },
    reply: { preview: { leadCount: 1, personCount: 0, companyCount: 1 } },
    result: { preview: { leadCount: 1, personCount: 0, companyCount: 1 } },
  },
  // Enrichment
  '23 enrichments.list': {
    call: (p) => p.enrichments.list({ q: 'email' }),
    method: 'GET',
    path: '/api/enrichments',
    query: { q: 'email' },
    reply: { enrichments: [{ id: 'e1', slug: 'work_email' }] },
    result: [{ id: 'e1', slug: 'work_email' }],
  },
  '24 enrichments.retrieve': {
    call: (p) => p.enrichments.retrieve('work_email'),
    method: 'GET',
    path: '/api/enrichments',
    query: { id: 'work_email' },
    reply: { enrichments: [{ id: 'e1', slug: 'work_email' }] },
    result: { id: 'e1', slug: 'work_email' },
  },
  '25 enrichment.create': {
    call: (p) =>
      p.enrichment.create(
        { enrichmentId: 'work_email', scope: { type: 'explicit_leads', leadIds: ['l1'] } },
        { idempotencyKey: 'key-1' },
      ),
    method: 'POST',
    path: '/api/enrichment',
    body: {
      enrichmentId: 'work_email',
      scope: { type: 'explicit_leads', leadIds: ['l1'] },
      idempotencyKey: 'key-1',
    },
    status: 201,
    reply: { runId: 'r1', enrichmentRunId: 'r1', status: 'pending', leadCount: 1, reusedExistingRun: false },
    result: { runId: 'r1', enrichmentRunId: 'r1', status: 'pending', leadCount: 1, reusedExistingRun: false },
  },
  '26 enrichment.retrieve': {
    call: (p) => p.enrichment.retrieve('r1'),
    method: 'GET',
    path: '/api/enrichment/r1',
    reply: { run },
    result: run,
  },
  '27 enrichment.items.list': {
    call: (p) => p.enrichment.items.list('r1', { status: 'completed', limit: 100 }).toArray(),
    method: 'GET',
    path: '/api/enrichment/r1/items',
    query: { status: 'completed', limit: '100' },
    reply: { items: [item], page: { limit: 100, nextCursor: null, hasMore: false } },
    result: [item],
  },
  '28 enrichment.cancel': {
    call: (p) => p.enrichment.cancel('r1'),
    method: 'POST',
    path: '/api/enrichment/r1/cancel',
    reply: { run: { id: 'r1', status: 'cancelled', cancelledAt: '2026-12-06T00:00:00Z' } },
    result: { id: 'r1', status: 'cancelled', cancelledAt: '2026-12-06T00:00:00Z' },
  },
  // Signals
  '29 signals.list': {
    call: (p) => p.signals.list({ ids: ['s1', 's2'], minScore: 2, includeDismissed: true }).toArray(),
    method: 'GET',
    path: '/api/signals',
    query: { ids: 's1,s2', minScore: '2', includeDismissed: 'true' },
    reply: { signals: [signal], pagination: { cursor: null, hasMore: false, count: 1 } },
    result: [signal],
  },
  '30 signals.update': {
    call: (p) => p.signals.update({ items: [{ id: 's1', vote: 'up', status: 'dismissed' }] }),
    method: 'PATCH',
    path: '/api/signals',
    body: { items: [{ id: 's1', vote: 'up', status: 'dismissed' }] },
    reply: batch,
    result: batch,
  },
  '31 signals.generate': {
    call: (p) => p.signals.generate({ items: [{ id: 's1', dm: true }] }),
    method: 'POST',
    path: '/api/signals/generate',
    body: { items: [{ id: 's1', dm: true }] },
    reply: { results: [{ id: 's1', dm: { text: 'Hi' } }] },
    result: [{ id: 's1', dm: { text: 'Hi' } }],
  },
  '32 signals.leads.list': {
    call: (p) => p.signals.leads.list({ groupBy: 'company', sortBy: 'topScore' }).toArray(),
    method: 'GET',
    path: '/api/signals/leads',
    query: { groupBy: 'company', sortBy: 'topScore' },
    reply: { leads: [{ id: 'e1', name: 'Acme' }], pagination: { cursor: null, hasMore: false, count: 1 } },
    result: [{ id: 'e1', name: 'Acme' }],
  },
  '33 signals.leads.update': {
    call: (p) => p.signals.leads.update({ items: [{ entityId: 'e1', status: 'contacted' }] }),
    method: 'PATCH',
    path: '/api/signals/leads',
    body: { items: [{ entityId: 'e1', status: 'contacted' }] },
    reply: batch,
    result: batch,
  },
  '34 signals.types.list': {
    call: (p) => p.signals.types.list({ ids: ['st1'], skipSourceEnable: true }),
    method: 'GET',
    path: '/api/signals/types',
    query: { ids: 'st1', skipSourceEnable: 'true' },
    reply: { types: [stype] },
    result: [stype],
  },
  '35 signals.types.create': {
    call: (p) => p.signals.types.create({ label: 'Pain Point', keywords: ['slow builds'] }),
    method: 'POST',
    path: '/api/signals/types',
    body: { label: 'Pain Point', keywords: ['slow builds'] },
    status: 201,
    reply: { type: stype },
    result: stype,
  },
  '36 signals.types.update': {
    call: (p) => p.signals.types.update({ items: [{ id: 'st1', enabled: false }] }),
    method: 'PATCH',
    path: '/api/signals/types',
    body: { items: [{ id: 'st1', enabled: false }] },
    reply: batch,
    result: batch,
  },
  '37 signals.types.delete': {
    call: (p) => p.signals.types.delete({ ids: ['st1', 'st2'] }),
    method: 'DELETE',
    path: '/api/signals/types',
    body: { ids: ['st1', 'st2'] },
    reply: { deleted: ['st1'], errors: [{ id: 'st2', error: 'built_in' }] },
    result: { deleted: ['st1'], errors: [{ id: 'st2', error: 'built_in' }] },
  },
  '38 signals.search.create': {
    call: (p) => p.signals.search.create({ query: 'SOC 2', filterPrompt: 'only buyers' }),
    method: 'POST',
    path: '/api/signals/search',
    body: { query: 'SOC 2', filterPrompt: 'only buyers' },
    status: 201,
    reply: { searchId: 'ss1', status: 'pending' },
    result: { searchId: 'ss1', id: 'ss1', status: 'pending' },
  },
  '39 signals.search.list': {
    call: (p) => p.signals.search.list({ limit: 100 }).toArray(),
    method: 'GET',
    path: '/api/signals/search',
    query: { limit: '100' },
    reply: { searches: [search], pagination: { cursor: null, hasMore: false, count: 1 } },
    result: [search],
  },
  '40 signals.search.retrieve': {
    call: (p) => p.signals.search.retrieve('ss1'),
    method: 'GET',
    path: '/api/signals/search',
    query: { ids: 'ss1' },
    reply: { searches: [search], pagination: { cursor: null, hasMore: false, count: 1 } },
    result: search,
  },
  '41 signals.settings.retrieve': {
    call: (p) => p.signals.settings.retrieve(),
    method: 'GET',
    path: '/api/signals/settings',
    reply: { paused: false, scanTimeUtc: '06:00', pipelineStatus: null },
    result: { paused: false, scanTimeUtc: '06:00', pipelineStatus: null },
  },
  '42 signals.settings.update': {
    call: (p) => p.signals.settings.update({ scanTimeUtc: '07:45' }),
    method: 'PATCH',
    path: '/api/signals/settings',
    body: { scanTimeUtc: '07:45' },
    reply: { paused: false, scanTimeUtc: '07:45' },
    result: { paused: false, scanTimeUtc: '07:45' },
  },
  // Campaigns
  '43 campaigns.list': {
    call: (p) => p.campaigns.list(),
    method: 'GET',
    path: '/api/campaigns',
    reply: { campaigns: [{ ...campaign, node_count: 2 }] },
    result: [{ ...campaign, node_count: 2 }],
  },
  '44 campaigns.create': {
    call: (p) => p.campaigns.create({ type: 'linkedin', name: 'Intro', sender_account_ids: ['snd1'] }),
    method: 'POST',
    path: '/api/campaigns',
    body: { type: 'linkedin', name: 'Intro', sender_account_ids: ['snd1'] },
    status: 201,
    reply: { campaign: { ...campaign, sequence_nodes: [{ id: 'n1', type: 'end' }] } },
    result: { ...campaign, sequence_nodes: [{ id: 'n1', type: 'end' }] },
  },
  '45 campaigns.retrieve': {
    call: (p) => p.campaigns.retrieve('c1'),
    method: 'GET',
    path: '/api/campaigns/c1',
    reply: { campaign, sequence_nodes: [], prospects_by_status: { pending: 1 }, prospects_by_node: {} },
    result: { campaign, sequence_nodes: [], prospects_by_status: { pending: 1 }, prospects_by_node: {} },
  },
  '46 campaigns.update': {
    call: (p) =>
      p.campaigns.update('c1', { daily_limit: 250, sequence_nodes: [{ type: 'delay', delay_days: 2 }] }),
    method: 'PATCH',
    path: '/api/campaigns/c1',
    body: { daily_limit: 250, sequence_nodes: [{ type: 'delay', delay_days: 2 }] },
    reply: { campaign },
    result: campaign,
  },
  '47 campaigns.delete': {
    call: (p) => p.campaigns.delete('c1'),
    method: 'DELETE',
    path: '/api/campaigns/c1',
    reply: { success: true },
    result: { success: true },
  },
  '48 campaigns.launch': {
    call: (p) => p.campaigns.launch('c1'),
    method: 'POST',
    path: '/api/campaigns/c1/launch',
    reply: { success: true, runId: 'x', prospectsToProcess: 3, skippedProspects: [], skippedCount: 0 },
    result: { success: true, runId: 'x', prospectsToProcess: 3, skippedProspects: [], skippedCount: 0 },
  },
  '49 campaigns.pause': {
    call: (p) => p.campaigns.pause('c1'),
    method: 'POST',
    path: '/api/campaigns/c1/pause',
    reply: { campaign: { ...campaign, status: 'paused' } },
    result: { ...campaign, status: 'paused' },
  },
  '50 campaigns.resume': {
    call: (p) => p.campaigns.resume('c1'),
    method: 'POST',
    path: '/api/campaigns/c1/resume',
    reply: { campaign: { ...campaign, status: 'completed' } },
    result: { ...campaign, status: 'completed' },
  },
  '51 campaigns.leads.list': {
    call: (p) => p.campaigns.leads.list('c1', { status: 'pending', limit: 100 }).toArray(),
    method: 'GET',
    path: '/api/campaigns/c1/leads',
    query: { status: 'pending', limit: '100' },
    reply: { prospects: [prospect], total: 1, page: 1, limit: 100 },
    result: [prospect],
  },
  '52 campaigns.leads.create': {
    call: (p) =>
      p.campaigns.leads.create('c1', { prospects: [{ email: 'a@acme.com', custom_fields: { tier: 'A' } }] }),
    method: 'POST',
    path: '/api/campaigns/c1/leads',
    body: { prospects: [{ email: 'a@acme.com', custom_fields: { tier: 'A' } }] },
    reply: { imported: 1, duplicates: 0 },
    result: { imported: 1, duplicates: 0 },
  },
  '53 campaigns.leads.update': {
    call: (p) => p.campaigns.leads.update('c1', 'p1', { first_name: 'Ada' }),
    method: 'PATCH',
    path: '/api/campaigns/c1/leads',
    body: { updates: { first_name: 'Ada' }, prospect_id: 'p1' },
    reply: { prospect },
    result: prospect,
  },
  '54 campaigns.leads.delete': {
    call: (p) => p.campaigns.leads.delete('c1', { prospect_ids: ['p1'] }),
    method: 'DELETE',
    path: '/api/campaigns/c1/leads',
    body: { prospect_ids: ['p1'] },
    reply: { deleted: 1 },
    result: { deleted: 1 },
  },
  '55 campaigns.leads.importFromList': {
    call: (p) => p.campaigns.leads.importFromList('c1', { listId: 'list1', filter: { limit: 2500 } }),
    method: 'POST',
    path: '/api/campaigns/c1/leads/import-from-list',
    body: { listId: 'list1', filter: { limit: 2500 } },
    status: 206,
    reply: { imported: 3, duplicates: 0, invalid: 1, errors: [], total: 4, partial: true },
    result: { imported: 3, duplicates: 0, invalid: 1, errors: [], total: 4, partial: true },
  },
  '56 campaigns.settings.retrieve': {
    call: (p) => p.campaigns.settings.retrieve(),
    method: 'GET',
    path: '/api/campaigns/settings',
    reply: {
      accounts: [{ id: 'snd1', daily_stats: { sent: 1, daily_limit: 30 } }],
      schedules: [],
      weekly_stats: [],
    },
    result: {
      accounts: [{ id: 'snd1', daily_stats: { sent: 1, daily_limit: 30 } }],
      schedules: [],
      weekly_stats: [],
    },
  },
  '57 campaigns.senders.list': {
    call: (p) => p.campaigns.senders.list('c1'),
    method: 'GET',
    path: '/api/campaigns/c1/senders',
    reply: { senders: [{ account_id: 'snd1', campaign_messages_sent: null }], campaign_total_sent: 4 },
    result: { senders: [{ account_id: 'snd1', campaign_messages_sent: null }], campaign_total_sent: 4 },
  },
  // Unibox
  '58 threads.list': {
    call: (p) =>
      p.threads.list({ view: ['inbox', 'unread'], inbox_state: ['needs_reply'], unread: true }).toArray(),
    method: 'GET',
    path: '/api/threads',
    query: { view: 'inbox,unread', inbox_state: 'needs_reply', unread: 'true' },
    reply: { threads: [thread], total: 1, page: 1, limit: 50 },
    result: [thread],
  },
  '59 threads.create': {
    call: (p) => p.threads.create({ participant_email: 'ada@acme.com', draft_subject: 'Hi' }),
    method: 'POST',
    path: '/api/threads',
    body: { participant_email: 'ada@acme.com', draft_subject: 'Hi' },
    status: 201,
    reply: { thread },
    result: thread,
  },
  '60 threads.retrieve': {
    call: (p) => p.threads.retrieve('th1'),
    method: 'GET',
    path: '/api/threads/th1',
    reply: { thread, messages: [message], senderDisconnected: false },
    result: { thread, messages: [message], senderDisconnected: false },
  },
  '61 threads.update': {
    call: (p) => p.threads.update('th1', { status: 'archived', draft_cc: null }),
    method: 'PATCH',
    path: '/api/threads/th1',
    body: { status: 'archived', draft_cc: null },
    reply: { thread },
    result: thread,
  },
  '62 threads.messages.list': {
    call: (p) => p.threads.messages.list('th1', { limit: 200 }).toArray(),
    method: 'GET',
    path: '/api/threads/th1/messages',
    query: { limit: '200' },
    reply: { messages: [message], total: 1, page: 1, limit: 200 },
    result: [message],
  },
  '63 threads.messages.create': {
    call: (p) => p.threads.messages.create('th1', { body_text: 'Hi', threading_mode: 'reply' }),
    method: 'POST',
    path: '/api/threads/th1/messages',
    body: { body_text: 'Hi', threading_mode: 'reply' },
    status: 201,
    reply: { message, thread },
    result: { message, thread },
  },
  // 64 (multipart upload) has its own test below.
  '65 senders.list': {
    call: (p) => p.senders.list({ type: 'email' }),
    method: 'GET',
    path: '/api/senders',
    query: { type: 'email' },
    reply: { accounts: [sender] },
    result: [sender],
  },
  '66 senders.retrieve': {
    call: (p) => p.senders.retrieve('snd1'),
    method: 'GET',
    path: '/api/senders/snd1',
    reply: { account: { ...sender, stats: { today_sent: 2 } }, campaigns: [], mappings: [] },
    result: { account: { ...sender, stats: { today_sent: 2 } }, campaigns: [], mappings: [] },
  },
  '67 senders.schedule.retrieve': {
    call: (p) => p.senders.schedule.retrieve('snd1'),
    method: 'GET',
    path: '/api/senders/snd1/schedule',
    reply: { anything: [1] },
    result: { anything: [1] },
  },
  '68 email.accounts.list': {
    call: (p) => p.email.accounts.list(),
    method: 'GET',
    path: '/api/email/accounts',
    reply: { accounts: [sender] },
    result: [sender],
  },
  '69 email.accounts.create': {
    call: (p) => p.email.accounts.create({ username: 'sam', domain_id: 'd1', display_name: 'Sam' }),
    method: 'POST',
    path: '/api/email/accounts',
    body: { username: 'sam', domain_id: 'd1', display_name: 'Sam' },
    status: 201,
    reply: { account: sender },
    result: sender,
  },
  '70 email.accounts.update': {
    call: (p) => p.email.accounts.update('snd1', { signature: '' }),
    method: 'PATCH',
    path: '/api/email/accounts/snd1',
    body: { signature: '' },
    reply: { account: sender },
    result: sender,
  },
  '71 email.accounts.delete': {
    call: (p) => p.email.accounts.delete('snd1'),
    method: 'DELETE',
    path: '/api/email/accounts/snd1',
    reply: { success: true },
    result: { success: true },
  },
  '72 email.accounts.retryWarmup': {
    call: (p) => p.email.accounts.retryWarmup('snd1'),
    method: 'PATCH',
    path: '/api/email/accounts/snd1/retry-warmup',
    reply: { account: { ...sender, warmup_status: 'warming' } },
    result: { ...sender, warmup_status: 'warming' },
  },
  '73 email.accounts.warmupAnalytics.retrieve': {
    call: (p) => p.email.accounts.warmupAnalytics.retrieve(),
    method: 'GET',
    path: '/api/email/accounts/warmup-analytics',
    reply: { analytics: { snd1: { health_score: 96 } }, transitions: {} },
    result: { analytics: { snd1: { health_score: 96 } }, transitions: {} },
  },
  '74 email.domains.list': {
    call: (p) => p.email.domains.list({ skip_sync: true }),
    method: 'GET',
    path: '/api/email/domains',
    query: { skip_sync: 'true' },
    reply: { domains: [domain] },
    result: [domain],
  },
  '75 email.domains.create': {
    call: (p) => p.email.domains.create({ domain: 'mail.example.com' }),
    method: 'POST',
    path: '/api/email/domains',
    body: { domain: 'mail.example.com' },
    status: 201,
    reply: { domain },
    result: domain,
  },
  '76 email.domains.verify': {
    call: (p) => p.email.domains.verify('d1', { poll: true }),
    method: 'POST',
    path: '/api/email/domains/d1/verify',
    query: { poll: 'true' },
    reply: { domain },
    result: domain,
  },
  '77 email.domains.dnsRecords.list': {
    call: (p) => p.email.domains.dnsRecords.list('d1'),
    method: 'GET',
    path: '/api/email/domains/d1/dns-records',
    reply: {
      domain,
      cloudflare: { checked: false, error: 'none' },
      records: [{ type: 'MX', priority: 10, ttl: 3600 }],
    },
    result: {
      domain,
      cloudflare: { checked: false, error: 'none' },
      records: [{ type: 'MX', priority: 10, ttl: 3600 }],
    },
  },
  '78 email.domains.update': {
    call: (p) => p.email.domains.update('d1', { status: 'failed' }),
    method: 'PATCH',
    path: '/api/email/domains/d1',
    body: { status: 'failed' },
    reply: { domain },
    result: domain,
  },
  '79 email.domains.delete': {
    call: (p) => p.email.domains.delete('d1'),
    method: 'DELETE',
    path: '/api/email/domains/d1',
    status: 204,
    result: { success: true },
  },
  '80 unipile.connect': {
    call: (p) => p.unipile.connect(),
    method: 'POST',
    path: '/api/unipile/connect',
    reply: { url: 'https://connect.example/abc' },
    result: { url: 'https://connect.example/abc' },
  },
};

describe('every row of the method table', () => {
  it('covers 79 rows here plus the multipart upload', () => {
    expect(Object.keys(rows)).toHaveLength(79);
  });

  for (const [name, row] of Object.entries(rows)) {
    it(`${name}: ${row.method} ${row.path}`, async () => {
      const seen = intercept(row.method, row.path, row.status ?? 200, row.reply);
      const result = await row.call(client({ maxRetries: 0 }));
      expect(result).toEqual(row.result);
      expect(seen).toHaveLength(1);
      const [request] = seen;
      expect(request?.query).toEqual(row.query ?? {});
      expect(request?.body).toEqual(row.body);
      expect(request?.headers.authorization).toBe('Bearer pk_live_s3cr3t_DO_NOT_PRINT_9f2a');
      expect(request?.headers['user-agent']).toMatch(/^quiver-puffle\/0\.1\.0 /);
      if (row.body !== undefined) expect(request?.headers['content-type']).toMatch(/^application\/json/);
    });
  }

  it('64 threads.attachments.create: multipart/form-data with the file, through core', async () => {
    const seen = intercept('POST', '/api/threads/th1/attachments', 201, {
      attachment: {
        name: 'deck.pdf',
        bucket: 'b',
        path: 'th1/deck.pdf',
        mime_type: 'application/pdf',
        size: 5,
      },
    });
    const file = new File(['%PDF-'], 'deck.pdf', { type: 'application/pdf' });
    const result = await client().threads.attachments.create('th1', { file });
    expect(result).toEqual({
      name: 'deck.pdf',
      bucket: 'b',
      path: 'th1/deck.pdf',
      mime_type: 'application/pdf',
      size: 5,
    });
    expect(String(seen[0]?.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
    expect(String(seen[0]?.body)).toContain('filename="deck.pdf"');
    expect(String(seen[0]?.body)).toContain('%PDF-');
  });
});
