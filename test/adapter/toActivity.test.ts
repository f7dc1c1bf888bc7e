import assert from 'node:assert/strict';
import type { ChatEvent, ChatInfo, LineEvent } from '../../src/api/types.js';
import {
  acceptedActivity,
  CHANNEL_ID,
  chatReference,
  eventToActivity,
  handoffStatusActivity,
  typingActivity,
  type ChatSnapshot,
} from '../../src/core/toActivity.js';
import { visitorText } from '../../src/core/visitorText.js';

const info: ChatInfo = {
  state: 'chatting',
  chatSessionKey: 'H1-abcK9',
  visitorName: 'Ann',
  visitorId: '1215602164887992',
  language: 'en-US',
  skillId: 1,
  skillName: 'support-bot',
  links: {},
  raw: { state: 'chatting' },
};
const chat: ChatSnapshot = { chatId: 'H1-abcK9', info, bot: { id: '1001', name: 'Support Bot' }, serviceUrl: 'http://127.0.0.1:1/api/account/1' };

const line = (source: LineEvent['source'], text: string, extra: Partial<LineEvent> = {}): LineEvent => ({
  type: 'line', id: 7, time: '2018-01-29T08:19:56.782-05:00', text, textType: 'plain', source, subType: 'REGULAR', ...extra,
});

describe('toActivity: LiveEngage -> Activity (design table, incoming)', () => {
  const cases: { row: string; event: ChatEvent; expect: { type: string; text?: string } | undefined }[] = [
    { row: 'visitor line -> message', event: line('visitor', 'hello'), expect: { type: 'message', text: 'hello' } },
    { row: 'visitor html line -> message, html stripped, entities decoded', event: line('visitor', '<div dir="ltr"><b>Fish</b> &amp; chips&nbsp;please</div>', { textType: 'html' }), expect: { type: 'message', text: 'Fish & chips please' } },
    { row: 'visitor plain line with markup -> stripped', event: line('visitor', 'a <script>alert(1)</script>b &lt;3'), expect: { type: 'message', text: 'a b <3' } },
    { row: 'visitor plain line without markup -> as typed', event: line('visitor', 'I <3 it & more'), expect: { type: 'message', text: 'I <3 it & more' } },
    { row: 'agent line (own) -> not a turn', event: line('agent', 'Hi, I am the bot'), expect: undefined },
    { row: 'agent-only line -> not a turn', event: line('agent', 'note', { subType: 'ONLY_TO_REP' }), expect: undefined },
    { row: 'system line -> not a turn', event: line('system', 'You are now chatting with Bot.', { systemMessageId: 3 }), expect: undefined },
    { row: 'state waiting -> not a turn', event: { type: 'state', id: 0, time: 't', state: 'waiting' }, expect: undefined },
    { row: 'state chatting -> not a turn', event: { type: 'state', id: 2, time: 't', state: 'chatting' }, expect: undefined },
    { row: 'state ended -> endOfConversation', event: { type: 'state', id: 9, time: '2018-01-29T08:19:56.782-05:00', state: 'ended' }, expect: { type: 'endOfConversation' } },
    { row: 'unknown event type -> not a turn', event: { type: 'other', id: 5, time: 't', rawType: 'url', raw: {} }, expect: undefined },
  ];
  for (const c of cases) {
    it(c.row, () => {
      const activity = eventToActivity(c.event, chat);
      if (!c.expect) return assert.equal(activity, undefined);
      assert.ok(activity);
      assert.equal(activity.type, c.expect.type);
      if (c.expect.text !== undefined) assert.equal(activity.text, c.expect.text);
      assert.equal(activity.channelId, CHANNEL_ID);
      assert.equal(activity.conversation?.id, 'H1-abcK9');
      assert.deepEqual(activity.from, { id: 'visitor:1215602164887992', name: 'Ann', role: 'user' });
      assert.deepEqual(activity.recipient, { id: '1001', name: 'Support Bot', role: 'bot' });
      assert.equal(activity.id, String(c.event.id));
      assert.equal(activity.locale, 'en-US');
      assert.deepEqual(activity.channelData.event, c.event, 'raw event in channelData');
      assert.equal(activity.channelData.chatInfo, info, 'chat info in channelData');
    });
  }

  it('chat accepted -> conversationUpdate with visitor and bot added', () => {
    const activity = acceptedActivity(chat);
    assert.equal(activity.type, 'conversationUpdate');
    assert.deepEqual(activity.membersAdded?.map((m) => m.id), ['visitor:1215602164887992', '1001']);
    assert.equal(activity.recipient?.id, '1001');
  });

  it('visitor typing -> typing', () => {
    assert.equal(typingActivity(chat).type, 'typing');
  });

  it('transfer result -> event handoff.status', () => {
    const activity = handoffStatusActivity(chat, { state: 'failed', message: 'no agent' });
    assert.equal(activity.type, 'event');
    assert.equal(activity.name, 'handoff.status');
    assert.deepEqual(activity.value, { state: 'failed', message: 'no agent' });
  });

  it('extra channelData (A/B variant) rides on every activity', () => {
    const activity = eventToActivity(line('visitor', 'x'), { ...chat, channelData: { variant: 'B' } });
    assert.equal(activity?.channelData.variant, 'B');
  });

  it('a visitor without visitorId is keyed by the chat', () => {
    const { visitorId: _drop, ...rest } = info;
    assert.equal(chatReference({ ...chat, info: rest }).user?.id, 'visitor:H1-abcK9');
  });

  it('visitorText turns html paragraphs and breaks into lines', () => {
    assert.equal(visitorText({ text: '<p>one</p><p>two<br>three</p>', textType: 'html' }), 'one\ntwo\nthree');
    assert.equal(visitorText({ text: '<a href="https://x.example/">see</a>', textType: 'html' }), 'see (https://x.example/)');
  });
});
