import { type APIPromise, APIResource, openEnum, type Paginator, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';
import { openInput, PageParam, PerPageParam, pwnbookPages } from './shared.js';

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

/** Organization role (Pwnbook's Roles & Permissions page: Owner, Admin, Member; custom roles exist). Open. */
export const MemberRoleSchema = openEnum(['owner', 'admin', 'member']);
/** `owner` | `admin` | `member`, or a custom role. */
export type MemberRole = v.InferOutput<typeof MemberRoleSchema>;

/**
 * A member of the organization. Pwnbook's docs do not show the member object: every field is a guess
 * and optional (`id` or `userId` identifies the user for `members.delete`/`update`); whatever the
 * server sends is kept.
 */
export const MemberSchema = v.looseObject({
  id: v.optional(v.string()),
  userId: v.optional(v.string()),
  email: v.optional(v.string()),
  name: v.optional(v.nullable(v.string())),
  role: v.optional(MemberRoleSchema),
  createdAt: v.optional(v.string()),
});
/** A member of the key's organization. */
export type Member = v.InferOutput<typeof MemberSchema>;

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

/**
 * Query of `members.list`. Its table was not readable in Pwnbook's docs: `page`/`perPage` are the
 * common list parameters; any other parameter you pass is sent as given on every page.
 */
export const MemberListQuery = v.looseObject({
  /** First page to read, 1-based. Default 1. */
  page: PageParam,
  /** Page size, 1–100. Server default 20. */
  perPage: PerPageParam,
});
/** Query of `members.list`: `page`, `perPage`, and any other filter the server accepts. */
export type MemberListParams = v.InferInput<typeof MemberListQuery>;

/**
 * Body of `members.invite`. Not readable in Pwnbook's docs: `email` and `role` are inferred from the
 * UI (which offers `admin` and `member`; invitations expire after 7 days). Other fields are sent as given.
 */
export const MemberInviteBody = v.looseObject({
  /** Who to invite. */
  email: v.pipe(v.string(), v.minLength(1, 'must be a non-empty string')),
  /** The role the invitee gets: `admin` or `member` in the UI. */
  role: v.optional(openInput<'admin' | 'member'>()),
});
/** Body of `members.invite`: `{ email, role?, …any other field }`. */
export type MemberInviteParams = v.InferInput<typeof MemberInviteBody>;

/** Body of `members.update` ("change role"): `role` is inferred; other fields are sent as given. */
export const MemberUpdateBody = v.looseObject({
  /** The new role: `admin` or `member` (custom roles on some plans). */
  role: v.optional(openInput<'owner' | 'admin' | 'member'>()),
});
/** Body of `members.update`: `{ role?, …any other field }`. */
export type MemberUpdateParams = v.InferInput<typeof MemberUpdateBody>;

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/** The endpoint rows of the key's organization's members. */
export const memberRoutes = {
  list: route('GET /v1/organizations/current/members', {
    summary: 'List the members of the organization, page by page.',
    query: MemberListQuery,
    page: pwnbookPages(MemberSchema),
  }),
  invite: route('POST /v1/organizations/current/members/invite', {
    summary: 'Invite someone to the organization.',
    body: MemberInviteBody,
    envelope: 'data',
  }),
  delete: route('DELETE /v1/organizations/current/members/{userId}', {
    summary: 'Remove a member from the organization.',
    empty: true,
  }),
  update: route('PATCH /v1/organizations/current/members/{userId}', {
    summary: 'Change a member’s role.',
    body: MemberUpdateBody,
    returns: MemberSchema,
    envelope: 'data',
  }),
};

// ---------------------------------------------------------------------------------------------
// Resource
// ---------------------------------------------------------------------------------------------

/** Members of the key's organization. */
export class Members extends APIResource {
  /**
   * Lists members: `GET /v1/organizations/current/members` (scope `organizations:read`). Pwnbook
   * says it returns all members; pages are followed while `meta.totalPages` says so, and a response
   * without `meta` is one page.
   */
  list(query?: MemberListParams, opts?: RequestOptions): Paginator<Member> {
    return this._call(memberRoutes.list, { query }, opts);
  }

  /**
   * Invites someone: `POST /v1/organizations/current/members/invite` (scope `organizations:write`).
   * Resolves the response's `data` unvalidated (its shape is not documented). Not retried.
   */
  invite(body: MemberInviteParams, opts?: RequestOptions): APIPromise<unknown> {
    return this._call(memberRoutes.invite, { body }, opts);
  }

  /**
   * Removes a member: `DELETE /v1/organizations/current/members/{userId}` (scope
   * `organizations:write`). Resolves `undefined`.
   */
  delete(userId: string, opts?: RequestOptions): APIPromise<void> {
    return this._call(memberRoutes.delete, { userId }, opts);
  }

  /**
   * Changes a member's role: `PATCH /v1/organizations/current/members/{userId}` (scope
   * `organizations:write`). Not retried.
   */
  update(userId: string, body: MemberUpdateParams, opts?: RequestOptions): APIPromise<Member> {
    return this._call(memberRoutes.update, { userId, body }, opts);
  }
}
