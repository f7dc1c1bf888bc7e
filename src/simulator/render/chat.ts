import type {
  WireChatEventLocation,
  WireChatInfo,
  WireChatLocation,
  WireChatResource,
  WireEvent,
  WireEvents,
  WireMultipleChats,
  WirePlainEvent,
  WireTransferSkills,
} from '../../api/liveEngageJson.js';
import type { AgentSessionRecord, ChatEvent, ChatRecord } from '../world/model.js';
import { collapse, isoTime, list } from './format.js';
import { link, plainLink, type Links } from './links.js';

/**
 * Chat resources in LiveEngage's JSON rendering (`api/liveEngageJson.ts`). The single-chat resources use `@`-keys; the multi-chat read
 * uses plain keys with numeric `id` and string `systemMessageId`, as its documented example does.
 */

/** What a chat resource needs to know to render: where (links) and its timeout. */
export interface ChatRenderContext {
  links: Links;
  session: AgentSessionRecord;
  chatTimeoutSeconds: number;
}

function lineFields(event: ChatEvent, systemMessageId: (id: number) => number | string): Partial<WireEvent> {
  const fields: Partial<WireEvent> = {
    textType: event.textType ?? 'plain',
    text: event.text ?? '',
    by: event.by ?? '',
    source: event.source ?? 'system',
  };
  if (event.systemMessageId !== undefined) fields.systemMessageId = systemMessageId(event.systemMessageId);
  fields.subType = event.subType ?? 'REGULAR';
  if (event.json !== undefined) fields.json = event.json;
  return fields;
}

export function wireEvent(event: ChatEvent): WireEvent {
  const head = { '@id': String(event.id), '@type': event.type, time: isoTime(event.time) };
  if (event.type === 'state') return { ...head, state: event.state ?? 'waiting' };
  return { ...head, ...lineFields(event, (id) => id) };
}

function plainEvent(event: ChatEvent): WirePlainEvent {
  const head = { id: event.id, type: event.type, time: isoTime(event.time) };
  if (event.type === 'state') return { ...head, state: event.state ?? 'waiting' };
  return { ...head, ...lineFields(event, (id) => String(id)) };
}

/** Events from `from` on: O(new events), never a copy of the whole list. */
function eventsFrom(chat: ChatRecord, from: number): ChatEvent[] {
  return from >= chat.events.length ? [] : chat.events.slice(from);
}

/** `next` is lastId+1 of what was returned; an empty poll keeps the same `from`. */
function nextFrom(chat: ChatRecord, from: number): number {
  return Math.max(from, chat.events.length);
}

export function events(ctx: ChatRenderContext, chat: ChatRecord, from: number): WireEvents {
  const url = `${ctx.links.chat(ctx.session.id, chat.id)}/events`;
  const body: WireEvents = {
    events: { link: [link(url, 'self'), link(`${url}?from=${nextFrom(chat, from)}`, 'next')] },
  };
  const event = collapse(eventsFrom(chat, from).map(wireEvent));
  if (event !== undefined) body.events.event = event;
  return body;
}

type InfoFields = Pick<
  WireChatInfo,
  | 'state'
  | 'chatSessionKey'
  | 'agentName'
  | 'agentId'
  | 'startTime'
  | 'duration'
  | 'lastUpdate'
  | 'chatTimeout'
  | 'visitorId'
  | 'agentTyping'
  | 'visitorTyping'
  | 'visitorName'
  | 'rtSessionId'
>;

function infoFields(ctx: ChatRenderContext, chat: ChatRecord): InfoFields {
  const agent = chat.agent;
  const ended = chat.endedAt;
  // While no agent holds the chat (transferred, re-queued) these are empty elements: null.
  const none = null as unknown as undefined;
  return {
    state: chat.state,
    chatSessionKey: chat.id,
    agentName: agent ? agent.nickname : none,
    agentId: agent ? Number(agent.id) : none,
    startTime: isoTime(chat.startTime),
    // 0 while the chat goes on, as in every documented example; whole seconds once ended.
    duration: ended === undefined ? 0 : Math.round((ended - chat.startTime) / 1000),
    lastUpdate: isoTime(chat.lastAgentTouch),
    chatTimeout: ctx.chatTimeoutSeconds,
    visitorId: chat.identity.visitorId,
    agentTyping: chat.agentTyping ? 'typing' : 'not-typing',
    visitorTyping: chat.visitorTyping ? 'typing' : 'not-typing',
    visitorName: chat.visitorName,
    rtSessionId: chat.identity.rtSessionId,
  };
}

