/**
 * Readers of a chat's answers (the chat resource, the multi-chat read, event pages and lines, chat
 * info, typing, transfer skills, participant info), on the toolkit of `responseReader.ts`.
 */
import { oneOf, pathOf, Reader, ResponseFormatError, type Obj } from './responseReader.js';
import type { ChatEvent, ChatInfo, ChatResource, ChatState, EventPage, LineEvent, LineSource, LineSubType, ParticipantInfo, TextType, TransferSkill, TypingStatus } from './types.js';

const CHAT_STATES = ['waiting', 'chatting', 'ended'] as const satisfies readonly ChatState[];
const TEXT_TYPES = ['plain', 'html', 'rich-content'] as const satisfies readonly TextType[];
const SOURCES = ['visitor', 'agent', 'system'] as const satisfies readonly LineSource[];
const SUB_TYPES = ['REGULAR', 'ONLY_TO_REP'] as const satisfies readonly LineSubType[];
const TYPING = ['typing', 'not-typing'] as const;

/** The `from` query parameter of a URL, if any. */
export function fromParam(url: string | undefined): number | undefined {
  if (!url) return undefined;
  const match = /[?&]from=(\d+)(?:&|#|$)/.exec(url);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

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
    if (!(error instanceof ResponseFormatError)) throw error;
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
