/**
 * Wire types (`Wire*`): the JSON exactly as LiveEngage renders it (an XML model turned into JSON).
 *
 * - XML attributes become `@`-prefixed keys (`@href`, `@id`, `@type`).
 * - A repeated element is an array, a single one an object (`OneOrMany`).
 * - Many numbers are strings (`"ringingCount": "0"`); some are numbers; an empty element is `null`.
 * - Chat sessions and the multi-chat read use plain keys (`href`, `rel`, `id`, `type`).
 *
 * These are the only types the simulator shares with the client: the simulator writes them, the
 * client's response readers (`responseReader.ts` and the `*Responses.ts` files beside it) check and
 * normalise them into the clean models of `types.ts`. Nothing here is trusted at run time; a field typed here may be missing on the wire.
 */

/** One item rendered as an object, several as an array. */
export type OneOrMany<T> = T | T[];

/** A number the server may render as a string. */
export type Numeric = number | string;

/** `<link href rel/>` as rendered in most resources. */
export interface WireLink {
  '@href': string;
  '@rel': string;
}

/** `<link href rel/>` as rendered by chat sessions and the multi-chat read (no `@`). */
export interface WirePlainLink {
  href: string;
  rel: string;
}

/** The Login Service error envelope, reused by the simulator for every JSON error body. */
export interface WireError {
  error: {
    time: string;
    message: string;
    internalCode: number;
    responseStatus?: string;
  };
}

// ---------------------------------------------------------------- Domain API

export interface WireDomainServiceResponse {
  service: string;
  account: string;
  baseURI: string;
}

// ---------------------------------------------------------------- Login Service API

export interface WirePasswordLoginRequest {
  username: string;
  password: string;
}

export interface WireAppKeyLoginRequest {
  username: string;
  appKey: string;
  secret: string;
  accessToken: string;
  accessTokenSecret: string;
}

export interface WireLoginResponse {
  csrf: string;
  wsuk?: string;
  config?: {
    loginName?: string;
    userId?: string;
    userPrivileges?: number[];
    serverCurrentTime?: number;
    timeDiff?: number;
    serverTimeZoneName?: string;
    serverTimeGMTDiff?: number;
    isLPA?: boolean;
    isAdmin?: boolean;
    accountTimeZoneId?: string;
  };
  csdsCollectionResponse?: {
    baseURIs: { account: string; baseURI: string; service: string }[];
  };
  accountData?: unknown;
  sessionTTl?: string;
  bearer: string;
}

/** Body of refresh and logout. */
export interface WireCsrfRequest {
  csrf: string;
}

// ---------------------------------------------------------------- Agent session

export interface WireStartAgentSessionRequest {
  loginData: '' | Record<string, unknown>;
}

export interface WireAgentSessionLocation {
  agentSessionLocation: { link: WireLink };
}

export interface WireAgentSessionResources {
  agentSessionId: {
    link: OneOrMany<WireLink>;
    info?: WireAgentInfo['info'];
    'incoming-requests'?: WireIncomingRequests['incomingRequests'];
  };
}

export type WireChatAvailability = 'Online' | 'Away' | 'Occupied' | 'Offline';

export interface WireAvailability {
  availability: { chat: WireChatAvailability | string; voice?: string };
}

export interface WireSetAvailabilityRequest {
  availability: { chat: WireChatAvailability; chatReasonId?: Numeric };
}

export interface WireSkillInfo {
  id: Numeric;
  name: string;
}

export interface WireAgentInfo {
  info: {
    link?: OneOrMany<WireLink>;
    agentName: string;
    displayName?: string;
    loginName?: string;
    id: Numeric;
    maxChats: Numeric;
    availability?: { chat: string; voice?: string };
    skillsInfo?: { skillInfo: OneOrMany<WireSkillInfo> } | null;
  };
}

export interface WireAvailableAgent {
  '@id': Numeric;
  '@chatState': Numeric;
  '@voiceState'?: Numeric;
  '@maxChats': Numeric;
  userName: string;
  nickname?: string;
  email?: string;
  privilegeGroup?: string;
  skills?: { skill: OneOrMany<Numeric> } | null;
  chats?: Numeric;
}

