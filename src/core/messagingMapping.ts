/**
 * The Messaging transport's mappings, pure: what `MessagingAgent` reports becomes the same plain
 * activities chat's events become (`toActivity.ts`), and the bot's activities become the same
 * `ChatAction`s as on chat (`fromActivity.ts`), but for suggested actions, which Messaging shows as
 * native quick replies instead of numbered text.
 */
import type { ChatInfo } from '../api/types.js';
import type { ConsumerMessage, ConversationInfo } from '../messaging/agentEvents.js';
import { QUICK_REPLY_LIMITS, type QuickReplyOption } from '../messaging/publish.js';
import { fromActivity, type ChatAction, type OutgoingOptions } from './fromActivity.js';
import { ActivityTypes, type CardAction, type CoreActivity } from './protocol.js';
import { baseActivity, type ChatSnapshot } from './toActivity.js';
import type { TransferRequest } from './transfer.js';

/** A line on Messaging may carry native quick replies (Live Chat renders suggested actions into the text). */
export type MessagingLine = Extract<ChatAction, { kind: 'line' }> & { quickReplies?: QuickReplyOption[] };

/** Card actions that say something back when clicked: these can be quick replies. */
const SAYING = new Set(['imBack', 'postBack', 'messageBack']);

/** A Messaging conversation as the chat info the mappings and the facts read (`channelData.chatInfo`). */
export function conversationChatInfo(conversation: ConversationInfo, skillNames: Record<string, number> = {}): ChatInfo {
  const context = conversation.context ?? {};
  const name = typeof context.name === 'string' && context.name.trim() ? context.name : 'Consumer';
  const skillId = Number(conversation.skillId);
  const skillName = Object.entries(skillNames).find(([, id]) => id === skillId)?.[0];
  return {
    state: 'chatting',
    chatSessionKey: conversation.conversationId,
    visitorName: name,
    ...(conversation.consumerId ? { visitorId: conversation.consumerId } : {}),
    ...(typeof context.lang === 'string' ? { language: context.lang } : {}),
    ...(Number.isInteger(skillId) && skillId > 0 ? { skillId } : {}),
    ...(skillName ? { skillName } : {}),
    links: {},
    raw: { transport: 'messaging', conversationId: conversation.conversationId, skillId: conversation.skillId, context },
  };
}

/** A consumer's message: a `message` activity whose id is its sequence; the wire event in `channelData.messaging`. */
export function consumerMessageActivity(chat: ChatSnapshot, message: ConsumerMessage): CoreActivity {
  const base = baseActivity(chat, ActivityTypes.Message);
  return {
    ...base,
    id: String(message.sequence),
    ...(message.serverTimestamp !== undefined ? { timestamp: new Date(message.serverTimestamp) } : {}),
    text: message.text ?? '',
    textFormat: 'plain',
    channelData: { ...base.channelData, messaging: { sequence: message.sequence, event: message.event, ...(message.metadata ? { metadata: message.metadata } : {}) } },
  };
}

/** The conversation was closed (by the consumer, an agent or a timeout). */
export function closedActivity(chat: ChatSnapshot, closeReason?: string): CoreActivity {
  const base = baseActivity(chat, ActivityTypes.EndOfConversation);
  return closeReason ? { ...base, channelData: { ...base.channelData, closeReason } } : base;
}

/**
 * The actions for one outgoing activity on Messaging: `fromActivity`'s, with plain text lines; a message
 * whose suggested actions all fit Messaging's quick replies (1-24 that say something back, titles of at
 * most 25 characters) and that has text or structured content carries them as quick replies on its
 * last line. Otherwise they are rendered into the text, as on chat.
 */
export function messagingActions(activity: CoreActivity, options: Pick<OutgoingOptions, 'maxLineLength'>): Array<ChatAction | MessagingLine> {
  const plain: OutgoingOptions = { lineFormat: 'plain', maxLineLength: options.maxLineLength };
  const replies = quickRepliesOf(activity);
  if (!replies) return fromActivity(activity, plain);
  const { suggestedActions: _dropped, ...rest } = activity;
  const actions = fromActivity(rest, plain);
  const lastLine = actions.map((a) => a.kind).lastIndexOf('line');
  const line = actions[lastLine];
  if (!line || line.kind !== 'line' || line.line.subType === 'ONLY_TO_REP') return fromActivity(activity, plain);
  return actions.map((action, i): ChatAction | MessagingLine => (i === lastLine ? { ...line, quickReplies: replies } : action));
}

/** The suggested actions as quick replies, or undefined when they cannot all be. */
function quickRepliesOf(activity: CoreActivity): QuickReplyOption[] | undefined {
  const actions = activity.suggestedActions?.actions ?? [];
  if (actions.length < QUICK_REPLY_LIMITS.minReplies || actions.length > QUICK_REPLY_LIMITS.maxReplies) return undefined;
  const replies: QuickReplyOption[] = [];
  for (const action of actions) {
    const reply = quickReply(action);
    if (!reply) return undefined;
    replies.push(reply);
  }
  return replies;
}

function quickReply(action: CardAction): QuickReplyOption | undefined {
  if (action.type && !SAYING.has(action.type)) return undefined;
  const said = typeof action.value === 'string' && action.value.trim() ? action.value : action.text || action.title;
  const title = action.title || said;
  if (!title || title.length > QUICK_REPLY_LIMITS.maxTitle || !said) return undefined;
  return said === title ? { title } : { title, text: said };
}

/** A transfer target on Messaging: a skill id (numeric, or a name from `messagingSkills`). */
export type MessagingSkill = { ok: true; skillId: number; skillName?: string } | { ok: false; message: string };

export function messagingSkill(wanted: TransferRequest['skill'], skills: Record<string, number> = {}): MessagingSkill {
  const asText = String(wanted ?? '').trim();
  if (/^\d+$/.test(asText) && Number(asText) > 0) {
    const skillId = Number(asText);
    const skillName = Object.entries(skills).find(([, id]) => id === skillId)?.[0];
    return { ok: true, skillId, ...(skillName ? { skillName } : {}) };
  }
  const found = Object.entries(skills).find(([name]) => name.toLowerCase() === asText.toLowerCase());
  if (found) return { ok: true, skillId: found[1], skillName: found[0] };
  const names = Object.keys(skills).join(', ') || 'none';
  return { ok: false, message: `Skill '${asText}' is not available for transfer: Messaging transfers need a skill id; name it in the messagingSkills setting (known: ${names}).` };
}
