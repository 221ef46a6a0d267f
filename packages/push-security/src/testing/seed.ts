/**
 * Realistic seed data for the fake Push Security server: a small company with six employees, their
 * SaaS accounts (some without MFA), the apps behind them, browsers, browser extensions, findings and
 * detections. Shapes follow Push Security's API docs, “Object schemas”; ids are stable UUIDs so tests and demos can name them.
 */

/** A record as the fake stores it: loose, like the API's own objects (Push Security's API docs, “Object schemas”). */
export type FakeRecord = {
  /** The record's id (a UUID in the default seed); the `{id}` of single-record routes. */
  id: string;
} & Record<string, unknown>;

/** The fake's collections. Mutating them (push, splice, edit) changes what the server answers. */
export interface FakePushSecurityData {
  /** Employees (Push Security's API docs, “Employee (embedded in Detection; list items)”), served by `/v1/employees` and `/v1/employees/{id}`. */
  employees: FakeRecord[];
  /** SaaS accounts (Push Security's API docs, “Account (List accounts for the first 7 fields)”), served by `/v1/accounts`. */
  accounts: FakeRecord[];
  /** SaaS apps (Push Security's API docs, “App (Update an app response)”), served by `/v1/apps`. */
  apps: FakeRecord[];
  /** Browsers running the Push extension (Push Security's API docs, “Browser”), served by `/v1/browsers`. */
  browsers: FakeRecord[];
  /** Browser extensions (Push Security's API docs, “BrowserExtension (List browser extensions, first 6 fields)”), served by `/v1/browserExtensions`. */
  browserExtensions: FakeRecord[];
  /** Stored without the embedded `employee`; the server joins it from `employees` when answering. */
  detections: FakeRecord[];
  /** Stored without the embedded `employee`; the server joins it from `employees` when answering. */
  findings: FakeRecord[];
}

/** The ids of the default seed, for tests and demos that want to name a record. */
export const SEED_IDS = {
  employees: {
    alice: '2a2197de-ad2c-47e4-8dcb-fb0f04cf83e0',
    bob: '72d0347a-2663-4ef5-b1c5-df39163f1603',
    carla: '37cda962-7e78-49bc-8721-1becd16276a3',
    dmitri: '87569da6-fb7a-4df7-8ce2-246c14044911',
    emma: 'b3f1c2d4-5e6f-4a7b-9c8d-0e1f2a3b4c5d',
    farid: 'c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f',
  },
  apps: {
    zapier: '5f0c6a1e-3b7d-4c2e-9a8f-1d2e3f4a5b6c',
    openai: '6a1d7b2f-4c8e-4d3f-8b9a-2e3f4a5b6c7d',
    atlassian: '7b2e8c3a-5d9f-4e4a-9cab-3f4a5b6c7d8e',
    github: '8c3f9d4b-6eaf-4f5b-8dbc-4a5b6c7d8e9f',
    slack: '9d4a0e5c-7fb0-4a6c-9ecd-5b6c7d8e9fa0',
    canva: 'ae5b1f6d-80c1-4b7d-8fde-6c7d8e9fa0b1',
  },
  accounts: {
    aliceGithub: 'd6a32ba5-0532-4a66-8137-48cdf409c972',
    aliceSlack: 'e7b43cb6-1643-4b77-9248-59de0a1ad083',
    bobAtlassian: 'f8c54dc7-2754-4c88-8359-6aef1b2be194',
    bobZapier: '09d65ed8-3865-4d99-946a-7bf02c3cf2a5',
    carlaCanva: '1ae76fe9-4976-4eaa-857b-8c013d4d03b6',
    carlaOpenai: '2bf870fa-5a87-4fbb-966c-9d124e5e14c7',
    dmitriGithub: '3c0981ab-6b98-4a0c-877d-ae235f6f25d8',
    dmitriOpenai: '4d1a92bc-7ca9-4b1d-988e-bf34607036e9',
    emmaSlack: '5e2ba3cd-8dba-4c2e-899f-c045718147fa',
    faridAtlassian: '6f3cb4de-9ecb-4d3f-9aa0-d1568292580b',
  },
  findings: {
    stolenCredentials: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a01',
    leakedPassword: 'a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a02',
    mfaNotRegistered: 'a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a03',
    reusedPassword: 'a1b2c3d4-0004-4e5f-8a9b-0c1d2e3f4a04',
    weakPassword: 'a1b2c3d4-0005-4e5f-8a9b-0c1d2e3f4a05',
    sharedAccount: 'a1b2c3d4-0006-4e5f-8a9b-0c1d2e3f4a06',
    unusedApp: 'a1b2c3d4-0007-4e5f-8a9b-0c1d2e3f4a07',
  },
  detections: {
    credentialPhish: 'c478966c-f927-411c-b919-179832d3d50c',
    phishWarned: 'd589a77d-0a38-422d-8c2a-28a943e4e61d',
    blockedUrl: 'e69ab88e-1b49-433e-9d3b-39ba54f5f72e',
    stolenCredentials: 'f7abc99f-2c5a-444f-8e4c-4acb6506083f',
    malware: '08bcdaa0-3d6b-4550-9f5d-5bdc76171940',
  },
  browsers: {
    alice: '11111111-aaaa-4bbb-8ccc-000000000001',
    bob: '11111111-aaaa-4bbb-8ccc-000000000002',
    carla: '11111111-aaaa-4bbb-8ccc-000000000003',
    dmitri: '11111111-aaaa-4bbb-8ccc-000000000004',
    emma: '11111111-aaaa-4bbb-8ccc-000000000005',
    farid: '11111111-aaaa-4bbb-8ccc-000000000006',
  },
} as const;

