// Handle a guardrail DENY with a switch on denyReason, and Pikarc's API errors with instanceof.
import { InvalidInputError, NotFoundError, Pikarc, PikarcBlockedError } from '@quiver/pikarc';
import { FAKE_PIKARC_API_KEY, startFakePikarc } from '@quiver/pikarc/testing';

const fake = process.env.PIKARC_API_KEY ? undefined : await startFakePikarc();
const pikarc = fake ? new Pikarc({ apiKey: FAKE_PIKARC_API_KEY, baseURL: fake.url }) : new Pikarc();
fake?.blockUser('mallory'); // on the fake, make the guardrails deny this user

try {
  await pikarc.run({ user_id: 'mallory' }, (run) => run.toolCall({ fn: () => 'hi', tool_name: 'greet' }));
  console.log('allowed');
} catch (err) {
  if (!(err instanceof PikarcBlockedError)) throw err;
  switch (err.denyReason) {
    case 'USER_BLOCKED':
      console.log(`denied at ${err.at}: this user is blocked`);
      break;
    case 'USER_DAILY_BUDGET_EXCEEDED':
    case 'WORKSPACE_DAILY_BUDGET_EXCEEDED':
      console.log('denied: budget spent for today');
      break;
    default:
      console.log(`denied: ${err.denyReason}`);
  }
}

for (const call of [
  () => pikarc.runs.retrieve('run_does_not_exist'),
  () => pikarc.runs.create({ user_id: '' }),
]) {
  try {
    await call();
  } catch (err) {
    if (err instanceof NotFoundError) console.log(`not found: ${err.message}`);
    else if (err instanceof InvalidInputError) console.log(`refused before sending: ${err.message}`);
    else throw err;
  }
}
await fake?.close();
