/** The visitor's side: a chat window on a skill, as the engagement on a website would open it. */
import type { PageSettings } from '../../controlApi.js';
import { api, connection, controlError } from './api.js';
import { $, h, replaceChildren, toast } from './dom.js';
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
  let skillsKey = '';
  let typingSent = false;

  const chatId = (): string | null => store.state.visitorChatId;

  startForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = startForm.querySelector('button')!;
    button.disabled = true;
    api
      .startChat(skillSelect.value, nameInput.value.trim() || 'Visitor')
      .then(({ chatId: id }) => {
        store.setVisitorChat(id);
        input.focus();
      })
      .catch((error: unknown) => toast(`Could not start the chat: ${controlError(error).message}`))
      .finally(() => {
        button.disabled = false;
      });
  });

  async function say(text: string, restore: boolean): Promise<void> {
    typingSent = false;
    const id = chatId();
    if (!id) return;
    try {
      await api.visitorSays(id, text);
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
    api.visitorTyping(id, want).catch(() => undefined);
  };
  input.addEventListener('input', () => setTyping(input.value.trim() !== ''));
  input.addEventListener('blur', () => setTyping(false));

  endButton.addEventListener('click', () => {
    const id = chatId();
    if (!id) return;
    api.visitorEnds(id).catch((error: unknown) => toast(`Could not end the chat: ${controlError(error).message}`));
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
    status.className = `chat-status status-${chat.state}`;
    status.textContent = ended ? 'Chat ended' : chat.state === 'waiting' ? 'Waiting for an agent…' : `Chatting with ${chat.agent ? chat.agent.nickname : 'an agent'}`;
    meta.textContent = `Skill ${chat.skill.name} · you are ${chat.visitorName}`;
    const agentTyping = !ended && chat.agentTyping && chat.agent;
    typing.replaceChildren(
      ...(agentTyping
        ? [`${agentTyping.nickname} is typing`, h('span', { class: 'dots', attrs: { 'aria-hidden': 'true' } }, h('span'), h('span'), h('span'))]
        : []),
    );
    input.disabled = ended;
    sendButton.disabled = ended;
    for (const button of quick.querySelectorAll('button')) button.disabled = ended;
    endButton.hidden = ended;
    newButton.hidden = !ended;
  });
}
