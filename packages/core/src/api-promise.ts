import type { RateLimitInfo } from './rate-limit.js';

/** A result together with the HTTP response it came from. */
export interface WithResponse<T> {
  /** The result, as the awaited promise gives it. */
  data: T;
  /** The HTTP response (its body already read). */
  response: Response;
  /** From the `x-request-id` or `request-id` response header. */
  requestId: string | undefined;
  /** Parsed from the vendor's rate-limit headers, when sent. */
  rateLimit: RateLimitInfo | undefined;
}

/**
 * The promise every client method returns: await it for the data, or call `.withResponse()` for the
 * data plus the response, request id and rate-limit state.
 */
export class APIPromise<T> extends Promise<T> {
  readonly #inner: Promise<WithResponse<T>>;
  #data: Promise<T> | undefined;

  constructor(inner: Promise<WithResponse<T>>) {
    // The base Promise is a placeholder: `then` is delegated to the inner promise.
    super((resolve) => resolve(undefined as T));
    this.#inner = inner;
  }

  /** Derived promises (`.then()` results) are plain Promises. */
  static override get [Symbol.species]() {
    return Promise;
  }

  /** The data together with the response, request id and rate-limit state. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#inner;
  }

  #parsed(): Promise<T> {
    this.#data ??= this.#inner.then((r) => r.data);
    return this.#data;
  }

  // biome-ignore lint/suspicious/noThenProperty: this is a Promise
  override then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#parsed().then(onfulfilled, onrejected);
  }

  override catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#parsed().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#parsed().finally(onfinally);
  }
}
