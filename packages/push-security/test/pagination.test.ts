import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, PushSecurity, ResponseValidationError, toUnixSeconds } from '../src/index.js';
import { type FakePushSecurity, startFakePushSecurity } from '../src/testing/index.js';
import { intercept, makeClient, useNock } from './helpers.js';

describe('token mode (nextToken, the default)', () => {
  useNock();

  it('follows paging.nextToken while moreResults is true, keeping the filters', async () => {
    const calls = intercept('GET', '/v1/findings', [
      { body: { result: [{ id: 'f1' }, { id: 'f2' }], paging: { moreResults: true, nextToken: 'tok-2' } } },
      { body: { result: [], paging: { moreResults: true, nextToken: 'tok-3' } } },
      { body: { result: [{ id: 'f3' }], paging: { moreResults: false } } },
    ]);
    const ids = [];
    for await (const finding of makeClient().findings.list({ limit: 2, creationTimestampAfter: 1700000000 }))
      ids.push(finding.id);
    expect(ids).toEqual(['f1', 'f2', 'f3']);
    expect(calls.map((c) => c.query)).toEqual([
      { limit: '2', creationTimestampAfter: '1700000000' },
      { limit: '2', creationTimestampAfter: '1700000000', nextToken: 'tok-2' },
      { limit: '2', creationTimestampAfter: '1700000000', nextToken: 'tok-3' },
    ]);
  });

  it('stops after one page when the body has no paging block', async () => {
    const calls = intercept('GET', '/v1/employees', { body: { result: [{ id: 'e1' }] } });
    expect(await makeClient().employees.list().toArray()).toEqual([{ id: 'e1' }]);
    expect(calls).toHaveLength(1);
  });

  it('stops when moreResults is false even if a token is present, or when the token is empty', async () => {
    const calls = intercept('GET', '/v1/apps', [
      { body: { result: [{ id: 'a1' }], paging: { moreResults: true, nextToken: 't2' } } },
      { body: { result: [{ id: 'a2' }], paging: { moreResults: false, nextToken: 't3' } } },
    ]);
    expect((await makeClient().apps.list().toArray()).map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(calls).toHaveLength(2);
    const again = intercept('GET', '/v1/apps', {
      body: { result: [{ id: 'a1' }], paging: { moreResults: true, nextToken: '' } },
    });
    await makeClient().apps.list().toArray();
    expect(again).toHaveLength(1);
  });

  it('gives the first page on await, with page.data exposing paging, and nextPage() by hand', async () => {
    intercept('GET', '/v1/detections', [
      { body: { result: [{ id: 'd1' }], paging: { moreResults: true, nextToken: 'n2' } } },
      { body: { result: [{ id: 'd2' }], paging: { moreResults: false } } },
    ]);
    const first = await makeClient().detections.list({ limit: 1 });
    expect(first.items).toEqual([{ id: 'd1' }]);
    expect(first.data).toEqual({ result: [{ id: 'd1' }], paging: { moreResults: true, nextToken: 'n2' } });
    expect(first.hasNextPage()).toBe(true);
    const second = await first.nextPage();
    expect(second?.items).toEqual([{ id: 'd2' }]);
    expect(second?.hasNextPage()).toBe(false);
    expect(await second?.nextPage()).toBeNull();
  });

  it('stops with an error when the server repeats a token', async () => {
    intercept('GET', '/v1/findings', [
      { body: { result: [{ id: 'f1' }], paging: { moreResults: true, nextToken: 'same' } } },
      { body: { result: [{ id: 'f2' }], paging: { moreResults: true, nextToken: 'same' } } },
    ]);
    await expect(makeClient().findings.list().toArray()).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it('starts from a caller-supplied nextToken', async () => {
    const calls = intercept('GET', '/v1/accounts', { body: { result: [], paging: { moreResults: false } } });
    await makeClient().accounts.list({ nextToken: 'resume-here' });
    expect(calls[0]!.query).toEqual({ nextToken: 'resume-here' });
  });
});

describe('offset mode (when the caller passes offset)', () => {
  useNock();

  it('advances offset by the items received and stops on a short page', async () => {
    const calls = intercept('GET', '/v1/accounts', [
      { body: { result: [{ id: 'a1' }, { id: 'a2' }], paging: { moreResults: true, nextToken: 'ignored' } } },
      { body: { result: [{ id: 'a3' }, { id: 'a4' }] } },
      { body: { result: [{ id: 'a5' }] } },
    ]);
    const ids = (
      await makeClient().accounts.list({ offset: 0, limit: 2, email: 'example.com' }).toArray()
    ).map((a) => a.id);
    expect(ids).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(calls.map((c) => c.query)).toEqual([
      { offset: '0', limit: '2', email: 'example.com' },
      { offset: '2', limit: '2', email: 'example.com' },
      { offset: '4', limit: '2', email: 'example.com' },
    ]);
    expect(calls.some((c) => 'nextToken' in c.query)).toBe(false);
  });

  it('stops on an empty page when no limit is given', async () => {
    const calls = intercept('GET', '/v1/browserExtensions', [
      { body: { result: [{ id: 'x1' }] } },
      { body: { result: [] } },
    ]);
    expect(await makeClient().browserExtensions.list({ offset: 10 }).toArray()).toEqual([{ id: 'x1' }]);
    expect(calls.map((c) => c.query.offset)).toEqual(['10', '11']);
  });
});

describe('argument checks (nothing is sent)', () => {
  useNock();
  const push = makeClient();

  it('refuses nextToken and offset together with InvalidInputError', async () => {
    await expect(push.findings.list({ nextToken: 'abc', offset: 10 }).toArray()).rejects.toThrow(
      InvalidInputError,
    );
    await expect(push.accounts.list({ nextToken: 'abc', offset: 0 }).toArray()).rejects.toThrow(
      'accounts.list: pass either nextToken or offset, not both — the Push Security API cannot combine them.',
    );
  });

  it('refuses a bad limit or offset, naming the parameter', async () => {
    await expect(push.employees.list({ limit: 0 }).toArray()).rejects.toThrow(
      'limit must be at least 1; got 0.',
    );
    await expect(push.employees.list({ limit: 2.5 }).toArray()).rejects.toThrow(/limit must be an integer/);
    await expect(push.employees.list({ offset: -1 }).toArray()).rejects.toThrow(
      'offset must be at least 0; got -1.',
    );
  });

  it('refuses an empty nextToken', async () => {
    await expect(push.apps.list({ nextToken: '' }).toArray()).rejects.toThrow(
      /nextToken must be a non-empty string/,
    );
  });

  it('toUnixSeconds converts a Date or milliseconds to integer seconds', () => {
    expect(toUnixSeconds(new Date('2024-01-01T00:00:00.999Z'))).toBe(1704067200);
    expect(toUnixSeconds(1704067200999)).toBe(1704067200);
    expect(() => toUnixSeconds(new Date('not a date'))).toThrow(InvalidInputError);
  });
});

describe('every page against the fake server', () => {
  let fake: FakePushSecurity;
  let push: PushSecurity;
  beforeAll(async () => {
    fake = await startFakePushSecurity();
    push = new PushSecurity({ apiKey: fake.apiKeys.readOnly[0], baseURL: fake.url });
  });
  afterAll(() => fake.close());

  it.each([
    ['employees', () => push.employees.list({ limit: 2 }), () => fake.data.employees],
    ['accounts', () => push.accounts.list({ limit: 3 }), () => fake.data.accounts],
    ['apps', () => push.apps.list({ limit: 4 }), () => fake.data.apps],
    ['findings', () => push.findings.list({ limit: 2 }), () => fake.data.findings],
    ['detections', () => push.detections.list({ limit: 2 }), () => fake.data.detections],
  ] as const)('iterates every %s page with nextToken', async (name, list, data) => {
    const before = fake.requests.length;
    const ids = [];
    for await (const item of list()) ids.push(item.id);
    expect(new Set(ids)).toEqual(new Set(data().map((r) => r.id)));
    expect(ids).toHaveLength(data().length);
    const sent = fake.requests.slice(before);
    expect(sent.every((r) => r.path === `/v1/${name}` && r.status === 200)).toBe(true);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.slice(1).every((r) => typeof r.query.nextToken === 'string')).toBe(true);
  });

  it('iterates every page in offset mode', async () => {
    const before = fake.requests.length;
    const emails = (await push.employees.list({ offset: 0, limit: 4 }).toArray()).map((e) => e.email);
    expect(emails).toHaveLength(fake.data.employees.length);
    expect(fake.requests.slice(before).map((r) => r.query.offset)).toEqual(['0', '4']);
  });

  it('filters by the documented filters (partial email, booleans, timestamps)', async () => {
    const shared = await push.accounts.list({ email: 'SHARED-' }).toArray();
    expect(shared.map((a) => a.email)).toEqual(['shared-it@example.com']);
    const noMfa = (await push.accounts.list().toArray()).filter((a) => a.mfaRegistered === false);
    expect(noMfa.length).toBeGreaterThanOrEqual(2);
    const disabled = await push.browserExtensions.list({ enabled: false }).toArray();
    expect(disabled.map((x) => x.name)).toEqual(['LastPass: Free Password Manager']);
    const sideloaded = await push.browserExtensions
      .list({ permissions: ['cookies', 'clipboardRead'] })
      .toArray();
    expect(sideloaded.map((x) => x.deploymentMode)).toEqual(['SIDELOAD']);
    const cutoff = fake.data.findings.map((f) => f.creationTimestamp as number).sort()[3]!;
    const recent = await push.findings.list({ creationTimestampAfter: cutoff }).toArray();
    expect(recent.every((f) => (f.creationTimestamp ?? 0) >= cutoff)).toBe(true);
    expect(recent).toHaveLength(fake.data.findings.length - 3);
  });
});
