import { AuthenticationError, type ErrorParser } from '@quiver/core';

/**
 * Reads Push Security's error envelope. It is undocumented (vendors/push.md §4); the only shape ever
 * seen is API Gateway's `{"message": "..."}`, so the message comes from `message`, then `error`, then
 * the raw text, and there is no machine-readable `code`.
 *
 * - 403 `Missing Authentication Token` → `AuthenticationError`: API Gateway's answer to a missing or
 *   unknown key. It gives the same answer for a route that does not exist, so on provisional
 *   (`@experimental`) endpoints the message adds "route may not exist".
 * - Any other 403 on a write → `PermissionDeniedError` with a hint: most likely a Read only key
 *   (api/push-security.md §1, notes on 403).
 */
export const parsePushError: ErrorParser = ({ status, body, method, experimental }) => {
  const message = messageOf(body);
  if (status === 403 && message !== undefined && /missing authentication token/i.test(message)) {
    return {
      message,
      errorClass: AuthenticationError,
      hint: experimental
        ? 'route may not exist: this endpoint is provisional; otherwise the API key is missing or not valid'
        : 'the API key is missing or not valid; check PUSH_SECURITY_API_KEY',
    };
  }
  if (status === 403 && method !== 'GET' && method !== 'HEAD') {
    return {
      message,
      hint: `a Read only API key cannot make ${method} requests; use a Full access key`,
    };
  }
  return { message };
};

function messageOf(body: unknown): string | undefined {
  if (typeof body === 'string') {
    const text = body.trim();
    return text && !text.startsWith('<') ? (text.split('\n')[0] ?? text).slice(0, 300) : undefined;
  }
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    for (const key of ['message', 'error']) {
      const value = record[key];
      if (typeof value === 'string' && value.trim() !== '') return value;
      // `{"error": {"message": "..."}}` is a common gateway variant.
      if (
        value &&
        typeof value === 'object' &&
        typeof (value as { message?: unknown }).message === 'string'
      ) {
        return (value as { message: string }).message;
      }
    }
  }
  return undefined;
}
