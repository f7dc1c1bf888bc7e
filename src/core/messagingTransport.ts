import { createLogger } from '../logger.js';
import type { ConversationInfo } from '../messaging/agentEvents.js';
import { describe, outcomeUnknown } from '../messaging/errors.js';
import type { MessagingLogin } from '../messaging/login.js';
import { MessagingAgent } from '../messaging/MessagingAgent.js';
import type { MessagingConnection } from '../messaging/MessagingConnection.js';
import type { LiveEngageLogger, ResolvedSettings } from './settings.js';
import { Chat } from './chat.js';
import type { OpenChats } from './openChats.js';
import { inFlightAnswered, type ChatStore, type StoredChat } from './chatStore.js';
import type { ChatAction } from './fromActivity.js';
import { openMessagingSession } from './messagingSession.js';
import { findOwnMessage, MessagingHistory, ownMessageSequences } from './messagingHistory.js';
import { closedActivity, consumerMessageActivity, conversationChatInfo, messagingActions, messagingSkill, type MessagingLine } from './messagingMapping.js';
import type { CoreActivity } from './protocol.js';
import type { ChatReporter } from './chatReporter.js';
import { acceptedActivity, typingActivity } from './toActivity.js';
import type { HandoffStatusValue, TransferRequest } from './transfer.js';
import type { Transport } from './transport.js';
import type { HttpClient } from '../api/http.js';
import type { AgentInfo } from '../api/types.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

/** What the Messaging transport needs from the engine: the same open chats, store, reporter and turn queue as chat. */
export interface MessagingTransportDeps {
  settings: ResolvedSettings;
  /** The engine's HTTP client (the Login Service and the Domain API, with its retry policy and apiCall facts). */
  http: HttpClient;
  chats: OpenChats;
  store: ChatStore;
  report: ChatReporter;
  log: LiveEngageLogger;
  variantFor(chatId: string): string | undefined;
  /** Queues a turn in the chat; `sequence` when it comes from a consumer message (its progress is stored). */
  turn(chat: Chat, activity: CoreActivity, sequence?: number): void;
  sleep(ms: number): Promise<void>;
}

/**
 * The Messaging side of the engine, a sibling of the chat poller, session and sender: it logs in,
 * drives a `MessagingAgent` (the UMS websocket), turns its events into the same turns chat's events
 * become (through `messagingMapping.ts`), and carries out the bot's `ChatAction`s as published events,
 * transfers and closes. Progress (the last consumer sequence handled) is kept per conversation in the
 * same `ChatStore` as chat's, and given back to the agent at restart, so nothing is replayed or skipped.
 */
export class MessagingTransport implements Transport {
  private login?: MessagingLogin;
  private messagingAgent?: MessagingAgent;
  private connection?: MessagingConnection;
  private readonly log: LiveEngageLogger;
  /** Stored progress read for conversations the agent is resuming (read once, by `loadProgress`). */
  private readonly loaded = new Map<string, StoredChat>();
  private stopping = false;
  /** Set when it gave up logging in (takeovers): the LOGIN_ABANDONED error. */
  private abandoned?: Error;
  private onAbandoned?: (error: Error) => void;
  /** Conversations the bot is closing or transferring itself: their `conversationClosed` is no news to it. */
  private readonly leaving = new Set<string>();
  /** What actions wait on while the socket is down (`ready()`): one promise for all, settled on open, fatal or stop. */
  private whenOpen?: { promise: Promise<void>; settle(error?: Error): void };
  private readonly history: MessagingHistory;

  constructor(private readonly deps: MessagingTransportDeps) {
    this.log = createLogger('messaging', deps.settings.logger);
    this.history = new MessagingHistory(() => this.connection!, this.log);
  }

  get agent(): AgentInfo | undefined {
    if (!this.login) return undefined;
    const name = this.deps.settings.credentials.username;
    return { id: this.login.userId, agentName: name, loginName: name, skills: [] };
  }

