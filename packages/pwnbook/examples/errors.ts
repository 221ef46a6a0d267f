// Handle Pwnbook's typed errors: a missing engagement, a key without the scope, a bad argument.
import {
  InvalidInputError,
  NotFoundError,
  Pwnbook,
  PwnbookPermissionDeniedError,
  RateLimitError,
} from '@quiver/pwnbook';
import { FAKE_PWNBOOK_READ_ONLY_KEY, SEED_IDS, startFakePwnbook } from '@quiver/pwnbook/testing';

// Against the fake, use its read-only key so that a write is refused with 403.
const fake = process.env.PWNBOOK_API_KEY ? undefined : await startFakePwnbook();
const pwnbook = fake ? new Pwnbook({ apiKey: FAKE_PWNBOOK_READ_ONLY_KEY, baseURL: fake.url }) : new Pwnbook();

async function attempt(what: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
    console.log(`${what}: ok`);
  } catch (err) {
    if (err instanceof NotFoundError) console.log(`${what}: not found (${err.code})`);
    else if (err instanceof PwnbookPermissionDeniedError)
      console.log(`${what}: the key needs ${err.requiredScope}`);
    else if (err instanceof InvalidInputError) console.log(`${what}: refused before sending: ${err.message}`);
    else if (err instanceof RateLimitError)
      console.log(`${what}: rate limited, retry in ${err.retryAfter} ms`);
    else throw err;
  }
}

try {
  await attempt('retrieve', () => pwnbook.engagements.retrieve('eng_does_not_exist'));
  await attempt('list', () => pwnbook.engagements.list({ perPage: 500 }).firstPage()); // perPage is 1–100
  if (fake) await attempt('archive', () => pwnbook.engagements.archive(SEED_IDS.acme)); // a write with a read-only key
} finally {
  await fake?.close();
}
