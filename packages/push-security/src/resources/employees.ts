import { type APIPromise, APIResource, type Paginator, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';
import { listEnvelope, listPage, objectBody, openListQuery, TimestampSchema, unixSeconds } from './shared.js';

/** An employee (Push Security API docs, Retrieve an employee: every field below is on that page). */
export const EmployeeSchema = v.looseObject({
  id: v.string(),
  /** Primary email. */
  email: v.optional(v.string()),
  /** Every email address known for the employee; `update({ email })` must pick one of them. */
  knownEmails: v.optional(v.array(v.string())),
  firstName: v.optional(v.string()),
  lastName: v.optional(v.string()),
  // Both come "from connected API integrations": a tenant without one plausibly sends null, so null is
  // accepted rather than failing validation (forgiving reading).
  department: v.optional(v.nullable(v.string())),
  location: v.optional(v.nullable(v.string())),
  /** Licensed on the Push platform. */
  licensed: v.optional(v.boolean()),
  /** UNIX seconds. */
  creationTimestamp: v.optional(TimestampSchema),
  /** @deprecated No effect unless the tenant still has legacy "Employee chat topics"; to be removed in the next API version. */
  chatopsEnabled: v.optional(v.boolean()),
  /** Group names. */
  groups: v.optional(v.array(v.string())),
});
/** An employee. Unknown fields are kept. */
export type Employee = v.InferOutput<typeof EmployeeSchema>;

/** `{ result: Employee[], paging? }`. */
export const EmployeeListSchema = listEnvelope(EmployeeSchema);

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const EmployeeListQuery = openListQuery('employees.list', {
  /** Only employees first seen at or after this UNIX time (seconds). */
  creationTimestampAfter: v.optional(unixSeconds()),
});
/**
 * Filters of `employees.list`. Only `creationTimestampAfter` is known (third-party client); other
 * filters are passed through as-is, because the official filter list is not published.
 */
export type EmployeeListParams = v.InferInput<typeof EmployeeListQuery>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const EmployeeUpdateBody = objectBody({
  /** The primary email: must be one of the employee's `knownEmails` (the API refuses any other). */
  email: v.optional(v.string()),
  firstName: v.optional(v.string()),
  lastName: v.optional(v.string()),
  /** License (`true`) or unlicense (`false`) the employee on the Push platform. */
  licensed: v.optional(v.boolean()),
  /** The employee's groups: **replaces** the current groups (pass every group to keep). */
  groups: v.optional(v.array(v.string())),
  /** @deprecated Documented as deprecated: it will be removed in the next API version. */
  chatopsEnabled: v.optional(v.boolean()),
});
/** Body of `employees.update` (Push Security API docs, Update an employee). Every field is optional. */
export type EmployeeUpdateParams = v.InferInput<typeof EmployeeUpdateBody>;

const EmployeeMergeBody = v.optional(objectBody({}));
/** Body of `employees.merge`. Undocumented (the docs page exists but its body was not readable): sent exactly as given. */
export type EmployeeMergeParams = Record<string, unknown>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const EmployeeGroupsDeleteBody = v.optional(
  objectBody({
    /** Names of the groups to remove the employee from. */
    groups: v.optional(v.array(v.string())),
  }),
);
/**
 * Body of `employees.groups.delete`. Undocumented; group **names** are likely, since the
 * `EMPLOYEE_REMOVED_FROM_GROUP` webhook carries the group name. Sent exactly as given.
 */
export type EmployeeGroupsDeleteParams = NonNullable<v.InferInput<typeof EmployeeGroupsDeleteBody>>;

/** The employee endpoints. */
export const employeeRoutes = {
  list: route('GET /v1/employees', {
    summary: 'List employees, every page.',
    query: EmployeeListQuery,
    page: listPage(EmployeeSchema),
    experimental: true,
  }),
  retrieve: route('GET /v1/employees/{id}', { summary: 'Retrieve an employee.', returns: EmployeeSchema }),
  update: route('PATCH /v1/employees/{id}', {
    summary:
      "Update an employee's email, name, license or groups; null when unlicensing one without accounts.",
    body: EmployeeUpdateBody,
    returns: v.nullable(EmployeeSchema),
  }),
  merge: route('POST /v1/employees/{id}/merge', {
    summary: 'Merge employees.',
    body: EmployeeMergeBody,
    experimental: true,
  }),
  // The docs slug is `delete-employee-id-groups` (singular), so the real path may be
  // `/v1/employee/{id}/groups`; the SDK follows every other employees path.
  deleteGroups: route('DELETE /v1/employees/{id}/groups', {
    summary: 'Remove an employee from groups.',
    body: EmployeeGroupsDeleteBody,
    experimental: true,
  }),
};

/** `employees.groups`: an employee's group memberships. */
export class EmployeeGroups extends APIResource {
  /**
   * Removes an employee from groups. `DELETE /v1/employees/{id}/groups`.
   *
   * The path is uncertain: the docs slug is `delete-employee-id-groups` (singular), so the real path may
   * be `/v1/employee/{id}/groups`; the SDK follows every other employees path. Needs a Full access key.
   * Not retried.
   *
   * @experimental Provisional: inferred from a docs slug; path and body unverified.
   */
  delete(employeeId: string, body?: EmployeeGroupsDeleteParams, opts?: RequestOptions): APIPromise<unknown> {
    return this._call(employeeRoutes.deleteGroups, { id: employeeId, body }, opts);
  }
}

/** `push.employees`: the people Push knows about. */
export class Employees extends APIResource {
  /** Group memberships. */
  readonly groups: EmployeeGroups = new EmployeeGroups(this._client);

  /**
   * Lists employees, every page. `GET /v1/employees`.
   *
   * ```ts
   * for await (const employee of push.employees.list()) console.log(employee.email);
   * ```
   *
   * @experimental Provisional: known from a docs slug and a third-party client; filters unverified.
   */
  list(query?: EmployeeListParams, opts?: RequestOptions): Paginator<Employee> {
    return this._call(employeeRoutes.list, { query }, opts);
  }

  /** Retrieves an employee, with every known email (`knownEmails`). `GET /v1/employees/{id}`. */
  retrieve(id: string, opts?: RequestOptions): APIPromise<Employee> {
    return this._call(employeeRoutes.retrieve, { id }, opts);
  }

  /**
   * Updates an employee. `PATCH /v1/employees/{id}`. Needs a Full access key. Not retried (nothing
   * documents it as idempotent). `email` must be one of the employee's `knownEmails`; `groups`
   * **replaces** the employee's groups. Resolves the updated Employee, or `null` when unlicensing
   * (`licensed: false`) an employee that has no accounts.
   *
   * ```ts
   * const employee = await push.employees.retrieve(id);
   * await push.employees.update(id, { groups: [...(employee.groups ?? []), 'security'] });
   * ```
   */
  update(id: string, body: EmployeeUpdateParams, opts?: RequestOptions): APIPromise<Employee | null> {
    return this._call(employeeRoutes.update, { id, body }, opts);
  }

  /**
   * Merges employees. `POST /v1/employees/{id}/merge`. The direction and body are undocumented; the
   * body is sent exactly as given. Needs a Full access key. Not retried.
   *
   * @experimental Provisional: inferred from a docs slug.
   */
  merge(id: string, body?: EmployeeMergeParams, opts?: RequestOptions): APIPromise<unknown> {
    return this._call(employeeRoutes.merge, { id, body }, opts);
  }
}
