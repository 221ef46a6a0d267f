import { type APIPromise, APIResource, InvalidInputError, type RequestOptions } from '@quiver/core';
import { route } from '@quiver/core/internal';
import * as v from 'valibot';
import { optBool, optNum, optObject, optStr } from './shared.js';

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

/**
 * `GET /api/account`. Its schema table was not readable in Puffle's API reference (Get Account); the
 * prose names `account { id, email, fullName }`, `profile { firstName, lastName }` and
 * `canManageAuth`, so every field is optional. The body has several keys, so it is returned whole.
 */
export const AccountSchema = v.looseObject({
  account: v.optional(
    v.nullable(v.looseObject({ id: v.optional(v.string()), email: optStr, fullName: optStr })),
  ),
  profile: v.optional(v.nullable(v.looseObject({ firstName: optStr, lastName: optStr }))),
  /** `true` only when the signed-in user acts as themselves; email/password changes need it. */
  canManageAuth: optBool,
});
/** Account settings and name fields. */
export type Account = v.InferOutput<typeof AccountSchema>;

/** The input schema (valibot) of the body a call takes: the SDK checks the arguments with it before sending; its input type is the matching `…Params`. */
export const AccountUpdateBody = v.pipe(
  v.object({
    email: v.optional(v.pipe(v.string(), v.email('must be an email address'))),
    password: v.optional(v.pipe(v.string(), v.minLength(8, 'must be at least 8 characters'))),
    firstName: v.optional(v.nullable(v.string())),
    lastName: v.optional(v.nullable(v.string())),
  }),
  v.check(
    (b) => Object.values(b).some((x) => x !== undefined),
    'must set at least one of email, password, firstName, lastName',
  ),
  v.check(
    (b) => b.email === undefined || b.password === undefined,
    'must not change email and password in one request',
  ),
);
/** Body of `account.update`: at least one field; `email` and `password` never together. */
export type AccountUpdateParams = v.InferInput<typeof AccountUpdateBody>;

/**
 * The response of `PATCH /api/account` is not documented beyond "may include `pendingEmail` and
 * `emailChangeSent`"; it is passed through with those two typed.
 */
export const AccountUpdateResultSchema = v.looseObject({ pendingEmail: optStr, emailChangeSent: optBool });
/** What `account.update` resolves: the server's body, loosely typed. */
export type AccountUpdateResult = v.InferOutput<typeof AccountUpdateResultSchema>;

const strList = v.optional(v.nullable(v.array(v.string())));

/** The ICP context of a company profile (Puffle's API reference, Get Company Profile). */
export const CompanyContextSchema = v.looseObject({
  user: v.optional(v.nullable(v.looseObject({ professionalBackground: optStr }))),
  company: v.optional(
    v.nullable(
      v.looseObject({
        overview: optStr,
        product: optStr,
        problemSolved: optStr,
        differentiators: optStr,
        linkedInPresence: optStr,
      }),
    ),
  ),
  content: v.optional(
    v.nullable(
      v.looseObject({
        linkedInVoice: optStr,
        recommendedTopics: strList,
        preferredTone: optStr,
        contentFormats: strList,
        topicsToAvoid: strList,
        postingCadence: optStr,
      }),
    ),
  ),
  market: v.optional(
    v.nullable(
      v.looseObject({
        targetAudience: optStr,
        industryContext: optStr,
        icpJobTitles: strList,
        icpIndustries: strList,
        icpCompanySizes: strList,
        icpPainPoints: strList,
        icpKeywords: strList,
      }),
    ),
  ),
  extra: optObject,
});
/** The ICP context (`user`, `company`, `content`, `market`, `extra`). */
export type CompanyContext = v.InferOutput<typeof CompanyContextSchema>;

/** The identity part of a company profile. */
export const ProfileSchema = v.looseObject({
  firstName: optStr,
  lastName: optStr,
  companyName: optStr,
  website: optStr,
});

/**
 * `{ context, profile }` of `GET/PUT /api/context`: both `null` until onboarding finishes ("setup not
 * finished" — do not invent values).
 */
export const CompanyProfileSchema = v.looseObject({
  context: v.optional(v.nullable(CompanyContextSchema)),
  profile: v.optional(v.nullable(ProfileSchema)),
});
/** The company profile. */
export type CompanyProfile = v.InferOutput<typeof CompanyProfileSchema>;

const CompanyProfileBody = v.object({
  context: v.nullable(v.record(v.string(), v.unknown())),
  profile: v.nullable(v.record(v.string(), v.unknown())),
});
/** Body of `context.replace`: the whole `{ context, profile }` (a full-object write). */
export type CompanyProfileParams = {
  /** The ICP context (`user`, `company`, `content`, `market`, `extra`), or `null`. */
  context: CompanyContext | null;
  /** The identity part (`firstName`, `lastName`, `companyName`, `website`), or `null`. */
  profile: v.InferInput<typeof ProfileSchema> | null;
};