  async start(): Promise<void> {
    const { settings } = this.deps;
    const { login, connection } = await openMessagingSession({ ...this.deps, log: this.log, onGaveUp: (error) => this.gaveUp(error) });
    this.login = login;
    this.connection = connection;
    const agent = new MessagingAgent({
      connection,
      accountId: this.login.accountId,
      userId: this.login.userId,
      ...(settings.maxConcurrentChats ? { maxConversations: settings.maxConcurrentChats } : {}),
      loadProgress: (id, consumerId) => this.loadProgress(id, consumerId),
      ...(settings.logger ? { logger: settings.logger } : {}),
    });
    agent.on('conversationStarted', (info) => this.started(info));
    agent.on('consumerMessage', (message) => {
      const chat = this.openChat(message.conversationId);
      if (!chat) return;
      this.deps.turn(chat, consumerMessageActivity(chat.snapshot(), message), message.sequence);
      this.deps.report.visitorLine(chat);
      // Read once the bot's turn for it ran (behind it in the chat's queue), unless the bot let it go.
      void chat.turns.add(async () => {
        if (chat.phase !== 'open') return;
        await agent.acceptStatus(chat.chatId, 'READ', [message.sequence]).catch((error: unknown) => this.log.debug('READ receipt for %s #%d failed: %s', chat.chatId, message.sequence, describe(error)));
      });
    });
    agent.on('consumerTyping', ({ conversationId, typing }) => {
      const chat = this.openChat(conversationId);
      if (chat && typing) this.deps.turn(chat, typingActivity(chat.snapshot()));
    });
    agent.on('conversationClosed', ({ conversationId, how, closeReason }) => {
      // The bot's own close or transfer: the engine lets the chat go and tells the bot (handoff.status), as on chat.
      if (this.leaving.delete(conversationId)) return;
      const chat = this.openChat(conversationId);
      if (!chat) return;
      if (how === 'closed') this.deps.turn(chat, closedActivity(chat.snapshot(), closeReason));
      this.deps.chats.release(chat, how === 'closed' ? 'ended' : 'transferred');
    });
    agent.on('disconnected', (info) => this.log.info('socket closed (%d); %s', info.code, info.action));
    agent.on('fatal', (error) => this.log.error('Messaging stopped for good: %s', error.message));
    this.messagingAgent = agent;
    // Giving up (takeovers) while starting closes the connection: no `ready` or `fatal` will come.
    const abandoned = new Promise<never>((_resolve, reject) => (this.onAbandoned = reject));
    abandoned.catch(() => undefined);
    try {
      await Promise.race([agent.start(), abandoned]);
    } catch (error) {
      if (!this.abandoned) await login.logout();
      throw this.abandoned ?? error;
    }
  }

  /** Another process of the bot user won (takeovers): stop, and fail what waits for the socket with the reason. */
  private gaveUp(error: Error): void {
    this.abandoned = error;
    this.stopping = true;
    this.onAbandoned?.(error);
    this.whenOpen?.settle(error);
  }

  /**
   * Stops taking conversations (AWAY), closes the socket and logs out. On Messaging the conversations
   * stay assigned to the bot user either way (`logout: false` changes nothing here): the next process of
   * the bot user finds them in its first snapshot and resumes them from the stored progress.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.messagingAgent?.stop().catch((error: unknown) => this.log.warn('stopping the agent failed: %s', describe(error)));
    // After giving up the user's login belongs to the other process: logging out would end it.
    if (!this.abandoned) await this.login?.logout();
  }

  /** Messaging's actions: chat's, with suggested actions as native quick replies. */
  toActions(activity: CoreActivity): ChatAction[] {
    return messagingActions(activity, this.deps.settings);
  }

  /** Resolves while the socket is open, or as soon as it is again; rejects when Messaging stops for good or the adapter stops. */
  ready(): Promise<void> {
    const agent = this.messagingAgent;
    if (this.abandoned) return Promise.reject(this.abandoned);
    if (!agent || this.stopping) return Promise.reject(notRunning());
    if (this.connectionOpen()) return Promise.resolve();
    // One listener pair however many actions wait (90 conversations' replies during a reconnect).
    if (!this.whenOpen) {
      let settle!: (error?: Error) => void;
      const promise = new Promise<void>((resolve, reject) => {
        settle = (error?: Error): void => {
          agent.off('ready', onReady);
          agent.off('fatal', settle);
          this.whenOpen = undefined;
          if (error) reject(error);
          else resolve();
        };
      });
      const onReady = (): void => settle();
      agent.once('ready', onReady);
      agent.once('fatal', settle);
      this.whenOpen = { promise, settle };
    }
    return this.whenOpen.promise;
  }

