/**
 * The Messaging transport's login and socket, with chat's rules for both: one session per bot user
 * (a login ended soon after it began counts as a takeover by another process of the same user, through
 * `takeover.ts`; at `maxTakeovers` within `takeoverWindowMs` it stops logging in, `LOGIN_ABANDONED`),
 * and a failed login waits `reloginDelaysMs` (LivePerson's slow outer loop) before the next attempt.
 */
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';
import { messagingLogin, type MessagingLogin } from '../messaging/login.js';
import { MessagingConnection, type CloseInfo } from '../messaging/MessagingConnection.js';
import type { HttpClient } from '../api/http.js';
import type { ChatReporter } from './chatReporter.js';
import { loopbackSchemeOf, type LiveEngageLogger, type ResolvedSettings } from './settings.js';
import { takeoverMessage, TakeoverWatch } from './takeover.js';

export interface MessagingSessionDeps {
  settings: ResolvedSettings;
  http: HttpClient;
  report: ChatReporter;
  log: LiveEngageLogger;
  /** Called once when it gives up (takeovers): the transport stops and fails what waits for the socket. */
  onGaveUp(error: Error): void;
}

/** Logs in and opens the connection; counts takeovers on it. */
export async function openMessagingSession(deps: MessagingSessionDeps): Promise<{ login: MessagingLogin; connection: MessagingConnection }> {
  const { settings } = deps;
  const login = await messagingLogin({
    accountId: settings.accountId,
    credentials: settings.credentials,
    domainApiUrl: settings.domainApiUrl,
    ...(settings.agentVepDomain ? { agentVepDomain: settings.agentVepDomain } : {}),
    http: deps.http,
    refreshIntervalMs: settings.refreshIntervalMs,
    ...(settings.logger ? { logger: settings.logger } : {}),
  });
  let loginAt = Date.now();
  let gaveUp: Error | undefined;
  const watch = new TakeoverWatch(settings.maxTakeovers, settings.takeoverWindowMs, settings.takeoverSuspectMs);
  const connection = new MessagingConnection({
    accountId: login.accountId,
    host: login.host,
    auth: {
      bearer: () => login.auth.bearer(),
      relogin: async () => {
        if (gaveUp) throw gaveUp;
        const bearer = await login.auth.relogin();
        loginAt = Date.now();
        return bearer;
      },
    },
    requestTimeoutMs: settings.requestTimeoutMs,
    // The reconnect backoff starts where chat's retries do (5 s by default, as LivePerson's SDK).
    backoff: { initialMs: settings.retryDelaysMs[0] ?? 5000 },
    loginRetryDelaysMs: settings.reloginDelaysMs,
    ...(settings.ca ? { ca: settings.ca } : {}),
    loopbackScheme: loopbackSchemeOf(settings.domainApiUrl) === 'https' ? 'wss' : 'ws',
    ...(settings.logger ? { logger: settings.logger } : {}),
  });
  connection.on('loginFailed', ({ attempt, retryInMs, error }) => deps.report.reloginFailed(attempt, retryInMs, error));
  connection.on('close', (info: CloseInfo) => {
    // UMS ended our login (4401, or the upgrade refused with 401): young, it is another process's login.
    if (gaveUp || (info.code !== 4401 && info.handshakeStatus !== 401)) return;
    const ageMs = Date.now() - loginAt;
    const verdict = watch.rejected(ageMs, Date.now());
    if (!verdict.takeover) return;
    const message = takeoverMessage(settings.credentials.username, verdict, ageMs, settings);
    deps.report.takeover(verdict.count, verdict.gaveUp, message);
    if (!verdict.gaveUp) {
      deps.log.warn('%s', message);
      return;
    }
    deps.log.error('%s', message);
    gaveUp = codedError(Error, message, LiveEngageErrorCode.LOGIN_ABANDONED);
    void connection.close();
    deps.onGaveUp(gaveUp);
  });
  return { login, connection };
}
