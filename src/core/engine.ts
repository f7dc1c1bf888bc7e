import PQueue from 'p-queue';
import { MAX_CHATS_PER_READ, type ChatAgentClient } from '../api/chatAgent.js';
import { LiveEngageApiError } from '../api/errors.js';
import { createHttpClient, type HttpClient } from '../api/http.js';
import { AgentSession } from './agentSession.js';
import type { Chat } from './chat.js';
import { OpenChats } from './openChats.js';
import { ChatStore } from './chatStore.js';
import type { LiveEngageAdapterEvents } from './events.js';
import { failOver } from './failover.js';
import type { ChatAction } from './fromActivity.js';
import { createLogger } from '../logger.js';
import { MessagingTransport } from './messagingTransport.js';
import { Outbox } from './outbox.js';
import { Poller, type PollTarget } from './poller.js';
import { ActivityTypes, MemoryStore, type CoreActivity, type ResourceResponse } from './protocol.js';
import { ChatReporter } from './chatReporter.js';
import { Sender } from './sender.js';
import { loopbackSchemeOf, resolveSettings, type LiveEngageAdapterSettings, type LiveEngageLogger, type ResolvedSettings } from './settings.js';
import { handoffStatusActivity } from './toActivity.js';
import type { HandoffStatusValue } from './transfer.js';
import { chatTransport, type Transport } from './transport.js';
import { checkVariants, pickVariant, type BotVariant } from './variants.js';
import type { AgentInfo } from '../api/types.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

/** The poll's reads go ahead of queued sends (LiveEngage ends a chat 40 s after the agent last read it). */
const READ_PRIORITY = 1;

/** `start()` with A/B variants. */
export interface StartOptions<L> {
  variants: BotVariant<L>[];
}

/** What the engine needs from a binding (the bot framework side). `L` is that framework's turn handler. */
export interface EngineBinding<L> {
  /**
   * Runs one turn of `logic` on `activity` in the framework (its TurnContext, middleware, error
   * handler). Rejects when the turn failed: the engine then fails the chat over.
   */
  runTurn(activity: CoreActivity, logic: L): Promise<void>;
  /** How often the poller checks that the agent is still Online (read at start). */
  availabilityCheckMs(): number;
  /** Waits; a seam so tests can use fake timers. */
  sleep(ms: number): Promise<void>;
}

/**
 * The adapter's engine, framework-neutral: logs the bot user in, takes the chats that ring, turns chat
 * events into plain activities for the binding to run as turns, and the bot's activities into lines,
 * transfers and ends. A binding (botbuilder, Agents SDK) wraps it in its framework's adapter class.
 */
export class LiveEngageEngine<L> {
  readonly settings: ResolvedSettings;
  readonly http: HttpClient;
  readonly log: LiveEngageLogger;
  /** Bounds the Chat Agent API requests in flight over all chats. */
  readonly requests: PQueue;
  session?: AgentSession;
  poller?: Poller;
  readonly sender: Sender;
  readonly store: ChatStore;
  /** What the bot sent, per chat, in order, until delivered or reported undeliverable. */
  readonly outbox: Outbox;
  private readonly chats: OpenChats;
  private readonly report: ChatReporter;
  /** Where the bot's actions go: the Chat Agent API sender, or Messaging's (`settings.transport`). */
  private readonly chatTransport: Transport;
  private transport: Transport;
  /** With `transport: 'messaging'`, while started: the Messaging side, in place of the session and poller. */
  private messaging?: MessagingTransport;
  /** The bot(s): one unnamed variant, or the A/B variants given to `start()`. */
  private variants: Required<BotVariant<L>>[] = [];
  private phase: 'idle' | 'starting' | 'running' | 'stopping' = 'idle';
  /** The availability last set (undefined when unsure). */
  private availability?: 'Online' | 'Occupied' = 'Online';

