import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  generatePuckSignatureHeader,
  InvalidInputError,
  type PuckEvent,
  ResponseValidationError,
  unwrapPuckWebhook,
  verifyPuckSignature,
  WebhookVerificationError,
} from '../src/index.js';
import { buildPuckEvent, signPuckPayload } from '../src/testing/index.js';
import { caught, client } from './helpers.js';

const SECRET = 'whsec_test_0123456789abcdef';
const NOW = Date.parse('2026-05-03T14:22:01Z');
const T = NOW / 1000;
const body = JSON.stringify({
  event_id: '018f2e3a-1c47-7a12-b321-aabbccddeeff',
  event_type: 'investigation.completed',
  emitted_at: '2026-05-03T14:35:00Z',
  api_version: 'v1',
  data: {
    investigation_id: 'inv_018f2e3a',
    query: 'q',
    severity: 'high',
    finding_count: 7,
    summary: '3 endpoints',
  },
});

/** The documented scheme, computed independently with node:crypto (Puck's API docs, “Signature scheme”). */
function sign(payload: string, t: number = T, secret = SECRET): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')}`;
}

const verify = (overrides: Partial<Parameters<typeof verifyPuckSignature>[0]> = {}) =>
  verifyPuckSignature({ payload: body, header: sign(body), secret: SECRET, now: () => NOW, ...overrides });

describe('verifyPuckSignature', () => {
  it('accepts a correct signature over string, Buffer, Uint8Array and ArrayBuffer bodies', async () => {
    await verify();
    await verify({ payload: Buffer.from(body) });
    await verify({ payload: new TextEncoder().encode(body) });
    await verify({ payload: new TextEncoder().encode(body).buffer });
  });

  it('signs the raw bytes, so non-ASCII bodies verify', async () => {
    const text = JSON.stringify({ note: 'Zürich — 東京' });
    await verify({ payload: Buffer.from(text), header: sign(text) });
  });

  it('accepts upper-case hex, spaces around parts and any matching v1 among several', async () => {
    const good = sign(body).split('v1=')[1] ?? '';
    await verify({ header: `t=${T}, v1=${'0'.repeat(64)} , v1=${good.toUpperCase()}, v0=ignored` });
  });

  const failures: Array<[string, Partial<Parameters<typeof verifyPuckSignature>[0]>, string, RegExp]> = [
    ['a wrong secret', { header: sign(body, T, 'whsec_other') }, 'no_matching_signature', /does not match/],
    [
      'a tampered body',
      { payload: body.replace('"high"', '"low"') },
      'no_matching_signature',
      /does not match/,
    ],
    [
      'a re-serialised body',
      { payload: JSON.stringify(JSON.parse(body), null, 2) },
      'no_matching_signature',
      /raw body/,
    ],
    [
      'a stale timestamp (301 s old)',
      { header: sign(body, T - 301) },
      'timestamp_outside_tolerance',
      /301 s away/,
    ],
    [
      'a future timestamp (301 s ahead)',
      { header: sign(body, T + 301) },
      'timestamp_outside_tolerance',
      /301 s away/,
    ],
    ['a missing header', { header: undefined }, 'missing_header', /Missing X-Puck-Signature/],
    ['an empty header', { header: '  ' }, 'missing_header', /Missing X-Puck-Signature/],
    ['a header without t=', { header: `v1=${'a'.repeat(64)}` }, 'malformed_header', /no valid t=/],
    ['a non-numeric t', { header: `t=abc,v1=${'a'.repeat(64)}` }, 'malformed_header', /no valid t=/],
    ['a header without v1=', { header: `t=${T}` }, 'malformed_header', /no v1=/],
    ['two t= parts', { header: `t=${T},t=${T},v1=aa` }, 'malformed_header', /more than one t=/],
  ];
  for (const [name, overrides, reason, message] of failures) {
    it(`rejects ${name} with reason ${reason}`, async () => {
      const error = await verify(overrides).catch(caught);
      expect(error).toBeInstanceOf(WebhookVerificationError);
      expect(error.reason).toBe(reason);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(SECRET);
    });
  }

  it('accepts timestamps exactly 300 s away in both directions, and honours a custom tolerance', async () => {
    await verify({ header: sign(body, T - 300) });
    await verify({ header: sign(body, T + 300) });
    await verify({ header: sign(body, T - 3600), tolerance: 3600 });
    const error = await verify({ header: sign(body, T - 11), tolerance: 10 }).catch(caught);
    expect(error.reason).toBe('timestamp_outside_tolerance');
  });

  it('refuses a parsed object body with a "pass the raw body" error', async () => {
    const error = await verify({ payload: JSON.parse(body) }).catch(caught);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error.reason).toBe('body_not_raw');
    expect(error.message).toMatch(/raw request body/i);
    expect(error.message).toMatch(/Pass the raw body/);
  });

  it('refuses a missing secret and a negative tolerance as bad input', async () => {
    expect(await verify({ secret: '' }).catch(caught)).toBeInstanceOf(InvalidInputError);
    expect((await verify({ tolerance: -1 }).catch(caught)).message).toBe(
      'tolerance must be at least 0; got -1.',
    );
  });

  it('refuses NaN, a string and Infinity as tolerance instead of skipping the replay check', async () => {
    for (const tolerance of [Number.NaN, 'abc', Number.POSITIVE_INFINITY] as unknown as number[]) {
      const error = await verify({ header: sign(body, T - 100_000), tolerance }).catch(caught);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.message).toMatch(/^tolerance must be a finite number of seconds, at least 0; got /);
    }
  });
});

