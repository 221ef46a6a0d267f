import { describe, expect, expectTypeOf, it } from 'vitest';
import { AuthenticationError, type Detection } from '../src/index.js';
import { intercept, makeClient, useNock } from './helpers.js';

useNock();

const employee = {
  id: '37cda962-7e78-49bc-8721-1becd16276a3',
  email: 'john.hill@example.com',
  firstName: 'John',
  lastName: 'Hill',
  department: 'Security Engineering',
  location: 'New York',
  licensed: true,
  creationTimestamp: 1698669223,
  chatopsEnabled: false,
};
const detection = {
  id: 'c478966c-f927-411c-b919-179832d3d50c',
  employeeId: employee.id,
  employee,
  browserId: '11111111-aaaa-4bbb-8ccc-000000000001',
  severity: 'CRITICAL',
  detectionType: 'PHISHING',
  response: 'NOT_BLOCKED',
  archived: false,
  creationTimestamp: 1701000000,
};

describe('detections.list', () => {
  it('GETs /v1/detections with creationTimestampAfter, limit and the unverified filters', async () => {
    const calls = intercept('GET', '/v1/detections', { body: { result: [detection] } });
    const page = await makeClient().detections.list({
      creationTimestampAfter: 1700000000,
      limit: 200,
      severity: 'HIGH',
      archived: false,
      detectionType: 'PHISHING',
    });
    expect(calls[0]).toMatchObject({
      method: 'GET',
      path: '/v1/detections',
      query: {
        creationTimestampAfter: '1700000000',
        limit: '200',
        severity: 'HIGH',
        archived: 'false',
        detectionType: 'PHISHING',
      },
    });
    expectTypeOf(page.items).toEqualTypeOf<Detection[]>();
    expect(page.items).toEqual([detection]);
  });

  it('keeps a non-string severity/detectionType/response as received (the docs type them "any")', async () => {
    const odd = { id: 'd1', severity: 3, detectionType: { code: 'PHISHING' }, response: null };
    intercept('GET', '/v1/detections', { body: { result: [odd] } });
    expect(await makeClient().detections.list().toArray()).toEqual([odd]);
  });
});

describe('detections.retrieve', () => {
  it('GETs /v1/detections/{id} and returns the Detection with its embedded Employee', async () => {
    const calls = intercept('GET', `/v1/detections/${detection.id}`, { body: detection });
    const result = await makeClient().detections.retrieve(detection.id);
    expect(calls[0]).toMatchObject({
      method: 'GET',
      path: `/v1/detections/${detection.id}`,
      body: undefined,
    });
    expectTypeOf(result).toEqualTypeOf<Detection>();
    expect(result).toEqual(detection);
    expect(result.employee?.email).toBe('john.hill@example.com');
  });

  it('gives no "route may not exist" hint on this documented row', async () => {
    intercept('GET', '/v1/detections/x', { status: 403, body: { message: 'Missing Authentication Token' } });
    const error = await makeClient()
      .detections.retrieve('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).not.toMatch(/route may not exist/);
  });
});

describe('detections.update', () => {
  it('PATCHes /v1/detections/{id} with the body as given and is not retried', async () => {
    const calls = intercept('PATCH', `/v1/detections/${detection.id}`, [
      { status: 502, body: { message: 'Bad Gateway' } },
    ]);
    await expect(
      makeClient({ maxRetries: 2 }).detections.update(detection.id, {
        archived: true,
        reason: 'false positive',
      }),
    ).rejects.toThrow(/→ 502/);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'PATCH', body: { archived: true, reason: 'false positive' } });
  });

  it('returns the updated Detection', async () => {
    intercept('PATCH', `/v1/detections/${detection.id}`, { body: { ...detection, archived: true } });
    const result = await makeClient().detections.update(detection.id, { archived: true });
    expectTypeOf(result).toEqualTypeOf<Detection>();
    expect(result.archived).toBe(true);
  });

  it('adds "route may not exist" to a Missing Authentication Token 403 (provisional row)', async () => {
    intercept('PATCH', '/v1/detections/x', {
      status: 403,
      body: { message: 'Missing Authentication Token' },
    });
    const error = await makeClient()
      .detections.update('x', { archived: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(
      /^Push Security PATCH api\.pushsecurity\.com\/v1\/detections\/x → 403: Missing Authentication Token \(route may not exist/,
    );
  });
});
