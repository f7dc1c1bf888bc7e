import { EventEmitter } from 'node:events';
import { createLogger } from '../logger.js';
import type { LiveEngageLogger } from '../logger.js';
import type { AgentEvents, ConsumerMessage, ConversationClosed, ConversationInfo } from './agentEvents.js';
import { configError, describe, MessagingError } from './errors.js';

export type { AgentEvents, ConsumerMessage, ConversationClosed, ConversationInfo } from './agentEvents.js';
import type { MessagingConnection } from './MessagingConnection.js';
import { readConversationChanges, readMessagingEvent, readRings, type ConversationChange } from './notifications.js';
import {
  acceptStatusEvent,
  chatStateEvent,
  closeFields,
  quickReplies,
  reasonMetadata,
  richContentEvent,
  textEvent,
  transferFields,
  type QuickReplyOption,
} from './publish.js';
import { Sequencer, type TrackedConversation } from './sequencer.js';
import {
  NOTE,
  REQ,
  type AcceptStatus,
  type AgentAvailability,
  type PublishEventBody,
  type PublishEventResponseBody,
  type WireEvent,
  type WireMessagingEvent,
  type WireMetadata,
  type WireNotification,
} from './wire.js';

export interface MessagingAgentOptions {
  connection: MessagingConnection;
  accountId: string;
  /** The login's `config.userId`; the wire calls the agent `{accountId}.{userId}`. */
  userId: string;
  /** Accept rings (`UpdateRingState ACCEPTED`). Default true. */
  acceptRings?: boolean;
  /** Stop accepting rings at this many open conversations. Default unlimited. */
  maxConversations?: number;
  /** Send an `ACCEPT` receipt for each consumer message as it is delivered. Default true. */
  acceptReceipts?: boolean;
  /** Where a conversation's events resume after a restart (the engine's stored progress); -1/undefined = from the start. */
  loadProgress?: (conversationId: string, consumerId: string | undefined) => number | undefined | Promise<number | undefined>;
  /** QueryMessages page size. Default 100 (the 2017 client's cap is 200). */
  catchUpPageSize?: number;
  logger?: LiveEngageLogger;
}

/**
 * The bot as a Messaging agent on one `MessagingConnection`: on every (re)connect it subscribes to
 * routing tasks and its conversations, goes ONLINE and catches up; it accepts rings, turns consumer
 * events into typed events with their sequence (exactly once, in order), and publishes, transfers and
 * closes. Framework-neutral: the engine maps these events to activities.
 */
export class MessagingAgent extends EventEmitter<AgentEvents> {
  readonly oldId: string;
  private readonly log: LiveEngageLogger;
  private readonly conversations = new Map<string, TrackedConversation>();
  private readonly sequencer: Sequencer;
  private readonly connection: MessagingConnection;
  private availability: AgentAvailability = 'ONLINE';
  private snapshotPending = false;
  /** Rings accepted whose conversation has not started yet: they count toward maxConversations. */
  private readonly accepting = new Set<string>();
  private started = false;

  constructor(private readonly options: MessagingAgentOptions) {
    super();
    const where = 'MessagingAgent()';
    if (!options?.connection) throw configError(where, 'connection is required');
    if (typeof options.accountId !== 'string' || !options.accountId) throw configError(where, 'accountId is required');
    if (typeof options.userId !== 'string' || !options.userId) throw configError(where, 'userId is required');
    this.connection = options.connection;
    this.oldId = `${options.accountId}.${options.userId}`;
    this.log = createLogger('messaging:agent', options.logger);
    this.sequencer = new Sequencer(
      (dialogId, from, maxQuantity) => this.connection.request(REQ.queryMessages, { dialogId, fromSeq: from, newerThanSequence: from, maxQuantity }),
      (conversation, event) => this.delivered(conversation, event),
      this.log,
      options.catchUpPageSize ?? 100,
    );
  }

  /** Connects and resolves once ONLINE and subscribed. */
  async start(): Promise<void> {
    if (this.started) throw configError('MessagingAgent.start()', 'already started');
    this.started = true;
    const ready = new Promise<void>((resolve, reject) => {
      const onReady = (): void => {
        this.off('fatal', onFatal);
        resolve();
      };
      const onFatal = (error: MessagingError): void => {
        this.off('ready', onReady);
        reject(error);
      };
      this.once('ready', onReady);
      this.once('fatal', onFatal);
    });
    // open() reports a fatal first failure itself; this copy must not become an unhandled rejection.
    ready.catch(() => undefined);
    this.connection.on('open', ({ reconnect }) => void this.subscribe(reconnect));
    this.connection.on('notification', (frame) => this.onNotification(frame));
    this.connection.on('close', (info) => this.emit('disconnected', info));
    this.connection.on('fatal', (error) => this.emit('fatal', error));
    await this.connection.open();
    await ready;
  }

