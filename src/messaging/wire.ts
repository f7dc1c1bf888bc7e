/**
 * The UMS agent websocket frames this package sends and reads, as they are on the wire (`.ams.*`
 * names, API v2.1). See the Messaging reference (§5 envelope, §7 requests, §8 events). The client
 * and the Messaging simulator share this file and nothing else, so a misreading shows up as a
 * disagreement between the two, not as the same bug on both sides.
 */

/** Request types (wire names). */
export const REQ = {
  getClock: '.GetClock',
  setAgentState: '.ams.routing.SetAgentState',
  subscribeRoutingTasks: '.ams.routing.SubscribeRoutingTasks',
  updateRingState: '.ams.routing.UpdateRingState',
  subscribeExConversations: '.ams.aam.SubscribeExConversations',
  unsubscribeExConversations: '.ams.aam.UnsubscribeExConversations',
  publishEvent: '.ams.ms.PublishEvent',
  queryMessages: '.ams.ms.QueryMessages',
  updateConversationField: '.ams.cm.UpdateConversationField',
} as const;
export type RequestType = (typeof REQ)[keyof typeof REQ];

/** Notification types (wire names). */
export const NOTE = {
  routingTask: '.ams.routing.RoutingTaskNotification',
  exConversationChange: '.ams.aam.ExConversationChangeNotification',
  onlineEvent: '.ams.ms.OnlineEventDistribution',
} as const;

/** Response type of a string result (`"Agent state updated successfully"`). */
export const STRING_RESPONSE = '.ReqBody$StringResp';
/** Response type of the routing subscriptions. */
export const GENERIC_SUBSCRIBE_RESPONSE = '.ams.GenericSubscribe$Response';

// ------------------------------------------------------------------ envelope

export interface WireMetadata {
  type: string;
  [key: string]: unknown;
}

export interface WireRequest<B = unknown> {
  kind: 'req';
  /** 1–64 chars, unique per socket; the docs also send numbers. */
  id: string | number;
  type: string;
  body?: B;
  headers?: unknown[] | null;
  metadata?: WireMetadata[];
}

export interface WireResponse<B = unknown> {
  kind: 'resp';
  reqId: string;
  /** HTTP semantics: > 399 is a failure. */
  code: number;
  type: string;
  body?: B;
}

export interface WireNotification<B = unknown> {
  kind: 'notification';
  type: string;
  body: B;
}

export type WireFrame = WireRequest | WireResponse | WireNotification;

// ------------------------------------------------------------------ requests

export type AgentAvailability = 'ONLINE' | 'AWAY' | 'BACK_SOON' | 'OFFLINE' | 'OCCUPIED';

export interface SetAgentStateBody {
  channels: ['MESSAGING'];
  /** Old id `{accountId}.{userId}`. */
  agentUserId: string;
  availability: AgentAvailability;
}

export interface SubscribeRoutingTasksBody {
  channelType: 'MESSAGING';
  agentId: string;
  brandId: string;
}

export type RingState = 'WAITING' | 'ACCEPTED' | 'AUTO_ACCEPT' | 'CANCELLED' | 'EXPIRED' | 'REJECTED';

export interface UpdateRingStateBody {
  ringId: string;
  ringState: 'ACCEPTED' | 'REJECTED';
}

export interface SubscribeExConversationsBody {
  convState: Array<'OPEN' | 'CLOSE'>;
  agentIds?: string[];
  minLastUpdatedTime?: number;
}

export interface SubscribeResponseBody {
  subscriptionId: string;
}

export interface QueryMessagesBody {
  dialogId: string;
  /** "Fetch events with sequence greater or equal to this value" (schema). */
  fromSeq?: number;
  newerThanSequence?: number;
  maxQuantity?: number;
}

export interface PublishEventBody {
  dialogId: string;
  event: WireEvent;
  /** Private (agent-only) message. */
  messageAudience?: 'AGENTS_AND_MANAGERS';
}

export interface PublishEventResponseBody {
  sequence: number;
}

export type ConversationField =
  | { field: 'ParticipantsChange'; type: 'REMOVE' | 'ADD' | 'SUGGEST'; role: ParticipantRole; userId?: string }
  | { field: 'Skill'; type: 'UPDATE'; skill: string }
  | { field: 'ConversationStateField'; conversationState: 'CLOSE' }
  | { field: 'DialogChange'; type: 'UPDATE'; dialog: { dialogId: string; state: 'CLOSE' } };

