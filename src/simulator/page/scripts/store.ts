/**
 * Browser code (ES module `/simulator/page/store.js`), shipped as a string: what the page knows of the
 * world, refreshed from the control API when the live feed says something changed.
 */
export const storeJs = String.raw`
import { api } from './api.js';

const VISITOR_CHAT_KEY = 'liveengage-simulator.visitorChat';

export function createStore() {
  const state = {
    agents: [],
    queues: [],
    chats: [],
    /** Full chat views (with events) of the chats on screen: the visitor's and the selected one. */
    details: new Map(),
    visitorChatId: sessionStorage.getItem(VISITOR_CHAT_KEY),
    selectedChatId: null,
    feed: 'connecting',
    /** While feed is 'lost': { delayMs, retries, at } of the next try. */
    retry: null,
    /** Chats seen held by a bot, to tell an escalation when a human has them later. */
    seenWithBot: new Set(),
    /** The workspace showed a bot's chat while the bot was on it. */
    monitoredBotChat: false,
    loaded: false,
  };
  const listeners = new Set();
  let pending = { all: false, agents: false, chats: false, queues: false, ids: new Set() };
  let timer = null;
  let running = false;

  const notify = () => { for (const fn of listeners) fn(state); };
  const watched = () => [state.visitorChatId, state.selectedChatId].filter(Boolean);

  function schedule(what) {
    if (what.all) pending.all = true;
    if (what.agents) pending.agents = true;
    if (what.chats) pending.chats = true;
    if (what.queues) pending.queues = true;
    for (const id of what.ids || []) pending.ids.add(id);
    if (!timer && !running) timer = setTimeout(flush, 30);
  }

  async function flush() {
    timer = null;
    running = true;
    const work = pending;
    pending = { all: false, agents: false, chats: false, queues: false, ids: new Set() };
    const ids = work.all ? watched() : [...work.ids].filter((id) => watched().includes(id));
    try {
      const [agents, queues, chats, details] = await Promise.all([
        work.all || work.agents ? api.agents() : null,
        work.all || work.queues ? api.queues() : null,
        work.all || work.chats ? api.chats() : null,
        Promise.all(ids.map((id) => api.chat(id).catch(() => null))),
      ]);
      if (agents) state.agents = agents;
      if (queues) state.queues = queues;
      if (chats) state.chats = chats;
      details.forEach((detail, i) => {
        if (detail) state.details.set(ids[i], detail);
        else state.details.delete(ids[i]);
      });
      for (const c of state.chats) if (c.agent && c.agent.kind === 'bot') state.seenWithBot.add(c.id);
      if (!state.selectedChatId) {
        // Show the newest open chat until the user picks one.
        const open = state.chats.filter((c) => c.state !== 'ended').sort((a, b) => b.startTime.localeCompare(a.startTime))[0];
        if (open) {
          state.selectedChatId = open.id;
          pending.ids.add(open.id);
        }
      }
      if (state.visitorChatId && ids.includes(state.visitorChatId) && !state.details.has(state.visitorChatId)) {
        // The chat is gone (e.g. the simulator restarted): back to the start form.
        state.visitorChatId = null;
        sessionStorage.removeItem(VISITOR_CHAT_KEY);
      }
      const selected = state.details.get(state.selectedChatId);
      if (selected && selected.agent && selected.agent.kind === 'bot' && selected.events.some((e) => e.source === 'agent')) state.monitoredBotChat = true;
      state.loaded = true;
      notify();
    } catch (error) {
      // No answer at all is the connection banner's to say; anything else is a bug worth a warning.
      if (!error.offline) console.warn('refresh failed:', error.message);
    } finally {
      running = false;
      if (pending.all || pending.agents || pending.chats || pending.queues || pending.ids.size) timer = setTimeout(flush, 30);
    }
  }

  return {
    state,
    subscribe(fn) { listeners.add(fn); },
    /** A change from the live feed. */
    changed(change) {
      if (change.kind === 'agent') schedule({ agents: true, queues: true });
      else schedule({ chats: true, queues: true, ids: [change.chatId] });
    },
    refreshAll() { schedule({ all: true }); },
    setFeed(status, retry) {
      state.feed = status;
      state.retry = retry || null;
      notify();
    },
    setVisitorChat(id) {
      state.visitorChatId = id;
      if (id) sessionStorage.setItem(VISITOR_CHAT_KEY, id);
      else sessionStorage.removeItem(VISITOR_CHAT_KEY);
      // The workspace follows the chat this page's visitor just started.
      if (id) state.selectedChatId = id;
      if (id) schedule({ chats: true, queues: true, ids: [id] });
      notify();
    },
    select(id) {
      state.selectedChatId = id;
      schedule({ ids: [id] });
      notify();
    },
    agentByNickname(nickname) { return state.agents.find((a) => a.nickname === nickname); },
  };
}
`;
