import { AsyncLocalStorage } from 'node:async_hooks';
import type { Activity, ConversationReference } from '@microsoft/agents-activity';
import { CloudAdapter, TurnContext, type ResourceResponse } from '@microsoft/agents-hosting';
import { createHttpClient, type HttpClient, type HttpSettings } from '../api/http.js';
import { LiveEngageEngine, type StartOptions as CoreStartOptions } from '../core/engine.js';
import type { LiveEngageAdapterEvents } from '../core/events.js';
import type { CoreActivity } from '../core/protocol.js';
import { CHANNEL_ID } from '../core/toActivity.js';
import { AVAILABILITY_CHECK_MS, type LiveEngageAdapterSettings, type ResolvedSettings } from '../core/settings.js';
import { toAgentsActivity, toCoreActivity, toCoreReference } from './activities.js';
import type { AgentInfo } from '../api/types.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

/** The agent's turn handler, as given to `start()`: usually `(context) => app.run(context)`. */
export type AgentLogic = (context: TurnContext) => Promise<void>;

/** `start()` with A/B variants. */
export type StartOptions = CoreStartOptions<AgentLogic>;

type TurnErrorHandler = (context: TurnContext, error: Error) => Promise<void>;
type Identity = Parameters<CloudAdapter['continueConversation']>[0];

/** Marks a turn that threw, so the adapter can fail the chat over after `onTurnError` ran. */
const TURN_FAILED = Symbol('liveengage.turnFailed');

/** What a LiveEngage chat cannot do, said where the Agents SDK would try it. */
const NO_SIGN_IN = 'LiveEngageAdapter: user authorization (sign-in) flows cannot run in a LiveEngage chat; remove the authorization option of the AgentApplication that runs on this adapter.';

/** Stands in for the user token client, so an authorization flow fails with a clear error. */
const noUserTokens = new Proxy({}, {
  get(_target, property) {
    if (typeof property === 'symbol' || property === 'then') return undefined;
    throw codedError(Error, NO_SIGN_IN, LiveEngageErrorCode.UNSUPPORTED);
  },
});

/**
 * The LiveEngage adapter for the Microsoft 365 Agents SDK: the same engine, settings, events and
 * behaviour as the botbuilder adapter, running an `AgentApplication` (or any `(context) => ...`).
 * It extends the SDK's `CloudAdapter` because `AgentApplication` takes one; chats come from LiveEngage,
 * never over HTTP, so the HTTP entry points throw.
 *
 * ```ts
 * const adapter = new LiveEngageAdapter({ accountId, credentials: { username, password } });
 * const app = new AgentApplication({ storage: new MemoryStorage(), adapter });
 * await adapter.start((context) => app.run(context));
 * ```
 */
export class LiveEngageAdapter extends CloudAdapter {
  /**
   * How often (ms) the adapter checks that the bot user is still Online and looks for chats it holds
   * but does not know; default 30000, read at each `start()`. A seam, as on the botbuilder adapter.
   */
  protected readonly availabilityCheckMs: number = AVAILABILITY_CHECK_MS;
  readonly #engine: LiveEngageEngine<AgentLogic>;
  /** `private`, not `#`: CloudAdapter's constructor sets `onTurnError` before this class's fields exist. */
  private userTurnError?: TurnErrorHandler;
  /** The turn running here, to refuse a proactive turn into its chat from within (it would wait for itself). */
  readonly #running = new AsyncLocalStorage<TurnContext>();

