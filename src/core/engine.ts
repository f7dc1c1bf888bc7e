import { MAX_CHATS_PER_READ } from '../api/chatAgent.js';
import type { HttpClient, HttpSettings } from '../api/http.js';
import type { AgentInfo } from '../api/types.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';
import { createLogger } from '../logger.js';
import { AgentSession } from './agentSession.js';
import { ChatAgentCalls, READ_PRIORITY } from './chatAgentCalls.js';
import { ChatReporter } from './chatReporter.js';
import { ChatStore } from './chatStore.js';
import type { LiveEngageAdapterEvents } from './events.js';
import { MessagingTransport } from './messagingTransport.js';
import { OpenChats } from './openChats.js';
import { Outbox } from './outbox.js';
import { Poller, type PollTarget } from './poller.js';
import { MemoryStore, type CoreActivity, type ResourceResponse } from './protocol.js';
import { Sender } from './sender.js';
import { loopbackSchemeOf, resolveSettings, type LiveEngageAdapterSettings, type LiveEngageLogger, type ResolvedSettings } from './settings.js';
import { chatTransport, type Transport } from './transport.js';
import { TurnRunner } from './turnRunner.js';
import { checkVariants, type BotVariant } from './variants.js';

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
  /** How often the poller checks that the agent is still Online (read at each start). */
  availabilityCheckMs(): number;
  /** The HTTP client every LiveEngage request goes through; asked once, at the first start. */
  createHttpClient(settings: HttpSettings): HttpClient;
}

/** What runs while started: on Live Chat the agent session and its poll loops, or the Messaging side. */
type Running =
  | { transport: 'chat'; session: AgentSession; poller: Poller }
  | { transport: 'messaging'; messaging: MessagingTransport };

/** The adapter's life: only a started adapter has a session (or Messaging) to use, and the types say so. */
type State = { phase: 'idle' } | { phase: 'starting' | 'running' | 'stopping'; run: Running };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The adapter's engine, framework-neutral: logs the bot user in, takes the chats that ring, turns chat
 * events into plain activities for the binding to run as turns, and the bot's activities into lines,
 * transfers and ends. A binding (botbuilder, Agents SDK) wraps it in its framework's adapter class.
 * This file is its lifecycle; the turns are `turnRunner.ts`'s, the calls `chatAgentCalls.ts`'s.
 */
export class LiveEngageEngine<L> {
  readonly settings: ResolvedSettings;
  readonly log: LiveEngageLogger;
  private state: State = { phase: 'idle' };
  /** Made at the first start (the binding's seam), then kept. */
  private http?: HttpClient;
  private readonly calls: ChatAgentCalls;
  private readonly store: ChatStore;
  /** What the bot sent, per chat, in order, until delivered or reported undeliverable. */
  private readonly outbox: Outbox;
  private readonly chats: OpenChats;
  private readonly turns: TurnRunner<L>;
  private readonly report: ChatReporter;
  /** Live Chat's way out: the Chat Agent API sender under the agent session. */
  private readonly chatTransport: Transport;
  /** The availability last set (undefined when unsure). */
  private availability?: 'Online' | 'Occupied' = 'Online';

