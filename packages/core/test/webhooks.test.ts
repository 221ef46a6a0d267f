import { describe, expect, it } from 'vitest';
import {
  checkTimestamp,
  getHeader,
  hmacSha256Hex,
  signTimestamped,
  timingSafeEqual,
  toRawBody,
  verifyTimestampedSignature,
  WebhookVerificationError,
} from '../src/index.js';

describe('webhook crypto', () => {
  it('computes HMAC-SHA256 hex (RFC 4231 test case 2)', async () => {
    expect(await hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(await hmacSha256Hex('Jefe', new TextEncoder().encode('what do ya want for nothing?'))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('compares in constant time and handles different lengths', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'abcd')).toBe(false);
    expect(timingSafeEqual('', '')).toBe(true);
  });

  it('refuses timestamps outside the tolerance in both directions', () => {
    const now = 1_800_000_000_000;
    expect(() => checkTimestamp(1_800_000_000 - 299, { tolerance: 300, now })).not.toThrow();
    expect(() => checkTimestamp(1_800_000_000 - 301, { tolerance: 300, now })).toThrow(
      WebhookVerificationError,
    );
    expect(() => checkTimestamp(1_800_000_000 + 301, { tolerance: 300, now })).toThrow(/301 s away from now/);
    expect(() => checkTimestamp(Number.NaN, { tolerance: 300, now })).toThrow(/missing or not a number/);
  });

  it('takes raw bodies and refuses parsed ones with a clear message', () => {
    expect(toRawBody('{"a":1}')).toBe('{"a":1}');
    expect(toRawBody(Buffer.from('{"a":1}'))).toBe('{"a":1}');
    expect(toRawBody(new TextEncoder().encode('x').buffer)).toBe('x');
    expect(() => toRawBody({ a: 1 })).toThrow(/Pass the raw body, before any JSON parsing/);
  });

  it('reads headers from Headers and from plain objects in any case', () => {
    expect(getHeader(new Headers({ 'X-Sig': 'a' }), 'x-sig')).toBe('a');
    expect(getHeader({ 'X-Sig': 'b' }, 'x-sig')).toBe('b');
    expect(getHeader({ 'x-sig': ['c', 'd'] }, 'X-Sig')).toBe('c,d');
    expect(getHeader({}, 'x-sig')).toBeUndefined();
  });
});

describe('verification failures carry a reason', () => {
  it('timestamps and parsed bodies', () => {
    const reasonOf = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        return (e as WebhookVerificationError).reason;
      }
    };
    expect(reasonOf(() => checkTimestamp(0, { tolerance: 300 }))).toBe('timestamp_outside_tolerance');
    expect(reasonOf(() => checkTimestamp(Number.NaN, { tolerance: 300 }))).toBe('malformed_header');
    expect(reasonOf(() => toRawBody({}))).toBe('body_not_raw');
    expect(
      JSON.parse(JSON.stringify(new WebhookVerificationError('x', { reason: 'no_matching_signature' }))),
    ).toEqual({
      name: 'WebhookVerificationError',
      message: 'x',
      reason: 'no_matching_signature',
    });
  });
});

describe('the t=…,v1=… signature scheme', () => {
  const names = { header: 'X-Sig', vendor: 'Acme' };
  const now = 1_800_000_000_000;
  const body = '{"event":"x"}';
  const sign = (payload: unknown = body, secret = 'whsec_1', timestamp = now / 1000) =>
    signTimestamped({ payload, secret, timestamp });
  const verify = (
    header: string | undefined,
    overrides: Partial<Parameters<typeof verifyTimestampedSignature>[0]> = {},
  ) =>
    verifyTimestampedSignature({
      payload: body,
      header,
      secret: 'whsec_1',
      tolerance: 300,
      now,
      names,
      ...overrides,
    });
  const reason = (p: Promise<unknown>) =>
    p.then(
      () => 'verified',
      (e: WebhookVerificationError) => e.reason,
    );

  it('verifies its own signature over strings and bytes, and with several v1 values', async () => {
    const header = await sign();
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    await expect(verify(header)).resolves.toBeUndefined();
    await expect(verify(await sign(new TextEncoder().encode(body)))).resolves.toBeUndefined();
    await expect(
      verify(`t=1800000000,v1=${'0'.repeat(64)},${header.split(',')[1]}`),
    ).resolves.toBeUndefined();
    await expect(
      verify(header.toUpperCase().replace('T=', 't=').replace('V1=', 'v1=')),
    ).resolves.toBeUndefined();
  });

  it('names the reason for every failure', async () => {
    const header = await sign();
    expect(await reason(verify(undefined))).toBe('missing_header');
    expect(await reason(verify('v1=abc'))).toBe('malformed_header');
    expect(await reason(verify('t=1800000000'))).toBe('malformed_header');
    expect(await reason(verify(`t=1,t=2,${header.split(',')[1]}`))).toBe('malformed_header');
    expect(await reason(verify(header, { secret: 'whsec_2' }))).toBe('no_matching_signature');
    expect(await reason(verify(header, { payload: body.replace('x', 'y') }))).toBe('no_matching_signature');
    expect(await reason(verify(header, { now: now + 301_000 }))).toBe('timestamp_outside_tolerance');
    expect(await reason(verify(header, { now: now - 301_000 }))).toBe('timestamp_outside_tolerance');
    expect(await reason(verify(header, { payload: JSON.parse(body) }))).toBe('body_not_raw');
    await expect(verify(undefined)).rejects.toThrow(
      'Missing X-Sig header: this request was not signed by Acme.',
    );
  });
});
