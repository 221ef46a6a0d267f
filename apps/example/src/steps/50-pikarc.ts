import { Pikarc, PikarcBlockedError } from '@quiver/pikarc';
import {
  FAKE_PIKARC_API_KEY,
  FAKE_PIKARC_EMAIL,
  FAKE_PIKARC_PASSWORD,
  startFakePikarc,
} from '@quiver/pikarc/testing';
import type { DemoContext, Step } from '../context.ts';

/** A stand-in for a model provider: what an OpenAI-style client returns, usage included. */
async function fakeModel(prompt: string) {
  return { text: `triage: ${prompt.slice(0, 48)}…`, usage: { prompt_tokens: 180, completion_tokens: 42 } };
}

async function connect(ctx: DemoContext): Promise<{ agent: Pikarc; operator: Pikarc | undefined }> {
  const apiKey = ctx.env.PIKARC_API_KEY;
  if (apiKey) {
    // With a real workspace the demo never flips your kill switch: it only runs the guarded agent.
    ctx.info('using your Pikarc server (the kill switch is left alone)');
    return { agent: new Pikarc({ apiKey, baseURL: ctx.env.PIKARC_BASE_URL }), operator: undefined };
  }
  const fake = await startFakePikarc();
  ctx.fakes.pikarc = fake;
  ctx.onCleanup(() => fake.close());
  ctx.info(`fake Pikarc on ${fake.url} (set PIKARC_API_KEY to use your server)`);
  // Two credentials: the agent holds the workspace's API key; an operator logs in (JWT) to the
  // dashboard endpoints, where the kill switch lives.
  const agent = new Pikarc({ apiKey: FAKE_PIKARC_API_KEY, baseURL: fake.url });
  const operator = await Pikarc.login(
    { email: FAKE_PIKARC_EMAIL, password: FAKE_PIKARC_PASSWORD },
    { baseURL: fake.url },
  );
  return { agent, operator };
}

const step: Step = {
  vendor: 'Pikarc',
  title: 'guard the triage agent: allowed steps, then the kill switch cuts it off mid-run',
  async run(ctx) {
    const { agent, operator } = await connect(ctx);
    const finding = ctx.state.worstFinding;
    const subject = finding ? `${finding.type} for ${finding.email}` : 'the open findings';
    let stepsRun = 0;
    let ticketsOpened = 0;
    try {
      await agent.run(
        { user_id: 'soc-triage-bot', metadata: { agent: 'triage', finding: finding?.id } },
        async (run) => {
          ctx.done(`run ${run.id}: ${run.decision.outcome}`);
          const summary = await run.modelCall({
            fn: () => fakeModel(`Summarise the risk of ${subject}`),
            model: 'gpt-4o',
            input_data: { subject },
            tokenExtractor: (r) => [r.usage.prompt_tokens, r.usage.completion_tokens],
          });
          stepsRun += 1;
          ctx.done(`model step allowed and reported with its tokens: “${summary.text}”`);
          if (operator) {
            // An operator sees the agent misbehave and stops every agent of the workspace at once.
            await operator.workspace.killSwitch.update({ active: true });
            ctx.handled('operator turned the kill switch on (JWT credential, dashboard endpoint)');
          }
          await run.toolCall({
            fn: () => {
              ticketsOpened += 1;
              return { ticket: 'SEC-1' };
            },
            tool_name: 'open_ticket',
            input_data: { subject },
          });
          stepsRun += 1;
        },
      );
      ctx.done('the run completed');
      ctx.record('Pikarc', 'guarded run', `completed, ${stepsRun} steps`);
    } catch (error) {
      if (!(error instanceof PikarcBlockedError)) throw error;
      ctx.handled(
        `next step denied: ${error.denyReason} (PikarcBlockedError at ${error.at}); the tool never ran, the run was ended FAILED`,
      );
      ctx.record('Pikarc', 'guarded run', `cut off: ${error.denyReason}`);
    }
    ctx.info(`wrapped functions that ran after the DENY: ${ticketsOpened}`);
    if (operator) await operator.workspace.killSwitch.update({ active: false });
  },
};

export default step;
