import assert from 'node:assert/strict';
import { startAgentsBot, type AgentsBotHandles } from '../../samples/agents-bot/app.js';
import { messages } from '../../samples/support-bot/messages.js';
import { SUPPORT_BOT_VARIANTS } from '../../samples/support-bot/variants.js';
import { pickVariant } from '../../src/agents/index.js';
import type { LiveEngageSimulator } from '../../src/simulator/index.js';
import { linesBy, waitFor, waitForLines } from '../support/harness.js';

describe('sample: the Agents SDK support bot on the embedded LiveEngage simulator', function () {
  this.timeout(20_000);
  let app: AgentsBotHandles | undefined;
  let sim: LiveEngageSimulator;
  const log: string[] = [];

  beforeEach(async () => {
    app = await startAgentsBot({ port: 0, simulatorPort: 0, typingDelayMs: 0, log: (line) => log.push(line) });
    sim = app.simulator!;
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('welcomes, answers, remembers it asked for an order number, and hands the chat to human-support', async () => {
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Ada' });
    assert.deepEqual(await waitForLines(sim, chatId, 1), [pickVariant(chatId, SUPPORT_BOT_VARIANTS).welcome('Ada')]);
    sim.visitorSays(chatId, 'how much does it cost?');
    await waitForLines(sim, chatId, 2);
    sim.visitorSays(chatId, 'where is my order?');
    await waitForLines(sim, chatId, 3);
    sim.visitorSays(chatId, '123456');
    await waitForLines(sim, chatId, 4);
    assert.deepEqual(linesBy(sim, chatId, 'agent').slice(1), [messages.pricing, messages.askOrderNumber, messages.orderStatus('123456')]);
    sim.visitorSays(chatId, 'I want to talk to a person');
    await waitFor('transfer', () => sim.chat(chatId).skill.name === 'human-support');
    assert.equal(linesBy(sim, chatId, 'agent').at(-2), messages.escalating);
    assert.deepEqual(log.filter((line) => /turn failed/.test(line)), []);
  });

  it('shows "typing…" on LiveEngage for typingDelayMs before each answer', async () => {
    await app!.close();
    app = await startAgentsBot({ port: 0, simulatorPort: 0, typingDelayMs: 400, log: (line) => log.push(line) });
    sim = app.simulator!;
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Cy' });
    await waitForLines(sim, chatId, 1);
    sim.visitorSays(chatId, 'how much does it cost?');
    await waitFor('the agent typing, the answer not yet there', () => sim.chat(chatId).agentTyping && linesBy(sim, chatId, 'agent').length === 1);
    assert.equal((await waitForLines(sim, chatId, 2))[1], messages.pricing);
    assert.equal(sim.chat(chatId).agentTyping, false, 'the line clears it');
  });

  it('on "bye" asks for a rating, asks again after a non-answer, records the rating, thanks and ends the chat', async () => {
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Bo' });
    await waitForLines(sim, chatId, 1);
    sim.visitorSays(chatId, 'bye');
    await waitForLines(sim, chatId, 2);
    sim.visitorSays(chatId, 'hmm');
    await waitForLines(sim, chatId, 3);
    sim.visitorSays(chatId, 'four');
    await waitFor('ended', () => sim.chat(chatId).state === 'ended');
    assert.deepEqual(linesBy(sim, chatId, 'agent').slice(1), [messages.csatQuestion, messages.csatRetry, messages.csatThanks(4)]);
    assert.deepEqual(sim.chat(chatId).survey, { '25245945': 'Yes', '25245946': 'CSAT 4/5' });
    const variant = pickVariant(chatId, SUPPORT_BOT_VARIANTS).name;
    assert.deepEqual(app!.metrics.summary().bots.map((b) => [b.variant, b.csat.distribution['4']]), [[variant, 1]]);
  });
});
