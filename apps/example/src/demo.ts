import { readdir } from 'node:fs/promises';
import { DemoContext, type DemoOptions, type Step } from './context.ts';

const STEPS_DIR = new URL('./steps/', import.meta.url);

/** The steps, in file-name order: adding a vendor's step is adding one file to `src/steps/`. */
export async function loadSteps(): Promise<Array<Step & { file: string }>> {
  const files = (await readdir(STEPS_DIR)).filter((f) => /^\d+-.+\.ts$/.test(f)).sort();
  const steps: Array<Step & { file: string }> = [];
  for (const file of files) {
    const mod = (await import(new URL(file, STEPS_DIR).href)) as { default: Step };
    steps.push({ ...mod.default, file: `apps/example/src/steps/${file}` });
  }
  return steps;
}

/** Runs the whole workflow; resolves with the context (its summary, state and fakes) and an exit code. */
export async function runDemo(options: DemoOptions = {}): Promise<{ ctx: DemoContext; code: number }> {
  const ctx = new DemoContext(options);
  const print = options.print ?? ((line: string) => console.log(line));
  print('Quiver demo: a security team’s automation across the Quiver packages');
  print('Each vendor runs against its fake server unless its *_API_KEY is set in the environment.');
  let code = 0;
  try {
    for (const step of await loadSteps()) {
      ctx.heading(`${step.vendor}: ${step.title}`);
      ctx.info(`(${step.file})`);
      await step.run(ctx);
    }
    ctx.printSummary();
  } catch (error) {
    code = 1;
    print(
      `\n✗ the demo failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
  } finally {
    await ctx.cleanup();
  }
  return { ctx, code };
}
