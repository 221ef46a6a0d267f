/**
 * `@quiver/push-security/testing` — a fake Push Security API for tests and demos (Node only).
 *
 * It is a separate entry point so that `node:http` never reaches a user's bundle.
 *
 * @module @quiver/push-security/testing
 */
export { createDefaultSeed, type FakePushSecurityData, type FakeRecord, SEED_IDS } from './seed.js';
export {
  FAKE_FULL_ACCESS_KEY,
  FAKE_READ_ONLY_KEY,
  type FakeApiKeys,
  type FakeFault,
  type FakePushSecurity,
  type FakePushSecurityOptions,
  type FakeRequest,
  startFakePushSecurity,
} from './server.js';
