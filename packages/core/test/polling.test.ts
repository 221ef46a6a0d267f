import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidInputError, poll, WaitTimeoutError } from '../src/index.js';
import { caught } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

function states(...sequence: string[]) {
  let i = 0;
  const calls: AbortSignal[] = [];
  const fetch = async (signal: AbortSignal) => {
    calls.push(signal);
    const status = sequence[Math.min(i, sequence.length - 1)] as string;
    i += 1;
    return { id: 'r1', status };
  };
  return { fetch, calls };
}

describe('poll', () => {
  it('reports the first status and each change, backs off while unchanged, resolves when done', async () => {
    vi.useFakeTimers();
    const { fetch, calls } = states('queued', 'queued', 'running', 'done');
    const seen: string[] = [];
    const result = poll({
      what: 'Test run r1',
      fetch,
      status: (r) => r.status,
      isDone: (s) => s === 'done',
      onStatus: (s) => seen.push(s),
      pollInterval: 1000,
    });
    await vi.advanceTimersByTimeAsync(1000); // second poll: queued (unchanged → next sleep 1500)
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1499);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1); // third poll: running
    await vi.advanceTimersByTimeAsync(1000); // changed → back to 1000: done
    expect(await result).toEqual({ id: 'r1', status: 'done' });
    expect(seen).toEqual(['queued', 'running', 'done']);
  });

  it('times out with WaitTimeoutError carrying the last value', async () => {
    vi.useFakeTimers();
    const { fetch } = states('running');
    const result = poll({
      what: 'Test run r1',
      fetch,
      status: (r) => r.status,
      isDone: () => false,
      timeout: 5000,
    })
      .then(() => undefined)
      .catch(caught);
    await vi.advanceTimersByTimeAsync(5000);
    const error = await result;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.message).toBe('Test run r1 (last status: running) did not finish within 5000 ms.');
    expect(error.lastValue).toEqual({ id: 'r1', status: 'running' });
  });

  it('rejects with the signal reason at once, and aborts the pending poll', async () => {
    const controller = new AbortController();
    let pending: AbortSignal | undefined;
    const result = poll({
      what: 'x',
      fetch: (signal) => {
        pending = signal;
        return new Promise(() => undefined);
      },
      status: () => 'running',
      isDone: () => false,
      signal: controller.signal,
    }).catch(caught);
    await Promise.resolve();
    controller.abort(new Error('stop'));
    expect(caught(await result).message).toBe('stop');
    expect(pending?.aborted).toBe(true);
  });

  it('refuses a poll interval under 1 s before polling', async () => {
    const { fetch, calls } = states('x');
    const error = await poll({
      what: 'x',
      fetch,
      status: (r) => r.status,
      isDone: () => true,
      pollInterval: 10,
    }).catch(caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(calls).toHaveLength(0);
  });
});
