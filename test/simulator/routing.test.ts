import assert from 'node:assert/strict';
import { LiveEngageSimulator, SIMULATOR_DEFAULTS } from '../../src/simulator/index.js';
import { call, TestAgent, type Json } from '../support/simulatorClient.js';

const BOT_2 = { username: 'support-bot-2', password: 'bot-password-2' };

function brief(events: Json[]): string[] {
  return events.map((e) =>
    e['@type'] === 'state'
      ? `state ${e.state}`
      : `${e.source}${e.systemMessageId !== undefined ? ` ${e.systemMessageId}` : ''}${e.subType === 'ONLY_TO_REP' ? ' (agents only)' : ''}: ${e.text}`,
  );
}

describe('simulator: routing, transfers, humans, logout', () => {
  let sim: LiveEngageSimulator;

  beforeEach(async () => {
    sim = new LiveEngageSimulator({
      log: false,
      botUsers: [
        ...SIMULATOR_DEFAULTS.botUsers,
        { id: '1003', loginName: 'small-bot', nickname: 'Small Bot', password: 'small', skills: [3], maxChats: 1 },
        { id: '1004', loginName: 'triage-bot', nickname: 'Triage Bot', password: 'triage', skills: [2], maxChats: -1 },
      ],
    });
    await sim.start();
  });

  afterEach(() => sim.stop());

  const ringingAgent = (chatId: string): string | undefined => sim.chat(chatId).queue?.ringing?.id;

  describe('ringing', () => {
    it('rings one agent, least busy first, ties to the one idle longest', async () => {
      const one = await TestAgent.start(sim);
      await TestAgent.start(sim, { credentials: BOT_2 });
      const a = sim.startChat({ skill: 'support-bot' }).chatId;
      const b = sim.startChat({ skill: 'support-bot' }).chatId;
      assert.equal(ringingAgent(a), '1001');
      assert.equal(ringingAgent(b), '1002', 'the less busy agent');
      const c = sim.startChat({ skill: 'support-bot' }).chatId;
      assert.equal(ringingAgent(c), '1001', 'equal load: the one rung longest ago');
      assert.equal(await one.ringingCount(), 2);
      await one.accept();
      await one.accept();
      const d = sim.startChat({ skill: 'support-bot' }).chatId;
      assert.equal(ringingAgent(d), '1002', '1001 chats in two, 1002 has one ringing');
    });

    it('rings nobody Away, Offline, without a session or at capacity; the queue drains when one can', async () => {
      const small = await TestAgent.start(sim, { credentials: { username: 'small-bot', password: 'small' }, online: false });
      const first = sim.startChat({ skill: 'sales' }).chatId;
      const second = sim.startChat({ skill: 'sales' }).chatId;
      assert.equal(ringingAgent(first), undefined);
      await small.setAvailability('Away');
      assert.equal(ringingAgent(first), undefined);
      await small.setAvailability('Online');
      assert.equal(ringingAgent(first), '1003');
      assert.equal(ringingAgent(second), undefined, 'maxChats 1: ringing counts');
      const chatUrl = await small.accept();
      assert.equal(ringingAgent(second), undefined, 'maxChats 1: chatting counts');
      assert.equal((await small.request('/chat/availableSlots')).json.availableSlots, 0);
      await small.end(chatUrl);
      assert.equal(ringingAgent(second), '1003', 'a freed slot takes the next chat');
    });

    it('un-rings chats when their agent goes Away, and rings them elsewhere', async () => {
      const one = await TestAgent.start(sim);
      const chatId = sim.startChat({ skill: 'support-bot' }).chatId;
      const two = await TestAgent.start(sim, { credentials: BOT_2, online: false });
      assert.equal(ringingAgent(chatId), '1001');
      await one.setAvailability('Away');
      assert.equal(ringingAgent(chatId), undefined);
      assert.equal(await one.ringingCount(), 0);
      await two.setAvailability('Online');
      assert.equal(ringingAgent(chatId), '1002');
    });

    it('rings bot sessions that have a human skill', async () => {
      const triage = await TestAgent.start(sim, { credentials: { username: 'triage-bot', password: 'triage' } });
      const chatId = sim.startChat({ skill: 'human-support' }).chatId;
      assert.equal(ringingAgent(chatId), '1004');
      assert.equal(await triage.ringingCount(), 1);
    });
  });

  describe('transfers', () => {
    it('to a skill: system line 15, an agents-only note, waiting; the old agent can read but not write', async () => {
      const bot = await TestAgent.start(sim);
      const chatId = sim.startChat({ skill: 'support-bot', visitorName: 'Ada' }).chatId;
      const chatUrl = await bot.accept();
      const res = await bot.request(`${chatUrl}/transfer?v=1&NC=true`, {
        body: { transfer: { skill: { id: 2 }, text: 'Wants a refund.' } },
      });
      assert.equal(res.status, 200);
      assert.equal(res.text, '');
      assert.deepEqual(brief(await bot.events(chatUrl, 4)), [
        'system 15: Please wait while I transfer the chat to human-support.',
        'agent (agents only): Wants a refund.',
        'state waiting',
      ]);
      assert.deepEqual((await bot.request('/chatSessions')).json, { chatSessions: null });
      assert.equal((await bot.request(chatUrl)).status, 200, 'the chat stays readable');
      assert.equal((await bot.say(chatUrl, 'still here?')).status, 403);
      assert.equal((await bot.end(chatUrl)).status, 403);
      const view = sim.chat(chatId);
      assert.equal(view.skill.name, 'human-support');
      assert.equal(view.agent, undefined);
      assert.deepEqual(
        sim.queues().find((q) => q.skill.id === 2)?.waiting.map((w) => w.chatId),
        [chatId],
      );
      // a human takes it, answers, ends
      assert.deepEqual(sim.humanTakes(chatId), { agentId: '2001' });
      sim.humanSays(chatId, 'Hi Ada, Alice here.');
      sim.humanEnds(chatId);
      assert.deepEqual(brief(await bot.events(chatUrl, 7)), [
        'state chatting',
        'system 3: You are now chatting with Alice.',
        'agent: Hi Ada, Alice here.',
        'system 5: Alice has ended the chat.',
        'state ended',
      ]);
    });

    it('to a skill with another bot: rings that bot, never the one that transferred, which sees the note', async () => {
      const one = await TestAgent.start(sim);
      const two = await TestAgent.start(sim, { credentials: BOT_2 });
      await two.setAvailability('Away');
      const chatId = sim.startChat({ skill: 'support-bot' }).chatId;
      const chatUrl = await one.accept();
      await two.setAvailability('Online');
      const skills = (await one.request(`${chatUrl}/transfer`)).json.transfer.skill;
      assert.deepEqual(skills.map((s: Json) => s.id), ['1', '2']);
      assert.equal((await one.request(`${chatUrl}/transfer`, { body: { transfer: { skill: { id: '1' }, text: 'over to you' } } })).status, 200);
      assert.equal(ringingAgent(chatId), '1002');
      const url2 = await two.accept();
      const events = await two.events(url2);
      assert.ok(brief(events).includes('agent (agents only): over to you'));
      assert.deepEqual(brief(events).slice(-2), ['state chatting', 'system 3: You are now chatting with Support Bot 2.']);
    });

    it('to an agent: system line 13; a bot is rung directly, a human waits for humanTakes', async () => {
      const one = await TestAgent.start(sim);
      const two = await TestAgent.start(sim, { credentials: BOT_2 });
      await two.setAvailability('Occupied'); // Occupied agents still receive transfers
      const first = sim.startChat({ skill: 'support-bot' }).chatId;
      const url = await one.accept();
      const res = await one.request(`${url}/transfer`, { body: fixtureAgentTransfer('1002') });
      assert.equal(res.status, 200);
      assert.equal(ringingAgent(first), '1002');
      assert.ok(brief(await one.events(url, 4))[0]?.startsWith('system 13: Please wait while I transfer the chat to Support Bot 2.'));

      const second = sim.startChat({ skill: 'support-bot' }).chatId;
      await one.setAvailability('Online');
      const url2 = await one.accept();
      assert.ok(url2.endsWith(second));
      // both given: the agent wins
      assert.equal((await one.request(`${url2}/transfer`, { body: { transfer: { skill: { id: 3 }, agent: { id: 2001 } } } })).status, 200);
      const view = sim.chat(second);
      assert.equal(view.queue?.directedTo?.id, '2001');
      assert.equal(view.skill.name, 'support-bot');
      assert.deepEqual(sim.humanTakes(second), { agentId: '2001' });
      assert.equal(sim.chat(second).agent?.nickname, 'Alice');
    });

    it('refuses an unavailable skill or agent with 400 in the envelope, and leaves the chat alone', async () => {
      const bot = await TestAgent.start(sim);
      const chatId = sim.startChat({ skill: 'support-bot' }).chatId;
      const url = await bot.accept();
      for (const transfer of [{ skill: { id: 3 } }, { skill: { id: 99 } }, { agent: { id: 2002 } }, { agent: { id: 1001 } }, {}]) {
        const res = await bot.request(`${url}/transfer`, { body: { transfer } });
        assert.equal(res.status, 400, JSON.stringify(transfer));
        assert.equal(res.json.error.responseStatus, 'BAD_REQUEST');
      }
      assert.equal(sim.chat(chatId).state, 'chatting');
      assert.equal(sim.chat(chatId).events.length, 4);
    });
  });

  describe('logout and revocation', () => {
    it('logout returns open chats to the queue (system line 23) and another agent gets them', async () => {
      const one = await TestAgent.start(sim);
      const chatId = sim.startChat({ skill: 'support-bot' }).chatId;
      const url = await one.accept();
      const two = await TestAgent.start(sim, { credentials: BOT_2 });
      const res = await one.logout();
      assert.equal(res.status, 200);
      assert.equal(ringingAgent(chatId), '1002');
      const url2 = await two.accept();
      assert.deepEqual(brief(await two.events(url2, 4)), [
        'system 23: The chat was re-queued. An agent will be with you shortly.',
        'state waiting',
        'state chatting',
        'system 3: You are now chatting with Support Bot 2.',
      ]);
      assert.equal((await one.request(url)).status, 401);
      const agents = sim.agents();
      assert.deepEqual(
        agents.filter((a) => a.kind === 'bot').map((a) => [a.id, a.loggedIn, a.availability]),
        [['1001', false, 'Offline'], ['1002', true, 'Online'], ['1003', false, 'Offline'], ['1004', false, 'Offline']],
      );
    });

    it('revokeBearer by bearer value ends just that login', async () => {
      // Another user: one user has one login at a time (a second login ends the first, see sessionRule.test.ts).
      const first = await TestAgent.start(sim);
      const second = await TestAgent.start(sim, { credentials: { username: 'support-bot-2', password: 'bot-password-2' } });
      assert.deepEqual(sim.revokeBearer(first.auth.bearer), { revoked: 1 });
      assert.equal((await first.request('/info')).status, 401);
      assert.equal((await second.request('/info')).status, 200);
      assert.throws(() => sim.revokeBearer('nobody'), /No user or bearer/);
      const logout = await call(`${sim.url}/api/account/${sim.accountId}/logout`, {
        headers: { Cookie: first.auth.cookie },
        body: { csrf: first.auth.csrf },
      });
      assert.equal(logout.status, 401);
    });
  });

  describe('visitors and humans through the JS control API', () => {
    it('shows visitor typing in info and clears it with the visitor\'s line', async () => {
      const bot = await TestAgent.start(sim);
      const chatId = sim.startChat({ skill: 'support-bot' }).chatId;
      const url = await bot.accept();
      sim.visitorTyping(chatId, true);
      assert.equal((await bot.request(`${url}/info`)).json.info.visitorTyping, 'typing');
      assert.deepEqual(sim.visitorSays(chatId, '<b>hi</b>', { textType: 'html' }), { eventId: 4 });
      const info = (await bot.request(`${url}/info`)).json.info;
      assert.equal(info.visitorTyping, 'not-typing');
      const [line] = await bot.events(url, 4);
      assert.equal(line.textType, 'html');
    });

    it('refuses what a real chat would not allow, with SimulatorError reasons', () => {
      const chatId = sim.startChat({ skill: 'sales' }).chatId;
      assert.throws(() => sim.startChat({ skill: 'nope' }), { name: 'SimulatorError', reason: 'notFound' });
      assert.throws(() => sim.humanTakes(chatId), { reason: 'conflict' }, 'Bob (sales) is offline');
      assert.throws(() => sim.humanTakes(chatId, '1001'), { reason: 'invalid' });
      sim.setHumanOnline('2002', true);
      assert.deepEqual(sim.humanTakes(chatId), { agentId: '2002' });
      assert.throws(() => sim.humanTakes(chatId), { reason: 'conflict' });
      assert.throws(() => sim.humanSays(chatId, 'x', '2001'), { reason: 'invalid' });
      sim.visitorEnds(chatId);
      assert.throws(() => sim.visitorSays(chatId, 'x'), { reason: 'conflict' });
      assert.throws(() => sim.humanEnds(chatId), { reason: 'conflict' });
      assert.throws(() => sim.chat('missing'), { reason: 'notFound' });
      assert.throws(() => sim.setHumanOnline('1001', true), { reason: 'invalid' });
    });

    it('forgets the oldest ended chats beyond maxEndedChats', async () => {
      await sim.stop();
      sim = new LiveEngageSimulator({ log: false, maxEndedChats: 2 });
      await sim.start();
      const ids = [1, 2, 3].map(() => sim.startChat({ skill: 'sales' }).chatId);
      for (const id of ids) sim.visitorEnds(id);
      assert.deepEqual(sim.chats().map((c) => c.id), ids.slice(1));
      assert.deepEqual(sim.stats().chats, { waiting: 0, chatting: 0, ended: 2 });
    });
  });
});

function fixtureAgentTransfer(agentId: string): Json {
  return { transfer: { agent: { id: Number(agentId) }, text: 'I think this person needs some help from you.' } };
}
