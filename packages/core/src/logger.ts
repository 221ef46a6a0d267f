/** Where a client writes its log lines. `console` fits. */
export interface Logger {
  error(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
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
