// Handle Puck's typed errors with instanceof: a missing report, a bad argument, a rate limit.
import { InvalidInputError, NotFoundError, Puck, RateLimitError } from '@quiver/puck';
import { FAKE_PUCK_API_KEY, startFakePuck } from '@quiver/puck/testing';

const fake = process.env.PUCK_API_KEY ? undefined : await startFakePuck();
const puck = fake ? new Puck({ apiKey: FAKE_PUCK_API_KEY, baseURL: fake.url }) : new Puck();

async function describe(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
    console.log('ok');
  } catch (err) {
    if (err instanceof NotFoundError) console.log(`not found (${err.status}): ${err.message}`);
    else if (err instanceof InvalidInputError) console.log(`refused before sending: ${err.message}`);
    else if (err instanceof RateLimitError) console.log(`rate limited, retry in ${err.retryAfter} ms`);
    else throw err;
  }
}

try {
  await describe(() => puck.investigations.retrieve('inv_does_not_exist'));
  await describe(() => puck.findings.list({ limit: 5000 }).firstPage()); // limit must be 1–1000
  // Make the fake answer 429 with a long Retry-After, longer than the client is willing to wait.
  fake?.fault({ path: '/v1/agents', status: 429, headers: { 'retry-after': '3600' } });
  await describe(() => puck.agents.list().firstPage());
} finally {
  await fake?.close();
}
