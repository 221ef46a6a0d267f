import { describe, expectTypeOf, it } from 'vitest';
import type {
  Account,
  APIPromise,
  Attachment,
  BatchDeleteResult,
  BatchUpdateResult,
  Campaign,
  CampaignDetail,
  CampaignLead,
  CompanyProfile,
  CreditsConfig,
  DomainDnsRecords,
  EmailAccount,
  EmailDomain,
  Enrichment,
  EnrichmentItem,
  EnrichmentRun,
  EnrichmentRunStarted,
  Lead,
  LeadSearchStarted,
  LeadSearchTask,
  List,
  Message,
  Paginator,
  Puffle,
  SenderAccount,
  SenderDetail,
  Signal,
  SignalLead,
  SignalSearch,
  SignalSearchStarted,
  SignalType,
  SuccessResult,
  Thread,
  ThreadDetail,
} from '../src/index.js';

// Compile-time checks (tsc --noEmit covers test/): each method's documented return type. The function
// is never called: only its types matter.
function checks(p: Puffle): void {
  expectTypeOf(p.account.retrieve()).toEqualTypeOf<APIPromise<Account>>();
  expectTypeOf(p.context.retrieve()).toEqualTypeOf<APIPromise<CompanyProfile>>();
  expectTypeOf(p.credits.config.retrieve()).toEqualTypeOf<APIPromise<CreditsConfig>>();
  expectTypeOf(p.leads.list()).toEqualTypeOf<Paginator<Lead>>();
  expectTypeOf(p.leads.retrieve('l')).toEqualTypeOf<APIPromise<Lead>>();
  expectTypeOf(p.leads.delete('l')).toEqualTypeOf<APIPromise<SuccessResult>>();
  expectTypeOf(p.leads.search.create({ prompt: 'x', fetch_count: 1 })).toEqualTypeOf<
    APIPromise<LeadSearchStarted>
  >();
  expectTypeOf(p.leads.search.list()).toEqualTypeOf<APIPromise<LeadSearchTask[]>>();
  expectTypeOf(p.leads.search.results.list()).toEqualTypeOf<Paginator<unknown>>();
  expectTypeOf(p.lists.list()).toEqualTypeOf<APIPromise<List[]>>();
  expectTypeOf(p.lists.leads.list('l')).toEqualTypeOf<Paginator<Lead>>();
  expectTypeOf(p.enrichments.list()).toEqualTypeOf<APIPromise<Enrichment[]>>();
  expectTypeOf(
    p.enrichment.create({ enrichmentId: 'e', scope: { type: 'list', listId: 'l' } }),
  ).toEqualTypeOf<APIPromise<EnrichmentRunStarted>>();
  expectTypeOf(p.enrichment.retrieve('r')).toEqualTypeOf<APIPromise<EnrichmentRun>>();
  expectTypeOf(p.enrichment.items.list('r')).toEqualTypeOf<Paginator<EnrichmentItem>>();
  expectTypeOf(p.enrichment.waitForCompletion('r')).toEqualTypeOf<Promise<EnrichmentRun>>();
  expectTypeOf(p.signals.list()).toEqualTypeOf<Paginator<Signal>>();
  expectTypeOf(p.signals.update({ items: [{ id: 's' }] })).toEqualTypeOf<APIPromise<BatchUpdateResult>>();
  expectTypeOf(p.signals.leads.list()).toEqualTypeOf<Paginator<SignalLead>>();
  expectTypeOf(p.signals.types.list()).toEqualTypeOf<APIPromise<SignalType[]>>();
  expectTypeOf(p.signals.types.delete({ ids: ['t'] })).toEqualTypeOf<APIPromise<BatchDeleteResult>>();
  expectTypeOf(p.signals.search.create({ query: 'q' })).toEqualTypeOf<APIPromise<SignalSearchStarted>>();
  expectTypeOf(p.signals.search.list()).toEqualTypeOf<Paginator<SignalSearch>>();
  expectTypeOf(p.campaigns.list()).toEqualTypeOf<APIPromise<Campaign[]>>();
  expectTypeOf(p.campaigns.retrieve('c')).toEqualTypeOf<APIPromise<CampaignDetail>>();
  expectTypeOf(p.campaigns.leads.list('c')).toEqualTypeOf<Paginator<CampaignLead>>();
  expectTypeOf(p.campaigns.leads.update('c', 'p', {})).toEqualTypeOf<APIPromise<CampaignLead>>();
  expectTypeOf(p.threads.list()).toEqualTypeOf<Paginator<Thread>>();
  expectTypeOf(p.threads.retrieve('t')).toEqualTypeOf<APIPromise<ThreadDetail>>();
  expectTypeOf(p.threads.messages.list('t')).toEqualTypeOf<Paginator<Message>>();
  expectTypeOf(p.threads.attachments.create('t', { file: new Blob([]) })).toEqualTypeOf<
    APIPromise<Attachment>
  >();
  expectTypeOf(p.senders.list()).toEqualTypeOf<APIPromise<SenderAccount[]>>();
  expectTypeOf(p.senders.retrieve('s')).toEqualTypeOf<APIPromise<SenderDetail>>();
  expectTypeOf(p.email.accounts.list()).toEqualTypeOf<APIPromise<EmailAccount[]>>();
  expectTypeOf(p.email.domains.verify('d', { poll: true })).toEqualTypeOf<APIPromise<EmailDomain>>();
  expectTypeOf(p.email.domains.dnsRecords.list('d')).toEqualTypeOf<APIPromise<DomainDnsRecords>>();
  expectTypeOf<Lead['type']>().toEqualTypeOf<('person' | 'company' | (string & {})) | undefined>();
}

describe('typed results', () => {
  it('match the method table (checked by tsc)', () => {
    expectTypeOf(checks).toBeFunction();
  });
});
