import assert from 'node:assert/strict';
import { MessageFactory, type Activity } from 'botbuilder';
import { closedActivity, consumerMessageActivity, conversationChatInfo, messagingActions, messagingSkill, type MessagingLine } from '../../src/core/messagingMapping.js';
import type { ChatAction } from '../../src/core/fromActivity.js';
import { findOwnMessage, progressFromHistory } from '../../src/core/messagingHistory.js';
import type { WireMessagingEvent } from '../../src/messaging/wire.js';
import { createTransferActivity } from '../../src/core/transfer.js';
import type { ChatSnapshot } from '../../src/core/toActivity.js';
import type { CoreActivity } from '../../src/core/protocol.js';

const options = { maxLineLength: 4000 };
const plain = (text: string) => ({ kind: 'line' as const, line: { text, textType: 'plain' as const } });

describe('messagingActions: Activity -> Messaging (design table, outgoing)', () => {
  const cases: { row: string; activity: Partial<Activity>; expect: Array<ChatAction | MessagingLine> }[] = [
    { row: 'text -> plain text', activity: { type: 'message', text: 'Hi <there>' }, expect: [plain('Hi <there>')] },
    {
      row: 'suggested actions -> native quick replies on the line',
      activity: MessageFactory.suggestedActions(['Yes', 'No'], 'Continue?'),
      expect: [{ ...plain('Continue?'), quickReplies: [{ title: 'Yes' }, { title: 'No' }] }],
    },
    {
      row: 'imBack with a value other than its title -> the chip says the value',
      activity: { type: 'message', text: 'Plan?', suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Basic plan', value: 'basic' }] } },
      expect: [{ ...plain('Plan?'), quickReplies: [{ title: 'Basic plan', text: 'basic' }] }],
    },
    {
      row: 'a title over 25 characters -> numbered text, as on chat',
      activity: MessageFactory.suggestedActions(['x'.repeat(26)], 'Pick'),
      expect: [plain(`Pick\n\n1. ${'x'.repeat(26)}`)],
    },
    {
      row: 'an openUrl among them -> text with the link, as on chat',
      activity: { type: 'message', text: 'See', suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Ok', value: 'Ok' }, { type: 'openUrl', title: 'Site', value: 'https://example.com' }] } },
      expect: [plain('See\n\n1. Ok\n\nSite: https://example.com')],
    },
    {
      row: 'suggested actions without text -> numbered text (a quick-reply message needs text)',
      activity: { type: 'message', suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Ok', value: 'Ok' }] } },
      expect: [plain('1. Ok')],
    },
    {
      row: 'structured content + suggested actions -> rich content with quick replies',
      activity: { type: 'message', channelData: { structuredContent: { type: 'vertical', elements: [] } }, suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Ok', value: 'Ok' }] } },
      expect: [{ kind: 'line', line: { text: 'Structured content', textType: 'rich-content', json: { type: 'vertical', elements: [] } }, quickReplies: [{ title: 'Ok' }] }],
    },
    {
      row: 'private text (messageAudience) -> private line, never quick replies',
      activity: { type: 'message', text: 'VIP', channelData: { messageAudience: 'AGENTS_AND_MANAGERS' }, suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Ok', value: 'Ok' }] } },
      expect: [{ kind: 'line', line: { text: 'VIP\n\n1. Ok', textType: 'plain', subType: 'ONLY_TO_REP' } }],
    },
    { row: 'html text (textFormat xml) -> sent as text', activity: { type: 'message', text: '<b>hi</b>', textFormat: 'xml' }, expect: [{ kind: 'line', line: { text: '<b>hi</b>', textType: 'html' } }] },
    { row: 'typing -> chat state', activity: { type: 'typing' }, expect: [{ kind: 'typing' }] },
    { row: 'transfer activity -> transfer', activity: createTransferActivity('human-support', 'why') as Partial<Activity>, expect: [{ kind: 'transfer', request: { skill: 'human-support', reason: 'why' } }] },
    { row: 'endOfConversation -> close', activity: { type: 'endOfConversation' }, expect: [{ kind: 'end' }] },
  ];
  for (const { row, activity, expect } of cases) {
    it(row, () => assert.deepEqual(messagingActions(activity as CoreActivity, options), expect));
  }
});

describe('Messaging -> activities (design table, incoming)', () => {
  const info = conversationChatInfo({ conversationId: 'c1', consumerId: 'u1', skillId: '2', resumed: false, context: { name: 'Ann', lang: 'en-US' } }, { 'human-support': 2 });
  const chat: ChatSnapshot = { chatId: 'c1', info, bot: { id: '1001', name: 'support-bot' }, serviceUrl: 'wss://h/ws_api/account/1/messaging' };

  it('conversation -> chat info: the consumer name from the context, the skill named from messagingSkills', () => {
    assert.deepEqual(
      { name: info.visitorName, id: info.visitorId, key: info.chatSessionKey, language: info.language, skillId: info.skillId, skillName: info.skillName },
      { name: 'Ann', id: 'u1', key: 'c1', language: 'en-US', skillId: 2, skillName: 'human-support' },
    );
    assert.equal(conversationChatInfo({ conversationId: 'c2', consumerId: undefined, skillId: '-1', resumed: false }).visitorName, 'Consumer');
  });

  it('consumer message -> message activity, id = sequence, the wire event in channelData.messaging', () => {
    const event = { type: 'ContentEvent', contentType: 'text/plain', message: 'hello' } as const;
    const activity = consumerMessageActivity(chat, { conversationId: 'c1', sequence: 4, consumerId: 'u1', serverTimestamp: 1_700_000_000_000, text: 'hello', event });
    assert.equal(activity.type, 'message');
    assert.equal(activity.id, '4');
    assert.equal(activity.text, 'hello');
    assert.equal(activity.conversation?.id, 'c1');
    assert.deepEqual(activity.from, { id: 'visitor:u1', name: 'Ann', role: 'user' });
    assert.equal(activity.timestamp?.getTime(), 1_700_000_000_000);
    assert.deepEqual(activity.channelData.messaging, { sequence: 4, event });
  });

  it('close -> endOfConversation with the close reason', () => {
    const activity = closedActivity(chat, 'CONSUMER');
    assert.equal(activity.type, 'endOfConversation');
    assert.equal(activity.channelData.closeReason, 'CONSUMER');
  });
});

describe('messagingSkill: a transfer target -> a Messaging skill id', () => {
  const skills = { 'human-support': 2, sales: 3 };
  const cases: [string, string | number, ReturnType<typeof messagingSkill>][] = [
    ['a name from messagingSkills, any case', 'Human-Support', { ok: true, skillId: 2, skillName: 'human-support' }],
    ['a numeric id, named when the map knows it', 3, { ok: true, skillId: 3, skillName: 'sales' }],
    ['a numeric id as text, unknown to the map', '7', { ok: true, skillId: 7 }],
  ];
  for (const [row, wanted, expected] of cases) it(row, () => assert.deepEqual(messagingSkill(wanted, skills), expected));
  it('an unknown name fails, naming the setting and the known names', () => {
    const result = messagingSkill('billing', skills);
    assert.equal(result.ok, false);
    assert.match((result as { message: string }).message, /Skill 'billing' is not available .*messagingSkills .*human-support, sales/);
  });
});

describe('progressFromHistory: where a conversation with nothing stored resumes (design table)', () => {
  const self = '123.bot';
  const say = (sequence: number, who: 'consumer' | 'bot' | 'human' | 'controller', extra: Partial<WireMessagingEvent> = {}): WireMessagingEvent => ({
    sequence,
    dialogId: 'c1',
    originatorId: who === 'consumer' ? 'cons' : who === 'bot' ? self : who === 'human' ? '123.alice' : 'system',
    originatorMetadata: { id: who, role: who === 'consumer' ? 'CONSUMER' : who === 'controller' ? 'CONTROLLER' : 'ASSIGNED_AGENT' },
    event: { type: 'ContentEvent', contentType: 'text/plain', message: `#${sequence}` },
    ...extra,
  });
  const cases: Array<{ row: string; events: WireMessagingEvent[]; expect: { handledThrough: number; welcomed: boolean } }> = [
    { row: 'a new conversation: every message is a turn, welcome', events: [say(0, 'consumer'), say(1, 'consumer')], expect: { handledThrough: -1, welcomed: false } },
    { row: 'storage lost: after the bot\'s last message, no second welcome', events: [say(0, 'consumer'), say(1, 'bot'), say(2, 'consumer'), say(3, 'bot'), say(4, 'consumer')], expect: { handledThrough: 3, welcomed: true } },
    { row: 'transferred in: after the previous agent\'s last message, welcomed in', events: [say(0, 'consumer'), say(1, 'human'), say(2, 'consumer'), say(3, 'human')], expect: { handledThrough: 3, welcomed: false } },
    { row: 'a private message answers no one', events: [say(0, 'consumer'), say(1, 'human', { messageAudience: 'AGENTS_AND_MANAGERS' })], expect: { handledThrough: -1, welcomed: false } },
    { row: 'a system (controller) message answers no one', events: [say(0, 'consumer'), say(1, 'controller')], expect: { handledThrough: -1, welcomed: false } },
    {
      row: 'receipts and chat states are no messages',
      events: [say(0, 'consumer'), { ...say(1, 'bot'), event: { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [0] } }],
      expect: { handledThrough: -1, welcomed: false },
    },
  ];
  for (const c of cases) {
    it(c.row, () => assert.deepEqual(progressFromHistory(c.events, self, 'cons'), c.expect));
  }
});

describe('findOwnMessage: is a publish of unknown outcome there already?', () => {
  const self = '123.bot';
  const line = (sequence: number, message: string, originatorId = self): WireMessagingEvent => ({ sequence, dialogId: 'c1', originatorId, event: { type: 'ContentEvent', contentType: 'text/plain', message } });
  const events = [line(3, 'same'), line(4, 'hi', 'cons'), line(5, 'other'), line(6, 'same')];
  it('finds the bot\'s own message with that text after `since`', () => assert.equal(findOwnMessage(events, self, 'same', 2), 3));
  it('not one at or before `since`, nor someone else\'s', () => {
    assert.equal(findOwnMessage(events, self, 'same', 6), undefined);
    assert.equal(findOwnMessage(events, self, 'hi', 0), undefined);
  });
  it('not a line already sent: two identical lines each land once', () => {
    assert.equal(findOwnMessage(events, self, 'same', 2, new Set([3])), 6);
    assert.equal(findOwnMessage(events, self, 'same', 2, new Set([3, 6])), undefined);
  });
  it('rich content by its JSON', () => {
    const card = { type: 'vertical', elements: [{ type: 'text', text: 'x' }] };
    const rich: WireMessagingEvent = { sequence: 7, dialogId: 'c1', originatorId: self, event: { type: 'RichContentEvent', content: card } };
    assert.equal(findOwnMessage([rich], self, card, 0), 7);
  });
});
