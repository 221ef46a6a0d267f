/**
 * `@quiver/pwnbook`: a typed client for the Pwnbook API (engagements and the key's organization),
 * for Pwnbook cloud and self-hosted instances. Fetch-only (no `node:` imports): runs on Node, Deno,
 * Bun and edge workers. The fake server lives in `@quiver/pwnbook/testing`.
 *
 * @module @quiver/pwnbook
 */

// Core's errors and the types that appear in this package's signatures, re-exported by name so
// users need only `@quiver/pwnbook`.
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
  type RateLimitInfo,
  type RateLimitOptions,
  type RequestOptions,
  ResponseValidationError,
  UnprocessableEntityError,
  type WithResponse,
} from '@quiver/core';
export * from './client.js';
export * from './errors.js';
export * from './resources/engagements.js';
export * from './resources/members.js';
export * from './resources/organizations.js';
export * from './resources/shared.js';
export * from './scopes.js';
export * from './version.js';
