/** The visitor's side: a chat window on a skill, as the engagement on a website would open it. */
import type { PageSettings } from '../../controlApi.js';
import { api, connection, controlError } from './api.js';
import { $, h, replaceChildren, toast } from './dom.js';
import { messagingApi } from './messaging.js';
import type { Store } from './store.js';
import { renderTranscript, resetTranscript } from './transcript.js';

export function mountVisitor(store: Store): void {
  const startForm = $<HTMLFormElement>('start-form');
  const nameInput = $<HTMLInputElement>('visitor-name');
  const skillSelect = $<HTMLSelectElement>('skill-select');
  const chatBox = $('visitor-chat');
  const list = $('visitor-transcript');
  const typing = $('visitor-typing');
  const status = $('visitor-status');
  const meta = $('visitor-meta');
  const endButton = $<HTMLButtonElement>('visitor-end');
  const newButton = $<HTMLButtonElement>('visitor-new');
  const form = $<HTMLFormElement>('visitor-form');
  const input = $<HTMLInputElement>('visitor-input');
  const sendButton = form.querySelector('button')!;
  const quick = $('quick-replies');
  const channelChoice = $<HTMLFieldSetElement>('channel-choice');
  const startButton = startForm.querySelector('button')!;
  /** Messaging chosen, and offered (the simulator runs its Messaging side). */
  const messagingChosen = (): boolean => !channelChoice.hidden && startForm.querySelector<HTMLInputElement>('input[name="channel"]:checked')?.value === 'messaging';
  const showChoice = (): void => {
    startButton.textContent = messagingChosen() ? 'Start conversation' : 'Start chat';
  };
  channelChoice.addEventListener('change', showChoice);
  let skillsKey = '';
  let typingSent = false;

  const chatId = (): string | null => store.state.visitorChatId;

  startForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = startButton;
    button.disabled = true;
    const name = nameInput.value.trim() || 'Visitor';
    const messaging = messagingChosen();
    (messaging ? messagingApi.start(skillSelect.value, name).then((c) => c.conversationId) : api.startChat(skillSelect.value, name).then((c) => c.chatId))
      .then((id) => {
        store.setVisitorChat(id, messaging);
        input.focus();
      })
      .catch((error: unknown) => toast(`Could not start the chat: ${controlError(error).message}`))
      .finally(() => {
        button.disabled = false;
      });
  });

  async function say(text: string, restore: boolean): Promise<void> {
    const wasTyping = typingSent;
    typingSent = false;
    const id = chatId();
    if (!id) return;
    try {
      await store.act.visitorSays(id, text);
      // A chat's line ends the visitor's typing; a Messaging message does not: say so (ACTIVE).
      if (wasTyping && store.isMessaging(id)) store.act.visitorTyping(id, false).catch(() => undefined);
    } catch (error) {
      if (restore) input.value = text;
      toast(`Not sent: ${controlError(error).message}`);
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || !chatId()) return;
    input.value = '';
    void say(text, true);
  });
  // A Messaging message's quick replies (transcript.ts): a click sends the reply's text.
  list.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-reply]') : null;
    if (button && chatId()) void say(button.getAttribute('data-reply') ?? '', false);
  });
  quick.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-text]') : null;
    if (button && chatId()) void say(button.getAttribute('data-text') ?? '', false);
  });

  // Quick buttons only where the embedding app names them (the simulator's visitorSuggestions: the
  // sample bot's questions); a bare simulator knows no bot, so it offers none.
  let settingsLoaded = false;
  function showSuggestions(settings: PageSettings): void {
    // Checked, though the simulator checks them too: the page may outlive a simulator of another version.
    const given: unknown[] = Array.isArray(settings.visitorSuggestions) ? [...(settings.visitorSuggestions as unknown[])] : [];
    const texts = given.filter((t): t is string => typeof t === 'string' && t !== '');
    replaceChildren(
      quick,
      texts.map((text) => h('li', null, h('button', { text, attrs: { type: 'button', 'data-text': text } }))),
    );
    quick.hidden = !texts.length;
    input.placeholder = texts.length ? `Type a message, e.g. ${texts[0]}` : 'Type a message';
    settingsLoaded = true;
    quick.setAttribute('data-loaded', 'true');
    // Chat or Messaging, only when the simulator runs its Messaging side (then Messaging is the default:
    // a bot started for Messaging listens there only).
    channelChoice.hidden = settings.messaging !== true;
    store.setMessaging(settings.messaging === true);
    showChoice();
  }
  const loadSettings = (): Promise<void> => api.pageSettings().then(showSuggestions).catch(() => undefined);
  connection.onChange((reachable) => {
    if (reachable && !settingsLoaded) void loadSettings();
  });
  void loadSettings();

  // The agent sees "visitor is typing" while there is text in the box.
  const setTyping = (want: boolean): void => {
    const id = chatId();
    if (want === typingSent || !id) return;
    typingSent = want;
    store.act.visitorTyping(id, want).catch(() => undefined);
  };
  input.addEventListener('input', () => setTyping(input.value.trim() !== ''));
  input.addEventListener('blur', () => setTyping(false));

  endButton.addEventListener('click', () => {
    const id = chatId();
    if (!id) return;
    store.act.visitorEnds(id).catch((error: unknown) => toast(`Could not end the chat: ${controlError(error).message}`));
  });
  newButton.addEventListener('click', () => {
    store.setVisitorChat(null);
    nameInput.focus();
  });

  store.subscribe((state) => {
    const skills = state.queues.map((q) => q.skill);
    const key = JSON.stringify(skills);
    if (key !== skillsKey) {
      skillsKey = key;
      const current = skillSelect.value;
      skillSelect.replaceChildren(...skills.map((s) => h('option', { text: s.name, attrs: { value: s.name } })));
      const preferred = skills.find((s) => /bot/i.test(s.name)) ?? skills[0];
      skillSelect.value = current && skills.some((s) => s.name === current) ? current : preferred ? preferred.name : '';
    }

    const id = state.visitorChatId;
    const chat = id ? state.details.get(id) : undefined;
    startForm.hidden = Boolean(id);
    chatBox.hidden = !id;
    if (!id) {
      resetTranscript(list);
      return;
    }
    if (!chat) return;
    renderTranscript(list, chat, 'visitor', store.agentByNickname);
    const ended = chat.state === 'ended';
    const messaging = store.isMessaging(chat.id);
    status.className = `chat-status status-${chat.state}`;
    status.textContent = ended
      ? messaging ? 'Conversation closed' : 'Chat ended'
      : chat.state === 'waiting'
        ? messaging && chat.eventCount === 0 ? 'Say hello: Messaging routes the conversation on your first message.' : 'Waiting for an agent…'
        : `Chatting with ${chat.agent ? chat.agent.nickname : 'an agent'}`;
    meta.textContent = `${messaging ? 'Messaging · s' : 'S'}kill ${chat.skill.name} · you are ${chat.visitorName}`;
    endButton.textContent = messaging ? 'Close conversation' : 'End chat';
    newButton.textContent = messaging ? 'New conversation' : 'New chat';
    const agentTyping = !ended && chat.agentTyping && chat.agent;
    typing.replaceChildren(
      ...(agentTyping
        ? [`${agentTyping.nickname} is typing`, h('span', { class: 'dots', attrs: { 'aria-hidden': 'true' } }, h('span'), h('span'), h('span'))]
        : []),
    );
    input.disabled = ended;
    sendButton.disabled = ended;
    for (const button of quick.querySelectorAll('button')) button.disabled = ended;
    // Quick replies stand only under the conversation's last message: a click or any later message removes them.
    for (const offered of list.querySelectorAll<HTMLElement>('ul.offered')) offered.hidden = ended || offered.closest('li') !== list.lastElementChild;
    endButton.hidden = ended;
    newButton.hidden = !ended;
  });
}