  /** At stop, with the socket down: what waits for it is given up (reported undeliverable), as chat does while re-login is on hold. */
  giveUpIfDown(): void {
    if (this.connectionOpen()) return;
    this.stopping = true;
    this.whenOpen?.settle(notRunning());
  }

  /** One action of the outbox, on Messaging. */
  async execute(chat: Chat, action: ChatAction): Promise<{ eventId?: number; handoff?: HandoffStatusValue }> {
    const agent = this.requireAgent();
    const id = chat.chatId;
    switch (action.kind) {
      case 'line': {
        if (chat.phase !== 'open') throw codedError(Error, `LiveEngageAdapter.sendActivities(): cannot send a line: chat ${id} was ${chat.phase}.`, LiveEngageErrorCode.CHAT_NOT_OPEN);
        const { line, quickReplies } = action as MessagingLine;
        const isPrivate = line.subType === 'ONLY_TO_REP';
        const rich = line.textType === 'rich-content' ? (line.json as Record<string, unknown>) : undefined;
        const sequence = await this.publishOnce(chat, rich ?? line.text, () => {
          if (isPrivate) return agent.publishPrivateText(id, line.text);
          if (rich) return agent.publishRichContent(id, rich, quickReplies ? { quickReplies } : {});
          if (quickReplies) return agent.publishQuickReplies(id, line.text, quickReplies);
          return agent.publishText(id, line.text);
        });
        this.deps.report.botLine(chat, isPrivate);
        if (chat.agentTyping) {
          chat.agentTyping = false;
          await agent.setTyping(id, false).catch((error: unknown) => this.log.debug('clearing typing in %s failed: %s', id, describe(error)));
        }
        return { eventId: sequence };
      }
      case 'typing':
        if (chat.phase !== 'open') return {};
        await agent.setTyping(id, true).then(() => (chat.agentTyping = true), (error: unknown) => this.log.warn('setting typing in %s failed: %s', id, describe(error)));
        return {};
      case 'delay':
        await this.deps.sleep(action.ms);
        return {};
      case 'transfer':
        return { handoff: await this.transfer(chat, action.request) };
      case 'end':
        if (chat.phase === 'open') await this.leave(id, () => agent.close(id));
        return {};
      case 'drop':
        if (action.reason !== 'trace') this.log.debug('not sent to %s: %s', id, action.reason);
        return {};
    }
  }

  /**
   * Publishes exactly once. A publish whose outcome is unknown (the socket closed under it, its answer
   * did not come within the request timeout while the socket stayed open, or UMS answered 5xx or 429) may or may not have been
   * applied: after a timeout it waits one request timeout more (UMS may still apply what the client gave
   * up on), then waits for the socket, looks for the bot's own message (`what`: its text or rich content)
   * after the conversation's last known sequence, and publishes again only if it is not there. It gives
   * up (the line is reported undeliverable) when the conversation is no longer the bot's, or after
   * `MAX_PUBLISH_ATTEMPTS` looks.
   */
  private async publishOnce(chat: Chat, what: string | Record<string, unknown>, publish: () => Promise<number>): Promise<number> {
    const conversationId = chat.chatId;
    const since = Math.max(0, this.lastSequence(conversationId) ?? -1);
    for (let attempt = 0; ; attempt += 1) {
      try {
        if (attempt > 0 && (chat.phase !== 'open' || this.lastSequence(conversationId) === undefined)) throw codedError(Error, `LiveEngageAdapter.sendActivities(): cannot send a line: conversation ${conversationId} is no longer the bot's.`, LiveEngageErrorCode.CHAT_NOT_OPEN);
        const sequence = (attempt > 0 ? await this.findOwnMessage(chat, what, since) : undefined) ?? (await publish());
        // Remembered (as chat's sender does), so an identical later line is never taken for this one.
        chat.sentLines.push({ id: sequence, text: typeof what === 'string' ? what : JSON.stringify(what) });
        if (chat.sentLines.length > 50) chat.sentLines.shift();
        return sequence;
      } catch (error) {
        if (!outcomeUnknown(error) || attempt >= MAX_PUBLISH_ATTEMPTS) throw error;
        this.log.warn('publishing to %s failed (%s); looking for it before publishing again', conversationId, describe(error));
        // A request UMS still holds may land late; a 429 asks for the rate limit's wait; the socket may still look open while it closes.
        const { requestTimeoutMs, rateLimitMinDelayMs } = this.deps.settings;
        await this.deps.sleep(error.kind === 'timeout' ? requestTimeoutMs : error.code === 429 ? rateLimitMinDelayMs : 100 * (attempt + 1));
        await this.ready();
      }
    }
  }

