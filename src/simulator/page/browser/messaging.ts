/**
 * The Messaging side of the page: the simulator's Messaging control API (at the paths `simulator/controlApi.ts`
 * declares), and its conversations drawn as chats, so the visitor and the workspace show them with the
 * same components. Nothing rings on Messaging before the consumer's first message.
 */
import { MESSAGING_ROUTES, messagingPath, type MessagingOperation } from '../../controlApi.js';
import type { MsgConversationSummary, MsgConversationView, MsgEventView } from '../../messaging/views.js';
import type { AgentView, ChatEventView, ChatState, ChatSummary, ChatView, QueueView, SimulatedSkill } from '../../types.js';
import { request } from './api.js';

/** A quick reply the agent offered with a message: its title, and the text a click publishes (the title when absent). */
export interface QuickReply {
  title: string;
  text?: string;
}

/** A transcript line, with the quick replies of a Messaging message. */
export type PageEventView = ChatEventView & { quickReplies?: QuickReply[] };

function call<T>(operation: MessagingOperation, id?: string, body?: unknown): Promise<T> {
  return request(MESSAGING_ROUTES[operation].method, messagingPath(operation, id), body) as Promise<T>;
}

export const messagingApi = {
  conversations: () => call<MsgConversationSummary[]>('conversations'),
  conversation: (id: string) => call<MsgConversationView>('conversation', id),
  start: (skill: string, consumerName: string) => call<{ conversationId: string }>('startConversation', undefined, { skill, consumerName }),
  consumerSays: (id: string, text: string) => call<{ sequence: number }>('consumerSays', id, { text }),
  consumerTyping: (id: string, typing: boolean) => call<object>('consumerTyping', id, { typing }),
  consumerCloses: (id: string) => call<object>('consumerCloses', id),
  humanTakes: (id: string, agentId?: string) => call<{ agentId: string }>('humanTakes', id, agentId ? { agentId } : {}),
  humanSays: (id: string, text: string) => call<{ sequence: number }>('humanSays', id, { text }),
  humanCloses: (id: string) => call<object>('humanCloses', id),
  botStates: () => call<BotState[]>('botStates'),
};

/** A bot user on Messaging (`GET /simulator/messaging/bots`). */
export interface BotState {
  id: string;
  loginName: string;
  availability: string;
  openConversations: number;
}

const AVAILABILITY: Record<string, AgentView['availability']> = { ONLINE: 'Online', AWAY: 'Away', BACK_SOON: 'Away', OFFLINE: 'Offline' };

/**
 * The agent list with each bot's Messaging side added: a bot ONLINE on Messaging (and Offline on Live
 * Chat, where it never logged in) shows its Messaging state, and its open conversations count as chats.
 */
export function withMessagingBots(agents: readonly AgentView[], bots: readonly BotState[]): AgentView[] {
  return agents.map((a) => {
    const bot = a.kind === 'bot' ? bots.find((b) => b.id === a.id) : undefined;
    if (!bot) return a;
    const messaging = AVAILABILITY[bot.availability] ?? 'Offline';
    const useMessaging = a.availability === 'Offline' && messaging !== 'Offline';
    return {
      ...a,
      ...(useMessaging ? { availability: messaging, loggedIn: true } : {}),
      openChats: a.openChats + bot.openConversations,
    };
  });
}

/** OPEN with an agent is chatting, OPEN without one waits (in its skill's queue, or for the first message), CLOSE ended. */
function conversationState(c: MsgConversationSummary): ChatState {
  return c.state === 'CLOSE' ? 'ended' : c.assigned ? 'chatting' : 'waiting';
}

/** A conversation as the chat list shows chats; `skills` names its skill id. */
export function conversationAsChat(c: MsgConversationSummary, skills: readonly SimulatedSkill[]): ChatSummary {
  const state = conversationState(c);
  const ringing = c.ringing[0];
  return {
    id: c.id,
    visitId: c.consumerId,
    skill: skills.find((s) => s.id === c.skillId) ?? { id: c.skillId, name: `skill ${c.skillId}` },
    state,
    visitorName: c.consumerName,
    ...(c.assigned ? { agent: c.assigned } : {}),
    ...(state === 'waiting' ? { queue: { since: c.waitingSince ?? c.startTime, ...(ringing ? { ringing } : {}), ...(c.suggested ? { directedTo: c.suggested } : {}) } } : {}),
    startTime: c.startTime,
    visitorTyping: c.consumerTyping,
    agentTyping: false,
    eventCount: c.eventCount,
  };
}

/**
 * The queues with the Messaging conversations that wait in them (open, nobody assigned, and routed: a
 * conversation rings nobody before its first message), after the chats, oldest first.
 */
export function withMessagingQueues(queues: readonly QueueView[], conversations: readonly MsgConversationSummary[]): QueueView[] {
  return queues.map((q) => {
    const waiting = conversations
      .filter((c) => c.skillId === q.skill.id && c.waitingSince !== undefined && c.eventCount > 0)
      .sort((a, b) => a.waitingSince!.localeCompare(b.waitingSince!))
      .map((c) => ({ chatId: c.id, visitorName: c.consumerName, since: c.waitingSince!, ...(c.ringing[0] ? { ringing: c.ringing[0] } : {}), ...(c.suggested ? { directedTo: c.suggested } : {}) }));
    return waiting.length ? { ...q, waiting: [...q.waiting, ...waiting] } : q;
  });
}

/** A conversation with its messages as a chat view: content events become lines; receipts are left out. */
export function conversationAsChatView(c: MsgConversationView, skills: readonly SimulatedSkill[]): ChatView {
  return { ...conversationAsChat(c, skills), events: c.events.flatMap((e) => lineOf(e, c)) };
}

function lineOf(e: MsgEventView, c: MsgConversationView): PageEventView[] {
  if (e.type !== 'ContentEvent' && e.type !== 'RichContentEvent') return [];
  const consumer = e.from === 'consumer';
  return [
    {
      id: e.sequence,
      type: 'line',
      time: e.time,
      source: consumer ? 'visitor' : 'agent',
      by: consumer ? c.consumerName : e.agent ? e.agent.nickname : 'Agent',
      subType: e.private ? 'ONLY_TO_REP' : 'REGULAR',
      textType: e.type === 'RichContentEvent' ? 'rich-content' : 'plain',
      ...(e.text !== undefined ? { text: e.text } : {}),
      ...(e.quickReplies && e.quickReplies.length ? { quickReplies: e.quickReplies } : {}),
    },
  ];
}