  constructor(settings: LiveEngageAdapterSettings) {
    super();
    this.#engine = new LiveEngageEngine<AgentLogic>(settings, {
      runTurn: (activity, logic) => this.#runTurn(activity, logic),
      availabilityCheckMs: () => this.availabilityCheckMs,
      createHttpClient: (http) => this.createHttpClient(http),
    });
  }

  /** The settings in force: the constructor's, with the defaults filled in. */
  get settings(): ResolvedSettings {
    return this.#engine.settings;
  }

  /**
   * Makes the HTTP client every LiveEngage request of this adapter goes through; called once, at the
   * first `start()`. Override to wrap or replace it (see the botbuilder adapter's `createHttpClient`).
   */
  protected createHttpClient(settings: HttpSettings): HttpClient {
    return createHttpClient(settings);
  }

  /** Logs in and starts taking chats; see the botbuilder adapter's `start()` (same settings, variants, errors). */
  start(logic: AgentLogic | StartOptions): Promise<void> {
    return this.#engine.start(logic);
  }

  /** Stops taking chats and logs out (`{ logout: false }`: the chats stay, for a rolling restart). */
  stop(options: { logout?: boolean } = {}): Promise<void> {
    return this.#engine.stop(options);
  }

  on<E extends keyof LiveEngageAdapterEvents>(event: E, listener: (...args: LiveEngageAdapterEvents[E]) => void): this {
    this.#engine.on(event, listener);
    return this;
  }

  off<E extends keyof LiveEngageAdapterEvents>(event: E, listener: (...args: LiveEngageAdapterEvents[E]) => void): this {
    this.#engine.off(event, listener);
    return this;
  }

  /** The bot user as LiveEngage knows it (after `start()`). */
  get agent(): AgentInfo | undefined {
    return this.#engine.agent;
  }

  /** Ids of the chats this adapter holds open now. */
  get openChats(): string[] {
    return this.#engine.openChats;
  }

  getAgentSurvey(chatId: string): Promise<unknown> {
    return this.#engine.getAgentSurvey(chatId);
  }

  submitAgentSurvey(chatId: string, surveyId: string, answers: Record<string, string>): Promise<void> {
    return this.#engine.submitAgentSurvey(chatId, surveyId, answers);
  }

  // ------------------------------------------------------------------ the Agents SDK's adapter

  /** Sends to the chat through its outbox, in order (see the botbuilder adapter's `sendActivities`). */
  override async sendActivities(context: TurnContext, activities: Activity[]): Promise<ResourceResponse[]> {
    return this.#engine.send(context.activity.conversation?.id, activities.map(toCoreActivity));
  }

  override async updateActivity(): Promise<void> {
    throw codedError(Error, 'LiveEngageAdapter.updateActivity(): Live Chat cannot edit a line once it is sent.', LiveEngageErrorCode.UNSUPPORTED);
  }

  override async deleteActivity(): Promise<void> {
    throw codedError(Error, 'LiveEngageAdapter.deleteActivity(): Live Chat cannot delete a line once it is sent.', LiveEngageErrorCode.UNSUPPORTED);
  }

  /**
   * Runs `logic` in an open chat (a proactive message), in turn with the chat's other turns. The
   * reference comes from `context.activity.getConversationReference()`; the identity is not used.
   */
  override async continueConversation(_identity: Identity, reference: ConversationReference, logic: AgentLogic): Promise<void> {
    const chatId = reference?.conversation?.id;
    const current = this.#running.getStore();
    if (chatId && current?.activity.conversation?.id === chatId) {
      const error = codedError(Error, `LiveEngageAdapter.continueConversation(): called from within a turn of chat '${chatId}', which would wait for itself (longRunningMessages is not supported on LiveEngage); send with context.sendActivity() instead.`, LiveEngageErrorCode.UNSUPPORTED);
      // longRunningMessages reports this outside the turn: the turn itself fails, so the chat fails over.
      current.turnState.set(TURN_FAILED, error);
      throw error;
    }
    const { channelId, serviceUrl, conversation, user, bot, locale } = toCoreReference(reference ?? {});
    // The SDK needs a channel and a recipient to run a turn; a hand-made reference may lack them.
    const agent = this.#engine.agent;
    const recipient = bot ?? (agent ? { id: agent.id, name: agent.agentName, role: 'bot' } : undefined);
    const activity: CoreActivity = { type: 'event', name: 'continueConversation', channelId: channelId ?? CHANNEL_ID, serviceUrl, conversation, from: user, recipient, locale };
    return this.#engine.continueConversation(chatId, activity, logic);
  }

  /** The error handler of every turn; instead of the SDK's default (which tells the visitor "The agent encountered an error or bug"), the chat fails over. */
  override get onTurnError(): TurnErrorHandler {
    return async (context, error) => {
      context.turnState.set(TURN_FAILED, error);
      if (this.userTurnError) await this.userTurnError(context, error);
      else this.#engine.log.error('turn failed in chat %s: %s', context.activity.conversation?.id, error?.stack ?? error);
    };
  }

  override set onTurnError(handler: TurnErrorHandler) {
    this.userTurnError = handler;
  }

  override async process(..._request: Parameters<CloudAdapter['process']>): Promise<void> {
    throw codedError(Error, 'LiveEngageAdapter.process(): LiveEngage chats do not come over HTTP; call start() (serve /api/messages with the SDK\'s own CloudAdapter).', LiveEngageErrorCode.UNSUPPORTED);
  }

  override async createConversationAsync(..._request: Parameters<CloudAdapter['createConversationAsync']>): Promise<void> {
    throw codedError(Error, 'LiveEngageAdapter.createConversationAsync(): a bot cannot open a LiveEngage chat; visitors do.', LiveEngageErrorCode.UNSUPPORTED);
  }

  override async uploadAttachment(): Promise<never> {
    throw codedError(Error, 'LiveEngageAdapter.uploadAttachment(): Live Chat has no attachment store; send a link.', LiveEngageErrorCode.UNSUPPORTED);
  }

  override async getAttachmentInfo(): Promise<never> {
    throw codedError(Error, 'LiveEngageAdapter.getAttachmentInfo(): Live Chat has no attachment store.', LiveEngageErrorCode.UNSUPPORTED);
  }

  override async getAttachment(): Promise<never> {
    throw codedError(Error, 'LiveEngageAdapter.getAttachment(): Live Chat has no attachment store.', LiveEngageErrorCode.UNSUPPORTED);
  }

  /** One turn: the SDK's TurnContext through the middleware; rejects when the turn failed (failover). */
  async #runTurn(activity: CoreActivity, logic: AgentLogic): Promise<void> {
    const context = new TurnContext(this, toAgentsActivity(activity));
    context.turnState.set(this.UserTokenClientKey, noUserTokens);
    await this.#running.run(context, () => this.runMiddleware(context, logic));
    const error = context.turnState.get(TURN_FAILED) as Error | undefined;
    if (error) throw error;
  }
}
