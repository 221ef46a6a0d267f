import { AuthenticationError, type ErrorParser } from '@quiver/core';
import { readErrorBody } from '@quiver/core/internal';

/**
 * Push Security's own error hints. The error envelope is undocumented (Push Security API docs, Errors,
 * list only the status codes); the one shape seen is API Gateway's `{"message": "..."}`, which core's
 * common error-body reader already handles, so this parser adds only what is Push's own:
 *
 * - 403 `Missing Authentication Token` → `AuthenticationError`: API Gateway's answer to a missing or
 *   unknown key. It gives the same answer for a route that does not exist, so on provisional
 *   (`@experimental`) endpoints the message adds "route may not exist".
 * - Any other 403 on a write → `PermissionDeniedError` with a hint: most likely a Read only key, which
 *   may only make GET requests (Push Security API docs, Authentication).
 */
export const parsePushError: ErrorParser = ({ status, body, method, experimental }) => {
  if (status !== 403) return {};
  const { message } = readErrorBody(body);
  if (message !== undefined && /missing authentication token/i.test(message)) {
    return {
      errorClass: AuthenticationError,
      hint: experimental
        ? 'route may not exist: this endpoint is provisional; otherwise the API key is missing or not valid'
        : 'the API key is missing or not valid; check PUSH_SECURITY_API_KEY',
    };
  }
  if (method !== 'GET' && method !== 'HEAD') {
    return { hint: `a Read only API key cannot make ${method} requests; use a Full access key` };
  }
  return {};
};
