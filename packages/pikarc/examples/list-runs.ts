// List a user's Pikarc runs with `for await`, after starting two guarded runs.
import { Pikarc } from '@quiver/pikarc';
import { FAKE_PIKARC_API_KEY, startFakePikarc } from '@quiver/pikarc/testing';

const fake = process.env.PIKARC_API_KEY ? undefined : await startFakePikarc();
const pikarc = fake ? new Pikarc({ apiKey: FAKE_PIKARC_API_KEY, baseURL: fake.url }) : new Pikarc();

try {
  await pikarc.run({ user_id: 'bob' }, () => 'first');
  await pikarc
    .run({ user_id: 'bob' }, () => {
      throw new Error('the agent crashed'); // the run is still ended, as FAILED
    })
    .catch((err: Error) => console.log(`second run threw: ${err.message}`));

  for await (const run of pikarc.runs.list({ user_id: 'bob' })) {
    console.log(`${run.id}  ${run.status}  ended ${run.ended_at ?? '-'}`);
  }
} finally {
  await fake?.close();
}
