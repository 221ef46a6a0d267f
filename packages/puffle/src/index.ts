/**
 * `@quiver/puffle`: a typed client for the Puffle lead generation and outreach API. Fetch-only (no
 * `node:` imports): runs on Node, Deno, Bun and edge workers. The fake server lives in
 * `@quiver/puffle/testing`.
 *
 * @module @quiver/puffle
 */

// Core's errors and the types that appear in this package's signatures, re-exported by name so
// users need only `@quiver/puffle`.
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
  type WaitOptions,
  WaitTimeoutError,
  type WithResponse,
} from '@quiver/core';
export { DEFAULT_BASE_URL, Puffle, type PuffleOptions } from './client.js';
export {
  InsufficientCreditsError,
  type PuffleErrorBody,
  PuffleErrorBodySchema,
  parsePuffleError,
} from './errors.js';
export * from './resources/account.js';
export * from './resources/campaigns.js';
export * from './resources/email.js';
export * from './resources/enrichment.js';
export * from './resources/leads.js';
export * from './resources/lists.js';
export * from './resources/senders.js';
export * from './resources/shared.js';
export * from './resources/signals.js';
export * from './resources/threads.js';
export { VERSION } from './version.js';
export type { PollOptions } from './wait.js';
