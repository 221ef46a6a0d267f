import { describe, expect, it } from 'vitest';
import {
  checkTimestamp,
  getHeader,
  hmacSha256Hex,
  timingSafeEqual,
  toRawBody,
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
