/**
 * Reads LiveEngage's XML-rendered JSON (see `wire.ts`) into the clean models of `types.ts`.
 *
 * Lenient where the docs are loose: `@`-keys and plain keys both, one item as an object or an array,
 * numbers as strings, `null` for empty elements, unknown event types kept as `OtherEvent`, optional
 * fields missing. Strict where a wrong guess would hurt: a missing or unreadable required field throws
 * a `DialectError` naming the resource and the path (`events.event[2]['@id']`). Error messages never
 * quote values (a value could be a token). Pure functions; text is returned as sent.
 */
import { isBareHost } from './scheme.js';
import type {
  AgentInfo,
  AgentSessionResources,
  AvailableAgent,
  ChatAvailability,
  ChatEvent,
  ChatInfo,
  ChatResource,
  ChatSessionRef,
  ChatState,
  EventPage,
  IncomingRequests,
  LineEvent,
  LineSource,
  LineSubType,
  Links,
  LoginSession,
  ParticipantInfo,
  Skill,
  TextType,
  TransferSkill,
  TypingStatus,
} from './types.js';

/** The server sent something the reader cannot make sense of. */
export class DialectError extends Error {
  constructor(
    /** Which resource was being read, e.g. `events`. */
    readonly resource: string,
    /** Where in the body, e.g. `events.event[2]['@id']`. */
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${resource}: ${path || 'body'} ${problem}`);
  }
}
Object.defineProperty(DialectError.prototype, 'name', { value: 'DialectError', writable: true, configurable: true });

type Obj = Record<string, unknown>;
type OneOrMany<T> = T | readonly T[];

// ---------------------------------------------------------------- generic helpers

/** One item, several items, `null` or nothing -> an array. */
export function asArray<T>(value: OneOrMany<T> | null | undefined): T[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}

const NUMERIC = /^\s*-?\d+(?:\.\d+)?\s*$/;

/** A number, or a string holding one (`"0"`, `"-1"`), -> number; anything else throws a `DialectError`. */
export function asNumber(value: unknown, path = 'value', resource = 'value'): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  throw new DialectError(resource, path, value === undefined || value === null ? 'is missing' : 'is not a number');
}

/** `parent.key` or `parent['@key']`. */
export function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}['${key}']`;
}

/** Reading context: names the resource in every error. */
class Reader {
  constructor(readonly resource: string) {}

  fail(path: string, problem: string): never {
    throw new DialectError(this.resource, path, problem);
  }

  obj(value: unknown, path: string): Obj {
    if (value === null || value === undefined) this.fail(path, 'is missing');
    if (typeof value !== 'object' || Array.isArray(value)) this.fail(path, 'is not an object');
    return value as Obj;
  }

  /** An object that may be absent or `null` (an empty XML element). */
  optObj(value: unknown, path: string): Obj | undefined {
    if (value === null || value === undefined || value === '') return undefined;
    return this.obj(value, path);
  }

  /** The member under `key`, trying `@key` and `key` (attribute vs element rendering). */
  attr(o: Obj, name: string): { key: string; value: unknown } {
    const at = `@${name}`;
    if (o[at] !== undefined) return { key: at, value: o[at] };
    return { key: name, value: o[name] };
  }

  /** The first of `@name`/`name` present, named in errors as `preferred`. */
  member(o: Obj, path: string, name: string, prefer: '@' | '' = ''): { path: string; value: unknown } {
    const found = this.attr(o, name);
    const key = found.value === undefined ? `${prefer}${name}` : found.key;
    return { path: pathOf(path, key), value: found.value };
  }

  str(o: Obj, path: string, name: string, prefer: '@' | '' = ''): string {
    const m = this.member(o, path, name, prefer);
    if (typeof m.value === 'string') return m.value;
    if (typeof m.value === 'number') return String(m.value);
    return this.fail(m.path, m.value === undefined || m.value === null ? 'is missing' : 'is not a string');
  }

