import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  Puck,
  type PuckOptions,
  puckIssues,
  RateLimitError,
  ResponseValidationError,
} from '../src/index.js';
import {
  FAKE_PUCK_API_KEY,
  type FakePuck,
  type FakePuckOptions,
  startFakePuck,
} from '../src/testing/index.js';
import { caught } from './helpers.js';

const started: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function setup(options: FakePuckOptions = {}, clientOptions: PuckOptions = {}) {
  const fake = await startFakePuck({ lifecycle: { stepMs: 20 }, ...options });
  started.push(fake);
  // The fake's default key is on the pro tier; the client keeps to the same limits.
  const puck = new Puck({ apiKey: FAKE_PUCK_API_KEY, baseURL: fake.url, tier: 'pro', ...clientOptions });
  return { fake, puck };
}

/** A loopback receiver that records deliveries. */
async function receiver(status = 200) {
  const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const handle = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/puck/events`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  started.push(handle);
  return handle;
}

async function finish(fake: FakePuck, id: string) {
  return fake.setInvestigationStatus(id, 'complete');
}

describe('investigation lifecycle', () => {
  it('advances through the documented states to complete; createAndWait reports progress', async () => {
    // The fake's clock moves only when the client reports a status: every poll sees exactly the state
    // the test expects, however slow the machine (no wall-clock race between trigger and first poll).
    let now = Date.parse('2026-12-06T10:00:00Z');
    const { fake, puck } = await setup({ lifecycle: { stepMs: 1000 }, clock: () => now });
    const seen: string[] = [];
    const result = await puck.investigations.createAndWait(
      { query: 'find unapproved AI tools', depth: 'quick' },
      {
        pollInterval: 1000,
        onStatus: (s) => {
          seen.push(s);
          now += 3000; // three of the six states per reported status
        },
      },
    );
    expect(result.status).toBe('complete');
    expect(seen).toEqual(['pending', 'compiling', 'complete']);
    expect(fake.investigations).toHaveLength(1);
    expect(fake.investigations[0]).toMatchObject({ status: 'complete', depth: 'quick', source: 'api' });
  });

  it('answers the report with 409 until complete, then 200', async () => {
    const { fake, puck } = await setup({ lifecycle: { stepMs: Number.POSITIVE_INFINITY } });
    const { id } = await puck.investigations.create({ query: 'q' });
    expect((await puck.investigations.retrieve(id)).status).toBe('pending');
    const error = await puck.investigations.report.retrieve(id).catch(caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toMatch(/report is not ready/);
    fake.setInvestigationStatus(id, 'executing');
    expect((await puck.investigations.retrieve(id)).status).toBe('executing');
    await finish(fake, id);
    const report = await puck.investigations.report.retrieve(id);
    expect(report.severity).toBe('high');
    expect(report.findings_summary).toHaveLength(2);
    expect(await puck.investigations.report.retrieve('inv_nope').catch(caught)).toBeInstanceOf(NotFoundError);
  });

  it('can end in failed (finalStatus) and a failed run has no report', async () => {
    const { puck } = await setup({ lifecycle: { stepMs: 0, finalStatus: 'failed' } });
    const { id } = await puck.investigations.create({ query: 'q' });
    expect((await puck.investigations.waitForCompletion(id, { pollInterval: 1000 })).status).toBe('failed');
    expect(await puck.investigations.report.retrieve(id).catch(caught)).toBeInstanceOf(ConflictError);
  });

  it('cancels a running investigation, and refuses to cancel a finished one', async () => {
    const { fake, puck } = await setup({ lifecycle: { stepMs: Number.POSITIVE_INFINITY } });
    const { id } = await puck.investigations.create({ query: 'q' });
    expect(await puck.investigations.cancel(id)).toMatchObject({ id, status: 'cancelled' });
    expect(fake.investigations[0]?.status).toBe('cancelled');
    expect(await puck.investigations.cancel(id).catch(caught)).toBeInstanceOf(ConflictError);
  });

  it('regenerates a report: regenerateAndWait sees a new generated_at', async () => {
    const { fake, puck } = await setup({ lifecycle: { stepMs: 50 } });
    const { id } = await puck.investigations.create({ query: 'q' });
    await finish(fake, id);
    const before = await puck.investigations.report.retrieve(id);
    const after = await puck.investigations.report.regenerateAndWait(
      id,
      { model: 'deep' },
      { pollInterval: 1000 },
    );
    expect(after.generated_at).not.toBe(before.generated_at);
    expect(after.model).toBe('deep');
  });

  it('validates a trigger like the brain: 400 with issues', async () => {
    const { puck } = await setup();
    const error = await puck.investigations.create({ query: 'q', depth: 'extreme' }).catch(caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.code).toBe('validation_error');
    expect(puckIssues(error)).toEqual([{ path: 'depth', message: 'must be quick, standard or deep' }]);
  });
});

describe('idempotency', () => {
  it('replays the original 202 for the same key and body; 409 for another body', async () => {
    const { fake, puck } = await setup({ lifecycle: { stepMs: Number.POSITIVE_INFINITY } });
    const first = await puck.investigations.create({ query: 'q', depth: 'deep' }, { idempotencyKey: 'k1' });
    const { data: again, response } = await puck.investigations
      .create({ depth: 'deep', query: 'q' }, { idempotencyKey: 'k1' })
      .withResponse();
    expect(again.id).toBe(first.id);
    expect(response.headers.get('idempotent-replayed')).toBe('true');
    expect(fake.investigations).toHaveLength(1);
    const error = await puck.investigations
      .create({ query: 'other' }, { idempotencyKey: 'k1' })
      .catch(caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.code).toBe('idempotency_key_reused');
    expect(fake.investigations).toHaveLength(1);
  });

  it('creates exactly one investigation when the first trigger attempt gets a 429 (the demo flow)', async () => {
    const { fake, puck } = await setup({
      lifecycle: { stepMs: 30 },
      faults: [{ method: 'POST', path: '/v1/investigations', status: 429, headers: { 'retry-after': '1' } }],
    });
    const result = await puck.investigations.createAndWait(
      { query: 'Push finding: risky OAuth grant' },
      { pollInterval: 1000 },
    );
    expect(result.status).toBe('complete');
    const triggers = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/investigations');
    expect(triggers.map((r) => r.status)).toEqual([429, 202]);
    expect(triggers[0]?.faulted).toBe(true);
    expect(triggers[0]?.idempotencyKey).toBeDefined();
    expect(triggers[1]?.idempotencyKey).toBe(triggers[0]?.idempotencyKey);
    expect(fake.investigations).toHaveLength(1);
  });
});

describe('keys, scopes and tier limits', () => {
  it('401 for a missing or unknown key; 403 insufficient_scope for a missing scope', async () => {
    const { fake } = await setup({
      apiKeys: { pck_test_reader: ['investigations:read'], pck_live_none: [] },
    });
    const unknown = new Puck({ apiKey: 'pck_test_unknown', baseURL: fake.url });
    const error = await unknown.investigations.retrieve('inv_1').catch(caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.code).toBe('invalid_api_key');
    const reader = new Puck({ apiKey: 'pck_test_reader', baseURL: fake.url });
    const denied = await reader.investigations.create({ query: 'q' }).catch(caught);
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect(denied.code).toBe('insufficient_scope');
    const none = new Puck({ apiKey: 'pck_live_none', baseURL: fake.url });
    expect(await none.agents.list().toArray().catch(caught)).toBeInstanceOf(PermissionDeniedError);
    expect(fake.requests.every((r) => !('authorization' in r.headers))).toBe(true);
    expect(JSON.stringify(fake.requests)).not.toContain('pck_');
    expect(fake.requests.map((r) => r.auth)).toEqual(['invalid', 'valid', 'valid']);
  });

  it('answers 429 with Retry-After once a free key exceeds 2 triggers a minute', async () => {
    const { fake } = await setup({ apiKeys: { pck_test_free: { tier: 'free' } } });
    const puck = new Puck({ apiKey: 'pck_test_free', baseURL: fake.url, rateLimit: false, maxRetries: 0 });
    await puck.investigations.create({ query: 'a' });
    await puck.investigations.create({ query: 'b' });
    const error = await puck.investigations.create({ query: 'c' }).catch(caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfter).toBeGreaterThan(50_000);
    expect(error.retryAfter).toBeLessThanOrEqual(60_000);
    expect(error.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(fake.investigations).toHaveLength(2);
  });
});

describe('lists', () => {
  it('paginates findings with next_cursor and filters them', async () => {
    const { fake, puck } = await setup({ lifecycle: { stepMs: Number.POSITIVE_INFINITY } });
    for (const query of ['a', 'b']) await finish(fake, (await puck.investigations.create({ query })).id);
    const first = await puck.findings.list({ limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.hasNextPage()).toBe(true);
    expect(await puck.findings.list({ limit: 1 }).toArray()).toHaveLength(4);
    expect(await puck.findings.list({ severity: 'medium' }).toArray()).toHaveLength(2);
    const [finding] = first.items;
    await puck.findings.dismiss(finding?.id ?? '', { reason: 'false_positive', notes: 'known tool' });
    await puck.findings.dismiss(finding?.id ?? '', { reason: 'false_positive' });
    expect(await puck.findings.list().toArray()).toHaveLength(3);
    expect((await puck.findings.list({ dismissed: true }).toArray()).map((f) => f.id)).toEqual([finding?.id]);
    expect((await puck.investigations.list({ limit: 1 }).toArray()).map((i) => i.status)).toEqual([
      'complete',
      'complete',
    ]);
  });

  it('serves agents, their config, the graph and the curiosity queue', async () => {
    const { puck } = await setup();
    expect((await puck.agents.list({ profile: 'endpoint-macos' }).toArray()).map((a) => a.id)).toEqual([
      'agent_01hxmac',
    ]);
    expect(await puck.agents.list({ tag: 'team:finance' }).toArray()).toHaveLength(1);
    expect(await puck.agents.config.retrieve('agent_01hxmac')).toMatchObject({ poll_interval_seconds: 5 });
    const sub = await puck.graph.subgraph.retrieve({
      focus_node: 'node_process_ollama',
      hops: 1,
      max_nodes: 3,
    });
    expect(sub.nodes).toHaveLength(3);
    expect(sub.truncated).toBe(true);
    const paths = await puck.graph.path.retrieve({ from: 'node_endpoint_mbp014', to: 'node_cred_github' });
    expect(paths).toEqual({
      paths: [
        {
          nodes: ['node_endpoint_mbp014', 'node_process_ollama', 'node_user_alice', 'node_cred_github'],
          hops: 3,
        },
      ],
    });
    const item = await puck.curiosity.create({ query: 'new extensions?', interval: '24h' });
    expect((await puck.curiosity.update(item.id, { active: false })).active).toBe(false);
    expect((await puck.curiosity.list().toArray()).map((i) => i.id)).toEqual([item.id]);
    await puck.curiosity.delete(item.id);
    expect(await puck.curiosity.list().toArray()).toEqual([]);
    expect(await puck.request({ method: 'GET', path: '/v1/graph/live' }).catch(caught)).toMatchObject({
      status: 501,
    });
  });
});

describe('webhooks', () => {
  it('delivers signed investigation events to a subscription; unwrap verifies them', async () => {
    const hook = await receiver();
    const { fake, puck } = await setup({ lifecycle: { stepMs: 10 } });
    const sub = await puck.webhooks.subscriptions.create({
      url: hook.url,
      events: ['investigation.queued', 'investigation.completed'],
    });
    expect(sub.secret).toMatch(/^whsec_/);
    expect((await puck.webhooks.subscriptions.list().toArray())[0]?.secret).toBeUndefined();
    const run = await puck.investigations.createAndWait({ query: 'q' }, { pollInterval: 1000 });
    await fake.idle();
    const types = [];
    for (const delivery of hook.received) {
      const event = await puck.webhooks.unwrap(delivery.body, delivery.headers, sub.secret ?? '');
      expect(delivery.headers['x-puck-event-id']).toBe(event.event_id);
      expect(delivery.headers['x-puck-delivery-id']).toMatch(/^dlv_/);
      if (event.event_type === 'investigation.completed') {
        expect(event.data.investigation_id).toBe(run.id);
        expect(event.data.finding_count).toBe(2);
      }
      types.push(event.event_type);
    }
    expect(types.sort()).toEqual(['investigation.completed', 'investigation.queued']);
    expect(fake.deliveries.every((d) => d.status === 'delivered')).toBe(true);
    const wrongSecret = await puck.webhooks
      .unwrap(hook.received[0]?.body ?? '', hook.received[0]?.headers ?? {}, 'whsec_x')
      .catch(caught);
    expect(wrongSecret.reason).toBe('no_matching_signature');
  });

  it('filters by min_severity, records failed deliveries and replays them', async () => {
    const hook = await receiver(500);
    const { fake, puck } = await setup();
    const sub = fake.subscribe({ url: hook.url, events: ['*'], filters: { min_severity: 'critical' } });
    await fake.emit('investigation.completed', { investigation_id: 'inv_x', severity: 'high' });
    await fake.emit('agent.registered', { agent_id: 'agent_new' });
    expect(hook.received).toHaveLength(1);
    const [failed] = await puck.webhooks.deliveries.list({ status: 'failed_permanent' }).toArray();
    expect(failed).toMatchObject({
      subscription_id: sub.id,
      event_type: 'agent.registered',
      response_status: 500,
    });
    await puck.webhooks.deliveries.replay(failed?.id ?? '');
    await fake.idle();
    expect(hook.received).toHaveLength(2);
  });

  it('manages subscriptions and sends test deliveries; never delivers off loopback', async () => {
    const hook = await receiver();
    const { fake, puck } = await setup();
    const sub = await puck.webhooks.subscriptions.create({ url: hook.url, events: ['investigation.queued'] });
    expect((await puck.webhooks.subscriptions.retrieve(sub.id)).url).toBe(hook.url);
    await puck.webhooks.subscriptions.test(sub.id);
    await fake.idle();
    expect(hook.received).toHaveLength(1);
    await puck.webhooks.subscriptions.update(sub.id, { url: 'https://example.com/hook' });
    await puck.webhooks.subscriptions.test(sub.id);
    await fake.idle();
    expect(fake.deliveries.at(-1)).toMatchObject({
      status: 'failed_permanent',
      error: expect.stringMatching(/loopback/),
    });
    await puck.webhooks.subscriptions.delete(sub.id);
    expect(await puck.webhooks.subscriptions.retrieve(sub.id).catch(caught)).toBeInstanceOf(NotFoundError);
  });

  it('deliverWebhooks re-sends every event to a URL', async () => {
    const hook = await receiver();
    const { fake, puck } = await setup({ lifecycle: { stepMs: Number.POSITIVE_INFINITY } });
    await puck.investigations.create({ query: 'q' });
    const deliveries = await fake.deliverWebhooks(hook.url, 'whsec_demo');
    expect(deliveries.map((d) => d.status)).toEqual(['delivered']);
    const event = await puck.webhooks.unwrap(
      hook.received[0]?.body ?? '',
      hook.received[0]?.headers ?? {},
      'whsec_demo',
    );
    expect(event.event_type).toBe('investigation.queued');
  });

  it("a trigger's webhook_url gets one signed investigation.completed push; off-loopback is refused", async () => {
    const hook = await receiver();
    const { fake, puck } = await setup({
      lifecycle: { stepMs: Number.POSITIVE_INFINITY },
      webhookUrlSecret: 'whsec_once',
    });
    const trigger = (body: object) =>
      fetch(`${fake.url}/v1/investigations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${FAKE_PUCK_API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = (await (await trigger({ query: 'q', webhook_url: hook.url })).json()) as { id: string };
    await fake.idle();
    expect(hook.received).toHaveLength(0); // nothing until the investigation ends
    fake.setInvestigationStatus(created.id, 'complete');
    await fake.idle();
    expect(hook.received).toHaveLength(1);
    const event = await puck.webhooks.unwrap(
      hook.received[0]?.body ?? '',
      hook.received[0]?.headers ?? {},
      'whsec_once',
    );
    expect(event).toMatchObject({
      event_type: 'investigation.completed',
      data: { investigation_id: created.id },
    });
    expect(fake.deliveries.at(-1)).toMatchObject({
      url: hook.url,
      status: 'delivered',
      response_status: 200,
    });

    const far = (await (
      await trigger({ query: 'q', webhook_url: 'https://hooks.example.com/x' })
    ).json()) as { id: string };
    fake.setInvestigationStatus(far.id, 'complete');
    await fake.idle();
    expect(hook.received).toHaveLength(1);
    expect(fake.deliveries.at(-1)).toMatchObject({
      status: 'failed_permanent',
      error: expect.stringMatching(/loopback/),
    });
    const bad = await trigger({ query: 'q', webhook_url: 'not a url' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: 'validation_error',
      issues: [{ path: 'webhook_url', message: 'must be an http(s) URL' }],
    });
  });

  it('inbound endpoints turn a generic POST into an investigation, without an API key', async () => {
    const { fake, puck } = await setup({ lifecycle: { stepMs: Number.POSITIVE_INFINITY } });
    const endpoint = await puck.webhooks.incoming.endpoints.create({ provider: 'generic' });
    const key = fake.inboundEndpoints[0]?.key ?? '';
    const receipt = await puck.webhooks.incoming.send('generic', key, { query: 'alert from SIEM' });
    expect(receipt.ignored).toBe(false);
    expect(fake.investigations[0]).toMatchObject({ query: 'alert from SIEM', source: 'inbound:generic' });
    expect(fake.requests.at(-1)?.headers.authorization).toBeUndefined();
    expect(await puck.webhooks.incoming.send('github', 'nope', {}).catch(caught)).toBeInstanceOf(
      NotFoundError,
    );
    expect((await puck.webhooks.incoming.endpoints.list().toArray()).map((e) => e.id)).toEqual([endpoint.id]);
    await puck.webhooks.incoming.endpoints.delete(endpoint.id);
    expect(await puck.webhooks.incoming.endpoints.list().toArray()).toEqual([]);
  });
});

