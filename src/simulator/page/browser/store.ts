/** What the page knows of the world, refreshed from the control API when the live feed says something changed. */
import type { PageChange } from '../../controlApi.js';
import type { AgentView, ChatSummary, ChatView, QueueView } from '../../types.js';
import { api, controlError } from './api.js';
import type { FeedStatus, Retry } from './feed.js';
import { conversationAsChat, conversationAsChatView, messagingApi, withMessagingBots, withMessagingQueues } from './messaging.js';

const VISITOR_CHAT_KEY = 'liveengage-simulator.visitorChat';
/** 'messaging' when the visitor's conversation is a Messaging one. */
const VISITOR_CHANNEL_KEY = 'liveengage-simulator.visitorChannel';

export interface PageState {
  agents: AgentView[];
  queues: QueueView[];
  /** Chats and, with the Messaging side on, its conversations drawn as chats (`messagingIds` tells them apart). */
  chats: ChatSummary[];
  /** The simulator runs its Messaging side (the page's settings say so). */
  messaging: boolean;
  /** Ids of the Messaging conversations among `chats` and `details`. */
  messagingIds: Set<string>;
  /** Full chat views (with events) of the chats on screen: the visitor's and the selected one. */
  details: Map<string, ChatView>;
  visitorChatId: string | null;
  selectedChatId: string | null;
  feed: FeedStatus;
  /** While feed is 'lost': when the next try goes. */
  retry: Retry | null;
  /** Chats seen held by a bot, to tell an escalation when a human has them later. */
  seenWithBot: Set<string>;
  /** The workspace showed a bot's chat while the bot was on it. */
  monitoredBotChat: boolean;
  loaded: boolean;
}

/** What to refresh: everything, or some lists and some chats' details. */
interface Wanted {
  all?: boolean;
  agents?: boolean;
  chats?: boolean;
  queues?: boolean;
  ids?: readonly string[];
}

export type Store = ReturnType<typeof createStore>;

