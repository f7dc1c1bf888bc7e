/**
 * The agent workspace: the agent list, the queues per skill, and every chat live (the selected one in
 * chatDetail.ts); waiting chats can be taken by a simulated human, who then answers and ends them.
 */
import type { ChatSummary } from '../../types.js';
import { mountChatDetail, stateWord } from './chatDetail.js';
import { api, controlError } from './api.js';
import { $, badge, h, replaceChildren, toast, waited } from './dom.js';
import type { PageState, Store } from './store.js';
import { takeControl } from './takeControl.js';

/** Ended chats listed before "Show all": the list grows with the page, it never scrolls inside itself. */
const ENDED_SHOWN = 5;

const newestFirst = (a: ChatSummary, b: ChatSummary): number => b.startTime.localeCompare(a.startTime);

export function mountWorkspace(store: Store): void {
  const agentsBody = $('agents-body');
  const queues = $('queues');
  const chatList = $('chat-list');
  const detail = mountChatDetail(store);
  const keys = { agents: '', queues: '', list: '' };
  let allEnded = false;

  // ------------------------------------------------------------ agents

  function renderAgents(state: PageState): void {
    const key = JSON.stringify(state.agents);
    if (key === keys.agents) return;
    keys.agents = key;
    replaceChildren(
      agentsBody,
      state.agents.map((a) => {
        const offline = a.availability === 'Offline';
        const toggle =
          a.kind === 'human'
            ? h('button', {
                class: 'btn btn-quiet btn-small',
                text: offline ? 'Set online' : 'Set offline',
                attrs: { type: 'button', 'data-focus-key': `status-${a.id}`, 'aria-label': `Set ${a.nickname}${offline ? ' online' : ' offline'}` },
                on: { click: () => void api.setHumanOnline(a.id, offline).catch((e: unknown) => toast(controlError(e).message)) },
              })
            : null;
        const chats = `${a.openChats} / ${a.maxChats < 0 ? '∞' : a.maxChats}`;
        return h(
          'tr',
          { attrs: { 'data-agent': a.loginName } },
          h(
            'th',
            { attrs: { scope: 'row' } },
            h('span', { class: 'agent-name' }, a.nickname, ' ', h('span', { class: `tag tag-${a.kind}`, text: a.kind === 'bot' ? 'Bot' : 'Human' })),
            h('span', { class: 'login', text: a.loginName }),
          ),
          // data-label: the column's name, shown in the cell where narrow screens stack the table.
          h(
            'td',
            { class: 'agent-skills', attrs: { 'data-label': 'Skills' } },
            h('ul', { class: 'chips' }, a.skills.map((s) => h('li', { class: /bot/i.test(s.name) ? 'chip chip-bot' : 'chip', text: s.name }))),
          ),
          h('td', { class: 'agent-state', attrs: { 'data-label': 'State' } }, badge(a.availability)),
          h(
            'td',
            { class: 'num agent-chats', attrs: { 'data-label': 'Chats' } },
            h('span', { text: chats, attrs: { title: 'chats in progress / most at once' } }),
            a.ringing ? h('span', { class: 'ringing', text: ` · ${a.ringing} ringing` }) : null,
          ),
          h('td', { class: 'actions' }, toggle),
        );
      }),
    );
  }

  // ------------------------------------------------------------ queues

  function renderQueues(state: PageState): void {
    const key = JSON.stringify([state.queues, state.agents.map((a) => [a.id, a.availability, a.openChats])]);
    if (key === keys.queues) return;
    keys.queues = key;
    replaceChildren(
      queues,
      state.queues.map((q) => {
        const n = q.waiting.length;
        const entries = q.waiting.map((w) =>
          h(
            'li',
            { class: 'waiting-entry', attrs: { 'data-chat': w.chatId } },
            h(
              'div',
              { class: 'waiting-info' },
              h('button', {
                class: 'link',
                text: w.visitorName,
                attrs: { type: 'button', 'aria-label': `Open the chat of ${w.visitorName}` },
                on: { click: () => store.select(w.chatId) },
              }),
              h(
                'span',
                { class: 'muted small' },
                'waiting ',
                h('span', { text: waited(w.since), attrs: { 'data-since': w.since } }),
                ` · ${w.ringing ? `ringing ${w.ringing.nickname}` : w.directedTo ? `for ${w.directedTo.nickname}` : 'in queue'}`,
              ),
            ),
            takeControl(store, w.chatId, q.skill.id, 'queue', () => detail.focusReplyOf(w.chatId)),
          ),
        );
        return h(
          'li',
          { class: 'queue', attrs: { 'data-skill': q.skill.name } },
          h('div', { class: 'queue-head' }, h('span', { class: 'skill-name', text: q.skill.name }), h('span', { class: n ? 'count count-busy' : 'count', text: n ? `${n} waiting` : 'empty' })),
          n ? h('ul', { class: 'waiting' }, entries) : null,
        );
      }),
    );
  }

  // ------------------------------------------------------------ chat list

  function renderList(state: PageState): void {
    const open = state.chats.filter((c) => c.state !== 'ended').sort(newestFirst);
    const allEndedChats = state.chats.filter((c) => c.state === 'ended').sort(newestFirst);
    const ended = allEnded ? allEndedChats : allEndedChats.slice(0, ENDED_SHOWN);
    const hiddenEnded = allEndedChats.length - ended.length;
    const key = JSON.stringify([open, ended, hiddenEnded, allEnded, state.selectedChatId]);
    if (key === keys.list) return;
    keys.list = key;
    const item = (c: ChatSummary): HTMLElement => {
      const selected = c.id === state.selectedChatId;
      const who = c.agent ? c.agent.nickname : c.queue?.ringing ? `ringing ${c.queue.ringing.nickname}` : 'no agent';
      return h(
        'li',
        null,
        h(
          'button',
          {
            class: `chat-item${selected ? ' selected' : ''}`,
            attrs: { type: 'button', 'aria-current': selected ? 'true' : false, 'data-focus-key': `chat-${c.id}`, 'data-chat': c.id },
            on: { click: () => store.select(c.id) },
          },
          h('span', { class: 'chat-item-top' }, h('span', { class: 'chat-item-name', text: c.visitorName }), badge(stateWord(c.state))),
          h('span', { class: 'chat-item-sub', text: `${store.isMessaging(c.id) ? 'Messaging · ' : ''}${c.skill.name} · ${who}` }),
        ),
      );
    };
    const children: HTMLElement[] = [];
    if (!open.length && !ended.length) children.push(h('li', { class: 'empty', text: 'No chats yet.' }));
    for (const c of open) children.push(item(c));
    if (ended.length) children.push(h('li', { class: 'list-label', text: 'Ended' }));
    for (const c of ended) children.push(item(c));
    if (hiddenEnded || (allEnded && allEndedChats.length > ENDED_SHOWN)) {
      const s = hiddenEnded === 1 ? '' : 's';
      const more = h('button', {
        class: 'link small',
        text: hiddenEnded ? `Show ${hiddenEnded} older ended chat${s}` : 'Show fewer ended chats',
        attrs: { type: 'button', 'aria-expanded': String(allEnded), 'data-focus-key': 'more-ended' },
        on: {
          click: () => {
            allEnded = !allEnded;
            renderList(store.state);
          },
        },
      });
      children.push(h('li', { class: 'list-more' }, more));
    }
    replaceChildren(chatList, children);
  }

  store.subscribe((state) => {
    renderAgents(state);
    renderQueues(state);
    renderList(state);
    detail.render(state);
  });
}
