import { digits } from '../ids.js';
import type {
  AgentAvailability,
  AgentKind,
  ChatState,
  SimulatedBotUser,
  SimulatedHumanAgent,
  SimulatedSkill,
} from '../types.js';

/** The world's records. Plain mutable objects; the rules that change them live in the world modules. */

export type LineSource = 'visitor' | 'agent' | 'system';
export type LineSubType = 'REGULAR' | 'ONLY_TO_REP';

export interface ChatEvent {
  id: number;
  type: 'line' | 'state';
  /** Epoch ms. */
  time: number;
  // line
  text?: string;
  textType?: string;
  by?: string;
  source?: LineSource;
  systemMessageId?: number;
  subType?: LineSubType;
  json?: unknown;
  // state
  state?: ChatState;
}

export type NewChatEvent = Omit<ChatEvent, 'id' | 'time'>;

/** A chat ringing an agent, waiting for accept. */
export interface Ring {
  chat: ChatRecord;
  since: number;
  timer: unknown;
}

/** A bot user or a simulated human agent. */
export class AgentRecord {
  readonly id: string;
  readonly loginName: string;
  readonly nickname: string;
  readonly skills: readonly number[];
  readonly maxChats: number;
  readonly password: string | undefined;
  readonly appKey: SimulatedBotUser['appKey'];
  blocked = false;
  availability: AgentAvailability;
  /** Chats this agent is chatting in. */
  readonly openChats = new Set<ChatRecord>();
  /** Chats ringing this agent, oldest first (Map keeps insertion order). */
  readonly ringing = new Map<string, Ring>();
  /** Bots: live Login Service sessions. */
  readonly logins = new Set<LoginRecord>();
  /** Bots: live agent sessions. */
  readonly agentSessions = new Set<AgentSessionRecord>();
  /** Last time a chat was offered to it: ties on load go to the agent idle longest. */
  lastAssignedAt = 0;

  constructor(
    readonly kind: AgentKind,
    user: SimulatedBotUser | SimulatedHumanAgent,
    readonly order: number,
  ) {
    this.id = String(user.id);
    this.loginName = user.loginName;
    this.nickname = user.nickname;
    this.skills = [...user.skills];
    this.maxChats = user.maxChats;
    this.password = 'password' in user ? user.password : undefined;
    this.appKey = 'appKey' in user && user.appKey ? { ...user.appKey } : undefined;
    this.availability = 'online' in user && user.online ? 'Online' : 'Offline';
  }

  get load(): number {
    return this.openChats.size + this.ringing.size;
  }

  hasCapacity(): boolean {
    return this.maxChats < 0 || this.load < this.maxChats;
  }

  hasSkill(skillId: number): boolean {
    return this.skills.includes(skillId);
  }

  /** Bots: logged in with a live agent session. Humans: online. */
  get loggedIn(): boolean {
    return this.kind === 'bot' ? this.agentSessions.size > 0 : this.availability !== 'Offline';
  }
}

/** A Login Service session: the `Session_id` cookie, its csrf and its bearer. */
export class LoginRecord {
  alive = true;
  /** An opaque login-scoped id the login response carries (`wsuk`). */
  readonly wsuk = digits(18);
  timer: unknown;
  readonly agentSessions = new Set<AgentSessionRecord>();

  constructor(
    readonly sessionId: string,
    readonly csrf: string,
    readonly bearer: string,
    readonly agent: AgentRecord,
    public expiresAt: number,
  ) {}
}

/** A Chat Agent API agent session (`/agentSession/{id}`), tied to the login that created it. */
export class AgentSessionRecord {
  open = true;
  /** The last request made in this session (for the idle rule). */
  lastSeenAt: number;
  idleTimer: unknown;

  constructor(
    readonly id: string,
    readonly login: LoginRecord,
    readonly agent: AgentRecord,
    readonly createdAt: number,
  ) {
    this.lastSeenAt = createdAt;
  }
}

export interface ChatIdentity {
  chatId: string;
  visitId: string;
  visitorId: number;
  rtSessionId: number;
  sharkVisitorId: string;
  sharkSessionId: string;
  engagementId: number;
  campaignId: number;
}

export class ChatRecord {
  readonly id: string;
  readonly events: ChatEvent[] = [];
  state: ChatState = 'waiting';
  /** The agent chatting in it now. */
  agent: AgentRecord | undefined;
  /** Every agent that ever had it: they may still read it (transferred away, ended, re-queued). */
  readonly readers = new Set<AgentRecord>();
  ringingAgent: AgentRecord | undefined;
  /** Transferred to this agent: it waits for that agent rather than for the skill queue. */
  directedTo: AgentRecord | undefined;
  /** The agent that transferred it away is not offered it again. */
  excludedAgent: AgentRecord | undefined;
  queuedAt: number;
  /** Start of the current chatting period (for `duration`). */
  chattingSince: number | undefined;
  endedAt: number | undefined;
  /** Last request of the current agent on this chat: the chat timeout counts from here. */
  lastAgentTouch: number;
  timeoutTimer: unknown;
  agentTyping = false;
  visitorTyping = false;
  survey: Record<string, string> | undefined;

  constructor(
    readonly identity: ChatIdentity,
    public skill: SimulatedSkill,
    readonly visitorName: string,
    readonly startTime: number,
  ) {
    this.id = identity.chatId;
    this.queuedAt = startTime;
    this.lastAgentTouch = startTime;
  }

  get lastEventId(): number {
    return this.events.length - 1;
  }
}