  constructor(settings: LiveEngageAdapterSettings, private readonly binding: EngineBinding<L>) {
    this.settings = resolveSettings(settings);
    this.log = createLogger('adapter', this.settings.logger);
    const botUser = this.settings.credentials.username;
    this.report = new ChatReporter(botUser);
    this.calls = new ChatAgentCalls(this.settings.maxRequestsInFlight, () => this.session());
    this.store = new ChatStore(this.settings.storage ?? new MemoryStore(), ChatStore.keyPrefix(this.settings.accountId, botUser));
    this.chats = new OpenChats({
      session: () => this.requireSession(),
      store: this.store,
      report: this.report,
      log: this.log,
      variantFor: (chatId) => this.turns.variantFor(chatId),
      turn: (chat, activity, eventId) => this.turns.enqueue(chat, activity, eventId),
      changed: () => this.syncAvailability(),
    });
    const sender = new Sender(
      (operation, fn) => this.calls.call(operation, fn),
      { retryDelaysMs: this.settings.retryDelaysMs, requestTimeoutMs: this.settings.requestTimeoutMs, onLine: (chat, line) => this.report.botLine(chat, line.subType === 'ONLY_TO_REP') },
      this.log,
      sleep,
    );
    this.outbox = new Outbox({
      ready: () => this.transport().ready(),
      execute: (chat, action) => this.turns.execute(chat, action),
      undeliverable: (chat, action, reason) => {
        this.log.error('a %s for chat %s could not be delivered: %s', action.kind, chat.chatId, reason);
        this.report.undeliverable(chat, action, reason);
      },
      log: this.log,
    });
    this.turns = new TurnRunner<L>({
      runTurn: (activity, logic) => this.binding.runTurn(activity, logic),
      chats: this.chats,
      outbox: this.outbox,
      report: this.report,
      log: this.log,
      settings: this.settings,
      transport: () => this.transport(),
      givenUp: () => this.session()?.givenUp ?? false,
      whenOnHold: () => this.session()?.whenOnHold(),
    });
    this.chatTransport = chatTransport({ settings: this.settings, sender, session: () => this.session() });
  }

  /** See the bindings' `start()`. */
  async start(logic: L | StartOptions<L>): Promise<void> {
    let variants: Required<BotVariant<L>>[];
    if (typeof logic === 'function') variants = [{ name: '', logic, weight: 1 }];
    else if (logic && typeof logic === 'object' && 'variants' in logic) variants = checkVariants<L>(logic.variants);
    else throw codedError(TypeError, 'LiveEngageAdapter.start(): logic (the bot turn handler) is required.', LiveEngageErrorCode.INVALID_ARGUMENT);
    if (this.state.phase !== 'idle') throw codedError(Error, `LiveEngageAdapter.start(): the adapter is already ${this.state.phase}.`, LiveEngageErrorCode.ALREADY_STARTED);
    this.turns.use(variants);
    const http = (this.http ??= this.binding.createHttpClient(this.httpSettings()));
    if (this.settings.transport === 'messaging') return this.startMessaging(http);
    const session = new AgentSession(this.settings, http, createLogger('session', this.settings.logger), {
      onRenewed: () => this.chats.afterRenewal(),
      reloginFailed: (attempt, retryInMs, error) => {
        this.report.reloginFailed(attempt, retryInMs, error.message);
        // Stopping does not wait minutes for a login that may never come back.
        if (this.state.phase === 'stopping') session.stopRenewing();
      },
      takeover: (verdict, message) => {
        this.report.takeover(verdict.count, verdict.gaveUp, message);
        if (!verdict.gaveUp) return this.log.warn('%s', message);
        this.log.error('%s', message);
        void poller.stop();
      },
    });
    const poller = new Poller(this.pollTarget(session), { intervalMs: this.settings.pollIntervalMs, availabilityCheckMs: this.binding.availabilityCheckMs(), chatsPerRead: MAX_CHATS_PER_READ }, createLogger('poller', this.settings.logger));
    const run: Running = { transport: 'chat', session, poller };
    this.state = { phase: 'starting', run };
    try {
      await session.open();
    } catch (error) {
      this.state = { phase: 'idle' };
      throw codedError(Error, `LiveEngageAdapter.start(): ${(error as Error).message}`, LiveEngageErrorCode.START_FAILED, error);
    }
    session.warnWithoutBotSkill();
    await this.chats.resume().catch((error: Error) => this.log.warn('looking for chats held before failed: %s', error.message));
    poller.start();
    this.state = { phase: 'running', run };
  }

