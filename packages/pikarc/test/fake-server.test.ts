import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  Pikarc,
  PlanRestrictedError,
  ResponseValidationError,
  UnprocessableEntityError,
} from '../src/index.js';
import {
  FAKE_PIKARC_API_KEY,
  FAKE_PIKARC_WORKSPACE_ID,
  type FakePikarc,
  startFakePikarc,
} from '../src/testing/index.js';
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
  pikarc = new Pikarc({ apiKey: FAKE_PIKARC_API_KEY, baseURL: fake.url, maxRetries: 0, logLevel: 'off' });
});

describe('the seeded workspace', () => {
  it('is a Scale workspace with the default key, and the fake records no credentials', async () => {
    const ws = await pikarc.workspace.retrieve();
    expect(ws).toEqual({
      id: FAKE_PIKARC_WORKSPACE_ID,
      name: 'Fake Workspace',
      slug: 'fake-workspace',
      kill_switch: false,
      daily_budget_usd: null,
      user_daily_budget_usd: null,
      max_concurrent_runs: 10,
    });
    expect(fake.workspace.plan).toBe('scale');
    expect(JSON.stringify(fake.requests)).not.toContain(FAKE_PIKARC_API_KEY);
    expect((await pikarc.health.retrieve()) as unknown).toEqual({ status: 'ok' });
  });

  it('serves pricing, usage and runs', async () => {
    const pricing = await pikarc.modelPricing.list();
    expect(pricing.map((p) => p.model)).toEqual(['gpt-4o', 'gpt-4o-mini']);
    await pikarc.modelPricing.replace('claude-sonnet-4-5-20250929', {
      input_cost_per_token: 0.000003,
      output_cost_per_token: 0.000015,
    });
    await pikarc.run({ user_id: 'alice' }, (run) =>
      run.modelCall({
        fn: () => 'x',
        model: 'claude-sonnet-4-5-20250929',
        tokenExtractor: () => [1000, 100],
      }),
    );
    const summary = await pikarc.usage.summary.retrieve();
    expect(summary.today?.total_usd).toBeCloseTo(0.0045, 12);
    expect(summary.by_user).toEqual([
      { user_id: 'alice', total_usd: expect.closeTo(0.0045, 12), run_count: 1 },
    ]);
    expect(summary.monthly_run_count).toBe(1);
    expect(summary.monthly_run_limit).toBeNull();
    const runs = await pikarc.runs.list().toArray();
    expect(runs.map((r) => r.status)).toEqual(['COMPLETED']);
    const run = await pikarc.runs.retrieve(runs[0]!.id);
    expect(run.steps?.[0]).toMatchObject({ sequence: 1, prompt_tokens: 1000, completion_tokens: 100 });
  });

  it('answers 401 for an unknown key and 422 FastAPI lists for bad bodies', async () => {
    const stranger = new Pikarc({ apiKey: 'lg_unknown0_nope', baseURL: fake.url });
    expect(await rejection(stranger.workspace.retrieve())).toBeInstanceOf(AuthenticationError);
    const error = await rejection(pikarc.runs.steps.create('missing-run', { type: 'LAUNCH', sequence: 1 }));
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.body.detail).toEqual([
      { loc: ['body', 'type'], msg: 'Input should be a valid step type', type: 'enum' },
    ]);
  });

  it('refuses to end a run twice with a 400', async () => {
    const start = await pikarc.runs.create({ user_id: 'alice' });
    await pikarc.runs.end(start.id, { status: 'COMPLETED' });
    expect(await rejection(pikarc.runs.end(start.id, { status: 'FAILED' }))).toBeInstanceOf(BadRequestError);
  });
});