  /** The conversation's last known sequence, undefined when the agent no longer serves it. */
  private lastSequence(conversationId: string): number | undefined {
    return this.requireAgent().openConversations().find((c) => c.conversationId === conversationId)?.lastSequence;
  }

  /** The sequence of a message of the bot's with this text (or rich content) after `since`, not one already accounted for. */
  private async findOwnMessage(chat: Chat, what: string | Record<string, unknown>, since: number): Promise<number | undefined> {
    const known = new Set(chat.sentLines.map((l) => l.id));
    return findOwnMessage(await this.history.events(chat.chatId, since), this.requireAgent().oldId, what, since, known);
  }

  /** A transfer to a skill (by id, or by name through `messagingSkills`) or to an agent, with its reason. */
  async transfer(chat: Chat, request: TransferRequest): Promise<HandoffStatusValue> {
    const reason = request.reason;
    const failed = (message: string, target?: HandoffStatusValue['target']): HandoffStatusValue => ({ state: 'failed', message, ...(target ? { target } : {}), ...(reason ? { reason } : {}) });
    if (chat.phase !== 'open') return failed(`The chat is ${chat.phase}; it cannot be transferred.`);
    const agent = this.requireAgent();
    const options = reason ? { reason } : {};
    try {
      if (request.agentId !== undefined) {
        // An agent transfer names a skill too: the one asked for, else the conversation's own.
        const skill = request.skill !== undefined ? messagingSkill(request.skill, this.deps.settings.messagingSkills) : undefined;
        if (skill && !skill.ok) return failed(skill.message, { agentId: String(request.agentId) });
        const skillId = skill?.ok ? skill.skillId : chat.info.skillId;
        if (skillId === undefined) return failed('A transfer to an agent needs a skill: the conversation has none.', { agentId: String(request.agentId) });
        await this.leave(chat.chatId, () => agent.transferToAgent(chat.chatId, String(request.agentId), String(skillId), options));
        return { state: 'accepted', message: `The chat was transferred to agent ${String(request.agentId)}.`, target: { agentId: String(request.agentId) }, ...(reason ? { reason } : {}) };
      }
      if (request.skill === undefined) return failed('The transfer names no skill and no agent.');
      const skill = messagingSkill(request.skill, this.deps.settings.messagingSkills);
      if (!skill.ok) return failed(skill.message, { skillName: String(request.skill) });
      const target = { skillId: skill.skillId, ...(skill.skillName ? { skillName: skill.skillName } : {}) };
      await this.leave(chat.chatId, () => agent.transferToSkill(chat.chatId, String(skill.skillId), options));
      return { state: 'accepted', message: `The chat was transferred to skill '${skill.skillName ?? skill.skillId}'.`, target, ...(reason ? { reason } : {}) };
    } catch (error) {
      return failed(`LiveEngage refused the transfer: ${describe(error)}`);
    }
  }

  // ------------------------------------------------------------------ conversations

  /**
   * Where a conversation resumes: after its stored progress; with nothing stored (storage lost, or a
   * conversation transferred in with its history), after the last agent's message in it (`progressFromHistory`).
   */
  private async loadProgress(conversationId: string, consumerId: string | undefined): Promise<number | undefined> {
    const stored = (await this.deps.store.load([conversationId])).get(conversationId) ?? (await this.fromHistory(conversationId, consumerId));
    if (!stored) return undefined;
    this.loaded.set(conversationId, stored);
    // A turn under way when the process died counts as run when the bot's reply to it had landed (chat's rule).
    const inFlight = stored.inFlight;
    if (inFlight !== undefined && inFlight > stored.handledThrough && (await this.replyLanded(conversationId, stored))) stored.handledThrough = inFlight;
    return stored.handledThrough;
  }

