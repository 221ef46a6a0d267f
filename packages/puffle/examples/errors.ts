// Handle Puffle's typed errors: a missing lead, a bad argument, and a 402 for too few credits.
import {
  ConflictError,
  InsufficientCreditsError,
  InvalidInputError,
  NotFoundError,
  Puffle,
} from '@quiver/puffle';
import { FAKE_PUFFLE_API_KEY, SEED_IDS, startFakePuffle } from '@quiver/puffle/testing';

const fake = process.env.PUFFLE_API_KEY ? undefined : await startFakePuffle();
const puffle = fake ? new Puffle({ apiKey: FAKE_PUFFLE_API_KEY, baseURL: fake.url }) : new Puffle();

async function attempt(what: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
    console.log(`${what}: ok`);
  } catch (err) {
    if (err instanceof NotFoundError) console.log(`${what}: not found: ${err.message}`);
    else if (err instanceof InsufficientCreditsError)
      console.log(`${what}: needs ${err.required} credits, has ${err.balance}`);
    else if (err instanceof ConflictError) console.log(`${what}: conflict (${err.code})`);
    else if (err instanceof InvalidInputError) console.log(`${what}: refused before sending: ${err.message}`);
    else throw err;
  }
}

try {
  await attempt('retrieve', () => puffle.leads.retrieve('lead_does_not_exist'));
  await attempt('settings', () => puffle.signals.settings.update({ scanTimeUtc: '09:07' })); // :00/:15/:30/:45 only
  if (fake) {
    fake.setCredits(0); // on the fake only: an enrichment now gets 402
    const scope = { type: 'explicit_leads' as const, leadIds: [SEED_IDS.leads.adaAcme] };
    await attempt('enrich', () => puffle.enrichment.create({ enrichmentId: 'work_email', scope }));
  }
} finally {
  await fake?.close();
}
