/**
 * `@quiver/pikarc/testing`: an in-process fake of the Pikarc API for your tests and demos: a seeded
 * workspace and key, key and JWT auth, budgets, monthly and concurrent run limits, the kill switch,
 * the seven deny reasons, plan-gated 403s and the kit's faults. Node only (`node:http`); never
 * imported by the main entry.
 *
 * @module @quiver/pikarc/testing
 */
export type { FakeFault, FakeRequest } from '@quiver/core/testing';
export {
  FAKE_PIKARC_API_KEY,
  FAKE_PIKARC_EMAIL,
  FAKE_PIKARC_PASSWORD,
  FAKE_PIKARC_WORKSPACE_ID,
  FAKE_PLAN_LIMITS,
  type FakeAccount,
  type FakeDenyReason,
  type FakePikarc,
  type FakePikarcOptions,
  type FakePlan,
  type FakePricing,
  type FakeRun,
  type FakeStep,
  type FakeWorkspace,
  type FakeWorkspaceOptions,
  startFakePikarc,
} from './server.js';
