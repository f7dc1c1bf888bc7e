/**
 * Clean models of the Chat Agent, Login and Domain APIs: what the response readers (`responseReader.ts`, `*Responses.ts`) make of the wire JSON (`liveEngageJson.ts`).
 * Numbers are numbers, collections are arrays, links are a map from `rel` to `href`.
 */

/** `rel` -> absolute `href`. */
export type Links = Record<string, string>;

/** Password login. */
export interface PasswordCredentials {
  username: string;
  password: string;
}

/**
 * API-key ("App Key") login. For OAuth2 client-credentials bots, `appKey` is the client id, `secret`
 * the client secret, and `accessToken`/`accessTokenSecret` are the literal `"dummy"` (or omitted:
 * the client then sends `"dummy"`).
 */
export interface AppKeyCredentials {
  username: string;
  appKey: string;
  secret: string;
  accessToken?: string;
  accessTokenSecret?: string;
}

export type Credentials = PasswordCredentials | AppKeyCredentials;

/** The result of a login: everything refresh, logout and the agent session need. */
export interface LoginSession {
  bearer: string;
  csrf: string;
  /** Value of the `Session_id` cookie set by login (needed by refresh and logout), if any. */
  sessionIdCookie?: string;
  /** Login session lifetime in ms (`sessionTTl`), if given. */
  sessionTtlMs?: number;
  /** `service` -> host from `csdsCollectionResponse.baseURIs`. */
  baseUris: Record<string, string>;
  userId?: string;
  loginName?: string;
}

export type ChatAvailability = 'Online' | 'Away' | 'Occupied' | 'Offline';

export interface Skill {
  id: number;
  name: string;
}

export interface AgentInfo {
  id: string;
  agentName: string;
  displayName?: string;
  loginName?: string;
  /** `undefined` when unlimited (`-1` on the wire). */
  maxChats?: number;
  availability?: ChatAvailability;
  skills: Skill[];
}

export interface AgentSessionResources {
  links: Links;
  info?: AgentInfo;
  incomingRequests?: IncomingRequests;
}

export interface AvailableAgent {
  id: string;
  userName: string;
  nickname?: string;
  /** 1 Offline, 2 Online, 3 Occupied, 4 Away. */
  chatState: ChatAvailability;
  maxChats?: number;
  skillIds: number[];
  chats?: number;
}

export interface IncomingRequests {
  ringingCount: number;
  /** Where to POST to accept the next chat; present only when something rings. */
  acceptUrl?: string;
}

export interface ChatSessionRef {
  chatUrl: string;
  chatSessionKey: string;
  startTime: number;
}

export type LineSource = 'visitor' | 'agent' | 'system';
export type TextType = 'plain' | 'html' | 'rich-content';
export type LineSubType = 'REGULAR' | 'ONLY_TO_REP';
export type ChatState = 'waiting' | 'chatting' | 'ended';

interface EventBase {
  /** Consecutive per chat, from 0. */
  id: number;
  /** ISO-8601 with offset, as sent. */
  time: string;
}

export interface LineEvent extends EventBase {
  type: 'line';
  text: string;
  textType: TextType;
  source: LineSource;
  /** The display name of the author (`info` for system lines). Do not switch on it. */
  by?: string;
  subType: LineSubType;
  systemMessageId?: number;
  /** Structured content (`rich-content` lines). */
  json?: unknown;
}

export interface StateEvent extends EventBase {
  type: 'state';
  state: ChatState;
}

/** Any other event type (`url`, `resource`, `a2a-transfer`, ...): kept raw, never a turn. */
export interface OtherEvent extends EventBase {
  type: 'other';
  rawType: string;
  raw: Record<string, unknown>;
  /**
   * Set when a `line` or `state` event could not be read as one (e.g. a line without `source`); it
   * is kept here, raw, instead of failing the whole page.
   */
  problem?: string;
}

export type ChatEvent = LineEvent | StateEvent | OtherEvent;

export interface ChatInfo {
  state: ChatState;
  chatSessionKey: string;
  agentName?: string;
  agentId?: string;
  startTime?: string;
  lastUpdate?: string;
  /** Seconds after `lastUpdate` before the chat times out unless updated. */
  chatTimeout?: number;
  visitorId?: string;
  visitorName: string;
  agentTyping?: 'typing' | 'not-typing';
  visitorTyping?: 'typing' | 'not-typing';
  rtSessionId?: string;
  participantId?: string;
  engagementId?: string;
  campaignId?: string;
  language?: string;
  /** Not documented for the agent side; present when the server sends it (the simulator does). */
  skillId?: number;
  skillName?: string;
  links: Links;
  /** Every field as sent, for `channelData`. */
  raw: Record<string, unknown>;
}

/** A page of events and where to read the next page. */
export interface EventPage {
  events: ChatEvent[];
  /** The `next` link to poll (without `v`/`NC`, as the server sends it). */
  nextUrl?: string;
  /** The `from` of `nextUrl`: the id of the first event not yet read. */
  nextFrom?: number;
}

/** The chat resource: links + events + info. */
export interface ChatResource extends EventPage {
  chatUrl: string;
  links: Links;
  info: ChatInfo;
}

export interface TransferSkill {
  id: number;
  name: string;
  onlineAgents: number;
}

/** A line to add to a chat. */
export interface LineRequest {
  text: string;
  textType?: TextType;
  subType?: LineSubType;
  /** Structured content, for `rich-content`. */
  json?: unknown;
}

export type TransferTarget = { skillId: number; agentId?: never } | { agentId: number | string; skillId?: never };

/** Agent or visitor typing; `unknown` is what LiveEngage says when it cannot tell. */
export type TypingStatus = 'typing' | 'not-typing' | 'unknown';

/** An authenticated (SSO) visitor's data (`participantExtendedInfo`), as sent. */
export interface ParticipantInfo {
  authenticated: boolean;
  participantId?: string;
  /** `authenticatedParticipantInfo` (SDEs) as sent. */
  info: Record<string, unknown>;
  /** `authenticatedPersonalInfo` (`name`, `surname`, `contacts`) as sent. */
  personal?: Record<string, unknown>;
}

/** Where to start reading one chat in a multi-chat read. */
export interface ChatCursor {
  chatSessionKey: string;
  /** The id of the first event to return (the last seen id + 1). */
  fromEventId: number;
}
