/**
 * Readers of the Domain API and Login Service answers (service hosts, the login session, the error
 * envelope), on the toolkit of `responseReader.ts`.
 */
import { NUMERIC, pathOf, Reader, type Obj } from './responseReader.js';
import { isBareHost } from './scheme.js';
import type { LoginSession } from './types.js';

/**
 * The host of `service` (`agentVep`) from a Domain API answer, in either documented shape:
 * `{service, account, baseURI}` or `{baseURIs: [{service, account, baseURI}, ...]}`. The host is
 * checked to be a bare `host[:port]`.
 */
export function readDomainResponse(json: unknown, service = 'agentVep'): string {
  const r = new Reader('domain response');
  const root = r.obj(json, '');
  if (root.baseURIs !== undefined) {
    for (const item of r.items(root.baseURIs, 'baseURIs')) {
      const entry = r.obj(item.value, item.path);
      if (r.optStr(entry, item.path, 'service') === service) return bareHost(r, entry, item.path);
    }
    return r.fail('baseURIs', `has no entry for service ${service}`);
  }
  const named = r.optStr(root, '', 'service');
  if (named !== undefined && named !== service) r.fail('service', `is not ${service}`);
  return bareHost(r, root, '');
}

function bareHost(r: Reader, o: Obj, path: string): string {
  const host = r.str(o, path, 'baseURI').trim();
  if (!isBareHost(host)) r.fail(pathOf(path, 'baseURI'), 'is not a bare host[:port]');
  return host;
}

/**
 * A login answer -> `LoginSession` (without the `Session_id` cookie, which comes in a header).
 * `csdsCollectionResponse.baseURIs` entries whose host is not a bare `host[:port]` are left out; an
 * unusable `agentVep` entry throws, since that is the host the agent session goes to.
 */
export function readLoginResponse(json: unknown): LoginSession {
  const r = new Reader('login response');
  const root = r.obj(json, '');
  const session: LoginSession = {
    bearer: r.str(root, '', 'bearer'),
    csrf: r.str(root, '', 'csrf'),
    baseUris: {},
  };
  const ttl = r.optNum(root, '', 'sessionTTl');
  if (ttl !== undefined) session.sessionTtlMs = ttl;
  const config = r.optObj(root.config, 'config');
  if (config) {
    const userId = r.optId(config, 'config', 'userId');
    const loginName = r.optStr(config, 'config', 'loginName');
    if (userId !== undefined) session.userId = userId;
    if (loginName !== undefined) session.loginName = loginName;
  }
  const csds = r.optObj(root.csdsCollectionResponse, 'csdsCollectionResponse');
  if (csds) {
    for (const item of r.items(csds.baseURIs, 'csdsCollectionResponse.baseURIs')) {
      const entry = r.obj(item.value, item.path);
      const service = r.optStr(entry, item.path, 'service');
      const host = r.optStr(entry, item.path, 'baseURI')?.trim();
      if (!service || !host || service in session.baseUris) continue;
      if (isBareHost(host)) session.baseUris[service] = host;
      else if (service === 'agentVep') r.fail(pathOf(item.path, 'baseURI'), 'is not a bare host[:port]');
    }
  }
  return session;
}

/** The Login Service error envelope `{error:{time,message,internalCode,responseStatus}}`, if that is what it is. */
export function readErrorEnvelope(json: unknown): { message: string; internalCode?: number; time?: string; responseStatus?: string } | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const error = (json as Obj).error;
  if (!error || typeof error !== 'object') return undefined;
  const e = error as Obj;
  if (typeof e.message !== 'string') return undefined;
  const out: { message: string; internalCode?: number; time?: string; responseStatus?: string } = { message: e.message };
  if (typeof e.internalCode === 'number' || (typeof e.internalCode === 'string' && NUMERIC.test(e.internalCode))) out.internalCode = Number(e.internalCode);
  if (typeof e.time === 'string') out.time = e.time;
  if (typeof e.responseStatus === 'string') out.responseStatus = e.responseStatus;
  return out;
}

