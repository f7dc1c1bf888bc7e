import { isBareHost, isLoopbackHost } from '../api/scheme.js';
import { configError } from './errors.js';

/** The API version the SDK uses: transfer-to-agent notifications need 2.1. */
export const MESSAGING_API_VERSION = '2.1';

/**
 * `wss://{host}/ws_api/account/{accountId}/messaging/brand/{bearer}?v=2.1`. The scheme rule of the
 * chat transport: `ws://` only for a loopback host (the simulator), `wss://` for every other host.
 */
export function messagingUrl(
  where: string,
  options: { host: string; accountId: string; bearer: string; apiVersion?: string; loopbackScheme?: 'ws' | 'wss' },
): string {
  const { host, accountId, bearer } = options;
  if (typeof host !== 'string' || !isBareHost(host)) throw configError(where, 'host must be a bare host[:port] (no scheme, path or credentials)');
  if (typeof accountId !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(accountId)) throw configError(where, 'accountId must be a LiveEngage account (site) id');
  if (typeof bearer !== 'string' || !bearer || /[\s/?#]/.test(bearer)) throw configError(where, 'the bearer is missing or not a single path segment');
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  const scheme = isLoopbackHost(hostname) ? options.loopbackScheme ?? 'ws' : 'wss';
  const version = encodeURIComponent(options.apiVersion ?? MESSAGING_API_VERSION);
  return `${scheme}://${host}/ws_api/account/${encodeURIComponent(accountId)}/messaging/brand/${encodeURIComponent(bearer)}?v=${version}`;
}

/** The URL with the bearer segment replaced, for logs and errors. */
export function redactUrl(url: string): string {
  return url.replace(/(\/messaging\/brand\/)[^/?#]+/, '$1***');
}
