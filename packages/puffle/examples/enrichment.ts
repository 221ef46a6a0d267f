// Run an enrichment over two leads and wait for it with createAndWait, then read the per-lead results.
import { Puffle } from '@quiver/puffle';
import { FAKE_PUFFLE_API_KEY, SEED_IDS, startFakePuffle } from '@quiver/puffle/testing';

const fake = process.env.PUFFLE_API_KEY ? undefined : await startFakePuffle();
const puffle = fake ? new Puffle({ apiKey: FAKE_PUFFLE_API_KEY, baseURL: fake.url }) : new Puffle();
const leadIds = process.env.PUFFLE_LEAD_IDS?.split(',') ?? [
  SEED_IDS.leads.adaAcme,
  SEED_IDS.leads.carolGlobex,
];

try {
  const run = await puffle.enrichment.createAndWait(
    { enrichmentId: 'work_email', scope: { type: 'explicit_leads', leadIds } }, // an idempotencyKey is added for you
    { pollInterval: 1_000, timeout: 5 * 60_000, onStatus: (status) => console.log('status:', status) },
  );
  console.log(`run ${run.id} ${run.status}: ${JSON.stringify(run.scope?.counts ?? {})}`);
  for await (const item of puffle.enrichment.items.list(run.id)) {
    console.log(
      `  ${item.leadId}  ${item.status}  ${JSON.stringify(item.result ?? item.skippedReason ?? null)}`,
    );
  }
} finally {
  await fake?.close();
}
