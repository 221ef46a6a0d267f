/** The longest delay a timer accepts: longer ones would fire at once (and Node warns). */
export const MAX_TIMER_DELAY = 2 ** 31 - 1;

/**
 * Waits `ms`, rejecting at once with the signal's reason when it aborts. A wait past 2^31−1 ms is
 * slept in steps, never handed to one timer.
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let left = Number.isFinite(ms) ? Math.max(0, ms) : MAX_TIMER_DELAY;
  do {
    const step = Math.min(left, MAX_TIMER_DELAY);
    await sleepStep(step, signal);
    left -= step;
  } while (left > 0);
}

function sleepStep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
