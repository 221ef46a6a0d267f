import type { RequestOptions, WaitOptions } from '@quiver/core';

/** Options of Puffle's polling helpers: core's `WaitOptions` plus status reports. */
export interface PollOptions<T> extends WaitOptions {
  /** Called with the first status seen and with every change. */
  onStatus?: ((status: string, current: T) => void) | undefined;
}

/**
 * A waiter's options with its documented cadence as the default: `pollInterval` and `timeout` given
 * by the caller win, `undefined` ones fall back to the endpoint's defaults.
 */
export function waitDefaults<T>(
  opts: PollOptions<T>,
  pollInterval: number,
  timeout: number,
): PollOptions<T> & { pollInterval: number; timeout: number } {
  return {
    ...opts,
    pollInterval: opts.pollInterval ?? pollInterval,
    timeout: opts.timeout ?? timeout,
  };
}

/** Splits `createAndWait` options into the create call's options and the wait's. */
export function splitWait<T>(opts: RequestOptions & PollOptions<T>): [RequestOptions, PollOptions<T>] {
  const { pollInterval, timeout, onStatus, ...request } = opts;
  return [request, { pollInterval, timeout, onStatus, signal: opts.signal }];
}
