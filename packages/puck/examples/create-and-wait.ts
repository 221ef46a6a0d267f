// Start an investigation, wait for it with createAndWait, then read its report.
import { isSucceeded, Puck } from '@quiver/puck';
import { FAKE_PUCK_API_KEY, startFakePuck } from '@quiver/puck/testing';

// The fake walks each investigation through its states, 50 ms per state.
const fake = process.env.PUCK_API_KEY ? undefined : await startFakePuck({ lifecycle: { stepMs: 50 } });
const puck = fake
  ? new Puck({ apiKey: FAKE_PUCK_API_KEY, baseURL: fake.url, tier: 'pro' })
  : new Puck({ tier: 'pro' });

try {
  const run = await puck.investigations.createAndWait(
    { query: 'find unauthorised AI tools on engineering laptops', depth: 'quick' },
    { pollInterval: 1_000, timeout: 120_000, onStatus: (status) => console.log('status:', status) },
  );
  if (isSucceeded(run.status)) {
    const report = await puck.investigations.report.retrieve(run.id);
    console.log(`severity ${report.severity}: ${report.narrative?.slice(0, 80)}`);
  } else {
    console.log(`investigation ${run.id} ended ${run.status}`);
  }
} finally {
  await fake?.close();
}