  constructor(settings: LiveEngageAdapterSettings, private readonly binding: EngineBinding<L>) {
    this.settings = resolveSettings(settings);
    this.log = createLogger('adapter', this.settings.logger);
    const botUser = this.settings.credentials.username;
    this.report = new ChatReporter(botUser);
    this.http = createHttpClient({
      timeoutMs: this.settings.requestTimeoutMs,
      retryDelaysMs: this.settings.retryDelaysMs,
      rateLimitMinDelayMs: this.settings.rateLimitMinDelayMs,
      loginRateLimitMinDelayMs: this.settings.loginRateLimitMinDelayMs,
      ...(this.settings.ca ? { ca: this.settings.ca } : {}),
      loopbackScheme: loopbackSchemeOf(this.settings.domainApiUrl),
      onResponse: ({ operation, status, ms, errorKind }) => this.report.apiCall(operation, ms, status, errorKind),
      logger: this.settings.logger,
    });
    this.requests = new PQueue({ concurrency: this.settings.maxRequestsInFlight });
    this.store = new ChatStore(this.settings.storage ?? new MemoryStore(), ChatStore.keyPrefix(this.settings.accountId, botUser));
    this.chats = new OpenChats({
      session: () => this.session!,
      store: this.store,
      report: this.report,
      log: this.log,
      variantFor: (chatId) => this.variantFor(chatId),
      turn: (chat, activity, eventId) => this.enqueueTurn(chat, activity, eventId),
      changed: () => this.syncAvailability(),
    });
    this.sender = new Sender(
      (operation, fn) => this.call(operation, fn),
      { retryDelaysMs: this.settings.retryDelaysMs, requestTimeoutMs: this.settings.requestTimeoutMs, onLine: (chat, line) => this.report.botLine(chat, line.subType === 'ONLY_TO_REP') },
      this.log,
      (ms) => this.binding.sleep(ms),
    );
    this.outbox = new Outbox({
      ready: () => this.transport.ready(),
      execute: (chat, action) => this.execute(chat, action),
      undeliverable: (chat, action, reason) => {
        this.log.error('a %s for chat %s could not be delivered: %s', action.kind, chat.chatId, reason);
        this.report.undeliverable(chat, action, reason);
      },
      log: this.log,
    });
    this.chatTransport = chatTransport({ settings: this.settings, sender: this.sender, session: () => this.session });
    this.transport = this.chatTransport;
  }

  /** See the bindings' `start()`. */
  async start(logic: L | StartOptions<L>): Promise<void> {
    let variants: Required<BotVariant<L>>[];
    if (typeof logic === 'function') variants = [{ name: '', logic, weight: 1 }];
    else if (logic && typeof logic === 'object' && 'variants' in logic) variants = checkVariants<L>(logic.variants);
    else throw codedError(TypeError, 'LiveEngageAdapter.start(): logic (the bot turn handler) is required.', LiveEngageErrorCode.INVALID_ARGUMENT);
    if (this.phase !== 'idle') throw codedError(Error, `LiveEngageAdapter.start(): the adapter is already ${this.phase}.`, LiveEngageErrorCode.ALREADY_STARTED);
    this.phase = 'starting';
    this.variants = variants;
    if (this.settings.transport === 'messaging') return this.startMessaging();
    const session = new AgentSession(this.settings, this.http, createLogger('session', this.settings.logger), {
      onRenewed: () => this.chats.afterRenewal(),
      reloginFailed: (attempt, retryInMs, error) => {
        this.report.reloginFailed(attempt, retryInMs, error.message);
        // Stopping does not wait minutes for a login that may never come back.
        if (this.phase === 'stopping') session.stopRenewing();
      },
      takeover: (verdict, message) => {
        this.report.takeover(verdict.count, verdict.gaveUp, message);
        if (!verdict.gaveUp) return this.log.warn('%s', message);
        this.log.error('%s', message);
        void this.poller?.stop();
      },
    });
    try {
      await session.open();
    } catch (error) {
      this.phase = 'idle';
      throw codedError(Error, `LiveEngageAdapter.start(): ${(error as Error).message}`, LiveEngageErrorCode.START_FAILED, error);
    }
    this.session = session;
    session.warnWithoutBotSkill();
    await this.chats.resume().catch((error: Error) => this.log.warn('looking for chats held before failed: %s', error.message));
    const availabilityCheckMs = this.binding.availabilityCheckMs();
    this.poller = new Poller(this.pollTarget(), { intervalMs: this.settings.pollIntervalMs, availabilityCheckMs, chatsPerRead: MAX_CHATS_PER_READ }, createLogger('poller', this.settings.logger));
    this.poller.start();
    this.phase = 'running';
  }

