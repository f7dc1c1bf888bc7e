import assert from 'node:assert/strict';
import sinon from 'sinon';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { TestAgent } from '../support/simulatorClient.js';

/** The opt-in rule for a bot that died without logging out: its silent agent session is closed. */
describe('simulator: agentSessionIdleSeconds under sinon fake timers', () => {
  let clock: sinon.SinonFakeTimers;
  let sim: LiveEngageSimulator;

  beforeEach(async () => {
    clock = sinon.useFakeTimers({ now: Date.parse('2026-01-05T10:00:00Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    sim = new LiveEngageSimulator({ log: false, agentSessionIdleSeconds: 30 });
    await sim.start();
  });

  afterEach(async () => {
    await sim.stop();
    clock.restore();
  });

  it('closes an agent session silent for that long; the user\'s last one re-queues its chats (line 23) for other bots', async () => {
    const dying = await TestAgent.start(sim);
    const { chatId } = sim.startChat({ skill: 'support-bot' });
    const chatUrl = await dying.accept();
    await clock.tickAsync(29_000);
    await dying.events(chatUrl, 0); // any request keeps the session alive (this one the chat too)
    await clock.tickAsync(29_000);
    assert.equal(sim.chat(chatId).state, 'chatting');
    const other = await TestAgent.start(sim, { credentials: { username: 'support-bot-2', password: 'bot-password-2' } });
    await clock.tickAsync(1_000);
    await other.ringingCount();
    assert.equal(sim.chat(chatId).state, 'waiting');
    assert.equal(sim.chat(chatId).events.at(-2)?.systemMessageId, 23);
    assert.equal(sim.agents().find((a) => a.id === '1001')?.availability, 'Offline');
    assert.equal(sim.chat(chatId).queue?.ringing?.id, '1002');
    assert.equal((await dying.request('/availability')).status, 404, 'the closed session is gone');
  });

  it('is off by default', async () => {
    const quiet = new LiveEngageSimulator({ log: false });
    await quiet.start();
    const agent = await TestAgent.start(quiet);
    await clock.tickAsync(10 * 60_000);
    assert.equal((await agent.request('/availability')).status, 200);
    await quiet.stop();
  });
});
