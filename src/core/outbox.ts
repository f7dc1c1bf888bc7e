import type { ResourceResponse } from './protocol.js';
import type { Chat } from './chat.js';
import type { ChatAction } from './fromActivity.js';
import type { LiveEngageLogger } from './settings.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

/** What one action came to (`Sender.execute`). */
export interface ActionOutcome {
  eventId?: number;
}

export interface OutboxDeps {
  /** Resolves when the session is usable (waits through a renewal, however long it is on hold). */
  ready(): Promise<void>;
  /** Carries one action out (and whatever follows from it: a transfer's status, an end's release). */
  execute(chat: Chat, action: ChatAction): Promise<ActionOutcome>;
  /** An action that carries something to the visitor could not be delivered. */
  undeliverable(chat: Chat, action: Carried, reason: string): void;
  log: LiveEngageLogger;
}

/** Actions that carry something to the chat: these are reported when they cannot be delivered. */
export type Carried = Extract<ChatAction, { kind: 'line' | 'transfer' | 'end' }>;

/**
 * The bot's actions per chat, delivered in order, one at a time, each once: what a turn sends waits
 * here while the session is renewed (however long re-login is on hold) and goes out as soon as it is
 * back, for as long as the chat is open. What can no longer be delivered (the chat ended or left the
 * bot meanwhile, LiveEngage refused it, the adapter stopped) is reported, never dropped silently.
 */
export class Outbox {
  private readonly tails = new Map<Chat, Promise<unknown>>();
  private pending = 0;

  constructor(private readonly deps: OutboxDeps) {}

  /** Actions waiting or going out now, over all chats. */
  get size(): number {
    return this.pending;
  }

  /**
   * Queues the actions of one `sendActivities` call (one list per activity) behind the chat's earlier
   * ones; resolves with one response per activity (the event id of its first line) once delivered, or
   * rejects with the first failure (the actions after it in the call are reported, not sent).
   */
  send(chat: Chat, batches: ChatAction[][]): Promise<ResourceResponse[]> {
    const count = batches.reduce((n, actions) => n + actions.length, 0);
    const lines = batches.reduce((n, actions) => n + actions.filter((a) => a.kind === 'line').length, 0);
    this.pending += count;
    chat.linesQueued += lines;
    const job = (this.tails.get(chat) ?? Promise.resolve()).then(() => this.run(chat, batches));
    const tail = job.catch(() => {}).finally(() => {
      this.pending -= count;
      chat.linesQueued -= lines;
      if (this.tails.get(chat) === tail) this.tails.delete(chat);
    });
    this.tails.set(chat, tail);
    return job;
  }

  /**
   * `send`, for a turn: resolves with the event ids once delivered; but when re-login goes on hold
   * first (`onHold`), as soon as the actions are queued (ids `''`), so the turn completes and the
   * outbox delivers them when the session is back (or reports them).
   */
  async deliverOrQueue(chat: Chat, batches: ChatAction[][], onHold?: { promise: Promise<void>; cancel(): void }): Promise<ResourceResponse[]> {
    const delivery = this.send(chat, batches);
    if (!onHold) return delivery;
    try {
      const delivered = await Promise.race([delivery, onHold.promise.then(() => undefined)]);
      if (delivered) return delivered;
      delivery.catch(() => {}); // reported by the outbox as it happens
      this.deps.log.warn('logging in again is on hold: %d activit(ies) for chat %s wait in its outbox', batches.length, chat.chatId);
      return batches.map(() => ({ id: '' }));
    } finally {
      onHold.cancel();
    }
  }

  /** Resolves when every chat's queued actions went out (or were reported). */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }

  private async run(chat: Chat, batches: ChatAction[][]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    let failure: Error | undefined;
    for (const actions of batches) {
      let id: string | undefined;
      for (const action of actions) {
        if (failure) {
          if (carries(action)) this.deps.undeliverable(chat, action, `an earlier action of the same send failed: ${failure.message}`);
          continue;
        }
        try {
          const outcome = await this.deliver(chat, action);
          if (outcome.eventId !== undefined) id ??= String(outcome.eventId);
        } catch (error) {
          failure = error as Error;
        }
      }
      responses.push({ id: id ?? '' });
    }
    if (failure) throw failure;
    return responses;
  }

  private async deliver(chat: Chat, action: ChatAction): Promise<ActionOutcome> {
    // Typing and delays mean nothing once the chat left the bot; an end or a transfer of a chat no
    // longer open is the sender's to answer (nothing to end; a failed handoff status).
    if (!carries(action)) {
      if (chat.phase !== 'open') return {};
      await this.deps.ready().catch(() => {});
      return this.deps.execute(chat, action);
    }
    try {
      if (chat.phase === 'open') await this.deps.ready();
      // The chat may have ended or left the bot while the session was away.
      if (action.kind === 'line' && chat.phase !== 'open') {
        throw codedError(Error, `LiveEngageAdapter.sendActivities(): cannot send a line: chat ${chat.chatId} was ${chat.phase}.`, LiveEngageErrorCode.CHAT_NOT_OPEN);
      }
      return await this.deps.execute(chat, action);
    } catch (error) {
      this.deps.undeliverable(chat, action, (error as Error).message);
      throw error;
    }
  }
}

function carries(action: ChatAction): action is Carried {
  return action.kind === 'line' || action.kind === 'transfer' || action.kind === 'end';
}
