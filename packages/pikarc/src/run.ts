import { InvalidInputError, type RequestOptions } from '@quiver/core';
import { PikarcBlockedError } from './errors.js';
import type { RunStart, Runs, StepCreated, StepUpdateParams } from './resources/runs.js';
import type { Decision } from './resources/shared.js';

/** The first argument of `client.run()`: the wire body of `POST /v1/runs/`. */
export interface GuardedRunParams {
  /** Your end user's id (free-form): per-user budgets and blocking key on it. */
  user_id: string;
  /** Stored on the run. */
  metadata?: Record<string, unknown> | null;
}

/** Options of `client.run()`: per-call options, plus what happens when ending the run fails. */
export interface GuardedRunOptions extends RequestOptions {
  /**
   * Called when the run could not be ended (`POST /v1/runs/{id}/end` failed). That failure never
   * replaces `fn`'s own result or error. Default: a warning through the client's logger.
   */
  onEndError?: ((error: unknown) => void) | undefined;
}

/** `run.modelCall`'s parameters (Pikarc SDK docs, Guarded run: `model_call`). */
export interface ModelCallParams<R> {
  /** The provider call, run only after the step is allowed. Sync or async. */
  fn: () => R | Promise<R>;
  /** The model id, for the step and its cost (must match a pricing entry). */
  model: string;
  /** Kept on the step for audit. */
  input_data?: Record<string, unknown> | null;
  /**
   * `[prompt_tokens, completion_tokens]` from `fn`'s result, e.g. OpenAI
   * `(r) => [r.usage.prompt_tokens, r.usage.completion_tokens]`. Without it no tokens, so no cost,
   * are reported (as in the Python SDK).
   */
  tokenExtractor?: (result: R) => [prompt_tokens: number, completion_tokens: number];
}

/** `run.toolCall`'s parameters. */
export interface ToolCallParams<R> {
  /** The tool call, run only after the step is allowed. Sync or async. */
  fn: () => R | Promise<R>;
  /** The tool's name, for the step. */
  tool_name: string;
  /** Kept on the step for audit. */
  input_data?: Record<string, unknown> | null;
}

/** What `client.run()` hands to your function: the run, and its guarded model and tool calls. */
export interface GuardedRun {
  /** The run's id. */
  readonly id: string;
  /** The run's status at start (`'RUNNING'`). */
  readonly status: string;
  /** The run-start decision (`outcome: 'ALLOW'`). */
  readonly decision: Decision;
  /** The `signal` passed to `client.run()`: hand it to your provider calls. */
  readonly signal: AbortSignal | undefined;
  /**
   * Check → execute → report (Pikarc SDK docs, Guarded run): creates a `MODEL_CALL` step; on DENY
   * rejects with `PikarcBlockedError` **before** `fn` runs (the provider is never called or billed);
   * otherwise awaits `fn()` and reports status, duration and (with `tokenExtractor`) tokens.
   */
  modelCall<R>(params: ModelCallParams<R>, opts?: RequestOptions): Promise<R>;
  /** As `modelCall`, for a `TOOL_CALL` step (no tokens). */
  toolCall<R>(params: ToolCallParams<R>, opts?: RequestOptions): Promise<R>;
}

/** The function `client.run()` guards: it gets the run, and its value becomes `run()`'s. */
export type GuardedRunFn<T> = (run: GuardedRun) => T | Promise<T>;

/** What the guarded run needs of the client. */
export interface GuardedRunHost {
  /** The client's runs resource: the guarded run creates, updates and ends steps and runs through it. */
  readonly runs: Runs;
  /** Where a failed FAILED report or a failed end goes by default. */
  warn(message: string): void;
}

type StepSpec = {
  type: 'MODEL_CALL' | 'TOOL_CALL';
  model: string | null;
  tool_name: string | null;
  input_data: Record<string, unknown> | null;
  tokens?: ((result: unknown) => [number, number]) | undefined;
};

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One guarded run: its step counter and the first DENY it met. */
class ActiveRun implements GuardedRun {
  readonly id: string;
  readonly status: string;
  readonly decision: Decision;
  readonly signal: AbortSignal | undefined;
  readonly #host: GuardedRunHost;
  readonly #opts: RequestOptions;
  #sequence = 0;
  /** The first step DENY: once met, no wrapped function of this run runs any more. */
  #denied: PikarcBlockedError | undefined;

  constructor(host: GuardedRunHost, start: RunStart, opts: RequestOptions) {
    this.id = start.id;
    this.status = start.status ?? 'RUNNING';
    this.decision = start.decision;
    this.signal = opts.signal;
    this.#host = host;
    this.#opts = opts;
  }