  /** `start()` with `transport: 'messaging'`: the MessagingAgent takes the conversations, the rest is shared. */
  private async startMessaging(http: HttpClient): Promise<void> {
    const messaging = new MessagingTransport({
      settings: this.settings,
      http,
      chats: this.chats,
      store: this.store,
      report: this.report,
      log: this.log,
      variantFor: (chatId) => this.turns.variantFor(chatId),
      turn: (chat, activity, sequence) => this.turns.enqueue(chat, activity, sequence),
      sleep,
    });
    const run: Running = { transport: 'messaging', messaging };
    this.state = { phase: 'starting', run };
    try {
      await messaging.start();
    } catch (error) {
      this.state = { phase: 'idle' };
      throw codedError(Error, `LiveEngageAdapter.start(): ${(error as Error).message}`, LiveEngageErrorCode.START_FAILED, error);
    }
    this.state = { phase: 'running', run };
  }

  /** See the bindings' `stop()`. */
  async stop(options: { logout?: boolean } = {}): Promise<void> {
    if (this.state.phase !== 'running') return;
    const logout = options.logout ?? true;
    const { run } = this.state;
    this.state = { phase: 'stopping', run };
    if (run.transport === 'messaging') {
      // Turns finish and what they sent goes out over the open socket; then AWAY and close. The
      // conversations stay assigned to the bot user on Messaging: their progress stays stored.
      run.messaging.giveUpIfDown();
      await this.turnsIdle();
      await run.messaging.stop();
      await this.chats.releaseAll(false);
      this.state = { phase: 'idle' };
      return;
    }
    const { session, poller } = run;
    if (session.onHold) session.stopRenewing();
    await poller.stop();
    await this.turnsIdle();
    await this.calls.onIdle();
    try {
      await session.close({ logout });
    } catch (error) {
      this.log.warn('logout failed: %s', (error as Error).message);
    }
    await this.chats.releaseAll(logout);
    this.state = { phase: 'idle' };
  }

  on<E extends keyof LiveEngageAdapterEvents>(event: E, listener: (...args: LiveEngageAdapterEvents[E]) => void): void {
    this.report.on(event, listener as never);
  }

  off<E extends keyof LiveEngageAdapterEvents>(event: E, listener: (...args: LiveEngageAdapterEvents[E]) => void): void {
    this.report.off(event, listener as never);
  }

  get agent(): AgentInfo | undefined {
    return this.transport().agent;
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
    const transport = this.transport();
    return this.outbox.deliverOrQueue(chat, activities.map((activity) => transport.toActions(activity)), this.session()?.whenOnHold());
  }

  async getAgentSurvey(chatId: string): Promise<unknown> {
    const chat = this.chats.require(chatId, 'getAgentSurvey');
    this.chatOnly('getAgentSurvey');
    return this.calls.call('getSurvey', (c) => c.getSurvey(chat.chatUrl));
  }

  async submitAgentSurvey(chatId: string, surveyId: string, answers: Record<string, string>): Promise<void> {
    const chat = this.chats.require(chatId, 'submitAgentSurvey');
    this.chatOnly('submitAgentSurvey');
    await this.calls.call('submitSurvey', (c) => c.submitSurvey(chat.chatUrl, surveyId, answers));
  }

  /** Runs `logic` on `activity` in an open chat (a proactive turn), in turn with the chat's other turns. */
  async continueConversation(chatId: string | undefined, activity: CoreActivity, logic: L): Promise<void> {
    const chat = this.chats.require(chatId, 'continueConversation');
    if (typeof logic !== 'function') throw codedError(TypeError, 'LiveEngageAdapter.continueConversation(): logic is required.', LiveEngageErrorCode.INVALID_ARGUMENT);
    await this.turns.proactive(chat, activity, logic);
  }

  // ------------------------------------------------------------------ the state

  /** The agent session while started on Live Chat (from `starting` on); undefined otherwise. */
  private session(): AgentSession | undefined {
    return this.state.phase !== 'idle' && this.state.run.transport === 'chat' ? this.state.run.session : undefined;
  }

  /** The agent session, for what only runs while started on Live Chat (reading and adopting chats). */
  private requireSession(): AgentSession {
    const session = this.session();
    if (!session) throw codedError(Error, 'LiveEngageAdapter: the adapter is not running on Live Chat.', LiveEngageErrorCode.NOT_RUNNING);
    return session;
  }

