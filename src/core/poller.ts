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

export interface PollerOptions {
  intervalMs: number;
  /** Chats per batch read; longer lists are read in chunks, concurrently. */
  chatsPerRead: number;
  /** How often to check the agent is still Online. */
  availabilityCheckMs: number;
}

/**
 * The poll loop: each cycle checks for ringing chats (and accepts them, within capacity) and reads all
 * open chats in one batch read, concurrently. A failure is logged and the next cycle goes on: nothing
 * stops the loop but `stop()`.
 */
export class Poller {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private halt = new AbortController();
  private lastAvailabilityCheck = Date.now();
  /** Cycles completed; useful to tests and metrics. */
  cycles = 0;

  constructor(
    private readonly target: PollTarget,
    private readonly options: PollerOptions,
    private readonly log: LiveEngageLogger,
  ) {}

  start(): void {
    this.stopped = false;
    this.halt = new AbortController();
    // Every chunk of a cycle waits on this signal: many listeners are expected, not a leak.
    setMaxListeners(0, this.halt.signal);
    this.schedule(0);
  }

  /** Stops the loop; resolves when the cycle under way (if any) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.halt.abort();
    clearTimeout(this.timer);
    await this.running;
  }

  /** One cycle. Never throws. */
  async pollOnce(): Promise<void> {
    const started = performance.now();
    await Promise.all([this.acceptRinging(), this.readOpenChats(), this.checkAvailability()]);
    this.cycles += 1;
    this.target.onCycle?.(performance.now() - started);
  }

  /** Cycles start every `intervalMs` (not `intervalMs` after the last one ended), never overlapping. */
  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const started = performance.now();
      this.running = this.pollOnce().finally(() => {
        this.running = undefined;
        this.schedule(Math.max(0, this.options.intervalMs - (performance.now() - started)));
      });
    }, delay);
  }

  private async acceptRinging(): Promise<void> {
    if (this.target.capacity() <= 0) return;
    try {
      const ringing = await this.target.ringingCount();
      const take = Math.min(ringing, this.target.capacity());
      for (let i = 0; i < take && !this.stopped; i += 1) {
        const chatUrl = await this.target.acceptNextChat();
        const chat = await this.target.readChat(chatUrl);
        this.target.onAccepted(chatUrl, chat);
      }
    } catch (error) {
      this.log.warn('accepting chats failed: %s', (error as Error).message);
      // The accept may have gone through with its answer lost: the chat would be ours, unread.
      await this.target.reconcile().catch((e: Error) => this.log.warn('looking for chats failed: %s', e.message));
    }
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
