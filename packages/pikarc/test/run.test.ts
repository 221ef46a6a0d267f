import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { isPikarcBlockedError, Pikarc, PikarcBlockedError, QuiverError } from '../src/index.js';
import { FAKE_PIKARC_API_KEY, type FakePikarc, startFakePikarc } from '../src/testing/index.js';
import { rejection } from './helpers.js';

let fake: FakePikarc;
let pikarc: Pikarc;

beforeAll(async () => {
  fake = await startFakePikarc();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  pikarc = new Pikarc({ apiKey: FAKE_PIKARC_API_KEY, baseURL: fake.url, logLevel: 'off' });
});

const usage = { usage: { prompt_tokens: 500, completion_tokens: 100 } };
const extractor = (r: typeof usage): [number, number] => [r.usage.prompt_tokens, r.usage.completion_tokens];
const paths = () => fake.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ':id')}`);

describe('a guarded run that is allowed', () => {
  it('starts, checks the step, calls fn, reports tokens and cost, ends COMPLETED', async () => {
    const provider = vi.fn(async () => usage);
    const result = await pikarc.run({ user_id: 'alice', metadata: { agent: 'support-bot' } }, async (run) => {
      expect(run.decision).toEqual({ outcome: 'ALLOW', reason: null });
      const r = await run.modelCall({
        fn: provider,
        model: 'gpt-4o',
        input_data: { messages: ['hi'] },
        tokenExtractor: extractor,
      });
      const tool = await run.toolCall({ fn: () => 'looked up', tool_name: 'search' });
      return { r, tool };
    });
    expect(result).toEqual({ r: usage, tool: 'looked up' });
    expect(provider).toHaveBeenCalledOnce();
    expect(paths()).toEqual([
      'POST /v1/runs/',
      'POST /v1/runs/:id/steps',
      'PATCH /v1/runs/:id/steps/:id',
      'POST /v1/runs/:id/steps',
      'PATCH /v1/runs/:id/steps/:id',
      'POST /v1/runs/:id/end',
    ]);
    const [, createModel, reportModel, createTool, reportTool, end] = fake.requests;
    expect(createModel?.body).toEqual({
      type: 'MODEL_CALL',
      sequence: 1,
      model: 'gpt-4o',
      tool_name: null,
      input_data: { messages: ['hi'] },
    });
    expect(reportModel?.body).toMatchObject({
      status: 'COMPLETED',
      prompt_tokens: 500,
      completion_tokens: 100,
    });
    expect(typeof (reportModel!.body as { duration_ms: unknown }).duration_ms).toBe('number');
    expect(createTool?.body).toEqual({
      type: 'TOOL_CALL',
      sequence: 2,
      model: null,
      tool_name: 'search',
      input_data: null,
    });
    expect(reportTool?.body).not.toHaveProperty('prompt_tokens');
    expect(end?.body).toEqual({ status: 'COMPLETED' });
    const [run] = fake.runs;
    expect(run?.status).toBe('COMPLETED');
    expect(run?.steps[0]?.cost_usd).toBeCloseTo(0.00225, 12);
    expect((await pikarc.usage.summary.retrieve()).today?.total_usd).toBeCloseTo(0.00225, 12);
  });

  it('numbers concurrent steps distinctly', async () => {
    await pikarc.run({ user_id: 'alice' }, (run) =>
      Promise.all([1, 2, 3].map((n) => run.toolCall({ fn: () => n, tool_name: `t${n}` }))),
    );
    const sequences = fake.runs[0]?.steps.map((s) => s.sequence).sort();
    expect(sequences).toEqual([1, 2, 3]);
  });
});

describe('each deny reason through run()', () => {
  const cases: Array<[string, () => void, 'run_start' | 'step']> = [
    ['KILL_SWITCH_ACTIVE', () => fake.setKillSwitch(true), 'run_start'],
    ['USER_BLOCKED', () => fake.blockUser('alice'), 'run_start'],
    [
      'WORKSPACE_DAILY_BUDGET_EXCEEDED',
      () => {
        fake.workspace.daily_budget_usd = 1;
        fake.addSpend(1);
      },
      'run_start',
    ],
    [
      'USER_DAILY_BUDGET_EXCEEDED',
      () => {
        fake.workspace.user_daily_budget_usd = 0.5;
        fake.addSpend(0.5, { userId: 'alice' });
      },
      'run_start',
    ],
    [
      'MONTHLY_RUN_LIMIT_EXCEEDED',
      () => {
        fake.workspace.monthly_run_limit = 10;
        fake.setMonthlyRunCount(10);
      },
      'run_start',
    ],
  ];
  for (const [reason, arrange] of cases) {
    it(`${reason} at run start: fn never runs, no end call`, async () => {
      arrange();
      const fn = vi.fn();
      const error = await rejection(pikarc.run({ user_id: 'alice' }, fn));
      expect(error).toBeInstanceOf(PikarcBlockedError);
      expect(error).toBeInstanceOf(QuiverError);
      expect(isPikarcBlockedError(error)).toBe(true);
      expect(error).toMatchObject({ denyReason: reason, reason, at: 'run_start', stepId: undefined });
      expect(error.decision).toEqual({ outcome: 'DENY', reason });
      expect(error.runId).toBe(fake.runs[0]?.id);
      expect(error.message).toBe(`Pikarc denied the start of run ${error.runId}: ${reason}`);
      expect(fn).not.toHaveBeenCalled();
      expect(paths()).toEqual(['POST /v1/runs/']);
    });
  }

  it('MAX_CONCURRENT_RUNS_EXCEEDED when the running runs fill the limit', async () => {
    fake.workspace.max_concurrent_runs = 1;
    const error = await rejection(
      pikarc.run({ user_id: 'alice' }, () => pikarc.run({ user_id: 'bob' }, () => 'never')),
    );
    expect(error).toBeInstanceOf(PikarcBlockedError);
    expect(error.denyReason).toBe('MAX_CONCURRENT_RUNS_EXCEEDED');
    // The outer run saw its inner call fail, so it ended FAILED.
    expect(fake.runs.map((r) => r.status)).toEqual(['FAILED', 'BLOCKED']);
  });

  it('RUN_ALREADY_ENDED for a step attempted after fn settled', async () => {
    let escaped: Parameters<Parameters<Pikarc['run']>[1]>[0] | undefined;
    await pikarc.run({ user_id: 'alice' }, (run) => {
      escaped = run;
    });
    const fn = vi.fn();
    const error = await rejection(escaped!.toolCall({ fn, tool_name: 'late' }));
    expect(error).toBeInstanceOf(PikarcBlockedError);
    expect(error).toMatchObject({ denyReason: 'RUN_ALREADY_ENDED', at: 'step' });
    expect(fn).not.toHaveBeenCalled();
  });

  for (const [reason, arrange] of cases.slice(0, 4)) {
    it(`${reason} at a step: the wrapped function never runs, the run ends FAILED`, async () => {
      const before = vi.fn(() => 'first');
      const after = vi.fn(() => 'second');
      const error = await rejection(
        pikarc.run({ user_id: 'alice' }, async (run) => {
          await run.toolCall({ fn: before, tool_name: 'one' });
          arrange();
          await run.toolCall({ fn: after, tool_name: 'two' });
        }),
      );
      expect(error).toBeInstanceOf(PikarcBlockedError);
      expect(error).toMatchObject({ denyReason: reason, at: 'step' });
      expect(error.stepId).toBe(fake.runs[0]?.steps[1]?.id);
      expect(error.message).toBe(`Pikarc denied step 2 of run ${fake.runs[0]?.id}: ${reason}`);
      expect(before).toHaveBeenCalledOnce();
      expect(after).not.toHaveBeenCalled();
      expect(fake.runs[0]?.status).toBe('FAILED');
    });
  }
});

describe('the kill switch flipped mid-run', () => {
  it('stops the next step, also when the agent catches the error and carries on', async () => {
    const calls: string[] = [];
    const outcome = await pikarc.run({ user_id: 'alice' }, async (run) => {
      await run.modelCall({ fn: () => calls.push('model-1'), model: 'gpt-4o' });
      // An operator flips the switch through the API while the agent works.
      const admin = new Pikarc({ apiKey: FAKE_PIKARC_API_KEY, baseURL: fake.url });
      await admin.workspace.killSwitch.update({ active: true });
      const denied = await rejection(run.modelCall({ fn: () => calls.push('model-2'), model: 'gpt-4o' }));
      // The switch goes off again, but this run met a DENY: nothing it wraps runs any more.
      await admin.workspace.killSwitch.update({ active: false });
      const again = await rejection(run.toolCall({ fn: () => calls.push('tool'), tool_name: 'search' }));
      return { denied, again };
    });
    expect(outcome.denied.denyReason).toBe('KILL_SWITCH_ACTIVE');
    expect(outcome.again).toBe(outcome.denied);
    expect(calls).toEqual(['model-1']);
    // The refused third call was never sent; the run itself completed (fn returned normally).
    expect(fake.runs[0]?.steps).toHaveLength(2);
    expect(fake.runs[0]?.status).toBe('COMPLETED');
  });

  it('a concurrent step allowed before, but answered after, a DENY does not run its function', async () => {
    const ran: string[] = [];
    // The first step is allowed at once, but its answer's body is held back for a second.
    fake.fault({ method: 'POST', path: /\/steps$/, stallMs: 1_000 });
    const error = await rejection(
      pikarc.run({ user_id: 'alice' }, async (run) => {
        const slow = run.toolCall({ fn: () => ran.push('slow'), tool_name: 'slow' });
        await vi.waitFor(() => expect(fake.runs[0]?.steps).toHaveLength(1));
        fake.setKillSwitch(true);
        const fast = run.toolCall({ fn: () => ran.push('fast'), tool_name: 'fast' });
        const results = await Promise.allSettled([fast, slow]);
        expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
        throw (results[0] as PromiseRejectedResult).reason;
      }),
    );
    expect(error).toBeInstanceOf(PikarcBlockedError);
    expect(fake.runs[0]?.steps.map((s) => s.status)).toEqual(['ALLOWED', 'BLOCKED']);
    expect(ran).toEqual([]);
  });
});

describe('run end', () => {
  it('ends FAILED and rethrows the error of fn (sync throw included)', async () => {
    const boom = new Error('agent crashed');
    expect(
      await rejection(
        pikarc.run({ user_id: 'alice' }, () => {
          throw boom;
        }),
      ),
    ).toBe(boom);
    expect(fake.runs[0]?.status).toBe('FAILED');
  });

  it('reports a failing wrapped function as FAILED and rethrows its error', async () => {
    const boom = new Error('provider down');
    const error = await rejection(
      pikarc.run({ user_id: 'alice' }, (run) =>
        run.modelCall({
          fn: async () => {
            throw boom;
          },
          model: 'gpt-4o',
        }),
      ),
    );
    expect(error).toBe(boom);
    expect(fake.runs[0]?.steps[0]?.status).toBe('FAILED');
    expect(fake.runs[0]?.status).toBe('FAILED');
  });

  it('on abort: rejects with the reason at once, ends FAILED, and refuses later steps', async () => {
    const controller = new AbortController();
    const later = vi.fn();
    let finishFn: () => void = () => {};
    const fnDone = new Promise<void>((resolve) => {
      finishFn = resolve;
    });
    let lateStep: unknown;
    const error = await rejection(
      pikarc.run(
        { user_id: 'alice' },
        async (run) => {
          expect(run.signal).toBe(controller.signal);
          controller.abort(new Error('user cancelled'));
          // The agent does not notice the abort and tries another step.
          await new Promise((resolve) => setTimeout(resolve, 20));
          lateStep = await rejection(run.toolCall({ fn: later, tool_name: 'late' }));
          finishFn();
        },
        { signal: controller.signal },
      ),
    );
    expect(error.message).toBe('user cancelled');
    expect(fake.runs[0]?.status).toBe('FAILED');
    await fnDone;
    expect((lateStep as Error).message).toBe('user cancelled');
    expect(later).not.toHaveBeenCalled();
    expect(fake.runs[0]?.steps).toEqual([]);
    expect(fake.requestsTo('POST', `/v1/runs/${fake.runs[0]?.id}/end`)).toHaveLength(1);
  });

  it('a failure to end never hides the result of fn: it goes to onEndError', async () => {
    fake.fault({ method: 'POST', path: /\/end$/, status: 500 });
    const onEndError = vi.fn();
    expect(await pikarc.run({ user_id: 'alice' }, () => 42, { onEndError })).toBe(42);
    expect(onEndError).toHaveBeenCalledOnce();
    expect(onEndError.mock.calls[0]?.[0]).toMatchObject({ name: 'InternalServerError', status: 500 });
  });

  it('a failure to end never hides the error of fn either; the default is a logged warning', async () => {
    const warn = vi.fn();
    const logged = new Pikarc({
      apiKey: FAKE_PIKARC_API_KEY,
      baseURL: fake.url,
      logger: { ...console, warn },
    });
    fake.fault({ method: 'POST', path: /\/end$/, reset: true });
    const boom = new Error('agent crashed');
    const error = await rejection(
      logged.run({ user_id: 'alice' }, () => {
        throw boom;
      }),
    );
    expect(error).toBe(boom);
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]?.[0]).toMatch(/^\[quiver\] Pikarc: could not end run .* as FAILED: /);
    expect(warn.mock.calls[0]?.[0]).not.toContain(FAKE_PIKARC_API_KEY);
  });

  it('refuses bad helper arguments as rejections, nothing sent', async () => {
    await expect(pikarc.run({ user_id: 'alice' }, 'nope' as never)).rejects.toThrow('fn must be a function.');
    await pikarc.run({ user_id: 'alice' }, async (run) => {
      await expect(run.modelCall({ fn: () => 1, model: '' })).rejects.toThrow(
        'model must be a non-empty string.',
      );
      await expect(run.toolCall({ fn: undefined as never, tool_name: 't' })).rejects.toThrow(
        'fn must be a function.',
      );
    });
    expect(fake.runs[0]?.steps).toEqual([]);
  });
});

describe('PikarcBlockedError', () => {
  it('is branded like core errors, so instanceof works across module copies', () => {
    expect(PikarcBlockedError.brand).toBe(Symbol.for('quiver.error.PikarcBlockedError'));
    const error = new PikarcBlockedError({
      decision: { outcome: 'DENY', reason: 'USER_BLOCKED' },
      runId: 'r1',
      at: 'run_start',
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'PikarcBlockedError',
      message: 'Pikarc denied the start of run r1: USER_BLOCKED',
      denyReason: 'USER_BLOCKED',
      runId: 'r1',
      at: 'run_start',
    });
    // An error of another copy: the same brand set, another prototype chain.
    const foreign = Object.create(Error.prototype);
    Object.defineProperty(foreign, Symbol.for('quiver.error.brands'), {
      value: new Set([Symbol.for('quiver.error.PikarcBlockedError')]),
    });
    expect(isPikarcBlockedError(foreign)).toBe(true);
    expect(isPikarcBlockedError(new Error('x'))).toBe(false);
  });
});