  /** `start()` with `transport: 'messaging'`: the MessagingAgent takes the conversations, the rest is shared. */
  private async startMessaging(): Promise<void> {
    const transport = new MessagingTransport({
      settings: this.settings,
      http: this.http,
      chats: this.chats,
      store: this.store,
      report: this.report,
      log: this.log,
      variantFor: (chatId) => this.variantFor(chatId),
      turn: (chat, activity, sequence) => this.enqueueTurn(chat, activity, sequence),
      sleep: (ms) => this.binding.sleep(ms),
    });
    this.messaging = transport;
    this.transport = transport;
    try {
      await transport.start();
    } catch (error) {
      this.messaging = undefined;
      this.transport = this.chatTransport;
      this.phase = 'idle';
      throw codedError(Error, `LiveEngageAdapter.start(): ${(error as Error).message}`, LiveEngageErrorCode.START_FAILED, error);
    }
    this.phase = 'running';
  }

  /** See the bindings' `stop()`. */
  async stop(options: { logout?: boolean } = {}): Promise<void> {
    if (this.phase !== 'running') return;
    const logout = options.logout ?? true;
    this.phase = 'stopping';
    if (this.messaging) {
      // Turns finish and what they sent goes out over the open socket; then AWAY and close. The
      // conversations stay assigned to the bot user on Messaging: their progress stays stored.
      this.messaging.giveUpIfDown();
      await Promise.all(this.chats.all().map((chat) => chat.turns.onIdle()));
      await this.outbox.idle();
      await this.messaging.stop();
      await this.chats.releaseAll(false);
      this.messaging = undefined;
      this.transport = this.chatTransport;
      this.phase = 'idle';
      return;
    }
    if (this.session?.onHold) this.session.stopRenewing();
    await this.poller?.stop();
    await Promise.all(this.chats.all().map((chat) => chat.turns.onIdle()));
    await this.outbox.idle();
    await this.requests.onIdle();
    try {
      await this.session?.close({ logout });
    } catch (error) {
      this.log.warn('logout failed: %s', (error as Error).message);
    }
    await this.chats.releaseAll(logout);
    this.session = undefined;
    this.poller = undefined;
    this.phase = 'idle';
  }

  on<E extends keyof LiveEngageAdapterEvents>(event: E, listener: (...args: LiveEngageAdapterEvents[E]) => void): void {
    this.report.on(event, listener as never);
  }

  off<E extends keyof LiveEngageAdapterEvents>(event: E, listener: (...args: LiveEngageAdapterEvents[E]) => void): void {
    this.report.off(event, listener as never);
  }

  get agent(): AgentInfo | undefined {
    return this.transport.agent;
  }

  get openChats(): string[] {
    return this.chats.open().map((c) => c.chatId);
  }

  /**
   * Sends the bot's activities to the chat through its outbox, in order; resolves with the new lines'
   * event ids once delivered (ids `''` while re-login is on hold: queued, delivered when it is back).
   */
  send(chatId: string | undefined, activities: CoreActivity[]): Promise<ResourceResponse[]> {
    const chat = this.chats.require(chatId, 'sendActivities');
    return this.outbox.deliverOrQueue(chat, activities.map((activity) => this.transport.toActions(activity)), this.session?.whenOnHold());
  }

  async getAgentSurvey(chatId: string): Promise<unknown> {
    const chat = this.chats.require(chatId, 'getAgentSurvey');
    this.chatOnly('getAgentSurvey');
    return this.call('getSurvey', (c) => c.getSurvey(chat.chatUrl));
  }

  async submitAgentSurvey(chatId: string, surveyId: string, answers: Record<string, string>): Promise<void> {
    const chat = this.chats.require(chatId, 'submitAgentSurvey');
    this.chatOnly('submitAgentSurvey');
    await this.call('submitSurvey', (c) => c.submitSurvey(chat.chatUrl, surveyId, answers));
  }

