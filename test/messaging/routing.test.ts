import assert from 'node:assert/strict';
import { isMessagingError, messagingLogin, wire } from '../../src/messaging/index.js';
import type { LiveEngageSimulator } from '../../src/simulator/index.js';
import { BOT, Consumer, control, startBot, startSimulator, waitFor, type Bot } from './support.js';

const BOT_2 = { username: 'support-bot-2', password: 'bot-password-2' };

describe('Messaging simulator: routing, transfer to an agent, faults over HTTP', function () {
  let sim: LiveEngageSimulator;
  const bots: Bot[] = [];
  const start = async (...args: Parameters<typeof startBot> extends [unknown, ...infer R] ? R : never) => {
    const bot = await startBot(sim, ...args);
    bots.push(bot);
    return bot;
  };

  beforeEach(async () => {
    sim = await startSimulator();
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.stop();
    await sim.stop();
  });

  it('the Domain API and the login name the Messaging host', async () => {
    const response = await fetch(`${sim.url}/api/account/${sim.accountId}/service/asyncMessagingEnt/baseURI.json?version=1.0`);
    assert.deepEqual(await response.json(), { service: 'asyncMessagingEnt', account: sim.accountId, baseURI: `127.0.0.1:${sim.port}` });
    const login = await messagingLogin({ accountId: sim.accountId, credentials: BOT, domainApiUrl: sim.url });
    assert.equal(login.host, `127.0.0.1:${sim.port}`);
    assert.equal(login.userId, '1001');
  });

  it('nothing rings before the consumer says something', async () => {
    const bot = await start();
    const consumer = await Consumer.start(sim, undefined);
    assert.equal(sim.messaging.stats().rings.offered, 0);
    await consumer.says('now');
    await waitFor('started', () => bot.heard.started[0]);
  });

  it('maxConversations: the bot takes no more than it may; the rest keep ringing for someone else', async () => {
    const bot = await start({ agent: { maxConversations: 1 } });
    await Consumer.start(sim, 'one');
    const second = await Consumer.start(sim, 'two');
    await waitFor('one started', () => bot.heard.started.length === 1);
    await waitFor('two rang', () => sim.messaging.stats().rings.offered >= 2);
    const other = await start({ credentials: BOT_2 });
    await waitFor('two taken by the other bot', () => other.heard.started[0]);
    assert.equal(other.heard.started[0]?.conversationId, second.conversationId);
    assert.equal(bot.heard.started.length, 1);
  });

  it('a REJECTED ring goes to the other bot and never back to the one that rejected it', async () => {
    const rejecting = await start({ agent: { acceptRings: false } });
    rejecting.connection.on('notification', (n) => {
      const body = n.body as { changes?: Array<{ result: { ringsDetails?: Array<{ ringId: string; ringState: string }> } }> };
      for (const ring of body.changes?.flatMap((c) => c.result.ringsDetails ?? []) ?? []) {
        if (ring.ringState === 'WAITING') void rejecting.connection.request(wire.REQ.updateRingState, { ringId: ring.ringId, ringState: 'REJECTED' });
      }
    });
    const consumer = await Consumer.start(sim, 'hello?');
    await waitFor('rejected, nobody rings', async () => (await consumer.view()).ringing.length === 0 && sim.messaging.stats().rings.offered === 1);
    const other = await start({ credentials: BOT_2 });
    await waitFor('the other bot takes it', () => other.heard.started[0]);
    assert.equal(sim.messaging.stats().rings.offered, 2);
  });

  it('transfer to a bot agent: only that bot is rung, and SUGGESTED is not assigned yet', async () => {
    const first = await start();
    const second = await start({ credentials: BOT_2, agent: { acceptRings: false } });
    const consumer = await Consumer.start(sim, 'hi');
    // Both bots are rung; only the first accepts.
    const id = (await waitFor('first takes it', () => first.heard.started[0])).conversationId;
    await waitFor('second ring cancelled', async () => (await consumer.view()).ringing.length === 0);
    await first.agent.transferToAgent(id, '1002', '1', { reason: 'specialist' });
    const view = await waitFor('suggested', async () => {
      const v = await consumer.view();
      return v.suggested && v.ringing.length === 1 ? v : undefined;
    });
    assert.equal(view.suggested?.id, '1002');
    assert.deepEqual(view.ringing.map((a) => a.id), ['1002']);
    assert.deepEqual(first.heard.closed, [{ conversationId: id, how: 'transferred' }]);
    assert.equal(second.heard.started.length, 0, 'SUGGESTED is not yet assigned');
  });

  it('transfer to a human agent: the human takes it with humanTakes', async () => {
    const bot = await start();
    const consumer = await Consumer.start(sim, 'hi');
    const id = (await waitFor('started', () => bot.heard.started[0])).conversationId;
    await bot.agent.transferToAgent(id, '2002', '3');
    assert.equal((await consumer.view()).suggested?.id, '2002');
    assert.deepEqual(await control(sim, 'POST', `/conversations/${id}/take`, {}), { agentId: '2002' });
    await control(sim, 'POST', `/conversations/${id}/agent-messages`, { text: 'Bob here' });
    assert.deepEqual(await consumer.agentTexts(), ['Bob here']);
  });

  it('publishing into a closed conversation is refused with a clear code', async () => {
    const bot = await start();
    const consumer = await Consumer.start(sim, 'hi');
    const id = (await waitFor('started', () => bot.heard.started[0])).conversationId;
    await consumer.close();
    await assert.rejects(bot.agent.publishText(id, 'late'), (e: unknown) => isMessagingError(e) && e.kind === 'rejected' && e.code === 400 && /closed/.test(e.message));
  });

  it('faults, socket drops and close codes over the HTTP control API', async () => {
    const bot = await start();
    await control(sim, 'POST', '/faults', { type: wire.REQ.getClock, refuse: 503 });
    await assert.rejects(bot.connection.request(wire.REQ.getClock), (e: unknown) => isMessagingError(e) && e.code === 503);
    assert.deepEqual(await control(sim, 'POST', '/sockets/close', { code: 4000, reason: 'test' }), { closed: 1 });
    await waitFor('reconnected', () => bot.heard.ready.length === 2);
    assert.deepEqual(bot.heard.disconnects, [4000]);
    const stats = await control<{ connections: number; requests: Record<string, number> }>(sim, 'GET', '/stats');
    assert.equal(stats.connections, 2);
    assert.equal(stats.requests[wire.REQ.setAgentState], 2);
  });

  it('an idle socket is closed by the server (1000) and the client comes back', async () => {
    await sim.stop();
    sim = await startSimulator({ messaging: { idleTimeoutMs: 150 } });
    const bot = await start({ connection: { keepAliveMs: 0, pingMs: 0 } });
    await waitFor('closed idle and back', () => bot.heard.ready.length >= 2, 5000);
    assert.equal(bot.heard.disconnects[0], 1000);
    await bot.stop();
    const kept = await start({ credentials: BOT_2, connection: { keepAliveMs: 50 } });
    const before = sim.messaging.stats().connections;
    await waitFor('a few keep-alives', () => (sim.messaging.stats().requests[wire.REQ.getClock] ?? 0) >= 6);
    assert.equal(sim.messaging.stats().connections, before, 'the keep-alive kept its socket');
    assert.deepEqual(kept.heard.disconnects, []);
  });

  it('a re-login the Login Service refuses (blocked user) is fatal, not a loop', async () => {
    const bot = await start();
    sim.blockUser('support-bot');
    sim.messaging.expireToken('support-bot');
    await waitFor('fatal', () => bot.heard.fatal);
    assert.ok(isMessagingError(bot.heard.fatal) && bot.heard.fatal.code === 451);
    assert.equal(bot.connection.status, 'fatal');
  });
});
