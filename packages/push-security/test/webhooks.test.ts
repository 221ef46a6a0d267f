import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  InvalidInputError,
  type PushWebhookEvent,
  ResponseValidationError,
  unwrapPushWebhook,
  verifyPushSignature,
  WebhookVerificationError,
} from '../src/index.js';
import { makeClient } from './helpers.js';

const secret = 'whsec-push-test';
const event = {
  version: '1',
  id: '0f5b1f2e-8b8e-4bb2-9c7d-6a1d2a3b4c5d',
  timestamp: 1701000000,
  category: 'ENTITY',
  type: 'CREATE',
  object: 'ACCOUNT',
  friendlyName: 'Account created',
  description: 'A new account was discovered',
  new: { id: 'acc-1', appType: 'OPENAI', email: 'john.hill@example.com' },
};
const body = JSON.stringify(event);

function sign(payload: string, t: number, key = secret): string {
  return `t=${t},v1=${createHmac('sha256', key).update(`${t}.${payload}`).digest('hex')}`;
}
const nowS = () => Math.floor(Date.now() / 1000);

describe('webhooks.unwrap', () => {
  it('verifies X-Signature over "<t>.<raw body>" and returns the typed event', async () => {
    const result = await makeClient().webhooks.unwrap(body, { 'X-Signature': sign(body, nowS()) }, secret);
    expect(result).toEqual(event);
    expect(result.object).toBe('ACCOUNT');
  });

  it('accepts a Headers object and a Uint8Array body', async () => {
    const headers = new Headers({ 'x-signature': sign(body, nowS()) });
    expect((await makeClient().webhooks.unwrap(new TextEncoder().encode(body), headers, { secret })).id).toBe(
      event.id,
    );
  });

  it('refuses a wrong secret, a tampered body, a missing header and a parsed body', async () => {
    const push = makeClient();
    const header = sign(body, nowS());
    await expect(push.webhooks.unwrap(body, { 'x-signature': header }, 'other')).rejects.toThrow(
      /signature does not match/,
    );
    await expect(
      push.webhooks.unwrap(body.replace('OPENAI', 'ZAPIER'), { 'x-signature': header }, secret),
    ).rejects.toThrow(WebhookVerificationError);
    await expect(push.webhooks.unwrap(body, {}, secret)).rejects.toMatchObject({
      message: 'Missing X-Signature header: this request was not signed by Push Security.',
      reason: 'missing_header',
    });
    // biome-ignore lint/suspicious/noExplicitAny: a caller passing parsed JSON
    await expect(push.webhooks.unwrap(event as any, { 'x-signature': header }, secret)).rejects.toThrow(
      /raw/,
    );
  });

  it('refuses deliveries older than the tolerance (default 2100 s) and honours a custom one', async () => {
    const push = makeClient();
    const old = nowS() - 2200;
    await expect(push.webhooks.unwrap(body, { 'x-signature': sign(body, old) }, secret)).rejects.toThrow(
      /tolerance 2100 s/,
    );
    expect(
      (await push.webhooks.unwrap(body, { 'x-signature': sign(body, old) }, { secret, tolerance: 3600 })).id,
    ).toBe(event.id);
  });
});

describe('verifyPushSignature', () => {
  it('uses the injected clock and accepts any of several v1 signatures', async () => {
    const t = 1_700_000_000;
    const good = sign(body, t).split('v1=')[1];
    await expect(
      verifyPushSignature({
        payload: body,
        header: `t=${t},v1=deadbeef,v1=${good}`,
        secret,
        now: () => t * 1000 + 5_000,
      }),
    ).resolves.toBeUndefined();
    await expect(
      verifyPushSignature({
        payload: body,
        header: `t=${t},v1=${good}`,
        secret,
        now: () => (t + 2101) * 1000,
      }),
    ).rejects.toThrow(WebhookVerificationError);
  });

  it('refuses a malformed header', async () => {
    await expect(verifyPushSignature({ payload: body, header: 'v1=abc', secret })).rejects.toMatchObject({
      message: 'X-Signature has no valid t=<unix seconds> part.',
      reason: 'malformed_header',
    });
  });
});

describe('one webhook implementation (shared with every vendor)', () => {
  it('refuses NaN, a string, Infinity and -1 as tolerance instead of disabling the replay window', async () => {
    const header = sign(body, nowS() - 100_000);
    for (const tolerance of [Number.NaN, 'abc', Number.POSITIVE_INFINITY, -1] as unknown as number[]) {
      await expect(
        unwrapPushWebhook(body, { 'x-signature': header }, { secret, tolerance }),
      ).rejects.toBeInstanceOf(InvalidInputError);
      await expect(verifyPushSignature({ payload: body, header, secret, tolerance })).rejects.toThrow(
        /^tolerance must be /,
      );
    }
  });

  it('verifies a Uint8Array body with a BOM or invalid UTF-8 over its bytes as received', async () => {
    const t = nowS();
    const hmac = (bytes: Uint8Array) =>
      `t=${t},v1=${createHmac('sha256', secret).update(`${t}.`).update(bytes).digest('hex')}`;
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(body)]);
    expect((await unwrapPushWebhook(bom, { 'x-signature': hmac(bom) }, secret)).id).toBe(event.id);
    const invalid = new TextEncoder().encode(body.replace('A new account', '@ new account'));
    invalid[invalid.indexOf(0x40)] = 0xff;
    const parsed = await unwrapPushWebhook(invalid, { 'x-signature': hmac(invalid) }, secret);
    expect(parsed.description).toBe('\uFFFD new account was discovered');
  });

  it('refuses a missing secret as InvalidInputError and a non-event as ResponseValidationError', async () => {
    await expect(unwrapPushWebhook(body, { 'x-signature': sign(body, nowS()) }, '')).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    const other = '{"hello":"world"}';
    await expect(
      unwrapPushWebhook(other, { 'x-signature': sign(other, nowS()) }, secret),
    ).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it('types an event of an unknown object in the default branch of a switch', async () => {
    const future = JSON.stringify({ ...event, object: 'URL_BLOCKING_RULE', new: { id: 'r1' } });
    const received: PushWebhookEvent = await unwrapPushWebhook(
      future,
      { 'x-signature': sign(future, nowS()) },
      secret,
    );
    let seen = '';
    switch (received.object) {
      case 'ACCOUNT':
        seen = 'account';
        break;
      default:
        seen = `${received.object} ${received.id} ${String(received.new?.id)}`;
    }
    expect(seen).toBe(`URL_BLOCKING_RULE ${event.id} r1`);
  });
});
