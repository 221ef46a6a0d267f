import { WaitTimeoutError } from './errors.js';
import { ensureLimit } from './validate.js';

/** How a polling helper (`waitForCompletion`, `createAndWait`, `poll`) waits. */
export interface WaitOptions {
  /**
   * Milliseconds before the next poll; at least 1 000. Default `5_000` (12 calls a minute). While nothing changes the interval backs off ×1.5 per poll, up to 30 s
   * (or `pollInterval` when that is larger), and drops back to `pollInterval` on every change.
   */
  pollInterval?: number;
  /**
   * Overall deadline in milliseconds for the whole wait (every poll, and the trigger call of
   * `createAndWait`). Default `600_000` (10 minutes); `Infinity` waits for ever. Running out rejects
   * with `WaitTimeoutError`, whose `lastValue` is the last object seen.
   */
  timeout?: number;
  /** Aborts the wait at once (also during a poll or a sleep); the promise rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/** Default delay between polls . */
export const DEFAULT_POLL_INTERVAL = 5_000;
/** Smallest delay between polls: faster polling would spend the Free tier's whole call budget. */
export const MIN_POLL_INTERVAL = 1_000;
/** Default overall deadline of a wait. */
export const DEFAULT_WAIT_TIMEOUT = 600_000;
const BACKOFF_FACTOR = 1.5;
const MAX_BACKOFF_INTERVAL = 30_000;
// setTimeout fires at once for delays above 2^31-1 ms; longer deadlines are treated as "none".
const MAX_TIMER = 2 ** 31 - 1;

/** The checked settings of a wait. */
export interface WaitSettings {
  pollInterval: number;
  timeout: number;
}

/** Checks the documented limits of `WaitOptions`, before anything is sent. */
export function waitSettings(opts: WaitOptions | undefined): WaitSettings {
  const pollInterval = opts?.pollInterval ?? DEFAULT_POLL_INTERVAL;
  const timeout = opts?.timeout ?? DEFAULT_WAIT_TIMEOUT;
  ensureLimit(pollInterval, { name: 'pollInterval', min: MIN_POLL_INTERVAL, integer: false });
  ensureLimit(timeout, { name: 'timeout', min: 1, integer: false });
  return { pollInterval, timeout };
}

/**
 * One wait: a signal that aborts on the caller's signal or on the deadline, an abortable sleep with
 * backoff, and a guard that makes any pending call give up at once when the wait ends.
 */
export class WaitScope {
  readonly #controller = new AbortController();
  readonly #settings: WaitSettings;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #onCallerAbort = () => this.#controller.abort(this.#callerSignal?.reason);
  #interval: number;
  #timedOut = false;
  /** The last value seen; `WaitTimeoutError.lastValue` on time-out. */
  last: unknown;

  constructor(settings: WaitSettings, signal: AbortSignal | undefined) {
    this.#settings = settings;
    this.#interval = settings.pollInterval;
    this.#callerSignal = signal;
    if (signal?.aborted) this.#controller.abort(signal.reason);
    else signal?.addEventListener('abort', this.#onCallerAbort, { once: true });
    if (settings.timeout < MAX_TIMER) {
      this.#timer = setTimeout(() => {
        this.#timedOut = true;
        this.#controller.abort();
      }, settings.timeout);
    }
  }

  /** Aborts when the caller aborts or the deadline passes: pass it to every request. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Settles with `promise`, or rejects as soon as the wait is aborted or timed out. */
  guard<T>(promise: Promise<T>): Promise<T> {
    const signal = this.#controller.signal;
    if (signal.aborted) {
      // The guarded call still settles later (rejected by its own aborted signal): handle it here.
      promise.catch(() => undefined);
      return Promise.reject(signal.reason);
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  /**
   * Sleeps before the next poll. `changed` says whether the last poll saw progress: progress resets
   * the interval, no progress backs it off, so a long run costs few calls but a change is seen fast.
   */
  sleep(changed: boolean): Promise<void> {
    const { pollInterval } = this.#settings;
    if (changed) this.#interval = pollInterval;
    const ms = this.#interval;
    this.#interval = Math.min(ms * BACKOFF_FACTOR, Math.max(pollInterval, MAX_BACKOFF_INTERVAL));
    return this.guard(
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        this.#controller.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
      }),
    );
  }