  modelCall<R>(params: ModelCallParams<R>, opts?: RequestOptions): Promise<R> {
    return this.#step<R>(
      params,
      () => {
        if (typeof params?.model !== 'string' || params.model === '') {
          throw new InvalidInputError('model must be a non-empty string.');
        }
        if (params.tokenExtractor !== undefined && typeof params.tokenExtractor !== 'function') {
          throw new InvalidInputError('tokenExtractor must be a function.');
        }
        return {
          type: 'MODEL_CALL',
          model: params.model,
          tool_name: null,
          input_data: params.input_data ?? null,
          tokens: params.tokenExtractor as StepSpec['tokens'],
        };
      },
      opts,
    );
  }

  toolCall<R>(params: ToolCallParams<R>, opts?: RequestOptions): Promise<R> {
    return this.#step<R>(
      params,
      () => {
        if (typeof params?.tool_name !== 'string' || params.tool_name === '') {
          throw new InvalidInputError('tool_name must be a non-empty string.');
        }
        return {
          type: 'TOOL_CALL',
          model: null,
          tool_name: params.tool_name,
          input_data: params.input_data ?? null,
        };
      },
      opts,
    );
  }

  async #step<R>(
    params: { fn: () => R | Promise<R> } | undefined,
    spec: () => StepSpec,
    opts: RequestOptions | undefined,
  ): Promise<R> {
    // Taken synchronously, before any await: concurrent calls get distinct numbers, and a call
    // refused below (or denied by the server) still uses its number.
    const sequence = ++this.#sequence;
    if (typeof params?.fn !== 'function') throw new InvalidInputError('fn must be a function.');
    const step = spec();
    const callOpts: RequestOptions = { ...this.#opts, ...opts };
    if (this.#denied) throw this.#denied;
    const runs = this.#host.runs;
    const created: StepCreated = await runs.steps.create(
      this.id,
      {
        type: step.type,
        sequence,
        model: step.model,
        tool_name: step.tool_name,
        input_data: step.input_data,
      },
      callOpts,
    );
    if (created.decision.outcome === 'DENY') {
      const blocked = new PikarcBlockedError({
        decision: created.decision,
        runId: this.id,
        stepId: created.id,
        at: 'step',
        sequence,
      });
      this.#denied ??= blocked;
      throw blocked;
    }
    // A concurrent step of this run was denied while this one waited for its decision: the agent
    // must stop, so this step's function does not run either.
    if (this.#denied) throw this.#denied;
    const t0 = performance.now();
    let result: R;
    try {
      result = await params.fn();
    } catch (error) {
      const report: StepUpdateParams = { status: 'FAILED', duration_ms: elapsed(t0) };
      try {
        await runs.steps.update(this.id, created.id, report, callOpts);
      } catch (reportError) {
        // The wrapped function's error is what the caller must see.
        this.#host.warn(
          `could not report step ${sequence} of run ${this.id} as FAILED: ${describe(reportError)}`,
        );
      }
      throw error;
    }
    const report: StepUpdateParams = { status: 'COMPLETED', duration_ms: elapsed(t0) };
    if (step.tokens) {
      const [prompt_tokens, completion_tokens] = step.tokens(result);
      report.prompt_tokens = prompt_tokens;
      report.completion_tokens = completion_tokens;
    }
    await runs.steps.update(this.id, created.id, report, callOpts);
    return result;
  }
}

function elapsed(t0: number): number {
  return Math.max(0, Math.round(performance.now() - t0));
}

function abortPromise(signal: AbortSignal | undefined): { promise: Promise<never>; dispose(): void } {
  if (!signal) return { promise: new Promise<never>(() => {}), dispose: () => {} };
  let onAbort: () => void = () => {};
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  // The race below may settle first; a rejection nobody awaits must not be reported as unhandled.
  promise.catch(() => {});
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

/**
 * `client.run(params, fn, opts)` (Pikarc SDK docs, Guarded run; the Python `async with guard.run()`):
 *
 * 1. starts the run (`POST /v1/runs/`); a DENY rejects with `PikarcBlockedError` (`at: 'run_start'`)
 *    and `fn` never runs (the run is already BLOCKED, so it is not ended);
 * 2. awaits `fn(run)`;
 * 3. ends the run COMPLETED and resolves `fn`'s value; when `fn` throws (a step DENY included) or
 *    `opts.signal` aborts, ends it FAILED and rejects with that error;
 * 4. a failure to end the run goes to `onEndError` and never replaces `fn`'s result or error.
 */
export async function guardedRun<T>(
  host: GuardedRunHost,
  params: GuardedRunParams,
  fn: GuardedRunFn<T>,
  options: GuardedRunOptions = {},
): Promise<T> {
  const { onEndError, ...opts } = options ?? {};
  if (typeof fn !== 'function') throw new InvalidInputError('fn must be a function.');
  if (onEndError !== undefined && typeof onEndError !== 'function') {
    throw new InvalidInputError('onEndError must be a function.');
  }
  const start = await host.runs.create(params, opts);
  if (start.decision.outcome === 'DENY') {
    throw new PikarcBlockedError({ decision: start.decision, runId: start.id, at: 'run_start' });
  }
  const run = new ActiveRun(host, start, opts);
  // Ending the run must work after an abort too: it gets the call's options without the signal.
  const { signal: _signal, ...endOpts } = opts;
  const end = async (status: 'COMPLETED' | 'FAILED') => {
    try {
      await host.runs.end(run.id, { status }, endOpts);
    } catch (error) {
      const message = `could not end run ${run.id} as ${status}: ${describe(error)}`;
      if (!onEndError) return host.warn(message);
      try {
        onEndError(error);
      } catch (hookError) {
        // A throwing hook must not replace fn's own result or error either.
        host.warn(`${message}; onEndError threw: ${describe(hookError)}`);
      }
    }
  };
  const aborted = abortPromise(opts.signal);
  let value: T;
  try {
    value = await Promise.race([Promise.resolve().then(() => fn(run)), aborted.promise]);
  } catch (error) {
    await end('FAILED');
    throw error;
  } finally {
    aborted.dispose();
  }
  await end('COMPLETED');
  return value;
}
