import type {
  AgentRef,
  AgentView,
  ChatEventView,
  ChatQueueView,
  ChatSummary,
  ChatView,
  QueueEntryView,
  QueueView,
} from '../types.js';
import type { AgentRecord, ChatEvent, ChatRecord } from './model.js';
import type { WorldState } from './state.js';

/** The control API's plain JS views of the world's records: fresh objects, except event views, which are frozen and shared. */

const iso = (ms: number): string => new Date(ms).toISOString();

function agentRef(agent: AgentRecord): AgentRef {
  return { id: agent.id, nickname: agent.nickname, kind: agent.kind };
}

function eventView(event: ChatEvent): ChatEventView {
  const view: ChatEventView = { id: event.id, type: event.type, time: iso(event.time) };
  if (event.type === 'state') {
    if (event.state) view.state = event.state;
    return view;
  }
  if (event.text !== undefined) view.text = event.text;
  if (event.textType !== undefined) view.textType = event.textType;
  if (event.source !== undefined) view.source = event.source;
  if (event.by !== undefined) view.by = event.by;
  if (event.subType !== undefined) view.subType = event.subType;
  if (event.systemMessageId !== undefined) view.systemMessageId = event.systemMessageId;
  return view;
}

function queueView(chat: ChatRecord): ChatQueueView | undefined {
  if (chat.state !== 'waiting') return undefined;
  const view: ChatQueueView = { since: iso(chat.queuedAt) };
  if (chat.ringingAgent) view.ringing = agentRef(chat.ringingAgent);
  if (chat.directedTo) view.directedTo = agentRef(chat.directedTo);
  return view;
}

export function chatSummary(chat: ChatRecord): ChatSummary {
  const summary: ChatSummary = {
    id: chat.id,
    visitId: chat.identity.visitId,
    skill: { ...chat.skill },
    state: chat.state,
    visitorName: chat.visitorName,
    startTime: iso(chat.startTime),
    visitorTyping: chat.visitorTyping,
    agentTyping: chat.agentTyping,
    eventCount: chat.events.length,
  };
  if (chat.agent) summary.agent = agentRef(chat.agent);
  const queue = queueView(chat);
  if (queue) summary.queue = queue;
  if (chat.survey) summary.survey = { ...chat.survey };
  return summary;
}

/** Events never change once added, so their (frozen) views are made once per chat and reused. */
const eventViewCache = new WeakMap<ChatRecord, ChatEventView[]>();

function eventViews(chat: ChatRecord): ChatEventView[] {
  let cache = eventViewCache.get(chat);
  if (!cache) {
    cache = [];
    eventViewCache.set(chat, cache);
  }
  for (let i = cache.length; i < chat.events.length; i += 1) {
    cache.push(Object.freeze(eventView(chat.events[i] as ChatEvent)));
  }
  return cache.slice();
}

export function chatView(chat: ChatRecord): ChatView {
  return { ...chatSummary(chat), events: eventViews(chat) };
}

export function agentView(s: WorldState, agent: AgentRecord): AgentView {
  return {
    id: agent.id,
    loginName: agent.loginName,
    nickname: agent.nickname,
    kind: agent.kind,
    skills: agent.skills.map((id) => ({ ...s.skill(id) })),
    availability: agent.availability,
    loggedIn: agent.loggedIn,
    openChats: agent.openChats.size,
    ringing: agent.ringing.size,
    maxChats: agent.maxChats,
    blocked: agent.blocked,
  };
}

/** Every waiting chat per skill: the queue in routing order, then ringing, then directed ones. */
export function queueViews(s: WorldState): QueueView[] {
  const bySkill = new Map<number, ChatRecord[]>();
  const add = (chat: ChatRecord): void => {
    const list = bySkill.get(chat.skill.id) ?? [];
    list.push(chat);
    bySkill.set(chat.skill.id, list);
  };
  for (const queue of s.queues.values()) for (const chat of queue) add(chat);
  for (const agent of s.agents.values()) for (const ring of agent.ringing.values()) add(ring.chat);
  for (const chat of s.directed) add(chat);
  return [...s.skills.values()].map((skill) => ({
    skill: { ...skill },
    waiting: (bySkill.get(skill.id) ?? [])
      .map((chat): QueueEntryView => {
        const entry: QueueEntryView = { chatId: chat.id, visitorName: chat.visitorName, since: iso(chat.queuedAt) };
        if (chat.ringingAgent) entry.ringing = agentRef(chat.ringingAgent);
        if (chat.directedTo) entry.directedTo = agentRef(chat.directedTo);
        return entry;
      }),
  }));
}