export interface UpdateConversationFieldBody {
  conversationId: string;
  /** An array; 2017 frames send a single object (accept both when reading). */
  conversationField: ConversationField[] | ConversationField;
}

// ------------------------------------------------------------------ events (§7.10, §7.11)

export interface QuickReply {
  type: 'button';
  title: string;
  tooltip?: string;
  click: { actions: Array<{ type: 'publishText'; text: string }>; metadata?: WireMetadata[] };
}

export interface QuickReplies {
  type: 'quickReplies';
  itemsPerRow: number;
  replies: QuickReply[];
}

export interface ContentEvent {
  type: 'ContentEvent';
  contentType: string;
  /** A string for text; an object for `hosted/file`. */
  message: unknown;
  quickReplies?: QuickReplies;
}

export interface RichContentEvent {
  type: 'RichContentEvent';
  content: Record<string, unknown>;
  quickReplies?: QuickReplies;
}

export type ChatState = 'ACTIVE' | 'INACTIVE' | 'GONE' | 'COMPOSING' | 'PAUSE' | 'BACKGROUND';

export interface ChatStateEvent {
  type: 'ChatStateEvent';
  chatState: ChatState;
}

export type AcceptStatus = 'ACCEPT' | 'READ' | 'ACCESS' | 'NACK' | 'ACTION';

export interface AcceptStatusEvent {
  type: 'AcceptStatusEvent';
  status: AcceptStatus;
  sequenceList: number[];
}

export type WireEvent = ContentEvent | RichContentEvent | ChatStateEvent | AcceptStatusEvent;

export type ParticipantRole = 'CONSUMER' | 'ASSIGNED_AGENT' | 'MANAGER' | 'READER' | 'CONTROLLER';

/** One event of a dialog: the body of `.ams.ms.OnlineEventDistribution` and an item of QueryMessages. */
export interface WireMessagingEvent {
  /** Absent on ChatStateEvent. */
  sequence?: number;
  serverTimestamp?: number;
  dialogId: string;
  /** Old id for agents, the consumer id for consumers. */
  originatorId: string;
  originatorPId?: string;
  originatorMetadata?: { id: string; role: ParticipantRole };
  event: WireEvent;
  metadata?: WireMetadata[];
  messageAudience?: 'AGENTS_AND_MANAGERS';
}

// ------------------------------------------------------------------ notifications

export interface WireRing {
  ringId: string;
  ringState: RingState;
  ringExpiration?: number;
  ringExpirationTs?: number;
  weight?: number;
  // 2017 shape: these live on the ring only.
  convId?: string;
  consumerId?: string;
  skillId?: string;
  brandId?: string;
}

export interface WireRoutingTask {
  routingTaskId?: string;
  brandId?: string;
  assignedAgentId?: string;
  taskCompleted?: boolean;
  conversationId?: string;
  consumerId?: string;
  skillId?: string;
  ringsDetails: WireRing[];
}

export interface Change<R> {
  type: 'UPSERT' | 'DELETE';
  result: R;
}

export interface RoutingTaskNotificationBody {
  subscriptionId?: string;
  changes: Array<Change<WireRoutingTask>>;
}

export interface WireDialog {
  dialogId: string;
  dialogType: 'MAIN' | 'POST_SURVEY' | string;
  channelType: string;
  state: 'OPEN' | 'CLOSE';
  participantsDetails: Array<{ id: string; role: ParticipantRole; state: 'ACTIVE' | 'SUGGESTED' }>;
  creationTs: number;
  endTs?: number;
  metaDataLastUpdateTs: number;
  closedBy?: string;
}

export interface WireConversationDetails {
  convId: string;
  skillId: string;
  participants: Partial<Record<ParticipantRole, string[]>>;
  participantsPId: Partial<Record<ParticipantRole, string[]>>;
  dialogs: WireDialog[];
  brandId: string;
  state: 'OPEN' | 'CLOSE';
  stage: 'OPEN' | 'CLOSE';
  closeReason?: 'AGENT' | 'CONSUMER' | 'TIMEOUT' | 'SYSTEM';
  startTs: number;
  endTs?: number;
  metaDataLastUpdateTs: number;
  context?: Record<string, unknown>;
  conversationHandlerDetails?: { accountId: string; skillId: string };
}

export interface WireExConversation {
  convId: string;
  effectiveTTR?: number;
  conversationDetails: WireConversationDetails;
  lastUpdateTime?: number;
}

export interface ExConversationChangeNotificationBody {
  subscriptionId?: string;
  changes: Array<Change<WireExConversation>>;
}
