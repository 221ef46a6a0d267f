/**
 * Test helpers for code that uses a Quiver client, independent of the test framework.
 */

/**
 * The rejection of a call that must fail: `const error = await rejection(client.things.retrieve('x'))`.
 * Resolves with whatever the call rejected with (typed loosely, so a test can read any error class's
 * fields); rejects when the call succeeded instead.
 */
// biome-ignore lint/suspicious/noExplicitAny: tests inspect the fields of whichever error class arrived
export async function rejection(promise: PromiseLike<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
