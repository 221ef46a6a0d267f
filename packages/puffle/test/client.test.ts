import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConfigurationError,
  ConflictError,
  estimateCredits,
  InsufficientCreditsError,
  InvalidInputError,
  Puffle,
  parsePuffleError,
} from '../src/index.js';
import { BASE, client, intercept, KEY, rejection, useNock } from './helpers.js';

useNock();
afterEach(() => vi.unstubAllEnvs());

describe('configuration', () => {
  it('needs a pk_live_ key and never echoes it', () => {
    vi.stubEnv('PUFFLE_API_KEY', '');
    expect(() => new Puffle()).toThrow(ConfigurationError);
    let err: unknown;
    try {
      new Puffle({ apiKey: 'sk_live_abcdef_SECRET' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(String((err as Error).message)).toContain('a key starting with pk_live_');
    expect(String((err as Error).message)).not.toContain('SECRET');
  });

  it('reads PUFFLE_API_KEY and PUFFLE_BASE_URL, falling back to PUFFLE_API_BASE_URL, then app.puffle.ai', () => {
    vi.stubEnv('PUFFLE_API_KEY', KEY);
    vi.stubEnv('PUFFLE_BASE_URL', '');
    vi.stubEnv('PUFFLE_API_BASE_URL', 'https://cli.puffle.example/');
    expect(new Puffle().baseURL).toBe('https://cli.puffle.example');
    vi.stubEnv('PUFFLE_BASE_URL', 'https://eu.puffle.example');
    expect(new Puffle().baseURL).toBe('https://eu.puffle.example');
    vi.stubEnv('PUFFLE_BASE_URL', '');
    vi.stubEnv('PUFFLE_API_BASE_URL', '');
    expect(new Puffle().baseURL).toBe(BASE);
  });

  it('keeps the key out of inspect and JSON', () => {
    const p = client();
    expect(inspect(p, { showHidden: true, getters: true, depth: 4 })).not.toContain(KEY);
    expect(JSON.stringify(p)).not.toContain(KEY);
  });
});

describe('errors', () => {
  it('maps { error: { code, message } } with the code kept, and a string error as the message', async () => {
    intercept('GET', '/api/campaigns/c1', 409, {
      error: { code: 'conflict', message: 'Launch in progress' },
    });
    const err = await rejection(client().campaigns.retrieve('c1'));
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.code).toBe('conflict');
    expect(err.message).toBe('Puffle GET app.puffle.ai/api/campaigns/c1 → 409: Launch in progress');
    intercept('GET', '/api/senders/s1', 404, { error: 'Sender not found' });
    const missing = await rejection(client().senders.retrieve('s1'));
    expect(missing.message).toBe('Puffle GET app.puffle.ai/api/senders/s1 → 404: Sender not found');
  });

  it('402 is InsufficientCreditsError (an APIError) reading required/balance wherever they sit', async () => {
    intercept('POST', '/api/enrichment', 402, { required: 40, balance: 12 });
    const err = await rejection(
      client().enrichment.create({ enrichmentId: 'work_email', scope: { type: 'list', listId: 'l' } }),
    );
    expect(err).toBeInstanceOf(InsufficientCreditsError);
    expect(err).toMatchObject({ status: 402, required: 40, balance: 12 });
    expect(err.message).toBe(
      'Puffle POST app.puffle.ai/api/enrichment → 402: insufficient credits (required 40, balance 12)',
    );
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({
      name: 'InsufficientCreditsError',
      required: 40,
      balance: 12,
    });
  });

  it('reads the enrichment-cancel reason from error.code, error.reason or a top-level reason', () => {
    const ctx = {
      status: 409,
      headers: new Headers(),
      method: 'POST',
      path: '/api/enrichment/r/cancel',
      experimental: false,
    };
    expect(
      parsePuffleError({ ...ctx, body: { error: { reason: 'run_status_changed', message: 'x' } } })?.code,
    ).toBe('run_status_changed');
    expect(
      parsePuffleError({ ...ctx, body: { error: 'Run is not cancellable', reason: 'run_not_cancellable' } })
        ?.code,
    ).toBe('run_not_cancellable');
    expect(parsePuffleError({ ...ctx, status: 404, experimental: true, body: {} })?.hint).toContain(
      'provisional',
    );
  });

  it('refuses two different idempotency keys for one call, nothing sent', async () => {
    const err = await rejection(
      client().enrichment.create(
        { enrichmentId: 'work_email', scope: { type: 'list', listId: 'l' }, idempotencyKey: 'a' },
        { idempotencyKey: 'b' },
      ),
    );
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.message).toBe(
      'opts.idempotencyKey and body.idempotencyKey differ; pass the idempotency key in one place only.',
    );
  });
});

describe('estimateCredits', () => {
  const config = {
    registryVersion: 'v1',
    operations: { work_email_lookup: { id: 'work_email_lookup', credits: 2 } },
    plans: {},
    entitlements: { keys: [] },
    legacyCreditActions: {},
    costs: {},
  };
  it('multiplies the operation cost, and refuses an unknown operation (never assume free)', () => {
    expect(estimateCredits(config, 'work_email_lookup', 25)).toBe(50);
    expect(() => estimateCredits(config, 'deep_research', 1)).toThrow(InvalidInputError);
  });
});
