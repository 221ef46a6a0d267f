/**
 * `@quiver/puck/testing`: an in-process fake of the Puck brain API for your tests and demos, and
 * helpers to sign webhook payloads. Node only (`node:http`); never imported by the main entry.
 *
 * @module @quiver/puck/testing
 */
export { ALL_SCOPES, type FakeRecord, type FakeScope } from './fixtures.js';
export {
  FAKE_PUCK_API_KEY,
  FAKE_TIER_LIMITS,
  type FakeApiKey,
  type FakeDelivery,
  type FakeFault,
  type FakeInvestigation,
  type FakeLifecycleOptions,
  FakePuck,
  type FakePuckOptions,
  type FakeRequest,
  type FakeSubscription,
  type FakeTier,
  startFakePuck,
} from './server.js';
export {
  buildPuckEvent,
  type FakePuckEvent,
  isoSeconds,
  type SignedPuckPayload,
  type SignPuckPayloadOptions,
  signPuckPayload,
} from './sign.js';
