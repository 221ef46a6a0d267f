import { describe, expect, expectTypeOf, it } from 'vitest';
import { type Employee, InvalidInputError } from '../src/index.js';
import { intercept, KEY, makeClient, useNock } from './helpers.js';

useNock();

const employee = {
  id: '2a2197de-ad2c-47e4-8dcb-fb0f04cf83e0',
  email: 'john.hill@example.com',
  firstName: 'John',
  lastName: 'Hill',
  department: 'Security Engineering',
  location: 'New York',
  licensed: true,
  creationTimestamp: 1698669223,
  chatopsEnabled: false,
  groups: ['Security'],
};

describe('employees.list', () => {
  it('GETs /v1/employees with creationTimestampAfter and yields Employee items', async () => {
    const calls = intercept('GET', '/v1/employees', { body: { result: [employee] } });
    const page = await makeClient().employees.list({ creationTimestampAfter: 1698000000 });
    expect(calls[0]).toMatchObject({
      method: 'GET',
      path: '/v1/employees',
      query: { creationTimestampAfter: '1698000000' },
    });
    expectTypeOf(page.items).toEqualTypeOf<Employee[]>();
    expect(page.items).toEqual([employee]);
  });

  it('accepts null department and location (integration-sourced fields)', async () => {
    intercept('GET', '/v1/employees', { body: { result: [{ id: 'e1', department: null, location: null }] } });
    expect(await makeClient().employees.list().toArray()).toEqual([
      { id: 'e1', department: null, location: null },
    ]);
  });
});

describe('employees.update', () => {
  it('PATCHes /v1/employees/{id} with the body and returns the Employee; not retried', async () => {
    const calls = intercept('PATCH', `/v1/employees/${employee.id}`, {
      body: { ...employee, licensed: false },
    });
    const result = await makeClient({ maxRetries: 2 }).employees.update(employee.id, { licensed: false });
    expect(calls[0]).toMatchObject({
      method: 'PATCH',
      path: `/v1/employees/${employee.id}`,
      body: { licensed: false },
    });
    expect(calls[0]!.headers['x-api-key']).toBe(KEY);
    // Documented: `null` when unlicensing an employee without accounts (Update an employee).
    expectTypeOf(result).toEqualTypeOf<Employee | null>();
    expect(result?.licensed).toBe(false);
  });

  it('sends a 500 once only', async () => {
    const calls = intercept('PATCH', `/v1/employees/${employee.id}`, {
      status: 500,
      body: { message: 'boom' },
    });
    await expect(
      makeClient({ maxRetries: 2 }).employees.update(employee.id, { licensed: true }),
    ).rejects.toThrow(/→ 500: boom/);
    expect(calls).toHaveLength(1);
  });
});

describe('employees.merge', () => {
  it('POSTs /v1/employees/{id}/merge with the body as given, once, without an idempotency header', async () => {
    const calls = intercept('POST', `/v1/employees/${employee.id}/merge`, {
      status: 503,
      body: { message: 'later' },
    });
    await expect(
      makeClient({ maxRetries: 2 }).employees.merge(
        employee.id,
        { employeeId: 'dup-1' },
        { idempotencyKey: 'k-1' },
      ),
    ).rejects.toThrow(/→ 503/);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      path: `/v1/employees/${employee.id}/merge`,
      body: { employeeId: 'dup-1' },
    });
    expect(calls[0]!.headers['idempotency-key']).toBeUndefined();
  });

  it('sends no body when none is given and returns the parsed response', async () => {
    const calls = intercept('POST', `/v1/employees/${employee.id}/merge`, { body: { merged: true } });
    const result = await makeClient().employees.merge(employee.id);
    expectTypeOf(result).toEqualTypeOf<unknown>();
    expect(result).toEqual({ merged: true });
    expect(calls[0]!.body).toBeUndefined();
    expect(calls[0]!.headers['content-type']).toBeUndefined();
  });
});

describe('employees.groups.delete', () => {
  it('DELETEs /v1/employees/{id}/groups with the group names as the body', async () => {
    const calls = intercept('DELETE', `/v1/employees/${employee.id}/groups`, { status: 204 });
    const result = await makeClient().employees.groups.delete(employee.id, { groups: ['Security'] });
    expect(result).toBeUndefined();
    expect(calls[0]).toMatchObject({
      method: 'DELETE',
      path: `/v1/employees/${employee.id}/groups`,
      body: { groups: ['Security'] },
    });
    expect(calls[0]!.headers['content-type']).toBe('application/json');
  });

  it('sends no body when none is given', async () => {
    const calls = intercept('DELETE', `/v1/employees/${employee.id}/groups`, { status: 204 });
    await makeClient().employees.groups.delete(employee.id);
    expect(calls[0]!.body).toBeUndefined();
  });

  it('refuses an array body before sending', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: a JS caller passing the wrong type
    await expect(makeClient().employees.groups.delete(employee.id, ['Security'] as any)).rejects.toThrow(
      InvalidInputError,
    );
  });
});

describe('employees.retrieve and the documented update body', () => {
  useNock();
  const documented = {
    ...employee,
    knownEmails: ['john.hill@example.com', 'jhill@example.com'],
    groups: ['engineering', 'marketing'],
  };

  it('retrieves an employee with knownEmails: GET /v1/employees/{id}', async () => {
    const calls = intercept('GET', `/v1/employees/${employee.id}`, { body: documented });
    const result = await makeClient().employees.retrieve(employee.id);
    expect(calls[0]).toMatchObject({ method: 'GET', path: `/v1/employees/${employee.id}` });
    expectTypeOf(result).toEqualTypeOf<Employee>();
    expect(result.knownEmails).toEqual(['john.hill@example.com', 'jhill@example.com']);
  });

  it('sends email, names and groups (which replace the groups) as given', async () => {
    const calls = intercept('PATCH', `/v1/employees/${employee.id}`, {
      body: { ...documented, groups: ['security'] },
    });
    const body = { email: 'jhill@example.com', firstName: 'Jon', groups: ['security'] };
    const result = await makeClient().employees.update(employee.id, body);
    expect(calls[0]!.body).toEqual(body);
    expect(result?.groups).toEqual(['security']);
  });

  it('resolves null when unlicensing an employee that has no accounts', async () => {
    intercept('PATCH', `/v1/employees/${employee.id}`, { body: null });
    expect(await makeClient().employees.update(employee.id, { licensed: false })).toBeNull();
  });

  it('refuses a mistyped body field before sending', async () => {
    const groups = 'security' as unknown as string[]; // a JS caller passing the wrong type
    const error = await makeClient()
      .employees.update(employee.id, { groups })
      .catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error?.message).toMatch(/^body\.groups must be Array/);
  });
});
