import { type APIPromise, APIResource, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import type { Untyped } from './shared.js';

/** Rows of the health endpoint (API reference, Overview). */
export const healthRoutes = {
  retrieve: route('GET /health', {
    summary: "The server's status (at the root, outside /v1).",
    auth: 'none',
  }),
};

/** The server's health. */
export class Health extends APIResource {
  /** `GET /health` (no credential), at the server root. The body is not documented: returned as parsed. */
  retrieve(opts?: RequestOptions): APIPromise<Untyped> {
    return this._call(healthRoutes.retrieve, {}, opts);
  }
}
