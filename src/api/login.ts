/**
 * Domain API lookup and the Login Service API (login, refresh, logout) of service `agentVep`.
 */
import { readDomainResponse, readLoginResponse } from './loginResponses.js';
import { configError } from './errors.js';
import { sessionIdFromCookies, type HttpClient } from './http.js';
import { credentialSecrets, csrfBody, loginBody } from './requests.js';
import { isBareHost, originForHost } from './scheme.js';
import type { Credentials, LoginSession } from './types.js';

/** The Login Service version the docs give. */
export const LOGIN_API_VERSION = '1.3';

export interface LookupAgentVepOptions {
  /** E.g. `https://api.liveperson.net` (or the simulator's `domainApiUrl`). */
  domainApiUrl: string;
  accountId: string;
  /** Default `agentVep`. */
  service?: string;
  signal?: AbortSignal;
}

/**
 * Asks the Domain API for the `agentVep` host:
 * `GET {domainApiUrl}/api/account/{accountId}/service/agentVep/baseURI.json?version=1.0`.
 * Returns a bare `host[:port]`.
 */
export async function lookupAgentVep(http: HttpClient, options: LookupAgentVepOptions): Promise<string> {
  const operation = 'lookupAgentVep';
  const account = accountPath(operation, options.accountId);
  const service = options.service ?? 'agentVep';
  if (typeof options.domainApiUrl !== 'string' || !options.domainApiUrl) throw configError(operation, 'domainApiUrl is required');
  const base = options.domainApiUrl.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return http.call(
    {
      operation,
      method: 'GET',
      url: `${base}/api/account/${account}/service/${encodeURIComponent(service)}/baseURI.json`,
      query: { version: '1.0' },
      idempotent: true,
      // 401 here means an unknown account, not an expired login.
      authExpiresOn401: false,
      ...(options.signal ? { signal: options.signal } : {}),
    },
    (data) => readDomainResponse(data, service),
  );
}

export interface LoginOptions {
  /** The `agentVep` host, a bare `host[:port]`. */
  host: string;
  accountId: string;
  credentials: Credentials;
  signal?: AbortSignal;
}

/**
 * Logs the bot user in: `POST https://{host}/api/account/{accountId}/login?v=1.3` with
 * `{username, password}` or `{username, appKey, secret, accessToken, accessTokenSecret}` (OAuth2 client
 * credentials: the token fields are `"dummy"`). Reads the bearer, csrf, TTL, baseURIs and the
 * `Session_id` cookie. A 401 means the credentials were rejected; 451 that LivePerson blocked the
 * account or user.
 */
export async function login(http: HttpClient, options: LoginOptions): Promise<LoginSession> {
  const operation = 'login';
  const account = accountPath(operation, options.accountId);
  const body = loginBody(options.credentials);
  return http.call(
    {
      operation,
      method: 'POST',
      url: `${hostOrigin(operation, options.host, http.settings.loopbackScheme)}/api/account/${account}/login`,
      query: { v: LOGIN_API_VERSION },
      body,
      idempotent: true,
      rateLimitMinDelayMs: http.settings.loginRateLimitMinDelayMs,
      authExpiresOn401: false,
      secrets: credentialSecrets(options.credentials),
      statusHints: {
        401: `LiveEngage rejected the credentials of user ${body.username}`,
        451: `the account or user is blocked by LivePerson; contact LivePerson support`,
      },
      ...(options.signal ? { signal: options.signal } : {}),
    },
    (data, response) => {
      const session = readLoginResponse(data);
      const cookie = sessionIdFromCookies(response.setCookies);
      if (cookie !== undefined) session.sessionIdCookie = cookie;
      return session;
    },
  );
}

export interface SessionCallOptions {
  host: string;
  accountId: string;
  session: LoginSession;
  signal?: AbortSignal;
}

/**
 * Keeps the login session alive (every 3–5 minutes): `POST https://{host}/api/account/{accountId}/refresh`
 * with `{csrf}` and the `Session_id` cookie; 200 with an empty body. Returns the session with the
 * cookie the server sent back, if it sent one. A 401 (`authExpired`) means the login is gone.
 */
export async function refresh(http: HttpClient, options: SessionCallOptions): Promise<LoginSession> {
  const response = await http.request(sessionRequest('refresh', options, http.settings.loopbackScheme));
  const cookie = sessionIdFromCookies(response.setCookies);
  return cookie === undefined ? options.session : { ...options.session, sessionIdCookie: cookie };
}

/** Ends the login session: `POST https://{host}/api/account/{accountId}/logout` with `{csrf}` and the cookie. */
export async function logout(http: HttpClient, options: SessionCallOptions): Promise<void> {
  await http.request(sessionRequest('logout', options, http.settings.loopbackScheme));
}

function sessionRequest(operation: 'refresh' | 'logout', options: SessionCallOptions, loopbackScheme: 'http' | 'https'): Parameters<HttpClient['request']>[0] {
  const account = accountPath(operation, options.accountId);
  const { session } = options;
  if (!session?.csrf) throw configError(operation, 'the login session has no csrf token');
  return {
    operation,
    method: 'POST',
    url: `${hostOrigin(operation, options.host, loopbackScheme)}/api/account/${account}/${operation}`,
    body: csrfBody(session.csrf),
    ...(session.sessionIdCookie ? { cookie: `Session_id=${session.sessionIdCookie}` } : {}),
    idempotent: true,
    secrets: [session.csrf, session.bearer, session.sessionIdCookie],
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

/** `https://host` (loopback: `loopbackScheme`, http by default) after checking the host is a bare `host[:port]`. */
export function hostOrigin(operation: string, host: string, loopbackScheme: 'http' | 'https' = 'http'): string {
  if (typeof host !== 'string' || !isBareHost(host)) {
    throw configError(operation, 'the agentVep host must be a bare host[:port] (no scheme, path or credentials)');
  }
  return originForHost(host, loopbackScheme);
}

/** The account id, checked and encoded for a path. */
export function accountPath(operation: string, accountId: string): string {
  if (typeof accountId !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(accountId)) {
    throw configError(operation, 'accountId must be a non-empty LiveEngage account (site) id');
  }
  return encodeURIComponent(accountId);
}
