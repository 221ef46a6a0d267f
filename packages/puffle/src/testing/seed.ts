/**
 * The fake Puffle's seed: a small workspace with Leads at three companies (with domains), Lists,
 * signals, campaigns, Unibox threads, senders, an Enrichment catalog and a credit balance. Plain
 * records in Puffle's wire shapes (camelCase for Leads/Lists/Enrichment/Signals, snake_case for
 * campaigns, threads and senders).
 */

/** A record of the fake: a JSON object with an `id`. */
export type FakeRecord = {
  /** The record's id, as the API returns it. */
  id: string;
} & Record<string, unknown>;

/** Everything the fake holds. Mutated by the fake's handlers; `reset()` restores a fresh seed. */
export interface FakePuffleData {
  /** Credits left: billable calls answer 402 `{ required, balance }` when short. */
  credits: number;
  /** The signed-in account, as `GET /api/account` returns it. */
  account: Record<string, unknown>;
  /** The company profile `{ context, profile }`, as `GET /api/context` returns it. */
  context: Record<string, unknown>;
  /** The credit price table, as `GET /api/credits/config` returns it. */
  creditsConfig: Record<string, unknown>;
  /** Leads, people and companies. */
  leads: FakeRecord[];
  /** Lists; `leadIds` holds memberships (not sent on the wire). */
  lists: FakeRecord[];
  /** Lead Search tasks, newest first. */
  searchTasks: FakeRecord[];
  /** Result rows of each Lead Search task, by task id. */
  searchResults: Record<string, unknown[]>;
  /** The enrichments that can be run (`work_email`, `website_overview`). */
  enrichments: FakeRecord[];
  /** Enrichment runs. */
  runs: FakeRecord[];
  /** Per-Lead items of each run, by run id. */
  runItems: Record<string, FakeRecord[]>;
  /** Signals. */
  signals: FakeRecord[];
  /** The people and companies signals point at. */
  signalLeads: FakeRecord[];
  /** Signal types (six built-in ones in the seed). */
  signalTypes: FakeRecord[];
  /** Signal searches, newest first. */
  signalSearches: FakeRecord[];
  /** Signal settings: `paused`, `scanTimeUtc`, `pipelineStatus`. */
  signalSettings: Record<string, unknown>;
  /** Campaigns. */
  campaigns: FakeRecord[];
  /** Sequence nodes, by campaign id. */
  sequenceNodes: Record<string, FakeRecord[]>;
  /** Campaign leads ("prospects"), by campaign id. */
  prospects: Record<string, FakeRecord[]>;
  /** Inbox threads (conversations). */
  threads: FakeRecord[];
  /** Messages, by thread id. */
  messages: Record<string, FakeRecord[]>;
  /** Sender accounts, email and LinkedIn (the email ones are also the email accounts). */
  senders: FakeRecord[];
  /** Email sending domains. */
  domains: FakeRecord[];
}

/** Stable ids of seeded records, for tests and demos. */
export const SEED_IDS = {
  leads: {
    adaAcme: 'lead_ada_acme',
    bobAcme: 'lead_bob_acme',
    carolGlobex: 'lead_carol_globex',
    danGlobex: 'lead_dan_globex',
    erinInitech: 'lead_erin_initech',
    acme: 'lead_co_acme',
    globex: 'lead_co_globex',
  },
  lists: { all: 'all', targets: 'list_targets' },
  campaigns: { draft: 'camp_draft_linkedin', active: 'camp_active_email' },
  threads: { reply: 'thr_reply', draft: 'thr_draft', archived: 'thr_archived' },
  senders: { email: 'snd_email_1', linkedin: 'snd_linkedin_1' },
  domains: { verified: 'dom_verified', pending: 'dom_pending' },
  enrichments: { workEmail: 'work_email', websiteOverview: 'website_overview' },
} as const;

const T0 = '2026-11-02T09:00:00Z';

function person(
  id: string,
  first: string,
  last: string,
  title: string,
  company: string,
  domain: string,
  city: string,
): FakeRecord {
  return {
    id,
    type: 'person',
    name: { full: `${first} ${last}`, short: first, aliases: [], first, last },
    title,
    company: { name: company, id: `lead_co_${company.toLowerCase()}`, domain },
    location: { city, state: null, country: 'US', raw: `${city}, US` },
    socials: [{ url: `https://www.linkedin.com/in/${first.toLowerCase()}-${last.toLowerCase()}` }],
    contacts: [],
    attributes: {},
    raw: {},
    sources: [{ id: 'src_seed' }],
    lists: [],
    createdAt: T0,
    updatedAt: T0,
  };
}

