import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../src/index.js';
import { api, BASE, caught, client, KEY, useNock } from './helpers.js';

useNock();

describe('webhooks.incoming.endpoints', () => {
  it('create: POSTs provider and signing secret (201)', async () => {
    api()
      .post('/v1/webhooks/incoming/endpoints', {
        provider: 'crowdstrike',
        provider_signing_secret: 'cs_secret',
      })
      .reply(201, {
        id: 'ibe_1',
        provider: 'crowdstrike',
        url: `${BASE}/v1/webhooks/incoming/crowdstrike/k`,
      });
    const endpoint = await client().webhooks.incoming.endpoints.create({
      provider: 'crowdstrike',
      provider_signing_secret: 'cs_secret',
    });
    expect(endpoint.url).toBe(`${BASE}/v1/webhooks/incoming/crowdstrike/k`);
  });

  it('list and delete', async () => {
    api()
      .get('/v1/webhooks/incoming/endpoints')
      .reply(200, { endpoints: [{ id: 'ibe_1', provider: 'generic' }] })
      .delete('/v1/webhooks/incoming/endpoints/ibe_1')
      .reply(200, { deleted: true });
    expect(await client().webhooks.incoming.endpoints.list().toArray()).toEqual([
      { id: 'ibe_1', provider: 'generic' },
    ]);
    expect(await client().webhooks.incoming.endpoints.delete('ibe_1')).toBeUndefined();
  });

  it('create: requires provider', async () => {
    await expect(client().webhooks.incoming.endpoints.create({} as never)).rejects.toThrow(
      /body\.provider is required/,
    );
  });
});

describe('webhooks.incoming.send', () => {
  it('POSTs to the receiver without an Authorization header', async () => {
    const scope = nock(BASE, { badheaders: ['authorization'] })
      .post('/v1/webhooks/incoming/generic/k3y_s3cr3t', { query: 'investigate host', agent_ids: ['agent_1'] })
      .reply(202, { ignored: false, investigation_id: 'inv_1' });
    const receipt = await client().webhooks.incoming.send('generic', 'k3y_s3cr3t', {
      query: 'investigate host',
      agent_ids: ['agent_1'],
    });
    expect(scope.isDone()).toBe(true);
    expect(receipt.ignored).toBe(false);
  });

  it('returns ignored: true for a ping', async () => {
    nock(BASE).post('/v1/webhooks/incoming/github/k').reply(202, { ignored: true });
    expect(await client().webhooks.incoming.send('github', 'k', { zen: 'hi' })).toEqual({ ignored: true });
  });

  it('keeps the URL key out of error messages and logs', async () => {
    const lines: string[] = [];
    const log = (...args: unknown[]) => lines.push(args.map(String).join(' '));
    nock(BASE).post('/v1/webhooks/incoming/generic/k3y_s3cr3t').reply(404, { error: 'not_found' });
    const error = await client({
      logLevel: 'debug',
      logger: { error: log, warn: log, info: log, debug: log },
    })
      .webhooks.incoming.send('generic', 'k3y_s3cr3t', { query: 'q' })
      .catch(caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      'Puck POST brain.acme.example/v1/webhooks/incoming/generic/[REDACTED] → 404: not_found',
    );
    expect(lines.length).toBeGreaterThan(0);
    for (const text of [error.message, error.stack, JSON.stringify(error), ...lines]) {
      expect(text).not.toContain('k3y_s3cr3t');
      expect(text).not.toContain(KEY);
    }
  });
});