  /** Stops taking conversations (AWAY, best effort) and closes the socket. Assigned conversations stay assigned. */
  async stop(): Promise<void> {
    if (this.connection.isOpen) {
      await this.setAvailability('AWAY').catch((error: unknown) => this.log.debug('messaging: AWAY on stop failed: %s', describe(error)));
    }
    await this.connection.close();
  }

  /** The conversations the bot serves now, with their progress. */
  openConversations(): Array<{ conversationId: string; lastSequence: number }> {
    return [...this.conversations.values()].map((c) => ({ conversationId: c.conversationId, lastSequence: c.lastSequence }));
  }

  async setAvailability(availability: AgentAvailability): Promise<void> {
    this.availability = availability;
    await this.connection.request(REQ.setAgentState, { channels: ['MESSAGING'], agentUserId: this.oldId, availability });
  }

  // ------------------------------------------------------------ publish

  async publishText(conversationId: string, text: string, options: { metadata?: WireMetadata[] } = {}): Promise<number> {
    return this.publish('publishText', conversationId, textEvent('MessagingAgent.publishText()', text), options.metadata);
  }

  async publishQuickReplies(conversationId: string, text: string, options: readonly QuickReplyOption[], itemsPerRow?: number): Promise<number> {
    const where = 'MessagingAgent.publishQuickReplies()';
    return this.publish('publishQuickReplies', conversationId, { ...textEvent(where, text), quickReplies: quickReplies(where, options, itemsPerRow) });
  }

  /** Structured content (`channelData.structuredContent`), optionally with quick replies and an ExternalId. */
  async publishRichContent(conversationId: string, content: Record<string, unknown>, options: { quickReplies?: readonly QuickReplyOption[]; externalId?: string } = {}): Promise<number> {
    const where = 'MessagingAgent.publishRichContent()';
    const replies = options.quickReplies ? quickReplies(where, options.quickReplies) : undefined;
    const metadata = options.externalId ? [{ type: 'ExternalId', id: options.externalId }] : undefined;
    return this.publish('publishRichContent', conversationId, richContentEvent(where, content, replies), metadata);
  }

  /** A message only agents and managers see (the consumer never does). */
  async publishPrivateText(conversationId: string, text: string): Promise<number> {
    return this.publish('publishPrivateText', conversationId, textEvent('MessagingAgent.publishPrivateText()', text), undefined, true);
  }

  /** Typing on (COMPOSING) or off (ACTIVE). */
  async setTyping(conversationId: string, typing: boolean): Promise<void> {
    await this.publish('setTyping', conversationId, chatStateEvent(typing));
  }

  /** A receipt (`READ` once the bot has handled a message; `ACCEPT` is sent on delivery unless turned off). */
  async acceptStatus(conversationId: string, status: AcceptStatus, sequences: readonly number[]): Promise<number> {
    return this.publish('acceptStatus', conversationId, acceptStatusEvent('MessagingAgent.acceptStatus()', status, sequences));
  }

  // ------------------------------------------------------------ transfer and close

  /** The bot leaves and the conversation waits in `skillId`'s queue; `reason` goes to the next agent as metadata. */
  transferToSkill(conversationId: string, skillId: string, options: { reason?: string } = {}): Promise<void> {
    const where = 'MessagingAgent.transferToSkill()';
    if (typeof skillId !== 'string' || !skillId) return Promise.reject(configError(where, 'skillId is required'));
    return this.updateFields(where, conversationId, transferFields(this.oldId, skillId), 'transferred', reasonMetadata(options.reason));
  }

  /** The bot leaves and suggests an agent (`{accountId}.{userId}` or the bare user id); needs v=2.1. */
  transferToAgent(conversationId: string, agentUserId: string, skillId: string, options: { reason?: string } = {}): Promise<void> {
    const where = 'MessagingAgent.transferToAgent()';
    if (typeof agentUserId !== 'string' || !agentUserId) return Promise.reject(configError(where, 'agentUserId is required'));
    if (typeof skillId !== 'string' || !skillId) return Promise.reject(configError(where, 'skillId is required'));
    const agent = agentUserId.includes('.') ? agentUserId : `${this.options.accountId}.${agentUserId}`;
    return this.updateFields(where, conversationId, transferFields(this.oldId, skillId, agent), 'transferred', reasonMetadata(options.reason));
  }

  /** Closes the conversation (no post-conversation survey). */
  close(conversationId: string): Promise<void> {
    return this.updateFields('MessagingAgent.close()', conversationId, closeFields(), 'closed');
  }

