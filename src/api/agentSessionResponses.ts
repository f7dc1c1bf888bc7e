/**
 * Readers of the agent session's answers (its resources, availability, agent info, available agents
 * and slots, ringing chats, open chat sessions, and the location answers of start and accept), on the
 * toolkit of `responseReader.ts`.
 */
import { asNumber, limit, oneOf, pathOf, Reader, type Obj } from './responseReader.js';
import type { AgentInfo, AgentSessionResources, AvailableAgent, ChatAvailability, ChatSessionRef, IncomingRequests, Skill } from './types.js';

const AVAILABILITIES = ['Online', 'Away', 'Occupied', 'Offline'] as const satisfies readonly ChatAvailability[];

/** `{agentSessionLocation:{link:{@href,@rel:"location"}}}` -> the agent session URL. */
export function readAgentSessionLocation(json: unknown): string {
  return readLocation(json, 'agentSessionLocation');
}

/** `{chatLocation:{link:{@href}}}` (accept) -> the chat URL. */
export function readChatLocation(json: unknown): string {
  return readLocation(json, 'chatLocation');
}

/**
 * `{chatEventLocation:{link:{@href:".../events/5"}}}` (add line; end chat answers with the same thing
 * under `chatLocation`) -> the event URL and the event id from its last path segment (`undefined` when
 * the href does not end in a number).
 */
export function readChatEventLocation(json: unknown): { href: string; eventId?: number } {
  const root = new Reader('chatEventLocation').obj(json, '');
  const key = root.chatEventLocation === undefined && root.chatLocation !== undefined ? 'chatLocation' : 'chatEventLocation';
  const href = readLocation(json, key);
  const eventId = eventIdOf(href);
  return eventId === undefined ? { href } : { href, eventId };
}

