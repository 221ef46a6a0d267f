import { createHmac } from 'node:crypto';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  checkTimestamp,
  checkTolerance,
  getHeader,
  hmacSha256Hex,
  InvalidInputError,
  ResponseValidationError,
  signTimestamped,
  timingSafeEqual,
  toRawBody,
  type UnknownEventType,
  unwrapWebhook,
  verifyTimestampedSignature,
  verifyWebhook,
  type WebhookScheme,
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

describe('verifyWebhook / unwrapWebhook: one implementation for every vendor', () => {
  const secret = 'whsec_core';
  const known = v.looseObject({
    kind: v.literal('thing.created'),
    id: v.string(),
    data: v.looseObject({ n: v.number() }),
  });
  const fields = { id: v.string(), data: v.looseObject({}) };
  const envelope = v.looseObject({ kind: v.string(), ...fields });
  type Known = v.InferOutput<typeof known>;
  // Omit<> of a loose object would lose its keys to the index signature: build the member from its fields.
  type Unknown = v.InferOutput<ReturnType<typeof v.object<typeof fields>>> & { kind: UnknownEventType };
  type AcmeEvent = Known | Unknown;
  const scheme: WebhookScheme<AcmeEvent> = {
    vendor: 'Acme',
    headers: ['X-Acme-Signature', 'X-Acme-Signature-Old'],
    tolerance: 300,
    secretHint: 'the signing secret of the Acme subscription',
    event: v.union([known, envelope]),
  };
  /** The documented scheme computed independently, with node:crypto over the bytes as given. */
  const sign = (bytes: string | Uint8Array, t = Math.floor(Date.now() / 1000), key = secret) =>
    `t=${t},v1=${createHmac('sha256', key).update(`${t}.`).update(bytes).digest('hex')}`;
  const body = JSON.stringify({ kind: 'thing.created', id: 'e1', data: { n: 1 } });
  /** The rejection of a call that must fail. */
  const failure = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return e as WebhookVerificationError & InvalidInputError & ResponseValidationError;
    }
    throw new Error('expected a rejection');
  };

  it('takes (rawBody, headers, secret | { secret, tolerance }) and returns the parsed event', async () => {
    const event = await unwrapWebhook(scheme, body, { 'x-acme-signature': sign(body) }, secret);
    expect(event).toEqual({ kind: 'thing.created', id: 'e1', data: { n: 1 } });
    const old = Math.floor(Date.now() / 1000) - 1000;
    const headers = new Headers({ 'X-Acme-Signature-Old': sign(body, old) });
    expect((await failure(unwrapWebhook(scheme, body, headers, secret))).reason).toBe(
      'timestamp_outside_tolerance',
    );
    expect((await unwrapWebhook(scheme, body, headers, { secret, tolerance: 1200 })).id).toBe('e1');
  });

  for (const tolerance of [Number.NaN, 'abc', Number.POSITIVE_INFINITY, -1] as unknown as number[]) {
    it(`refuses tolerance ${String(tolerance)} as InvalidInputError, never "no replay check"`, async () => {
      const header = sign(body);
      const headers = { 'x-acme-signature': header };
      const error = await failure(unwrapWebhook(scheme, body, headers, { secret, tolerance }));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.message).toMatch(/^tolerance must be /);
      const direct = await failure(verifyWebhook(scheme, { payload: body, header, secret, tolerance }));
      expect(direct).toBeInstanceOf(InvalidInputError);
    });
  }

  it('names the limit in the tolerance message', () => {
    expect(() => checkTolerance(-1)).toThrow('tolerance must be at least 0; got -1.');
    expect(() => checkTolerance('abc')).toThrow(
      'tolerance must be a finite number of seconds, at least 0; got "abc".',
    );
    expect(() => checkTolerance(Number.POSITIVE_INFINITY)).toThrow(/got Infinity\.$/);
    expect(() => checkTolerance(0)).not.toThrow();
  });

  it('HMACs the raw bytes as received: a BOM and invalid UTF-8 verify', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(body)]);
    expect((await unwrapWebhook(scheme, bom, { 'x-acme-signature': sign(bom) }, secret)).id).toBe('e1');
    const invalid = new TextEncoder().encode('{"kind":"x.y","id":"e2","data":{"s":"@"}}');
    invalid[invalid.indexOf(0x40)] = 0xff; // a lone 0xFF inside a JSON string: not UTF-8
    const event = await unwrapWebhook(scheme, invalid.buffer, { 'x-acme-signature': sign(invalid) }, secret);
    expect(event.id).toBe('e2');
    expect(event.data).toEqual({ s: '\uFFFD' });
    await expect(
      verifyWebhook(scheme, { payload: Buffer.from(invalid), header: sign(invalid), secret }),
    ).resolves.toBeUndefined();
  });

  it('refuses a parsed object with "pass the raw body", before anything else', async () => {
    const error = await failure(unwrapWebhook(scheme, JSON.parse(body), {}, ''));
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error.reason).toBe('body_not_raw');
    expect(error.message).toMatch(/Pass the raw body/);
  });

  it('refuses a missing secret as InvalidInputError naming what it is', async () => {
    const error = await failure(unwrapWebhook(scheme, body, { 'x-acme-signature': sign(body) }, ''));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toBe('secret is required: the signing secret of the Acme subscription.');
  });

  it('names the first header when none is present, and the vendor on a bad body', async () => {
    await expect(unwrapWebhook(scheme, body, {}, secret)).rejects.toMatchObject({
      message: 'Missing X-Acme-Signature header: this request was not signed by Acme.',
      reason: 'missing_header',
    });
    const notJson = await failure(
      unwrapWebhook(scheme, 'nope', { 'x-acme-signature': sign('nope') }, secret),
    );
    expect(notJson.reason).toBe('invalid_payload');
    expect(notJson.message).toBe('Acme webhook: the body is correctly signed but is not JSON.');
    const other = '{"a":1}';
    const notEvent = await failure(unwrapWebhook(scheme, other, { 'x-acme-signature': sign(other) }, secret));
    expect(notEvent).toBeInstanceOf(ResponseValidationError);
    expect(notEvent.body).toEqual({ a: 1 });
  });

  it('types an unknown event as an envelope in a default branch, while known cases still narrow', async () => {
    const other = JSON.stringify({ kind: 'thing.archived', id: 'e3', data: { why: 'old' } });
    const event = await unwrapWebhook(scheme, other, { 'x-acme-signature': sign(other) }, secret);
    let seen: string;
    switch (event.kind) {
      case 'thing.created': {
        const n: number = event.data.n;
        seen = `created ${n}`;
        break;
      }
      default: {
        const data: Record<string, unknown> = event.data;
        seen = `${String(event.kind)} ${event.id} ${String(data.why)}`;
      }
    }
    expect(seen).toBe('thing.archived e3 old');
  });
});
