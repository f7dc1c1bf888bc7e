import PQueue from 'p-queue';
import type { ChatEvent, ChatInfo } from '../api/types.js';
import type { ChatSnapshot } from './toActivity.js';

export type ChatPhase = 'open' | 'transferred' | 'ended';

/**
 * One chat this bot agent holds: where it lives, how far its events were read, and the queue that
 * runs its turns one at a time, in event order.
 */
export class Chat {
  /** The id of the first event not yet read (the `from` of the next read). */
  nextFrom = 0;
  phase: ChatPhase = 'open';
  /** Whether the bot set agent typing and has not cleared it yet. */
  agentTyping = false;
  /** Whether the visitor was typing at the last read. */
  visitorTyping = false;
  /** Reads in a row that did not return this chat. */
  missedReads = 0;
  /** Texts of lines sent and their event ids, newest last (to recognise our own line after an ambiguous send). */
  readonly sentLines: { id: number; text: string }[] = [];
  /** The bot's lines in the outbox for this chat, not yet landed (or reported): a restart's rule needs them. */
  linesQueued = 0;
  readonly turns = new PQueue({ concurrency: 1 });
  /** Id of the last event whose turn completed. */
  handledThrough = -1;
  /** The welcome turn ran. */
  welcomed = false;
  /** When the oldest visitor line not yet answered arrived (for reply latency). */
  awaitingReplySince?: number;
  /** Set once the chat left the bot (ended, transferred or released); it is reported once. */
  closedAt?: number;
  /** The A/B variant serving this chat. */
  variant?: string;

  constructor(
    readonly chatId: string,
    public chatUrl: string,
    public info: ChatInfo,
    private readonly base: Omit<ChatSnapshot, 'chatId' | 'info'>,
    readonly acceptedAt = Date.now(),
  ) {}

  /** What the mapping functions need. */
  snapshot(): ChatSnapshot {
    return { ...this.base, chatId: this.chatId, info: this.info };
  }

  /**
   * The events not seen before, in order, moving the cursor past them. Overlapping reads (the chat
   * resource after accept, then the batch read) never yield an event twice.
   */
  take(events: ChatEvent[], nextFrom?: number): ChatEvent[] {
    const fresh = events.filter((e) => e.id >= this.nextFrom).sort((a, b) => a.id - b.id);
    const last = fresh.at(-1);
    if (last) this.nextFrom = last.id + 1;
    if (nextFrom !== undefined && nextFrom > this.nextFrom) this.nextFrom = nextFrom;
    return fresh;
  }

  /** Whether the visitor just started typing (typing now, not at the last read). */
  visitorStartedTyping(info: ChatInfo): boolean {
    const typing = info.visitorTyping === 'typing';
    const started = typing && !this.visitorTyping;
    this.visitorTyping = typing;
    return started;
  }
}
