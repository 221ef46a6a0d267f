import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type ApiKey,
  type ApiKeyRegenerated,
  estimateCost,
  InvalidInputError,
  type LoginResult,
  type ModelPricing,
  type Page,
  type Run,
  type RunEnded,
  type RunStart,
  type StepCreated,
  type UsageSummary,
  type Workspace,
} from '../src/index.js';
import { ALLOW, api, client, deny, rejection, TOKEN, useNock } from './helpers.js';

useNock();

const RUN_ID = '550e8400-e29b-41d4-a716-446655440000';
const STEP_ID = '660e8400-e29b-41d4-a716-446655440000';
const workspace = {
  id: '770e8400-e29b-41d4-a716-446655440000',
  name: 'My Workspace',
  slug: 'my-workspace',
  kill_switch: false,
  daily_budget_usd: 100.0,
  user_daily_budget_usd: 25.0,
  max_concurrent_runs: 10,
};

describe('auth', () => {
  it('auth.login posts email and password without credentials and returns the token', async () => {
    api(null)
      .post('/v1/auth/login', { email: 'a@example.com', password: 'pw' })
      .reply(200, { access_token: TOKEN, token_type: 'bearer' });
    const result = await client().auth.login({ email: 'a@example.com', password: 'pw' });
    expectTypeOf(result).toEqualTypeOf<LoginResult>();
    expect(result).toEqual({ access_token: TOKEN, token_type: 'bearer' });
  });

  it('auth.register posts the body as given, without credentials', async () => {
    api(null)
      .post('/v1/auth/register', { email: 'a@example.com', password: 'pw', name: 'Acme' })
      .reply(201, { id: 'u1' });
    expect(await client().auth.register({ email: 'a@example.com', password: 'pw', name: 'Acme' })).toEqual({
      id: 'u1',
    });
  });

  it('auth.me.retrieve sends the JWT', async () => {
    api(TOKEN).get('/v1/auth/me').reply(200, { email: 'a@example.com' });
    expect(await client({ token: TOKEN }).auth.me.retrieve()).toEqual({ email: 'a@example.com' });
  });

  it('refuses an empty email before sending', async () => {
    const error = await rejection(client().auth.login({ email: '', password: 'pw' }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toBe('body.email must be a non-empty string');
  });
});

describe('runs', () => {
  it('runs.create posts user_id and metadata to /v1/runs/ (trailing slash) and returns the decision', async () => {
    api()
      .post('/v1/runs/', { user_id: 'alice', metadata: { agent: 'support-bot' } })
      .reply(201, { id: RUN_ID, status: 'RUNNING', decision: ALLOW });
    const start = await client().runs.create({ user_id: 'alice', metadata: { agent: 'support-bot' } });
    expectTypeOf(start).toEqualTypeOf<RunStart>();
    expect(start).toEqual({ id: RUN_ID, status: 'RUNNING', decision: ALLOW });
  });

  it('runs.create returns a DENY instead of throwing', async () => {
    api()
      .post('/v1/runs/')
      .reply(201, { id: RUN_ID, status: 'BLOCKED', decision: deny('KILL_SWITCH_ACTIVE') });
    const start = await client().runs.create({ user_id: 'alice' });
    expect(start.decision).toEqual({ outcome: 'DENY', reason: 'KILL_SWITCH_ACTIVE' });
  });

  it('a start without a decision is a ResponseValidationError, not an ALLOW', async () => {
    api().post('/v1/runs/').reply(201, { id: RUN_ID, status: 'RUNNING' });
    const error = await rejection(client().runs.create({ user_id: 'alice' }));
    expect(error.name).toBe('ResponseValidationError');
  });

  it('runs.end posts the status', async () => {
    api()
      .post(`/v1/runs/${RUN_ID}/end`, { status: 'COMPLETED' })
      .reply(200, { id: RUN_ID, status: 'COMPLETED', ended_at: '2025-01-15T10:30:00Z' });
    const ended = await client().runs.end(RUN_ID, { status: 'COMPLETED' });
    expectTypeOf(ended).toEqualTypeOf<RunEnded>();
    expect(ended.ended_at).toBe('2025-01-15T10:30:00Z');
  });

  it('runs.end refuses a status other than COMPLETED or FAILED', async () => {
    const error = await rejection(client().runs.end(RUN_ID, { status: 'DONE' as never }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toBe('body.status must be COMPLETED or FAILED');
  });

  it('runs.steps.create posts the step', async () => {
    const body = {
      type: 'MODEL_CALL',
      sequence: 1,
      model: 'gpt-4o',
      tool_name: null,
      input_data: { messages: [{ role: 'user', content: 'Hello' }] },
    };
    api()
      .post(`/v1/runs/${RUN_ID}/steps`, body)
      .reply(201, { id: STEP_ID, status: 'ALLOWED', decision: ALLOW });
    const step = await client().runs.steps.create(RUN_ID, body);
    expectTypeOf(step).toEqualTypeOf<StepCreated>();
    expect(step).toEqual({ id: STEP_ID, status: 'ALLOWED', decision: ALLOW });
  });

  it('runs.steps.create refuses a sequence below 1', async () => {
    const error = await rejection(client().runs.steps.create(RUN_ID, { type: 'TOOL_CALL', sequence: 0 }));
    expect(error.message).toBe('body.sequence must be at least 1; got 0.');
  });

  it('runs.steps.update patches status, duration and tokens', async () => {
    const body = { status: 'COMPLETED', duration_ms: 120, prompt_tokens: 500, completion_tokens: 100 };
    api().patch(`/v1/runs/${RUN_ID}/steps/${STEP_ID}`, body).reply(200, { id: STEP_ID, cost_usd: 0.00225 });
    expect(await client().runs.steps.update(RUN_ID, STEP_ID, body)).toEqual({
      id: STEP_ID,
      cost_usd: 0.00225,
    });
  });

  it('runs.list reads a bare array as one page, with the query as given', async () => {
    api()
      .get('/v1/runs/')
      .query({ user_id: 'alice' })
      .reply(200, [{ id: RUN_ID, user_id: 'alice', status: 'COMPLETED' }]);
    const page = await client().runs.list({ user_id: 'alice' });
    expectTypeOf(page).toEqualTypeOf<Page<Run>>();
    expect(page.items).toEqual([{ id: RUN_ID, user_id: 'alice', status: 'COMPLETED' }]);
    expect(page.hasNextPage()).toBe(false);
  });

  it('runs.list also reads { items }', async () => {
    api()
      .get('/v1/runs/')
      .reply(200, { items: [{ id: RUN_ID }] });
    expect(await client().runs.list().toArray()).toEqual([{ id: RUN_ID }]);
  });

  it('runs.retrieve reads the run and its steps; a 404 says the path is provisional', async () => {
    api()
      .get(`/v1/runs/${RUN_ID}`)
      .reply(200, { id: RUN_ID, steps: [{ id: STEP_ID, sequence: 1, cost_usd: null }] });
    const run = await client().runs.retrieve(RUN_ID);
    expectTypeOf(run).toEqualTypeOf<Run>();
    expect(run.steps?.[0]?.id).toBe(STEP_ID);
    api().get('/v1/runs/missing').reply(404, { detail: 'Not Found' });
    const error = await rejection(client().runs.retrieve('missing'));
    expect(error.message).toBe(
      'Pikarc GET localhost:8000/v1/runs/missing → 404: Not Found (provisional endpoint: its path is inferred from the docs and may not exist on this server)',
    );
  });
});

describe('workspace', () => {
  it('workspace.retrieve reads /v1/workspace/', async () => {
    api().get('/v1/workspace/').reply(200, workspace);
    const ws = await client().workspace.retrieve();
    expectTypeOf(ws).toEqualTypeOf<Workspace>();
    expect(ws).toEqual(workspace);
  });

  it('workspace.update sends explicit nulls and leaves out undefined', async () => {
    api()
      .patch(
        '/v1/workspace/',
        (body) => JSON.stringify(body) === '{"daily_budget_usd":50,"user_daily_budget_usd":null}',
      )
      .reply(200, { ...workspace, daily_budget_usd: 50, user_daily_budget_usd: null });
    const ws = await client().workspace.update({
      daily_budget_usd: 50,
      user_daily_budget_usd: null,
      name: undefined,
    });
    expect(ws.user_daily_budget_usd).toBeNull();
  });

  it('workspace.update refuses a fractional max_concurrent_runs', async () => {
    const error = await rejection(client().workspace.update({ max_concurrent_runs: 2.5 }));
    expect(error.message).toBe('body.max_concurrent_runs must be an integer; got 2.5.');
  });

  it('workspace.killSwitch.update posts { active }', async () => {
    api()
      .post('/v1/workspace/kill-switch', { active: true })
      .reply(200, { ...workspace, kill_switch: true });
    const ws = await client().workspace.killSwitch.update({ active: true });
    expect(ws.kill_switch).toBe(true);
  });
});

describe('usage, API keys, model pricing, health', () => {
  it('usage.summary.retrieve', async () => {
    const summary = {
      today: { total_usd: 12.5, total_tokens: 250000, run_count: 45 },
      last_7_days: { total_usd: 85.2, total_tokens: 1700000, run_count: 312 },
      last_30_days: { total_usd: 340.0, total_tokens: 6800000, run_count: 1250 },
      by_model: [{ model: 'gpt-4o', total_usd: 280.0, prompt_tokens: 4500000, completion_tokens: 900000 }],
      by_user: [{ user_id: 'alice', total_usd: 150.0, run_count: 520 }],
      monthly_run_count: 1250,
      monthly_run_limit: 50000,
    };
    api().get('/v1/usage/summary').reply(200, summary);
    const result = await client().usage.summary.retrieve();
    expectTypeOf(result).toEqualTypeOf<UsageSummary>();
    expect(result).toEqual(summary);
  });

  it('apiKeys.retrieve reads /v1/api-keys/; 404 is NotFoundError', async () => {
    const key = {
      id: 'k1',
      prefix: 'ab12cd34',
      key: null,
      label: null,
      is_active: true,
      created_at: '2025-01-15T10:30:00Z',
    };
    api().get('/v1/api-keys/').reply(200, key);
    const result = await client().apiKeys.retrieve();
    expectTypeOf(result).toEqualTypeOf<ApiKey>();
    expect(result).toEqual(key);
    api().get('/v1/api-keys/').reply(404, { detail: 'No active API key' });
    const error = await rejection(client().apiKeys.retrieve());
    expect(error.name).toBe('NotFoundError');
    expect(error.message).toBe('Pikarc GET localhost:8000/v1/api-keys/ → 404: No active API key');
  });

  it('apiKeys.regenerate posts without a body and returns the new key', async () => {
    api()
      .post('/v1/api-keys/regenerate', (body) => body === '' || body === undefined)
      .reply(200, { id: 'k2', prefix: 'zz99yy88', label: null, key: 'lg_zz99yy88_new', created_at: 'x' });
    const result = await client().apiKeys.regenerate();
    expectTypeOf(result).toEqualTypeOf<ApiKeyRegenerated>();
    expect(result.key).toBe('lg_zz99yy88_new');
  });

  it('modelPricing.list returns the bare array', async () => {
    const entry = {
      id: 'p1',
      model: 'gpt-4o',
      input_cost_per_token: 0.0000025,
      output_cost_per_token: 0.00001,
      is_active: true,
    };
    api().get('/v1/model-pricing/').reply(200, [entry]);
    const list = await client().modelPricing.list();
    expectTypeOf(list).toEqualTypeOf<ModelPricing[]>();
    expect(list).toEqual([entry]);
    expect(estimateCost(list[0], 500, 100)).toBeCloseTo(0.00225, 12);
    expect(estimateCost(undefined, 500, 100)).toBeNull();
  });

  it('modelPricing.replace PUTs the entry under the percent-encoded model id', async () => {
    api()
      .put('/v1/model-pricing/claude%20sonnet', {
        input_cost_per_token: 0.000003,
        output_cost_per_token: 0.000015,
      })
      .reply(200, {
        id: 'p2',
        model: 'claude sonnet',
        input_cost_per_token: 0.000003,
        output_cost_per_token: 0.000015,
      });
    const entry = await client().modelPricing.replace('claude sonnet', {
      input_cost_per_token: 0.000003,
      output_cost_per_token: 0.000015,
    });
    expect(entry.model).toBe('claude sonnet');
  });

  it('modelPricing.replace refuses a model id with "/" before sending', async () => {
    const error = await rejection(
      client().modelPricing.replace('openai/gpt-4o', { input_cost_per_token: 0, output_cost_per_token: 0 }),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
  });

  it('health.retrieve reads /health at the root without credentials', async () => {
    api(null).get('/health').reply(200, { status: 'ok' });
    expect(await client({ baseURL: `${'http://localhost:8000'}/v1` }).health.retrieve()).toEqual({
      status: 'ok',
    });
  });
});