  optStr(o: Obj, path: string, name: string): string | undefined {
    const m = this.member(o, path, name);
    if (m.value === undefined || m.value === null) return undefined;
    if (typeof m.value === 'string') return m.value;
    if (typeof m.value === 'number') return String(m.value);
    return this.fail(m.path, 'is not a string');
  }

  num(o: Obj, path: string, name: string, prefer: '@' | '' = ''): number {
    const m = this.member(o, path, name, prefer);
    return asNumber(m.value, m.path, this.resource);
  }

  optNum(o: Obj, path: string, name: string): number | undefined {
    const m = this.member(o, path, name);
    if (m.value === undefined || m.value === null || m.value === '') return undefined;
    return asNumber(m.value, m.path, this.resource);
  }

  /** Numeric ids kept as strings (`agentId`, `visitorId`): digits either way. */
  optId(o: Obj, path: string, name: string): string | undefined {
    const m = this.member(o, path, name);
    if (m.value === undefined || m.value === null || m.value === '') return undefined;
    if (typeof m.value === 'number' || typeof m.value === 'string') return String(m.value);
    return this.fail(m.path, 'is not an id');
  }

  /** `link` (one or many, `@href`/`@rel` or `href`/`rel`) -> `rel` -> `href`; the first of a rel wins. */
  links(value: unknown, path: string): Links {
    const links: Links = {};
    const items = asArray(value as OneOrMany<unknown> | null | undefined);
    items.forEach((item, i) => {
      const at = Array.isArray(value) ? pathOf(path, i) : path;
      const link = this.obj(item, at);
      const rel = this.str(link, at, 'rel', '@');
      const href = this.str(link, at, 'href', '@');
      if (!(rel in links)) links[rel] = href;
    });
    return links;
  }

