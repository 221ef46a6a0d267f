/**
 * `@quiver/core/internal`: what vendor packages need to describe their endpoints, and users do not.
 * Not covered by semver for users: import from `@quiver/core` instead.
 *
 * @module @quiver/core/internal
 */

export { type ErrorBodyFields, readErrorBody } from './error-body.js';
export {
  DEFAULT_POLL_INTERVAL,
  DEFAULT_WAIT_TIMEOUT,
  MIN_POLL_INTERVAL,
  pollIn,
  runWait,
  type WaitScope,
  type WaitSettings,
  waitSettings,
} from './polling.js';
export {
  type AnyRoute,
  commaList,
  cursor,
  describeInputIssue,
  int,
  offset,
  type PageStyle,
  type PathParams,
  pageByQuery,
  pageNumber,
  type Route,
  type RouteArgs,
  type RouteAuth,
  type RouteData,
  type RouteOptions,
  type RouteResult,
  route,
} from './route.js';
