import assert from 'node:assert/strict';
import { isMessagingError, wire } from '../../src/messaging/index.js';
import type { LiveEngageSimulator } from '../../src/simulator/index.js';
import { Consumer, startBot, startSimulator, waitFor, type Bot } from './support.js';

/** Every consumer message heard once, in sequence order: nothing lost, nothing doubled. */
function assertExactlyOnce(bot: Bot, conversationId: string, texts: string[]): void {
  const heard = bot.heard.messages.filter((m) => m.conversationId === conversationId);
  assert.deepEqual(heard.map((m) => m.text), texts);
  const sequences = heard.map((m) => m.sequence);
  assert.deepEqual([...sequences].sort((a, b) => a - b), sequences, 'in sequence order');
  assert.equal(new Set(sequences).size, sequences.length, 'no sequence twice');
}

describe('Messaging reliability: reconnect, catch-up by sequence, re-login, timeouts', function () {
  let sim: LiveEngageSimulator;
  const bots: Bot[] = [];
  const start = async (...args: Parameters<typeof startBot> extends [unknown, ...infer R] ? R : never) => {
    const bot = await startBot(sim, ...args);
    bots.push(bot);
    return bot;
  };
  const talking = async (bot: Bot, first = 'm1') => {
    const consumer = await Consumer.start(sim, first);
    await waitFor('the first message', () => bot.heard.textsOf(consumer.conversationId).length === 1);
    return consumer;
  };

  beforeEach(async () => {
    sim = await startSimulator();
  });
  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.stop();
    await sim.stop();
  });

  it('a dropped socket reconnects, resubscribes and catches up what was said meanwhile: nothing lost or doubled', async () => {
    const bot = await start();
    const consumer = await talking(bot);
    sim.messaging.dropSockets();
    // Said while the bot has no socket: only QueryMessages can bring these.
    sim.messaging.consumerSays(consumer.conversationId, 'm2');
    sim.messaging.consumerSays(consumer.conversationId, 'm3');
    sim.messaging.consumerSays(consumer.conversationId, 'm4');
    await waitFor('reconnected', () => bot.heard.ready.includes(true));
    await waitFor('catch-up', () => bot.heard.textsOf(consumer.conversationId).length >= 4);
    await consumer.says('m5');
    await waitFor('m5 live', () => bot.heard.textsOf(consumer.conversationId).includes('m5'));
    assertExactlyOnce(bot, consumer.conversationId, ['m1', 'm2', 'm3', 'm4', 'm5']);
    assert.deepEqual(bot.heard.disconnects, [1006]);
    assert.equal(bot.heard.started.length, 1, 'the conversation did not start twice');
    assert.equal(sim.messaging.availability('support-bot'), 'ONLINE');
  });

  it('catches up over several QueryMessages pages', async () => {
    const bot = await start({ agent: { catchUpPageSize: 2 } });
    const consumer = await talking(bot);
    sim.messaging.dropSockets();
    for (const text of ['a', 'b', 'c', 'd', 'e']) sim.messaging.consumerSays(consumer.conversationId, text);
    await waitFor('caught up', () => bot.heard.textsOf(consumer.conversationId).length >= 6);
    await consumer.says('f');
    await waitFor('f', () => bot.heard.textsOf(consumer.conversationId).includes('f'));
    assertExactlyOnce(bot, consumer.conversationId, ['m1', 'a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('a catch-up that fails is made up by the next live event past the gap', async () => {
    const bot = await start();
    const consumer = await talking(bot);
    sim.messaging.injectFault({ type: wire.REQ.queryMessages, refuse: 500 });
    sim.messaging.dropSockets();
    sim.messaging.consumerSays(consumer.conversationId, 'm2');
    await waitFor('the reconnect catch-up was refused', () => sim.messaging.stats().faultsFired === 1 && bot.heard.ready.includes(true));
    await consumer.says('m3');
    await waitFor('m3', () => bot.heard.textsOf(consumer.conversationId).includes('m3'));
    assertExactlyOnce(bot, consumer.conversationId, ['m1', 'm2', 'm3']);
  });

  it('a conversation closed while the socket was down is reported closed after the reconnect', async () => {
    const bot = await start();
    const consumer = await talking(bot);
    sim.messaging.dropSockets();
    sim.messaging.consumerCloses(consumer.conversationId);
    await waitFor('closed', () => bot.heard.closed[0]);
    assert.equal(bot.heard.closed[0]?.conversationId, consumer.conversationId);
    assert.deepEqual(bot.agent.openConversations(), []);
  });

  it('a restarted process resumes from its stored progress: no old message again, no new one skipped', async () => {
    const first = await start();
    const consumer = await talking(first);
    await consumer.says('m2');
    await waitFor('m2', () => first.heard.textsOf(consumer.conversationId).length === 2);
    const stored = first.heard.progress.get(consumer.conversationId);
    assert.ok(stored !== undefined);
    await first.connection.close(); // dies without going AWAY or closing anything
    sim.messaging.consumerSays(consumer.conversationId, 'm3');
    const second = await start({ agent: { loadProgress: (id) => (id === consumer.conversationId ? stored : undefined) } });
    await waitFor('m3 after restart', () => second.heard.textsOf(consumer.conversationId).includes('m3'));
    assert.equal(second.heard.started[0]?.resumed, true);
    assertExactlyOnce(second, consumer.conversationId, ['m3']);
  });

  it('events that arrive while the stored progress is still loading wait for it (no old message again)', async () => {
    const first = await start();
    const consumer = await talking(first);
    await consumer.says('m2');
    await waitFor('m2', () => first.heard.textsOf(consumer.conversationId).length === 2);
    const stored = first.heard.progress.get(consumer.conversationId);
    await first.connection.close();
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const second = await start({ agent: { loadProgress: async () => (await gate, stored) } });
    let live = 0;
    second.connection.on('notification', (n) => (live += n.type === wire.NOTE.onlineEvent ? 1 : 0));
    await consumer.says('m3');
    await waitFor('m3 reached the socket while loading', () => live > 0);
    // One round trip on the same socket: anything the client asked on seeing m3 is answered and handled by now.
    await second.connection.request(wire.REQ.getClock);
    assert.equal(second.heard.started.length, 0, 'still loading');
    assert.deepEqual(second.heard.messages, [], 'nothing is delivered before the progress is known');
    openGate();
    await waitFor('m3', () => second.heard.textsOf(consumer.conversationId).includes('m3'));
    assertExactlyOnce(second, consumer.conversationId, ['m3']);
  });

  it('token expiry (4401) logs in again through the Login Service and carries on', async () => {
    const bot = await start();
    const consumer = await talking(bot);
    sim.messaging.expireToken('support-bot');
    sim.messaging.consumerSays(consumer.conversationId, 'while expired');
    await waitFor('reconnected', () => bot.heard.ready.includes(true));
    assert.equal(bot.logins(), 2);
    assert.deepEqual(bot.heard.disconnects, [4401]);
    await consumer.says('after');
    await waitFor('after', () => bot.heard.textsOf(consumer.conversationId).includes('after'));
    assertExactlyOnce(bot, consumer.conversationId, ['m1', 'while expired', 'after']);
    assert.ok(!bot.logger.lines.some((line) => /[0-9a-f]{64}/.test(line)), 'no bearer in the logs');
  });

  it('the Login Service refresh keeps the bearer alive past its TTL; without it the TTL ends in 4401 and a re-login', async () => {
    await sim.stop();
    sim = await startSimulator({ sessionTtlMs: 600 });
    const refreshed = await start({ login: { refreshIntervalMs: 100 } });
    // The witness never refreshes: its second expiry says two TTLs have passed for both.
    const witness = await start({ credentials: { username: 'support-bot-2', password: 'bot-password-2' }, login: { refreshIntervalMs: 0 } });
    await waitFor('two expiries of the witness', () => witness.heard.ready.length >= 3, 5000);
    assert.deepEqual(witness.heard.disconnects.slice(0, 2), [4401, 4401]);
    assert.equal(witness.logins(), 3);
    assert.deepEqual(refreshed.heard.disconnects, [], 'the refreshed login outlived its TTL');
    assert.equal(refreshed.logins(), 1);
  });

  it('a handshake refused with 401 logs in again; a 503 is retried with the same bearer', async () => {
    const bot = await start();
    sim.messaging.refuseUpgrades({ status: 503, times: 2 });
    sim.messaging.dropSockets();
    await waitFor('back after 503s', () => bot.heard.ready.length === 2);
    assert.equal(bot.logins(), 1);
    sim.messaging.refuseUpgrades({ status: 401 });
    sim.messaging.dropSockets();
    await waitFor('back after 401', () => bot.heard.ready.length === 3);
    assert.equal(bot.logins(), 2);
  });

  it('a socket that keeps dying young backs off (one that lived long enough starts over)', async () => {
    const delaysOf = async (healthyAfterMs: number): Promise<number[]> => {
      const bot = await start({ connection: { backoff: { initialMs: 40, factor: 2, maxMs: 1000, healthyAfterMs } } });
      const delays: number[] = [];
      bot.connection.on('close', (info) => delays.push(info.delayMs ?? -1));
      for (let i = 1; i <= 3; i++) {
        sim.messaging.closeSockets(4000, 'flap', 'support-bot');
        await waitFor(`back ${i}`, () => bot.heard.ready.length === i + 1);
      }
      await bot.stop();
      return delays;
    };
    const young = await delaysOf(10_000);
    assert.ok(young[0]! < young[1]! && young[1]! < young[2]!, `growing: ${young.join(', ')}`);
    const healthy = await delaysOf(0);
    assert.ok(healthy.every((d) => d >= 36 && d <= 44), `all the first delay: ${healthy.join(', ')}`);
  });

  it('a close code that must not be retried (4403) stops the connection: fatal, no reconnect', async () => {
    const bot = await start();
    sim.messaging.closeSockets(4403, 'Forbidden');
    await waitFor('fatal', () => bot.heard.fatal);
    assert.ok(isMessagingError(bot.heard.fatal) && bot.heard.fatal.kind === 'fatal' && bot.heard.fatal.code === 4403);
    assert.equal(bot.connection.status, 'fatal', 'no retry is scheduled');
    assert.equal(sim.messaging.stats().connections, 1);
    assert.equal(sim.messaging.stats().open, 0);
  });

  it('a request with no answer fails with timeout after requestTimeoutMs; the socket stays usable', async () => {
    // No automatic ACCEPT receipts: one could take the fault meant for the publish below.
    const bot = await start({ connection: { requestTimeoutMs: 300 }, agent: { acceptReceipts: false } });
    const consumer = await talking(bot);
    sim.messaging.injectFault({ type: wire.REQ.publishEvent, ignore: true });
    const started = Date.now();
    const outcome = await Promise.race([
      bot.agent.publishText(consumer.conversationId, 'lost').then(() => 'answered', (error: unknown) => error),
      new Promise((resolve) => setTimeout(resolve, 3000, 'still pending after 3 s')).then((v) => v),
    ]);
    assert.ok(isMessagingError(outcome) && outcome.kind === 'timeout', `expected a timeout, got ${String(outcome)}`);
    assert.ok(Date.now() - started >= 250);
    assert.equal(typeof (await bot.agent.publishText(consumer.conversationId, 'next')), 'number');
  });

  it('a delayed answer still resolves; a refused request rejects with its code', async () => {
    const bot = await start({ agent: { acceptReceipts: false } });
    const consumer = await talking(bot);
    sim.messaging.injectFault({ type: wire.REQ.publishEvent, delayMs: 200 });
    assert.equal(typeof (await bot.agent.publishText(consumer.conversationId, 'late')), 'number');
    sim.messaging.injectFault({ type: wire.REQ.publishEvent, refuse: 429, body: 'Too many requests' });
    await assert.rejects(bot.agent.publishText(consumer.conversationId, 'refused'), (e: unknown) => isMessagingError(e) && e.kind === 'rejected' && e.code === 429);
  });

  it('a keep-alive without answer drops the socket and reconnects', async () => {
    const bot = await start({ connection: { keepAliveMs: 100, requestTimeoutMs: 200 } });
    sim.messaging.injectFault({ type: wire.REQ.getClock, ignore: true });
    await waitFor('reconnected', () => bot.heard.ready.includes(true));
    assert.equal(sim.messaging.stats().connections, 2);
  });

  it('a refused subscription on reconnect is retried until the agent is subscribed and ONLINE', async () => {
    const bot = await start();
    sim.messaging.injectFault({ type: wire.REQ.subscribeExConversations, refuse: 500, times: 2 });
    sim.messaging.dropSockets();
    await waitFor('ready again', () => bot.heard.ready.includes(true));
    assert.ok(sim.messaging.stats().connections >= 4);
    assert.equal(sim.messaging.availability('support-bot'), 'ONLINE');
  });

  it('an unanswered ring expires and the conversation rings another bot', async () => {
    await sim.stop();
    sim = await startSimulator({ messaging: { ringTtlMs: 150 } });
    await start({ agent: { acceptRings: false } });
    const consumer = await Consumer.start(sim, 'anyone?');
    await waitFor('a ring expired', () => sim.messaging.stats().rings.expired >= 1);
    const other = await start({ credentials: { username: 'support-bot-2', password: 'bot-password-2' } });
    await waitFor('taken by the other bot', () => other.heard.started[0]);
    assert.equal((await consumer.view()).assigned?.id, '1002');
    assertExactlyOnce(other, consumer.conversationId, ['anyone?']);
  });
});
