/**
 * The seed of the fake Pwnbook: one organization (the one every key of the fake belongs to), its
 * members and a few engagements, shaped like the examples of Pwnbook's API reference.
 */

/** An engagement as the fake stores and serves it. */
export interface FakeEngagement {
  /** `eng_…`. */
  id: string;
  /** The engagement's name (unique within the fake's organization). */
  name: string;
  /** Free text, `null` when not given. */
  description: string | null;
  /** `active` or `archived`. */
  status: string;
  /** ISO-8601 UTC with milliseconds. */
  createdAt: string;
  /** ISO-8601 UTC with milliseconds. */
  updatedAt: string;
}

/** The organization of the fake's keys. */
export interface FakeOrganization {
  /** `org_…`. */
  id: string;
  /** Display name (writable with `PATCH /api/v1/organizations/current`). */
  name: string;
  /** URL slug. */
  slug: string;
  /** `starter`, `business` or `enterprise`. */
  plan: string;
  /** ISO-8601 UTC. */
  createdAt: string;
  /** ISO-8601 UTC. */
  updatedAt: string;
  /** Security settings (read-only over the API). */
  settings: {
    /** Whether members must use two-factor authentication. */
    requireTwoFactor: boolean;
    /** Whether users with the organization's email domain join it automatically. */
    domainAutoJoin: boolean;
    /** Whether single sign-on is enabled. */
    ssoEnabled: boolean;
  };
}

/** A member of the fake's organization. */
export interface FakeMember {
  /** `usr_…`: the `userId` of the member endpoints. */
  id: string;
  /** E-mail address. */
  email: string;
  /** Display name. */
  name: string;
  /** `owner`, `admin` or `member`. */
  role: string;
  /** When the member joined, ISO-8601 UTC. */
  createdAt: string;
}

/** A pending invitation made with `POST /api/v1/organizations/current/members/invite`. */
export interface FakeInvitation {
  /** `inv_…`. */
  id: string;
  /** Who was invited. */
  email: string;
  /** `admin` or `member`. */
  role: string;
  /** Always `pending` in the fake. */
  status: string;
  /** ISO-8601 UTC. */
  createdAt: string;
  /** Seven days after `createdAt` (Pwnbook's Organizations page: invitations expire after 7 days). */
  expiresAt: string;
}

/** Everything the fake serves. */
export interface FakePwnbookData {
  /** The organization of every key. */
  organization: FakeOrganization;
  /** Its members. */
  members: FakeMember[];
  /** Its engagements. */
  engagements: FakeEngagement[];
  /** Pending invitations. */
  invitations: FakeInvitation[];
}

/** Ids of the default seed, for tests and demos. */
export const SEED_IDS = {
  organization: 'org_01j9k2m3n4p5q6r7s8t9',
  owner: 'usr_01j9owner0000000001',
  admin: 'usr_01j9admin0000000002',
  member: 'usr_01j9member000000003',
  acme: 'eng_01j9k2m3n4p5q6r7s8t9',
  globex: 'eng_02j9k2m3n4p5q6r7s8t9',
  initech: 'eng_03j9k2m3n4p5q6r7s8t9',
} as const;

/** A fresh copy of the default seed: one organization, three members, three engagements (one archived). */
export function createDefaultSeed(): FakePwnbookData {
  return {
    organization: {
      id: SEED_IDS.organization,
      name: 'Redteam Security LLC',
      slug: 'redteam-security',
      plan: 'business',
      createdAt: '2024-06-01T00:00:00.000Z',
      updatedAt: '2024-06-01T00:00:00.000Z',
      settings: { requireTwoFactor: true, domainAutoJoin: false, ssoEnabled: false },
    },
    members: [
      {
        id: SEED_IDS.owner,
        email: 'olivia@redteam.example',
        name: 'Olivia Owner',
        role: 'owner',
        createdAt: '2024-06-01T00:00:00.000Z',
      },
      {
        id: SEED_IDS.admin,
        email: 'adam@redteam.example',
        name: 'Adam Admin',
        role: 'admin',
        createdAt: '2024-06-02T00:00:00.000Z',
      },
      {
        id: SEED_IDS.member,
        email: 'mia@redteam.example',
        name: 'Mia Member',
        role: 'member',
        createdAt: '2024-06-03T00:00:00.000Z',
      },
    ],
    engagements: [
      {
        id: SEED_IDS.acme,
        name: 'Acme Corp External Assessment',
        description: 'Q1 2025 external network penetration test',
        status: 'active',
        createdAt: '2025-01-15T10:30:00.000Z',
        updatedAt: '2025-01-20T14:15:00.000Z',
      },
      {
        id: SEED_IDS.globex,
        name: 'Globex Internal Network Review',
        description: 'Internal segmentation assessment',
        status: 'active',
        createdAt: '2025-01-10T09:00:00.000Z',
        updatedAt: '2025-01-18T16:45:00.000Z',
      },
      {
        id: SEED_IDS.initech,
        name: 'Initech Web Application Test',
        description: null,
        status: 'archived',
        createdAt: '2024-11-04T08:00:00.000Z',
        updatedAt: '2024-12-20T17:00:00.000Z',
      },
    ],
    invitations: [],
  };
}
