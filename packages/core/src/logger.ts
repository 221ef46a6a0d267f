/** Where a client writes its log lines. `console` fits. */
export interface Logger {
  /** Failures. */
  error(message: string, ...args: unknown[]): void;
  /** Problems that did not stop the call (a response that did not match its schema). */
  warn(message: string, ...args: unknown[]): void;
  /** Retries. */
  info(message: string, ...args: unknown[]): void;
  /** One line per attempt: method, path, status, attempt, duration, allow-listed headers. */
  debug(message: string, ...args: unknown[]): void;
}

/** How much a client logs. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

const ORDER: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** A logger that drops lines above `level`. */
export function levelledLogger(logger: Logger, level: LogLevel): Logger {
  const noop = () => {};
  const at = (l: Exclude<LogLevel, 'off'>) => (ORDER[level] >= ORDER[l] ? logger[l].bind(logger) : noop);
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && value in ORDER;
}