  private async updateFields(where: string, conversationId: string, fields: unknown[], how: ConversationClosed['how'], metadata?: WireMetadata[]): Promise<void> {
    if (typeof conversationId !== 'string' || !conversationId) throw configError(where, 'conversationId is required');
    await this.connection.request(REQ.updateConversationField, { conversationId, conversationField: fields }, metadata ? { metadata } : {});
    this.ended(conversationId, { conversationId, how, ...(how === 'closed' ? { closeReason: 'AGENT' } : {}) });
  }

  private async publish(name: string, conversationId: string, event: WireEvent, metadata?: WireMetadata[], privately = false): Promise<number> {
    if (typeof conversationId !== 'string' || !conversationId) throw configError(`MessagingAgent.${name}()`, 'conversationId is required');
    const body: PublishEventBody = { dialogId: conversationId, event, ...(privately ? { messageAudience: 'AGENTS_AND_MANAGERS' as const } : {}) };
    const answer = await this.connection.request<PublishEventResponseBody>(REQ.publishEvent, body, metadata ? { metadata } : {});
    return typeof answer?.sequence === 'number' ? answer.sequence : -1;
  }

  // ------------------------------------------------------------ (re)connect

  private async subscribe(reconnect: boolean): Promise<void> {
    try {
      // Subscribing before going ONLINE loses no ring (reference §6).
      await this.connection.request(REQ.subscribeRoutingTasks, { channelType: 'MESSAGING', agentId: this.oldId, brandId: this.options.accountId });
      this.snapshotPending = true;
      await this.connection.request(REQ.subscribeExConversations, { convState: ['OPEN'], agentIds: [this.oldId] });
      await this.setAvailability(this.availability);
    } catch (error) {
      // The socket went away meanwhile: the connection is already reconnecting (and will call again).
      if (error instanceof MessagingError && error.kind === 'closed') return;
      // All or nothing: a half-subscribed socket would miss rings or conversations. Start over.
      this.log.warn('messaging: subscribing failed (%s); reconnecting', describe(error));
      this.connection.dropSocket();
      return;
    }
    this.log.info('messaging: %s as %s', this.availability, this.oldId);
    this.emit('ready', { reconnect });
  }

  // ------------------------------------------------------------ notifications

  private onNotification(frame: WireNotification): void {
    const type = frame.type;
    if (type === NOTE.routingTask || type.endsWith('RoutingTaskNotification')) this.onRings(frame.body);
    else if (type === NOTE.exConversationChange || type.endsWith('ExConversationChangeNotification')) this.onConversations(frame.body);
    else if (type === NOTE.onlineEvent || type.endsWith('ms.OnlineEventDistribution')) this.onEvent(frame.body);
    else this.log.debug('messaging: ignored notification %s', type);
  }

  private onRings(body: unknown): void {
    const { items, problems } = readRings(body);
    for (const problem of problems) this.log.error('messaging: bad routing notification: %s', problem);
    if (this.options.acceptRings === false || this.availability !== 'ONLINE') return;
    for (const ring of items) {
      if (ring.state !== 'WAITING' || this.accepting.has(ring.conversationId) || this.conversations.has(ring.conversationId)) continue;
      const max = this.options.maxConversations;
      if (max !== undefined && this.conversations.size + this.accepting.size >= max) return;
      this.accepting.add(ring.conversationId);
      this.connection
        .request(REQ.updateRingState, { ringId: ring.ringId, ringState: 'ACCEPTED' })
        .catch((error: unknown) => {
          this.accepting.delete(ring.conversationId);
          this.log.warn('messaging: accepting the ring of %s failed: %s', ring.conversationId, describe(error));
        });
    }
  }

  private onConversations(body: unknown): void {
    const { items, problems } = readConversationChanges(body);
    for (const problem of problems) this.log.error('messaging: bad conversation notification: %s', problem);
    if (this.snapshotPending) {
      // The first notification after subscribing lists every open conversation assigned to the bot:
      // one we serve that is missing ended while the socket was down.
      this.snapshotPending = false;
      const listed = new Set(items.filter((c) => c.type === 'UPSERT').map((c) => c.conversationId));
      for (const id of [...this.conversations.keys()]) if (!listed.has(id)) this.ended(id, { conversationId: id, how: 'closed' });
      for (const conversation of this.conversations.values()) void this.sequencer.catchUp(conversation);
    }
    for (const change of items.sort((a, b) => a.updatedAt - b.updatedAt)) this.onConversation(change);
  }

