import {
  type HeadersLike,
  openEnum,
  type RawBody,
  unwrapWebhook,
  type VerifyWebhookParams,
  verifyWebhook,
  type WebhookScheme,
  type WebhookSecret,
} from '@quiver/core';
import * as v from 'valibot';

/**
 * The default tolerance in seconds: the docs advise rejecting events older than about 35 minutes
 * (Push Security webhooks docs).
 */
export const DEFAULT_WEBHOOK_TOLERANCE = 2100;

/**
 * A Push Security webhook delivery (Push Security webhooks docs). One envelope for
 * every event: `category`, `type` and `object` are open enums, so an event this SDK version does not
 * know is typed the same way and lands in the `default:` branch of a `switch (event.object)` with
 * every field readable.
 */
export const PushWebhookEventSchema = v.looseObject({
  /** Envelope version, `"1"`. */
  version: v.optional(v.string()),
  /** Idempotency key of the event: the same on every delivery of it. Dedupe on it. */
  id: v.string(),
  /** Format not captured, so kept as received. */
  timestamp: v.optional(v.unknown()),
  category: v.optional(openEnum(['ENTITY', 'DETECTION', 'CONTROL', 'ACTIVITY', 'AUDIT'])),
  type: v.optional(openEnum(['CREATE', 'UPDATE', 'DELETE'])),
  object: v.optional(
    openEnum([
      'ACCOUNT',
      'ACCOUNT_OTHER',
      'APP',
      'BROWSER_EXTENSION',
      'FINDING',
      'LOGIN',
      'BLOCKED_URL_VISITED',
      'PHISHING_TOOL_DETECTED',
      'STOLEN_CREDENTIALS',
      'EMPLOYEE_REMOVED_FROM_GROUP',
    ]),
  ),
  friendlyName: v.optional(v.string()),
  description: v.optional(v.string()),
  /** The object after the change. */
  new: v.optional(v.nullable(v.record(v.string(), v.unknown()))),
  /** The object before the change (updates). */
  old: v.optional(v.nullable(v.record(v.string(), v.unknown()))),
  /** Who acted (audit events). */
  actor: v.optional(v.looseObject({ role: v.optional(openEnum(['FULL_ACCESS', 'READ_ONLY'])) })),
});
/** A verified webhook event. Unknown fields are kept. */
export type PushWebhookEvent = v.InferOutput<typeof PushWebhookEventSchema>;

/** Request headers: a `Headers`, a plain object (any case) or Node's `IncomingHttpHeaders`. */
export type { HeadersLike, RawBody, WebhookSecret };

/**
 * Push Security's webhook scheme for core's one implementation: `X-Signature: t=<unix s>,v1=<hex>`,
 * HMAC-SHA256 over `"<t>.<raw body>"` with the webhook secret.
 */
const pushWebhookScheme: WebhookScheme<PushWebhookEvent> = {
  vendor: 'Push Security',
  headers: ['X-Signature'],
  tolerance: DEFAULT_WEBHOOK_TOLERANCE,
  secretHint: 'the signing secret of the Push Security webhook',
  event: PushWebhookEventSchema,
};

/** Parameters of {@link verifyPushSignature}. */
export interface VerifyPushSignatureParams extends VerifyWebhookParams {
  /** The `X-Signature` header: `t=<unix s>,v1=<hex>`. */
  header: string | null | undefined;
  /** Largest accepted age (and clock skew) in seconds: a finite number ≥ 0. Default `2100` (35 min). */
  tolerance?: number;
}

/**
 * Verifies a webhook's `X-Signature` header: HMAC-SHA256 over `"<t>.<raw body>"` with the webhook secret
 * (Push Security webhooks docs), over the body's bytes exactly as received, compared in constant time,
 * and `t` within `tolerance` seconds of now (in both directions, so a forged future timestamp cannot
 * extend a replay window). Resolves when the delivery is genuine.
 *
 * @throws WebhookVerificationError with a `reason` (`missing_header`, `malformed_header`,
 *   `timestamp_outside_tolerance`, `no_matching_signature`, `body_not_raw`).
 * @throws InvalidInputError without a secret, or with a tolerance that is not a finite number ≥ 0.
 */
export function verifyPushSignature(params: VerifyPushSignatureParams): Promise<void> {
  return verifyWebhook(pushWebhookScheme, params);
}

/**
 * Verifies a delivery's `X-Signature` and returns the typed event; the same as `push.webhooks.unwrap`,
 * usable without a client or an API key. Deliveries may repeat (up to 4): dedupe on `event.id`.
 *
 * ```ts
 * const event = await unwrapPushWebhook(await request.text(), request.headers, process.env.PUSH_WEBHOOK_SECRET!);
 * ```
 *
 * @throws WebhookVerificationError for a missing or bad signature, a stale timestamp, a parsed (non-raw)
 *   body or a body that is not JSON (see `reason`).
 * @throws ResponseValidationError when a verified body is not a Push event.
 * @throws InvalidInputError without a secret, or with a tolerance that is not a finite number ≥ 0.
 */
export function unwrapPushWebhook(
  rawBody: RawBody,
  headers: HeadersLike,
  secret: WebhookSecret,
): Promise<PushWebhookEvent> {
  return unwrapWebhook(pushWebhookScheme, rawBody, headers, secret);
}
