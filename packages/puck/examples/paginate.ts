// Walk a Puck list page by page: await the first page, then nextPage() until there is none.
import { type Agent, type Page, Puck } from '@quiver/puck';
import { FAKE_PUCK_API_KEY, startFakePuck } from '@quiver/puck/testing';

const fake = process.env.PUCK_API_KEY ? undefined : await startFakePuck();
const puck = fake ? new Puck({ apiKey: FAKE_PUCK_API_KEY, baseURL: fake.url }) : new Puck();

try {
  let page: Page<Agent> | null = await puck.agents.list({ limit: 2 }); // awaiting a list gives its first page
  for (let n = 1; page; n += 1) {
    console.log(`page ${n}: ${page.items.map((agent) => agent.id).join(', ')} (more: ${page.hasNextPage()})`);
    page = await page.nextPage(); // null after the last page
  }

  // Or let the paginator walk the pages for you:
  for await (const p of puck.agents.list({ limit: 2 }).pages()) console.log(`${p.items.length} on this page`);
} finally {
  await fake?.close();
}
