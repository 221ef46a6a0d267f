import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyPushSignature, WebhookVerificationError } from '../src/index.js';
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
