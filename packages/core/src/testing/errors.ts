/**
 * An HTTP error thrown from a fake's handler or middleware (or a kit helper such as `cursorPage`).
 *
 * @module @quiver/core/testing
 */

/**
 * Throw it anywhere in a route handler or a middleware: the fake answers `status` with the server's
 * `errorBody(status, message)` and `headers` added.
 *
 * ```ts
 * server.route('GET', '/v1/things/:id', (req) => {
 *   const thing = things.get(req.params.id!);
 *   if (!thing) throw new HttpError(404, 'thing not found');
 *   return { status: 200, body: thing };
 * });
 * ```
 */
export class HttpError extends Error {
  /** The status to answer. */
  readonly status: number;
  /** Extra response headers (e.g. `{ 'retry-after': '1' }`). */
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.headers = { ...headers };
  }
}
