/**
 * `@quiver/core/testing`: the kit every vendor's fake server is built on. Node only (`node:http`); never
 * imported by the main entry, so it never reaches a user's bundle.
 *
 * - {@link startFakeServer}: a loopback server with routes, middleware, one fault model and a request
 *   recorder that never records credentials.
 * - {@link cursorPage}, {@link offsetPage}, {@link numberPage}: the server side of each pagination style.
 * - {@link IdempotencyStore}, {@link TokenBucket}, {@link sendWebhook}, {@link canonicalJson}, {@link randomId}.
 * - {@link rejection}: the error of a call that must fail, for tests in any framework.
 *
 * @module @quiver/core/testing
 */
export { rejection } from './assertions.js';
export { HttpError } from './errors.js';
export { type IdempotencyCheck, IdempotencyStore, type IdempotencyStoreOptions } from './idempotency.js';
export { canonicalJson, randomId } from './ids.js';
export {
  type CursorPageOptions,
  cursorPage,
  type NumberPageOptions,
  numberPage,
  type OffsetPageOptions,
  offsetPage,
  type QueryValue,
} from './pagination.js';
export {
  type FakeHandler,
  type FakeMiddleware,
  type FakeServer,
  type FakeServerOptions,
  startFakeServer,
} from './server.js';
export { TokenBucket, type TokenBucketOptions, type TokenTake } from './token-bucket.js';
export type { FakeAnswer, FakeFault, FakeFile, FakeHandlerRequest, FakeRequest } from './types.js';
export { isLoopbackUrl, type SendWebhookOptions, sendWebhook, type WebhookResult } from './webhook.js';
