import { Pwnbook } from '@quiver/pwnbook';
import { FAKE_PWNBOOK_API_KEY, startFakePwnbook } from '@quiver/pwnbook/testing';
import type { DemoContext, Step } from '../context.ts';

declare module '../context.ts' {
  interface DemoState {
    /** The Pwnbook engagement opened for the worst finding. */
    engagement?: { id: string; name: string };
  }
}

async function connect(ctx: DemoContext): Promise<Pwnbook> {
  const apiKey = ctx.env.PWNBOOK_API_KEY;
  if (apiKey) {
    ctx.info('using your Pwnbook workspace');
    return new Pwnbook({ apiKey, baseURL: ctx.env.PWNBOOK_BASE_URL });
  }
  const fake = await startFakePwnbook();
  ctx.fakes.pwnbook = fake;
  ctx.onCleanup(() => fake.close());
  ctx.info(`fake Pwnbook on ${fake.url} (set PWNBOOK_API_KEY to use your workspace)`);
  // A self-hosted instance is a first-class base URL: the client adds `/api` to a bare origin.
  return new Pwnbook({ apiKey: FAKE_PWNBOOK_API_KEY, baseURL: fake.url });
}

const step: Step = {
  vendor: 'Pwnbook',
  title: 'open a penetration-test engagement for the organization behind the worst finding',
  async run(ctx) {
    const pwnbook = await connect(ctx);
    const finding = ctx.state.worstFinding;
    const investigation = ctx.state.investigation;
    const domain = finding?.email.split('@')[1] ?? 'unknown organization';

    const { data: org, rateLimit } = await pwnbook.organizations.current.retrieve().withResponse();
    ctx.done(
      `organization ${org.name ?? org.id}; rate limit ${rateLimit?.remaining ?? '?'} of ${rateLimit?.limit ?? '?'} calls left (X-RateLimit-* headers)`,
    );

    const description = [
      finding
        ? `Push Security finding ${finding.id}: ${finding.type} for ${finding.email} on ${finding.app}.`
        : '',
      investigation
        ? `Puck investigation ${investigation.id} ended ${investigation.status}${investigation.severity ? ` (severity ${investigation.severity})` : ''}.`
        : '',
    ]
      .filter(Boolean)
      .join(' ');
    const engagement = await pwnbook.engagements.create({
      name: `Retest ${domain} — ${finding?.type ?? 'security review'} (${new Date().toISOString().slice(0, 10)})`,
      description: description || 'Opened by the Quiver demo.',
    });
    ctx.state.engagement = { id: engagement.id, name: engagement.name ?? engagement.id };
    ctx.done(`engagement ${engagement.id} opened: “${engagement.name}”`);
    ctx.info(`description records the Puck investigation: ${engagement.description ?? '(none)'}`);

    let pages = 0;
    let active = 0;
    for await (const page of pwnbook.engagements.list({ status: 'active', perPage: 2 }).pages()) {
      pages += 1;
      active += page.items.length;
    }
    ctx.done(
      `${active} active engagements in ${pages} pages of 2 (page/perPage + meta.totalPages, filter sent on every page)`,
    );
    ctx.record('Pwnbook', 'engagement opened', engagement.id);
    ctx.record('Pwnbook', 'active engagements', String(active));
  },
};

export default step;
