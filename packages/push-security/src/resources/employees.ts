import { type APIPromise, APIResource, type Paginator, path, type RequestOptions } from '@quiver/core';
import * as v from 'valibot';
import {
  checkBody,
  type ListParams,
  listEnvelope,
  type OpenFilters,
  paginateList,
  TimestampSchema,
} from './shared.js';

/** An employee (vendors/push.md §9.1; `groups` from a third-party client only). */
export const EmployeeSchema = v.looseObject({
  id: v.string(),
  /** Primary email. */
  email: v.optional(v.string()),
  firstName: v.optional(v.string()),
  lastName: v.optional(v.string()),
  // Both come "from connected API integrations" (vendors/push.md §9.1): a tenant without one plausibly
  // sends null, so null is accepted rather than failing validation (forgiving reading).
  department: v.optional(v.nullable(v.string())),
  location: v.optional(v.nullable(v.string())),
  /** Licensed on the Push platform. */
  licensed: v.optional(v.boolean()),
  /** UNIX seconds. */
  creationTimestamp: v.optional(TimestampSchema),
  /** @deprecated No effect unless the tenant still has legacy "Employee chat topics" (vendors/push.md §9.1). */
  chatopsEnabled: v.optional(v.boolean()),
  /** Group names (third-party observed). */
  groups: v.optional(v.array(v.string())),
});
/** An employee. Unknown fields are kept. */
export type Employee = v.InferOutput<typeof EmployeeSchema>;

/** `{ result: Employee[], paging? }`. */
export const EmployeeListSchema = listEnvelope(EmployeeSchema);

/**
 * Filters of `employees.list`. Only `creationTimestampAfter` is known (third-party client); other
 * filters are passed through as-is because the official list is unknown (vendors/push.md §8.8).
 */
export interface EmployeeListParams extends ListParams {
  /** Only employees first seen at or after this UNIX time (seconds). */
  creationTimestampAfter?: number;
  [filter: string]: OpenFilters[string];
}

/**
 * Body of `employees.update`. Undocumented (vendors/push.md §8.9); `licensed` is the likely field, and
 * anything else is sent as given.
 */
export interface EmployeeUpdateParams {
  /** Whether the employee is licensed on the Push platform. */
  licensed?: boolean;
  [field: string]: unknown;
}

/** Body of `employees.merge`. Undocumented (vendors/push.md §8.9): sent exactly as given. */
export type EmployeeMergeParams = Record<string, unknown>;

/**
 * Body of `employees.groups.delete`. Undocumented (vendors/push.md §8.9); group **names** are likely,
 * since the `EMPLOYEE_REMOVED_FROM_GROUP` webhook carries the group name. Sent exactly as given.
 */
export interface EmployeeGroupsDeleteParams {
  /** Names of the groups to remove the employee from. */
  groups?: string[];
  [field: string]: unknown;
}

/** `employees.groups`: an employee's group memberships. */
export class EmployeeGroups extends APIResource {
  /**
   * Removes an employee from groups. `DELETE /v1/employees/{id}/groups`.
   *
   * The path is uncertain: the docs slug is `delete-employee-id-groups` (singular), so the real path may
   * be `/v1/employee/{id}/groups` (vendors/push.md §11 contradiction 3); the SDK follows every other
   * employees path. Needs a Full access key. Not retried.
   *
   * @experimental Provisional: inferred from a docs slug; path and body unverified.
   */
  delete(employeeId: string, body?: EmployeeGroupsDeleteParams, opts?: RequestOptions): APIPromise<unknown> {
    checkBody('body', body, true);
    return this._client.request(
      { method: 'DELETE', path: path`/v1/employees/${employeeId}/groups`, body, experimental: true },
      opts,
    );
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
  list(query: EmployeeListParams = {}, opts?: RequestOptions): Paginator<Employee> {
    return paginateList<Employee>(
      this._client,
      {
        where: 'employees.list',
        path: '/v1/employees',
        query,
        schema: EmployeeListSchema,
        experimental: true,
      },
      opts,
    );
  }

  /**
   * Updates an employee. `PATCH /v1/employees/{id}`. Needs a Full access key. Not retried (nothing
   * documents it as idempotent).
   *
   * @experimental Provisional: inferred from a docs slug; the body is undocumented.
   */
  update(id: string, body: EmployeeUpdateParams, opts?: RequestOptions): APIPromise<Employee> {
    checkBody('body', body);
    return this._client.request(
      { method: 'PATCH', path: path`/v1/employees/${id}`, body, schema: EmployeeSchema, experimental: true },
      opts,
    );
  }

  /**
   * Merges employees. `POST /v1/employees/{id}/merge`. The direction and body are undocumented
   * (vendors/push.md §8.9); the body is sent exactly as given. Needs a Full access key. Not retried.
   *
   * @experimental Provisional: inferred from a docs slug.
   */
  merge(id: string, body?: EmployeeMergeParams, opts?: RequestOptions): APIPromise<unknown> {
    checkBody('body', body, true);
    return this._client.request(
      { method: 'POST', path: path`/v1/employees/${id}/merge`, body, experimental: true },
      opts,
    );
  }
}