  /**
   * Turns a rejection into the error the caller should see: `WaitTimeoutError` after the deadline,
   * the caller's `signal.reason` after an abort, otherwise the error itself.
   */
  failure(error: unknown, describe: (last: unknown) => string): unknown {
    if (this.#timedOut) {
      return new WaitTimeoutError(
        `${describe(this.last)} did not finish within ${this.#settings.timeout} ms.`,
        this.last,
      );
    }
    if (this.#controller.signal.aborted) return this.#controller.signal.reason;
    return error;
  }

  /** Stops the deadline timer and releases the listeners. */
  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
    if (!this.#controller.signal.aborted) this.#controller.abort();
  }
}

/**
 * Runs `body` inside a `WaitScope` and maps its failure (time-out, abort) to the documented error.
 * `describe` names what was waited for, for the `WaitTimeoutError` message.
 */
export async function runWait<T>(
  settings: WaitSettings,
  signal: AbortSignal | undefined,
  describe: (last: unknown) => string,
  body: (scope: WaitScope) => Promise<T>,
): Promise<T> {
  const scope = new WaitScope(settings, signal);
  try {
    return await scope.guard(body(scope));
  } catch (error) {
    throw scope.failure(error, describe);
  } finally {
    scope.dispose();
  }
}

/** What `poll` follows. */
export interface PollParams<T> extends WaitOptions {
  /** What is waited for, for the `WaitTimeoutError` message: `Puffle enrichment run run_1`. */
  what: string;
  /** One poll: fetch the current state (pass the signal on, so an ended wait cancels the call). */
  fetch: (signal: AbortSignal) => Promise<T>;
  /** The status of a state; `undefined` counts as `unknown` and keeps the wait going. */
  status: (value: T) => string | undefined;
  /** Whether a status ends the wait (success or failure alike: the caller checks which). */
  isDone: (status: string, value: T) => boolean;
  /** Called with the first status seen and on every change after it (not on every poll). */
  onStatus?: ((status: string, value: T) => void) | undefined;
}

/**
 * Polls until `isDone`, and resolves with the last state. The interval starts at `pollInterval`,
 * backs off ×1.5 while nothing changes (up to 30 s) and drops back on every change.
 *
 * @throws InvalidInputError for a `pollInterval` under 1 000 ms or a `timeout` under 1 ms.
 * @throws WaitTimeoutError after `timeout` (default 10 minutes); `lastValue` is the last state.
 * @throws the signal's `reason` as soon as `signal` aborts.
 */
export async function poll<T>(params: PollParams<T>): Promise<T> {
  const settings = waitSettings(params);
  return runWait(
    settings,
    params.signal,
    (last) => {
      const status = last === undefined ? undefined : params.status(last as T);
      return `${params.what}${status ? ` (last status: ${status})` : ''}`;
    },
    (scope) => pollIn(scope, params),
  );
}

/** The polling loop of `poll`, inside a scope the caller already runs (e.g. after a create call). */
export async function pollIn<T>(
  scope: WaitScope,
  params: Pick<PollParams<T>, 'fetch' | 'status' | 'isDone' | 'onStatus'>,
): Promise<T> {
  let lastStatus: string | undefined;
  for (;;) {
    const value = await scope.guard(params.fetch(scope.signal));
    scope.last = value;
    const status = params.status(value) ?? 'unknown';
    const changed = status !== lastStatus;
    if (changed) {
      lastStatus = status;
      params.onStatus?.(status, value);
    }
    if (params.isDone(status, value)) return value;
    await scope.sleep(changed);
  }
}
