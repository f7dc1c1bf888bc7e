import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { createHttpClient, type HttpClient, type HttpSettings } from '../api/http.js';
import { LiveEngageEngine, type StartOptions as CoreStartOptions } from '../core/engine.js';
import type { LiveEngageAdapterEvents } from '../core/events.js';
import type { CoreActivity } from '../core/protocol.js';
import { AVAILABILITY_CHECK_MS, type LiveEngageAdapterSettings, type ResolvedSettings } from '../core/settings.js';
import type { AgentInfo } from '../api/types.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

/** The bot's turn handler, as given to `start()`: usually `(context) => bot.run(context)`. */
export type BotLogic = (context: TurnContext) => Promise<void>;

/** `start()` with A/B variants. */
export type StartOptions = CoreStartOptions<BotLogic>;

type TurnErrorHandler = (context: TurnContext, error: Error) => Promise<void>;
/** botframework-connector's ClaimsIdentity, without depending on that package directly. */
type ClaimsIdentity = Parameters<BotAdapter['continueConversationAsync']>[0] & object;

/** Marks a turn that threw, so the adapter can fail the chat over after `onTurnError` ran. */
const TURN_FAILED = Symbol('liveengage.turnFailed');

/**
 * A Bot Framework adapter that makes a bot a LiveEngage Live Chat agent: it logs a bot user in through
 * the Chat Agent API, takes the chats that ring, turns chat events into activities for the bot and the
 * bot's activities into lines, transfers and ends. The work is the framework-neutral engine's
 * (`src/core`); this class is its botbuilder binding.
 *
 * ```ts
 * const adapter = new LiveEngageAdapter({ accountId, credentials: { username, password } });
 * await adapter.start((context) => bot.run(context));
 * ```
 */
export class LiveEngageAdapter extends BotAdapter {
  /**
   * How often (ms) the adapter checks that the bot user is still Online (LiveEngage sets an agent Away
   * when a chat rings past 20 s; PR #242) and looks for chats it holds but does not know (an accept
   * whose answer was lost). Default 30000, read at each `start()`. A seam, not a setting: a subclass
   * sets it lower to see those repairs within a test against the simulator.
   */
  protected readonly availabilityCheckMs: number = AVAILABILITY_CHECK_MS;
  readonly #engine: LiveEngageEngine<BotLogic>;
  #userTurnError?: TurnErrorHandler;

  constructor(settings: LiveEngageAdapterSettings) {
    super();
    this.#engine = new LiveEngageEngine<BotLogic>(settings, {
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
   * Makes the HTTP client every LiveEngage request of this adapter goes through (Domain API, login,
   * Chat Agent API; Messaging's REST calls). Called once, at the first `start()` (so a subclass's own
   * fields are set by then); the client is kept across `stop()` and `start()`. `settings` carry the
   * adapter's timeouts, retry policy, trusted CAs and the hook that feeds the `apiCall` event.
   *
   * Override it to wrap or replace the client: route through a proxy, add headers, record or hold
   * requests in a test. Keep `settings` (or call `super.createHttpClient(settings)` and wrap the
   * result): the retry policy and the metrics live there.
   */
  protected createHttpClient(settings: HttpSettings): HttpClient {
    return createHttpClient(settings);
  }

  /**
   * Logs in, opens the agent session, goes Online and starts taking chats. Resolves when the bot is
   * ready; rejects with a clear error when it cannot (bad credentials, blocked account, unreachable host).
   *
   * For A/B tests give several bots: `start({ variants: [{ name: 'A', logic, weight: 50 }, { name: 'B', logic: other, weight: 50 }] })`.
   * Each new chat goes to one variant by weight and stays with it; the variant is in `channelData.variant`
   * and labels every fact the adapter reports.
   */
  start(logic: BotLogic | StartOptions): Promise<void> {
    return this.#engine.start(logic);
  }

  /**
   * Stops taking chats, lets running turns finish and queued lines go out, then logs out (LiveEngage
   * gives the open chats to other agents). With `{ logout: false }` the chats stay with the bot user, for
   * another process of it that shares the `storage` to pick up (a rolling restart).
   */
  stop(options: { logout?: boolean } = {}): Promise<void> {
    return this.#engine.stop(options);
  }

  /** Listens to what the adapter reports (see `LiveEngageAdapterEvents`): the raw material of monitoring. */
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

  // ------------------------------------------------------------------ BotAdapter

  /**
   * Sends the bot's activities to the chat through its outbox, in order; resolves with the new lines'
   * event ids once delivered. While re-login is on hold it resolves as soon as they are queued (ids
   * `''`), so the turn completes; the outbox delivers them when the session is back, or reports them
   * (`lineUndeliverable`) if the chat is gone by then.
   */
  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    return this.#engine.send(context.activity.conversation?.id, activities as CoreActivity[]);
  }

  /** The chat's agent survey (LiveEngage's `agent-survey` resource), for the CSAT dialog. */
  getAgentSurvey(chatId: string): Promise<unknown> {
    return this.#engine.getAgentSurvey(chatId);
  }

  /** Submits answers (question id -> answer) to the chat's agent survey. */
  submitAgentSurvey(chatId: string, surveyId: string, answers: Record<string, string>): Promise<void> {
    return this.#engine.submitAgentSurvey(chatId, surveyId, answers);
  }

  async updateActivity(): Promise<void> {
    throw codedError(Error, 'LiveEngageAdapter.updateActivity(): Live Chat cannot edit a line once it is sent.', LiveEngageErrorCode.UNSUPPORTED);
  }

  async deleteActivity(): Promise<void> {
    throw codedError(Error, 'LiveEngageAdapter.deleteActivity(): Live Chat cannot delete a line once it is sent.', LiveEngageErrorCode.UNSUPPORTED);
  }

  /**
   * Runs `logic` in an open chat (a proactive message), in turn with the chat's other turns.
   * The reference comes from `TurnContext.getConversationReference(context.activity)`.
   */
  async continueConversation(reference: Partial<ConversationReference>, logic: BotLogic): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    return this.#engine.continueConversation(reference?.conversation?.id, activity as CoreActivity, logic);
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
    if (!logic) throw codedError(TypeError, 'LiveEngageAdapter.continueConversationAsync(): logic is required.', LiveEngageErrorCode.INVALID_ARGUMENT);
    return this.continueConversation(reference, logic);
  }

  /** The error handler of every turn. A turn that throws is also failed over (see `failoverSkill`). */
  override get onTurnError(): TurnErrorHandler {
    return async (context, error) => {
      context.turnState.set(TURN_FAILED, error);
      if (this.#userTurnError) await this.#userTurnError(context, error);
      else this.#engine.log.error('turn failed in chat %s: %s', context.activity.conversation?.id, error?.stack ?? error);
    };
  }

  override set onTurnError(handler: TurnErrorHandler) {
    this.#userTurnError = handler;
  }

  /** One turn: botbuilder's TurnContext through the middleware; rejects when the turn failed (failover). */
  async #runTurn(activity: CoreActivity, logic: BotLogic): Promise<void> {
    const context = new TurnContext(this, activity as Partial<Activity>);
    await this.runMiddleware(context, logic);
    const error = context.turnState.get(TURN_FAILED) as Error | undefined;
    if (error) throw error;
  }
}
