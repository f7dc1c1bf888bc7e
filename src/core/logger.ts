import createDebug from 'debug';
import type { LiveEngageLogger } from './settings.js';

/** The `debug` namespace root: `DEBUG=botbuilder-adapter-liveengage:*`. */
export const LOG_NAMESPACE = 'botbuilder-adapter-liveengage';

/**
 * A logger for one part of the adapter: the user's `logger` setting when given, else `debug` under
 * `botbuilder-adapter-liveengage:<part>` (warnings and errors under `<part>:warn` / `<part>:error`).
 */
export function createLogger(part: string, custom?: LiveEngageLogger): LiveEngageLogger {
  if (custom) return custom;
  const debug = createDebug(`${LOG_NAMESPACE}:${part}`);
  const warn = createDebug(`${LOG_NAMESPACE}:${part}:warn`);
  const error = createDebug(`${LOG_NAMESPACE}:${part}:error`);
  return { debug, info: debug, warn, error };
}
