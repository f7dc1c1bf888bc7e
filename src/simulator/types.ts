import type { MessagingSimulatorOptions } from './messaging/MessagingSimulator.js';

/**
 * The simulator's public types: its options, its world (account, skills, users), the views its control
 * API returns and its fault rules. The simulator shares nothing with the client but `src/api/liveEngageJson.ts`
 * (and the package's logger type, `src/logger.ts`).
 */
import type { LiveEngageLogger } from '../logger.js';

export interface SimulatedSkill {
  id: number;
  name: string;
}

/** A bot user that logs in through the Login Service API (password or API key). */
export interface SimulatedBotUser {
  id: string;
  loginName: string;
  /** What visitors see ("agentName"). */
  nickname: string;
  password?: string;
  /**
   * API-key (OAuth1) credentials. OAuth2 client-credentials logins send `appKey` = client id,
   * `secret` = client secret and `"dummy"` for both token fields; the simulator accepts that too.
   */
  appKey?: { appKey: string; secret: string; accessToken: string; accessTokenSecret: string };
  /** Skill ids. */
  skills: readonly number[];
  /** -1 = unlimited. */
  maxChats: number;
}

/** A human agent the simulator plays (taken, answered and ended through the control API). */
export interface SimulatedHumanAgent {
  id: string;
  loginName: string;
  nickname: string;
  skills: readonly number[];
  maxChats: number;
  online: boolean;
}

/**
 * Time as the simulator sees it. The default reads `Date.now`/`setTimeout` at call time, so
 * `sinon.useFakeTimers()` drives it; pass your own to drive only the simulator.
 */
export interface SimulatorClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LiveEngageSimulatorOptions {
  /**
   * Also serve the Messaging (UMS) agent websocket on the same port, with the Domain API entry
   * `asyncMessagingEnt`: `true`, or its options. Off by default. See the README in messaging/ beside this file.
   */
  messaging?: boolean | MessagingSimulatorOptions;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; `127.0.0.1` by default. Anything else is said loudly at start. */
  host?: string;
  /**
   * Serve https instead of http. `true`: a self-signed certificate for `127.0.0.1`, `localhost` and
   * `::1`, generated at `start()` and exposed as `certificatePem` for clients to trust. `{ key, cert }`:
   * the caller's PEM key and certificate. `baseURI` stays the bare `host:port`, as LiveEngage's does.
   */
  tls?: boolean | { key: string | Uint8Array; cert: string | Uint8Array };
  /** Account (site) id. Default `12345678`. */
  accountId?: string;
  skills?: readonly SimulatedSkill[];
  botUsers?: readonly SimulatedBotUser[];
  humanAgents?: readonly SimulatedHumanAgent[];
  /** Seconds of agent silence before a chat times out (`info.chatTimeout`). Default 40. */
  chatTimeoutSeconds?: number;
  /** Seconds a ringing chat waits for accept before the agent is set Away. Default 20. */
  acceptTimeoutSeconds?: number;
  /**
   * Seconds an agent session may go without a request before the system closes it; when it was the
   * user's last one, its open chats are re-queued (system line 23) for other agents. Models a bot
   * process that died without logging out. Off (0) by default: LivePerson documents no such timeout.
   */
  agentSessionIdleSeconds?: number;
  /**
   * A bot's chat availability when its first agent session opens (later sessions share the agent's).
   * Default `Online`: LivePerson documents no initial state, and clients that never set availability
   * get chats. `Offline` makes a bot wait for its own `PUT availability` before anything rings it.
   */
  initialAvailability?: AgentAvailability;
  /** Login session TTL in ms (`sessionTTl`). Default 8 h. */
  sessionTtlMs?: number;
  /** Ended chats kept readable before the oldest are forgotten. Default 10 000. */
  maxEndedChats?: number;
  /**
   * Request log (method, path without query, status, ms; never headers or bodies). `true` (the
   * default) logs through `logger.debug`, `false` is silent, a function receives each line.
   */
  log?: boolean | ((line: string) => void);
  /**
   * Where the simulator logs (the package's `LiveEngageLogger`, as the adapter's `logger` setting):
   * request lines at debug, the non-loopback warning at warn. Default `debug`
   * (`botbuilder-adapter-liveengage:simulator`), with that one warning on `console.warn`.
   */
  logger?: LiveEngageLogger;
  /** Time source; see `SimulatorClock`. */
  clock?: SimulatorClock;
  /** Seed for the fault-probability RNG, so a soak run can be replayed. */
  seed?: number;
  /**
   * A JSON source for the page's "Bot performance" panel, served at `GET /simulator/dashboard`: the
   * embedding app's bot metrics, e.g. `() => metrics.summary()` (a `LiveEngageMetricsSummary`). The
   * simulator only passes the value on; it knows nothing of the adapter or its monitoring.
   */
  dashboard?: () => unknown | Promise<unknown>;
  /**
   * Quick messages the page offers the visitor as buttons under the chat box, e.g. the questions the
   * embedding app's bot knows (the sample bot passes its own). None by default: a bare simulator knows
   * no bot, so its page shows no buttons. Each a non-empty string of at most 2000 characters.
   */
  visitorSuggestions?: readonly string[];
}

// ---------------------------------------------------------------- views (control API)

