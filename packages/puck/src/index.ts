/**
 * `@quiver/puck`: a typed client for the Puck Enterprise brain API. Fetch-only (no `node:` imports):
 * runs on Node, Deno, Bun and edge workers. The fake server lives in `@quiver/puck/testing`.
 *
 * @module @quiver/puck
 */

// Core's errors and the types that appear in this package's signatures, re-exported by name so
// users need only `@quiver/puck`.
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
  WebhookVerificationError,
  type WithResponse,
} from '@quiver/core';
export * from './client.js';
export * from './errors.js';
export * from './resources/agents.js';
export * from './resources/curiosity.js';
export * from './resources/findings.js';
export * from './resources/graph.js';
export * from './resources/inbound.js';
// The shared query schema of cursor lists (what `CursorParams` is made of).
export { CursorQuery } from './resources/input.js';
export * from './resources/investigations.js';
export * from './resources/reports.js';
export * from './resources/shared.js';
export * from './resources/webhook-deliveries.js';
export * from './resources/webhook-subscriptions.js';
export * from './resources/webhooks.js';
export * from './version.js';
export * from './webhooks.js';
