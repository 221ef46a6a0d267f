// Guard an agent run with pikarc.run(): each model and tool call is allowed (or denied) before it runs.
import { Pikarc } from '@quiver/pikarc';
import { FAKE_PIKARC_API_KEY, startFakePikarc } from '@quiver/pikarc/testing';

// No PIKARC_API_KEY: run against the in-process fake Pikarc (a Scale workspace with gpt-4o pricing).
const fake = process.env.PIKARC_API_KEY ? undefined : await startFakePikarc();
const pikarc = fake ? new Pikarc({ apiKey: FAKE_PIKARC_API_KEY, baseURL: fake.url }) : new Pikarc();

// Stand-ins for your provider and your tool.
const callModel = async (prompt: string) => ({
  text: `echo: ${prompt}`,
  usage: { prompt_tokens: 12, completion_tokens: 30 },
});
const searchDocs = (q: string) => [`doc about ${q}`];

try {
  const answer = await pikarc.run({ user_id: 'alice', metadata: { agent: 'support-bot' } }, async (run) => {
    console.log(`run ${run.id} ${run.decision.outcome}`);
    const docs = await run.toolCall({
      fn: () => searchDocs('refunds'),
      tool_name: 'search',
      input_data: { q: 'refunds' },
    });
    const reply = await run.modelCall({
      fn: () => callModel(`Answer using ${docs.join(', ')}`),
      model: 'gpt-4o',
      tokenExtractor: (r) => [r.usage.prompt_tokens, r.usage.completion_tokens],
    });
    return reply.text;
  });
  console.log(answer);

  const usage = await pikarc.usage.summary.retrieve();
  console.log(
    `today: $${(usage.today?.total_usd ?? 0).toFixed(4)}, runs this month: ${usage.monthly_run_count ?? 0}`,
  );
} finally {
  await fake?.close();
}
