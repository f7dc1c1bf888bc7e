/**
 * What the bot publishes, as wire bodies (reference §7.11, §7.12). Pure; the limits LivePerson
 * documents are checked here so a bad call fails before it reaches the socket.
 */
import { configError } from './errors.js';
import type {
  AcceptStatus,
  ChatStateEvent,
  ContentEvent,
  ConversationField,
  QuickReplies,
  RichContentEvent,
  WireMetadata,
} from './wire.js';

/** A quick-reply chip: what it shows, and what the consumer "says" when it is clicked. */
export interface QuickReplyOption {
  /** Shown on the chip; at most 25 characters. */
  title: string;
  /** Published as the consumer's text when clicked. Default: the title. */
  text?: string;
  /** At most 256 characters. */
  tooltip?: string;
  /** An `ExternalId` the click carries back in its metadata. */
  id?: string;
}

export const QUICK_REPLY_LIMITS = { minReplies: 1, maxReplies: 24, maxPerRow: 8, maxTitle: 25, maxTooltip: 256 } as const;

export function textEvent(where: string, text: string): ContentEvent {
  if (typeof text !== 'string' || !text) throw configError(where, 'text must be a non-empty string');
  return { type: 'ContentEvent', contentType: 'text/plain', message: text };
}

export function quickReplies(where: string, options: readonly QuickReplyOption[], itemsPerRow: number = QUICK_REPLY_LIMITS.maxPerRow): QuickReplies {
  const L = QUICK_REPLY_LIMITS;
  if (!Array.isArray(options) || options.length < L.minReplies || options.length > L.maxReplies) {
    throw configError(where, `quick replies take ${L.minReplies} to ${L.maxReplies} options`);
  }
  if (!Number.isInteger(itemsPerRow) || itemsPerRow < 1 || itemsPerRow > L.maxPerRow) throw configError(where, `itemsPerRow must be 1 to ${L.maxPerRow}`);
  return {
    type: 'quickReplies',
    itemsPerRow,
    replies: options.map((option, i) => {
      if (!option || typeof option.title !== 'string' || !option.title) throw configError(where, `quick reply ${i} has no title`);
      if (option.title.length > L.maxTitle) throw configError(where, `quick reply ${i}: the title is longer than ${L.maxTitle} characters`);
      if (option.tooltip !== undefined && option.tooltip.length > L.maxTooltip) throw configError(where, `quick reply ${i}: the tooltip is longer than ${L.maxTooltip} characters`);
      const metadata: WireMetadata[] | undefined = option.id ? [{ type: 'ExternalId', id: option.id }] : undefined;
      return {
        type: 'button' as const,
        title: option.title,
        ...(option.tooltip !== undefined ? { tooltip: option.tooltip } : {}),
        click: { actions: [{ type: 'publishText' as const, text: option.text ?? option.title }], ...(metadata ? { metadata } : {}) },
      };
    }),
  };
}

export function richContentEvent(where: string, content: Record<string, unknown>, replies?: QuickReplies): RichContentEvent {
  if (typeof content !== 'object' || content === null || Array.isArray(content) || typeof content.type !== 'string') {
    throw configError(where, 'content must be a structured-content object with a type');
  }
  return { type: 'RichContentEvent', content, ...(replies ? { quickReplies: replies } : {}) };
}

export function chatStateEvent(typing: boolean): ChatStateEvent {
  return { type: 'ChatStateEvent', chatState: typing ? 'COMPOSING' : 'ACTIVE' };
}

export function acceptStatusEvent(where: string, status: AcceptStatus, sequences: readonly number[]) {
  if (!Array.isArray(sequences) || sequences.length === 0 || !sequences.every((s) => Number.isInteger(s) && s >= 0)) {
    throw configError(where, 'sequences must be a non-empty list of sequence numbers');
  }
  return { type: 'AcceptStatusEvent' as const, status, sequenceList: [...sequences] };
}

/** Transfer: the bot leaves (REMOVE itself) and the conversation goes to `skillId`, or is suggested to an agent. */
export function transferFields(selfOldId: string, skillId: string, agentOldId?: string): ConversationField[] {
  const fields: ConversationField[] = [{ field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT', userId: selfOldId }];
  if (agentOldId) fields.push({ field: 'ParticipantsChange', type: 'SUGGEST', role: 'ASSIGNED_AGENT', userId: agentOldId });
  fields.push({ field: 'Skill', type: 'UPDATE', skill: skillId });
  return fields;
}

export function closeFields(): ConversationField[] {
  return [{ field: 'ConversationStateField', conversationState: 'CLOSE' }];
}

/**
 * The reason for the receiving agent, as frame metadata. The `ActionReason` metadata type is named in
 * the conversation-metadata guide; its field name is not printed anywhere we found: `reason` is our choice.
 */
export function reasonMetadata(reason: string | undefined): WireMetadata[] | undefined {
  return reason ? [{ type: 'ActionReason', reason }] : undefined;
}
