/**
 * Browser code (ES module `/simulator/page/visitor.js`), shipped as a string: the visitor's side, a
 * chat window on a skill, as the engagement on a website would open it.
 */
export const visitorJs = String.raw`
import { api, connection } from './api.js';
import { $, h, replaceChildren, toast } from './dom.js';
import { renderTranscript, resetTranscript } from './transcript.js';

export function mountVisitor(store) {
  const startForm = $('start-form');
  const nameInput = $('visitor-name');
  const skillSelect = $('skill-select');
  const chatBox = $('visitor-chat');
  const list = $('visitor-transcript');
  const typing = $('visitor-typing');
  const status = $('visitor-status');
  const meta = $('visitor-meta');
  const endButton = $('visitor-end');
  const newButton = $('visitor-new');
  const form = $('visitor-form');
  const input = $('visitor-input');
  const sendButton = form.querySelector('button');
  let skillsKey = '';
  let typingSent = false;

  const chatId = () => store.state.visitorChatId;

  startForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = startForm.querySelector('button');
    button.disabled = true;
    try {
      const { chatId: id } = await api.startChat(skillSelect.value, nameInput.value.trim() || 'Visitor');
      store.setVisitorChat(id);
      input.focus();
    } catch (error) {
      toast('Could not start the chat: ' + error.message);
    } finally {
      button.disabled = false;
    }
  });

  async function say(text, restore) {
    typingSent = false;
    try {
      await api.visitorSays(chatId(), text);
    } catch (error) {
      if (restore) input.value = text;
      toast('Not sent: ' + error.message);
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || !chatId()) return;
    input.value = '';
    say(text, true);
  });
  const quick = $('quick-replies');
  quick.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-text]');
    if (button && chatId()) say(button.getAttribute('data-text'), false);
  });

  // Quick buttons only where the embedding app names them (the simulator's visitorSuggestions: the
  // sample bot's questions); a bare simulator knows no bot, so it offers none.
  let settingsLoaded = false;
  function showSuggestions(settings) {
    const texts = Array.isArray(settings.visitorSuggestions) ? settings.visitorSuggestions.filter((t) => typeof t === 'string' && t) : [];
    replaceChildren(quick, texts.map((text) => h('li', null, h('button', { text, attrs: { type: 'button', 'data-text': text } }))));
    quick.hidden = !texts.length;
    input.placeholder = texts.length ? 'Type a message, e.g. ' + texts[0] : 'Type a message';
    settingsLoaded = true;
    quick.setAttribute('data-loaded', 'true');
  }
  const loadSettings = () => api.pageSettings().then(showSuggestions).catch(() => undefined);
  connection.onChange((reachable) => { if (reachable && !settingsLoaded) loadSettings(); });
  loadSettings();

  // The agent sees "visitor is typing" while there is text in the box.
  const setTyping = (want) => {
    if (want === typingSent || !chatId()) return;
    typingSent = want;
    api.visitorTyping(chatId(), want).catch(() => {});
  };
  input.addEventListener('input', () => setTyping(input.value.trim() !== ''));
  input.addEventListener('blur', () => setTyping(false));

  endButton.addEventListener('click', async () => {
    try {
      await api.visitorEnds(chatId());
    } catch (error) {
      toast('Could not end the chat: ' + error.message);
    }
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
      const preferred = skills.find((s) => /bot/i.test(s.name)) || skills[0];
      skillSelect.value = current && skills.some((s) => s.name === current) ? current : preferred ? preferred.name : '';
    }

    const id = state.visitorChatId;
    const chat = id ? state.details.get(id) : null;
    startForm.hidden = Boolean(id);
    chatBox.hidden = !id;
    if (!id) {
      resetTranscript(list);
      return;
    }
    if (!chat) return;
    renderTranscript(list, chat, 'visitor', store.agentByNickname);
    const ended = chat.state === 'ended';
    status.className = 'chat-status status-' + chat.state;
    status.textContent = ended ? 'Chat ended' : chat.state === 'waiting' ? 'Waiting for an agent…' : 'Chatting with ' + (chat.agent ? chat.agent.nickname : 'an agent');
    meta.textContent = 'Skill ' + chat.skill.name + ' · you are ' + chat.visitorName;
    const agentTyping = !ended && chat.agentTyping && chat.agent;
    typing.replaceChildren(...(agentTyping ? [chat.agent.nickname + ' is typing', h('span', { class: 'dots', attrs: { 'aria-hidden': 'true' } }, h('span'), h('span'), h('span'))] : []));
    input.disabled = ended;
    sendButton.disabled = ended;
    for (const button of quick.querySelectorAll('button')) button.disabled = ended;
    endButton.hidden = ended;
    newButton.hidden = !ended;
  });
}
`;
