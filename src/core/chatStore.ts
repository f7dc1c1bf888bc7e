import type { Storage } from './protocol.js';

/** What survives a restart of a chat: how far the bot got, and with which variant. */
export interface StoredChat {
  /** Id of the last event whose turn completed (-1: none yet). */
  handledThrough: number;
  /** Id of the event whose turn was under way (written before the turn runs). */
  inFlight?: number;
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
 * Where a chat's reading resumes: after the last handled event, or after the turn that was under way
 * when the process died if the bot's reply to it had landed (a line of the bot's after it).
 */
export function resumeFrom(stored: StoredChat, events: readonly { id: number; type: string; source?: string }[]): number {
  const inFlight = stored.inFlight;
  const answered = inFlight !== undefined && events.some((e) => e.type === 'line' && e.source === 'agent' && e.id > inFlight);
  return (answered ? inFlight : stored.handledThrough) + 1;
}
