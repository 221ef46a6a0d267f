import { type EnrichmentItem, Puffle } from '@quiver/puffle';
import { createDefaultSeed, FAKE_PUFFLE_API_KEY, startFakePuffle } from '@quiver/puffle/testing';
import type { DemoContext, Step } from '../context.ts';

declare module '../context.ts' {
  interface DemoState {
    /** The people at the finding's organization whose work emails were found. */
    contacts?: Array<{ name: string; email: string | undefined }>;
  }
}

/** `example.com` → `Example`. */
const orgName = (domain: string) => {
  const label = domain.split('.')[0] ?? domain;
  return label.charAt(0).toUpperCase() + label.slice(1);
};

async function connect(ctx: DemoContext, domain: string) {
  const hooks = {
    afterResponse: (info: { method: string; status: number; url: string }) => {
      if (info.method === 'POST' && info.url.endsWith('/api/enrichment') && info.status >= 500) {
        ctx.handled(
          `Puffle answered ${info.status}: the SDK retries the run with the same body idempotencyKey`,
        );
      }
    },
  };
  const apiKey = ctx.env.PUFFLE_API_KEY;
  if (apiKey) {
    ctx.info('using your Puffle workspace (the enrichment spends real credits)');
    return { puffle: new Puffle({ apiKey, baseURL: ctx.env.PUFFLE_BASE_URL, hooks }), fake: undefined };
  }
  // The fake's seeded people at Acme stand in for the people at the finding's organization.
  const seed = createDefaultSeed();
  for (const lead of seed.leads) {
    const company = lead.company as { name: string; domain: string } | null;
    if (company?.domain === 'acme.com') Object.assign(company, { domain, name: orgName(domain) });
  }
  const fake = await startFakePuffle({
    seed: { leads: seed.leads },
    credits: 40,
    // The first enrichment attempt fails as an overloaded server would; the retry must not pay twice.
    faults: [{ method: 'POST', path: '/api/enrichment', status: 503, times: 1 }],
  });
  ctx.fakes.puffle = fake;
  ctx.onCleanup(() => fake.close());
  ctx.info(`fake Puffle on ${fake.url} (set PUFFLE_API_KEY to use your workspace)`);
  return { puffle: new Puffle({ apiKey: FAKE_PUFFLE_API_KEY, baseURL: fake.url, hooks }), fake };
}

const step: Step = {
  vendor: 'Puffle',
  title: 'find the people at the organization behind the finding and enrich their work emails',
  async run(ctx) {
    const domain = ctx.state.worstFinding?.email.split('@')[1] ?? 'example.com';
    const { puffle, fake } = await connect(ctx, domain);

    const leadIds: string[] = [];
    const names = new Map<string, string>();
    let pages = 0;
    for await (const page of puffle.leads.list({ domain, type: 'person', limit: 1 }).pages()) {
      pages += 1;
      for (const lead of page.items) {
        leadIds.push(lead.id);
        names.set(lead.id, lead.name?.full ?? lead.id);
      }
    }
    ctx.done(`${leadIds.length} people at ${domain} in ${pages} pages of 1 (cursor pagination: nextCursor)`);
    if (leadIds.length === 0) return;

    const before = fake?.credits;
    let lastStatus = '';
    const run = await puffle.enrichment.createAndWait(
      { enrichmentId: 'work_email', scope: { type: 'explicit_leads', leadIds } },
      {
        pollInterval: 1000,
        onStatus: (status) => {
          lastStatus = status;
          ctx.progress(`enrichment run: ${status}`);
        },
      },
    );
    const items: EnrichmentItem[] = [];
    for await (const item of puffle.enrichment.items.list(run.id)) items.push(item);
    const contacts = items.map((item) => {
      // The result's shape depends on the Enrichment; work_email's carries the address as `value`.
      const result = item.result as { value?: unknown } | null | undefined;
      const email = typeof result?.value === 'string' ? result.value : undefined;
      return { name: names.get(item.leadId ?? '') ?? item.leadId ?? '?', email };
    });
    ctx.state.contacts = contacts;
    ctx.done(
      `enrichment run ${run.id} ${lastStatus}: ${contacts.map((c) => `${c.name} <${c.email ?? 'not found'}>`).join(', ')}`,
    );
    if (fake && before !== undefined) {
      ctx.done(
        `credits spent: ${before - fake.credits} (${before} → ${fake.credits}), charged once although the start was retried`,
      );
    }
    ctx.record(
      'Puffle',
      'work emails found',
      `${contacts.filter((c) => c.email).length} of ${contacts.length}`,
    );
  },
};

export default step;
