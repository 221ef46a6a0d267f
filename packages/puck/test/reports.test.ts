import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConflictError, NotFoundError, WaitTimeoutError } from '../src/index.js';
import { api, caught, client, rejection, useNock } from './helpers.js';

useNock();
afterEach(() => {
  vi.useRealTimers();
});

const report = {
  investigation_id: 'inv_01hx',
  narrative: '3 endpoints running unapproved LLM clients',
  severity: 'high',
  findings_summary: [{ finding_id: 'fnd_01hx', node_ids: ['node_01hx'] }],
  recommended_actions: ['Remove the client'],
  generated_at: '2026-05-03T14:35:00Z',
  model: 'standard',
};

describe('investigations.report.retrieve', () => {
  it('GETs /v1/investigations/{id}/report and returns the typed report', async () => {
    api().get('/v1/investigations/inv_01hx/report').reply(200, report);
    const result = await client().investigations.report.retrieve('inv_01hx');
    expect(result).toEqual(report);
    expect(result.severity).toBe('high');
  });

  it('is a ConflictError (409) while the investigation is not complete', async () => {
    api()
      .get('/v1/investigations/inv_01hx/report')
      .reply(409, { error: 'investigation has not reached completed status' });
    const error = await client().investigations.report.retrieve('inv_01hx').catch(caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.status).toBe(409);
    expect(error.message).toBe(
      'Puck GET brain.acme.example/v1/investigations/inv_01hx/report → 409: investigation has not reached completed status',
    );
    // Prose is not a code (where Puck's API docs are silent or disagree).
    expect(error.code).toBeUndefined();
  });

  it('is a NotFoundError for an unknown investigation', async () => {
    api().get('/v1/investigations/inv_x/report').reply(404, { error: 'not_found' });
    expect(await client().investigations.report.retrieve('inv_x').catch(caught)).toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('investigations.report.regenerate', () => {
  it('POSTs to /report/regenerate with the body, once (not retried)', async () => {
    api()
      .post('/v1/investigations/inv_01hx/report/regenerate', { model: 'deep' })
      .reply(503, { error: 'busy' }, { 'retry-after': '0' });
    const error = await rejection(client().investigations.report.regenerate('inv_01hx', { model: 'deep' }));
    expect(error.status).toBe(503);
  });

  it('returns the 202 body as parsed', async () => {
    api().post('/v1/investigations/inv_01hx/report/regenerate').reply(202, { status: 'regenerating' });
    expect(await client().investigations.report.regenerate('inv_01hx')).toEqual({ status: 'regenerating' });
  });
});

describe('investigations.report.regenerateAndWait', () => {
  it('reads generated_at, regenerates, then polls until generated_at changes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fresh = { ...report, generated_at: '2026-05-03T14:40:00Z', model: 'deep' };
    api()
      .get('/v1/investigations/inv_01hx/report')
      .reply(200, report)
      .post('/v1/investigations/inv_01hx/report/regenerate', { model: 'deep' })
      .reply(202, {})
      .get('/v1/investigations/inv_01hx/report')
      .reply(200, report)
      .get('/v1/investigations/inv_01hx/report')
      .reply(409, { error: 'regenerating' })
      .get('/v1/investigations/inv_01hx/report')
      .reply(200, fresh);
    const promise = client().investigations.report.regenerateAndWait(
      'inv_01hx',
      { model: 'deep' },
      { pollInterval: 1000 },
    );
    await vi.advanceTimersByTimeAsync(1000 + 1500 + 2250);
    expect(await promise).toEqual(fresh);
  });

  it('rethrows the ConflictError of an unfinished investigation without regenerating', async () => {
    api().get('/v1/investigations/inv_01hx/report').reply(409, { error: 'not complete' });
    const error = await client().investigations.report.regenerateAndWait('inv_01hx').catch(caught);
    expect(error).toBeInstanceOf(ConflictError);
  });

  it('times out with WaitTimeoutError carrying the last report', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    api()
      .get('/v1/investigations/inv_01hx/report')
      .times(3)
      .reply(200, report)
      .post('/v1/investigations/inv_01hx/report/regenerate')
      .reply(202, {});
    const promise = client()
      .investigations.report.regenerateAndWait('inv_01hx', undefined, { pollInterval: 1000, timeout: 2600 })
      .catch(caught);
    await vi.advanceTimersByTimeAsync(2600);
    const error = await promise;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.message).toBe(
      'Regenerating the report of Puck investigation inv_01hx did not finish within 2600 ms.',
    );
    expect(error.lastValue).toEqual(report);
  });
});
