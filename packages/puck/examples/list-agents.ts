// List every Puck agent with `for await`; the paginator follows next_cursor for you.
import { Puck } from '@quiver/puck';
import { FAKE_PUCK_API_KEY, startFakePuck } from '@quiver/puck/testing';

// No PUCK_API_KEY: run against the in-process fake brain instead of your account.
const fake = process.env.PUCK_API_KEY ? undefined : await startFakePuck();
const puck = fake ? new Puck({ apiKey: FAKE_PUCK_API_KEY, baseURL: fake.url }) : new Puck();

try {
  let count = 0;
  for await (const agent of puck.agents.list({ limit: 100 })) {
    console.log(agent.id, agent.status ?? '-', agent.profile ?? '-');
    count += 1;
  }
  console.log(`${count} agents`);
} finally {
  await fake?.close();
}
