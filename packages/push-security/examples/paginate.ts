// Walk Push Security employees page by page: nextToken pages, then offset pages.
import { type Employee, type Page, PushSecurity } from '@quiver/push-security';
import { FAKE_FULL_ACCESS_KEY, startFakePushSecurity } from '@quiver/push-security/testing';

const fake = process.env.PUSH_SECURITY_API_KEY ? undefined : await startFakePushSecurity();
const push = fake
  ? new PushSecurity({ apiKey: FAKE_FULL_ACCESS_KEY, baseURL: fake.url })
  : new PushSecurity();

try {
  // Token mode (the default): each next page carries paging.nextToken.
  let page: Page<Employee> | null = await push.employees.list({ limit: 4 });
  for (let n = 1; page; n += 1) {
    console.log(`page ${n}: ${page.items.map((e) => e.email).join(', ')}`);
    page = await page.nextPage(); // null when paging.moreResults is false
  }

  // Offset mode: pass an offset, and pages stop at the first short page.
  for await (const p of push.employees.list({ limit: 4, offset: 0 }).pages()) {
    console.log(`offset page: ${p.items.length} employees`);
  }
} finally {
  await fake?.close();
}
