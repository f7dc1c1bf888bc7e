import { setMaxListeners } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import type { ChatResource } from '../api/types.js';
import type { LiveEngageLogger } from './settings.js';

/** What the poller reads from and reports to; it knows nothing of Bot Framework. */
export interface PollTarget {
  /** How many more chats may be accepted now. */
  capacity(): number;
  /** The open chats and the first event id not yet read of each. */
  cursors(): { chatSessionKey: string; fromEventId: number }[];
  /** Accepts the next ringing chat; its URL. */
  acceptNextChat(): Promise<string>;
  /** Reads the ringing count. */
  ringingCount(): Promise<number>;
  /** Reads a chat's resource (after accept). */
  readChat(chatUrl: string): Promise<ChatResource>;
  /** One batch read of several chats. */
  readChats(cursors: { chatSessionKey: string; fromEventId: number }[]): Promise<ChatResource[]>;
  /** Puts the agent back in the availability the adapter wants if LiveEngage changed it. */
  ensureAvailability(): Promise<void>;
  /** Looks for chats LiveEngage gave this bot user that the adapter does not know (e.g. an accept whose answer was lost). */
  reconcile(): Promise<void>;
  onAccepted(chatUrl: string, chat: ChatResource): void;
  onRead(chats: ChatResource[], asked: string[]): void;
  /** A cycle finished. */
  onCycle?(durationMs: number): void;
}

/** Accepts in flight at once while chats ring. */
const ACCEPTS_AT_ONCE = 4;

export interface PollerOptions {
  intervalMs: number;
  /** Chats per batch read; longer lists are read in chunks, concurrently. */
  chatsPerRead: number;
  /** How often to check the agent is still Online. */
  availabilityCheckMs: number;
}

/**
 * The poll loops: one reads all open chats in batch reads (and now and then checks the agent is still
 * Online), one checks for ringing chats and accepts them within capacity. They run apart, each every
 * interval and never overlapping itself, because LiveEngage ends a chat `chatTimeout` (40 s) after the
 * agent last read it: a slow accept (many chats ringing, an accept that times out) must not hold up
 * the reads that keep the open chats alive. A failure is logged and the loop goes on: nothing stops
 * the loops but `stop()`.
 */
export class Poller {
  private readonly loops = { read: new Loop(), accept: new Loop() };
  private halt = new AbortController();
  private lastAvailabilityCheck = Date.now();
  /** Read cycles completed; useful to tests and metrics. */
  cycles = 0;

  constructor(
    private readonly target: PollTarget,
    private readonly options: PollerOptions,
    private readonly log: LiveEngageLogger,
  ) {}

  start(): void {
    this.halt = new AbortController();
    // Every chunk of a cycle waits on this signal: many listeners are expected, not a leak.
    setMaxListeners(0, this.halt.signal);
    this.loops.read.start(this.options.intervalMs, () => this.readCycle());
    this.loops.accept.start(this.options.intervalMs, () => this.acceptRinging());
  }

  /** Stops the loops; resolves when the cycles under way (if any) have finished. */
  async stop(): Promise<void> {
    this.halt.abort();
    await Promise.all([this.loops.read.stop(), this.loops.accept.stop()]);
  }

  /** One cycle of both loops at once (tests). Never throws. */
  async pollOnce(): Promise<void> {
    await Promise.all([this.acceptRinging(), this.readCycle()]);
  }

  private get stopped(): boolean {
    return this.halt.signal.aborted;
  }

  private async readCycle(): Promise<void> {
    const started = performance.now();
    await Promise.all([this.readOpenChats(), this.checkAvailability()]);
    this.cycles += 1;
    this.target.onCycle?.(performance.now() - started);
  }

  /**
   * Accepts what rings, within capacity, a few at a time: LiveEngage sets an agent Away when a chat
   * rings past 20 s, and a burst (many chats at once, or a dead bot's chats re-queued) accepted one by
   * one could take that long. After a burst the availability is checked at once, not at the next
   * availability check: an Away agent is rung no more, and chats re-queued meanwhile find no one.
   */
  private async acceptRinging(): Promise<void> {
    if (this.target.capacity() <= 0) return;
    let accepted = 0;
    let failure: Error | undefined;
    try {
      const ringing = await this.target.ringingCount();
      const take = Math.min(ringing, this.target.capacity());
      let started = 0;
      const worker = async () => {
        while (started < take && !this.stopped && !failure) {
          started += 1;
          try {
            const chatUrl = await this.target.acceptNextChat();
            const chat = await this.target.readChat(chatUrl);
            this.target.onAccepted(chatUrl, chat);
            accepted += 1;
          } catch (error) {
            failure ??= error as Error;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(take, ACCEPTS_AT_ONCE) }, worker));
    } catch (error) {
      failure = error as Error;
    }
    if (failure) {
      this.log.warn('accepting chats failed: %s', failure.message);
      // The accept may have gone through with its answer lost: the chat would be ours, unread.
      await this.target.reconcile().catch((e: Error) => this.log.warn('looking for chats failed: %s', e.message));
    }
    if (accepted > 0 && !this.stopped) await this.target.ensureAvailability().catch((e: Error) => this.log.warn('availability check failed: %s', e.message));
  }

  /**
   * Reads the open chats in chunks spread evenly over the cycle (chunk i of n at i/n of the interval),
   * so a thousand chats' lines do not all reach the bot, and its replies LiveEngage, in one burst; each
   * chunk is handed on as it comes back, and one slow or failed chunk holds up no other.
   */
  private async readOpenChats(): Promise<void> {
    const cursors = this.target.cursors();
    const chunks: (typeof cursors)[] = [];
    for (let i = 0; i < cursors.length; i += this.options.chatsPerRead) chunks.push(cursors.slice(i, i + this.options.chatsPerRead));
    const spacing = this.options.intervalMs / Math.max(1, chunks.length);
    await Promise.all(
      chunks.map(async (chunk, i) => {
        try {
          if (i > 0) await delay(i * spacing, undefined, { signal: this.halt.signal });
          const chats = await this.target.readChats(chunk);
          this.target.onRead(chats, chunk.map((c) => c.chatSessionKey));
        } catch (error) {
          if (this.halt.signal.aborted) return;
          this.log.warn('reading %d chat(s) failed: %s', chunk.length, (error as Error).message);
        }
      }),
    );
  }

  private async checkAvailability(): Promise<void> {
    if (Date.now() - this.lastAvailabilityCheck < this.options.availabilityCheckMs) return;
    this.lastAvailabilityCheck = Date.now();
    try {
      await this.target.ensureAvailability();
      await this.target.reconcile();
    } catch (error) {
      this.log.warn('availability check failed: %s', (error as Error).message);
    }
  }
}

/** A cycle every `intervalMs` (not `intervalMs` after the last one ended), never overlapping itself. */
class Loop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  start(intervalMs: number, cycle: () => Promise<void>): void {
    this.stopped = false;
    const schedule = (delay: number): void => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        const started = performance.now();
        this.running = cycle().finally(() => {
          this.running = undefined;
          schedule(Math.max(0, intervalMs - (performance.now() - started)));
        });
      }, delay);
    };
    schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
