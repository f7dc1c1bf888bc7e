import { ActivityTypes, type ChannelAccount, type CoreActivity, type CoreConversationReference } from './protocol.js';
import type { ChatEvent, ChatInfo } from '../api/types.js';
import { HANDOFF_STATUS, type HandoffStatusValue } from './transfer.js';
import { visitorText } from './visitorText.js';

/** The Bot Framework channel id of LiveEngage chats. */
export const CHANNEL_ID = 'liveengage';

/** What the mapping needs to know about a chat. Pure data; no I/O. */
export interface ChatSnapshot {
  /** The chat session key: `conversation.id`. */
  chatId: string;
  info: ChatInfo;
  /** The bot user as LiveEngage knows it. */
  bot: { id: string; name: string };
  /** Identifies the agent-side API (account base URL) in conversation references. */
  serviceUrl: string;
  /** Extra fields merged into every activity's `channelData` (e.g. the A/B variant). */
  channelData?: Record<string, unknown>;
}

/** The `channelData` of every incoming activity. */
export interface LiveEngageChannelData {
  /** The chat's info as last read (state, visitor name, skill when sent, and every raw field). */
  chatInfo: ChatInfo;
  /** The event this activity comes from, when there is one. */
  event?: ChatEvent;
  [key: string]: unknown;
}

/** The visitor as a Bot Framework account. */
function visitorAccount(info: ChatInfo): ChannelAccount {
  return { id: `visitor:${info.visitorId ?? info.chatSessionKey}`, name: info.visitorName, role: 'user' };
}

/** The bot agent as a Bot Framework account. */
function botAccount(chat: Pick<ChatSnapshot, 'bot'>): ChannelAccount {
  return { id: chat.bot.id, name: chat.bot.name, role: 'bot' };
}

/** The reference `continueConversation` needs to reach this chat again. */
export function chatReference(chat: ChatSnapshot): CoreConversationReference {
  return {
    channelId: CHANNEL_ID,
    serviceUrl: chat.serviceUrl,
    conversation: { id: chat.chatId, isGroup: false, conversationType: 'personal', name: chat.info.visitorName },
    user: visitorAccount(chat.info),
    bot: botAccount(chat),
    ...(chat.info.language ? { locale: chat.info.language } : {}),
  };
}

/** The fields every incoming activity of a chat shares (the Messaging mapping builds on it too). */
export function baseActivity(chat: ChatSnapshot, type: string, event?: ChatEvent): CoreActivity {
  const reference = chatReference(chat);
  const channelData: LiveEngageChannelData = { ...chat.channelData, chatInfo: chat.info };
  if (event) channelData.event = event;
  return {
    type,
    channelId: CHANNEL_ID,
    serviceUrl: chat.serviceUrl,
    conversation: reference.conversation,
    from: reference.user,
    recipient: reference.bot,
    ...(event ? { id: String(event.id), timestamp: parseTime(event.time) } : { timestamp: new Date() }),
    ...(chat.info.language ? { locale: chat.info.language } : {}),
    channelData,
  } as CoreActivity;
}

/** The chat was accepted: `conversationUpdate` with the visitor and the bot added, so welcomes work. */
export function acceptedActivity(chat: ChatSnapshot): CoreActivity {
  return {
    ...baseActivity(chat, ActivityTypes.ConversationUpdate),
    membersAdded: [visitorAccount(chat.info), botAccount(chat)],
  };
}

/** The visitor started typing. */
export function typingActivity(chat: ChatSnapshot): CoreActivity {
  return baseActivity(chat, ActivityTypes.Typing);
}

/** The outcome of a transfer the bot asked for. */
export function handoffStatusActivity(chat: ChatSnapshot, value: HandoffStatusValue): CoreActivity {
  return { ...baseActivity(chat, ActivityTypes.Event), name: HANDOFF_STATUS, value };
}

/**
 * One chat event as the bot sees it, or `undefined` when it is no turn: the bot's own lines, other
 * agents' and system lines, `waiting`/`chatting` states and unknown event types.
 */
export function eventToActivity(event: ChatEvent, chat: ChatSnapshot): CoreActivity | undefined {
  switch (event.type) {
    case 'line':
      if (event.source !== 'visitor') return undefined;
      return {
        ...baseActivity(chat, ActivityTypes.Message, event),
        text: visitorText(event),
        textFormat: 'plain',
      };
    case 'state':
      return event.state === 'ended' ? baseActivity(chat, ActivityTypes.EndOfConversation, event) : undefined;
    default:
      return undefined;
  }
}

function parseTime(time: string): Date | undefined {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
