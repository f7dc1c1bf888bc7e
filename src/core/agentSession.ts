import { ChatAgentClient } from '../api/chatAgent.js';
import { LiveEngageApiError } from '../api/errors.js';
import type { HttpClient } from '../api/http.js';
import { login, logout, lookupAgentVep, refresh } from '../api/login.js';
import { originForHost } from '../api/scheme.js';
import type { AgentInfo, LoginSession } from '../api/types.js';
import type { LiveEngageLogger, ResolvedSettings } from './settings.js';
import { takeoverMessage, TakeoverWatch, type TakeoverVerdict } from './takeover.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

/** What the session tells the adapter while it renews itself. */
export interface SessionHooks {
  /** Runs after a renewal, before callers carry on: the open chats' URLs changed with the agent session. Must not throw. */
  onRenewed(): Promise<void>;
  reloginFailed(attempt: number, retryInMs: number, error: Error): void;
  takeover(verdict: TakeoverVerdict, message: string): void;
}

export interface RenewOptions {
  /** The session generation the failed call used; a renewal since then makes this one moot. */
  generation?: number;
  /** LiveEngage rejected our bearer (401), as opposed to a failed refresh: may be a takeover. */
  rejected?: boolean;
}

/**
 * The bot user's presence in LiveEngage: Domain API lookup, login, agent session, Online; the refresh
 * keep-alive; a new login and agent session when the old one is rejected, tried again on LivePerson's
 * slow outer loop (`reloginDelaysMs`) for as long as it takes; logout.
 */
export class AgentSession {
  /** The `agentVep` host that serves login and the agent session. */
  host = '';
  agentSessionUrl = '';
  agent!: AgentInfo;
  client!: ChatAgentClient;
  /** Goes up with every login; a call that failed on an older one needs no new renewal. */
  generation = 0;
  private login?: LoginSession;
  private loginAt = 0;
  private refreshTimer?: NodeJS.Timeout;
  private renewing?: Promise<void>;
  private failedRenewals = 0;
  private nextRenewalAt = 0;
  private stopping = false;
  private gaveUp?: Error;
  private wake?: () => void;
  private readonly holdWaiters = new Set<() => void>();
  private readonly takeovers: TakeoverWatch;

  constructor(
    private readonly settings: ResolvedSettings,
    private readonly http: HttpClient,
    private readonly log: LiveEngageLogger,
    private readonly hooks: SessionHooks,
  ) {
    this.takeovers = new TakeoverWatch(settings.maxTakeovers, settings.takeoverWindowMs, settings.takeoverSuspectMs);
  }

  /** Logs in, opens the agent session and goes Online. */
  async open(signal?: AbortSignal): Promise<void> {
    const { accountId, domainApiUrl, credentials } = this.settings;
    if ('accessToken' in credentials && credentials.accessToken && credentials.accessToken !== 'dummy') {
      this.log.warn('OAuth1 API-key login (accessToken/accessTokenSecret) reached end of life on 30 Apr 2026; use OAuth2 client credentials: appKey = client id, secret = client secret, no token fields');
    }
    this.host = this.settings.agentVepDomain ?? (await lookupAgentVep(this.http, { domainApiUrl, accountId }));
    this.log.debug('agentVep host %s', this.host);
    await this.signIn(false);
    this.scheduleRefresh(signal);
  }

  /** The account's base URL on the agent host; serves as `serviceUrl` in conversation references. */
  get serviceUrl(): string {
    return `${originForHost(this.host, this.http.settings.loopbackScheme)}/api/account/${this.settings.accountId}`;
  }

  /** It stopped logging in for good: another process of the bot user holds the login (and the chats). */
  get givenUp(): boolean {
    return this.gaveUp !== undefined;
  }

  /** Logging in again failed and the next attempt waits (`reloginDelaysMs`). */
  get onHold(): boolean {
    return this.renewing !== undefined && this.failedRenewals > 0;
  }

  /** Resolves when the session is usable: at once, or when the renewal under way has succeeded. */
  ready(): Promise<void> {
    if (this.gaveUp) return Promise.reject(this.gaveUp);
    return this.renewing ?? Promise.resolve();
  }

