import assert from 'node:assert/strict';
import type { LiveEngageSimulator } from '../../src/simulator/index.js';
import { Consumer, startBot, startSimulator, waitFor, type Bot } from './support.js';

describe('Messaging: connect, take, talk, transfer, close (client against the simulator over loopback)', function () {
  let sim: LiveEngageSimulator;
  let bot: Bot | undefined;

  beforeEach(async () => {
    sim = await startSimulator();
  });
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await sim.stop();
  });

  it('logs in through the Login Service, connects the websocket and goes ONLINE', async () => {
    bot = await startBot(sim);
    assert.equal(sim.messaging.availability('support-bot'), 'ONLINE');
    assert.equal(sim.messaging.stats().open, 1);
    assert.deepEqual(bot.heard.ready, [false]);
  });

  it('a consumer message rings the bot; it accepts and hears conversationStarted, then the message with its sequence', async () => {
    bot = await startBot(sim);
    const consumer = await Consumer.start(sim, 'hello there');
    const started = await waitFor('conversationStarted', () => bot!.heard.started.find((c) => c.conversationId === consumer.conversationId));
    assert.equal(started.resumed, false);
    assert.equal(started.skillId, '1');
    const first = await waitFor('first message', () => bot!.heard.messages[0]);
    assert.equal(first.text, 'hello there');
    assert.equal(first.sequence, 0);
    await consumer.says('second');
    await waitFor('second message', () => bot!.heard.messages.length === 2);
    assert.deepEqual(bot.heard.messages.map((m) => [m.sequence > first.sequence, m.text]), [[false, 'hello there'], [true, 'second']]);
    assert.equal((await consumer.view()).assigned?.id, '1001');
  });

  it('publishes text, quick replies, rich content and a private note; the consumer sees all but the note', async () => {
    bot = await startBot(sim);
    const consumer = await Consumer.start(sim, 'hi');
    const id = (await waitFor('started', () => bot!.heard.started[0])).conversationId;
    await bot.agent.setTyping(id, true);
    await bot.agent.publishText(id, 'Welcome!');
    await bot.agent.publishQuickReplies(id, 'Pick one', [{ title: 'Hours' }, { title: 'Pricing', text: 'how much', id: 'P1' }]);
    await bot.agent.publishRichContent(id, { type: 'vertical', elements: [{ type: 'text', text: 'A card' }] }, { externalId: 'CARD' });
    await bot.agent.publishPrivateText(id, 'for agents only');
    const view = await consumer.view();
    const agentEvents = view.events.filter((e) => e.from === 'agent' && e.type !== 'AcceptStatusEvent');
    assert.deepEqual(agentEvents.map((e) => [e.type, e.text ?? null, e.private ?? false]), [
      ['ContentEvent', 'Welcome!', false],
      ['ContentEvent', 'Pick one', false],
      ['RichContentEvent', null, false],
      ['ContentEvent', 'for agents only', true],
    ]);
    assert.deepEqual(agentEvents[1]?.quickReplies, [{ title: 'Hours', text: 'Hours' }, { title: 'Pricing', text: 'how much' }]);
    assert.deepEqual(agentEvents[2]?.metadata, [{ type: 'ExternalId', id: 'CARD' }]);
    assert.deepEqual(await consumer.agentTexts(), ['Welcome!', 'Pick one', 'RichContentEvent']);
    // The bot acknowledged the consumer's message as it was delivered.
    assert.ok(view.events.some((e) => e.type === 'AcceptStatusEvent' && e.status === 'ACCEPT' && e.sequenceList?.[0] === 0));
  });

  it('refuses bad quick replies before the socket, with a botbuilder-style message', async () => {
    bot = await startBot(sim);
    await assert.rejects(bot.agent.publishQuickReplies('x', 'Pick', []), /MessagingAgent\.publishQuickReplies\(\): quick replies take 1 to 24 options\./);
    await assert.rejects(bot.agent.publishQuickReplies('x', 'Pick', [{ title: 'x'.repeat(26) }]), /longer than 25/);
  });

  it('consumer typing becomes consumerTyping', async () => {
    bot = await startBot(sim);
    const consumer = await Consumer.start(sim, 'hi');
    await waitFor('started', () => bot!.heard.started[0]);
    await consumer.typing(true);
    await consumer.typing(false);
    await waitFor('typing off', () => bot!.heard.typing.length === 2);
    assert.deepEqual(bot.heard.typing.map((t) => t.typing), [true, false]);
  });

  it('transfers to a skill with a reason; the bot hears conversationClosed(transferred) and a human takes it from the queue', async () => {
    bot = await startBot(sim);
    const consumer = await Consumer.start(sim, 'agent please');
    const id = (await waitFor('started', () => bot!.heard.started[0])).conversationId;
    await bot.agent.transferToSkill(id, '2', { reason: 'Consumer asked for a person' });
    await waitFor('closed', () => bot!.heard.closed[0]);
    assert.deepEqual(bot.heard.closed, [{ conversationId: id, how: 'transferred' }]);
    const waiting = await consumer.view();
    assert.equal(waiting.assigned, undefined);
    assert.equal(waiting.skillId, 2);
    assert.equal(waiting.transferReason, 'Consumer asked for a person');
    assert.equal(sim.messaging.humanTakes(id).agentId, '2001');
    sim.messaging.humanSays(id, 'Alice here');
    await consumer.says('thanks');
    assert.deepEqual(await consumer.agentTexts(), ['Alice here']);
    assert.deepEqual(bot.heard.textsOf(id), ['agent please'], 'the bot hears nothing after it left');
    await assert.rejects(bot.agent.publishText(id, 'still here?'), /refused with 403/);
  });

  it('closes a conversation; a consumer close is heard as conversationClosed(closed, CONSUMER)', async () => {
    bot = await startBot(sim);
    const a = await Consumer.start(sim, 'one');
    const b = await Consumer.start(sim, 'two');
    await waitFor('two started', () => bot!.heard.started.length === 2);
    await bot.agent.close(a.conversationId);
    assert.equal((await a.view()).state, 'CLOSE');
    await b.close();
    await waitFor('two closed', () => bot!.heard.closed.length === 2);
    assert.deepEqual(bot.heard.closed, [
      { conversationId: a.conversationId, how: 'closed', closeReason: 'AGENT' },
      { conversationId: b.conversationId, how: 'closed', closeReason: 'CONSUMER' },
    ]);
    assert.deepEqual(bot.agent.openConversations(), []);
  });
});
