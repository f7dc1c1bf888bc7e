import assert from 'node:assert/strict';
import { readAvailableAgents, readChatSessions } from '../../src/api/agentSessionResponses.js';
import { readMultipleChats } from '../../src/api/chatResponses.js';

/**
 * The three lists LiveEngage's examples print as one-item arrays (chat sessions, the multi-chat read,
 * available agents) may also come collapsed to an object (the XML rendering rule, and what the
 * simulator sent before): the readers take every form and give the same answer.
 */

const session = (key: string) => ({
  link: { href: `https://h/api/account/1/agentSession/2/chat/${key}`, rel: 'chat-session' },
  chatSessionKey: key,
  startTime: 1440934609097,
});

const chat = (key: string, eventIds: number[]) => {
  const events = eventIds.map((id) => ({ id, type: 'state', time: 't', state: 'chatting' }));
  return {
    link: [{ href: `https://h/api/account/1/agentSession/2/chat/${key}`, rel: 'self' }],
    events: {
      link: [{ href: `https://h/chat/${key}/events?from=${(eventIds.at(-1) ?? -1) + 1}`, rel: 'next' }],
      ...(events.length === 0 ? {} : { event: events.length === 1 ? events[0] : events }),
    },
    info: { state: 'chatting', chatSessionKey: key },
  };
};

const agent = (id: string, skills: string | string[] | null) => ({
  '@chatState': '2',
  '@id': id,
  '@maxChats': '-1',
  userName: `user${id}`,
  skills: skills === null ? null : { skill: skills },
});

describe('api/response readers: one item as an object or a one-item array, several, none', () => {
  const sessionCases: [string, unknown, string[]][] = [
    ['one as a one-item array (documented)', { chatSessions: { chatSession: [session('A')] } }, ['A']],
    ['one collapsed to an object', { chatSessions: { chatSession: session('A') } }, ['A']],
    ['several', { chatSessions: { chatSession: [session('A'), session('B')] } }, ['A', 'B']],
    ['none: null element', { chatSessions: null }, []],
    ['none: empty object', { chatSessions: {} }, []],
    ['none: empty array', { chatSessions: { chatSession: [] } }, []],
  ];
  for (const [name, json, keys] of sessionCases) {
    it(`chat sessions, ${name}`, () => {
      const read = readChatSessions(json);
      assert.deepEqual(read.map((s) => s.chatSessionKey), keys);
      for (const s of read) assert.equal(s.chatUrl, `https://h/api/account/1/agentSession/2/chat/${s.chatSessionKey}`);
    });
  }

  const chatCases: [string, unknown, [string, number[]][]][] = [
    ['one as a one-item array (documented)', { chats: { chat: [chat('A', [0, 1])] } }, [['A', [0, 1]]]],
    ['one collapsed to an object', { chats: { chat: chat('A', [0, 1]) } }, [['A', [0, 1]]]],
    ['one chat with one event collapsed', { chats: { chat: [chat('A', [3])] } }, [['A', [3]]]],
    ['one chat with no new event', { chats: { chat: [chat('A', [])] } }, [['A', []]]],
    ['several', { chats: { chat: [chat('A', [0]), chat('B', [5, 6])] } }, [['A', [0]], ['B', [5, 6]]]],
    ['none: null element', { chats: null }, []],
    ['none: empty array', { chats: { chat: [] } }, []],
  ];
  for (const [name, json, expected] of chatCases) {
    it(`multi-chat read, ${name}`, () => {
      const read = readMultipleChats(json);
      assert.deepEqual(
        read.map((c) => [c.info.chatSessionKey, c.events.map((e) => e.id)]),
        expected,
      );
    });
  }

  const agentCases: [string, unknown, [string, number[]][]][] = [
    ['one as a one-item array (documented)', { availableAgents: { agents: { agent: [agent('7', ['2', '4'])] } } }, [['7', [2, 4]]]],
    ['one collapsed to an object, one skill collapsed', { availableAgents: { agents: { agent: agent('7', '2') } } }, [['7', [2]]]],
    ['several, skills null', { availableAgents: { agents: { agent: [agent('7', null), agent('8', ['3'])] } } }, [['7', []], ['8', [3]]]],
    ['none: null agents', { availableAgents: { agents: null } }, []],
    ['none: empty array', { availableAgents: { agents: { agent: [] } } }, []],
  ];
  for (const [name, json, expected] of agentCases) {
    it(`available agents, ${name}`, () => {
      assert.deepEqual(readAvailableAgents(json).map((a) => [a.id, a.skillIds]), expected);
    });
  }
});