/** The event id at the end of an event URL (`…/events/5`), if there is one. */
export function eventIdOf(href: string): number | undefined {
  const match = /\/events\/(\d+)\/?(?:[?#]|$)/.exec(href);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function readLocation(json: unknown, key: string): string {
  const r = new Reader(key);
  const root = r.obj(json, '');
  const location = r.obj(root[key], key);
  const links = r.links(location.link, pathOf(key, 'link'));
  return links.location ?? Object.values(links)[0] ?? r.fail(pathOf(key, 'link'), 'is missing');
}

/** `GET {S}` (optionally `?data=true`) -> links, plus the inlined agent info and ringing state. */
export function readAgentSessionResources(json: unknown): AgentSessionResources {
  const r = new Reader('agent session');
  const root = r.obj(json, '');
  const session = r.obj(root.agentSessionId, 'agentSessionId');
  const out: AgentSessionResources = { links: r.links(session.link, 'agentSessionId.link') };
  const info = r.optObj(session.info, 'agentSessionId.info');
  if (info) out.info = agentInfo(r, info, 'agentSessionId.info');
  const ringing = session['incoming-requests'] ?? session.incomingRequests;
  const ringingPath = session['incoming-requests'] !== undefined ? "agentSessionId['incoming-requests']" : 'agentSessionId.incomingRequests';
  const incoming = r.optObj(ringing, ringingPath);
  if (incoming) out.incomingRequests = incomingRequests(r, incoming, ringingPath);
  return out;
}

/** `{availability:{chat:"Online",voice:"Offline"}}` -> the chat availability. */
export function readAvailability(json: unknown): ChatAvailability {
  const r = new Reader('availability');
  const availability = r.obj(r.obj(json, '').availability, 'availability');
  const chat = oneOf(r.str(availability, 'availability', 'chat'), AVAILABILITIES);
  return chat ?? r.fail('availability.chat', `is not one of ${AVAILABILITIES.join(', ')}`);
}

/** `GET {S}/info` -> the agent (the bot user): name, id, skills, `maxChats` (`-1` -> unlimited). */
export function readAgentInfo(json: unknown): AgentInfo {
  const r = new Reader('agent info');
  return agentInfo(r, r.obj(r.obj(json, '').info, 'info'), 'info');
}

function agentInfo(r: Reader, info: Obj, path: string): AgentInfo {
  const out: AgentInfo = {
    id: r.str(info, path, 'id'),
    agentName: r.str(info, path, 'agentName'),
    skills: [],
  };
  const displayName = r.optStr(info, path, 'displayName');
  const loginName = r.optStr(info, path, 'loginName');
  const maxChats = limit(r.optNum(info, path, 'maxChats'));
  if (displayName !== undefined) out.displayName = displayName;
  if (loginName !== undefined) out.loginName = loginName;
  if (maxChats !== undefined) out.maxChats = maxChats;
  const availability = r.optObj(info.availability, pathOf(path, 'availability'));
  const chat = availability ? oneOf(r.optStr(availability, pathOf(path, 'availability'), 'chat'), AVAILABILITIES) : undefined;
  if (chat) out.availability = chat;
  const skillsPath = pathOf(path, 'skillsInfo');
  const skillsInfo = r.optObj(info.skillsInfo, skillsPath);
  if (skillsInfo) {
    for (const item of r.items(skillsInfo.skillInfo, pathOf(skillsPath, 'skillInfo'))) {
      const skill = r.obj(item.value, item.path);
      out.skills.push({ id: r.num(skill, item.path, 'id'), name: r.str(skill, item.path, 'name') } satisfies Skill);
    }
  }
  return out;
}

const CHAT_STATE_CODES: Record<string, ChatAvailability> = { '1': 'Offline', '2': 'Online', '3': 'Occupied', '4': 'Away' };

/** `GET {S}/availableAgents` -> agents with state (1 Offline, 2 Online, 3 Occupied, 4 Away) and skill ids. */
export function readAvailableAgents(json: unknown): AvailableAgent[] {
  const r = new Reader('available agents');
  const root = r.obj(r.obj(json, '').availableAgents, 'availableAgents');
  const agents = r.optObj(root.agents, 'availableAgents.agents');
  if (!agents) return [];
  return r.items(agents.agent, 'availableAgents.agents.agent').map(({ value, path }) => {
    const a = r.obj(value, path);
    const state = r.str(a, path, 'chatState', '@');
    const agent: AvailableAgent = {
      id: r.str(a, path, 'id', '@'),
      userName: r.str(a, path, 'userName'),
      chatState: CHAT_STATE_CODES[state.trim()] ?? oneOf(state, AVAILABILITIES) ?? 'Offline',
      skillIds: [],
    };
    const nickname = r.optStr(a, path, 'nickname');
    const maxChats = limit(r.optNum(a, path, 'maxChats'));
    const chats = r.optNum(a, path, 'chats');
    if (nickname !== undefined) agent.nickname = nickname;
    if (maxChats !== undefined) agent.maxChats = maxChats;
    if (chats !== undefined) agent.chats = chats;
    const skills = r.optObj(a.skills, pathOf(path, 'skills'));
    if (skills) {
      for (const item of r.items(skills.skill, pathOf(pathOf(path, 'skills'), 'skill'))) agent.skillIds.push(asNumber(item.value, item.path, r.resource));
    }
    return agent;
  });
}

/** `{availableSlots: 1}` -> the number of free slots; `undefined` when unlimited (`-1`). */
export function readAvailableSlots(json: unknown): number | undefined {
  const r = new Reader('available slots');
  return limit(r.num(r.obj(json, ''), '', 'availableSlots'));
}

/** `{incomingRequests:{ringingCount:"1", link:{@href, @rel:"accept-next-chat"}}}` -> count and accept URL. */
export function readIncomingRequests(json: unknown): IncomingRequests {
  const r = new Reader('incoming requests');
  return incomingRequests(r, r.obj(r.obj(json, '').incomingRequests, 'incomingRequests'), 'incomingRequests');
}

function incomingRequests(r: Reader, o: Obj, path: string): IncomingRequests {
  const out: IncomingRequests = { ringingCount: r.num(o, path, 'ringingCount') };
  const links = r.links(o.link, pathOf(path, 'link'));
  // The rel is `accept-next-chat` in JSON and `acceptNextChat` in 2017 XML; any link here is the accept URL.
  const acceptUrl = links['accept-next-chat'] ?? links.acceptNextChat ?? Object.values(links)[0];
  if (acceptUrl !== undefined) out.acceptUrl = acceptUrl;
  return out;
}

/** `GET {S}/chatSessions` (plain `href`/`rel`) -> the agent's open chats. */
export function readChatSessions(json: unknown): ChatSessionRef[] {
  const r = new Reader('chat sessions');
  const sessions = r.optObj(r.obj(json, '').chatSessions, 'chatSessions');
  if (!sessions) return [];
  return r.items(sessions.chatSession, 'chatSessions.chatSession').map(({ value, path }) => {
    const s = r.obj(value, path);
    const links = r.links(s.link, pathOf(path, 'link'));
    const chatUrl = links['chat-session'] ?? Object.values(links)[0] ?? r.fail(pathOf(path, 'link'), 'is missing');
    return { chatUrl, chatSessionKey: r.str(s, path, 'chatSessionKey'), startTime: r.num(s, path, 'startTime') };
  });
}

