/**
 * `@quiver/pikarc`: a typed client for the Pikarc guardrails API for AI agents, with guarded runs
 * (`client.run()`). Fetch-only (no `node:` imports): runs on Node, Deno, Bun and edge workers. The
 * fake server lives in `@quiver/pikarc/testing`.
 *
 * @module @quiver/pikarc
 */

// Core's errors and the types that appear in this package's signatures, re-exported by name so
// users need only `@quiver/pikarc` (DESIGN §3).
export {
  APIConnectionError,
  APIError,
  type APIPromise,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  type ClientOptions,
  ConfigurationError,
  ConflictError,
  InternalServerError,
  InvalidInputError,
  NotFoundError,
  type Open,
  type Page,
  type Paginator,
  PermissionDeniedError,
  QuiverError,
  RateLimitError,
  type RequestOptions,
  ResponseValidationError,
  UnprocessableEntityError,
  type WithResponse,
} from '@quiver/core';
export * from './client.js';
export * from './errors.js';
export * from './resources/api-keys.js';
export * from './resources/auth.js';
export * from './resources/health.js';
export * from './resources/model-pricing.js';
export * from './resources/runs.js';
export * from './resources/shared.js';
export * from './resources/usage.js';
export * from './resources/workspace.js';
export * from './run.js';
export { VERSION } from './version.js';