export interface WireAvailableAgents {
  availableAgents: {
    agents: { agent: OneOrMany<WireAvailableAgent> } | null;
    link?: OneOrMany<WireLink>;
  };
}

export interface WireAvailableSlots {
  availableSlots: Numeric;
}

export interface WireIncomingRequests {
  incomingRequests: {
    ringingCount: Numeric;
    link?: WireLink;
  };
}

export interface WireChatLocation {
  chatLocation: { link: WireLink };
}

export interface WireChatEventLocation {
  chatEventLocation: { link: WireLink };
}

export interface WireChatSessions {
  chatSessions: {
    chatSession?: OneOrMany<{
      link: WirePlainLink;
      chatSessionKey: string;
      startTime: Numeric;
    }>;
  } | null;
}

// ---------------------------------------------------------------- Chat

export type WireLineSource = 'visitor' | 'agent' | 'system';
export type WireTextType = 'plain' | 'html' | 'rich-content';
export type WireLineSubType = 'REGULAR' | 'ONLY_TO_REP';
export type WireChatState = 'waiting' | 'chatting' | 'ended';

/** An event in `@` form (chat resource, events). */
export interface WireEvent {
  '@id': Numeric;
  '@type': 'line' | 'state' | string;
  time: string;
  // line
  text?: string;
  textType?: WireTextType | string;
  by?: string;
  source?: WireLineSource | string;
  systemMessageId?: Numeric;
  subType?: WireLineSubType | string;
  json?: unknown;
  // state
  state?: WireChatState | string;
}

/** An event in plain form (multi-chat read). */
export interface WirePlainEvent extends Omit<WireEvent, '@id' | '@type'> {
  id: Numeric;
  type: 'line' | 'state' | string;
}

export interface WireEvents {
  events: {
    link: OneOrMany<WireLink>;
    event?: OneOrMany<WireEvent> | null;
  };
}

export interface WireChatInfo {
  link?: OneOrMany<WireLink | WirePlainLink>;
  state: WireChatState | string;
  chatSessionKey: string;
  agentName?: string;
  agentId?: Numeric;
  startTime?: string;
  duration?: Numeric;
  lastUpdate?: string;
  chatTimeout?: Numeric;
  visitorId?: Numeric;
  agentTyping?: 'typing' | 'not-typing' | string;
  visitorTyping?: 'typing' | 'not-typing' | string;
  visitorName?: string;
  rtSessionId?: Numeric;
  participantId?: string;
  engagementId?: Numeric;
  campaignId?: Numeric;
  language?: string;
  /** Not documented on the agent side (the Server Chat API has them); the simulator sends them. */
  skillId?: Numeric;
  skillName?: string;
  [extra: string]: unknown;
}

export interface WireChatResource {
  chat: {
    link: OneOrMany<WireLink>;
    events: WireEvents['events'];
    info: WireChatInfo;
    /** Seen only in the sample app (`body.chat.error`); shape unknown. */
    error?: unknown;
  };
}

export interface WireChatInfoResponse {
  info: WireChatInfo;
}

export interface WireMultipleChats {
  chats: {
    chat?: OneOrMany<{
      link: OneOrMany<WirePlainLink>;
      events: { link: OneOrMany<WirePlainLink>; event?: OneOrMany<WirePlainEvent> | null };
      info: WireChatInfo;
    }>;
  } | null;
}

export interface WireAddLineRequest {
  event: {
    '@type': 'line';
    text: string;
    textType?: WireTextType;
    subType?: WireLineSubType;
    json?: unknown;
  };
}

export interface WireEndChatRequest {
  event: { '@type': 'state'; state: 'ended' };
}

export interface WireAgentTyping {
  agentTyping: 'typing' | 'not-typing' | string;
}

export interface WireVisitorTyping {
  visitorTyping: 'typing' | 'not-typing' | string;
}

export interface WireVisitorName {
  visitorName: string;
}

export interface WireTransferSkill {
  id: Numeric;
  name: string;
  onlineAgents: Numeric;
}

export interface WireTransferSkills {
  transfer: { skill?: OneOrMany<WireTransferSkill> } | null;
}

export interface WireTransferRequest {
  transfer: {
    skill?: { id: Numeric };
    agent?: { id: Numeric };
    text?: string;
  };
}