function infoLinks(ctx: ChatRenderContext, chat: ChatRecord): [string, string][] {
  const url = `${ctx.links.chat(ctx.session.id, chat.id)}/info`;
  return [
    [url, 'self'],
    [`${url}/visitorName`, 'visitor-name'],
    [`${url}/visitorTyping`, 'visitor-typing'],
    [`${url}/agentTyping`, 'agent-typing'],
  ];
}

export function info(ctx: ChatRenderContext, chat: ChatRecord): WireChatInfo {
  return {
    link: infoLinks(ctx, chat).map(([href, rel]) => link(href, rel)),
    ...infoFields(ctx, chat),
    sharkVisitorId: chat.identity.sharkVisitorId,
    sharkSessionId: chat.identity.sharkSessionId,
    sharkContextId: 1,
    engagementId: chat.identity.engagementId,
    campaignId: chat.identity.campaignId,
    language: 'en-US',
    // Not documented on the agent side (the visitor-side Server Chat API has them); sent on purpose.
    skillId: chat.skill.id,
    skillName: chat.skill.name,
  };
}

function chatLinks(ctx: ChatRenderContext, chat: ChatRecord, from: number, plain: boolean): [string, string][] {
  const url = ctx.links.chat(ctx.session.id, chat.id);
  const all: [string, string][] = [
    [url, 'self'],
    [`${url}/events`, 'events'],
    [`${url}/info`, 'info'],
    [`${url}?from=${nextFrom(chat, from)}`, 'next'],
    [`${url}/collaborationChannels`, 'collaboration-channels'],
    [ctx.links.visit(ctx.session.id, chat.identity.visitId), 'visit-id'],
    [`${url}/transfer`, 'transfer'],
    [`${url}/transferAccount`, 'transfer-account'],
    [`${url}/survey`, 'agent-survey'],
  ];
  // The documented multi-chat example has no collaboration-channels link.
  return plain ? all.filter(([, rel]) => rel !== 'collaboration-channels') : all;
}

export function chatResource(ctx: ChatRenderContext, chat: ChatRecord, from: number): WireChatResource {
  return {
    chat: {
      link: chatLinks(ctx, chat, from, false).map(([href, rel]) => link(href, rel)),
      events: events(ctx, chat, from).events,
      info: info(ctx, chat),
    },
  };
}

export function multipleChats(ctx: ChatRenderContext, chats: { chat: ChatRecord; from: number }[]): WireMultipleChats {
  const rendered = chats.map(({ chat, from }) => {
    const eventsUrl = `${ctx.links.chat(ctx.session.id, chat.id)}/events`;
    const event = collapse(eventsFrom(chat, from).map(plainEvent));
    const events: { link: ReturnType<typeof plainLink>[]; event?: typeof event } = {
      link: [plainLink(eventsUrl, 'self'), plainLink(`${eventsUrl}?from=${nextFrom(chat, from)}`, 'next')],
    };
    if (event !== undefined) events.event = event;
    return {
      link: chatLinks(ctx, chat, from, true).map(([href, rel]) => plainLink(href, rel)),
      events,
      info: {
        link: infoLinks(ctx, chat).map(([href, rel]) => plainLink(href, rel)),
        ...infoFields(ctx, chat),
        skillId: chat.skill.id,
        skillName: chat.skill.name,
      },
    };
  });
  // A one-item array, as the documented example prints it; each chat's `event` still collapses.
  const chat = list(rendered);
  return { chats: chat === undefined ? null : { chat } };
}

export function chatLocation(href: string): WireChatLocation {
  return { chatLocation: { link: link(href, 'location') } };
}

export function chatEventLocation(href: string): WireChatEventLocation {
  return { chatEventLocation: { link: link(href, 'location') } };
}

export function transferSkills(skills: { id: number; name: string; onlineAgents: number }[]): WireTransferSkills {
  const skill = collapse(skills.map((s) => ({ id: String(s.id), name: s.name, onlineAgents: String(s.onlineAgents) })));
  return { transfer: skill === undefined ? null : { skill } };
}
