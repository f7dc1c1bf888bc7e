/**
 * Exactly-once, in-order delivery of a conversation's sequenced events (reference §8: sequences are
 * per dialog, from 0, the only de-dup and catch-up key). Live events and QueryMessages pages go
 * through one chain per conversation: an event at or below the last sequence is a duplicate; an event
 * past a gap first fetches the gap with QueryMessages, so nothing is skipped after a socket drop.
 */
import type { LiveEngageLogger } from '../logger.js';
import { describe } from './errors.js';
import { readMessagingEvent } from './notifications.js';
import type { WireMessagingEvent } from './wire.js';

/** A conversation the agent serves, and how far its events were delivered. */
export interface TrackedConversation {
  conversationId: string;
  consumerId: string | undefined;
  skillId: string;
  /** The last sequence delivered in order; -1 before the first. */
  lastSequence: number;
  /** Newest `metaDataLastUpdateTs` seen: older notifications are stale (their order is not guaranteed). */
  updatedAt: number;
  chain: Promise<void>;
}

/** QueryMessages for one dialog: events with sequence ≥ `fromSequence` (inclusive or not: both work). */
export type QueryFn = (dialogId: string, fromSequence: number, maxQuantity: number) => Promise<unknown>;

export class Sequencer {
  constructor(
    private readonly query: QueryFn,
    private readonly deliver: (conversation: TrackedConversation, event: WireMessagingEvent) => void,
    private readonly log: LiveEngageLogger,
    private readonly pageSize = 100,
  ) {}

  /** A live event with a sequence. */
  push(conversation: TrackedConversation, event: WireMessagingEvent): Promise<void> {
    return this.enqueue(conversation, async () => {
      const sequence = event.sequence ?? -1;
      if (sequence <= conversation.lastSequence) return;
      if (sequence > conversation.lastSequence + 1) {
        this.log.debug('messaging: %s jumped from %d to %d; catching up', conversation.conversationId, conversation.lastSequence, sequence);
        await this.fetch(conversation);
      }
      // Still ahead after the fetch means the server could not fill the gap: deliver rather than stall.
      if (sequence > conversation.lastSequence) this.accept(conversation, event);
    });
  }

  /** Everything after the last delivered sequence (a new conversation, a reconnect). */
  catchUp(conversation: TrackedConversation): Promise<void> {
    return this.enqueue(conversation, () => this.fetch(conversation));
  }

  private enqueue(conversation: TrackedConversation, step: () => Promise<void>): Promise<void> {
    const next = conversation.chain.then(step).catch((error: unknown) => {
      // A failed catch-up is retried by the next gap or reconnect; the chain must go on.
      this.log.warn('messaging: catch-up of %s failed: %s', conversation.conversationId, describe(error));
    });
    conversation.chain = next;
    return next;
  }

  private async fetch(conversation: TrackedConversation): Promise<void> {
    for (;;) {
      const from = Math.max(0, conversation.lastSequence);
      const before = conversation.lastSequence;
      const page = await this.query(conversation.conversationId, from, this.pageSize);
      const items = Array.isArray(page) ? page : [];
      if (!Array.isArray(page)) this.log.error('messaging: QueryMessages answered without an array for %s', conversation.conversationId);
      const events: WireMessagingEvent[] = [];
      for (const item of items) {
        const read = readMessagingEvent(item);
        if (read.event && read.event.sequence !== undefined) events.push(read.event);
        else this.log.error('messaging: ignored a QueryMessages item: %s', read.problem ?? 'no sequence');
      }
      events.sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
      for (const event of events) {
        if (event.dialogId !== conversation.conversationId) continue;
        if ((event.sequence ?? -1) > conversation.lastSequence) this.accept(conversation, event);
      }
      // A full page that moved us forward may have more behind it.
      if (items.length < this.pageSize || conversation.lastSequence === before) return;
    }
  }

  private accept(conversation: TrackedConversation, event: WireMessagingEvent): void {
    conversation.lastSequence = event.sequence ?? conversation.lastSequence;
    try {
      this.deliver(conversation, event);
    } catch (error) {
      this.log.error('messaging: a listener threw on %s #%d: %s', conversation.conversationId, event.sequence, describe(error));
    }
  }
}