  /** Progress read off the history; when it cannot be read (twice), the conversation is caught up from its start. */
  private async fromHistory(conversationId: string, consumerId: string | undefined): Promise<StoredChat | undefined> {
    const self = this.requireAgent().oldId;
    const read = (await this.history.progress(conversationId, self, consumerId)) ?? (await this.history.progress(conversationId, self, consumerId));
    if (!read) {
      this.log.error('the history of %s could not be read: its messages are turns from the first', conversationId);
      return undefined;
    }
    if (read.handledThrough < 0 && !read.welcomed) return undefined;
    this.log.info('nothing stored for %s: resuming after the last agent message (#%d)', conversationId, read.handledThrough);
    return { ...read, acceptedAt: Date.now() };
  }

  /**
   * Whether the bot's reply to the turn under way when the process died had landed (QueryMessages;
   * chat's rule, `inFlightAnswered`): its turn ran, only its completion was not stored. When the look
   * fails, the turn runs again.
   */
  private async replyLanded(conversationId: string, stored: StoredChat): Promise<boolean> {
    const inFlight = stored.inFlight ?? -1;
    try {
      return inFlightAnswered(stored, ownMessageSequences(await this.history.events(conversationId, inFlight), this.requireAgent().oldId));
    } catch (error) {
      this.log.warn('looking for the reply to %s #%d failed (%s); its turn runs again', conversationId, inFlight, describe(error));
      return false;
    }
  }

  /** A conversation the agent now serves: new (welcome turn) or resumed from its stored progress. */
  private started(info: ConversationInfo): void {
    const id = info.conversationId;
    // A conversation that left the bot and came back (transferred to it again) is a new chat.
    if (this.deps.chats.get(id)?.phase === 'open') return;
    const stored = this.loaded.get(id);
    this.loaded.delete(id);
    const login = this.login!;
    const variant = stored?.variant ?? this.deps.variantFor(id);
    const name = this.deps.settings.credentials.username;
    const chat = new Chat(id, `messaging:${id}`, conversationChatInfo(info, this.deps.settings.messagingSkills), {
      bot: { id: login.userId, name },
      serviceUrl: `wss://${login.host}/ws_api/account/${login.accountId}/messaging`,
      ...(variant ? { channelData: { variant } } : {}),
    }, stored?.acceptedAt);
    if (variant) chat.variant = variant;
    chat.welcomed = stored?.welcomed ?? false;
    chat.handledThrough = stored?.handledThrough ?? -1;
    this.deps.chats.add(chat);
    this.log.info('%s conversation %s (consumer %s)', stored ? 'resumed' : 'accepted', id, chat.info.visitorName);
    this.deps.report.accepted(chat);
    if (!chat.welcomed) this.deps.turn(chat, acceptedActivity(chat.snapshot()));
  }

  /** Runs the bot's own close or transfer, marking the conversation as leaving (unmarked when it fails). */
  private async leave(conversationId: string, step: () => Promise<void>): Promise<void> {
    this.leaving.add(conversationId);
    try {
      await step();
    } catch (error) {
      this.leaving.delete(conversationId);
      throw error;
    }
  }

  private openChat(conversationId: string): Chat | undefined {
    const chat = this.deps.chats.get(conversationId);
    return chat?.phase === 'open' ? chat : undefined;
  }

  private connectionOpen(): boolean {
    return this.connection?.isOpen ?? false;
  }

  private requireAgent(): MessagingAgent {
    if (!this.messagingAgent) throw notRunning();
    return this.messagingAgent;
  }
}

/** Looks (and publishes again) after a socket closed under a publish, at most this many times. */
const MAX_PUBLISH_ATTEMPTS = 10;

function notRunning(): Error {
  return codedError(Error, 'LiveEngageAdapter: the adapter is not running.', LiveEngageErrorCode.NOT_RUNNING);
}