  /** Where the bot's actions go: Messaging's while started on it, else the Chat Agent API sender. */
  private transport(): Transport {
    return this.state.phase !== 'idle' && this.state.run.transport === 'messaging' ? this.state.run.messaging : this.chatTransport;
  }

  private chatOnly(method: string): void {
    if (this.transport() !== this.chatTransport) throw codedError(Error, `LiveEngageAdapter.${method}(): the agent survey is a Live Chat resource; Messaging has none (transport 'messaging').`, LiveEngageErrorCode.UNSUPPORTED);
  }

  private turnsIdle(): Promise<void> {
    return Promise.all(this.chats.all().map((chat) => chat.turns.onIdle())).then(() => this.outbox.idle());
  }

  /** The HTTP client's settings: the adapter's timeouts and retry policy, every attempt reported (metrics). */
  private httpSettings(): HttpSettings {
    return {
      timeoutMs: this.settings.requestTimeoutMs,
      retryDelaysMs: this.settings.retryDelaysMs,
      rateLimitMinDelayMs: this.settings.rateLimitMinDelayMs,
      loginRateLimitMinDelayMs: this.settings.loginRateLimitMinDelayMs,
      ...(this.settings.ca ? { ca: this.settings.ca } : {}),
      loopbackScheme: loopbackSchemeOf(this.settings.domainApiUrl),
      onResponse: ({ operation, status, ms, errorKind }) => this.report.apiCall(operation, ms, status, errorKind),
      logger: this.settings.logger,
    };
  }

  // ------------------------------------------------------------------ Live Chat: polling and availability

  private pollTarget(session: AgentSession): PollTarget {
    const { calls } = this;
    return {
      capacity: () => this.capacity(),
      cursors: () => this.chats.open().map((c) => ({ chatSessionKey: c.chatId, fromEventId: c.nextFrom })),
      ringingCount: async () => (await calls.call('getIncomingRequests', (c) => c.getIncomingRequests(session.agentSessionUrl, { polled: true }), READ_PRIORITY)).ringingCount,
      acceptNextChat: () => calls.call('acceptNextChat', (c) => c.acceptNextChat(session.agentSessionUrl)),
      readChat: (chatUrl) => calls.call('getChat', (c) => c.getChat(chatUrl)),
      readChats: (cursors) => calls.call('getChats', (c) => c.getChats(session.agentSessionUrl, cursors, { polled: true }), READ_PRIORITY),
      ensureAvailability: () => session.ensureAvailability(this.wantedAvailability()),
      reconcile: () => this.chats.resume(),
      onAccepted: (chatUrl, resource) => this.chats.accepted(chatUrl, resource),
      onRead: (resources, asked) => this.chats.read(resources, asked),
      onCycle: (durationMs) => this.report.poll(durationMs, this.chats.openCount()),
    };
  }

  /** Online while the bot can take chats; Occupied at capacity, so LiveEngage rings someone else. */
  private wantedAvailability(): 'Online' | 'Occupied' {
    return this.capacity() > 0 ? 'Online' : 'Occupied';
  }

  /** Tells LiveEngage when the bot fills up or has room again (on Live Chat, while running). */
  private syncAvailability(): void {
    // On Messaging the agent stops accepting rings at maxConcurrentChats itself.
    if (this.state.phase !== 'running' || this.state.run.transport !== 'chat') return;
    const { session } = this.state.run;
    const wanted = this.wantedAvailability();
    if (wanted === this.availability) return;
    this.availability = wanted;
    this.calls.call('setAvailability', (c) => c.setAvailability(session.agentSessionUrl, wanted)).catch((error: Error) => {
      this.availability = undefined;
      this.log.warn('setting %s failed: %s', wanted, error.message);
    });
  }

  private capacity(): number {
    const limits = [this.settings.maxConcurrentChats, this.session()?.agent?.maxChats].filter((n): n is number => typeof n === 'number' && n > 0);
    const open = this.chats.openCount();
    return limits.length ? Math.max(0, Math.min(...limits) - open) : Number.POSITIVE_INFINITY;
  }
}