export function createStore() {
  const state: PageState = {
    agents: [],
    queues: [],
    chats: [],
    messaging: false,
    messagingIds: new Set(sessionStorage.getItem(VISITOR_CHANNEL_KEY) === 'messaging' && sessionStorage.getItem(VISITOR_CHAT_KEY) ? [sessionStorage.getItem(VISITOR_CHAT_KEY)!] : []),
    details: new Map(),
    visitorChatId: sessionStorage.getItem(VISITOR_CHAT_KEY),
    selectedChatId: null,
    feed: 'connecting',
    retry: null,
    seenWithBot: new Set(),
    monitoredBotChat: false,
    loaded: false,
  };
  const listeners = new Set<(state: PageState) => void>();
  const nothing = () => ({ all: false, agents: false, chats: false, queues: false, ids: new Set<string>() });
  let pending = nothing();
  let timer: number | undefined;
  let running = false;
  /** The last lists fetched of each side, merged into `state.chats`. */
  let liveChats: ChatSummary[] = [];
  let liveQueues: QueueView[] = [];
  let conversations: Awaited<ReturnType<typeof messagingApi.conversations>> = [];
  const isMessaging = (id: string): boolean => state.messagingIds.has(id);
  const detailOf = (id: string): Promise<ChatView | null> =>
    (isMessaging(id) ? messagingApi.conversation(id).then((c) => conversationAsChatView(c, state.queues.map((q) => q.skill))) : api.chat(id)).catch(() => null);

  const notify = (): void => {
    for (const fn of listeners) fn(state);
  };
  const watched = (): string[] => [state.visitorChatId, state.selectedChatId].filter((id): id is string => Boolean(id));

  function schedule(what: Wanted): void {
    if (what.all) pending.all = true;
    if (what.agents) pending.agents = true;
    if (what.chats) pending.chats = true;
    if (what.queues) pending.queues = true;
    for (const id of what.ids ?? []) pending.ids.add(id);
    if (timer === undefined && !running) timer = window.setTimeout(() => void flush(), 30);
  }

  async function flush(): Promise<void> {
    timer = undefined;
    running = true;
    const work = pending;
    pending = nothing();
    const ids = work.all ? watched() : [...work.ids].filter((id) => watched().includes(id));
    try {
      const [agents, bots, queues, chats, msgs, details] = await Promise.all([
        work.all || work.agents ? api.agents() : null,
        state.messaging && (work.all || work.agents) ? messagingApi.botStates() : null,
        work.all || work.queues ? api.queues() : null,
        work.all || work.chats ? api.chats() : null,
        state.messaging && (work.all || work.chats) ? messagingApi.conversations() : null,
        Promise.all(ids.map(detailOf)),
      ]);
      if (agents) state.agents = bots ? withMessagingBots(agents, bots) : agents;
      if (queues) liveQueues = queues;
      if (chats) liveChats = chats;
      if (msgs) {
        conversations = msgs;
        for (const c of msgs) state.messagingIds.add(c.id);
      }
      if (queues || msgs) state.queues = withMessagingQueues(liveQueues, conversations);
      if (chats || msgs) state.chats = [...liveChats, ...conversations.map((c) => conversationAsChat(c, state.queues.map((q) => q.skill)))];
      details.forEach((detail, i) => {
        const id = ids[i]!;
        if (detail) state.details.set(id, detail);
        else state.details.delete(id);
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
      const selected = state.selectedChatId ? state.details.get(state.selectedChatId) : undefined;
      if (selected && selected.agent && selected.agent.kind === 'bot' && selected.events.some((e) => e.source === 'agent')) state.monitoredBotChat = true;
      state.loaded = true;
      notify();
    } catch (thrown) {
      // No answer at all is the connection banner's to say; anything else is a bug worth a warning.
      const error = controlError(thrown);
      if (!error.offline) console.warn('refresh failed:', error.message);
    } finally {
      running = false;
      if (pending.all || pending.agents || pending.chats || pending.queues || pending.ids.size) timer = window.setTimeout(() => void flush(), 30);
    }
  }

  return {
    state,
    subscribe(fn: (state: PageState) => void): void {
      listeners.add(fn);
    },
    /** A change from the live feed. */
    changed(change: PageChange): void {
      if (change.kind === 'agent') schedule({ agents: true, queues: true });
      else if (change.kind === 'messaging') schedule({ agents: true, chats: true, ids: watched().filter(isMessaging) });
      else schedule({ chats: true, queues: true, ids: [change.chatId] });
    },
    /** The page's settings said the Messaging side runs: its conversations are fetched too from now on. */
    setMessaging(on: boolean): void {
      if (state.messaging === on) return;
      state.messaging = on;
      schedule({ agents: true, chats: true });
    },
    isMessaging,
    /** What the visitor and a human agent do, through the chat's side: the Chat control API or Messaging's. */
    act: {
      visitorSays: (id: string, text: string): Promise<unknown> => (isMessaging(id) ? messagingApi.consumerSays(id, text) : api.visitorSays(id, text)),
      visitorTyping: (id: string, typing: boolean): Promise<unknown> => (isMessaging(id) ? messagingApi.consumerTyping(id, typing) : api.visitorTyping(id, typing)),
      visitorEnds: (id: string): Promise<unknown> => (isMessaging(id) ? messagingApi.consumerCloses(id) : api.visitorEnds(id)),
      humanTakes: (id: string, agentId?: string): Promise<unknown> => (isMessaging(id) ? messagingApi.humanTakes(id, agentId) : api.humanTakes(id, agentId)),
      humanSays: (id: string, text: string): Promise<unknown> => (isMessaging(id) ? messagingApi.humanSays(id, text) : api.humanSays(id, text)),
      humanEnds: (id: string): Promise<unknown> => (isMessaging(id) ? messagingApi.humanCloses(id) : api.humanEnds(id)),
    },
    refreshAll(): void {
      schedule({ all: true });
    },
    setFeed(status: FeedStatus, retry?: Retry): void {
      state.feed = status;
      state.retry = retry ?? null;
      notify();
    },
    /** The visitor's chat, or (`messaging`) Messaging conversation; null for the start form. */
    setVisitorChat(id: string | null, messaging = false): void {
      state.visitorChatId = id;
      if (id && messaging) state.messagingIds.add(id);
      if (id) sessionStorage.setItem(VISITOR_CHAT_KEY, id);
      else sessionStorage.removeItem(VISITOR_CHAT_KEY);
      if (id && messaging) sessionStorage.setItem(VISITOR_CHANNEL_KEY, 'messaging');
      else sessionStorage.removeItem(VISITOR_CHANNEL_KEY);
      // The workspace follows the chat this page's visitor just started.
      if (id) state.selectedChatId = id;
      if (id) schedule({ chats: true, queues: true, ids: [id] });
      notify();
    },
    select(id: string): void {
      state.selectedChatId = id;
      schedule({ ids: [id] });
      notify();
    },
    /** An arrow, so the transcript can take it as it is. */
    agentByNickname: (nickname: string | undefined): AgentView | undefined => state.agents.find((a) => a.nickname === nickname),
  };
}