  items(value: unknown, path: string): { value: unknown; path: string }[] {
    if (Array.isArray(value)) return value.map((v, i) => ({ value: v, path: pathOf(path, i) }));
    if (value === null || value === undefined || value === '') return [];
    return [{ value, path }];
  }
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

const AVAILABILITIES = ['Online', 'Away', 'Occupied', 'Offline'] as const satisfies readonly ChatAvailability[];
const CHAT_STATES = ['waiting', 'chatting', 'ended'] as const satisfies readonly ChatState[];
const TEXT_TYPES = ['plain', 'html', 'rich-content'] as const satisfies readonly TextType[];
const SOURCES = ['visitor', 'agent', 'system'] as const satisfies readonly LineSource[];
const SUB_TYPES = ['REGULAR', 'ONLY_TO_REP'] as const satisfies readonly LineSubType[];
const TYPING = ['typing', 'not-typing'] as const;

/** `-1` (unlimited) -> `undefined`. */
function limit(n: number | undefined): number | undefined {
  return n === undefined || n < 0 ? undefined : n;
}

/** The `from` query parameter of a URL, if any. */
export function fromParam(url: string | undefined): number | undefined {
  if (!url) return undefined;
  const match = /[?&]from=(\d+)(?:&|#|$)/.exec(url);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

// ---------------------------------------------------------------- Domain API and login

/**
 * The host of `service` (`agentVep`) from a Domain API answer, in either documented shape:
 * `{service, account, baseURI}` or `{baseURIs: [{service, account, baseURI}, ...]}`. The host is
 * checked to be a bare `host[:port]`.
 */
export function readDomainResponse(json: unknown, service = 'agentVep'): string {
  const r = new Reader('domain response');
  const root = r.obj(json, '');
  if (root.baseURIs !== undefined) {
    for (const item of r.items(root.baseURIs, 'baseURIs')) {
      const entry = r.obj(item.value, item.path);
      if (r.optStr(entry, item.path, 'service') === service) return bareHost(r, entry, item.path);
    }
    return r.fail('baseURIs', `has no entry for service ${service}`);
  }
  const named = r.optStr(root, '', 'service');
  if (named !== undefined && named !== service) r.fail('service', `is not ${service}`);
  return bareHost(r, root, '');
}

function bareHost(r: Reader, o: Obj, path: string): string {
  const host = r.str(o, path, 'baseURI').trim();
  if (!isBareHost(host)) r.fail(pathOf(path, 'baseURI'), 'is not a bare host[:port]');
  return host;
}

/**
 * A login answer -> `LoginSession` (without the `Session_id` cookie, which comes in a header).
 * `csdsCollectionResponse.baseURIs` entries whose host is not a bare `host[:port]` are left out; an
 * unusable `agentVep` entry throws, since that is the host the agent session goes to.
 */
export function readLoginResponse(json: unknown): LoginSession {
  const r = new Reader('login response');
  const root = r.obj(json, '');
  const session: LoginSession = {
    bearer: r.str(root, '', 'bearer'),
    csrf: r.str(root, '', 'csrf'),
    baseUris: {},
  };
  const ttl = r.optNum(root, '', 'sessionTTl');
  if (ttl !== undefined) session.sessionTtlMs = ttl;
  const config = r.optObj(root.config, 'config');
  if (config) {
    const userId = r.optId(config, 'config', 'userId');
    const loginName = r.optStr(config, 'config', 'loginName');
    if (userId !== undefined) session.userId = userId;
    if (loginName !== undefined) session.loginName = loginName;
  }
  const csds = r.optObj(root.csdsCollectionResponse, 'csdsCollectionResponse');
  if (csds) {
    for (const item of r.items(csds.baseURIs, 'csdsCollectionResponse.baseURIs')) {
      const entry = r.obj(item.value, item.path);
      const service = r.optStr(entry, item.path, 'service');
      const host = r.optStr(entry, item.path, 'baseURI')?.trim();
      if (!service || !host || service in session.baseUris) continue;
      if (isBareHost(host)) session.baseUris[service] = host;
      else if (service === 'agentVep') r.fail(pathOf(item.path, 'baseURI'), 'is not a bare host[:port]');
    }
  }
  return session;
}

/** The Login Service error envelope `{error:{time,message,internalCode,responseStatus}}`, if that is what it is. */
export function readErrorEnvelope(json: unknown): { message: string; internalCode?: number; time?: string; responseStatus?: string } | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const error = (json as Obj).error;
  if (!error || typeof error !== 'object') return undefined;
  const e = error as Obj;
  if (typeof e.message !== 'string') return undefined;
  const out: { message: string; internalCode?: number; time?: string; responseStatus?: string } = { message: e.message };
  if (typeof e.internalCode === 'number' || (typeof e.internalCode === 'string' && NUMERIC.test(e.internalCode))) out.internalCode = Number(e.internalCode);
  if (typeof e.time === 'string') out.time = e.time;
  if (typeof e.responseStatus === 'string') out.responseStatus = e.responseStatus;
  return out;
}

// ---------------------------------------------------------------- agent session

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

// ---------------------------------------------------------------- chat

/** `GET {C}` -> links, events (with the `next` cursor) and info. */
export function readChatResource(json: unknown, requestUrl?: string): ChatResource {
  const r = new Reader('chat');
  const chat = r.obj(r.obj(json, '').chat, 'chat');
  return chatResource(r, chat, 'chat', '@', requestUrl);
}

/** `GET {S}/chat?chatSessionKeys=..&fromEventIds=..` (plain `href`/`rel`/`id`/`type`) -> one resource per chat. */
export function readMultipleChats(json: unknown): ChatResource[] {
  const r = new Reader('chats');
  const chats = r.optObj(r.obj(json, '').chats, 'chats');
  if (!chats) return [];
  return r.items(chats.chat, 'chats.chat').map(({ value, path }) => chatResource(r, r.obj(value, path), path, ''));
}

function chatResource(r: Reader, chat: Obj, path: string, prefer: '@' | '', requestUrl?: string): ChatResource {
  const links = r.links(chat.link, pathOf(path, 'link'));
  const page = eventPage(r, r.obj(chat.events, pathOf(path, 'events')), pathOf(path, 'events'), prefer);
  const info = chatInfo(r, r.obj(chat.info, pathOf(path, 'info')), pathOf(path, 'info'));
  const chatUrl = links.self ?? (requestUrl ? requestUrl.replace(/[?#].*$/, '') : undefined) ?? r.fail(pathOf(path, 'link'), 'has no self link');
  return { chatUrl, links, info, ...page };
}

/** `GET {C}/events` (or a `next` link) -> the new events and the next cursor. */
export function readEvents(json: unknown): EventPage {
  const r = new Reader('events');
  return eventPage(r, r.obj(r.obj(json, '').events, 'events'), 'events', '@');
}

function eventPage(r: Reader, events: Obj, path: string, prefer: '@' | ''): EventPage {
  const links = r.links(events.link, pathOf(path, 'link'));
  const page: EventPage = {
    events: r.items(events.event, pathOf(path, 'event')).map((item) => readEvent(r, item.value, item.path, prefer)),
  };
  if (links.next !== undefined) {
    page.nextUrl = links.next;
    const from = fromParam(links.next);
    if (from !== undefined) page.nextFrom = from;
  }
  return page;
}

function readEvent(r: Reader, value: unknown, path: string, prefer: '@' | ''): ChatEvent {
  const e = r.obj(value, path);
  // Structure (id, type) is required: without an id the cursor cannot move past the event.
  const id = r.num(e, path, 'id', prefer);
  const type = r.str(e, path, 'type', prefer);
  const time = r.optStr(e, path, 'time') ?? '';
  // Content that cannot be read makes the event an OtherEvent (kept raw, never a turn) rather than
  // failing the whole page, which would stop the chat from being polled past it.
  try {
    if (type === 'line') return readLine(r, e, path, id, time);
    if (type === 'state') {
      const state = r.str(e, path, 'state');
      const known = oneOf(state, CHAT_STATES) ?? r.fail(pathOf(path, 'state'), `is not one of ${CHAT_STATES.join(', ')}`);
      return { id, time, type: 'state', state: known };
    }
  } catch (error) {
    if (!(error instanceof DialectError)) throw error;
    return { id, time, type: 'other', rawType: type, raw: { ...e }, problem: error.message };
  }
  // `url`, `resource`, `a2a-transfer`, ...: kept as sent, never a turn.
  return { id, time, type: 'other', rawType: type, raw: { ...e } };
}

function readLine(r: Reader, e: Obj, path: string, id: number, time: string): LineEvent {
  const source = oneOf(r.str(e, path, 'source'), SOURCES) ?? r.fail(pathOf(path, 'source'), `is not one of ${SOURCES.join(', ')}`);
  const line: LineEvent = {
    id,
    time,
    type: 'line',
    // An empty <text/> renders as null.
    text: r.optStr(e, path, 'text') ?? '',
    textType: oneOf(r.optStr(e, path, 'textType'), TEXT_TYPES) ?? 'plain',
    source,
    subType: oneOf(r.optStr(e, path, 'subType'), SUB_TYPES) ?? 'REGULAR',
  };
  const by = r.optStr(e, path, 'by');
  const systemMessageId = r.optNum(e, path, 'systemMessageId');
  if (by !== undefined) line.by = by;
  if (systemMessageId !== undefined) line.systemMessageId = systemMessageId;
  if (e.json !== undefined && e.json !== null) line.json = e.json;
  return line;
}

/** `GET {C}/info` -> chat information. */
export function readChatInfo(json: unknown): ChatInfo {
  const r = new Reader('chat info');
  return chatInfo(r, r.obj(r.obj(json, '').info, 'info'), 'info');
}

function chatInfo(r: Reader, info: Obj, path: string): ChatInfo {
  const statePath = pathOf(path, 'state');
  const out: ChatInfo = {
    state: oneOf(r.str(info, path, 'state'), CHAT_STATES) ?? r.fail(statePath, `is not one of ${CHAT_STATES.join(', ')}`),
    chatSessionKey: r.str(info, path, 'chatSessionKey'),
    visitorName: r.optStr(info, path, 'visitorName') ?? 'visitor',
    links: r.links(info.link, pathOf(path, 'link')),
    raw: { ...info },
  };
  const strings = ['agentName', 'startTime', 'lastUpdate', 'participantId', 'language', 'skillName'] as const;
  for (const key of strings) {
    const v = r.optStr(info, path, key);
    if (v !== undefined) out[key] = v;
  }
  const ids = ['agentId', 'visitorId', 'rtSessionId', 'engagementId', 'campaignId'] as const;
  for (const key of ids) {
    const v = r.optId(info, path, key);
    if (v !== undefined) out[key] = v;
  }
  const chatTimeout = r.optNum(info, path, 'chatTimeout');
  const skillId = r.optNum(info, path, 'skillId');
  if (chatTimeout !== undefined) out.chatTimeout = chatTimeout;
  if (skillId !== undefined) out.skillId = skillId;
  const agentTyping = oneOf(r.optStr(info, path, 'agentTyping'), TYPING);
  const visitorTyping = oneOf(r.optStr(info, path, 'visitorTyping'), TYPING);
  if (agentTyping) out.agentTyping = agentTyping;
  if (visitorTyping) out.visitorTyping = visitorTyping;
  return out;
}

/** `{visitorName:"Ann"}` (or the bare string) -> the visitor's name; `visitor` when empty. */
export function readVisitorName(json: unknown): string {
  if (typeof json === 'string') return json || 'visitor';
  const r = new Reader('visitor name');
  return r.optStr(r.obj(json, ''), '', 'visitorName') || 'visitor';
}

/** `{agentTyping:"typing"}` or `{visitorTyping:"not-typing"}` -> the typing status. */
export function readTyping(json: unknown): TypingStatus {
  const r = new Reader('typing');
  const root = r.obj(json, '');
  const key = root.visitorTyping !== undefined ? 'visitorTyping' : 'agentTyping';
  const value = r.str(root, '', key);
  return value === 'typing' || value === 'not-typing' ? value : 'unknown';
}

/** `GET {C}/transfer` -> skills with at least one online agent; `transfer: null` -> none. */
export function readTransferSkills(json: unknown): TransferSkill[] {
  const r = new Reader('transfer skills');
  const transfer = r.optObj(r.obj(json, '').transfer, 'transfer');
  if (!transfer) return [];
  return r.items(transfer.skill, 'transfer.skill').map(({ value, path }) => {
    const s = r.obj(value, path);
    return { id: r.num(s, path, 'id', ''), name: r.str(s, path, 'name'), onlineAgents: r.optNum(s, path, 'onlineAgents') ?? 0 };
  });
}

/** `GET {S}/participantExtendedInfo/{id}` -> the authenticated visitor's data, as sent. */
export function readParticipantInfo(json: unknown): ParticipantInfo {
  const r = new Reader('participant info');
  const root = r.obj(json, '');
  const authenticated = r.optObj(root.authenticatedParticipantInfo, 'authenticatedParticipantInfo') ?? {};
  const out: ParticipantInfo = { authenticated: authenticated.isUserAuthenticated === true || authenticated.isUserAuthenticated === 'true', info: { ...authenticated } };
  const participantId = r.optStr(authenticated, 'authenticatedParticipantInfo', 'participantId');
  if (participantId !== undefined) out.participantId = participantId;
  const personal = r.optObj(root.authenticatedPersonalInfo, 'authenticatedPersonalInfo');
  if (personal) out.personal = { ...personal };
  return out;
}