export type ChatState = 'waiting' | 'chatting' | 'ended';
export type AgentKind = 'bot' | 'human';
export type AgentAvailability = 'Online' | 'Away' | 'Occupied' | 'Offline';

export interface AgentRef {
  id: string;
  nickname: string;
  kind: AgentKind;
}

/** One chat event in plain JS form (no `@` keys, numbers as numbers). */
export interface ChatEventView {
  id: number;
  type: 'line' | 'state';
  /** ISO-8601. */
  time: string;
  text?: string;
  textType?: string;
  source?: 'visitor' | 'agent' | 'system';
  by?: string;
  subType?: 'REGULAR' | 'ONLY_TO_REP';
  systemMessageId?: number;
  state?: ChatState;
}

/** Where a waiting chat stands. */
export interface ChatQueueView {
  /** ISO-8601 time the chat (re-)entered the queue. */
  since: string;
  /** The agent it rings now, if any. */
  ringing?: AgentRef;
  /** The agent it was transferred to, waiting for that agent (humans: `humanTakes`). */
  directedTo?: AgentRef;
}

export interface ChatSummary {
  id: string;
  visitId: string;
  skill: SimulatedSkill;
  state: ChatState;
  visitorName: string;
  agent?: AgentRef;
  /** Present while the chat is waiting. */
  queue?: ChatQueueView;
  /** ISO-8601. */
  startTime: string;
  visitorTyping: boolean;
  agentTyping: boolean;
  eventCount: number;
  /** Answers of the agent survey, question id -> answer, once submitted. */
  survey?: Record<string, string>;
}

export interface ChatView extends ChatSummary {
  events: ChatEventView[];
}

export interface AgentView {
  id: string;
  loginName: string;
  nickname: string;
  kind: AgentKind;
  skills: SimulatedSkill[];
  availability: AgentAvailability;
  /** Bots: has at least one live agent session. Humans: online. */
  loggedIn: boolean;
  openChats: number;
  ringing: number;
  maxChats: number;
  blocked: boolean;
}

export interface QueueEntryView {
  chatId: string;
  visitorName: string;
  since: string;
  ringing?: AgentRef;
  directedTo?: AgentRef;
}

export interface QueueView {
  skill: SimulatedSkill;
  /** Waiting chats of the skill, oldest first; ringing and directed ones included and marked. */
  waiting: QueueEntryView[];
}

export interface SimulatorStats {
  /** LiveEngage API requests (Domain, Login, Chat Agent); control requests are not counted here. */
  total: number;
  /** Requests per operation name (`addLine`, `getEvents`, `control.startChat`, ...). */
  byOperation: Record<string, number>;
  /** LiveEngage API responses per status code (`"200"`, `"401"`, `"dropped"`). */
  byStatus: Record<string, number>;
  /** Control API requests over HTTP. */
  control: number;
  /** Faults that fired. */
  faultsFired: number;
  chats: { waiting: number; chatting: number; ended: number };
}

/** Emitted as `change` on every world mutation; a live page can stream these. */
export type SimulatorChange =
  | { kind: 'chat'; chatId: string; state: ChatState; eventId?: number }
  | { kind: 'agent'; agentId: string };

// ---------------------------------------------------------------- faults

/** Which requests a fault applies to; every given field must match. */
export interface FaultMatch {
  /** HTTP method, case-insensitive (the wire method: `POST` for overridden PUTs). */
  method?: string;
  /** Substring of, or RegExp tested against, the request path plus query (as sent, `.json` included). */
  path?: string | RegExp;
  /** Operation name (see the README table), e.g. `addLine`, `getEvents`, `multiChat`, `login`. */
  operation?: string;
  /** Login name of the caller (bearer's user, login body `username`, or `Session_id` owner). */
  loginName?: string;
}

export interface FaultRule {
  match?: FaultMatch;
  /** How many matching requests it hits. Default 1, or unlimited when `probability` is set. */
  times?: number;
  /** Each matching request is hit with this probability (seeded RNG, see `seed`). */
  probability?: number;
  /** Answer this status instead of handling the request (nothing applied; see `apply`). */
  status?: number;
  /**
   * With `status`: the request IS applied first (the line is added, the chat accepted), then `status`
   * answers instead of its result: "applied, then 5xx", the other ambiguous failure.
   */
  apply?: boolean;
  /**
   * The rule fires on every matching request for this many ms after it is added, then is gone (an
   * outage window, e.g. every login answers 503 for 5 minutes). `times` is unlimited unless given.
   */
  forMs?: number;
  /** With `status`: a `Retry-After` header, in seconds. */
  retryAfterSeconds?: number;
  /**
   * `'malformed'`: the request IS applied, then its JSON answer is cut in half (status 200 unless
   * `status` says otherwise). Any other string: answered verbatim instead of handling the request.
   */
  body?: 'malformed' | string;
  /** Wait this long before handling (combines with the other effects). */
  delayMs?: number;
  /**
   * Destroy the socket with no response. `before-apply`: the request has no effect.
   * `after-apply`: the effect IS applied first (e.g. the line is added): the ambiguous failure.
   */
  drop?: 'before-apply' | 'after-apply';
}

export interface FaultView extends FaultRule {
  id: string;
  /** Hits left (`null` = unlimited). */
  remaining: number | null;
}
