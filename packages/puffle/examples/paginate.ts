// Walk Puffle leads page by page: await the first page, then nextPage() until it returns null.
import { type Lead, type Page, Puffle } from '@quiver/puffle';
import { FAKE_PUFFLE_API_KEY, startFakePuffle } from '@quiver/puffle/testing';

const fake = process.env.PUFFLE_API_KEY ? undefined : await startFakePuffle();
const puffle = fake ? new Puffle({ apiKey: FAKE_PUFFLE_API_KEY, baseURL: fake.url }) : new Puffle();

try {
  let page: Page<Lead> | null = await puffle.leads.list({ limit: 3 });
  for (let n = 1; page; n += 1) {
    console.log(`page ${n}: ${page.items.map((lead) => lead.id).join(', ')}`);
    page = await page.nextPage();
  }
  const firstFive = await puffle.leads.list({ limit: 2 }).toArray({ max: 5 }); // or collect, bounded
  console.log(`first five: ${firstFive.length} leads`);
} finally {
  await fake?.close();
}
