/**
 * The selected chat in the workspace: its facts and transcript, live, and what can be done with it
 * (take it as a human while it waits; answer and end it as that human; else watch the bot).
 */
import type { ChatState, ChatView } from '../../types.js';
import { controlError } from './api.js';
import { $, badge, clockTime, h, replaceChildren, toast } from './dom.js';
import type { PageState, Store } from './store.js';
import { humansFor, takeControl } from './takeControl.js';
import { renderTranscript } from './transcript.js';

/** A chat's state as its badge says it. */
export const stateWord = (state: ChatState): string => (state === 'chatting' ? 'Chatting' : state === 'waiting' ? 'Waiting' : 'Ended');

const PLACEHOLDER = 'Start a chat as a visitor: it shows up here, live, with its skill, agent and transcript.';

interface View {
  chatId: string;
  title: HTMLElement;
  facts: HTMLElement;
  state: HTMLElement;
  transcript: HTMLElement;
  typing: HTMLElement;
  actions: HTMLElement;
  /** The chat's situation the actions were drawn for. */
  mode: string;
}

export function mountChatDetail(store: Store): { render(state: PageState): void; focusReplyOf(chatId: string): void } {
  const detail = $('chat-detail');
  let view: View | null = null;
  /** Set after a take: focus the reply box of that chat once it renders. */
  let focusReplyOf: string | null = null;

  function buildView(chatId: string): View {
    const title = h('h4', { class: 'detail-title' });
    const facts = h('p', { class: 'detail-facts muted small' });
    const state = h('span');
    const transcript = h('ol', { class: 'transcript', attrs: { role: 'log', 'aria-live': 'polite', tabindex: '0', id: 'agent-transcript' } });
    const typing = h('p', { class: 'typing', attrs: { 'aria-live': 'polite' } });
    const actions = h('div', { class: 'detail-actions' });
    detail.replaceChildren(h('div', { class: 'detail-head' }, h('div', null, title, facts), state), transcript, typing, actions);
    return { chatId, title, facts, state, transcript, typing, actions, mode: '' };
  }

  function replyForm(chat: ChatView, nickname: string): HTMLElement {
    const inputId = `reply-${chat.id}`;
    const input = h('input', { attrs: { id: inputId, autocomplete: 'off', maxlength: '2000', placeholder: `Answer ${chat.visitorName}…` } });
    const form = h(
      'form',
      { class: 'composer' },
      h('label', { class: 'visually-hidden', text: `Reply as ${nickname}`, attrs: { for: inputId } }),
      input,
      h('button', { class: 'btn btn-primary', text: 'Send', attrs: { type: 'submit' } }),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      input.value = '';
      store.act.humanSays(chat.id, text).catch((error: unknown) => {
        input.value = text;
        toast(`Not sent: ${controlError(error).message}`);
      });
    });
    const end = h('button', {
      class: 'btn btn-danger',
      text: 'End chat',
      attrs: { type: 'button' },
      on: { click: () => void store.act.humanEnds(chat.id).catch((e: unknown) => toast(controlError(e).message)) },
    });
    return h('div', { class: 'human-actions' }, h('p', { class: 'as-human' }, 'You are ', h('strong', { text: nickname }), ' (human agent) in this chat.'), form, end);
  }

  function actions(chat: ChatView): HTMLElement[] {
    const agent = chat.agent;
    if (chat.state === 'ended') return [h('p', { class: 'muted', text: 'This chat has ended.' })];
    if (chat.state === 'waiting') {
      const control = takeControl(store, chat.id, chat.skill.id, 'detail', () => (focusReplyOf = chat.id));
      return [
        h(
          'div',
          { class: 'waiting-actions' },
          h('p', { text: `Waiting in the ${chat.skill.name} queue.` }),
          control ?? h('p', { class: 'muted small', text: 'A bot with this skill will take it.' }),
        ),
      ];
    }
    if (agent && agent.kind === 'human') return [replyForm(chat, agent.nickname)];
    return [
      h(
        'p',
        { class: 'monitor' },
        h('span', { class: 'live-dot', attrs: { 'aria-hidden': 'true' } }),
        `${agent ? agent.nickname : 'The bot'} is handling this chat. You are monitoring it in real time.`,
      ),
    ];
  }

  function render(state: PageState): void {
    const id = state.selectedChatId;
    const chat = id ? state.details.get(id) : undefined;
    if (!id) {
      if (view) {
        view = null;
        detail.replaceChildren(h('p', { class: 'placeholder', text: PLACEHOLDER }));
      }
      return;
    }
    if (!chat) return;
    if (!view || view.chatId !== id) view = buildView(id);
    const agent = chat.agent;
    const who = agent ? `${agent.kind === 'bot' ? 'bot ' : 'human '}${agent.nickname}` : 'no agent';
    view.title.textContent = chat.visitorName;
    view.transcript.setAttribute('aria-label', `Transcript of the chat with ${chat.visitorName}`);
    view.facts.replaceChildren(
      `${store.isMessaging(chat.id) ? 'Messaging · s' : 'S'}kill ${chat.skill.name} · ${who} · started ${clockTime(chat.startTime)}`,
      h('span', { class: 'chat-id', text: chat.id, attrs: { title: store.isMessaging(chat.id) ? 'Conversation id' : 'Chat id (chatSessionKey)' } }),
    );
    view.state.replaceChildren(badge(stateWord(chat.state)));
    renderTranscript(view.transcript, chat, 'agent', store.agentByNickname);
    view.typing.textContent = chat.state !== 'ended' && chat.visitorTyping ? `${chat.visitorName} is typing…` : '';

    // Actions change only with the chat's situation, so a half-typed reply survives live updates.
    const humans = chat.state === 'waiting' ? humansFor(store, chat.skill.id).map((a) => [a.id, a.availability, a.openChats]) : [];
    const mode = JSON.stringify([chat.state, agent && agent.id, humans]);
    if (mode !== view.mode) {
      view.mode = mode;
      replaceChildren(view.actions, actions(chat));
    }
    if (focusReplyOf === id && agent && agent.kind === 'human') {
      focusReplyOf = null;
      document.getElementById(`reply-${id}`)?.focus();
    }
  }

  return {
    render,
    focusReplyOf: (chatId) => {
      focusReplyOf = chatId;
    },
  };
}
