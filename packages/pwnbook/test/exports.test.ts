import { describe, expect, it } from 'vitest';
import * as pwnbook from '../src/index.js';
import * as testing from '../src/testing/index.js';

describe('public exports', () => {
  it('the main entry: client, resources, rows, schemas, errors', () => {
    for (const name of [
      'Pwnbook',
      'DEFAULT_BASE_URL',
      'normalizeBaseURL',
      'Engagements',
      'Organizations',
      'CurrentOrganization',
      'Members',
      'engagementRoutes',
      'organizationRoutes',
      'memberRoutes',
      'EngagementSchema',
      'OrganizationSchema',
      'MemberSchema',
      'parsePwnbookError',
      'PwnbookPermissionDeniedError',
      'PWNBOOK_SCOPES',
      'PWNBOOK_ERROR_CODES',
      'VERSION',
      'APIError',
      'NotFoundError',
      'RateLimitError',
      'InvalidInputError',
      'ConfigurationError',
    ]) {
      expect(pwnbook, name).toHaveProperty(name);
    }
  });

  it('every row has a summary and a method of its resource', () => {
    for (const row of [
      ...Object.values(pwnbook.engagementRoutes),
      ...Object.values(pwnbook.organizationRoutes),
      ...Object.values(pwnbook.memberRoutes),
    ]) {
      expect(row.summary.length).toBeGreaterThan(5);
      expect(row.path.startsWith('/v1/')).toBe(true);
    }
    expect(
      Object.values(pwnbook.engagementRoutes).length +
        Object.values(pwnbook.organizationRoutes).length +
        Object.values(pwnbook.memberRoutes).length,
    ).toBe(13);
  });

  it('the testing entry: the fake and its defaults', () => {
    for (const name of [
      'startFakePwnbook',
      'FAKE_PWNBOOK_API_KEY',
      'FAKE_PWNBOOK_READ_ONLY_KEY',
      'SEED_IDS',
      'createDefaultSeed',
    ]) {
      expect(testing, name).toHaveProperty(name);
    }
  });
});
