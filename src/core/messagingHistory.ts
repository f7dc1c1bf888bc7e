/**
 * What the Messaging transport reads off a conversation's history (`QueryMessages`): where a
 * conversation with no stored progress resumes, whether a turn under way at a crash had its reply land,
 * and whether a publish whose answer never came is there already. The pure rules are functions over
 * the events; `MessagingHistory` fetches them on the agent's socket.
 */
import { describe } from '../messaging/errors.js';
import type { MessagingConnection } from '../messaging/MessagingConnection.js';
import { readMessagingEvent } from '../messaging/notifications.js';
import { REQ, type WireMessagingEvent } from '../messaging/wire.js';
import type { StoredChat } from './chatStore.js';

/** QueryMessages page size (the 2017 client's cap is 200). */
const PAGE = 100;

/** A message everyone in the conversation sees (not a private one, not a receipt or chat state). */
function isPublicMessage(event: WireMessagingEvent): boolean {
  const type = event.event.type;
  return (type === 'ContentEvent' || type === 'RichContentEvent') && event.messageAudience !== 'AGENTS_AND_MANAGERS';
}

/** An agent's (this bot's, another bot's or a human's) message to the consumer. */
function isAgentMessage(event: WireMessagingEvent, consumerId: string | undefined): boolean {
  if (!isPublicMessage(event)) return false;
  const role = event.originatorMetadata?.role;
  if (role !== undefined) return role === 'ASSIGNED_AGENT' || role === 'MANAGER';
  return consumerId !== undefined && event.originatorId !== consumerId;
}

/**
 * Progress read off the history of a conversation nothing was stored for (storage lost, or a
 * conversation transferred to the bot with its history): every consumer message up to the last
 * agent's message was answered (by this bot before the storage was lost, or by whoever had the
 * conversation before the transfer) and is no turn; the ones after it are. The message history has no
 * transfer event and the conversation notification no join time, so "answered by an agent" is the
 * boundary (chat's rule: after the last agent line). The bot has welcomed the consumer only if a
 * message of its own is there: a conversation transferred in gets its `conversationUpdate`.
 */
export function progressFromHistory(events: readonly WireMessagingEvent[], self: string, consumerId: string | undefined): Pick<StoredChat, 'handledThrough' | 'welcomed'> {
  let handledThrough = -1;
  let welcomed = false;
  for (const event of events) {
    if (!isAgentMessage(event, consumerId)) continue;
    handledThrough = Math.max(handledThrough, event.sequence ?? -1);
    if (event.originatorId === self) welcomed = true;
  }
  return { handledThrough, welcomed };
}

/** The sequences of the bot's own messages (text or rich content) among `events`. */
export function ownMessageSequences(events: readonly WireMessagingEvent[], self: string): number[] {
  return events.filter((e) => (e.event.type === 'ContentEvent' || e.event.type === 'RichContentEvent') && e.originatorId === self).map((e) => e.sequence ?? -1);
}

/**
 * The sequence of the bot's own message saying `what` (its text, or its rich content) after `since`,
 * other than those already `known` (lines sent before): two identical lines each land once.
 */
export function findOwnMessage(events: readonly WireMessagingEvent[], self: string, what: string | Record<string, unknown>, since: number, known: ReadonlySet<number> = new Set()): number | undefined {
  const wanted = JSON.stringify(what);
  for (const event of events) {
    if (event.originatorId !== self || (event.sequence ?? -1) <= since || known.has(event.sequence ?? -1)) continue;
    const inner = event.event;
    const said = inner.type === 'ContentEvent' ? inner.message : inner.type === 'RichContentEvent' ? inner.content : undefined;
    if (said !== undefined && JSON.stringify(said) === wanted) return event.sequence;
  }
  return undefined;
}

/** The history of the agent's conversations, read on its socket. */
export class MessagingHistory {
  constructor(
    private readonly connection: () => MessagingConnection,
    private readonly log: { warn(message: string, ...args: unknown[]): void },
  ) {}

  /** The conversation's sequenced events after `since` (all of them from -1), paged while pages are full. */
  async events(conversationId: string, since = -1): Promise<WireMessagingEvent[]> {
    const out: WireMessagingEvent[] = [];
    let from = Math.max(0, since);
    for (;;) {
      const page = await this.connection().request<unknown>(REQ.queryMessages, { dialogId: conversationId, fromSeq: from, newerThanSequence: from, maxQuantity: PAGE });
      const items = Array.isArray(page) ? page : [];
      let last = from;
      for (const item of items) {
        const { event } = readMessagingEvent(item);
        if (!event || event.sequence === undefined || event.dialogId !== conversationId || event.sequence <= since) continue;
        if (out.some((e) => e.sequence === event.sequence)) continue;
        out.push(event);
        last = Math.max(last, event.sequence);
      }
      if (items.length < PAGE || last === from) break;
      from = last;
    }
    return out.sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
  }

  /** Progress for a conversation nothing was stored for (`progressFromHistory`); undefined when the look failed. */
  async progress(conversationId: string, self: string, consumerId: string | undefined): Promise<Pick<StoredChat, 'handledThrough' | 'welcomed'> | undefined> {
    try {
      return progressFromHistory(await this.events(conversationId), self, consumerId);
    } catch (error) {
      this.log.warn('reading the history of %s failed (%s)', conversationId, describe(error));
      return undefined;
    }
  }
}
