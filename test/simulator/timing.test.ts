import assert from 'node:assert/strict';
import sinon from 'sinon';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { call, TestAgent, type Json } from '../support/simulatorClient.js';

/**
 * The documented clocks: 20 s to accept, `chatTimeout` (40 s) of agent silence, the login TTL.
 * sinon fakes setTimeout/Date globally; the simulator reads them at call time, so the same fake
 * clock drives it while real loopback HTTP keeps working.
 */
describe('simulator: timing rules under sinon fake timers', () => {
  let clock: sinon.SinonFakeTimers;
  let sim: LiveEngageSimulator;

  beforeEach(async () => {
    clock = sinon.useFakeTimers({ now: Date.parse('2026-01-05T10:00:00Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    sim = new LiveEngageSimulator({ log: false });
    await sim.start();
  });

  afterEach(async () => {
    await sim.stop();
    clock.restore();
  });

  const texts = (events: Json[]): string[] =>
    events.map((e) => (e['@type'] === 'state' ? `state ${e.state}` : `${e.systemMessageId ?? e.source}: ${e.text}`));

  it('sets an agent Away when it does not accept within 20 s, and rings the next agent', async () => {
    const one = await TestAgent.start(sim);
    const two = await TestAgent.start(sim, { credentials: { username: 'support-bot-2', password: 'bot-password-2' } });
    const { chatId } = sim.startChat({ skill: 'support-bot' });
    assert.equal(sim.chat(chatId).queue?.ringing?.id, '1001');
    await clock.tickAsync(19_999);
    assert.equal((await one.request('/availability')).json.availability.chat, 'Online');
    await clock.tickAsync(1);
    assert.equal((await one.request('/availability')).json.availability.chat, 'Away');
    assert.equal(await one.ringingCount(), 0);
    assert.equal(sim.chat(chatId).queue?.ringing?.id, '1002');
    assert.equal(await two.ringingCount(), 1);
    assert.equal(sim.agents().find((a) => a.id === '1001')?.availability, 'Away');
    // accepting within the window works and the chat is not re-rung
    await clock.tickAsync(5_000);
    await two.accept();
    await clock.tickAsync(20_000);
    assert.equal((await two.request('/availability')).json.availability.chat, 'Online');
  });

  it('puts a lapsed chat back at the front of the queue when nobody else can take it', async () => {
    const agent = await TestAgent.start(sim);
    const first = sim.startChat({ skill: 'support-bot' }).chatId;
    await clock.tickAsync(20_000);
    const second = sim.startChat({ skill: 'support-bot' }).chatId;
    assert.deepEqual(
      sim.queues().find((q) => q.skill.name === 'support-bot')?.waiting.map((w) => [w.chatId, w.ringing]),
      [[first, undefined], [second, undefined]],
    );
    await agent.setAvailability('Online');
    assert.equal(await agent.ringingCount(), 2);
    const accepted = await agent.accept();
    assert.ok(accepted.endsWith(first), 'the oldest chat is accepted first');
  });

  it('ends a chat its agent leaves alone for chatTimeout seconds; any agent request resets it', async () => {
    const agent = await TestAgent.start(sim);
    const { chatId } = sim.startChat({ skill: 'support-bot' });
    const chatUrl = await agent.accept();
    await clock.tickAsync(39_000);
    await agent.events(chatUrl, 4); // a poll touches the chat
    const touchedAt = new Date(Date.now()).toISOString().replace('Z', '+00:00');
    await clock.tickAsync(39_000);
    const info = (await agent.request(`${chatUrl}/info`)).json.info; // so does an info read
    assert.equal(info.state, 'chatting');
    assert.equal(info.chatTimeout, 40);
    assert.equal(info.lastUpdate, new Date(Date.now()).toISOString().replace('Z', '+00:00'));
    assert.notEqual(info.lastUpdate, touchedAt);
    await clock.tickAsync(39_999);
    assert.equal(sim.chat(chatId).state, 'chatting');
    await clock.tickAsync(1);
    assert.equal(sim.chat(chatId).state, 'ended');
    assert.deepEqual(texts(await agent.events(chatUrl, 4)), ['6: The chat was disconnected unexpectedly.', 'state ended']);
    assert.equal((await agent.request('/chatSessions')).json.chatSessions, null);
  });

  it('never times out a chat waiting in a queue, or one a simulated human holds', async () => {
    const waiting = sim.startChat({ skill: 'sales' }).chatId;
    const human = sim.startChat({ skill: 'human-support' }).chatId;
    sim.humanTakes(human);
    await clock.tickAsync(10 * 60_000);
    assert.equal(sim.chat(waiting).state, 'waiting');
    assert.equal(sim.chat(human).state, 'chatting');
  });

  it('expires a login after sessionTtl unless refreshed; expiry keeps the chats, a new login finds them', async () => {
    await sim.stop();
    sim = new LiveEngageSimulator({ log: false, sessionTtlMs: 60_000 });
    await sim.start();
    const agent = await TestAgent.start(sim);
    const { chatId } = sim.startChat({ skill: 'support-bot' });
    const chatUrl = await agent.accept();
    await clock.tickAsync(30_000);
    await agent.events(chatUrl);
    const refresh = await call(`${sim.url}/api/account/${sim.accountId}/refresh`, {
      headers: { Cookie: agent.auth.cookie },
      body: { csrf: agent.auth.csrf },
    });
    assert.equal(refresh.status, 200);
    // keep the chat alive meanwhile: the chat timeout is not what this test is about
    for (let i = 0; i < 2; i += 1) {
      await clock.tickAsync(29_000);
      await agent.events(chatUrl);
    }
    await clock.tickAsync(2_000); // 60 s after the refresh
    const expired = await agent.request('/chatSessions');
    assert.equal(expired.status, 401);
    assert.equal(sim.chat(chatId).state, 'chatting', 'expiry does not re-queue');
    assert.equal(sim.agents().find((a) => a.id === '1001')?.availability, 'Offline');
    const again = await TestAgent.start(sim);
    const listed = (await again.request('/chatSessions')).json.chatSessions.chatSession[0];
    assert.equal(listed.chatSessionKey, chatId);
    assert.equal((await again.say(listed.link.href, 'I am back')).status, 201);
  });
});
