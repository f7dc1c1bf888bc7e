import { createHttpClient, login, logout, lookupAgentVep, refresh, type Credentials, type HttpClient, type HttpSettings, type LoginSession } from '../api/index.js';
import { createLogger } from '../logger.js';
import type { LiveEngageLogger } from '../logger.js';
import { configError, describe } from './errors.js';
import type { MessagingAuth } from './MessagingConnection.js';

export interface MessagingLoginOptions {
  accountId: string;
  credentials: Credentials;
  /** Default `https://api.liveperson.net`. */
  domainApiUrl?: string;
  /** Skip the Domain API for the Login Service host. */
  agentVepDomain?: string;
  /** Skip the lookup of the websocket host (`asyncMessagingEnt`). */
  messagingDomain?: string;
  http?: HttpClient | HttpSettings;
  /**
   * Keep the login alive with the Login Service's `/refresh` this often, ms (the docs: every 3–5 minutes).
   * Default 300000; 0 = never (the bearer then dies at `sessionTTl` and the socket's 4401 logs in again).
   */
  refreshIntervalMs?: number;
  logger?: LiveEngageLogger;
}

export interface MessagingLogin {
  accountId: string;
  /** The login's `config.userId` (the wire's agent id is `{accountId}.{userId}`). */
  userId: string;
  /** The websocket host, a bare `host[:port]`. */
  host: string;
  /** For `MessagingConnection`: the current bearer, and a fresh login when UMS says it is gone. */
  auth: MessagingAuth;
  /** The current Login Service session (csrf and cookie for refresh and logout). */
  session(): LoginSession;
  /** Stops the refresh timer and logs out (best effort). */
  logout(): Promise<void>;
}

/**
 * Logs the bot user in through the Login Service (the same one chat uses) and finds the UMS host:
 * the login's `csdsCollectionResponse`, else the Domain API (`asyncMessagingEnt`, then `facadeMsg`).
 */
export async function messagingLogin(options: MessagingLoginOptions): Promise<MessagingLogin> {
  const where = 'messagingLogin()';
  if (!options || typeof options.accountId !== 'string' || !options.accountId) throw configError(where, 'accountId is required');
  if (!options.credentials) throw configError(where, 'credentials are required');
  const http = options.http && 'call' in options.http ? options.http : createHttpClient((options.http as HttpSettings | undefined) ?? {});
  const domainApiUrl = options.domainApiUrl ?? 'https://api.liveperson.net';
  const { accountId, credentials } = options;
  const agentVep = options.agentVepDomain ?? (await lookupAgentVep(http, { domainApiUrl, accountId }));
  let session = await login(http, { host: agentVep, accountId, credentials });
  if (!session.userId) throw configError(where, 'the login response has no config.userId');
  const userId = session.userId;
  const host =
    options.messagingDomain ??
    session.baseUris.asyncMessagingEnt ??
    session.baseUris.facadeMsg ??
    (await lookupAgentVep(http, { domainApiUrl, accountId, service: 'asyncMessagingEnt' }));
  let renewing: Promise<string> | undefined;
  const auth: MessagingAuth = {
    bearer: () => session.bearer,
    // One login at a time, however many callers ask (a storm of 4401s is one re-login).
    relogin: () =>
      (renewing ??= login(http, { host: agentVep, accountId, credentials })
        .then((fresh) => {
          session = fresh;
          return fresh.bearer;
        })
        .finally(() => {
          renewing = undefined;
        })),
  };
  // Refresh keeps the bearer alive; a 401 means the login is gone: the next 4401 logs in again.
  const log = createLogger('messaging:login', options.logger);
  const every = options.refreshIntervalMs ?? 300_000;
  const timer = every > 0 ? setInterval(() => {
    const current = session;
    refresh(http, { host: agentVep, accountId, session: current })
      .then((kept) => {
        // A re-login meanwhile has the newer session: keep that one.
        if (session === current) session = kept;
      })
      .catch((error: unknown) => log.warn('messaging: login refresh failed: %s', describe(error)));
  }, every) : undefined;
  timer?.unref();
  return {
    accountId,
    userId,
    host,
    auth,
    session: () => session,
    logout: async () => {
      clearInterval(timer);
      await logout(http, { host: agentVep, accountId, session }).catch((error: unknown) => log.debug('messaging: logout failed: %s', describe(error)));
    },
  };
}
