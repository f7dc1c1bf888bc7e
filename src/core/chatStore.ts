import type { Storage } from './protocol.js';

/** What survives a restart of a chat: how far the bot got, and with which variant. */
export interface StoredChat {
  /** Id of the last event whose turn completed (-1: none yet). */
  handledThrough: number;
  /** Id of the event whose turn was under way (written before the turn runs). */
  inFlight?: number;
  /**
   * With `inFlight`: id of the bot's last line that had landed when that turn began. A reply to the
   * turn comes after it; a line of an earlier turn that landed late (after the in-flight event) does not count.
   */
  repliesAfter?: number;
  /** With `inFlight`: the bot's lines of earlier turns still queued when that turn began (they land first). */
  linesOwed?: number;
  /** The welcome (`conversationUpdate`) turn ran. */
  welcomed: boolean;
  variant?: string;
  /** Epoch ms the chat was accepted. */
  acceptedAt: number;
}

/**
 * Per-chat progress in a `Storage` (botbuilder's or the Agents SDK's: MemoryStorage, Blob, Cosmos ...), one item per chat
 * under `liveengage/{account}/{botUser}/chats/{chatId}`, so a restarted process (or another process of
 * the same bot user sharing the storage) resumes its open chats without repeating or skipping a line.
 * One item per chat keeps concurrent chats from contending for one document.
 */
export class ChatStore {
  constructor(
    private readonly storage: Storage,
    private readonly prefix: string,
  ) {}

  static keyPrefix(accountId: string, botUser: string): string {
    return `liveengage/${accountId}/${botUser}/chats/`;
  }

  async load(chatIds: string[]): Promise<Map<string, StoredChat>> {
    if (chatIds.length === 0) return new Map();
    const items = await this.storage.read(chatIds.map((id) => this.key(id)));
    const found = new Map<string, StoredChat>();
    for (const id of chatIds) {
      const item = items[this.key(id)] as Partial<StoredChat> | undefined;
      if (item && typeof item.handledThrough === 'number') {
        found.set(id, {
          handledThrough: item.handledThrough,
          welcomed: Boolean(item.welcomed),
          acceptedAt: typeof item.acceptedAt === 'number' ? item.acceptedAt : Date.now(),
          ...(typeof item.inFlight === 'number' ? { inFlight: item.inFlight } : {}),
          ...(typeof item.repliesAfter === 'number' ? { repliesAfter: item.repliesAfter } : {}),
          ...(typeof item.linesOwed === 'number' ? { linesOwed: item.linesOwed } : {}),
          ...(typeof item.variant === 'string' ? { variant: item.variant } : {}),
        });
      }
    }
    return found;
  }

  save(chatId: string, chat: StoredChat): Promise<void> {
    // eTag '*': last write wins; one chat's turns run one at a time, so its writes never race.
    return this.storage.write({ [this.key(chatId)]: { ...chat, eTag: '*' } });
  }

  forget(chatId: string): Promise<void> {
    return this.storage.delete([this.key(chatId)]);
  }

  private key(chatId: string): string {
    return `${this.prefix}${chatId}`;
  }
}

/**
 * Progress read off a transcript, for a chat nothing was stored for: everything up to the bot's last
 * line counts as handled, and the bot has welcomed the visitor if it said anything at all.
 */
export function progressFromTranscript(events: readonly { id: number; type: string; source?: string }[]): StoredChat {
  const lastAgentLine = events.reduce((last, e) => (e.type === 'line' && e.source === 'agent' ? Math.max(last, e.id) : last), -1);
  return { handledThrough: lastAgentLine, welcomed: lastAgentLine >= 0, acceptedAt: Date.now() };
}

/**
 * Whether the bot's reply to the turn under way when the process died (`inFlight`) had landed: more of
 * the bot's lines came after both that event and the bot's last line when the turn began than it still
 * owed from earlier turns. So a late line of an earlier turn, or the welcome, is not taken for the reply.
 */
export function inFlightAnswered(stored: StoredChat, ownLineIds: readonly number[]): boolean {
  if (stored.inFlight === undefined) return false;
  const after = Math.max(stored.inFlight, stored.repliesAfter ?? -1);
  return ownLineIds.filter((id) => id > after).length > (stored.linesOwed ?? 0);
}

/**
 * Where a chat's reading resumes: after the last handled event, or after the turn that was under way
 * when the process died if the bot's reply to it had landed (`inFlightAnswered`).
 */
export function resumeFrom(stored: StoredChat, events: readonly { id: number; type: string; source?: string }[]): number {
  const own = events.filter((e) => e.type === 'line' && e.source === 'agent').map((e) => e.id);
  return (stored.inFlight !== undefined && inFlightAnswered(stored, own) ? stored.inFlight : stored.handledThrough) + 1;
}
