/**
 * `@quiver/push-security` — a typed client for the Push Security REST API (v1). Fetch-only (no `node:`
 * imports): runs on Node, Deno, Bun and edge workers. The fake server lives in
 * `@quiver/push-security/testing`.
 *
 * @module @quiver/push-security
 */
export {
  APIConnectionError,
  APIError,
  APIPromise,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  InternalServerError,
  InvalidInputError,
  NotFoundError,
  Page,
  Paginator,
  PermissionDeniedError,
  QuiverError,
  RateLimitError,
  type RequestOptions,
  ResponseValidationError,
  UnprocessableEntityError,
  WaitTimeoutError,
  WebhookVerificationError,
} from '@quiver/core';
export * from './client.js';
export * from './errors.js';
export * from './resources/accounts.js';
export * from './resources/apps.js';
export * from './resources/browser-extensions.js';
export * from './resources/browsers.js';
export * from './resources/detections.js';
export * from './resources/employees.js';
export * from './resources/findings.js';
// The list helpers of resources/shared.ts are internal: only the shapes users meet are public.
export {
  type ListEnvelope,
  type ListParams,
  listEntries,
  type OpenFilters,
  type Paging,
  PagingSchema,
  TimestampSchema,
} from './resources/shared.js';
export * from './resources/webhooks.js';
export * from './timestamps.js';
export * from './version.js';
export * from './webhooks.js';
