// Walk Pwnbook engagements page by page (page/perPage), and read the rate-limit headers of a call.
import { type Engagement, type Page, Pwnbook } from '@quiver/pwnbook';
import { FAKE_PWNBOOK_API_KEY, startFakePwnbook } from '@quiver/pwnbook/testing';

const fake = process.env.PWNBOOK_API_KEY ? undefined : await startFakePwnbook();
const pwnbook = fake ? new Pwnbook({ apiKey: FAKE_PWNBOOK_API_KEY, baseURL: fake.url }) : new Pwnbook();

try {
  let page: Page<Engagement> | null = await pwnbook.engagements.list({
    perPage: 2,
    sort: 'name',
    order: 'asc',
  });
  for (let n = 1; page; n += 1) {
    console.log(`page ${n}: ${page.items.map((e) => e.name).join(', ')}`);
    page = await page.nextPage(); // null after the last page (meta.page === meta.totalPages)
  }

  const { rateLimit } = await pwnbook.organizations.current.retrieve().withResponse();
  console.log(
    `rate limit: ${rateLimit?.remaining}/${rateLimit?.limit} left, resets ${rateLimit?.reset?.toISOString()}`,
  );
} finally {
  await fake?.close();
}
