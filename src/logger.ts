/**
 * The package's one logging module: the `LiveEngageLogger` type every layer takes (the adapter's
 * `logger` setting, the HTTP client's, monitoring's, the CSAT dialog's, the simulator's) and the
 * default behind it, `debug` under `botbuilder-adapter-liveengage:<part>`.
 */
import createDebug from 'debug';

/** Where the adapter writes what it has to say; defaults to the `debug` namespaces. */
export interface LiveEngageLogger {
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string, ...args: unknown[]): void;
}

/** The `debug` namespace root: `DEBUG=botbuilder-adapter-liveengage:*`. */
const LOG_NAMESPACE = 'botbuilder-adapter-liveengage';

/**
 * A logger for one part of the package: the user's `logger` setting when given, else `debug` under
 * `botbuilder-adapter-liveengage:<part>` (warnings and errors under `<part>:warn` / `<part>:error`).
 */
export function createLogger(part: string, custom?: LiveEngageLogger): LiveEngageLogger {
  if (custom) return custom;
  const debug = createDebug(`${LOG_NAMESPACE}:${part}`);
  const warn = createDebug(`${LOG_NAMESPACE}:${part}:warn`);
  const error = createDebug(`${LOG_NAMESPACE}:${part}:error`);
  return { debug, info: debug, warn, error };
}
