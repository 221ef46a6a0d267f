import {
  APIResource,
  getHeader,
  openEnum,
  toRawBody,
  verifyTimestampedSignature,
  WebhookVerificationError,
} from '@quiver/core';
import * as v from 'valibot';

/** The default tolerance: the docs advise rejecting events older than about 35 minutes (vendors/push.md §10). */
export const DEFAULT_WEBHOOK_TOLERANCE = 2100;

/** A Push Security webhook delivery (vendors/push.md §10; api/push-security.md §3). */
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
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;

/** The webhook secret, or the secret with a tolerance in seconds (default 2100). */
export type WebhookSecret =
  | string
  | {
      /** The webhook secret the signature is checked against. */
      secret: string;
      /** Largest accepted age (and clock skew) in seconds. Default `2100` (35 min, vendors/push.md §10). */
      tolerance?: number;
    };

/** Parameters of {@link verifyPushSignature}. */
export interface VerifyPushSignatureParams {
  /** The raw request body, exactly as received (not parsed JSON). */
  payload: string | Uint8Array | ArrayBuffer;
  /** The `X-Signature` header: `t=<unix s>,v1=<hex>`. */
  header: string;
  /** The webhook secret. */
  secret: string;
  /** Largest accepted age (and clock skew) in seconds. Default `2100` (35 min). */
  tolerance?: number;
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * Verifies a webhook's `X-Signature` header: HMAC-SHA256 over `"<t>.<raw body>"` with the webhook secret
 * (vendors/push.md §10), compared in constant time, and `t` within `tolerance` seconds of now (in both
 * directions, so a forged future timestamp cannot extend a replay window). Throws
 * `WebhookVerificationError`; resolves when the delivery is genuine.
 */
export async function verifyPushSignature(params: VerifyPushSignatureParams): Promise<void> {
  const raw = toRawBody(params.payload);
  if (typeof params.secret !== 'string' || params.secret === '') {
    throw new WebhookVerificationError('Push Security webhook: the webhook secret is missing.');
  }
  await verifyTimestampedSignature({
    payload: raw,
    header: params.header,
    secret: params.secret,
    tolerance: params.tolerance ?? DEFAULT_WEBHOOK_TOLERANCE,
    now: (params.now ?? Date.now)(),
    names: { header: 'X-Signature', vendor: 'Push Security' },
  });
}

/** `push.webhooks`: verifying and parsing webhook deliveries. */
export class Webhooks extends APIResource {
  /**
   * Verifies a delivery's `X-Signature` and returns the typed event. Throws `WebhookVerificationError`
   * for a missing or bad signature, a stale timestamp, a parsed (non-raw) body or a body that is not a
   * Push event.
   *
   * ```ts
   * const event = await push.webhooks.unwrap(await request.text(), request.headers, process.env.PUSH_WEBHOOK_SECRET!);
   * ```
   */
  async unwrap(
    rawBody: string | Uint8Array | ArrayBuffer,
    headers: HeadersLike,
    secret: WebhookSecret,
  ): Promise<PushWebhookEvent> {
    const payload = toRawBody(rawBody);
    const options = typeof secret === 'string' ? { secret } : secret;
    await verifyPushSignature({
      payload,
      header: getHeader(headers, 'x-signature') ?? '',
      secret: options?.secret,
      tolerance: options?.tolerance,
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      throw new WebhookVerificationError('Push Security webhook: the body is not valid JSON.', {
        reason: 'invalid_payload',
      });
    }
    const result = v.safeParse(PushWebhookEventSchema, parsed);
    if (!result.success) {
      throw new WebhookVerificationError(
        `Push Security webhook: the body is not a Push event.\n${v.summarize(result.issues)}`,
        { reason: 'invalid_payload' },
      );
    }
    return result.output;
  }
}
