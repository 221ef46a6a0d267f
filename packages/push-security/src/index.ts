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
export {
  DEFAULT_BASE_URL,
  PushSecurity,
  type PushSecurityOptions,
  type PushSecurityRateLimitOptions,
  type ReadOnlyPushSecurity,
} from './client.js';
export { parsePushError } from './errors.js';
export {
  type Account,
  type AccountListParams,
  AccountListSchema,
  AccountSchema,
  Accounts,
  type AppType,
  AppTypeSchema,
  type LoginMethods,
  LoginMethodsSchema,
  type MfaMethod,
  MfaMethodSchema,
} from './resources/accounts.js';
export {
  type App,
  type AppListParams,
  AppListSchema,
  type ApprovalStatus,
  ApprovalStatusSchema,
  AppSchema,
  Apps,
  type AppUpdateParams,
  type SensitivityLevel,
  SensitivityLevelSchema,
} from './resources/apps.js';
export {
  type BrowserExtension,
  type BrowserExtensionListParams,
  BrowserExtensionListSchema,
  BrowserExtensionSchema,
  BrowserExtensions,
  type DeploymentMode,
  DeploymentModeSchema,
} from './resources/browser-extensions.js';
export {
  type Browser,
  type BrowserListParams,
  BrowserListSchema,
  BrowserSchema,
  Browsers,
} from './resources/browsers.js';
export {
  type Detection,
  type DetectionListParams,
  DetectionListSchema,
  type DetectionResponse,
  DetectionResponseSchema,
  DetectionSchema,
  type DetectionSeverity,
  DetectionSeveritySchema,
  Detections,
  type DetectionType,
  DetectionTypeSchema,
  type DetectionUpdateParams,
} from './resources/detections.js';
export {
  type Employee,
  EmployeeGroups,
  type EmployeeGroupsDeleteParams,
  type EmployeeListParams,
  EmployeeListSchema,
  type EmployeeMergeParams,
  EmployeeSchema,
  Employees,
  type EmployeeUpdateParams,
} from './resources/employees.js';
export {
  type Finding,
  type FindingListParams,
  FindingListSchema,
  FindingSchema,
  type FindingState,
  FindingStateSchema,
  Findings,
  type FindingType,
  FindingTypeSchema,
} from './resources/findings.js';
export {
  type ListEnvelope,
  type ListParams,
  type Open,
  type Paging,
  PagingSchema,
} from './resources/shared.js';
export * from './resources/webhooks.js';
export { toUnixSeconds } from './timestamps.js';
export { VERSION } from './version.js';
export * from './webhooks.js';
