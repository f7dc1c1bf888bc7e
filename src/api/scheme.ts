/**
 * The scheme rule: real Chat Agent API hosts are reached over https only; plain http is allowed for
 * loopback hosts alone (the simulator, local tests).
 */

/** `localhost`, `127.0.0.0/8` and `[::1]` (with or without brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  return /^127(\.\d{1,3}){3}$/.test(host) && host.split('.').every((part) => Number(part) <= 255);
}

/** Whether an absolute URL points at a loopback host. False for anything that does not parse. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Whether a value names a bare `host[:port]` (no scheme, path, query, userinfo): what the Domain API and
 * login return as `baseURI`, and what callers give as the agentVep domain. Checked before a host is
 * put into a URL, so a server can never steer the client to another scheme or path.
 */
export function isBareHost(value: string): boolean {
  const match = /^(?:([A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\.?)|\[([0-9A-Fa-f:.]+)\])(?::(\d{1,5}))?$/.exec(value);
  if (!match || value.length > 260) return false;
  const port = match[3];
  return port === undefined || (Number(port) > 0 && Number(port) <= 65535);
}

/** The hostname part of a bare `host[:port]` (brackets kept for IPv6). */
function hostnameOf(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
}

/**
 * `https://host` for every host but loopback, which gets `loopbackScheme` (`http` by default: the
 * simulator; `https` for a simulator in TLS mode). The scheme rule.
 */
export function originForHost(host: string, loopbackScheme: 'http' | 'https' = 'http'): string {
  return `${isLoopbackHost(hostnameOf(host)) ? loopbackScheme : 'https'}://${host}`;
}

/**
 * Whether a URL's host may be sent the bearer issued for the agent session on `trusted`: the same
 * host, or a name in the same parent domain (LiveEngage links `va-a.agentvep.liveperson.net` from a
 * session on `va.agentvep.liveperson.net`). An IP address or `localhost` must match exactly. Keeps a
 * link in a response from steering the bearer to another site.
 */
export function sharesSite(hostname: string, trusted: string): boolean {
  const a = hostname.toLowerCase().replace(/\.$/, '');
  const b = trusted.toLowerCase().replace(/\.$/, '');
  if (a === b) return true;
  const isName = (h: string) => /[a-z]/.test(h.replace(/^\[.*\]$/, '')) && !h.startsWith('[') && h !== 'localhost' && h.includes('.');
  if (!isName(a) || !isName(b)) return false;
  const site = (h: string) => h.split('.').slice(-2).join('.');
  return site(a) === site(b);
}
