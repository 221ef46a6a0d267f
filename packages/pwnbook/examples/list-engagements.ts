// List your active Pwnbook engagements with `for await`; the paginator fetches the pages for you.
import { Pwnbook } from '@quiver/pwnbook';
import { FAKE_PWNBOOK_API_KEY, startFakePwnbook } from '@quiver/pwnbook/testing';

// No PWNBOOK_API_KEY: run against the in-process fake Pwnbook instead of your organization.
const fake = process.env.PWNBOOK_API_KEY ? undefined : await startFakePwnbook();
const pwnbook = fake ? new Pwnbook({ apiKey: FAKE_PWNBOOK_API_KEY, baseURL: fake.url }) : new Pwnbook();

try {
  const org = await pwnbook.organizations.current.retrieve();
  console.log(`${org.name} (${org.plan ?? 'unknown plan'})`);
  for await (const e of pwnbook.engagements.list({ status: 'active', sort: 'updatedAt', order: 'desc' })) {
    console.log(`  ${e.id}  ${e.status}  ${e.name}`);
  }
} finally {
  await fake?.close();
}
