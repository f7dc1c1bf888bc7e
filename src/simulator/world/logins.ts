import { SimulatorError } from '../errors.js';
import { digits, hexToken } from '../ids.js';
import { AgentSessionRecord, LoginRecord, type AgentRecord } from './model.js';
import type { ChatRules } from './chatRules.js';
import type { Router } from './routing.js';
import type { WorldState } from './state.js';

/** The documented text of a csrf mismatch (`csrf-invalid-error.json`), internalCode 10. */
const CSRF_INVALID_MESSAGE =
  'CSRF token invalid! The CSRF token on request does not match the CSRF token on the session';
const CSRF_INVALID_CODE = 10;

/** What a login body may carry: a password, or an API key (OAuth2 client id/secret + "dummy" tokens). */
export type Credentials =
  | { username: string; password: string }
  | { username: string; appKey: string; secret: string; accessToken: string; accessTokenSecret: string };

/** `replaced`: the same user logged in again (one active session per user); like `revoked` otherwise. */
type EndReason = 'logout' | 'revoked' | 'expired' | 'replaced';

/**
 * Login Service sessions (cookie, csrf, bearer, TTL) and the agent sessions opened with them.
 * A bearer lives as long as its login session; refresh extends it. When a bot's last login ends its
 * rings go back to the queue and it goes Offline; on logout its open chats are re-queued too, while
 * after expiry or revocation they stay with the bot (a new login sees them in `chatSessions`) until
 * the chat timeout ends them. One active login per user, as LiveEngage enforces it: a new login ends the
 * user's other logins (their bearers answer 401 from then on); the chats stay with the user.
 */
export class Logins {
  constructor(
    private readonly s: WorldState,
    private readonly router: Router,
    private readonly chats: ChatRules,
  ) {}

  login(accountId: string, credentials: Credentials): LoginRecord {
    if (accountId !== this.s.config.accountId) {
      throw new SimulatorError('unauthorized', `Unknown account ${accountId}`);
    }
    const agent = this.s.agentsByLogin.get(credentials.username);
    if (!agent || agent.kind !== 'bot' || !credentialsMatch(agent, credentials)) {
      throw new SimulatorError('unauthorized', 'Authentication failed: wrong user name or credentials');
    }
    if (agent.blocked) {
      throw new SimulatorError('blocked', `User ${agent.loginName} is blocked; contact LivePerson support`);
    }
    const login = new LoginRecord(
      hexToken(16),
      hexToken(32),
      hexToken(32),
      agent,
      this.s.now() + this.s.config.sessionTtlMs,
    );
    // LiveEngage allows one active session per agent: the newcomer wins, the others are kicked out.
    for (const other of [...agent.logins]) this.end(other, 'replaced');
    this.s.loginsByBearer.set(login.bearer, login);
    this.s.loginsBySessionId.set(login.sessionId, login);
    agent.logins.add(login);
    this.scheduleExpiry(login, this.s.config.sessionTtlMs);
    return login;
  }

  refresh(sessionId: string | undefined, csrf: unknown): void {
    const login = this.bySessionId(sessionId, csrf);
    login.expiresAt = this.s.now() + this.s.config.sessionTtlMs;
  }

  logout(sessionId: string | undefined, csrf: unknown): void {
    this.end(this.bySessionId(sessionId, csrf), 'logout');
  }

  /** The live login of a bearer, or 401. */
  byBearer(bearer: string | undefined): LoginRecord {
    const login = bearer === undefined ? undefined : this.s.loginsByBearer.get(bearer);
    if (!login || !this.isAlive(login)) throw new SimulatorError('unauthorized', 'Bearer rejected');
    return login;
  }

  /** Which user a bearer belongs to, without side effects (fault matching, logs). */
  peekBearer(bearer: string): AgentRecord | undefined {
    return this.s.loginsByBearer.get(bearer)?.agent;
  }

  peekSession(sessionId: string): AgentRecord | undefined {
    return this.s.loginsBySessionId.get(sessionId)?.agent;
  }

  startAgentSession(login: LoginRecord): AgentSessionRecord {
    let id = digits(10);
    while (this.s.agentSessions.has(id)) id = digits(10);
    const session = new AgentSessionRecord(id, login, login.agent, this.s.now());
    this.s.agentSessions.set(id, session);
    login.agentSessions.add(session);
    login.agent.agentSessions.add(session);
    this.s.agentChanged(login.agent);
    const idleMs = this.s.config.agentSessionIdleMs ?? 0;
    if (idleMs > 0) this.scheduleIdle(session, idleMs);
    return session;
  }

  /** An open agent session of the bearer's user: unknown or closed is 404, another user's is 403. */
  agentSession(login: LoginRecord, agentSessionId: string): AgentSessionRecord {
    const session = this.s.agentSessions.get(agentSessionId);
    if (!session || !session.open) throw new SimulatorError('notFound', `Unknown agent session ${agentSessionId}`);
    if (session.agent !== login.agent) {
      throw new SimulatorError('forbidden', `Agent session ${agentSessionId} belongs to another user`);
    }
    session.lastSeenAt = this.s.now();
    return session;
  }

