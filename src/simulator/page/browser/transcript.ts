/**
 * A chat's events as a transcript, for the visitor (no agent-only lines) or for agents (everything,
 * agent-only marked). Rendering only appends, so the list's aria-live region announces just the new lines.
 */
import type { AgentView, ChatEventView, ChatState, ChatView } from '../../types.js';
import { clockTime, h } from './dom.js';
import type { PageEventView } from './messaging.js';

export type Audience = 'agent' | 'visitor';
/** The agent of a line's `by` (a nickname), if the page knows it. */
export type AgentLookup = (nickname: string | undefined) => AgentView | undefined;

const STATE_MARKERS: Record<Audience, Partial<Record<ChatState, string>>> = {
  agent: { waiting: 'Waiting in the queue', ended: 'Chat ended' },
  visitor: { ended: 'Chat ended' },
};

/** Text of a line: html lines are parsed (never run) and shown as text. */
function lineText(event: ChatEventView): string {
  if (event.textType === 'html') {
    const doc = new DOMParser().parseFromString(event.text || '', 'text/html');
    return doc.body.textContent || '';
  }
  if (event.textType === 'rich-content') return event.text || '[rich content]';
  return event.text || '';
}

function renderEvent(event: ChatEventView, chat: ChatView, audience: Audience, lookup: AgentLookup): HTMLLIElement | null {
  if (event.type === 'state') {
    // Every chat opens waiting; only a later wait (a transfer, a re-queue) is news.
    if (event.state === 'waiting' && event.id === 0) return null;
    const text = event.state ? STATE_MARKERS[audience][event.state] : undefined;
    return text ? h('li', { class: `marker marker-${event.state}` }, h('span', { text })) : null;
  }
  const time = h('time', { text: clockTime(event.time), attrs: { datetime: event.time } });
  if (event.source === 'system') {
    return h('li', { class: 'line system' }, h('p', { class: 'system-text', text: lineText(event) }), time);
  }
  const agentsOnly = event.subType === 'ONLY_TO_REP';
  if (agentsOnly && audience === 'visitor') return null;
  let who: string;
  let cls: string;
  let tag: HTMLSpanElement | null = null;
  if (event.source === 'visitor') {
    who = audience === 'visitor' ? 'You' : event.by || chat.visitorName;
    cls = audience === 'visitor' ? 'mine' : 'theirs visitor';
  } else {
    const agent = lookup(event.by);
    const kind = agent ? agent.kind : 'bot';
    who = event.by || 'Agent';
    cls = `${audience === 'visitor' ? 'theirs' : 'mine'} ${kind}`;
    tag = h('span', { class: `tag tag-${kind}`, text: kind === 'human' ? 'Human' : 'Bot' });
  }
  if (agentsOnly) cls += ' agents-only';
  return h(
    'li',
    { class: `line ${cls}` },
    h('span', { class: 'who' }, who, tag, agentsOnly ? h('span', { class: 'tag tag-private', text: 'Agents only' }) : null),
    h('p', { class: 'bubble', text: lineText(event) }),
    quickReplies(event, audience),
    time,
  );
}

/**
 * A Messaging message's quick replies: buttons for the visitor (a click sends the reply's text, see
 * visitor.ts), their titles for agents.
 */
function quickReplies(event: PageEventView, audience: Audience): HTMLElement | null {
  const replies = event.quickReplies;
  if (!replies || !replies.length) return null;
  if (audience === 'agent') return h('p', { class: 'offered muted small', text: `Quick replies: ${replies.map((r) => r.title).join(' · ')}` });
  return h(
    'ul',
    { class: 'quick offered', attrs: { 'aria-label': 'Quick replies' } },
    replies.map((r) => h('li', null, h('button', { text: r.title, attrs: { type: 'button', 'data-reply': r.text || r.title } }))),
  );
}

/** Brings list (an <ol role="log">) up to date with chat.events, appending only what is new. */
export function renderTranscript(list: HTMLElement, chat: ChatView, audience: Audience, lookup: AgentLookup): void {
  if (list.dataset.chatId !== chat.id) {
    list.replaceChildren();
    list.dataset.chatId = chat.id;
    list.dataset.count = '0';
  }
  const from = Number(list.dataset.count || '0');
  if (from >= chat.events.length) return;
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
  for (const event of chat.events.slice(from)) {
    const item = renderEvent(event, chat, audience, lookup);
    if (item) list.append(item);
  }
  list.dataset.count = String(chat.events.length);
  if (nearBottom || from === 0) list.scrollTop = list.scrollHeight;
}

export function resetTranscript(list: HTMLElement): void {
  list.replaceChildren();
  delete list.dataset.chatId;
  list.dataset.count = '0';
}
