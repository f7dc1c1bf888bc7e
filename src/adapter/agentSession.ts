import { ChatAgentClient } from '../api/chatAgent.js';
import type { HttpClient } from '../api/http.js';
import { login, logout, lookupAgentVep, refresh } from '../api/login.js';
import { originForHost } from '../api/scheme.js';
import type { AgentInfo, LoginSession } from '../api/types.js';
import type { LiveEngageLogger, ResolvedSettings } from './settings.js';

/**
 * The bot user's presence in LiveEngage: Domain API lookup, login, agent session, Online; the refresh
 * keep-alive; a new login and agent session when the old one is rejected; logout.
 */
export class AgentSession {
  /** The `agentVep` host that serves login and the agent session. */
  host = '';
  agentSessionUrl = '';
  agent!: AgentInfo;
  client!: ChatAgentClient;
  private login?: LoginSession;
  private refreshTimer?: NodeJS.Timeout;
  private renewing?: Promise<void>;
  private failedRenewals = 0;
  private nextRenewalAt = 0;

  constructor(
    private readonly settings: ResolvedSettings,
    private readonly http: HttpClient,
    private readonly log: LiveEngageLogger,
    /** Runs after a renewal, before callers carry on: the open chats' URLs changed with the agent session. */
    private readonly onRenewed: () => Promise<void> = async () => {},
  ) {}

  /** Logs in, opens the agent session and goes Online. */
  async open(signal?: AbortSignal): Promise<void> {
    const { accountId, domainApiUrl, credentials } = this.settings;
    if ('accessToken' in credentials && credentials.accessToken && credentials.accessToken !== 'dummy') {
      this.log.warn('OAuth1 API-key login (accessToken/accessTokenSecret) reached end of life on 30 Apr 2026; use OAuth2 client credentials: appKey = client id, secret = client secret, no token fields');
    }
    this.host = this.settings.agentVepDomain ?? (await lookupAgentVep(this.http, { domainApiUrl, accountId }));
    this.log.debug('agentVep host %s', this.host);
    await this.signIn();
    this.scheduleRefresh(signal);
  }

  /** The account's base URL on the agent host; serves as `serviceUrl` in conversation references. */
  get serviceUrl(): string {
    return `${originForHost(this.host, this.http.settings.loopbackScheme)}/api/account/${this.settings.accountId}`;
  }

  /**
   * A new login and agent session after the bearer was rejected (401) or refresh failed. Concurrent
   * callers share one renewal.
   */
  renew(why: string): Promise<void> {
    if (this.renewing) return this.renewing;
    // LivePerson's retry policy: after a failed login, a slow outer loop (2, 4, 8 minutes).
    const onHold = this.nextRenewalAt - Date.now();
    if (onHold > 0) {
      return Promise.reject(new Error(`logging in again is on hold for ${Math.ceil(onHold / 1000)} s after ${this.failedRenewals} failed attempt(s)`));
    }
    this.renewing = this.signInAgain(why).finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async signInAgain(why: string): Promise<void> {
    this.log.warn('renewing the login and agent session: %s', why);
    try {
      await this.signIn();
      await this.onRenewed();
      this.failedRenewals = 0;
      this.nextRenewalAt = 0;
    } catch (error) {
      const delays = this.settings.reloginDelaysMs;
      this.failedRenewals += 1;
      this.nextRenewalAt = Date.now() + (delays[Math.min(this.failedRenewals, delays.length) - 1] ?? 0);
      throw error;
    }
  }


  /**
   * Puts the agent in the availability the adapter wants (Online, or Occupied while at capacity) if
   * LiveEngage changed it, e.g. set it Away after a chat rang past 20 s.
   */
  async ensureAvailability(wanted: 'Online' | 'Occupied'): Promise<void> {
    const availability = await this.client.getAvailability(this.agentSessionUrl);
    if (availability !== wanted) {
      this.log.warn('agent was %s without meaning to be; setting %s again', availability, wanted);
      await this.client.setAvailability(this.agentSessionUrl, wanted);
    }
  }

  /** Stops the keep-alive and logs out (LiveEngage returns open chats to the queue), unless told not to. */
  async close(options: { logout: boolean } = { logout: true }): Promise<void> {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    if (!this.login || !options.logout) return;
    const session = this.login;
    this.login = undefined;
    await logout(this.http, { host: this.host, accountId: this.settings.accountId, session });
  }

  private async signIn(): Promise<void> {
    const { accountId, credentials } = this.settings;
    this.login = await login(this.http, { host: this.host, accountId, credentials });
    // Login names the agentVep host for agent-session calls; it is the same host in every known account.
    const agentHost = this.login.baseUris.agentVep ?? this.host;
    if (this.client) this.client.setBearer(this.login.bearer);
    else this.client = new ChatAgentClient(this.http, { bearer: this.login.bearer });
    this.agentSessionUrl = await this.client.startAgentSession(agentHost, accountId);
    await this.client.setAvailability(this.agentSessionUrl, 'Online');
    this.agent = await this.client.getAgentInfo(this.agentSessionUrl);
    this.log.info('agent session open for %s (%s), %d skill(s)', this.agent.agentName, this.agent.id, this.agent.skills.length);
  }

  private scheduleRefresh(signal?: AbortSignal): void {
    this.refreshTimer = setTimeout(async () => {
      if (signal?.aborted || !this.login) return;
      try {
        await refresh(this.http, { host: this.host, accountId: this.settings.accountId, session: this.login });
        this.log.debug('login session refreshed');
      } catch (error) {
        this.log.warn('refresh failed (%s); logging in again', (error as Error).message);
        await this.renew('refresh failed').catch((e: Error) => this.log.error('login failed: %s', e.message));
      }
      if (this.login) this.scheduleRefresh(signal);
    }, this.settings.refreshIntervalMs);
    this.refreshTimer.unref();
  }
}
