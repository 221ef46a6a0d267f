import { type Finding, InvalidInputError, PushSecurity } from '@quiver/push-security';
import { startFakePushSecurity } from '@quiver/push-security/testing';
import type { DemoContext, Step } from '../context.ts';

declare module '../context.ts' {
  interface DemoState {
    /** The open finding the later steps act on. */
    worstFinding?: { id: string; type: string; app: string; email: string };
  }
}

// Push documents no severity for findings (Push Security's API docs, “Finding”), so the demo ranks them by type:
// a credential in an attacker's hands first, hygiene issues last.
const RANK = [
  'STOLEN_CREDENTIALS',
  'LEAKED_PASSWORD',
  'REUSED_PASSWORD',
  'WEAK_PASSWORD',
  'MFA_NOT_REGISTERED',
  'SHARED_ACCOUNT',
  'PASSWORD_MANAGER_NOT_USED',
  'UNUSED_THIRD_PARTY_APP',
];
const rank = (f: Finding) => {
  const i = RANK.indexOf(f.type ?? '');
  return i === -1 ? RANK.length : i;
};

async function connect(ctx: DemoContext): Promise<PushSecurity> {
  const apiKey = ctx.env.PUSH_SECURITY_API_KEY;
  // The workflow only reads from Push, so the client is read-only: a write is refused locally.
  if (apiKey) {
    ctx.info('using your Push Security account');
    return new PushSecurity({ apiKey, baseURL: ctx.env.PUSH_SECURITY_BASE_URL, readOnly: true });
  }
  const fake = await startFakePushSecurity();
  ctx.fakes.pushSecurity = fake;
  ctx.onCleanup(() => fake.close());
  ctx.info(`fake Push Security server on ${fake.url} (set PUSH_SECURITY_API_KEY to use your account)`);
  return new PushSecurity({ apiKey: fake.apiKeys.readOnly[0], baseURL: fake.url, readOnly: true });
}

const step: Step = {
  vendor: 'Push Security',
  title: 'page through findings and employees, pick the worst open finding',
  async run(ctx) {
    const push = await connect(ctx);

    let pages = 0;
    let total = 0;
    let worst: Finding | undefined;
    for await (const page of push.findings.list({ limit: 3 }).pages()) {
      pages += 1;
      total += page.items.length;
      for (const finding of page.items) {
        if (finding.state === 'OPEN' && (!worst || rank(finding) < rank(worst))) worst = finding;
      }
    }
    ctx.done(`paged through ${total} findings in ${pages} pages of up to 3 (nextToken pagination)`);

    let employees = 0;
    for await (const _ of push.employees.list({ limit: 4 })) employees += 1;
    ctx.done(`iterated ${employees} employees with for await, page by page`);
    ctx.record('Push Security', 'findings / employees read', `${total} / ${employees}`);

    if (!worst) {
      ctx.info('no open findings: nothing to investigate');
      return;
    }
    const email = worst.employee?.email ?? 'unknown employee';
    const app = worst.appType ?? 'an unknown app';
    ctx.state.worstFinding = { id: worst.id, type: worst.type ?? 'UNKNOWN', app, email };
    ctx.done(`worst open finding: ${worst.type} for ${email} on ${app}`);
    ctx.record('Push Security', 'worst open finding', `${worst.type} (${app})`);

    // On purpose: this client holds a Read only key, so marking the app for review is refused by the
    // SDK itself, before anything is sent (InvalidInputError), and the workflow goes on.
    if (worst.appId) {
      try {
        await push.apps.update(worst.appId, { approvalStatus: 'UNDER_REVIEW' });
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        ctx.handled(
          `marking ${app} UNDER_REVIEW refused locally (InvalidInputError: read-only key), nothing sent`,
        );
        ctx.record('Push Security', 'write with a read-only key', 'InvalidInputError, handled');
      }
    }
  },
};

export default step;
