/**
 * `@quiver/puffle/testing`: an in-process fake of the Puffle API for your tests and demos, on the
 * fake-server kit of `@quiver/core/testing`. Node only (`node:http`); never imported by the main entry.
 *
 * ```ts
 * const fake = await startFakePuffle();
 * const puffle = new Puffle({ apiKey: FAKE_PUFFLE_API_KEY, baseURL: fake.url });
 * ```
 *
 * @module @quiver/puffle/testing
 */
export type { FakeFault, FakeRequest } from '@quiver/core/testing';
export { createDefaultSeed, type FakePuffleData, type FakeRecord, SEED_IDS } from './seed.js';
export {
  FAKE_ERROR_CODES,
  FAKE_PUFFLE_API_KEY,
  type FakePuffle,
  type FakePuffleOptions,
  startFakePuffle,
} from './server.js';