  private chatOnly(method: string): void {
    if (this.messaging) throw codedError(Error, `LiveEngageAdapter.${method}(): the agent survey is a Live Chat resource; Messaging has none (transport 'messaging').`, LiveEngageErrorCode.UNSUPPORTED);
  }

  /** Runs `logic` on `activity` in an open chat (a proactive turn), in turn with the chat's other turns. */
  async continueConversation(chatId: string | undefined, activity: CoreActivity, logic: L): Promise<void> {
    const chat = this.chats.require(chatId, 'continueConversation');
    if (typeof logic !== 'function') throw codedError(TypeError, 'LiveEngageAdapter.continueConversation(): logic is required.', LiveEngageErrorCode.INVALID_ARGUMENT);
    await chat.turns.add(() => this.runTurn(chat, activity, logic, false));
  }

  /**
   * Runs one Chat Agent API call within the in-flight bound. A rejected bearer (401) renews the login
   * and agent session, picks the open chats up again, and retries the call once. `priority` puts the
   * poll's reads ahead of a burst of sends: they keep the open chats alive.
   */
  async call<T>(operation: string, fn: (client: ChatAgentClient) => Promise<T>, priority = 0): Promise<T> {
    const session = this.session;
    if (!session) throw codedError(Error, `LiveEngageAdapter: ${operation} needs a started adapter (call start() first).`, LiveEngageErrorCode.NOT_RUNNING);
    return this.requests.add(async () => {
      // Until it goes through: each 401 renews (once per login; bounded by the takeover limit), and
      // the renewal waits out re-login on hold; it rejects only when the adapter stops or gives up.
      for (;;) {
        const generation = session.generation;
        try {
          return await fn(session.client);
        } catch (error) {
          if (!(error instanceof LiveEngageApiError)) throw error;
          if (error.status === 404 && (await this.agentSessionGone(session))) {
            // LiveEngage closed the agent session (e.g. after the process was silent too long): every
            // call under it answers 404 from now on, so open a new one, as after a 401.
            await session.renew(`the agent session is gone (${operation} answered 404)`, { generation });
            continue;
          }
          if (!error.authExpired) throw error;
          await session.renew(`${operation} answered 401`, { generation, rejected: true });
        }
      }
    }, { priority });
  }

  /** After a 404: is it the agent session itself that is gone (not just a chat)? */
  private async agentSessionGone(session: AgentSession): Promise<boolean> {
    try {
      await session.client.getAgentSession(session.agentSessionUrl);
      return false;
    } catch (error) {
      return error instanceof LiveEngageApiError && error.status === 404;
    }
  }

  // ------------------------------------------------------------------ chats

  private pollTarget(): PollTarget {
    const session = () => this.session!;
    return {
      capacity: () => this.capacity(),
      cursors: () => this.chats.open().map((c) => ({ chatSessionKey: c.chatId, fromEventId: c.nextFrom })),
      ringingCount: async () => (await this.call('getIncomingRequests', (c) => c.getIncomingRequests(session().agentSessionUrl, { polled: true }), READ_PRIORITY)).ringingCount,
      acceptNextChat: () => this.call('acceptNextChat', (c) => c.acceptNextChat(session().agentSessionUrl)),
      readChat: (chatUrl) => this.call('getChat', (c) => c.getChat(chatUrl)),
      readChats: (cursors) => this.call('getChats', (c) => c.getChats(session().agentSessionUrl, cursors, { polled: true }), READ_PRIORITY),
      ensureAvailability: () => session().ensureAvailability(this.wantedAvailability()),
      reconcile: () => this.chats.resume(),
      onAccepted: (chatUrl, resource) => this.chats.accepted(chatUrl, resource),
      onRead: (resources, asked) => this.chats.read(resources, asked),
      onCycle: (durationMs) => this.report.poll(durationMs, this.chats.openCount()),
    };
  }

  /** The A/B variant a new chat goes to (undefined without variants). */
  private variantFor(chatId: string): string | undefined {
    return this.variants.length > 1 ? pickVariant(chatId, this.variants).name : undefined;
  }

