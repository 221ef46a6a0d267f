import { describe, expect, it } from 'vitest';
import { BadRequestError, InvalidInputError, PermissionDeniedError, puckIssues } from '../src/index.js';
import { api, caught, client, rejection, useNock } from './helpers.js';

useNock();

const finding = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  severity: 'high',
  discovered_at: '2026-05-03T14:30:00Z',
  confidence: 0.92,
  ...extra,
});

describe('findings.list', () => {
  it('sends the documented filters and walks every page', async () => {
    api()
      .get('/v1/findings')
      .query({ severity: 'high', investigation_id: 'inv_01hx', dismissed: 'true', limit: '1' })
      .reply(200, { findings: [finding('fnd_1')], next_cursor: 'abc' })
      .get('/v1/findings')
      .query({ severity: 'high', investigation_id: 'inv_01hx', dismissed: 'true', limit: '1', cursor: 'abc' })
      .reply(200, { findings: [finding('fnd_2')], next_cursor: '' });
    const items = await client()
      .findings.list({ severity: 'high', investigation_id: 'inv_01hx', dismissed: true, limit: 1 })
      .toArray();
    expect(items).toEqual([finding('fnd_1'), finding('fnd_2')]);
  });

  it('returns the first page with items, data and hasNextPage', async () => {
    api()
      .get('/v1/findings')
      .reply(200, { findings: [finding('fnd_1')], next_cursor: 'abc' });
    const page = await client().findings.list();
    expect(page.items.map((f) => f.id)).toEqual(['fnd_1']);
    expect(page.hasNextPage()).toBe(true);
  });

  it('refuses limit outside 1–1000 before sending', async () => {
    await expect(client().findings.list({ limit: 0 })).rejects.toThrow(
      'limit must be between 1 and 1000; got 0.',
    );
    await expect(client().findings.list({ limit: 1001 })).rejects.toThrow(InvalidInputError);
    await expect(client().findings.list({ limit: 2.5 })).rejects.toThrow(/integer/);
  });

  it('maps a 403 insufficient_scope with its code', async () => {
    api().get('/v1/findings').reply(403, { error: 'insufficient_scope' });
    const error = await client().findings.list().toArray().catch(caught);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.code).toBe('insufficient_scope');
  });
});

describe('findings.dismiss', () => {
  it('POSTs the reason and notes and returns the body', async () => {
    api()
      .post('/v1/findings/fnd_01hx/dismiss', { reason: 'false_positive', notes: 'Known-good tool' })
      .reply(200, { id: 'fnd_01hx', dismissed: true });
    const result = await client().findings.dismiss('fnd_01hx', {
      reason: 'false_positive',
      notes: 'Known-good tool',
    });
    expect(result).toEqual({ id: 'fnd_01hx', dismissed: true });
  });

  it('is retried, because dismissing is documented idempotent', async () => {
    api()
      .post('/v1/findings/fnd_01hx/dismiss')
      .reply(500, { error: 'internal' }, { 'retry-after': '0' })
      .post('/v1/findings/fnd_01hx/dismiss')
      .reply(204);
    expect(await client().findings.dismiss('fnd_01hx', { reason: 'resolved' })).toBeUndefined();
  });

  it('requires a reason', async () => {
    await expect(client().findings.dismiss('fnd_1', {} as never)).rejects.toThrow(/body\.reason is required/);
  });

  it('exposes the 400 issues of a rejected reason', async () => {
    api()
      .post('/v1/findings/fnd_01hx/dismiss')
      .reply(400, {
        error: 'validation_error',
        issues: [{ path: 'reason', message: 'must be false_positive, accepted_risk, resolved or duplicate' }],
      });
    const error = await rejection(client().findings.dismiss('fnd_01hx', { reason: 'bogus' }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.code).toBe('validation_error');
    expect(puckIssues(error)).toEqual([
      { path: 'reason', message: 'must be false_positive, accepted_risk, resolved or duplicate' },
    ]);
    expect(error.body.issues).toHaveLength(1);
    expect(error.message).toBe(
      'Puck POST brain.acme.example/v1/findings/fnd_01hx/dismiss → 400: validation_error — reason: must be false_positive, accepted_risk, resolved or duplicate',
    );
  });
});