  private onConversation(change: ConversationChange): void {
    const known = this.conversations.get(change.conversationId);
    if (known && change.updatedAt && change.updatedAt < known.updatedAt) return; // stale, order not guaranteed
    const mine = change.type === 'UPSERT' && change.state === 'OPEN' && change.assignedAgents.includes(this.oldId);
    if (known) {
      known.updatedAt = Math.max(known.updatedAt, change.updatedAt);
      known.skillId = change.skillId;
      if (!mine) {
        const how = change.state === 'CLOSE' ? 'closed' : 'transferred';
        this.ended(change.conversationId, { conversationId: change.conversationId, how, ...(change.closeReason ? { closeReason: change.closeReason } : {}) });
      }
      return;
    }
    if (!mine) return;
    this.accepting.delete(change.conversationId);
    const conversation: TrackedConversation = {
      conversationId: change.conversationId,
      consumerId: change.consumerId,
      skillId: change.skillId,
      lastSequence: -1,
      updatedAt: change.updatedAt,
      chain: Promise.resolve(),
    };
    this.conversations.set(change.conversationId, conversation);
    // The chain starts with the stored progress: events arriving meanwhile wait behind it, so a
    // restarted bot neither hears old messages again nor hears anything before conversationStarted.
    conversation.chain = this.resume(conversation, change);
    void this.sequencer.catchUp(conversation);
  }

  private async resume(conversation: TrackedConversation, change: ConversationChange): Promise<void> {
    let stored: number | undefined;
    try {
      stored = await this.options.loadProgress?.(change.conversationId, change.consumerId);
    } catch (error) {
      this.log.error('messaging: loadProgress(%s) failed: %s', change.conversationId, describe(error));
    }
    const resumed = typeof stored === 'number' && Number.isInteger(stored) && stored >= 0;
    if (resumed) conversation.lastSequence = stored as number;
    const info: ConversationInfo = {
      conversationId: change.conversationId,
      consumerId: change.consumerId,
      skillId: change.skillId,
      resumed,
      ...(change.context ? { context: change.context } : {}),
    };
    this.safeEmit('conversationStarted', info);
  }

  private onEvent(body: unknown): void {
    const { event, problem } = readMessagingEvent(body);
    if (!event) {
      this.log.error('messaging: ignored a messaging event: %s', problem);
      return;
    }
    // Events of conversations the bot does not serve arrive too (#80); a new one's come by catch-up.
    const conversation = this.conversations.get(event.dialogId);
    if (!conversation) return;
    if (event.event.type === 'ChatStateEvent') {
      if (this.isConsumer(conversation, event)) {
        const chatState = event.event.chatState;
        // Behind the conversation's chain, so typing never comes before conversationStarted.
        void conversation.chain.then(() =>
          this.safeEmit('consumerTyping', { conversationId: conversation.conversationId, typing: chatState === 'COMPOSING', chatState }),
        );
      }
      return;
    }
    void this.sequencer.push(conversation, event);
  }

  /** Called by the sequencer once per sequence, in order. */
  private delivered(conversation: TrackedConversation, event: WireMessagingEvent): void {
    const sequence = event.sequence ?? -1;
    const inner = event.event;
    if (this.isConsumer(conversation, event) && (inner.type === 'ContentEvent' || inner.type === 'RichContentEvent')) {
      const message: ConsumerMessage = { conversationId: conversation.conversationId, sequence, consumerId: event.originatorId, event: inner };
      if (event.serverTimestamp !== undefined) message.serverTimestamp = event.serverTimestamp;
      if (inner.type === 'ContentEvent' && typeof inner.message === 'string') message.text = inner.message;
      if (event.metadata) message.metadata = event.metadata;
      this.safeEmit('consumerMessage', message);
      if (this.options.acceptReceipts !== false) {
        this.acceptStatus(conversation.conversationId, 'ACCEPT', [sequence]).catch((error: unknown) =>
          this.log.debug('messaging: ACCEPT receipt for %s #%d failed: %s', conversation.conversationId, sequence, describe(error)),
        );
      }
    }
    this.safeEmit('progress', { conversationId: conversation.conversationId, sequence });
  }

  private isConsumer(conversation: TrackedConversation, event: WireMessagingEvent): boolean {
    if (event.originatorMetadata) return event.originatorMetadata.role === 'CONSUMER';
    return conversation.consumerId !== undefined && event.originatorId === conversation.consumerId;
  }

  private ended(conversationId: string, closed: ConversationClosed): void {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return;
    this.conversations.delete(conversationId);
    // After whatever the conversation's chain still delivers: closed is its last event.
    conversation.chain = conversation.chain.then(() => this.safeEmit('conversationClosed', closed));
  }

  private safeEmit<K extends keyof AgentEvents>(name: K, ...args: AgentEvents[K]): void {
    try {
      (this.emit as (n: K, ...a: AgentEvents[K]) => boolean)(name, ...args);
    } catch (error) {
      this.log.error('messaging: a %s listener threw: %s', String(name), describe(error));
    }
  }
}
