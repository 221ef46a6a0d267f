import { APIResource, openEnum, type Paginator, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';
import { listEnvelope, listPage, listQuery } from './shared.js';

/** `MANAGED` | `DEVELOPMENT` | `MANUAL` | `SIDELOAD` | `OTHER` (open) (Push Security API docs, List browser extensions). */
export const DeploymentModeSchema = openEnum(['MANAGED', 'DEVELOPMENT', 'MANUAL', 'SIDELOAD', 'OTHER']);
/** How an extension was installed (open). */
export type DeploymentMode = v.InferOutput<typeof DeploymentModeSchema>;

/**
 * A browser extension installed in an employee's browser (Push Security API docs, List browser extensions). The first six fields
 * are official; `deploymentMode`, `permissions`, `hostPermissions` and `enabled` are named after the
 * list filters.
 */
export const BrowserExtensionSchema = v.looseObject({
  /** The id of this record — not the store id (the webhook docs use `id` for the store id instead). */
  id: v.string(),
  /** The static 32-character store id, e.g. `gmbgaklkmjakoegficnlkhebmhkjfich`. */
  extensionId: v.optional(v.string()),
  employeeId: v.optional(v.string()),
  /** The employee's Push-extension (browser) id. */
  browserId: v.optional(v.string()),
  name: v.optional(v.string()),
  description: v.optional(v.string()),
  deploymentMode: v.optional(DeploymentModeSchema),
  permissions: v.optional(v.array(v.string())),
  hostPermissions: v.optional(v.array(v.string())),
  enabled: v.optional(v.boolean()),
});
/** A browser extension. Unknown fields are kept. */
export type BrowserExtension = v.InferOutput<typeof BrowserExtensionSchema>;

/** `{ result: BrowserExtension[], paging? }`. */
export const BrowserExtensionListSchema = listEnvelope(BrowserExtensionSchema);

/** The input schema (valibot) of the query a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const BrowserExtensionListQuery = listQuery('browserExtensions.list', {
  /** The extension's static store id. */
  extensionId: v.optional(v.string()),
  /** Only extensions of this employee. */
  employeeId: v.optional(v.string()),
  /** Only extensions in this browser: the employee's Push-extension install. */
  browserId: v.optional(v.string()),
  /** Only extensions installed this way: `MANAGED`, `DEVELOPMENT`, `MANUAL`, `SIDELOAD` or `OTHER`. */
  deploymentMode: v.optional(DeploymentModeSchema),
  /**
   * Only extensions having these permissions. Sent as repeated keys (`permissions=a&permissions=b`) by
   * default; the client option `arrayFormat: 'comma'` sends `permissions=a,b` (serialisation undocumented).
   */
  permissions: v.optional(v.array(v.string())),
  /** Only extensions having these host-permission patterns (same serialisation as `permissions`). */
  hostPermissions: v.optional(v.array(v.string())),
  /** Enabled or disabled extensions. */
  enabled: v.optional(v.boolean()),
});
/** Filters of `browserExtensions.list` (Push Security API docs, List browser extensions), plus paging. */
export type BrowserExtensionListParams = v.InferInput<typeof BrowserExtensionListQuery>;

/** The browser-extension endpoints. */
export const browserExtensionRoutes = {
  list: route('GET /v1/browserExtensions', {
    summary: 'List browser extensions, every page.',
    query: BrowserExtensionListQuery,
    page: listPage(BrowserExtensionSchema),
  }),
};

/** `push.browserExtensions`: extensions installed in employees' browsers. */
export class BrowserExtensions extends APIResource {
  /**
   * Lists browser extensions, every page. `GET /v1/browserExtensions` (camelCase path; the docs slug is
   * `browser-extensions`).
   *
   * ```ts
   * const risky = await push.browserExtensions.list({ deploymentMode: 'SIDELOAD', enabled: true }).toArray();
   * ```
   */
  list(query?: BrowserExtensionListParams, opts?: RequestOptions): Paginator<BrowserExtension> {
    return this._call(browserExtensionRoutes.list, { query }, opts);
  }
}