/** One billable operation of the credits registry. */
export const CreditOperationSchema = v.looseObject({
  id: v.optional(v.string()),
  label: optStr,
  credits: v.number(),
  billableUnit: optStr,
  unitLabel: optStr,
  featureGroup: optStr,
  certainty: optStr,
});

/** `GET /api/credits/config`: the billing registry. Every top-level field is documented as required. */
export const CreditsConfigSchema = v.looseObject({
  registryVersion: v.string(),
  operations: v.record(v.string(), CreditOperationSchema),
  plans: v.record(
    v.string(),
    v.looseObject({
      id: v.optional(v.string()),
      billingProductId: optStr,
      display: v.optional(
        v.nullable(v.looseObject({ name: optStr, order: optNum, badge: optStr, positioning: optStr })),
      ),
    }),
  ),
  entitlements: v.looseObject({ keys: v.array(v.string()) }),
  legacyCreditActions: v.record(v.string(), v.string()),
  costs: v.record(v.string(), v.number()),
});
/** The credit price table. */
export type CreditsConfig = v.InferOutput<typeof CreditsConfigSchema>;

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/** The endpoint rows of the account, company profile and credits resources. */
export const accountRoutes = {
  retrieve: route('GET /api/account', {
    summary: 'Account settings and name fields.',
    returns: AccountSchema,
  }),
  update: route('PATCH /api/account', {
    summary: 'Update name, email or password (email and password never together).',
    body: AccountUpdateBody,
    returns: AccountUpdateResultSchema,
  }),
};

/** The endpoint rows of the company profile. */
export const contextRoutes = {
  retrieve: route('GET /api/context', {
    summary: 'The company profile (ICP context); null fields until onboarding finishes.',
    returns: CompanyProfileSchema,
  }),
  replace: route('PUT /api/context', {
    summary: 'Replace the whole company profile.',
    body: CompanyProfileBody,
    returns: CompanyProfileSchema,
  }),
};

/** The endpoint row of the credits configuration. */
export const creditsRoutes = {
  config: route('GET /api/credits/config', {
    summary: 'The credit price table (billing registry).',
    returns: CreditsConfigSchema,
  }),
};

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

/** `GET/PATCH /api/account`. */
export class AccountResource extends APIResource {
  /** Account settings and name fields. */
  retrieve(opts?: RequestOptions): APIPromise<Account> {
    return this._call(accountRoutes.retrieve, {}, opts);
  }
  /** Update name, email or password. Email changes need `canManageAuth` and are confirmed by mail. */
  update(body: AccountUpdateParams, opts?: RequestOptions): APIPromise<AccountUpdateResult> {
    return this._call(accountRoutes.update, { body }, opts);
  }
}

/** `GET/PUT /api/context`: the company profile. */
export class ContextResource extends APIResource {
  /** The company profile; `{ context: null, profile: null }` until onboarding finishes. */
  retrieve(opts?: RequestOptions): APIPromise<CompanyProfile> {
    return this._call(contextRoutes.retrieve, {}, opts);
  }
  /** Replace the whole profile: read it, change it, send it all back. */
  replace(body: CompanyProfileParams, opts?: RequestOptions): APIPromise<CompanyProfile> {
    return this._call(contextRoutes.replace, { body }, opts);
  }
}

/** `GET /api/credits/config`. */
export class CreditsConfigResource extends APIResource {
  /** The credit price table. Fetch it live: prices change without a new API version. */
  retrieve(opts?: RequestOptions): APIPromise<CreditsConfig> {
    return this._call(creditsRoutes.config, {}, opts);
  }
}

/** Credits: `credits.config.retrieve()`. */
export class Credits extends APIResource {
  /** The credit price table. */
  readonly config: CreditsConfigResource = new CreditsConfigResource(this._client);
}

/**
 * The credits an operation would cost: `operations[operationId].credits × units` from a fetched
 * `CreditsConfig`. An operation missing from the registry is an `InvalidInputError`: Puffle's credits
 * page says never to assume an action is free.
 */
export function estimateCredits(config: CreditsConfig, operationId: string, units: number): number {
  const op = Object.hasOwn(config.operations, operationId) ? config.operations[operationId] : undefined;
  if (!op) {
    throw new InvalidInputError(
      `operationId ${JSON.stringify(operationId)} is not in the credits registry (${config.registryVersion}); do not assume it is free.`,
    );
  }
  if (!Number.isFinite(units) || units < 0) {
    throw new InvalidInputError(`units must be a number ≥ 0; got ${String(units)}.`);
  }
  return op.credits * units;
}
