import assert from 'node:assert/strict';
import { ActivityHandler, EventFactory, TestAdapter, type Activity } from 'botbuilder';
import { END_TRACE_VALUE_TYPE, handoffFallback, HandoffFallbackMiddleware, TRANSFER_TRACE_VALUE_TYPE } from '../../src/botbuilder/handoffFallback.js';
import { createTransferActivity } from '../../src/core/transfer.js';

const addressed = { channelId: 'emulator', conversation: { id: 'c1' }, from: { id: 'bot' }, recipient: { id: 'user' }, serviceUrl: 'http://127.0.0.1:1' } as Partial<Activity>;
const transferTrace = (value: object, label: string) => ({ ...addressed, type: 'trace', name: 'LiveEngage transfer', label, valueType: TRANSFER_TRACE_VALUE_TYPE, value });
const endTrace = { ...addressed, type: 'trace', name: 'LiveEngage end', label: 'End of the chat', valueType: END_TRACE_VALUE_TYPE, value: {} };

describe('handoffFallback: LiveEngage-only activities on other channels (table)', () => {
  const cases: { name: string; activity: Partial<Activity>; expected: Partial<Activity>[] }[] = [
    { name: 'a plain message passes', activity: { ...addressed, type: 'message', text: 'hi' }, expected: [{ ...addressed, type: 'message', text: 'hi' }] },
    { name: 'typing passes', activity: { ...addressed, type: 'typing' }, expected: [{ ...addressed, type: 'typing' }] },
    { name: 'another event passes', activity: { ...addressed, type: 'event', name: 'custom' }, expected: [{ ...addressed, type: 'event', name: 'custom' }] },
    {
      name: 'a transfer activity becomes a trace with the request',
      activity: { ...addressed, ...createTransferActivity('human-support', 'asked') },
      expected: [transferTrace({ skill: 'human-support', reason: 'asked' }, 'Transfer to skill human-support')],
    },
    {
      name: 'a transfer with text keeps the text as a message',
      activity: { ...addressed, ...createTransferActivity('billing'), text: 'One moment' },
      expected: [{ ...addressed, type: 'message', text: 'One moment' }, transferTrace({ skill: 'billing' }, 'Transfer to skill billing')],
    },
    {
      name: "botbuilder's handoff.initiate event",
      activity: { ...addressed, type: 'event', name: 'handoff.initiate', value: { skill: 'human-support', reason: 'r' } },
      expected: [transferTrace({ skill: 'human-support', reason: 'r' }, 'Transfer to skill human-support')],
    },
    {
      name: "LivePerson's channelData.action TRANSFER to an agent: the message stays, without the action",
      activity: { ...addressed, type: 'message', text: 'Passing you on', channelData: { action: { name: 'TRANSFER', parameters: { agentId: '42' } }, extra: 1 } },
      expected: [{ ...addressed, type: 'message', text: 'Passing you on', channelData: { extra: 1 } }, transferTrace({ agentId: '42' }, 'Transfer to agent 42')],
    },
    { name: 'endOfConversation becomes a trace', activity: { ...addressed, type: 'endOfConversation' }, expected: [endTrace] },
    {
      name: 'CLOSE_CONVERSATION without text: the trace alone',
      activity: { ...addressed, type: 'message', channelData: { action: { name: 'CLOSE_CONVERSATION' } } },
      expected: [endTrace],
    },
  ];
  for (const { name, activity, expected } of cases) {
    it(name, () => assert.deepEqual(handoffFallback(activity), expected));
  }

  it('adds the notices when asked', () => {
    const options = { transferNotice: (r: { skill?: string | number }) => `(${String(r.skill)} takes over here)`, endNotice: '(the chat ends here)' };
    assert.deepEqual(handoffFallback({ ...addressed, ...createTransferActivity('billing') }, options).map((a) => a.text ?? a.type), ['trace', '(billing takes over here)']);
    assert.deepEqual(handoffFallback({ ...addressed, type: 'endOfConversation' }, options).map((a) => a.text ?? a.type), ['trace', '(the chat ends here)']);
  });
});

describe('HandoffFallbackMiddleware in a turn', () => {
  class EscalatingBot extends ActivityHandler {
    constructor() {
      super();
      this.onMessage(async (context, next) => {
        if (context.activity.text === 'agent') {
          await context.sendActivity('Connecting you.');
          await context.sendActivity(createTransferActivity('human-support', 'asked'));
        } else if (context.activity.text === 'handoff') {
          await context.sendActivity(EventFactory.createHandoffInitiation(context, { skill: 'human-support' }));
        } else {
          await context.sendActivities([{ type: 'message', text: 'Bye' }, { type: 'endOfConversation' }]);
        }
        await next();
      });
    }
  }

  async function replies(channelId: string, text: string): Promise<Partial<Activity>[]> {
    const bot = new EscalatingBot();
    const adapter = new TestAdapter((context) => bot.run(context), { channelId } as never, true).use(new HandoffFallbackMiddleware({ transferNotice: () => '(a person takes over here)' }));
    await adapter.send(text);
    return adapter.activeQueue.splice(0);
  }

  it('turns the transfer into a trace and the notice on the Emulator', async () => {
    assert.deepEqual((await replies('emulator', 'agent')).map((a) => [a.type, a.text ?? a.name]), [['message', 'Connecting you.'], ['trace', 'LiveEngage transfer'], ['message', '(a person takes over here)']]);
    assert.deepEqual((await replies('emulator', 'handoff')).map((a) => a.type), ['trace', 'message']);
    assert.deepEqual((await replies('msteams', 'bye')).map((a) => [a.type, a.text ?? a.name]), [['message', 'Bye'], ['trace', 'LiveEngage end']]);
  });

  it('leaves LiveEngage alone: the LiveEngage adapter carries the transfer out', async () => {
    assert.deepEqual((await replies('liveengage', 'agent')).map((a) => a.type), ['message', 'transfer']);
  });
});
