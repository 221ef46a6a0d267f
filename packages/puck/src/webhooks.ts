import {
  type HeadersLike,
  InvalidInputError,
  openEnum,
  type RawBody,
  signTimestamped,
  type UnknownEventType,
  unwrapWebhook,
  type VerifyWebhookParams,
  verifyWebhook,
  type WebhookFailureReason,
  type WebhookScheme,
  type WebhookSecret,
  type WebhookVerificationError,
} from '@quiver/core';
import * as v from 'valibot';
import { ScopeSchema, SeveritySchema } from './resources/shared.js';

// ---------------------------------------------------------------------------------------------
// Events (Puck webhook docs: events)
// ---------------------------------------------------------------------------------------------

/**
 * Event types. The docs say there are nine; four names were readable (Puck webhook docs, Event types), so the
 * enum is open and the other five arrive as plain strings.
 */
export const PuckEventTypeSchema = openEnum([
  'investigation.queued',
  'investigation.completed',
  'finding.discovered',
  'agent.registered',
]);
/** A webhook event type: the four documented names, or any other string. */
export type PuckEventType = v.InferOutput<typeof PuckEventTypeSchema>;

const envelope = {
  event_id: v.string(),
  emitted_at: v.string(),
  api_version: v.string(),
};
/** The fields every delivery's envelope carries, as the schema of an event type Puck has not documented yet. */
export const EnvelopeFieldsSchema = v.object({ ...envelope, data: v.looseObject({}) });

/** The envelope every delivery shares; `data` is event-specific. */
export const PuckEventEnvelopeSchema = v.looseObject({
  ...envelope,
  event_type: PuckEventTypeSchema,
  data: v.looseObject({}),
});
/** Any Puck event, known type or not: use it to log or store events this SDK version does not know. */
export type PuckEventEnvelope = v.InferOutput<typeof PuckEventEnvelopeSchema>;

/** `investigation.queued`: once per investigation, right after the record was created. */
export const InvestigationQueuedEventSchema = v.looseObject({
  ...envelope,
  event_type: v.literal('investigation.queued'),
  data: v.looseObject({
    investigation_id: v.string(),
    query: v.optional(v.string()),
    scope: v.optional(v.nullable(ScopeSchema)),
    // Always null on this event (Puck webhook docs, Event types); accepted as a severity in case that changes.
    severity: v.optional(v.nullable(SeveritySchema)),
    queued_at: v.optional(v.string()),
  }),
});
/** An `investigation.queued` delivery. */
export type InvestigationQueuedEvent = v.InferOutput<typeof InvestigationQueuedEventSchema>;

/** `investigation.completed`: the report is stored and every agent has checked in. */
export const InvestigationCompletedEventSchema = v.looseObject({
  ...envelope,
  event_type: v.literal('investigation.completed'),
  data: v.looseObject({
    investigation_id: v.string(),
    query: v.optional(v.string()),
    severity: v.optional(v.nullable(SeveritySchema)),
    finding_count: v.optional(v.number()),
    summary: v.optional(v.string()),
  }),
});
/** An `investigation.completed` delivery. */
export type InvestigationCompletedEvent = v.InferOutput<typeof InvestigationCompletedEventSchema>;

/** `finding.discovered`: payload not captured (Puck webhook docs, Event types); `data` passes through. */
export const FindingDiscoveredEventSchema = v.looseObject({
  ...envelope,
  event_type: v.literal('finding.discovered'),
  data: v.looseObject({}),
});
/** A `finding.discovered` delivery. */
export type FindingDiscoveredEvent = v.InferOutput<typeof FindingDiscoveredEventSchema>;

/** `agent.registered`: payload not captured (Puck webhook docs, Event types); `data` passes through. */
export const AgentRegisteredEventSchema = v.looseObject({
  ...envelope,
  event_type: v.literal('agent.registered'),
  data: v.looseObject({}),
});
/** An `agent.registered` delivery. */
export type AgentRegisteredEvent = v.InferOutput<typeof AgentRegisteredEventSchema>;

const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set([
  'investigation.queued',
  'investigation.completed',
  'finding.discovered',
  'agent.registered',
]);

/**
 * An event type this SDK version does not know: its envelope checked, `data` as sent. Its
 * `event_type` is the string Puck sent, typed opaquely so that the known names still narrow (read it
 * with `String(event.event_type)`).
 */
export type UnknownPuckEvent = v.InferOutput<typeof EnvelopeFieldsSchema> & {
  /** The event type Puck sent, one this SDK version does not know: read it with `String(event.event_type)`. */
  event_type: UnknownEventType;
};

/**
 * A verified webhook event: a discriminated union on `event_type`, so `switch (event.event_type)`
 * narrows `data`. The union is open: an event type this SDK version does not know is returned with
 * its envelope checked and `data` as sent, and lands in your `default:` branch as `UnknownPuckEvent`.
 */
export type PuckEvent =
  | InvestigationQueuedEvent
  | InvestigationCompletedEvent
  | FindingDiscoveredEvent
  | AgentRegisteredEvent
  | UnknownPuckEvent;

/**
 * Validates a parsed event: a known `event_type` against its own schema, any other one against the
 * envelope only (the event list is open; Puck webhook docs, Event types).
 */
export const PuckEventSchema = v.union([
  v.variant('event_type', [
    InvestigationQueuedEventSchema,
    InvestigationCompletedEventSchema,
    FindingDiscoveredEventSchema,
    AgentRegisteredEventSchema,
  ]),
  v.pipe(
    PuckEventEnvelopeSchema,
    v.check(
      (event) => !KNOWN_EVENT_TYPES.has(event.event_type),
      'known event type with an unexpected payload',
    ),
  ),
]);