describe('faults', () => {
  it('a 500 fault on a GET is retried transparently', async () => {
    const { fake, puck } = await setup({
      faults: [{ path: '/v1/agents', status: 500, headers: { 'retry-after': '0' } }],
    });
    expect(await puck.agents.list().toArray()).toHaveLength(3);
    expect(fake.requests.filter((r) => r.path === '/v1/agents').map((r) => r.status)).toEqual([500, 200]);
  });

  it('reset → APIConnectionError; delay beyond timeout → APITimeoutError', async () => {
    const { puck } = await setup(
      {
        faults: [
          { path: /^\/v1\/agents$/, reset: true },
          { path: /config$/, delayMs: 500 },
        ],
      },
      { maxRetries: 0 },
    );
    expect(await puck.agents.list().toArray().catch(caught)).toBeInstanceOf(APIConnectionError);
    expect(await puck.agents.config.retrieve('agent_01hxmac', { timeout: 100 }).catch(caught)).toBeInstanceOf(
      APITimeoutError,
    );
  });

  it('drift changes a response body, skip/times select which requests', async () => {
    const { fake, puck } = await setup({ lifecycle: { stepMs: Number.POSITIVE_INFINITY } });
    const { id } = await puck.investigations.create({ query: 'q' });
    fake.fault({
      method: 'GET',
      path: `/v1/investigations/${id}`,
      skip: 1,
      drift: (b) => ({ ...(b as object), id: 7 }),
    });
    expect((await puck.investigations.retrieve(id)).id).toBe(id);
    expect(await puck.investigations.retrieve(id).catch(caught)).toBeInstanceOf(ResponseValidationError);
    expect((await puck.investigations.retrieve(id)).id).toBe(id);
  });

  it('reset() forgets requests, faults and state, and restores the seed', async () => {
    const { fake, puck } = await setup({ lifecycle: { stepMs: Number.POSITIVE_INFINITY } });
    await puck.investigations.create({ query: 'q' });
    fake.fault({ path: '/v1/agents', status: 503, times: Number.POSITIVE_INFINITY });
    fake.reset();
    expect(fake.requests).toEqual([]);
    expect(fake.investigations).toEqual([]);
    expect(fake.events).toEqual([]);
    expect(await puck.agents.list().toArray()).toHaveLength(3);
    fake.fault({ path: '/v1/agents', status: 503, times: Number.POSITIVE_INFINITY });
    fake.clearFaults();
    expect(await puck.agents.list().toArray()).toHaveLength(3);
  });

  it('unknown paths are 404 and wrong methods 405', async () => {
    const { puck } = await setup();
    expect(await puck.request({ method: 'GET', path: '/v1/nope' }).catch(caught)).toBeInstanceOf(
      NotFoundError,
    );
    expect(await puck.request({ method: 'PUT', path: '/v1/agents' }).catch(caught)).toMatchObject({
      status: 405,
    });
  });
});