function company(id: string, name: string, domain: string, industry: string): FakeRecord {
  return {
    id,
    type: 'company',
    name: { full: name, short: name, aliases: [], first: null, last: null },
    title: null,
    company: { name, id, domain },
    location: null,
    socials: [{ url: `https://www.linkedin.com/company/${name.toLowerCase()}` }],
    contacts: [],
    attributes: { industry },
    raw: {},
    sources: [{ id: 'src_seed' }],
    lists: [],
    createdAt: T0,
    updatedAt: T0,
  };
}

/** A fresh seed (every call returns new objects). */
export function createDefaultSeed(): FakePuffleData {
  const L = SEED_IDS.leads;
  const leads = [
    person(L.adaAcme, 'Ada', 'Lovelace', 'VP Engineering', 'Acme', 'acme.com', 'Boston'),
    person(L.bobAcme, 'Bob', 'Builder', 'Head of Sales', 'Acme', 'acme.com', 'Boston'),
    person(L.carolGlobex, 'Carol', 'Danvers', 'CTO', 'Globex', 'globex.io', 'Austin'),
    person(L.danGlobex, 'Dan', 'Brown', 'Security Lead', 'Globex', 'globex.io', 'Austin'),
    person(L.erinInitech, 'Erin', 'Yu', 'CEO', 'Initech', 'initech.dev', 'Denver'),
    company(L.acme, 'Acme', 'acme.com', 'Manufacturing'),
    company(L.globex, 'Globex', 'globex.io', 'Software'),
  ];
  const lists: FakeRecord[] = [
    {
      id: 'all',
      name: 'All Leads',
      description: null,
      leadType: 'mixed',
      leadIds: leads.map((l) => l.id),
      createdAt: T0,
      updatedAt: T0,
      activeSearchTaskId: null,
      searchFilters: {},
    },
    {
      id: SEED_IDS.lists.targets,
      name: 'Target accounts',
      description: 'Q1 outreach',
      leadType: 'person',
      leadIds: [L.adaAcme, L.bobAcme, L.carolGlobex, L.danGlobex, L.erinInitech],
      createdAt: T0,
      updatedAt: T0,
      activeSearchTaskId: null,
      searchFilters: {},
    },
  ];
  const signalTypes = [
    'Hiring',
    'Funding',
    'Leadership Change',
    'Competitor Mentions',
    'Pain Point',
    'Product Launch',
  ].map((label, position) => ({
    id: `sigtype_${position + 1}`,
    label,
    description: `${label} signals`,
    builtIn: true,
    enabled: true,
    position,
    color: ['blue', 'green', 'purple', 'orange', 'red', 'teal'][position],
    keywords: position >= 4 ? [label.toLowerCase()] : [],
    prompt: null,
    exampleSignals: [],
    structuredConfig: {},
    allowedSources:
      position === 0 ? ['linkedin_jobs', 'hiring_cafe', 'linkedin_posts'] : ['linkedin_posts', 'news'],
    sourceOverrides: [],
  }));
  const signals = Array.from({ length: 7 }, (_, i) => ({
    id: `sig_${String(i + 1).padStart(2, '0')}`,
    signalTypeId: signalTypes[i % 3]?.id,
    signalTypeLabel: signalTypes[i % 3]?.label,
    sourceId: 'linkedin_posts',
    score: (i % 2) + 2,
    title: `Signal ${i + 1}`,
    excerpt: 'We are hiring platform engineers',
    url: `https://example.com/post/${i + 1}`,
    comment: null,
    dmText: null,
    commentText: null,
    createdAt: `2026-11-${String(10 + i).padStart(2, '0')}T08:00:00Z`,
    entityCompany: i % 2 ? 'Globex' : 'Acme',
    entityDomain: i % 2 ? 'globex.io' : 'acme.com',
    entityId: i % 2 ? 'ent_globex' : 'ent_acme',
    status: 'new',
  }));
  const signalLeads = [
    {
      id: 'ent_acme',
      name: 'Acme',
      signalIds: signals.filter((_, i) => i % 2 === 0).map((s) => s.id),
      person: null,
      company: { name: 'Acme', domain: 'acme.com', linkedinUrl: null, industry: 'Manufacturing' },
      status: 'new',
    },
    {
      id: 'ent_globex',
      name: 'Globex',
      signalIds: signals.filter((_, i) => i % 2 === 1).map((s) => s.id),
      person: null,
      company: { name: 'Globex', domain: 'globex.io', linkedinUrl: null, industry: 'Software' },
      status: 'new',
    },
    {
      id: 'ent_ada',
      name: 'Ada Lovelace',
      signalIds: [signals[0]?.id],
      person: {
        name: 'Ada Lovelace',
        linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace',
        headline: 'VP Engineering',
        avatar: null,
        email: null,
      },
      company: null,
      status: 'new',
    },
  ];
  const senders: FakeRecord[] = [
    {
      id: SEED_IDS.senders.email,
      user_id: 'usr_1',
      type: 'email',
      display_name: 'Sam Sender',
      status: 'active',
      email_address: 'sam@mail.example.com',
      domain_id: SEED_IDS.domains.verified,
      warmup_status: 'active',
      first_name: 'Sam',
      last_name: 'Sender',
      signature: 'Sam',
      daily_limit: 30,
      weekly_connection_limit: null,
      weekly_message_limit: null,
      is_premium: false,
      created_at: T0,
      updated_at: T0,
      email_domains: { id: SEED_IDS.domains.verified, domain: 'mail.example.com', status: 'verified' },
    },
    {
      id: SEED_IDS.senders.linkedin,
      user_id: 'usr_1',
      type: 'linkedin',
      display_name: 'Sam on LinkedIn',
      status: 'connected',
      profile_url: 'https://www.linkedin.com/in/sam',
      provider_account_id: 'li_123',
      is_premium: true,
      has_sales_navigator: false,
      weekly_connection_limit: 100,
      weekly_message_limit: 150,
      daily_limit: 30,
      created_at: T0,
      updated_at: T0,
    },
  ];
  const C = SEED_IDS.campaigns;
  const campaigns: FakeRecord[] = [
    {
      id: C.draft,
      user_id: 'usr_1',
      name: 'LinkedIn intro',
      type: 'linkedin',
      status: 'draft',
      daily_limit: 30,
      skip_other_campaigns: true,
      operating_hours: {},
      sender_accounts: [
        { id: SEED_IDS.senders.linkedin, display_name: 'Sam on LinkedIn', status: 'connected' },
      ],
      created_at: T0,
      updated_at: T0,
    },
    {
      id: C.active,
      user_id: 'usr_1',
      name: 'Email follow-up',
      type: 'email',
      status: 'active',
      daily_limit: 50,
      stop_on_reply: true,
      open_tracking: false,
      signature: 'Sam',
      operating_hours: {},
      sender_accounts: [
        { id: SEED_IDS.senders.email, email_address: 'sam@mail.example.com', status: 'active' },
      ],
      created_at: T0,
      updated_at: T0,
    },
  ];
  const sequenceNodes: Record<string, FakeRecord[]> = {
    [C.draft]: [
      {
        id: 'node_d1',
        campaign_id: C.draft,
        position: 0,
        type: 'connection_request',
        body: 'Hi %first_name%',
        include_message: true,
      },
      { id: 'node_d2', campaign_id: C.draft, position: 1, type: 'end' },
    ],
    [C.active]: [
      {
        id: 'node_a1',
        campaign_id: C.active,
        position: 0,
        type: 'email',
        subject: 'Hello',
        body: 'Hi %first_name%',
      },
      { id: 'node_a2', campaign_id: C.active, position: 1, type: 'end' },
    ],
  };
  const prospect = (campaignId: string, i: number, status: string): FakeRecord => ({
    id: `pros_${campaignId}_${i}`,
    campaign_id: campaignId,
    user_id: 'usr_1',
    status,
    email: `p${i}@acme.com`,
    linkedin_url: `https://www.linkedin.com/in/p${i}`,
    first_name: `P${i}`,
    last_name: 'Person',
    name: `P${i} Person`,
    company: 'Acme',
    custom_fields: {},
    created_at: T0,
    updated_at: T0,
  });
  const prospects = {
    [C.draft]: Array.from({ length: 5 }, (_, i) => prospect(C.draft, i + 1, 'pending')),
    [C.active]: Array.from({ length: 3 }, (_, i) => prospect(C.active, i + 1, i === 0 ? 'replied' : 'sent')),
  };
  const TH = SEED_IDS.threads;
  const threads: FakeRecord[] = [
    {
      id: TH.reply,
      channel: 'email',
      status: 'active',
      inbox_state: 'needs_reply',
      participant_email: 'ada@acme.com',
      participant_name: 'Ada Lovelace',
      unread_count: 2,
      account_id: SEED_IDS.senders.email,
    },
    {
      id: TH.draft,
      channel: 'email',
      status: 'draft',
      inbox_state: 'draft',
      participant_email: 'carol@globex.io',
      participant_name: 'Carol Danvers',
      unread_count: 0,
      account_id: SEED_IDS.senders.email,
      draft_subject: 'Intro',
      draft_body_text: 'Hi Carol',
      draft_attachments: [],
    },
    {
      id: TH.archived,
      channel: 'linkedin',
      status: 'archived',
      inbox_state: 'archived',
      participant_email: null,
      participant_name: 'Dan Brown',
      unread_count: 0,
      account_id: SEED_IDS.senders.linkedin,
    },
  ];
  const messages = {
    [TH.reply]: Array.from({ length: 5 }, (_, i) => ({
      id: `msg_${i + 1}`,
      conversation_id: TH.reply,
      direction: i % 2 ? 'inbound' : 'outbound',
      subject: 'Hello',
      body_text: `Message ${i + 1}`,
      sent_at: `2026-11-20T10:0${i}:00Z`,
    })),
    [TH.draft]: [],
    [TH.archived]: [
      {
        id: 'msg_li_1',
        conversation_id: TH.archived,
        direction: 'outbound',
        subject: null,
        body_text: 'Thanks!',
        sent_at: T0,
      },
    ],
  };
  return {
    credits: 100,
    account: {
      account: { id: 'usr_1', email: 'owner@example.com', fullName: 'Olive Owner' },
      profile: { firstName: 'Olive', lastName: 'Owner' },
      canManageAuth: false,
    },
    context: {
      context: {
        user: { professionalBackground: 'Sales' },
        company: { overview: 'We sell widgets' },
        content: {},
        market: { icpJobTitles: ['CTO'], icpIndustries: ['Software'] },
        extra: null,
      },
      profile: {
        firstName: 'Olive',
        lastName: 'Owner',
        companyName: 'Example Co',
        website: 'https://example.com',
      },
    },
    creditsConfig: {
      registryVersion: 'billing-registry:v1',
      operations: {
        work_email_lookup: {
          id: 'work_email_lookup',
          label: 'Work email lookup',
          credits: 2,
          billableUnit: 'provider_submission',
          unitLabel: 'provider submission',
          featureGroup: 'enrichments',
          certainty: 'maximum',
        },
        website_overview: {
          id: 'website_overview',
          label: 'Website overview',
          credits: 1,
          billableUnit: 'lead',
          unitLabel: 'lead',
          featureGroup: 'enrichments',
          certainty: 'maximum',
        },
      },
      plans: {
        pro: {
          id: 'pro',
          billingProductId: 'pro',
          display: { name: 'Pro', order: 2, badge: 'Most popular', positioning: 'For sales teams' },
        },
      },
      entitlements: { keys: ['signals.manual_rescan'] },
      legacyCreditActions: { EMAIL_LOOKUP: 'work_email_lookup' },
      costs: { EMAIL_LOOKUP: 2 },
    },
    leads,
    lists,
    searchTasks: [],
    searchResults: {},
    enrichments: [
      {
        id: 'enr_work_email',
        slug: 'work_email',
        name: 'Work email',
        description: 'Find a work email',
        subject: 'person',
        version: '1',
        enabled: true,
        visibility: 'public',
        inputSchema: {},
        outputSchema: {},
        defaultOutput: { target: 'attribute', attributeKey: 'workEmail' },
        costModel: { creditAction: 'work_email_lookup' },
      },
      {
        id: 'enr_website_overview',
        slug: 'website_overview',
        name: 'Website overview',
        description: 'Summarise a website',
        subject: 'company',
        version: '1',
        enabled: true,
        visibility: 'public',
        inputSchema: {},
        outputSchema: {},
        defaultOutput: { target: 'attribute', attributeKey: 'websiteOverview' },
        costModel: { creditAction: 'website_overview' },
      },
    ],
    runs: [],
    runItems: {},
    signals,
    signalLeads,
    signalTypes,
    signalSearches: [],
    signalSettings: { paused: false, scanTimeUtc: '06:00', pipelineStatus: null },
    campaigns,
    sequenceNodes,
    prospects,
    threads,
    messages,
    senders,
    domains: [
      {
        id: SEED_IDS.domains.verified,
        user_id: 'usr_1',
        domain: 'mail.example.com',
        status: 'verified',
        dns_records: [{ type: 'TXT', name: '@', value: 'v=spf1 include:example.net ~all', priority: null }],
        verified_at: T0,
        created_at: T0,
        updated_at: T0,
      },
      {
        id: SEED_IDS.domains.pending,
        user_id: 'usr_1',
        domain: 'new.example.org',
        status: 'pending',
        dns_records: [{ type: 'MX', name: '@', value: 'mx.example.net', priority: 10 }],
        verified_at: null,
        created_at: T0,
        updated_at: T0,
      },
    ],
  };
}