// ---------------------------------------------------------------------------------------------
// Signatures (Puck webhook docs, Verifying signatures)
// ---------------------------------------------------------------------------------------------

/** Why a delivery failed verification: `err.reason` on the thrown `WebhookVerificationError`. */
export type PuckWebhookFailureReason = WebhookFailureReason;

/** A `WebhookVerificationError` raised by Puck verification; its `reason` says why. */
export type PuckWebhookVerificationError = WebhookVerificationError;

/** Request headers in any common shape: `Headers`, a plain object, Node's `IncomingHttpHeaders`. */
export type { HeadersLike, RawBody };

/** Default timestamp tolerance in seconds, both directions (Puck's webhook docs, Verifying signatures). */
export const DEFAULT_TOLERANCE = 300;

/** The signature header, and the spelling one docs page uses for it. */
export const SIGNATURE_HEADER = 'X-Puck-Signature';
const SIGNATURE_HEADER_ALT = 'X-Puck-Signature-256';

const SECRET_HINT = 'the whsec_… value returned when the webhook subscription was created';

/**
 * Puck's webhook scheme for core's one implementation: `X-Puck-Signature` (or, when absent, the
 * `X-Puck-Signature-256` spelling one docs page uses), `t=<unix s>,v1=<hex>` over `"<t>.<raw body>"`.
 */
const puckWebhookScheme: WebhookScheme<PuckEvent> = {
  vendor: 'Puck',
  headers: [SIGNATURE_HEADER, SIGNATURE_HEADER_ALT],
  tolerance: DEFAULT_TOLERANCE,
  secretHint: SECRET_HINT,
  event: PuckEventSchema,
};

function checkSecret(secret: unknown): asserts secret is string {
  if (typeof secret !== 'string' || secret === '') {
    throw new InvalidInputError(`secret is required: ${SECRET_HINT}.`);
  }
}

/** Arguments of `verifyPuckSignature`. */
export interface VerifyPuckSignatureParams extends VerifyWebhookParams {
  /** The `X-Puck-Signature` header value: `t=<unix seconds>,v1=<hex>`. */
  header: string | null | undefined;
  /** The subscription's signing secret (`whsec_…`), used as given (prefix included). */
  secret: string;
  /** Allowed clock difference in seconds, both directions: a finite number ≥ 0. Default `300`. */
  tolerance?: number;
}

/**
 * Verifies a Puck webhook signature (Puck webhook docs, Verifying signatures): HMAC-SHA256 of `"<t>.<raw body>"` under
 * the secret, hex, compared in constant time with every `v1` in the header; the timestamp must be
 * within `tolerance` seconds of now, in either direction. WebCrypto only: runs on Node, Deno, Bun and
 * edge workers.
 *
 * The HMAC key is the UTF-8 of the secret exactly as given, `whsec_` prefix included, not
 * base64-decoded: the docs' sample passes the secret string unchanged (Puck webhook docs, Verifying signatures).
 *
 * @throws WebhookVerificationError with `reason` `missing_header`, `malformed_header`,
 *   `timestamp_outside_tolerance`, `no_matching_signature` or `body_not_raw`.
 * @throws InvalidInputError without a secret, or with a tolerance that is not a finite number ≥ 0.
 */
export function verifyPuckSignature(params: VerifyPuckSignatureParams): Promise<void> {
  return verifyWebhook(puckWebhookScheme, params);
}

/** Arguments of `generatePuckSignatureHeader`. */
export interface GeneratePuckSignatureParams {
  /** The exact body that will be sent. */
  payload: string | Uint8Array;
  /** The signing secret (`whsec_…`). */
  secret: string;
  /** Unix seconds. Default: now. */
  timestamp?: number;
}

/**
 * Builds an `X-Puck-Signature` value (`t=<unix seconds>,v1=<hex>`) for a body, the way Puck signs
 * deliveries: for testing your receiver.
 */
export async function generatePuckSignatureHeader(params: GeneratePuckSignatureParams): Promise<string> {
  checkSecret(params.secret);
  const timestamp = String(params.timestamp ?? Math.floor(Date.now() / 1000));
  if (!/^\d+$/.test(timestamp)) {
    throw new InvalidInputError(`timestamp must be whole Unix seconds; got ${timestamp}.`);
  }
  return signTimestamped({ payload: params.payload, secret: params.secret, timestamp: Number(timestamp) });
}

/** The secret (`whsec_…`, used as given), or `{ secret, tolerance }` (seconds, default 300), as `unwrap` accepts them. */
export type UnwrapSecret = WebhookSecret;

/**
 * Verifies a delivery and returns its typed event. The signature is read from `X-Puck-Signature`
 * (any case) and, when that is absent, from `X-Puck-Signature-256`, the spelling one docs page uses.
 * Deliveries are at-least-once: deduplicate on `event.event_id`.
 *
 * @throws WebhookVerificationError when the signature, timestamp or body is wrong (see `reason`).
 * @throws ResponseValidationError when a verified body is not a Puck event.
 * @throws InvalidInputError without a secret, or with a tolerance that is not a finite number ≥ 0. or with a tolerance that is not a finite number ≥ 0.
 */
export function unwrapPuckWebhook(
  rawBody: RawBody,
  headers: HeadersLike,
  secret: UnwrapSecret,
): Promise<PuckEvent> {
  return unwrapWebhook(puckWebhookScheme, rawBody, headers, secret);
}
