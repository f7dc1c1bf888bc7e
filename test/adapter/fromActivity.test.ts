import assert from 'node:assert/strict';
import { CardFactory, EventFactory, MessageFactory, TurnContext, type Activity } from 'botbuilder';
import { fromActivity, OutgoingActivityError, type ChatAction } from '../../src/core/fromActivity.js';
import { splitText } from '../../src/core/renderMessage.js';
import { createTransferActivity } from '../../src/core/transfer.js';

const plain = { lineFormat: 'plain' as const, maxLineLength: 4000 };
const html = { lineFormat: 'html' as const, maxLineLength: 4000 };
const wrap = (inner: string) => `<div dir='ltr' style='direction:ltr;text-align:left;'>${inner}</div>`;

function handoff(): Partial<Activity> {
  const incoming = { type: 'message', conversation: { id: 'c1' }, from: { id: 'v' }, recipient: { id: 'b' }, channelId: 'liveengage', serviceUrl: 'x' };
  const context = new TurnContext({} as never, incoming as Activity);
  return { ...EventFactory.createHandoffInitiation(context, { skill: 'human-support', reason: 'asked' }), text: 'Let me find a person.' };
}

describe('fromActivity: Activity -> Chat Agent API (design table, outgoing)', () => {
  const cases: { row: string; activity: Partial<Activity>; options?: typeof plain | typeof html; expect: ChatAction[] }[] = [
    { row: 'message text -> plain line', activity: { type: 'message', text: 'Hi <there> & you' }, expect: [{ kind: 'line', line: { text: 'Hi <there> & you', textType: 'plain' } }] },
    { row: 'message text, lineFormat html -> escaped html line', activity: { type: 'message', text: 'Hi <there> & you\nbye' }, options: html, expect: [{ kind: 'line', line: { text: wrap('<p>Hi &lt;there&gt; &amp; you<br>bye</p>'), textType: 'html' } }] },
    { row: "message textFormat 'xml' -> html as the bot wrote it", activity: { type: 'message', text: '<b>bold</b>', textFormat: 'xml' }, expect: [{ kind: 'line', line: { text: '<b>bold</b>', textType: 'html' } }] },
    {
      row: 'suggested actions -> numbered options (plain)',
      activity: MessageFactory.suggestedActions(['Yes', 'No'], 'Continue?'),
      expect: [{ kind: 'line', line: { text: 'Continue?\n\n1. Yes\n2. No', textType: 'plain' } }],
    },
    {
      row: 'suggested actions -> ordered list (html)',
      activity: MessageFactory.suggestedActions(['Yes', 'No'], 'Continue?'),
      options: html,
      expect: [{ kind: 'line', line: { text: wrap('<p>Continue?</p><ol><li>Yes</li><li>No</li></ol>'), textType: 'html' } }],
    },
    {
      row: 'hero card -> title, text, options and links',
      activity: MessageFactory.attachment(CardFactory.heroCard('Plans', 'Pick one', ['https://img.example/p.png'], [{ type: 'imBack', title: 'Basic', value: 'basic' }, { type: 'openUrl', title: 'Compare', value: 'https://example.com/plans' }])),
      expect: [{ kind: 'line', line: { text: 'Plans\n\nPick one\n\n1. Basic\n\nImage: https://img.example/p.png\nCompare: https://example.com/plans', textType: 'plain' } }],
    },
    {
      row: 'thumbnail card (html) -> links clickable, no javascript: links',
      activity: MessageFactory.attachment(CardFactory.thumbnailCard('T', [], [{ type: 'openUrl', title: 'Go', value: 'https://example.com/a?b=1&c=2' }, { type: 'openUrl', title: 'Bad', value: 'javascript:alert(1)' }])),
      options: html,
      expect: [{ kind: 'line', line: { text: wrap('<p>T</p><p><a href="https://example.com/a?b=1&amp;c=2" target="_blank">Go</a></p>'), textType: 'html' } }],
    },
    {
      row: 'adaptive card -> fallbackText',
      activity: MessageFactory.attachment(CardFactory.adaptiveCard({ type: 'AdaptiveCard', version: '1.3', fallbackText: 'Your order shipped.', body: [{ type: 'TextBlock', text: 'ignored' }] })),
      expect: [{ kind: 'line', line: { text: 'Your order shipped.', textType: 'plain' } }],
    },
    {
      row: 'adaptive card without fallback -> its text blocks and actions',
      activity: MessageFactory.attachment(CardFactory.adaptiveCard({ type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock', text: 'Order 42' }, { type: 'Container', items: [{ type: 'TextBlock', text: 'shipped' }] }], actions: [{ type: 'Action.Submit', title: 'Track' }] })),
      expect: [{ kind: 'line', line: { text: 'Order 42\n\nshipped\n\n1. Track', textType: 'plain' } }],
    },
    {
      row: "message + channelData.messageAudience 'AGENTS_AND_MANAGERS' -> private line",
      activity: { type: 'message', text: 'visitor is a VIP', channelData: { messageAudience: 'AGENTS_AND_MANAGERS' } },
      expect: [{ kind: 'line', line: { text: 'visitor is a VIP', textType: 'plain', subType: 'ONLY_TO_REP' } }],
    },
    {
      row: 'channelData.structuredContent -> rich-content line',
      activity: { type: 'message', text: '', channelData: { structuredContent: { type: 'vertical', elements: [] } } },
      expect: [{ kind: 'line', line: { text: 'Structured content', textType: 'rich-content', json: { type: 'vertical', elements: [] } } }],
    },
    { row: 'typing -> agent typing', activity: { type: 'typing' }, expect: [{ kind: 'typing' }] },
    { row: 'delay -> wait value ms', activity: { type: 'delay', value: 250 }, expect: [{ kind: 'delay', ms: 250 }] },
    { row: 'delay without value -> 1000 ms', activity: { type: 'delay' }, expect: [{ kind: 'delay', ms: 1000 }] },
    { row: 'transfer activity -> transfer with reason', activity: createTransferActivity('human-support', 'asked for an agent'), expect: [{ kind: 'transfer', request: { skill: 'human-support', reason: 'asked for an agent' } }] },
    { row: 'handoff.initiate (EventFactory) -> line then transfer', activity: handoff(), expect: [{ kind: 'line', line: { text: 'Let me find a person.', textType: 'plain' } }, { kind: 'transfer', request: { skill: 'human-support', reason: 'asked' } }] },
    {
      row: "channelData.action TRANSFER (LivePerson's connector) -> line then transfer",
      activity: { type: 'message', text: "I'll transfer you", channelData: { action: { name: 'TRANSFER', parameters: { skill: 'human-expert', agentId: '4129463410' } } } },
      expect: [{ kind: 'line', line: { text: "I'll transfer you", textType: 'plain' } }, { kind: 'transfer', request: { skill: 'human-expert', agentId: '4129463410' } }],
    },
    { row: 'channelData.action TRANSFER without text -> transfer only', activity: { type: 'message', text: '', channelData: { action: { name: 'TRANSFER', parameters: { skill: 'human-expert' } } } }, expect: [{ kind: 'transfer', request: { skill: 'human-expert' } }] },
    { row: 'endOfConversation -> end chat', activity: { type: 'endOfConversation' }, expect: [{ kind: 'end' }] },
    { row: 'channelData.action CLOSE_CONVERSATION -> line then end', activity: { type: 'message', text: 'Bye!', channelData: { action: { name: 'CLOSE_CONVERSATION' } } }, expect: [{ kind: 'line', line: { text: 'Bye!', textType: 'plain' } }, { kind: 'end' }] },
    { row: 'trace -> dropped', activity: { type: 'trace', name: 'x' }, expect: [{ kind: 'drop', reason: 'trace' }] },
    { row: 'empty message -> dropped', activity: { type: 'message', text: '  ' }, expect: [{ kind: 'drop', reason: 'empty message' }] },
    { row: 'other event -> dropped with a reason', activity: { type: 'event', name: 'tokens/response' }, expect: [{ kind: 'drop', reason: "event 'tokens/response' has no Live Chat equivalent" }] },
    { row: 'unknown action -> line then dropped action', activity: { type: 'message', text: 'x', channelData: { action: { name: 'CHANGE_TTR' } } }, expect: [{ kind: 'line', line: { text: 'x', textType: 'plain' } }, { kind: 'drop', reason: "channelData.action 'CHANGE_TTR' is not supported on Live Chat" }] },
  ];

  for (const c of cases) {
    it(c.row, () => {
      assert.deepEqual(fromActivity(c.activity, c.options ?? plain), c.expect);
    });
  }

  describe('long texts are split, never cut', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    it('plain: every piece fits and nothing but the spaces at the cuts is lost', () => {
      const actions = fromActivity({ type: 'message', text: words }, { lineFormat: 'plain', maxLineLength: 300 });
      const texts = actions.map((a) => (a.kind === 'line' ? a.line.text : ''));
      assert.ok(texts.length > 5);
      assert.ok(texts.every((t) => t.length <= 300));
      assert.equal(texts.join(' '), words);
    });
    it('html: every escaped piece fits', () => {
      const risky = Array.from({ length: 300 }, () => '&<>').join(' ');
      const actions = fromActivity({ type: 'message', text: risky }, { lineFormat: 'html', maxLineLength: 300 });
      assert.ok(actions.length > 1);
      for (const a of actions) assert.ok(a.kind === 'line' && a.line.text.length <= 300 && a.line.textType === 'html');
    });
    it('bot-marked html over the limit is refused with a clear error', () => {
      assert.throws(() => fromActivity({ type: 'message', textFormat: 'xml', text: `<p>${'x'.repeat(500)}</p>` }, { lineFormat: 'plain', maxLineLength: 300 }), OutgoingActivityError);
    });
    it('splitText cuts a word longer than the limit', () => {
      assert.deepEqual(splitText('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
    });
  });
});
