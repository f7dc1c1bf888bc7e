import assert from 'node:assert/strict';
import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { SupportBot } from '../../samples/support-bot/bot.js';
import { MainDialog } from '../../samples/support-bot/dialogs/mainDialog.js';
import { supportEscalation } from '../../samples/support-bot/escalation.js';
import { messages } from '../../samples/support-bot/messages.js';
import { TypingDelayMiddleware } from '../../samples/support-bot/typing.js';
import { SUPPORT_BOT_VARIANTS } from '../../samples/support-bot/variants.js';
import type { CsatResponse } from '../../src/csat/index.js';

/** The bot on botbuilder's TestAdapter, with the middleware the sample puts on its adapters. */
function testBot(typingDelayMs = 0, dialog = new MainDialog(), welcome?: (name: string | undefined) => string): TestAdapter {
  const bot = new SupportBot(new ConversationState(new MemoryStorage()), dialog, welcome);
  const adapter = new TestAdapter((context) => bot.run(context));
  adapter.use(new TypingDelayMiddleware(typingDelayMs)).use(supportEscalation('human-support'));
  return adapter;
}

const text = (activity: Partial<Activity>) => activity.text;

describe('sample: the support bot (botbuilder TestAdapter)', () => {
  it('welcomes the visitor, not itself, when members are added', async () => {
    const adapter = testBot();
    await adapter
      .send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'bot', name: 'Bot' }, { id: 'user', name: 'Ann' }], recipient: { id: 'bot', name: 'Bot' } })
      .assertReply(messages.welcome('Ann'))
      .startTest();
    assert.match(messages.welcome('Ann'), /^Hi Ann! I'm the Support Bot/);
  });

  it('answers opening hours and pricing, and says what it can do otherwise', async () => {
    await testBot()
      .send('what are your opening hours?')
      .assertReply(messages.hours)
      .send('how much is the pro plan')
      .assertReply(messages.pricing)
      .send('hello')
      .assertReply(messages.greeting)
      .send('purple elephants')
      .assertReply(messages.didNotUnderstand('purple elephants'))
      .startTest();
  });

  it('asks for an order number, re-asks for a wrong one, then tells the status', async () => {
    await testBot()
      .send('where is my order?')
      .assertReply(messages.askOrderNumber)
      .send('no idea')
      .assertReply(messages.retryOrderNumber)
      .send('#123456')
      .assertReply(messages.orderStatus('123456'))
      .startTest();
  });

  it('skips the question when the order number came with it', async () => {
    await testBot().send('status of order 98765 please').assertReply(messages.orderStatus('98765')).startTest();
  });

  it('lets "opening hours" interrupt the order number question', async () => {
    await testBot()
      .send('track my parcel')
      .assertReply(messages.askOrderNumber)
      .send('wait, what are your opening hours?')
      .assertReply(messages.hours)
      .send('12345')
      .assertReply(messages.orderStatus('12345'))
      .startTest();
  });

  it('welcomes with variant B\'s menu when it runs as B', async () => {
    const [a, b] = SUPPORT_BOT_VARIANTS;
    assert.deepEqual([a.name, a.weight, b.name, b.weight], ['A', 50, 'B', 50]);
    assert.notEqual(b.welcome('Ann'), a.welcome('Ann'));
    await testBot(0, new MainDialog(), b.welcome)
      .send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user', name: 'Ann' }], recipient: { id: 'bot', name: 'Bot' } })
      .assertReply(messages.welcomeMenu('Ann'))
      .startTest();
    assert.match(messages.welcomeMenu('Ann'), /^Hello Ann, Support Bot here\. I can help with: opening hours · pricing · your order\./);
  });

  it('on goodbye asks for a CSAT rating, records it, thanks the visitor and ends the conversation', async () => {
    const recorded: CsatResponse[] = [];
    await testBot(0, new MainDialog({ csat: { recorders: [{ recordCsat: (response) => void recorded.push(response) }] } }))
      .send('ok thanks, bye')
      .assertReply(messages.csatQuestion)
      .send('5')
      .assertReply(messages.csatThanks(5))
      .assertReply((activity) => assert.equal(activity.type, ActivityTypes.EndOfConversation))
      .startTest();
    assert.deepEqual(recorded.map((r) => [r.rating, 'text' in r ? r.text : undefined]), [[5, '5']]);
    assert.match(messages.csatThanks(2), /do better/);
  });

  it('takes "skip" as no rating: the goodbye, and the end', async () => {
    await testBot()
      .send('bye')
      .assertReply(messages.csatQuestion)
      .send('skip')
      .assertReply(messages.goodbye)
      .assertReply((activity) => assert.equal(activity.type, ActivityTypes.EndOfConversation))
      .startTest();
  });

  it('while the rating is asked: a rating in words is a rating, a new question is answered, anything else is asked again', async () => {
    await testBot()
      .send('bye')
      .assertReply(messages.csatQuestion)
      .send('4, the opening hours answer helped')
      .assertReply(messages.csatThanks(4))
      .assertReply((activity) => assert.equal(activity.type, ActivityTypes.EndOfConversation))
      .startTest();
    await testBot()
      .send('goodbye')
      .assertReply(messages.csatQuestion)
      .send('oh wait, how much does it cost?')
      .assertReply(messages.pricing)
      .send('purple')
      .assertReply(messages.didNotUnderstand('purple'))
      .startTest();
    await testBot()
      .send('bye')
      .assertReply(messages.csatQuestion)
      .send('hmm')
      .assertReply(messages.csatRetry)
      .send('great')
      .assertReply(messages.csatThanks(5))
      .startTest();
  });

  for (const line of ['agent', 'Can I get a HUMAN please', 'I want to speak to someone']) {
    it(`escalates "${line}" to human-support with a reason (EscalationMiddleware)`, async () => {
      await testBot()
        .send(line)
        .assertReply(messages.escalating)
        .assertReply((activity) => {
          assert.equal(activity.type, 'transfer');
          assert.equal((activity.value as { skill: string }).skill, 'human-support');
          assert.match((activity.value as { reason: string }).reason, /Visitor asked for a person|Intent Escalate/);
        })
        .startTest();
    });
  }

  it('tells the visitor nobody is free when the transfer failed (handoff.status failed)', async () => {
    await testBot()
      .send({ type: ActivityTypes.Event, name: 'handoff.status', value: { state: 'failed', message: 'no agent online' } })
      .assertReply(messages.nobodyFree)
      .startTest();
  });

  it('says nothing when the transfer was accepted: the chat is no longer the bot\'s', async () => {
    const adapter = testBot();
    await adapter.send({ type: ActivityTypes.Event, name: 'handoff.status', value: { state: 'accepted', message: 'ok' } }).startTest();
    assert.equal(adapter.activeQueue.length, 0);
  });

  it('shows typing, waits, then sends each message when typingDelayMs is set', async () => {
    const seen: string[] = [];
    await testBot(5)
      .send('hours?')
      .assertReply((activity) => void seen.push(String(activity.type)))
      .assertReply((activity) => void seen.push(`${activity.type}:${text(activity)}`))
      .startTest();
    // TestAdapter consumes the delay itself; the typing indicator comes first.
    assert.deepEqual(seen, ['typing', `message:${messages.hours}`]);
  });
});
