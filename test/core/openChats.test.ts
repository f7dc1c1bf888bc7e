import assert from 'node:assert/strict';
import type { ChatResource } from '../../src/api/types.js';
import type { AgentSession } from '../../src/core/agentSession.js';
import { OpenChats } from '../../src/core/openChats.js';
import { ChatStore } from '../../src/core/chatStore.js';
import { MemoryStore, type CoreActivity } from '../../src/core/protocol.js';
import { ChatReporter } from '../../src/core/chatReporter.js';
import { memoryLogger } from '../support/harness.js';

const chatId = 'chat-1';
const resource = (): ChatResource => ({
  chatUrl: 'http://127.0.0.1/chat/chat-1',
  links: {},
  info: { chatSessionKey: chatId, state: 'chatting', visitorName: 'Vi' },
  events: [{ id: 0, type: 'line', source: 'visitor', text: 'hello', by: 'Vi', time: '', textType: 'plain' }],
  nextFrom: 1,
} as unknown as ChatResource);

describe('OpenChats', () => {
  // The availability check's reconcile (resume) and the accept loop run apart: resume awaits the chat
  // lookups while the accept loop takes the same chat. One chat, one turn queue, each line once.
  it('a chat the accept loop took while resume() was looking it up is adopted once', async () => {
    let releaseGetChat!: () => void;
    const gotChat = new Promise<void>((resolve) => { releaseGetChat = resolve; });
    const session = {
      agentSessionUrl: 'http://127.0.0.1/s',
      serviceUrl: 'http://127.0.0.1',
      agent: { id: '1', agentName: 'Bot' },
      client: {
        getChatSessions: async () => [{ chatSessionKey: chatId, chatUrl: resource().chatUrl }],
        getChat: async () => { await gotChat; return resource(); },
      },
    } as unknown as AgentSession;
    const turns: string[] = [];
    const chats = new OpenChats({
      session: () => session,
      store: new ChatStore(new MemoryStore(), 'k'),
      report: new ChatReporter('bot'),
      log: memoryLogger(),
      variantFor: () => undefined,
      turn: (_chat, activity: CoreActivity) => { turns.push(String(activity.type)); },
      changed: () => {},
    });
    const resuming = chats.resume();
    await new Promise((resolve) => setImmediate(resolve));
    chats.accepted(resource().chatUrl, resource());
    releaseGetChat();
    await resuming;
    assert.deepEqual(turns, ['conversationUpdate', 'message']);
    assert.equal(chats.all().length, 1);
  });

  // What a restart needs to tell the in-flight turn's reply from an earlier turn's late line.
  it('saveProgress before a turn stores the bot\'s last line and the lines it still owes', async () => {
    const storage = new MemoryStore();
    const store = new ChatStore(storage, 'k/');
    const chats = new OpenChats({
      session: () => ({ agentSessionUrl: 'http://127.0.0.1/s', serviceUrl: 'http://127.0.0.1', agent: { id: '1', agentName: 'Bot' } }) as unknown as AgentSession,
      store,
      report: new ChatReporter('bot'),
      log: memoryLogger(),
      variantFor: () => undefined,
      turn: () => {},
      changed: () => {},
    });
    chats.accepted(resource().chatUrl, resource());
    const chat = chats.all()[0]!;
    chat.sentLines.push({ id: 10, text: 'late reply' });
    chat.linesQueued = 2;
    await chats.saveProgress(chat, 8);
    const saved = (await store.load([chatId])).get(chatId)!;
    assert.deepEqual([saved.inFlight, saved.repliesAfter, saved.linesOwed], [8, 10, 2]);
  });
});
