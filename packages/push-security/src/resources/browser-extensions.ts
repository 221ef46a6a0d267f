import { APIResource, openEnum, type Paginator, type RequestOptions } from '@quiver/core';
import * as v from 'valibot';
import { type ListParams, listEnvelope, type Open, paginateList } from './shared.js';

/** `MANAGED` | `DEVELOPMENT` | `MANUAL` | `SIDELOAD` | `OTHER` (open) — vendors/push.md §8.4. */
export const DeploymentModeSchema = openEnum(['MANAGED', 'DEVELOPMENT', 'MANUAL', 'SIDELOAD', 'OTHER']);
/** How an extension was installed (open). */
export type DeploymentMode = v.InferOutput<typeof DeploymentModeSchema>;

/**
 * A browser extension installed in an employee's browser (vendors/push.md §9.6). The first six fields
 * are official; `deploymentMode`, `permissions`, `hostPermissions` and `enabled` are named after the
 * list filters.
 */
export const BrowserExtensionSchema = v.looseObject({
  /** The id of this record — not the store id (vendors/push.md §11 contradiction 4). */
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

/** Filters of `browserExtensions.list` (vendors/push.md §8.4). */
export interface BrowserExtensionListParams extends ListParams {
  /** The extension's static store id. */
  extensionId?: string;
  /** Only extensions of this employee (vendors/push.md §8.4). */
  employeeId?: string;
  /** Only extensions in this browser: the employee's Push-extension install (vendors/push.md §8.4). */
  browserId?: string;
  /** Only extensions installed this way: `MANAGED`, `DEVELOPMENT`, `MANUAL`, `SIDELOAD` or `OTHER` (vendors/push.md §8.4). */
  deploymentMode?: Open<'MANAGED' | 'DEVELOPMENT' | 'MANUAL' | 'SIDELOAD' | 'OTHER'>;
  /**
   * Only extensions having these permissions. Sent as repeated keys (`permissions=a&permissions=b`) by
   * default; the client option `arrayFormat: 'comma'` sends `permissions=a,b` (serialisation undocumented).
   */
  permissions?: readonly string[];
  /** Only extensions having these host-permission patterns (same serialisation as `permissions`). */
  hostPermissions?: readonly string[];
  /** Enabled or disabled extensions. */
  enabled?: boolean;
}

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
  list(query: BrowserExtensionListParams = {}, opts?: RequestOptions): Paginator<BrowserExtension> {
    return paginateList<BrowserExtension>(
      this._client,
      {
        where: 'browserExtensions.list',
        path: '/v1/browserExtensions',
        query: { ...query },
        schema: BrowserExtensionListSchema,
      },
      opts,
    );
  }
}
