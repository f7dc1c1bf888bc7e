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
