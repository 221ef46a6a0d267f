/**
 * `@quiver/pwnbook/testing`: an in-process fake of the Pwnbook API for your tests and demos, on the
 * fake-server kit of `@quiver/core/testing`. Node only (`node:http`); never imported by the main entry.
 *
 * ```ts
 * const fake = await startFakePwnbook();
 * const pwnbook = new Pwnbook({ apiKey: FAKE_PWNBOOK_API_KEY, baseURL: fake.url });
 * ```
 *
 * @module @quiver/pwnbook/testing
 */
export type { FakeFault, FakeRequest } from '@quiver/core/testing';
export {
  createDefaultSeed,
  type FakeEngagement,
  type FakeInvitation,
  type FakeMember,
  type FakeOrganization,
  type FakePwnbookData,
  SEED_IDS,
} from './seed.js';
export {
  FAKE_ALL_SCOPES,
  FAKE_ERROR_CODES,
  FAKE_PWNBOOK_API_KEY,
  FAKE_PWNBOOK_READ_ONLY_KEY,
  type FakeApiKey,
  type FakePwnbook,
  type FakePwnbookOptions,
  type FakeRateLimit,
  startFakePwnbook,
} from './server.js';