describe('generatePuckSignatureHeader', () => {
  it('produces exactly the documented header', async () => {
    expect(await generatePuckSignatureHeader({ payload: body, secret: SECRET, timestamp: T })).toBe(
      sign(body),
    );
  });

  it('defaults the timestamp to now', async () => {
    const header = await generatePuckSignatureHeader({ payload: body, secret: SECRET });
    const t = Number(/^t=(\d+),/.exec(header)?.[1]);
    expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(5);
  });
});

describe('webhooks.unwrap / unwrapPuckWebhook', () => {
  it('verifies and returns a typed event that narrows on event_type', async () => {
    const headers = { 'X-Puck-Signature': sign(body, Math.floor(Date.now() / 1000)) };
    const event: PuckEvent = await client().webhooks.unwrap(body, headers, SECRET);
    if (event.event_type !== 'investigation.completed') throw new Error('wrong type');
    const count: number | undefined = event.data.finding_count;
    expect(count).toBe(7);
    expect(event.data.investigation_id).toBe('inv_018f2e3a');
  });

  it('finds the header in any case, in Headers, and under the X-Puck-Signature-256 spelling', async () => {
    const signature = sign(body, Math.floor(Date.now() / 1000));
    for (const headers of [
      { 'x-puck-signature': signature },
      { 'X-PUCK-SIGNATURE': [signature] },
      new Headers({ 'X-Puck-Signature': signature }),
      { 'x-puck-signature-256': signature },
      new Headers({ 'X-Puck-Signature-256': signature }),
    ]) {
      expect((await unwrapPuckWebhook(body, headers, SECRET)).event_id).toBe(
        '018f2e3a-1c47-7a12-b321-aabbccddeeff',
      );
    }
  });

  it('takes { secret, tolerance }', async () => {
    const old = Math.floor(Date.now() / 1000) - 1000;
    const headers = { 'x-puck-signature': sign(body, old) };
    expect((await unwrapPuckWebhook(body, headers, SECRET).catch(caught)).reason).toBe(
      'timestamp_outside_tolerance',
    );
    await unwrapPuckWebhook(body, headers, { secret: SECRET, tolerance: 2000 });
  });

  it('passes unknown event types through with their data (the event list is open)', async () => {
    const signed = await signPuckPayload(
      buildPuckEvent('agent.disconnected', { agent_id: 'agent_1' }),
      SECRET,
    );
    const event = await unwrapPuckWebhook(signed.body, signed.headers, SECRET);
    expect(event.event_type).toBe('agent.disconnected');
    expect(event.data).toEqual({ agent_id: 'agent_1' });
  });

  it('types an unknown event as an envelope in the default branch of a switch', async () => {
    const signed = await signPuckPayload(
      buildPuckEvent('agent.disconnected', { agent_id: 'agent_1' }),
      SECRET,
    );
    const event = await unwrapPuckWebhook(signed.body, signed.headers, SECRET);
    let seen = '';
    switch (event.event_type) {
      case 'investigation.completed':
        seen = event.data.investigation_id;
        break;
      case 'investigation.queued':
      case 'finding.discovered':
      case 'agent.registered':
        seen = event.event_type;
        break;
      default: {
        const data: Record<string, unknown> = event.data;
        seen = `${String(event.event_type)} ${event.event_id} ${event.api_version} ${String(data.agent_id)}`;
      }
    }
    expect(seen).toBe(`agent.disconnected ${event.event_id} v1 agent_1`);
  });

  it('rejects a verified body that is not an event with ResponseValidationError', async () => {
    const signed = await signPuckPayload({ hello: 'world' }, SECRET);
    const error = await unwrapPuckWebhook(signed.body, signed.headers, SECRET).catch(caught);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.body).toEqual({ hello: 'world' });
  });

  it('rejects a known event type whose data lacks its id', async () => {
    const signed = await signPuckPayload(buildPuckEvent('investigation.queued', { query: 'q' }), SECRET);
    expect(await unwrapPuckWebhook(signed.body, signed.headers, SECRET).catch(caught)).toBeInstanceOf(
      ResponseValidationError,
    );
  });

  it('rejects a verified body that is not JSON', async () => {
    const signed = await signPuckPayload('not json', SECRET);
    const error = await unwrapPuckWebhook(signed.body, signed.headers, SECRET).catch(caught);
    expect(error.reason).toBe('invalid_payload');
  });

  it('refuses a parsed body before looking at anything else', async () => {
    const error = await unwrapPuckWebhook(JSON.parse(body), { 'x-puck-signature': sign(body) }, SECRET).catch(
      caught,
    );
    expect(error.reason).toBe('body_not_raw');
  });
});

describe('signPuckPayload (./testing)', () => {
  it('signs an object for a receiver test, with the delivery headers', async () => {
    const event = buildPuckEvent('investigation.queued', { investigation_id: 'inv_1', severity: null });
    const { body: sent, headers } = await signPuckPayload(event, SECRET, {
      timestamp: T,
      deliveryId: 'dlv_1',
    });
    expect(sent).toBe(JSON.stringify(event));
    expect(headers).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'x-puck-signature': sign(sent),
      'x-puck-delivery-id': 'dlv_1',
      'x-puck-event-id': event.event_id,
      'x-puck-event-type': 'investigation.queued',
    });
    await verifyPuckSignature({
      payload: sent,
      header: headers['x-puck-signature'],
      secret: SECRET,
      now: () => NOW,
    });
  });
});
