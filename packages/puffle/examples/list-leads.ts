// List Puffle leads with `for await`, filtered by company; the paginator follows nextCursor.
import { Puffle } from '@quiver/puffle';
import { FAKE_PUFFLE_API_KEY, startFakePuffle } from '@quiver/puffle/testing';

// No PUFFLE_API_KEY: run against the in-process fake Puffle (a small seeded workspace).
const fake = process.env.PUFFLE_API_KEY ? undefined : await startFakePuffle();
const puffle = fake ? new Puffle({ apiKey: FAKE_PUFFLE_API_KEY, baseURL: fake.url }) : new Puffle();

try {
  for await (const lead of puffle.leads.list({ type: 'person' })) {
    console.log(`${lead.name?.full ?? lead.id}  ${lead.title ?? '-'}  at ${lead.company?.name ?? '-'}`);
  }
} finally {
  await fake?.close();
}