const E = SEED_IDS.employees;
const A = SEED_IDS.apps;
const B = SEED_IDS.browsers;

// 2024-10-30T12:33:43Z, the sample timestamp of the docs (Push Security's API docs, “Employee (embedded in Detection; list items)”), as the tenant's start.
const T0 = 1698669223;
const DAY = 86_400;

const noPasswordManager = {
  passwordLogin: true,
  oidcLogin: null,
  samlLogin: null,
  oktaSwaLogin: false,
  vendorSsoLogin: null,
  fedCmLogin: null,
};
const googleSso = { ...noPasswordManager, passwordLogin: false, oidcLogin: 'GOOGLE' };

function employee(
  id: string,
  firstName: string,
  lastName: string,
  department: string,
  location: string,
  groups: string[],
  day: number,
): FakeRecord {
  const email = `${firstName}.${lastName}@example.com`.toLowerCase();
  return {
    id,
    email,
    // Every address seen for the employee; the primary `email` is one of them (Retrieve an employee).
    knownEmails: [email, `${firstName[0]}${lastName}@example.com`.toLowerCase()],
    firstName,
    lastName,
    department,
    location,
    licensed: true,
    creationTimestamp: T0 + day * DAY,
    chatopsEnabled: false,
    groups,
  };
}

function account(
  id: string,
  employeeId: string,
  email: string,
  appType: string,
  appId: string,
  mfa: { registered: boolean | null; methods: string[] | null },
  loginMethods: Record<string, unknown>,
  day: number,
  lastUsedDay: number,
): FakeRecord {
  return {
    id,
    employeeId,
    appType,
    appId,
    email,
    mfaRegistered: mfa.registered,
    mfaMethods: mfa.methods,
    passwordId: loginMethods.passwordLogin ? `pwd-${id.slice(0, 8)}` : undefined,
    loginMethods,
    creationTimestamp: T0 + day * DAY,
    lastUsedTimestamp: T0 + lastUsedDay * DAY,
  };
}

