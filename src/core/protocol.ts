/**
 * The Bot Framework activity protocol as far as the core needs it: the shapes both botbuilder and the
 * Microsoft 365 Agents SDK share, defined here so the core imports neither framework (not even types).
 * Each binding converts its framework's activities to and from these plain objects.
 */

/** The activity types the core reads or writes (the values of both frameworks' `ActivityTypes`). */
export const ActivityTypes = {
  Message: 'message',
  ConversationUpdate: 'conversationUpdate',
  Typing: 'typing',
  EndOfConversation: 'endOfConversation',
  Event: 'event',
  Trace: 'trace',
  Handoff: 'handoff',
} as const;

export interface ChannelAccount {
  id: string;
  name: string;
  role?: string;
}

export interface ConversationAccount {
  id: string;
  name: string;
  isGroup: boolean;
  conversationType: string;
}

export interface CardAction {
  type: string;
  title: string;
  value?: unknown;
  text?: string;
}

export interface Attachment {
  contentType: string;
  contentUrl?: string;
  content?: unknown;
  name?: string;
}

/** A plain activity object (never a framework class instance: see each binding's converter). */
export interface CoreActivity {
  type?: string;
  id?: string;
  timestamp?: Date;
  channelId?: string;
  serviceUrl?: string;
  conversation?: ConversationAccount;
  from?: ChannelAccount;
  recipient?: ChannelAccount;
  replyToId?: string;
  locale?: string;
  text?: string;
  textFormat?: string;
  attachments?: Attachment[];
  suggestedActions?: { actions: CardAction[]; to: string[] };
  membersAdded?: ChannelAccount[];
  name?: string;
  label?: string;
  value?: any;
  valueType?: string;
  channelData?: any;
}

/** Where a conversation is, for proactive messages. Both frameworks' references hold these fields. */
export interface CoreConversationReference {
  channelId?: string;
  serviceUrl?: string;
  conversation?: ConversationAccount;
  user?: ChannelAccount;
  /** The bot (botbuilder's name; the Agents SDK calls it `agent`). */
  bot?: ChannelAccount;
  locale?: string;
}

/** What a send returns per activity: the new line's event id (`''` when only queued). */
export interface ResourceResponse {
  id: string;
}

/** The store both frameworks' storages satisfy (MemoryStorage, Blob, Cosmos ...). */
export interface Storage {
  read(keys: string[]): Promise<Record<string, any>>;
  write(changes: Record<string, any>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/** The default store: in this process only (a restart forgets the chats' progress). */
export class MemoryStore implements Storage {
  private readonly items = new Map<string, unknown>();

  async read(keys: string[]): Promise<Record<string, any>> {
    const found: Record<string, any> = {};
    for (const key of keys) if (this.items.has(key)) found[key] = structuredClone(this.items.get(key));
    return found;
  }

  async write(changes: Record<string, any>): Promise<void> {
    for (const [key, value] of Object.entries(changes)) this.items.set(key, structuredClone(value));
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }
}