  /** Resolves when re-login goes on hold (at once when it is); `cancel` when no longer interested. */
  whenOnHold(): { promise: Promise<void>; cancel(): void } {
    if (this.onHold) return { promise: Promise.resolve(), cancel: () => {} };
    let notify!: () => void;
    const promise = new Promise<void>((resolve) => {
      notify = resolve;
    });
    this.holdWaiters.add(notify);
    return { promise, cancel: () => this.holdWaiters.delete(notify) };
  }

  /**
   * A new login and agent session after the bearer was rejected (401) or refresh failed. Concurrent
   * callers share one renewal, which resolves once the session is back however many attempts that
   * takes (LivePerson's retry policy: after a failed login, a slow outer loop of 2, 4, 8 minutes). It
   * rejects only when the adapter stops or gives up to another process logged in as the same user.
   */
  renew(why: string, options: RenewOptions = {}): Promise<void> {
    if (this.gaveUp) return Promise.reject(this.gaveUp);
    if (this.renewing) return this.renewing;
    if (options.generation !== undefined && options.generation !== this.generation) return Promise.resolve();
    if (this.stopping) return Promise.reject(stoppedError());
    this.renewing = this.renewLoop(why, options.rejected ?? false).finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  /** No new attempts from now on, and no more waiting on the hold (the adapter stops). */
  stopRenewing(): void {
    this.stopping = true;
    this.wake?.();
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

  /** LivePerson asks for a skill with 'bot' in its name, so reports can tell bots from people. */
  warnWithoutBotSkill(): void {
    const skills = this.agent?.skills ?? [];
    if (!skills.some((s) => /bot/i.test(s.name))) {
      this.log.warn(
        "the bot user has no skill with 'bot' in its name (skills: %s); LivePerson asks for one so reports can tell bots from people",
        skills.map((s) => s.name).join(', ') || 'none',
      );
    }
  }

  /** Stops the keep-alive and logs out (LiveEngage returns open chats to the queue), unless told not to. */
  async close(options: { logout: boolean } = { logout: true }): Promise<void> {
    this.stopRenewing();
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    if (!this.login || !options.logout || this.gaveUp) return;
    const session = this.login;
    this.login = undefined;
    await logout(this.http, { host: this.host, accountId: this.settings.accountId, session });
  }

  private async renewLoop(why: string, rejected: boolean): Promise<void> {
    if (rejected) this.checkTakeover();
    this.log.warn('renewing the login and agent session: %s', why);
    for (;;) {
      const wait = this.nextRenewalAt - Date.now();
      if (wait > 0 && !this.stopping) await this.pause(wait);
      if (this.stopping) throw stoppedError();
      try {
        await this.signIn(true);
        break;
      } catch (error) {
        if (this.gaveUp) throw this.gaveUp;
        if (this.stopping) throw stoppedError();
        const delays = this.settings.reloginDelaysMs;
        this.failedRenewals += 1;
        const retryInMs = delays[Math.min(this.failedRenewals, delays.length) - 1] ?? 0;
        this.nextRenewalAt = Date.now() + retryInMs;
        this.log.warn('logging in again failed (%s); next attempt in %d s', (error as Error).message, Math.ceil(retryInMs / 1000));
        this.hooks.reloginFailed(this.failedRenewals, retryInMs, error as Error);
        for (const notify of this.holdWaiters) notify();
        this.holdWaiters.clear();
      }
    }
    this.failedRenewals = 0;
    this.nextRenewalAt = 0;
    await this.hooks.onRenewed();
  }

  /** A young login ended: count a takeover; at the limit, give up for good (and say why). */
  private checkTakeover(): void {
    const ageMs = Date.now() - this.loginAt;
    const verdict = this.takeovers.rejected(ageMs, Date.now());
    if (!verdict.takeover) return;
    const message = takeoverMessage(this.settings.credentials.username, verdict, ageMs, this.settings);
    this.hooks.takeover(verdict, message);
    if (!verdict.gaveUp) return;
    this.gaveUp = codedError(Error, message, LiveEngageErrorCode.LOGIN_ABANDONED);
    clearTimeout(this.refreshTimer);
    throw this.gaveUp;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  /**
   * Login, agent session, Online, agent info. A 401 after our own fresh login means another process of
   * the user logged in meanwhile: counted as a takeover (giving up at the limit), then logged in again.
   */
  private async signIn(renewal: boolean): Promise<void> {
    for (;;) {
      try {
        await this.signInOnce(renewal);
        return;
      } catch (error) {
        if (!(error instanceof LiveEngageApiError) || !error.authExpired || this.stopping) throw error;
        this.checkTakeover();
        this.log.warn('our new login was ended before its agent session was ready (%s); logging in again', error.message);
      }
    }
  }

  private async signInOnce(renewal: boolean): Promise<void> {
    const { accountId, credentials } = this.settings;
    this.login = await this.steady(() => login(this.http, { host: this.host, accountId, credentials }));
    this.loginAt = Date.now();
    // Login names the agentVep host for agent-session calls; it is the same host in every known account.
    const agentHost = this.login.baseUris.agentVep ?? this.host;
    if (this.client) this.client.setBearer(this.login.bearer);
    else this.client = new ChatAgentClient(this.http, { bearer: this.login.bearer });
    this.generation += 1;
    this.agentSessionUrl = await this.steady(() => this.client.startAgentSession(agentHost, accountId));
    if (renewal && this.agent) {
      // The open chats can be read (and written) again now: LiveEngage ends a chat 40 s after the agent
      // last read it, so the rest of a renewal does not hold that up.
      void this.settleRenewal(this.generation);
      return;
    }
    await this.steady(() => this.client.setAvailability(this.agentSessionUrl, 'Online'));
    this.agent = await this.steady(() => this.client.getAgentInfo(this.agentSessionUrl));
    this.log.info('agent session open for %s (%s), %d skill(s)', this.agent.agentName, this.agent.id, this.agent.skills.length);
  }

  /**
   * After a renewal, in the background: Online again, and the agent info read again. A failure is
   * logged and left to the availability check (Online) or to what was read at start (agent info); a 401
   * meanwhile is the next call's to renew.
   */
  private async settleRenewal(generation: number): Promise<void> {
    const current = () => generation === this.generation && !this.stopping;
    try {
      await this.steady(() => this.client.setAvailability(this.agentSessionUrl, 'Online'));
    } catch (error) {
      if (current()) this.log.warn('going Online again failed (%s); the availability check will see to it', (error as Error).message);
    }
    try {
      const agent = await this.steady(() => this.client.getAgentInfo(this.agentSessionUrl));
      if (current()) this.agent = agent;
    } catch (error) {
      if (current()) this.log.warn('reading the agent info again failed (%s); keeping what was read at start', (error as Error).message);
    }
    if (current()) this.log.info('agent session open again for %s (%s), %d skill(s)', this.agent.agentName, this.agent.id, this.agent.skills.length);
  }

  /** A step whose answer could not be read (a cut or garbled body) is tried again, `retryDelaysMs` apart. */
  private async steady<T>(step: () => Promise<T>): Promise<T> {
    const delays = this.settings.retryDelaysMs;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await step();
      } catch (error) {
        if (!isMalformed(error) || attempt >= delays.length || this.stopping) throw error;
        this.log.warn('%s; trying again', (error as Error).message);
        await new Promise((resolve) => setTimeout(resolve, delays[attempt] ?? 0));
      }
    }
  }

  private scheduleRefresh(signal?: AbortSignal): void {
    this.refreshTimer = setTimeout(async () => {
      if (signal?.aborted || !this.login || this.gaveUp) return;
      try {
        await refresh(this.http, { host: this.host, accountId: this.settings.accountId, session: this.login });
        this.log.debug('login session refreshed');
      } catch (error) {
        this.log.warn('refresh failed (%s); logging in again', (error as Error).message);
        const rejected = error instanceof LiveEngageApiError && error.authExpired;
        await this.renew('refresh failed', { rejected }).catch((e: Error) => this.log.error('login failed: %s', e.message));
      }
      if (this.login && !this.stopping && !this.gaveUp) this.scheduleRefresh(signal);
    }, this.settings.refreshIntervalMs);
    this.refreshTimer.unref();
  }
}

function isMalformed(error: unknown): boolean {
  return error instanceof LiveEngageApiError && error.kind === 'malformed';
}

function stoppedError(): Error {
  return codedError(Error, 'LiveEngageAdapter: the adapter stopped while logging in again.', LiveEngageErrorCode.LOGIN_ABANDONED);
}
