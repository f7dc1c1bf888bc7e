import assert from 'node:assert/strict';
import { startSupportBot, type SupportBotHandles } from '../../samples/support-bot/app.js';
import { messages } from '../../samples/support-bot/messages.js';
import type { LiveEngageSimulator } from '../../src/simulator/index.js';
import { linesBy, waitFor, waitForLines } from '../support/harness.js';

describe('sample: the support bot on the embedded LiveEngage simulator', function () {
  this.timeout(20_000);
  let app: SupportBotHandles | undefined;
  let sim: LiveEngageSimulator;

  beforeEach(async () => {
    app = await startSupportBot({ port: 0, simulatorPort: 0, pollIntervalMs: 50, typingDelayMs: 0, log: () => undefined });
    sim = app.simulator!;
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('starts the simulator and the page when no LiveEngage account is configured', async () => {
    assert.ok(app!.simulator);
    assert.equal(app!.pageUrl, `${sim.url}/`);
    const bot = sim.agents().find((a) => a.loginName === 'support-bot');
    assert.equal(bot?.availability, 'Online');
    assert.equal(bot?.loggedIn, true);
    const page = await fetch(app!.pageUrl!);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /LiveEngage simulator/);
  });

  it('welcomes, answers, and hands the chat to human-support, where Alice takes it', async () => {
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Ada' });
    assert.deepEqual(await waitForLines(sim, chatId, 1), [messages.welcome('Ada')]);
    sim.visitorSays(chatId, 'What are your opening hours?');
    assert.equal((await waitForLines(sim, chatId, 2))[1], messages.hours);

    sim.visitorSays(chatId, 'agent');
    await waitFor('the chat in the human-support queue', () => sim.queues().find((q) => q.skill.name === 'human-support')?.waiting.some((w) => w.chatId === chatId));
    const chat = sim.chat(chatId);
    assert.equal(chat.state, 'waiting');
    assert.deepEqual(chat.events.filter((e) => e.subType === 'ONLY_TO_REP').map((e) => e.text), ['Visitor asked for a person ("agent")']);
    assert.equal(linesBy(sim, chatId, 'agent').at(-2), messages.escalating);

    assert.deepEqual(sim.humanTakes(chatId, '2001'), { agentId: '2001' });
    sim.humanSays(chatId, 'Hi Ada, Alice here.');
    assert.equal(sim.chat(chatId).agent?.nickname, 'Alice');
    assert.equal(linesBy(sim, chatId, 'agent').at(-1), 'Hi Ada, Alice here.');
  });

  it('escalates on the Escalate intent too ("talk to a person")', async () => {
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Bo' });
    await waitForLines(sim, chatId, 1);
    sim.visitorSays(chatId, 'can I talk to a person please');
    await waitFor('the transfer', () => sim.chat(chatId).skill.name === 'human-support');
    assert.match(sim.chat(chatId).events.find((e) => e.subType === 'ONLY_TO_REP')?.text ?? '', /^Intent Escalate \(0\.95\)$/);
  });

  it('tells the visitor nobody is free when no human is online, and keeps the chat', async () => {
    sim.setHumanOnline('2001', false);
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Cy' });
    await waitForLines(sim, chatId, 1);
    sim.visitorSays(chatId, 'human please');
    await waitFor('the apology', () => linesBy(sim, chatId, 'agent').includes(messages.nobodyFree));
    assert.equal(sim.chat(chatId).skill.name, 'support-bot');
    assert.equal(sim.chat(chatId).agent?.kind, 'bot');
    sim.visitorSays(chatId, 'how much is it?');
    await waitFor('an answer after the failed transfer', () => linesBy(sim, chatId, 'agent').at(-1) === messages.pricing);
  });

  it('ends the chat on goodbye', async () => {
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Di' });
    await waitForLines(sim, chatId, 1);
    sim.visitorSays(chatId, 'bye');
    await waitFor('the end', () => sim.chat(chatId).state === 'ended');
    assert.equal(linesBy(sim, chatId, 'agent').at(-1), messages.goodbye);
    assert.equal(linesBy(sim, chatId, 'system').at(-1), 'Support Bot has ended the chat.');
  });

  it('close() logs the bot out and stops everything; a second close() is harmless', async () => {
    const handles = app!;
    await handles.close();
    await handles.close();
    app = undefined;
    await assert.rejects(fetch(`${sim.url}/simulator/agents`));
    assert.equal(handles.server.server.listening, false);
  });
});
