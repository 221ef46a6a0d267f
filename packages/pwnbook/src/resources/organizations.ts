import { type APIPromise, APIResource, openEnum, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';
import { Members } from './members.js';

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

/**
 * Organization plan. Only `business` appears in Pwnbook's examples; `starter` and `enterprise` are
 * the lower-cased tier names of its billing page. Open.
 */
export const OrganizationPlanSchema = openEnum(['starter', 'business', 'enterprise']);

/**
 * The organization of the API key (Pwnbook's API reference, Organizations). Only `id` (`org_…`) is
 * required: `engagementCount` appears on one of Pwnbook's two doc sites only, `updatedAt` only in the
 * update response, and the update response carries just `id`, `name`, `slug` and `updatedAt`.
 */
export const OrganizationSchema = v.looseObject({
  id: v.string(),
  name: v.optional(v.string()),
  slug: v.optional(v.string()),
  plan: v.optional(OrganizationPlanSchema),
  memberCount: v.optional(v.number()),
  engagementCount: v.optional(v.number()),
  createdAt: v.optional(v.string()),
  updatedAt: v.optional(v.string()),
  settings: v.optional(
    v.looseObject({
      requireTwoFactor: v.optional(v.boolean()),
      domainAutoJoin: v.optional(v.boolean()),
      ssoEnabled: v.optional(v.boolean()),
    }),
  ),
});
/** The organization an API key belongs to. */
export type Organization = v.InferOutput<typeof OrganizationSchema>;

/**
 * Body of `organizations.current.update` (Pwnbook's API reference, Organizations: update — the
 * complete table). `settings`, `slug` and `plan` are not writable over the API.
 */
export const OrganizationUpdateBody = v.object({
  /** The organization's display name. */
  name: v.optional(v.pipe(v.string(), v.minLength(1, 'must be a non-empty string'))),
});
/** Body of `organizations.current.update`: `{ name? }`. */
export type OrganizationUpdateParams = v.InferInput<typeof OrganizationUpdateBody>;

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/** The endpoint rows of the key's organization. */
export const organizationRoutes = {
  retrieve: route('GET /v1/organizations/current', {
    summary: 'Retrieve the organization of the API key.',
    returns: OrganizationSchema,
    envelope: 'data',
  }),
  update: route('PATCH /v1/organizations/current', {
    summary: 'Update the organization of the API key (its name).',
    body: OrganizationUpdateBody,
    returns: OrganizationSchema,
    envelope: 'data',
  }),
};

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

/**
 * The organization of the API key: a singleton, since a key is bound to one organization and paths
 * carry no organization id.
 */
export class CurrentOrganization extends APIResource {
  /** Members of the organization: list, invite, remove, change role. */
  readonly members: Members = new Members(this._client);

  /** Reads the organization: `GET /v1/organizations/current` (scope `organizations:read`). */
  retrieve(opts?: RequestOptions): APIPromise<Organization> {
    return this._call(organizationRoutes.retrieve, {}, opts);
  }

  /**
   * Renames the organization: `PATCH /v1/organizations/current` (scope `organizations:write`). The
   * result is partial: Pwnbook answers with `id`, `name`, `slug` and `updatedAt` only. Not retried.
   */
  update(body: OrganizationUpdateParams, opts?: RequestOptions): APIPromise<Organization> {
    return this._call(organizationRoutes.update, { body }, opts);
  }
}

/** Organizations: `organizations.current` is the organization of the API key. */
export class Organizations extends APIResource {
  /** The organization of the API key, and its members. */
  readonly current: CurrentOrganization = new CurrentOrganization(this._client);
}
