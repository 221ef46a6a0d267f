/**
 * The server side of idempotency keys: the first answer for a key is stored with a hash of its body;
 * the same key with the same body replays that answer, with another body it is a conflict.
 *
 * @module @quiver/core/testing
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './ids.js';
import type { FakeAnswer } from './types.js';

/** What {@link IdempotencyStore.check} found for a key. */
export type IdempotencyCheck =
  | {
      /** First use of the key (or it expired): handle the request, then `save` the answer. */
      kind: 'new';
    }
  | {
      /** Same key, same body: answer `answer` again without doing anything. */
      kind: 'replay';
      /** The stored answer (a copy). */
      answer: FakeAnswer;
    }
  | {
      /** Same key, another body: the vendor's conflict answer (usually a 409 or 422). */
      kind: 'conflict';
    };

/** Options of {@link IdempotencyStore}. */
export interface IdempotencyStoreOptions {
  /** How long a key is remembered, in ms. Default 24 hours. */
  ttlMs?: number;
  /** The clock. Default `Date.now`. */
  now?: () => number;
}

/**
 * Key → { hash of the canonical body, stored answer }. "The same body" ignores key order
 * ({@link canonicalJson}); strip fields the vendor leaves out of the comparison before calling.
 *
 * ```ts
 * const seen = store.check(key, body);
 * if (seen.kind === 'replay') return seen.answer;
 * if (seen.kind === 'conflict') throw new HttpError(409, 'idempotency key reused with another body');
 * const answer = create(body);
 * store.save(key, body, answer);
 * return answer;
 * ```
 */
export class IdempotencyStore {
  readonly #entries = new Map<string, { hash: string; answer: FakeAnswer; at: number }>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: IdempotencyStoreOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 24 * 3600_000;
    this.#now = options.now ?? Date.now;
  }

  /** The hash a body is compared by: SHA-256 of its canonical JSON. */
  static hash(body: unknown): string {
    return createHash('sha256').update(canonicalJson(body)).digest('hex');
  }

  /** Whether `key` was seen with this body, another body, or not at all. */
  check(key: string, body: unknown): IdempotencyCheck {
    const entry = this.#entries.get(key);
    if (!entry || this.#now() - entry.at >= this.#ttlMs) return { kind: 'new' };
    if (entry.hash !== IdempotencyStore.hash(body)) return { kind: 'conflict' };
    return { kind: 'replay', answer: structuredClone(entry.answer) };
  }

  /** Stores the answer given for `key` and `body`. */
  save(key: string, body: unknown, answer: FakeAnswer): void {
    this.#entries.set(key, {
      hash: IdempotencyStore.hash(body),
      answer: structuredClone(answer),
      at: this.#now(),
    });
  }

  /** Forgets every key. */
  clear(): void {
    this.#entries.clear();
  }

  /** How many keys are remembered. */
  get size(): number {
    return this.#entries.size;
  }
}