  /** Revokes one bearer, or every login of a user. Returns how many logins ended. */
  revoke(loginNameOrBearer: string): number {
    const byBearer = this.s.loginsByBearer.get(loginNameOrBearer);
    if (byBearer) {
      this.end(byBearer, 'revoked');
      return 1;
    }
    const agent = this.s.agentsByLogin.get(loginNameOrBearer);
    if (!agent) throw new SimulatorError('notFound', `No user or bearer "${redact(loginNameOrBearer)}"`);
    const logins = [...agent.logins];
    for (const login of logins) this.end(login, 'revoked');
    return logins.length;
  }

  block(loginName: string, blocked: boolean): void {
    const agent = this.s.agentsByLogin.get(loginName);
    if (!agent) throw new SimulatorError('notFound', `Unknown user ${loginName}`);
    agent.blocked = blocked;
    this.s.agentChanged(agent);
  }

  private bySessionId(sessionId: string | undefined, csrf: unknown): LoginRecord {
    const login = sessionId === undefined ? undefined : this.s.loginsBySessionId.get(sessionId);
    if (!login || !this.isAlive(login)) {
      throw new SimulatorError('unauthorized', 'Session_id cookie missing, unknown or expired');
    }
    if (typeof csrf !== 'string' || csrf !== login.csrf) {
      throw new SimulatorError('unauthorized', CSRF_INVALID_MESSAGE, CSRF_INVALID_CODE);
    }
    return login;
  }

  private isAlive(login: LoginRecord): boolean {
    if (!login.alive) return false;
    if (this.s.now() < login.expiresAt) return true;
    this.end(login, 'expired');
    return false;
  }

  private scheduleExpiry(login: LoginRecord, delayMs: number): void {
    login.timer = this.s.timers.set(() => {
      if (!login.alive) return;
      const left = login.expiresAt - this.s.now();
      if (left > 0) this.scheduleExpiry(login, left);
      else this.end(login, 'expired');
    }, delayMs);
  }

  /** One timer per session, re-armed lazily: a request is a plain assignment, not a timer reset. */
  private scheduleIdle(session: AgentSessionRecord, delayMs: number): void {
    session.idleTimer = this.s.timers.set(() => {
      if (!session.open) return;
      const left = session.lastSeenAt + (this.s.config.agentSessionIdleMs ?? 0) - this.s.now();
      if (left > 0) this.scheduleIdle(session, left);
      else this.closeIdle(session);
    }, delayMs);
  }

  /** The system closes a silent agent session; the user's last one takes its chats back to the queue. */
  private closeIdle(session: AgentSessionRecord): void {
    const agent = session.agent;
    session.open = false;
    this.s.agentSessions.delete(session.id);
    session.login.agentSessions.delete(session);
    agent.agentSessions.delete(session);
    if (agent.agentSessions.size === 0) {
      this.router.setAvailability(agent, 'Offline');
      for (const chat of [...agent.openChats].reverse()) this.chats.requeue(chat);
    }
    this.s.agentChanged(agent);
  }

  private end(login: LoginRecord, reason: EndReason): void {
    if (!login.alive) return;
    login.alive = false;
    this.s.timers.clear(login.timer);
    this.s.loginsByBearer.delete(login.bearer);
    this.s.loginsBySessionId.delete(login.sessionId);
    const agent = login.agent;
    agent.logins.delete(login);
    for (const session of login.agentSessions) {
      session.open = false;
      this.s.timers.clear(session.idleTimer);
      this.s.agentSessions.delete(session.id);
      agent.agentSessions.delete(session);
    }
    login.agentSessions.clear();
    // Without an agent session nothing may ring it; without any login its chats are orphaned.
    if (agent.agentSessions.size === 0) this.router.setAvailability(agent, 'Offline');
    if (reason === 'logout' && agent.logins.size === 0) {
      // Each goes to the front of its queue: the last one first keeps the oldest ahead.
      for (const chat of [...agent.openChats].reverse()) this.chats.requeue(chat);
    }
    this.s.agentChanged(agent);
  }
}

function credentialsMatch(agent: AgentRecord, credentials: Credentials): boolean {
  if ('password' in credentials) {
    return agent.password !== undefined && credentials.password === agent.password;
  }
  const key = agent.appKey;
  if (!key || credentials.appKey !== key.appKey || credentials.secret !== key.secret) return false;
  const oauth1 = credentials.accessToken === key.accessToken && credentials.accessTokenSecret === key.accessTokenSecret;
  const oauth2 = credentials.accessToken === 'dummy' && credentials.accessTokenSecret === 'dummy';
  return oauth1 || oauth2;
}

/** Never echo a whole bearer into an error message. */
function redact(value: string): string {
  return value.length > 12 ? `${value.slice(0, 4)}…` : value;
}
