import type { Chat } from './chat.js';
import type { ChatReporter } from './chatReporter.js';
import { failOver } from './failover.js';
import type { ChatAction } from './fromActivity.js';
import type { OpenChats } from './openChats.js';
import type { Outbox } from './outbox.js';
import { ActivityTypes, type CoreActivity } from './protocol.js';
import type { LiveEngageLogger, ResolvedSettings } from './settings.js';
import { handoffStatusActivity } from './toActivity.js';
import type { HandoffStatusValue } from './transfer.js';
import type { Transport } from './transport.js';
import { pickVariant, type BotVariant } from './variants.js';

/** What the turns need from the engine. */
export interface TurnRunnerDeps<L> {
  /** One turn in the framework (the binding's); rejects when the turn failed. */
  runTurn(activity: CoreActivity, logic: L): Promise<void>;
  chats: OpenChats;
  outbox: Outbox;
  report: ChatReporter;
  log: LiveEngageLogger;
  settings: ResolvedSettings;
  /** Where the bot's actions go now (chat or Messaging). */
  transport(): Transport;
  /** Gave up to another process of the same bot user (it holds the chats now). */
  givenUp(): boolean;
  /** Resolves when re-login goes on hold (Live Chat only): what the outbox stops waiting on. */
  whenOnHold(): { promise: Promise<void>; cancel(): void } | undefined;
}

/**
 * The chats' turns: each in its chat's queue, behind the earlier ones, run by the variant the chat
 * went to; progress written ahead and after (a restart knows which turn to check); a turn that threw
 * fails the chat over; and what follows from the bot's actions (the bot hears of its own transfer, an
 * end or an accepted transfer lets the chat go).
 */
export class TurnRunner<L> {
  /** The bot(s): one unnamed variant, or the A/B variants given to `start()`. */
  private variants: Required<BotVariant<L>>[] = [];

  constructor(private readonly deps: TurnRunnerDeps<L>) {}

  /** The bot(s) of this run (`start()`). */
  use(variants: Required<BotVariant<L>>[]): void {
    this.variants = variants;
  }

  /** The A/B variant a new chat goes to (undefined without variants). */
  variantFor(chatId: string): string | undefined {
    return this.variants.length > 1 ? pickVariant(chatId, this.variants).name : undefined;
  }

  /** Queues a turn for the chat; `eventId` when it comes from a chat event (its progress is stored). */
  enqueue(chat: Chat, activity: CoreActivity, eventId?: number): void {
    const logic = this.variants.find((v) => v.name === (chat.variant ?? ''))?.logic ?? this.variants[0]?.logic;
    if (!logic) return;
    const { chats } = this.deps;
    chat.turns.add(async () => {
      // Written ahead, so a process that dies mid-turn knows, when it comes back, which turn to check.
      if (eventId !== undefined) await chats.saveProgress(chat, eventId);
      await this.run(chat, activity, logic, true);
      // Given up to another process of the same bot user: it holds the chats now, and reads this store.
      // A turn whose reply could not go out must stay unhandled there, or that process skips the line.
      if (this.deps.givenUp()) return;
      if (eventId !== undefined) chat.handledThrough = Math.max(chat.handledThrough, eventId);
      if (activity.type === ActivityTypes.ConversationUpdate) chat.welcomed = true;
      if (eventId !== undefined || activity.type === ActivityTypes.ConversationUpdate) await chats.saveProgress(chat);
    }).catch((error: Error) => this.deps.log.error('turn in chat %s failed: %s', chat.chatId, error.message));
  }

  /** A proactive turn, in turn with the chat's other turns; no failover (the caller hears the error). */
  async proactive(chat: Chat, activity: CoreActivity, logic: L): Promise<void> {
    await chat.turns.add(() => this.run(chat, activity, logic, false));
  }

  /** One action of the outbox, and what follows from it (the bot hears of its transfer; an end lets the chat go). */
  async execute(chat: Chat, action: ChatAction): Promise<{ eventId?: number }> {
    const outcome = await this.deps.transport().execute(chat, action);
    if (outcome.handoff) this.afterTransfer(chat, outcome.handoff, false);
    if (action.kind === 'end') this.deps.chats.release(chat, 'ended');
    return outcome;
  }

  /** One turn through the binding; a turn that failed (the binding's error handler ran) fails the chat over. */
  private async run(chat: Chat, activity: CoreActivity, logic: L, failover: boolean): Promise<void> {
    const started = performance.now();
    let error: Error | undefined;
    try {
      await this.deps.runTurn(activity, logic);
    } catch (thrown) {
      error = thrown instanceof Error ? thrown : new Error(String(thrown));
    }
    this.deps.report.turn(chat, String(activity.type), performance.now() - started, Boolean(error));
    if (!error || !failover) return;
    await failOver(chat, error, {
      settings: this.deps.settings,
      transfer: (c, request) => this.deps.transport().transfer(c, request),
      transferred: (c, status) => this.afterTransfer(c, status, true),
      say: (c, line) => this.deps.outbox.deliverOrQueue(c, [[{ kind: 'line', line }]], this.deps.whenOnHold()),
      log: this.deps.log,
    });
  }

  /**
   * Records a transfer; the bot hears how its own transfer went (a `handoff.status` turn after the
   * current one), a failover is the adapter's business.
   */
  private afterTransfer(chat: Chat, status: HandoffStatusValue, failover: boolean): void {
    this.deps.report.transfer(chat, status, failover);
    if (!failover) this.enqueue(chat, handoffStatusActivity(chat.snapshot(), status));
    if (status.state === 'accepted') this.deps.chats.release(chat, 'transferred');
  }
}
