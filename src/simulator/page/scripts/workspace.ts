/**
 * Browser code (ES module `/simulator/page/workspace.js`), shipped as a string: the agent workspace,
 * with the agent list, the queues per skill, and every chat live; waiting chats can be taken by a
 * simulated human, who then answers and ends them.
 */
export const workspaceJs = String.raw`
import { api } from './api.js';
import { $, badge, clockTime, h, replaceChildren, toast, waited } from './dom.js';
import { renderTranscript } from './transcript.js';

/** Ended chats listed before "Show all": the list grows with the page, it never scrolls inside itself. */
const ENDED_SHOWN = 5;

export function mountWorkspace(store) {
  const agentsBody = $('agents-body');
  const queues = $('queues');
  const chatList = $('chat-list');
  const detail = $('chat-detail');
  const keys = { agents: '', queues: '', list: '' };
  /** Set after a take: focus the reply box of that chat once it renders. */
  let focusReplyOf = null;
  let view = null;
  let allEnded = false;

  const humansFor = (skillId) => store.state.agents.filter((a) => a.kind === 'human' && a.skills.some((s) => s.id === skillId));

  async function take(chatId, agentId) {
    try {
      await api.humanTakes(chatId, agentId);
      focusReplyOf = chatId;
      store.select(chatId);
    } catch (error) {
      toast('Could not take the chat: ' + error.message);
    }
  }

  /** "Take as [Alice]" for a waiting chat on a skill humans have; null when only bots serve it. */
  function takeControl(chatId, skillId, where) {
    const humans = humansFor(skillId);
    if (!humans.length) return null;
    const selectId = where + '-take-' + chatId;
    const select = h('select', { attrs: { id: selectId, 'data-keep-value': selectId, 'data-focus-key': selectId } },
      humans.map((a) => {
        const full = a.openChats >= a.maxChats && a.maxChats > 0;
        const off = a.availability === 'Offline';
        return h('option', { text: a.nickname + (off ? ' (offline)' : full ? ' (no free slot)' : ''), attrs: { value: a.id, disabled: off || full } });
      }));
    const firstFree = humans.find((a) => a.availability !== 'Offline' && !(a.openChats >= a.maxChats && a.maxChats > 0));
    if (firstFree) select.value = firstFree.id;
    const button = h('button', { class: 'btn btn-primary btn-small', text: 'Take', attrs: { type: 'button', 'data-focus-key': selectId + '-btn', disabled: !firstFree },
      on: { click: () => take(chatId, select.value) } });
    return h('div', { class: 'take' }, h('label', { class: 'take-label', text: 'Take as', attrs: { for: selectId } }), select, button);
  }

  // ------------------------------------------------------------ agents

  function renderAgents(state) {
    const key = JSON.stringify(state.agents);
    if (key === keys.agents) return;
    keys.agents = key;
    replaceChildren(agentsBody, state.agents.map((a) => {
      const toggle = a.kind === 'human'
        ? h('button', { class: 'btn btn-quiet btn-small', text: a.availability === 'Offline' ? 'Set online' : 'Set offline',
            attrs: { type: 'button', 'data-focus-key': 'status-' + a.id, 'aria-label': (a.availability === 'Offline' ? 'Set ' : 'Set ') + a.nickname + (a.availability === 'Offline' ? ' online' : ' offline') },
            on: { click: () => api.setHumanOnline(a.id, a.availability === 'Offline').catch((e) => toast(e.message)) } })
        : null;
      const chats = a.openChats + ' / ' + (a.maxChats < 0 ? '∞' : a.maxChats);
      return h('tr', { attrs: { 'data-agent': a.loginName } },
        h('th', { attrs: { scope: 'row' } },
          h('span', { class: 'agent-name' }, a.nickname, ' ', h('span', { class: 'tag tag-' + a.kind, text: a.kind === 'bot' ? 'Bot' : 'Human' })),
          h('span', { class: 'login', text: a.loginName })),
        // data-label: the column's name, shown in the cell where narrow screens stack the table.
        h('td', { class: 'agent-skills', attrs: { 'data-label': 'Skills' } }, h('ul', { class: 'chips' }, a.skills.map((s) => h('li', { class: /bot/i.test(s.name) ? 'chip chip-bot' : 'chip', text: s.name })))),
        h('td', { class: 'agent-state', attrs: { 'data-label': 'State' } }, badge(a.availability)),
        h('td', { class: 'num agent-chats', attrs: { 'data-label': 'Chats' } }, h('span', { text: chats, attrs: { title: 'chats in progress / most at once' } }), a.ringing ? h('span', { class: 'ringing', text: ' · ' + a.ringing + ' ringing' }) : null),
        h('td', { class: 'actions' }, toggle));
    }));
  }

  // ------------------------------------------------------------ queues

  function renderQueues(state) {
    const key = JSON.stringify([state.queues, state.agents.map((a) => [a.id, a.availability, a.openChats])]);
    if (key === keys.queues) return;
    keys.queues = key;
    replaceChildren(queues, state.queues.map((q) => {
      const n = q.waiting.length;
      return h('li', { class: 'queue', attrs: { 'data-skill': q.skill.name } },
        h('div', { class: 'queue-head' },
          h('span', { class: 'skill-name', text: q.skill.name }),
          h('span', { class: n ? 'count count-busy' : 'count', text: n ? n + ' waiting' : 'empty' })),
        n ? h('ul', { class: 'waiting' }, q.waiting.map((w) => h('li', { class: 'waiting-entry', attrs: { 'data-chat': w.chatId } },
          h('div', { class: 'waiting-info' },
            h('button', { class: 'link', text: w.visitorName, attrs: { type: 'button', 'aria-label': 'Open the chat of ' + w.visitorName }, on: { click: () => store.select(w.chatId) } }),
            h('span', { class: 'muted small' }, 'waiting ', h('span', { text: waited(w.since), attrs: { 'data-since': w.since } }),
              ' · ' + (w.ringing ? 'ringing ' + w.ringing.nickname : w.directedTo ? 'for ' + w.directedTo.nickname : 'in queue'))),
          takeControl(w.chatId, q.skill.id, 'queue')))) : null);
    }));
  }

  // ------------------------------------------------------------ chat list

  function renderList(state) {
    const open = state.chats.filter((c) => c.state !== 'ended').sort((a, b) => b.startTime.localeCompare(a.startTime));
    const allEndedChats = state.chats.filter((c) => c.state === 'ended').sort((a, b) => b.startTime.localeCompare(a.startTime));
    const ended = allEnded ? allEndedChats : allEndedChats.slice(0, ENDED_SHOWN);
    const hiddenEnded = allEndedChats.length - ended.length;
    const key = JSON.stringify([open, ended, hiddenEnded, allEnded, state.selectedChatId]);
    if (key === keys.list) return;
    keys.list = key;
    const item = (c) => h('li', null, h('button', {
      class: 'chat-item' + (c.id === state.selectedChatId ? ' selected' : ''),
      attrs: { type: 'button', 'aria-current': c.id === state.selectedChatId ? 'true' : false, 'data-focus-key': 'chat-' + c.id, 'data-chat': c.id },
      on: { click: () => store.select(c.id) },
    },
      h('span', { class: 'chat-item-top' }, h('span', { class: 'chat-item-name', text: c.visitorName }), badge(c.state === 'chatting' ? 'Chatting' : c.state === 'waiting' ? 'Waiting' : 'Ended')),
      h('span', { class: 'chat-item-sub', text: c.skill.name + ' · ' + (c.agent ? c.agent.nickname : c.queue && c.queue.ringing ? 'ringing ' + c.queue.ringing.nickname : 'no agent') })));
    const children = [];
    if (!open.length && !ended.length) children.push(h('li', { class: 'empty', text: 'No chats yet.' }));
    for (const c of open) children.push(item(c));
    if (ended.length) children.push(h('li', { class: 'list-label', text: 'Ended' }));
    for (const c of ended) children.push(item(c));
    if (hiddenEnded || allEnded && allEndedChats.length > ENDED_SHOWN) {
      const more = h('button', { class: 'link small', text: hiddenEnded ? 'Show ' + hiddenEnded + ' older ended chat' + (hiddenEnded === 1 ? '' : 's') : 'Show fewer ended chats',
        attrs: { type: 'button', 'aria-expanded': String(allEnded), 'data-focus-key': 'more-ended' },
        on: { click: () => { allEnded = !allEnded; renderList(store.state); } } });
      children.push(h('li', { class: 'list-more' }, more));
    }
    replaceChildren(chatList, children);
  }

  // ------------------------------------------------------------ chat detail

  function buildView(chatId) {
    const title = h('h4', { class: 'detail-title' });
    const facts = h('p', { class: 'detail-facts muted small' });
    const state = h('span');
    const transcript = h('ol', { class: 'transcript', attrs: { role: 'log', 'aria-live': 'polite', tabindex: '0', id: 'agent-transcript' } });
    const typing = h('p', { class: 'typing', attrs: { 'aria-live': 'polite' } });
    const actions = h('div', { class: 'detail-actions' });
    detail.replaceChildren(h('div', { class: 'detail-head' }, h('div', null, title, facts), state), transcript, typing, actions);
    return { chatId, title, facts, state, transcript, typing, actions, mode: '' };
  }

  function replyForm(chat) {
    const inputId = 'reply-' + chat.id;
    const input = h('input', { attrs: { id: inputId, autocomplete: 'off', maxlength: '2000', placeholder: 'Answer ' + chat.visitorName + '…' } });
    const form = h('form', { class: 'composer' },
      h('label', { class: 'visually-hidden', text: 'Reply as ' + chat.agent.nickname, attrs: { for: inputId } }),
      input,
      h('button', { class: 'btn btn-primary', text: 'Send', attrs: { type: 'submit' } }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      input.value = '';
      try {
        await api.humanSays(chat.id, text);
      } catch (error) {
        input.value = text;
        toast('Not sent: ' + error.message);
      }
    });
    const end = h('button', { class: 'btn btn-danger', text: 'End chat', attrs: { type: 'button' },
      on: { click: () => api.humanEnds(chat.id).catch((e) => toast(e.message)) } });
    return h('div', { class: 'human-actions' }, h('p', { class: 'as-human' }, 'You are ', h('strong', { text: chat.agent.nickname }), ' (human agent) in this chat.'), form, end);
  }

  function renderDetail(state) {
    const id = state.selectedChatId;
    const chat = id ? state.details.get(id) : null;
    if (!id) {
      if (view) { view = null; detail.replaceChildren(h('p', { class: 'placeholder', text: 'Start a chat as a visitor: it shows up here, live, with its skill, agent and transcript.' })); }
      return;
    }
    if (!chat) return;
    if (!view || view.chatId !== id) view = buildView(id);
    const agent = chat.agent;
    view.title.textContent = chat.visitorName;
    view.transcript.setAttribute('aria-label', 'Transcript of the chat with ' + chat.visitorName);
    view.facts.replaceChildren(
      'Skill ' + chat.skill.name + ' · ' + (agent ? (agent.kind === 'bot' ? 'bot ' : 'human ') + agent.nickname : 'no agent') + ' · started ' + clockTime(chat.startTime),
      h('span', { class: 'chat-id', text: chat.id, attrs: { title: 'Chat id (chatSessionKey)' } }));
    view.state.replaceChildren(badge(chat.state === 'chatting' ? 'Chatting' : chat.state === 'waiting' ? 'Waiting' : 'Ended'));
    renderTranscript(view.transcript, chat, 'agent', store.agentByNickname);
    view.typing.textContent = chat.state !== 'ended' && chat.visitorTyping ? chat.visitorName + ' is typing…' : '';

    // Actions change only with the chat's situation, so a half-typed reply survives live updates.
    const humans = chat.state === 'waiting' ? humansFor(chat.skill.id).map((a) => [a.id, a.availability, a.openChats]) : [];
    const mode = JSON.stringify([chat.state, agent && agent.id, humans]);
    if (mode !== view.mode) {
      view.mode = mode;
      let children;
      if (chat.state === 'ended') children = [h('p', { class: 'muted', text: 'This chat has ended.' })];
      else if (chat.state === 'waiting') {
        const control = takeControl(chat.id, chat.skill.id, 'detail');
        children = [h('div', { class: 'waiting-actions' }, h('p', { text: 'Waiting in the ' + chat.skill.name + ' queue.' }), control || h('p', { class: 'muted small', text: 'A bot with this skill will take it.' }))];
      } else if (agent && agent.kind === 'human') children = [replyForm(chat)];
      else children = [h('p', { class: 'monitor' }, h('span', { class: 'live-dot', attrs: { 'aria-hidden': 'true' } }), (agent ? agent.nickname : 'The bot') + ' is handling this chat. You are monitoring it in real time.')];
      replaceChildren(view.actions, children);
    }
    if (focusReplyOf === id && agent && agent.kind === 'human') {
      focusReplyOf = null;
      const input = document.getElementById('reply-' + id);
      if (input) input.focus();
    }
  }

  store.subscribe((state) => {
    renderAgents(state);
    renderQueues(state);
    renderList(state);
    renderDetail(state);
  });
}
`;
