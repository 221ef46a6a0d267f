import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidInputError, NotFoundError, WaitTimeoutError } from '../src/index.js';
import { api, caught, client, investigation, useNock } from './helpers.js';

useNock();
beforeEach(() => {
  // Only timers are faked: nock answers through promises and the event loop, which keep running.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Replies to successive GETs of inv_01hx with these statuses. */
function statuses(...list: string[]) {
  const scope = api();
  for (const status of list) scope.get('/v1/investigations/inv_01hx').reply(200, investigation(status));
  return scope;
}

describe('investigations.waitForCompletion', () => {
  it('polls until a terminal status, reports each change once, and resolves with the investigation', async () => {
    statuses('queued', 'queued', 'exploring', 'executing', 'executing', 'complete');
    const seen: string[] = [];
    const promise = client().investigations.waitForCompletion('inv_01hx', {
      pollInterval: 1000,
      onStatus: (status, inv) => seen.push(`${status}:${inv.id}`),
    });
    await vi.advanceTimersByTimeAsync(10_000);
    const result = await promise;
    expect(result.status).toBe('complete');
    expect(seen).toEqual([
      'queued:inv_01hx',
      'exploring:inv_01hx',
      'executing:inv_01hx',
      'complete:inv_01hx',
    ]);
  });

  for (const terminal of ['complete', 'completed', 'failed', 'cancelled']) {
    it(`stops on "${terminal}"`, async () => {
      statuses('analyzing', terminal);
      const promise = client().investigations.waitForCompletion('inv_01hx', { pollInterval: 1000 });
      await vi.advanceTimersByTimeAsync(1000);
      expect((await promise).status).toBe(terminal);
    });
  }

  it('keeps polling through statuses it does not know', async () => {
    statuses('awaiting_approval', 'completed');
    const promise = client().investigations.waitForCompletion('inv_01hx', { pollInterval: 1000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect((await promise).status).toBe('completed');
  });

  it('backs off ×1.5 while nothing changes and returns to pollInterval on a change', async () => {
    const replies = ['queued', 'queued', 'queued', 'exploring', 'complete'];
    let polls = 0;
    api()
      .get('/v1/investigations/inv_01hx')
      .times(replies.length)
      .reply(() => [200, investigation(replies[polls++] ?? 'complete')]);
    const promise = client().investigations.waitForCompletion('inv_01hx', { pollInterval: 2000 });
    // Polls at 0 (new status), 2000 (same), 2000+3000 (same), 5000+4500 (changed), 9500+2000.
    const expectPolls = async (advance: number, count: number) => {
      await vi.advanceTimersByTimeAsync(advance);
      expect(polls).toBe(count);
    };
    await expectPolls(0, 1);
    await expectPolls(1999, 1);
    await expectPolls(1, 2);
    await expectPolls(2999, 2);
    await expectPolls(1, 3);
    await expectPolls(4499, 3);
    await expectPolls(1, 4);
    await expectPolls(1999, 4);
    await expectPolls(1, 5);
    expect((await promise).status).toBe('complete');
  });

  it('rejects with WaitTimeoutError carrying the last investigation', async () => {
    // Polls at 0 and 1000; the next one (2500) would be after the deadline.
    api().get('/v1/investigations/inv_01hx').times(2).reply(200, investigation('executing'));
    const promise = client()
      .investigations.waitForCompletion('inv_01hx', { pollInterval: 1000, timeout: 2000 })
      .catch(caught);
    await vi.advanceTimersByTimeAsync(2000);
    const error = await promise;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.message).toBe(
      'Puck investigation inv_01hx (last status: executing) did not finish within 2000 ms.',
    );
    expect(error.lastValue).toEqual(investigation('executing'));
  });

  it('rejects with the signal reason as soon as the caller aborts, also mid-sleep', async () => {
    statuses('queued');
    const controller = new AbortController();
    const promise = client()
      .investigations.waitForCompletion('inv_01hx', { pollInterval: 5000, signal: controller.signal })
      .catch(caught);
    await vi.advanceTimersByTimeAsync(100);
    const reason = new Error('user went away');
    controller.abort(reason);
    expect(await promise).toBe(reason);
  });

  it('rejects promptly when aborted while a poll is in flight', async () => {
    api().get('/v1/investigations/inv_01hx').delay(60_000).reply(200, investigation('queued'));
    const controller = new AbortController();
    const promise = client()
      .investigations.waitForCompletion('inv_01hx', { signal: controller.signal })
      .catch(caught);
    await vi.advanceTimersByTimeAsync(50);
    controller.abort(new Error('stop'));
    expect((await promise).message).toBe('stop');
  });

  it('rejects at once for an already-aborted signal without sending anything', async () => {
    const reason = new Error('already');
    const error = await client()
      .investigations.waitForCompletion('inv_01hx', { signal: AbortSignal.abort(reason) })
      .catch(caught);
    expect(error).toBe(reason);
  });

  it('propagates API errors such as NotFoundError', async () => {
    api().get('/v1/investigations/inv_01hx').reply(404, { error: 'not found' });
    const error = await client().investigations.waitForCompletion('inv_01hx').catch(caught);
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it('ends the wait with the error of a throwing onStatus callback', async () => {
    statuses('queued');
    const boom = new Error('callback failed');
    const error = await client()
      .investigations.waitForCompletion('inv_01hx', {
        onStatus: () => {
          throw boom;
        },
      })
      .catch(caught);
    expect(error).toBe(boom);
  });

  it('refuses a pollInterval under 1000 ms and a non-positive timeout before sending', async () => {
    const puck = client();
    await expect(puck.investigations.waitForCompletion('inv_01hx', { pollInterval: 10 })).rejects.toThrow(
      'pollInterval must be at least 1000; got 10.',
    );
    await expect(puck.investigations.waitForCompletion('inv_01hx', { timeout: 0 })).rejects.toThrow(
      InvalidInputError,
    );
  });
});

describe('investigations.createAndWait', () => {
  it('creates with one idempotency key, then waits on the returned id', async () => {
    const keys: string[] = [];
    api()
      .matchHeader('idempotency-key', (v) => keys.push(String(v)) > 0)
      .post('/v1/investigations', { query: 'q' })
      .reply(429, { error: 'rate limited' }, { 'retry-after': '1' })
      .post('/v1/investigations', { query: 'q' })
      .reply(202, { investigation_id: 'inv_01hx' });
    statuses('queued', 'complete');
    const seen: string[] = [];
    const promise = client().investigations.createAndWait(
      { query: 'q' },
      { pollInterval: 1000, onStatus: (s) => seen.push(s) },
    );
    await vi.advanceTimersByTimeAsync(3000);
    expect((await promise).status).toBe('complete');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(seen).toEqual(['queued', 'complete']);
  });

  it('uses the caller key', async () => {
    api().matchHeader('idempotency-key', 'mine').post('/v1/investigations').reply(202, { id: 'inv_01hx' });
    statuses('complete');
    await client().investigations.createAndWait({ query: 'q' }, { idempotencyKey: 'mine' });
  });

  it('times out as a whole, naming the created investigation', async () => {
    api().post('/v1/investigations').reply(202, { id: 'inv_01hx' });
    api().get('/v1/investigations/inv_01hx').times(2).reply(200, investigation('compiling'));
    const promise = client()
      .investigations.createAndWait({ query: 'q' }, { pollInterval: 1000, timeout: 1500 })
      .catch(caught);
    await vi.advanceTimersByTimeAsync(1500);
    const error = await promise;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.message).toMatch(
      /^Puck investigation inv_01hx \(last status: compiling\) did not finish within 1500 ms\.$/,
    );
  });

  it('validates the body before sending', async () => {
    await expect(client().investigations.createAndWait({ query: ' ' })).rejects.toThrow(
      /body\.query is required/,
    );
  });
});
