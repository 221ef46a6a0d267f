import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as esm from '../src/index.js';

const require = createRequire(import.meta.url);

describe('error classes', () => {
  it('instanceof works across two loaded copies of core (ESM source and the built CJS)', () => {
    const cjs = require('../dist/index.cjs') as typeof esm;
    expect(cjs.NotFoundError).not.toBe(esm.NotFoundError);
    const fromCjs = new cjs.NotFoundError({ status: 404, message: 'x', headers: new Headers() });
    expect(fromCjs).toBeInstanceOf(esm.NotFoundError);
    expect(fromCjs).toBeInstanceOf(esm.APIError);
    expect(fromCjs).toBeInstanceOf(esm.QuiverError);
    expect(fromCjs).toBeInstanceOf(Error);
    expect(fromCjs).not.toBeInstanceOf(esm.ConflictError);
    const fromEsm = new esm.APITimeoutError('t');
    expect(fromEsm).toBeInstanceOf(cjs.APIConnectionError);
    expect(fromEsm).not.toBeInstanceOf(cjs.APIError);
    class PlanRestrictedError extends esm.PermissionDeniedError {
      static override readonly brand = Symbol.for('quiver.error.test.PlanRestrictedError');
    }
    const plan = new PlanRestrictedError({ status: 403, message: 'p', headers: new Headers() });
    expect(plan).toBeInstanceOf(esm.PermissionDeniedError);
    expect(plan).toBeInstanceOf(cjs.PermissionDeniedError);
    expect(plan).toBeInstanceOf(PlanRestrictedError);
    expect(fromCjs).not.toBeInstanceOf(PlanRestrictedError);
  });

  it('names itself and serialises only safe fields', () => {
    const e = new esm.RateLimitError({
      status: 429,
      message: 'Puck GET /v1/x → 429: slow',
      headers: new Headers(),
      body: { error: 'slow' },
      retryAfter: 1000,
    });
    expect(e.name).toBe('RateLimitError');
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: 'RateLimitError',
      message: 'Puck GET /v1/x → 429: slow',
      status: 429,
      body: { error: 'slow' },
      retryAfter: 1000,
    });
  });

  it('a switch on the class works with errorClassForStatus', () => {
    expect(esm.errorClassForStatus(404)).toBe(esm.NotFoundError);
    expect(esm.errorClassForStatus(503)).toBe(esm.InternalServerError);
    expect(esm.errorClassForStatus(418)).toBe(esm.APIError);
  });
});