describe('plans', () => {
  it('gates the kill switch below Scale with a 403 PlanRestrictedError; disabling is allowed', async () => {
    fake.setPlan('pro');
    const error = await rejection(pikarc.workspace.killSwitch.update({ active: true }));
    expect(error).toBeInstanceOf(PlanRestrictedError);
    expect(error.message).toBe(
      `Pikarc POST ${new URL(fake.url).host}/v1/workspace/kill-switch → 403: Kill switch is not available on the pro plan. Upgrade to Scale or Enterprise.`,
    );
    expect((await pikarc.workspace.killSwitch.update({ active: false })).kill_switch).toBe(false);
  });

  it('gates per-user budgets and concurrency on Basic; null clears a budget', async () => {
    fake.setPlan('basic');
    expect(await rejection(pikarc.workspace.update({ user_daily_budget_usd: 5 }))).toBeInstanceOf(
      PlanRestrictedError,
    );
    expect(await rejection(pikarc.workspace.update({ max_concurrent_runs: 5 }))).toBeInstanceOf(
      PlanRestrictedError,
    );
    const ws = await pikarc.workspace.update({ daily_budget_usd: 20, user_daily_budget_usd: null });
    expect(ws).toMatchObject({ daily_budget_usd: 20, user_daily_budget_usd: null, max_concurrent_runs: 3 });
    expect((await pikarc.workspace.update({ daily_budget_usd: null })).daily_budget_usd).toBeNull();
  });

  it('Basic allows 1000 runs a month', async () => {
    fake.setPlan('basic');
    fake.setMonthlyRunCount(1000);
    const start = await pikarc.runs.create({ user_id: 'alice' });
    expect(start).toMatchObject({ status: 'BLOCKED', decision: { reason: 'MONTHLY_RUN_LIMIT_EXCEEDED' } });
  });
});

describe('keys', () => {
  it('regenerate revokes the key in use; 404 without an active key', async () => {
    const fresh = await pikarc.apiKeys.regenerate();
    expect(fresh.key).toMatch(/^lg_[0-9a-f]{8}_/);
    expect(await rejection(pikarc.workspace.retrieve())).toBeInstanceOf(AuthenticationError);
    const next = new Pikarc({ apiKey: fresh.key, baseURL: fake.url });
    expect((await next.apiKeys.retrieve()).prefix).toBe(fresh.prefix);
    fake.revokeApiKey();
    const jwtClient = await Pikarc.login(
      { email: 'owner@pikarc.test', password: 'fake-password-do-not-use' },
      { baseURL: fake.url },
    );
    const error = await rejection(jwtClient.apiKeys.retrieve());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(`Pikarc GET ${new URL(fake.url).host}/v1/api-keys/ → 404: No active API key`);
  });

  it('register creates a Basic workspace with its key', async () => {
    const created = (await pikarc.auth.register({ email: 'new@pikarc.test', password: 'pw-123456' })) as {
      api_key: string;
    };
    const theirs = new Pikarc({ apiKey: created.api_key, baseURL: fake.url });
    expect((await theirs.workspace.retrieve()).max_concurrent_runs).toBe(3);
  });
});

describe('faults', () => {
  it('applies the kit faults: reset, html, malformed JSON, drift', async () => {
    fake.fault({ path: '/v1/workspace/', reset: true });
    expect(await rejection(pikarc.workspace.retrieve())).toBeInstanceOf(APIConnectionError);
    fake.fault({ path: '/v1/workspace/', html: true, status: 502 });
    expect((await rejection(pikarc.workspace.retrieve())).status).toBe(502);
    fake.fault({ path: '/v1/workspace/', malformedJson: true });
    expect(await rejection(pikarc.workspace.retrieve())).toBeInstanceOf(ResponseValidationError);
    fake.fault({
      method: 'POST',
      path: '/v1/runs/',
      drift: (body) => ({ ...(body as object), decision: undefined }),
    });
    expect(await rejection(pikarc.run({ user_id: 'alice' }, () => 1))).toBeInstanceOf(
      ResponseValidationError,
    );
  });

  it('reset() restores the seed', async () => {
    fake.setKillSwitch(true);
    await pikarc.runs.create({ user_id: 'alice' });
    fake.reset();
    expect(fake.workspace.kill_switch).toBe(false);
    expect(fake.runs).toEqual([]);
    expect(fake.requests).toEqual([]);
  });
});
