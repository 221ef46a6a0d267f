import { bearerAuth, type ClientOptions, QuiverClient, readEnv, resolveApiKey } from '@quiver/core';
import { parsePuffleError } from './errors.js';
import { AccountResource, ContextResource, Credits } from './resources/account.js';
import { Campaigns } from './resources/campaigns.js';
import { Email } from './resources/email.js';
import { EnrichmentRuns, Enrichments } from './resources/enrichment.js';
import { Leads } from './resources/leads.js';
import { Lists } from './resources/lists.js';
import { Senders, Unipile } from './resources/senders.js';
import { Signals } from './resources/signals.js';
import { Threads } from './resources/threads.js';
import { VERSION } from './version.js';

/** Puffle's API host (Puffle's API reference, Overview). Every path already starts with `/api`. */
export const DEFAULT_BASE_URL = 'https://app.puffle.ai';

/** Options of the `Puffle` client: every core option. */
export interface PuffleOptions extends ClientOptions {
  /** API key (`pk_live_…`). Default: `PUFFLE_API_KEY`. */
  apiKey?: string | undefined;
  /**
   * Default: `PUFFLE_BASE_URL`, then `PUFFLE_API_BASE_URL` (the vendor CLI's variable), then
   * `https://app.puffle.ai`. Without `/api`: the paths carry it.
   */
  baseURL?: string | undefined;
}

/**
 * The Puffle client (lead generation and outreach). `new Puffle()` reads `PUFFLE_API_KEY` and
 * `PUFFLE_BASE_URL`.
 *
 * ```ts
 * const puffle = new Puffle();
 * for await (const lead of puffle.leads.list({ domain: 'acme.com' })) console.log(lead.name?.full);
 * const run = await puffle.enrichment.createAndWait({ enrichmentId: 'work_email', scope: { type: 'list', listId } });
 * ```
 */
export class Puffle extends QuiverClient {
  /** Account settings: `account.retrieve`, `account.update`. */
  readonly account: AccountResource;
  /** The company profile (ICP context). */
  readonly context: ContextResource;
  /** The credit price table: `credits.config.retrieve`. */
  readonly credits: Credits;
  /** Workspace Leads, and Lead Search tasks (`leads.search`). */
  readonly leads: Leads;
  /** Lists and their Leads. */
  readonly lists: Lists;
  /** The Enrichment catalog (what can be run). */
  readonly enrichments: Enrichments;
  /** Enrichment runs (start, follow, read results, cancel). */
  readonly enrichment: EnrichmentRuns;
  /** The signal feed, signal leads, types, searches and settings. */
  readonly signals: Signals;
  /** Campaigns, their leads, settings and senders. */
  readonly campaigns: Campaigns;
  /** The Unibox: threads, messages, attachments. */
  readonly threads: Threads;
  /** Sender accounts (email and LinkedIn). */
  readonly senders: Senders;
  /** Email inboxes and sending domains. */
  readonly email: Email;
  /** The hosted LinkedIn connection flow. */
  readonly unipile: Unipile;

  /** @throws ConfigurationError without a key, with a key not starting `pk_live_`, or with a bad `baseURL`. */
  constructor(options: PuffleOptions = {}) {
    const apiKey = resolveApiKey({
      vendor: 'Puffle',
      option: options.apiKey,
      env: 'PUFFLE_API_KEY',
      // Only `pk_live_` is documented; the older "+64 hex" length is not enforced (keys may change).
      pattern: /^pk_live_./,
      expected: 'a key starting with pk_live_',
    });
    super(options, {
      name: 'Puffle',
      sdk: 'quiver-puffle',
      version: VERSION,
      baseURL:
        options.baseURL ?? readEnv('PUFFLE_BASE_URL') ?? readEnv('PUFFLE_API_BASE_URL') ?? DEFAULT_BASE_URL,
      auth: bearerAuth(apiKey),
      credentialHint: { key: 'pass apiKey or set PUFFLE_API_KEY' },
      parseError: parsePuffleError,
      // No global limit is published: no client-side limiter by default (pass `rateLimit` for one).
      rateLimit: false,
      // "Back off exponentially, starting at 1 second" (Puffle's API basics): 1–2 s, 2–4 s, …
      retry: { baseDelay: 1_000, jitter: 'additive' },
      arrayFormat: 'comma',
    });
    this.account = new AccountResource(this);
    this.context = new ContextResource(this);
    this.credits = new Credits(this);
    this.leads = new Leads(this);
    this.lists = new Lists(this);
    this.enrichments = new Enrichments(this);
    this.enrichment = new EnrichmentRuns(this);
    this.signals = new Signals(this);
    this.campaigns = new Campaigns(this);
    this.threads = new Threads(this);
    this.senders = new Senders(this);
    this.email = new Email(this);
    this.unipile = new Unipile(this);
  }
}
