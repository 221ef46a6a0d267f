import { generatePuckSignatureHeader, type PuckEventType } from '../webhooks.js';

/** A Puck event envelope as the fake (and `buildPuckEvent`) produces it (Puck's API docs, “Delivery envelope and headers”). */
export interface FakePuckEvent {
  /** A random UUID, stable across re-deliveries of the same event: deduplicate on it (Puck's API docs, “Delivery envelope and headers”). */
  event_id: string;
  /** The event type, e.g. `investigation.completed` (Puck's API docs, “Event types”). */
  event_type: PuckEventType;
  /** Emission time, ISO-8601 UTC to the second (Puck's API docs, “Delivery envelope and headers”). */
  emitted_at: string;
  /** Always `"v1"` (Puck's API docs, “Delivery envelope and headers”). */
  api_version: 'v1';
  /** The event-specific payload, e.g. `{ investigation_id, query, severity }` (Puck's API docs, “Event types”). */
  data: Record<string, unknown>;
}

/** ISO-8601 UTC without fractional seconds, the way Puck writes timestamps (Puck's API docs, “Base URL, versioning, transport”). */
export function isoSeconds(ms: number = Date.now()): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Builds an event envelope: `{ event_id, event_type, emitted_at, api_version: 'v1', data }`.
 *
 * ```ts
 * const event = buildPuckEvent('investigation.completed', { investigation_id: 'inv_1', severity: 'high' });
 * ```
 */
export function buildPuckEvent(
  eventType: PuckEventType,
  data: Record<string, unknown>,
  overrides: Partial<Omit<FakePuckEvent, 'data'>> = {},
): FakePuckEvent {
  return {
    event_id: overrides.event_id ?? crypto.randomUUID(),
    event_type: overrides.event_type ?? eventType,
    emitted_at: overrides.emitted_at ?? isoSeconds(),
    api_version: 'v1',
    data,
  };
}

/** Options of `signPuckPayload`. */
export interface SignPuckPayloadOptions {
  /** Unix seconds to sign with. Default: now. Use an old one to test your stale-delivery handling. */
  timestamp?: number;
  /** `X-Puck-Delivery-Id`. Default: a new id. */
  deliveryId?: string;
}

/** A signed delivery, ready to POST to your receiver (or to pass to `puck.webhooks.unwrap`). */
export interface SignedPuckPayload {
  /** The exact body that was signed. Send it byte for byte. */
  body: string;
  /** `Content-Type`, `X-Puck-Signature`, `X-Puck-Event-Id`, `X-Puck-Event-Type`, `X-Puck-Delivery-Id`. */
  headers: Record<string, string>;
}

/**
 * Signs a payload the way Puck signs deliveries (`X-Puck-Signature: t=…,v1=…`, Puck's API docs
 * §11.6), for your own receiver tests. An object is serialised with `JSON.stringify`; a string is
 * signed as given.
 *
 * ```ts
 * const { body, headers } = await signPuckPayload(buildPuckEvent('investigation.completed', { … }), secret);
 * await fetch('http://127.0.0.1:3000/puck/events', { method: 'POST', headers, body });
 * ```
 */
export async function signPuckPayload(
  payload: string | object,
  secret: string,
  options: SignPuckPayloadOptions = {},
): Promise<SignedPuckPayload> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const signature = await generatePuckSignatureHeader(
    options.timestamp === undefined
      ? { payload: body, secret }
      : { payload: body, secret, timestamp: options.timestamp },
  );
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-puck-signature': signature,
    'x-puck-delivery-id': options.deliveryId ?? `dlv_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`,
  };
  let event: { event_id?: unknown; event_type?: unknown } | undefined;
  try {
    event = typeof payload === 'string' ? JSON.parse(payload) : (payload as typeof event);
  } catch {
    event = undefined;
  }
  if (typeof event?.event_id === 'string') headers['x-puck-event-id'] = event.event_id;
  if (typeof event?.event_type === 'string') headers['x-puck-event-type'] = event.event_type;
  return { body, headers };
}
