export { APIPromise, type WithResponse } from './api-promise.js';
export {
  type AuthContext,
  type AuthStrategy,
  bearerAuth,
  headerAuth,
  noAuth,
  resolveApiKey,
  tokenAuth,
} from './auth.js';
export {
  APIResource,
  type ClientHooks,
  type ClientOptions,
  type HttpMethod,
  type PageRequestSpec,
  QuiverClient,
  type RequestInfo,
  type RequestOptions,
  type RequestSpec,
  type ResponseInfo,
  type VendorDefinition,
} from './client.js';
export { readEnv, runtimeName } from './env.js';
export {
  APIConnectionError,
  APIError,
  type APIErrorClass,
  type APIErrorInit,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  errorClassForStatus,
  InternalServerError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  QuiverError,
  RateLimitError,
  ResponseTooLargeError,
  ResponseValidationError,
  UnprocessableEntityError,
  WaitTimeoutError,
  type WebhookFailureReason,
  WebhookVerificationError,
} from './errors.js';
export type { Logger, LogLevel } from './logger.js';
export {
  cursorPagination,
  type ItemsSelector,
  type NextPage,
  offsetPagination,
  Page,
  type PageFetcher,
  type PaginationAdapter,
  Paginator,
  pagePagination,
} from './pagination.js';
export { path } from './path.js';
export { type PollParams, poll, type WaitOptions } from './polling.js';
export type { ArrayFormat, QueryParams, QueryValue } from './query.js';
export {
  type BucketOptions,
  checkReservation,
  parseRateLimitHeaders,
  RateLimiter,
  type RateLimiterInit,
  type RateLimitInfo,
  type RateLimitOptions,
  type RateLimitReservation,
  type TokenWaitOptions,
  waitForToken,
} from './rate-limit.js';
export {
  MemoryRateLimitStore,
  type RateLimitStore,
  type StoreBucket,
  type StoreReport,
  type StoreRequest,
  type StoreReservation,
} from './rate-limit-store.js';
export { type ErrorContext, type ErrorParser, makeAPIError, type ParsedError } from './request.js';
export { backoffDelay, type RetryPolicy, retryAfterMs } from './retry.js';
export { MAX_TIMER_DELAY, sleep } from './sleep.js';
export {
  type AnySchema,
  ensureLimit,
  type Open,
  openEnum,
  type ValidationContext,
  type ValidationMode,
  validateResponse,
} from './validate.js';
export {
  checkTimestamp,
  checkTolerance,
  getHeader,
  type HeadersLike,
  hmacSha256Hex,
  type RawBody,
  signTimestamped,
  type TimestampedSignatureParams,
  timestampDotBody,
  timingSafeEqual,
  toRawBody,
  toRawBytes,
  type UnknownEventType,
  unwrapWebhook,
  type VerifyWebhookParams,
  verifyTimestampedSignature,
  verifyWebhook,
  type WebhookScheme,
  type WebhookSecret,
} from './webhooks.js';
