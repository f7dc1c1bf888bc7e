import { EventEmitter } from 'node:events';
import type { Chat } from './chat.js';
import type { ChatFact, ChatOutcome, LiveEngageAdapterEvents } from './events.js';
import type { Carried } from './outbox.js';
import type { HandoffStatusValue } from './transfer.js';

/**
 * Turns what happens to chats into the facts of `LiveEngageAdapterEvents`, labelled with the bot user,
 * the variant and the skill, and keeps the little state those facts need (reply latency, closed once).
 */
export class ChatReporter extends EventEmitter<LiveEngageAdapterEvents> {
  constructor(private readonly botUser: string) {
    super();
  }

  accepted(chat: Chat): void {
    this.emit('chatAccepted', this.fact(chat));
  }

  /** A visitor line arrived; reply latency runs from the oldest one not yet answered. */
  visitorLine(chat: Chat): void {
    chat.awaitingReplySince ??= Date.now();
    this.emit('visitorLine', this.fact(chat));
  }

  /** A line of the bot's landed: reply latency is measured to the first reply after a visitor line. */
  botLine(chat: Chat, isPrivate: boolean): void {
    const since = isPrivate ? undefined : chat.awaitingReplySince;
    if (!isPrivate) chat.awaitingReplySince = undefined;
    this.emit('botLine', { ...this.fact(chat), private: isPrivate, ...(since !== undefined ? { replyLatencyMs: Date.now() - since } : {}) });
  }

  turn(chat: Chat, activityType: string, durationMs: number, failed: boolean): void {
    this.emit('turn', { ...this.fact(chat), activityType, durationMs, failed });
  }

  transfer(chat: Chat, status: HandoffStatusValue, failover: boolean): void {
    const target = status.target?.skillName ?? status.target?.agentId;
    this.emit('transfer', {
      ...this.fact(chat), state: status.state, message: status.message, failover,
      ...(target ? { target } : {}), ...(status.reason ? { reason: status.reason } : {}),
    });
  }

  /** How the chat left the bot; reported once. */
  closed(chat: Chat, outcome: ChatOutcome): void {
    if (chat.closedAt !== undefined) return;
    chat.closedAt = Date.now();
    this.emit('chatClosed', { ...this.fact(chat), outcome, durationMs: chat.closedAt - chat.acceptedAt });
  }

  /** Something the bot sent could not be delivered; never dropped silently. */
  undeliverable(chat: Chat, action: Carried, reason: string): void {
    const line = action.kind === 'line' ? action.line : undefined;
    this.emit('lineUndeliverable', {
      ...this.fact(chat), action: action.kind, reason, private: line?.subType === 'ONLY_TO_REP', ...(line ? { text: line.text } : {}),
    });
  }

  reloginFailed(attempt: number, retryInMs: number, error: string): void {
    this.emit('reloginFailed', { botUser: this.botUser, attempt, retryInMs, error });
  }

  takeover(count: number, gaveUp: boolean, message: string): void {
    this.emit('takeover', { botUser: this.botUser, count, gaveUp, message });
  }

  apiCall(operation: string, ms: number, status?: number, errorKind?: string): void {
    this.emit('apiCall', { botUser: this.botUser, operation, ms, ...(status !== undefined ? { status } : {}), ...(errorKind ? { errorKind } : {}) });
  }

  poll(durationMs: number, openChats: number): void {
    this.emit('poll', { botUser: this.botUser, durationMs, openChats });
  }

  private fact(chat: Chat): ChatFact {
    return {
      chatId: chat.chatId,
      botUser: this.botUser,
      ...(chat.variant ? { variant: chat.variant } : {}),
      ...(chat.info.skillName ? { skill: chat.info.skillName } : {}),
    };
  }
}
