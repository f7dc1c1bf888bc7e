import {
  ActivityTypes,
  BotAdapter,
  MemoryStorage,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import PQueue from 'p-queue';
import { MAX_CHATS_PER_READ, type ChatAgentClient } from '../api/chatAgent.js';
import { LiveEngageApiError } from '../api/errors.js';
import { createHttpClient, type HttpClient } from '../api/http.js';
import { AgentSession } from '../core/agentSession.js';
import type { Chat } from '../core/chat.js';
import { ChatDesk } from '../core/chatDesk.js';
import { ChatStore } from '../core/chatStore.js';
import type { LiveEngageAdapterEvents } from '../core/events.js';
import { failOver } from '../core/failover.js';
import { fromActivity, type ChatAction } from '../core/fromActivity.js';
import { createLogger } from '../core/logger.js';
import { Outbox } from '../core/outbox.js';
import { Poller, type PollTarget } from '../core/poller.js';
import { ChatReporter } from '../core/reporter.js';
import { Sender } from '../core/sender.js';
import { loopbackSchemeOf, resolveSettings, type LiveEngageAdapterSettings, type LiveEngageLogger, type ResolvedSettings } from '../core/settings.js';
import { handoffStatusActivity } from '../core/toActivity.js';
import type { HandoffStatusValue } from '../core/transfer.js';
import { checkVariants, pickVariant, type BotVariant } from '../core/variants.js';

/** The bot's turn handler, as given to `start()`: usually `(context) => bot.run(context)`. */
export type BotLogic = (context: TurnContext) => Promise<void>;

/** `start()` with A/B variants. */
export interface StartOptions {
  variants: BotVariant[];
}

type TurnErrorHandler = (context: TurnContext, error: Error) => Promise<void>;
/** botframework-connector's ClaimsIdentity, without depending on that package directly. */
type ClaimsIdentity = Parameters<BotAdapter['continueConversationAsync']>[0] & object;

/** Marks a turn that threw, so the adapter can fail the chat over after `onTurnError` ran. */
const TURN_FAILED = Symbol('liveengage.turnFailed');

/** How often the poller checks that the agent is still Online. */
const AVAILABILITY_CHECK_MS = 30_000;

/**
 * A Bot Framework adapter that makes a bot a LiveEngage Live Chat agent: it logs a bot user in through
 * the Chat Agent API, takes the chats that ring, turns chat events into activities for the bot and the
 * bot's activities into lines, transfers and ends.
 *
 * ```ts
 * const adapter = new LiveEngageAdapter({ accountId, credentials: { username, password } });
 * await adapter.start((context) => bot.run(context));
 * ```
 */
export class LiveEngageAdapter extends BotAdapter {
  readonly settings: ResolvedSettings;
  protected readonly http: HttpClient;
  protected readonly log: LiveEngageLogger;
  /** Bounds the Chat Agent API requests in flight over all chats. */
  protected readonly requests: PQueue;
  protected session?: AgentSession;
  protected poller?: Poller;
  protected readonly sender: Sender;
  protected readonly store: ChatStore;
  /** What the bot sent, per chat, in order, until delivered or reported undeliverable. */
  protected readonly outbox: Outbox;
  /** How often the agent's availability is checked (PR #242: a bot should notice it was set Away). */
  protected availabilityCheckMs = AVAILABILITY_CHECK_MS;
  private readonly desk: ChatDesk;
  private readonly report: ChatReporter;
  /** The bot(s): one unnamed variant, or the A/B variants given to `start()`. */
  private variants: Required<BotVariant>[] = [];
  private phase: 'idle' | 'starting' | 'running' | 'stopping' = 'idle';
  private userTurnError?: TurnErrorHandler;
  /** The availability last set (undefined when unsure). */
  private availability?: 'Online' | 'Occupied' = 'Online';

  constructor(settings: LiveEngageAdapterSettings) {
    super();
    this.settings = resolveSettings(settings);
    this.log = createLogger('adapter', this.settings.logger);
    const botUser = this.settings.credentials.username;
    this.report = new ChatReporter(botUser);
    this.http = createHttpClient({
      timeoutMs: this.settings.requestTimeoutMs,
      retryDelaysMs: this.settings.retryDelaysMs,
      rateLimitMinDelayMs: this.settings.rateLimitMinDelayMs,
      ...(this.settings.ca ? { ca: this.settings.ca } : {}),
      loopbackScheme: loopbackSchemeOf(this.settings.domainApiUrl),
      onResponse: ({ operation, status, ms, errorKind }) => this.report.apiCall(operation, ms, status, errorKind),
    });
    this.requests = new PQueue({ concurrency: this.settings.maxRequestsInFlight });
    this.store = new ChatStore(this.settings.storage ?? new MemoryStorage(), ChatStore.keyPrefix(this.settings.accountId, botUser));
    this.desk = new ChatDesk({
      session: () => this.session!,
      store: this.store,
      report: this.report,
      log: this.log,
      variantFor: (chatId) => (this.variants.length > 1 ? pickVariant(chatId, this.variants).name : undefined),
      turn: (chat, activity, eventId) => this.enqueueTurn(chat, activity, eventId),
      changed: () => this.syncAvailability(),
    });
    this.sender = new Sender(
      (operation, fn) => this.call(operation, fn),
      { retryDelaysMs: this.settings.retryDelaysMs, onLine: (chat, line) => this.report.botLine(chat, line.subType === 'ONLY_TO_REP') },
      this.log,
      (ms) => this.sleep(ms),
    );
    this.outbox = new Outbox({
      ready: () => this.session?.ready() ?? Promise.reject(new Error('LiveEngageAdapter: the adapter is not running.')),
      execute: (chat, action) => this.execute(chat, action),
      undeliverable: (chat, action, reason) => {
        this.log.error('a %s for chat %s could not be delivered: %s', action.kind, chat.chatId, reason);
        this.report.undeliverable(chat, action, reason);
      },
      log: this.log,
    });
  }

  /**
   * Logs in, opens the agent session, goes Online and starts taking chats. Resolves when the bot is
   * ready; rejects with a clear error when it cannot (bad credentials, blocked account, unreachable host).
   *
   * For A/B tests give several bots: `start({ variants: [{ name: 'A', logic, weight: 50 }, { name: 'B', logic: other, weight: 50 }] })`.
   * Each new chat goes to one variant by weight and stays with it; the variant is in `channelData.variant`
   * and labels every fact the adapter reports.
   */
  async start(logic: BotLogic | StartOptions): Promise<void> {
    let variants: Required<BotVariant>[];
    if (typeof logic === 'function') variants = [{ name: '', logic, weight: 1 }];
    else if (logic && typeof logic === 'object' && 'variants' in logic) variants = checkVariants(logic.variants);
    else throw new TypeError('LiveEngageAdapter.start(): logic (the bot turn handler) is required.');
    if (this.phase !== 'idle') throw new Error(`LiveEngageAdapter.start(): the adapter is already ${this.phase}.`);
    this.phase = 'starting';
    this.variants = variants;
    const session = new AgentSession(this.settings, this.http, createLogger('session', this.settings.logger), {
      onRenewed: () => this.desk.afterRenewal(),
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
      throw new Error(`LiveEngageAdapter.start(): ${(error as Error).message}`);
    }
    this.session = session;
    session.warnWithoutBotSkill();
    await this.desk.resume().catch((error: Error) => this.log.warn('looking for chats held before failed: %s', error.message));
    this.poller = new Poller(this.pollTarget(), { intervalMs: this.settings.pollIntervalMs, availabilityCheckMs: this.availabilityCheckMs, chatsPerRead: MAX_CHATS_PER_READ }, createLogger('poller', this.settings.logger));
    this.poller.start();
    this.phase = 'running';
  }

  /**
   * Stops taking chats, lets running turns finish and queued lines go out, then logs out (LiveEngage
   * gives the open chats to other agents). With `{ logout: false }` the chats stay with the bot user, for
   * another process of it that shares the `storage` to pick up (a rolling restart).
   */
  async stop(options: { logout?: boolean } = {}): Promise<void> {
    if (this.phase !== 'running') return;
    const logout = options.logout ?? true;
    this.phase = 'stopping';
    if (this.session?.onHold) this.session.stopRenewing();
    await this.poller?.stop();
    await Promise.all(this.desk.all().map((chat) => chat.turns.onIdle()));
    await this.outbox.idle();
    await this.requests.onIdle();
    try {
      await this.session?.close({ logout });
    } catch (error) {
      this.log.warn('logout failed: %s', (error as Error).message);
    }
    await this.desk.releaseAll(logout);
    this.session = undefined;
    this.poller = undefined;
    this.phase = 'idle';
  }

  /** Listens to what the adapter reports (see `LiveEngageAdapterEvents`): the raw material of monitoring. */
  on<E extends keyof LiveEngageAdapterEvents>(event: E, listener: (...args: LiveEngageAdapterEvents[E]) => void): this {
    this.report.on(event, listener as never);
    return this;
  }

  off<E extends keyof LiveEngageAdapterEvents>(event: E, listener: (...args: LiveEngageAdapterEvents[E]) => void): this {
    this.report.off(event, listener as never);
    return this;
  }

  /** The bot user as LiveEngage knows it (after `start()`). */
  get agent() {
    return this.session?.agent;
  }

  /** Ids of the chats this adapter holds open now. */
  get openChats(): string[] {
    return this.desk.open().map((c) => c.chatId);
  }

  // ------------------------------------------------------------------ BotAdapter

  /**
   * Sends the bot's activities to the chat through its outbox, in order; resolves with the new lines'
   * event ids once delivered. While re-login is on hold it resolves as soon as they are queued (ids
   * `''`), so the turn completes; the outbox delivers them when the session is back, or reports them
   * (`lineUndeliverable`) if the chat is gone by then.
   */
  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const chat = this.desk.require(context.activity.conversation?.id, 'sendActivities');
    return this.outbox.deliverOrQueue(chat, activities.map((activity) => fromActivity(activity, this.settings)), this.session?.whenOnHold());
  }

  /** The chat's agent survey (LiveEngage's `agent-survey` resource), for the CSAT dialog. */
  async getAgentSurvey(chatId: string): Promise<unknown> {
    const chat = this.desk.require(chatId, 'getAgentSurvey');
    return this.call('getSurvey', (c) => c.getSurvey(chat.chatUrl));
  }

  /** Submits answers (question id -> answer) to the chat's agent survey. */
  async submitAgentSurvey(chatId: string, surveyId: string, answers: Record<string, string>): Promise<void> {
    const chat = this.desk.require(chatId, 'submitAgentSurvey');
    await this.call('submitSurvey', (c) => c.submitSurvey(chat.chatUrl, surveyId, answers));
  }

  async updateActivity(): Promise<void> {
    throw new Error('LiveEngageAdapter.updateActivity(): Live Chat cannot edit a line once it is sent.');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('LiveEngageAdapter.deleteActivity(): Live Chat cannot delete a line once it is sent.');
  }

  /**
   * Runs `logic` in an open chat (a proactive message), in turn with the chat's other turns.
   * The reference comes from `TurnContext.getConversationReference(context.activity)`.
   */
  async continueConversation(reference: Partial<ConversationReference>, logic: BotLogic): Promise<void> {
    const chat = this.desk.require(reference?.conversation?.id, 'continueConversation');
    if (typeof logic !== 'function') throw new TypeError('LiveEngageAdapter.continueConversation(): logic is required.');
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await chat.turns.add(() => this.runTurn(chat, activity, logic, false));
  }

  override async continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: BotLogic): Promise<void>;
  override async continueConversationAsync(claimsIdentity: ClaimsIdentity, reference: Partial<ConversationReference>, logic: BotLogic): Promise<void>;
  override async continueConversationAsync(claimsIdentity: ClaimsIdentity, reference: Partial<ConversationReference>, audience: string, logic: BotLogic): Promise<void>;
  override async continueConversationAsync(
    _identity: string | ClaimsIdentity,
    reference: Partial<ConversationReference>,
    logicOrAudience: BotLogic | string,
    maybeLogic?: BotLogic,
  ): Promise<void> {
    // LiveEngage has no app ids, claims or audiences: every overload is a continueConversation.
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new TypeError('LiveEngageAdapter.continueConversationAsync(): logic is required.');
    return this.continueConversation(reference, logic);
  }

  /** The error handler of every turn. A turn that throws is also failed over (see `failoverSkill`). */
  override get onTurnError(): TurnErrorHandler {
    return async (context, error) => {
      context.turnState.set(TURN_FAILED, error);
      if (this.userTurnError) await this.userTurnError(context, error);
      else this.log.error('turn failed in chat %s: %s', context.activity.conversation?.id, error?.stack ?? error);
    };
  }

  override set onTurnError(handler: TurnErrorHandler) {
    this.userTurnError = handler;
  }

  // ------------------------------------------------------------------ seams (protected for tests)

  /** Waits; a seam so tests can use fake timers. */
  protected sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /**
   * Runs one Chat Agent API call within the in-flight bound. A rejected bearer (401) renews the login
   * and agent session, picks the open chats up again, and retries the call once.
   */
  protected async call<T>(operation: string, fn: (client: ChatAgentClient) => Promise<T>): Promise<T> {
    const session = this.session;
    if (!session) throw new Error(`LiveEngageAdapter: ${operation} needs a started adapter (call start() first).`);
    return this.requests.add(async () => {
      // Until it goes through: each 401 renews (once per login; bounded by the takeover limit), and
      // the renewal waits out re-login on hold; it rejects only when the adapter stops or gives up.
      for (;;) {
        const generation = session.generation;
        try {
          return await fn(session.client);
        } catch (error) {
          if (!(error instanceof LiveEngageApiError) || !error.authExpired) throw error;
          await session.renew(`${operation} answered 401`, { generation, rejected: true });
        }
      }
    });
  }

  // ------------------------------------------------------------------ chats

  private pollTarget(): PollTarget {
    const session = () => this.session!;
    return {
      capacity: () => this.capacity(),
      cursors: () => this.desk.open().map((c) => ({ chatSessionKey: c.chatId, fromEventId: c.nextFrom })),
      ringingCount: async () => (await this.call('getIncomingRequests', (c) => c.getIncomingRequests(session().agentSessionUrl))).ringingCount,
      acceptNextChat: () => this.call('acceptNextChat', (c) => c.acceptNextChat(session().agentSessionUrl)),
      readChat: (chatUrl) => this.call('getChat', (c) => c.getChat(chatUrl)),
      readChats: (cursors) => this.call('getChats', (c) => c.getChats(session().agentSessionUrl, cursors)),
      ensureAvailability: () => session().ensureAvailability(this.wantedAvailability()),
      reconcile: () => this.desk.resume(),
      onAccepted: (chatUrl, resource) => this.desk.accepted(chatUrl, resource),
      onRead: (resources, asked) => this.desk.read(resources, asked),
      onCycle: (durationMs) => this.report.poll(durationMs, this.desk.openCount()),
    };
  }

  /** Online while the bot can take chats; Occupied at capacity, so LiveEngage rings someone else. */
  private wantedAvailability(): 'Online' | 'Occupied' {
    return this.capacity() > 0 ? 'Online' : 'Occupied';
  }

  /** Tells LiveEngage when the bot fills up or has room again. */
  private syncAvailability(): void {
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
    const open = this.desk.openCount();
    return limits.length ? Math.max(0, Math.min(...limits) - open) : Number.POSITIVE_INFINITY;
  }

  /** Queues a turn for the chat; `eventId` when it comes from a chat event (its progress is stored). */
  private enqueueTurn(chat: Chat, activity: Partial<Activity>, eventId?: number): void {
    const logic = this.variants.find((v) => v.name === (chat.variant ?? ''))?.logic ?? this.variants[0]?.logic;
    if (!logic) return;
    chat.turns.add(async () => {
      // Written ahead, so a process that dies mid-turn knows, when it comes back, which turn to check.
      if (eventId !== undefined) await this.desk.saveProgress(chat, eventId);
      await this.runTurn(chat, activity, logic, true);
      if (eventId !== undefined) chat.handledThrough = Math.max(chat.handledThrough, eventId);
      if (activity.type === ActivityTypes.ConversationUpdate) chat.welcomed = true;
      if (eventId !== undefined || activity.type === ActivityTypes.ConversationUpdate) await this.desk.saveProgress(chat);
    }).catch((error: Error) => this.log.error('turn in chat %s failed: %s', chat.chatId, error.message));
  }

  private async runTurn(chat: Chat, activity: Partial<Activity>, logic: BotLogic, failover: boolean): Promise<void> {
    const context = new TurnContext(this, activity);
    const started = performance.now();
    await this.runMiddleware(context, logic);
    const error = context.turnState.get(TURN_FAILED) as Error | undefined;
    this.report.turn(chat, String(activity.type), performance.now() - started, Boolean(error));
    if (!error || !failover) return;
    await failOver(chat, error, {
      settings: this.settings,
      transfer: (c, request) => this.sender.transfer(c, request),
      transferred: (c, status) => this.afterTransfer(c, status, true),
      say: (c, line) => this.outbox.deliverOrQueue(c, [[{ kind: 'line', line }]], this.session?.whenOnHold()),
      log: this.log,
    });
  }

  /** One action of the outbox, and what follows from it (the bot hears of its transfer; an end lets the chat go). */
  private async execute(chat: Chat, action: ChatAction): Promise<{ eventId?: number }> {
    const outcome = await this.sender.execute(chat, action);
    if (outcome.handoff) this.afterTransfer(chat, outcome.handoff, false);
    if (action.kind === 'end') this.desk.release(chat, 'ended');
    return outcome;
  }

  /**
   * Records a transfer; the bot hears how its own transfer went (a `handoff.status` turn after the
   * current one), a failover is the adapter's business.
   */
  private afterTransfer(chat: Chat, status: HandoffStatusValue, failover: boolean): void {
    this.report.transfer(chat, status, failover);
    if (!failover) this.enqueueTurn(chat, handoffStatusActivity(chat.snapshot(), status));
    if (status.state === 'accepted') this.desk.release(chat, 'transferred');
  }
}