/** A fresh copy of the default seed (a new object every call, so tests never share state). */
export function createDefaultSeed(): FakePushSecurityData {
  const employees = [
    employee(E.alice, 'Alice', 'Nguyen', 'Security Engineering', 'New York', ['Security', 'Engineering'], 0),
    employee(E.bob, 'Bob', 'Okafor', 'Finance', 'London', ['Finance'], 1),
    employee(E.carla, 'Carla', 'Mendes', 'Marketing', 'Lisbon', ['Marketing', 'GenAI pilot'], 2),
    employee(
      E.dmitri,
      'Dmitri',
      'Volkov',
      'Platform Engineering',
      'Berlin',
      ['Engineering', 'GenAI pilot'],
      3,
    ),
    employee(E.emma, 'Emma', 'Schultz', 'Sales', 'Chicago', ['Sales'], 5),
    { ...employee(E.farid, 'Farid', 'Haddad', 'IT', 'Dubai', ['IT', 'Admins'], 8), licensed: false },
  ];

  const apps: FakeRecord[] = [
    {
      id: A.zapier,
      type: 'ZAPIER',
      approvalStatus: 'UNDER_REVIEW',
      sensitivityLevel: 'HIGH',
      ownerId: E.bob,
      notes: 'Connects to the finance mailbox; review OAuth scopes.',
      website: 'https://zapier.com/',
      description: 'Workflow automation between SaaS apps.',
      friendlyName: 'Zapier',
      labels: ['automation', 'finance'],
      creationTimestamp: T0 + 1 * DAY,
    },
    {
      id: A.openai,
      type: 'OPENAI',
      approvalStatus: 'NOT_APPROVED',
      sensitivityLevel: 'MEDIUM',
      ownerId: null,
      notes: null,
      website: 'https://openai.com/',
      description: 'Generative AI assistant.',
      friendlyName: 'OpenAI',
      labels: ['GenAI'],
      creationTimestamp: T0 + 2 * DAY,
    },
    {
      id: A.atlassian,
      type: 'ATLASSIAN',
      approvalStatus: 'APPROVED',
      sensitivityLevel: 'HIGH',
      ownerId: E.farid,
      notes: 'Last security audit: 16 January 2024',
      website: 'https://www.atlassian.com/',
      description: 'Issue tracking and wikis (Jira, Confluence).',
      friendlyName: 'Atlassian',
      labels: ['engineering'],
      creationTimestamp: T0,
    },
    {
      id: A.github,
      type: 'GITHUB',
      approvalStatus: 'APPROVED',
      sensitivityLevel: 'HIGH',
      ownerId: E.dmitri,
      notes: 'Source code; SSO enforced for the org.',
      website: 'https://github.com/',
      description: 'Source code hosting.',
      friendlyName: 'GitHub',
      labels: ['engineering', 'source code'],
      creationTimestamp: T0,
    },
    {
      id: A.slack,
      type: 'SLACK',
      approvalStatus: 'APPROVED',
      sensitivityLevel: 'MEDIUM',
      ownerId: E.farid,
      notes: null,
      website: 'https://slack.com/',
      description: 'Team chat.',
      friendlyName: 'Slack',
      labels: ['collaboration'],
      creationTimestamp: T0,
    },
    {
      id: A.canva,
      type: 'CANVA',
      approvalStatus: null,
      sensitivityLevel: 'LOW',
      ownerId: null,
      notes: null,
      website: 'https://www.canva.com/',
      description: 'Online graphic design.',
      friendlyName: 'Canva',
      labels: ['marketing'],
      creationTimestamp: T0 + 2 * DAY,
    },
  ];

  const X = SEED_IDS.accounts;
  const accounts = [
    account(
      X.aliceGithub,
      E.alice,
      'alice.nguyen@example.com',
      'GITHUB',
      A.github,
      { registered: true, methods: ['U2F', 'APP_TOTP'] },
      googleSso,
      0,
      40,
    ),
    account(
      X.aliceSlack,
      E.alice,
      'alice.nguyen@example.com',
      'SLACK',
      A.slack,
      { registered: true, methods: ['APP_TOTP'] },
      googleSso,
      0,
      41,
    ),
    account(
      X.bobAtlassian,
      E.bob,
      'bob.okafor@example.com',
      'ATLASSIAN',
      A.atlassian,
      { registered: false, methods: [] },
      noPasswordManager,
      1,
      39,
    ),
    account(
      X.bobZapier,
      E.bob,
      'bob.okafor@example.com',
      'ZAPIER',
      A.zapier,
      { registered: false, methods: [] },
      noPasswordManager,
      1,
      41,
    ),
    account(
      X.carlaCanva,
      E.carla,
      'carla.mendes@example.com',
      'CANVA',
      A.canva,
      { registered: null, methods: null },
      noPasswordManager,
      2,
      30,
    ),
    account(
      X.carlaOpenai,
      E.carla,
      'carla.mendes@example.com',
      'OPENAI',
      A.openai,
      { registered: true, methods: ['EMAIL_OTP'] },
      googleSso,
      2,
      41,
    ),
    account(
      X.dmitriGithub,
      E.dmitri,
      'dmitri.volkov@example.com',
      'GITHUB',
      A.github,
      { registered: true, methods: ['HARDWARE_TOTP', 'BACKUP_CODES'] },
      noPasswordManager,
      3,
      41,
    ),
    account(
      X.dmitriOpenai,
      E.dmitri,
      'dmitri.volkov@example.com',
      'OPENAI',
      A.openai,
      { registered: false, methods: [] },
      noPasswordManager,
      4,
      35,
    ),
    account(
      X.emmaSlack,
      E.emma,
      'emma.schultz@example.com',
      'SLACK',
      A.slack,
      { registered: true, methods: ['SMS_OTP'] },
      noPasswordManager,
      5,
      40,
    ),
    account(
      X.faridAtlassian,
      E.farid,
      'shared-it@example.com',
      'ATLASSIAN',
      A.atlassian,
      { registered: true, methods: ['PUSH_NOTIFICATION'] },
      noPasswordManager,
      8,
      12,
    ),
  ];
  // Only password logins have a password fingerprint; drop the undefined key rather than send it.
  for (const a of accounts) if (a.passwordId === undefined) delete a.passwordId;

  const browser = (
    id: string,
    employeeId: string,
    name: string,
    os: string,
    day: number,
    lastDay: number,
  ) => ({
    id,
    employeeId,
    email: employees.find((e) => e.id === employeeId)?.email,
    version: name === 'CHROME' ? '130.0.6723.92' : name === 'EDGE' ? '130.0.2849.68' : '18.1',
    tokenType: 'EMPLOYEE',
    isActive: lastDay >= 38,
    browser: name,
    os,
    extensionVersion: '2.41.0',
    creationTimestamp: T0 + day * DAY,
    lastOnlineTimestamp: T0 + lastDay * DAY,
  });
  const browsers: FakeRecord[] = [
    browser(B.alice, E.alice, 'CHROME', 'MACOS', 0, 41),
    browser(B.bob, E.bob, 'EDGE', 'WINDOWS', 1, 41),
    browser(B.carla, E.carla, 'CHROME', 'MACOS', 2, 40),
    browser(B.dmitri, E.dmitri, 'CHROME', 'LINUX', 3, 41),
    browser(B.emma, E.emma, 'SAFARI', 'MACOS', 5, 22),
    browser(B.farid, E.farid, 'CHROME', 'WINDOWS', 8, 39),
  ];

  let extensionCount = 0;
  const extension = (
    extensionId: string,
    name: string,
    description: string,
    employeeId: string,
    browserId: string,
    deploymentMode: string,
    permissions: string[],
    hostPermissions: string[],
    enabled = true,
  ): FakeRecord => {
    extensionCount += 1;
    return {
      id: `e0e0e0e0-0000-4000-8000-${String(extensionCount).padStart(12, '0')}`,
      extensionId,
      employeeId,
      browserId,
      name,
      description,
      deploymentMode,
      permissions,
      hostPermissions,
      enabled,
    };
  };
  const browserExtensions = [
    extension(
      'gmbgaklkmjakoegficnlkhebmhkjfich',
      'Privacy Badger',
      'Automatically learns to block invisible trackers.',
      E.alice,
      B.alice,
      'MANUAL',
      ['storage', 'tabs', 'webRequest'],
      ['<all_urls>'],
    ),
    extension(
      'aeblfdkhhhdcdjpifhhbdiojplfjncoa',
      '1Password – Password Manager',
      'The best way to experience 1Password in your browser.',
      E.alice,
      B.alice,
      'MANAGED',
      ['storage', 'tabs', 'contextMenus'],
      ['<all_urls>'],
    ),
    extension(
      'kbfnbcaeplbcioakkpcpgfkobkghlhen',
      'Grammarly: AI Writing and Grammar Checker App',
      'Improve your writing with all-in-one assistance.',
      E.carla,
      B.carla,
      'MANUAL',
      ['storage', 'cookies', 'tabs'],
      ['<all_urls>'],
    ),
    extension(
      'cjpalhdlnbpafiamejdnhcphjbkeiagm',
      'uBlock Origin',
      'Finally, an efficient blocker. Easy on CPU and memory.',
      E.dmitri,
      B.dmitri,
      'MANUAL',
      ['storage', 'webRequest', 'webRequestBlocking'],
      ['<all_urls>'],
    ),
    extension(
      'hdokiejnpimakedhajhdlcegeplioahd',
      'LastPass: Free Password Manager',
      'LastPass, an award-winning password manager.',
      E.bob,
      B.bob,
      'MANUAL',
      ['storage', 'tabs'],
      ['http://*/*', 'https://*/*'],
      false,
    ),
    extension(
      'ojnbohmppadfgpejeebfnmnknjdlckgj',
      'PDF Converter Pro',
      'Convert any page to PDF in one click.',
      E.emma,
      B.emma,
      'SIDELOAD',
      ['cookies', 'tabs', 'webRequest', 'clipboardRead'],
      ['<all_urls>'],
    ),
    extension(
      'bhghoamapcdpbohphigoooaddinpkbai',
      'Authenticator',
      'Authenticator generates 2-Step Verification codes in your browser.',
      E.farid,
      B.farid,
      'MANAGED',
      ['storage', 'activeTab'],
      [],
    ),
  ];

  const F = SEED_IDS.findings;
  const finding = (
    id: string,
    type: string,
    state: string,
    employeeId: string | null,
    extra: Record<string, unknown>,
    day: number,
  ): FakeRecord => ({ id, type, state, employeeId, ...extra, creationTimestamp: T0 + day * DAY });
  const findings = [
    finding(
      F.stolenCredentials,
      'STOLEN_CREDENTIALS',
      'OPEN',
      E.bob,
      {
        accountId: X.bobZapier,
        appType: 'ZAPIER',
        appId: A.zapier,
        passwordId: `pwd-${X.bobZapier.slice(0, 8)}`,
      },
      38,
    ),
    finding(
      F.leakedPassword,
      'LEAKED_PASSWORD',
      'OPEN',
      E.dmitri,
      {
        accountId: X.dmitriOpenai,
        appType: 'OPENAI',
        appId: A.openai,
        passwordId: `pwd-${X.dmitriOpenai.slice(0, 8)}`,
      },
      35,
    ),
    finding(
      F.mfaNotRegistered,
      'MFA_NOT_REGISTERED',
      'OPEN',
      E.bob,
      { accountId: X.bobAtlassian, appType: 'ATLASSIAN', appId: A.atlassian },
      20,
    ),
    finding(
      F.reusedPassword,
      'REUSED_PASSWORD',
      'OPEN',
      E.emma,
      {
        accountId: X.emmaSlack,
        appType: 'SLACK',
        appId: A.slack,
        passwordId: `pwd-${X.emmaSlack.slice(0, 8)}`,
      },
      25,
    ),
    finding(
      F.weakPassword,
      'WEAK_PASSWORD',
      'RESOLVED',
      E.carla,
      {
        accountId: X.carlaCanva,
        appType: 'CANVA',
        appId: A.canva,
        passwordId: `pwd-${X.carlaCanva.slice(0, 8)}`,
        weakPasswordReasons: ['TOO_SHORT', 'COMMON_PASSWORD'],
      },
      10,
    ),
    finding(
      F.sharedAccount,
      'SHARED_ACCOUNT',
      'OPEN',
      null,
      { accountId: X.faridAtlassian, appType: 'ATLASSIAN', appId: A.atlassian },
      12,
    ),
    finding(F.unusedApp, 'UNUSED_THIRD_PARTY_APP', 'OPEN', E.carla, { appType: 'CANVA', appId: A.canva }, 30),
  ];

  const D = SEED_IDS.detections;
  const detection = (
    id: string,
    employeeId: string,
    browserId: string,
    severity: string,
    detectionType: string,
    response: string,
    archived: boolean,
    day: number,
  ): FakeRecord => ({
    id,
    employeeId,
    browserId,
    severity,
    detectionType,
    response,
    archived,
    creationTimestamp: T0 + day * DAY,
  });
  const detections = [
    detection(D.credentialPhish, E.bob, B.bob, 'CRITICAL', 'PHISHING', 'NOT_BLOCKED', false, 37),
    detection(D.phishWarned, E.carla, B.carla, 'MEDIUM', 'PHISHING', 'WARNED', false, 36),
    detection(D.blockedUrl, E.emma, B.emma, 'LOW', 'BLOCKED_URL', 'BLOCKED', false, 33),
    detection(
      D.stolenCredentials,
      E.dmitri,
      B.dmitri,
      'HIGH',
      'STOLEN_CREDENTIALS',
      'NOT_BLOCKED',
      false,
      35,
    ),
    detection(D.malware, E.alice, B.alice, 'LOW', 'MALWARE_DELIVERY', 'BLOCKED', true, 15),
  ];

  return { employees, accounts, apps, browsers, browserExtensions, detections, findings };
}