  /** Online while the bot can take chats; Occupied at capacity, so LiveEngage rings someone else. */
  private wantedAvailability(): 'Online' | 'Occupied' {
    return this.capacity() > 0 ? 'Online' : 'Occupied';
  }

  /** Tells LiveEngage when the bot fills up or has room again. */
  private syncAvailability(): void {
    // On Messaging the agent stops accepting rings at maxConcurrentChats itself.
    if (this.messaging) return;
    const wanted = this.wantedAvailability();
    if (wanted === this.availability || this.phase !== 'running') return;
    this.availability = wanted;
    this.call('setAvailability', (c) => c.setAvailability(this.session!.agentSessionUrl, wanted)).catch((error: Error) => {
      this.availability = undefined;
      this.log.warn('setting %s failed: %s', wanted, error.message);
    });
  }

  private capacity(): number {
    const limits = [this.settings.maxConcurrentChats, this.session?.agent?.maxChats].filter((n): n is number => typeof n === 'number' && n > 0);
    const open = this.chats.openCount();
    return limits.length ? Math.max(0, Math.min(...limits) - open) : Number.POSITIVE_INFINITY;
  }

  /** Queues a turn for the chat; `eventId` when it comes from a chat event (its progress is stored). */
  private enqueueTurn(chat: Chat, activity: CoreActivity, eventId?: number): void {
    const logic = this.variants.find((v) => v.name === (chat.variant ?? ''))?.logic ?? this.variants[0]?.logic;
    if (!logic) return;
    chat.turns.add(async () => {
      // Written ahead, so a process that dies mid-turn knows, when it comes back, which turn to check.
      if (eventId !== undefined) await this.chats.saveProgress(chat, eventId);
      await this.runTurn(chat, activity, logic, true);
      // Given up to another process of the same bot user: it holds the chats now, and reads this store.
      // A turn whose reply could not go out must stay unhandled there, or that process skips the line.
      if (this.session?.givenUp) return;
      if (eventId !== undefined) chat.handledThrough = Math.max(chat.handledThrough, eventId);
      if (activity.type === ActivityTypes.ConversationUpdate) chat.welcomed = true;
      if (eventId !== undefined || activity.type === ActivityTypes.ConversationUpdate) await this.chats.saveProgress(chat);
    }).catch((error: Error) => this.log.error('turn in chat %s failed: %s', chat.chatId, error.message));
  }

  /** One turn through the binding; a turn that failed (the binding's error handler ran) fails the chat over. */
  private async runTurn(chat: Chat, activity: CoreActivity, logic: L, failover: boolean): Promise<void> {
    const started = performance.now();
    let error: Error | undefined;
    try {
      await this.binding.runTurn(activity, logic);
    } catch (thrown) {
      error = thrown instanceof Error ? thrown : new Error(String(thrown));
    }
    this.report.turn(chat, String(activity.type), performance.now() - started, Boolean(error));
    if (!error || !failover) return;
    await failOver(chat, error, {
      settings: this.settings,
      transfer: (c, request) => this.transport.transfer(c, request),
      transferred: (c, status) => this.afterTransfer(c, status, true),
      say: (c, line) => this.outbox.deliverOrQueue(c, [[{ kind: 'line', line }]], this.session?.whenOnHold()),
      log: this.log,
    });
  }

  /** One action of the outbox, and what follows from it (the bot hears of its transfer; an end lets the chat go). */
  private async execute(chat: Chat, action: ChatAction): Promise<{ eventId?: number }> {
    const outcome = await this.transport.execute(chat, action);
    if (outcome.handoff) this.afterTransfer(chat, outcome.handoff, false);
    if (action.kind === 'end') this.chats.release(chat, 'ended');
    return outcome;
  }

  /**
   * Records a transfer; the bot hears how its own transfer went (a `handoff.status` turn after the
   * current one), a failover is the adapter's business.
   */
  private afterTransfer(chat: Chat, status: HandoffStatusValue, failover: boolean): void {
    this.report.transfer(chat, status, failover);
    if (!failover) this.enqueueTurn(chat, handoffStatusActivity(chat.snapshot(), status));
    if (status.state === 'accepted') this.chats.release(chat, 'transferred');
  }
}
