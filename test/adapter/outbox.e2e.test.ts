import assert from 'node:assert/strict';
import { ActivityHandler, MemoryStorage, type TurnContext } from 'botbuilder';
import { LiveEngageAdapter } from '../../src/botbuilder/LiveEngageAdapter.js';
import type { LiveEngageAdapterEvents } from '../../src/core/events.js';
import type { LiveEngageAdapterSettings } from '../../src/core/settings.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { EchoBot, fastSettings, linesBy, memoryLogger, waitFor, waitForLines } from '../support/harness.js';

type Facts = { [E in keyof LiveEngageAdapterEvents]?: LiveEngageAdapterEvents[E][0][] };

/**
 * What the bot sends survives a session that is away (re-login on hold), in order and once; what can no
 * longer be delivered is reported; stored progress keeps silent turns from running twice; a send that
 * may have landed is matched by id, not by text. Delays keep the defaults' proportions: re-login waits
 * (`reloginDelaysMs`) far longer than a send retries (`retryDelaysMs`, 70 ms in all).
 */
describe('LiveEngageAdapter outbox: nothing lost under the shipped defaults\' proportions', function () {
  this.timeout(30_000);
  let sim: LiveEngageSimulator;
  const adapters: LiveEngageAdapter[] = [];
  const start = async (bot: { run(c: TurnContext): Promise<void> }, overrides: Partial<LiveEngageAdapterSettings> = {}) => {
    const adapter = new LiveEngageAdapter(fastSettings(sim, { logger: memoryLogger(), reloginDelaysMs: [400], ...overrides }));
    adapters.push(adapter);
    await adapter.start((context) => bot.run(context));
    return adapter;
  };
  const record = (adapter: LiveEngageAdapter): Facts => {
    const facts: Facts = {};
    for (const event of ['lineUndeliverable', 'reloginFailed', 'takeover', 'turn'] as const) {
      adapter.on(event, ((fact: unknown) => void ((facts[event] ??= []) as unknown[]).push(fact)) as never);
    }
    return facts;
  };
  /** One failed attempt to log in again: the login and its three retries answer 500, then the bearer goes. */
  const failNextRelogin = () => {
    sim.injectFault({ match: { operation: 'login' }, status: 500, times: 4 });
    sim.revokeBearer('support-bot');
  };

  beforeEach(async () => {
    sim = new LiveEngageSimulator({ log: false });
    await sim.start();
  });
  afterEach(async () => {
    for (const adapter of adapters.splice(0)) await adapter.stop().catch(() => {});
    await sim.stop();
  });

  it('a welcome sent while re-login is on hold: the turn completes at once, the line lands once when the session is back', async () => {
    const ids: string[] = [];
    let turnDoneAt = 0;
    const bot = new ActivityHandler();
    bot.onMembersAdded(async (context, next) => {
      failNextRelogin(); // the bearer goes while the welcome is being sent
      ids.push((await context.sendActivity('Welcome!'))?.id ?? 'none');
      ids.push((await context.sendActivity('How can I help?'))?.id ?? 'none');
      turnDoneAt = Date.now();
      await next();
    });
    bot.onMessage(async (context, next) => { await context.sendActivity(`You said: ${context.activity.text}`); await next(); });
    const adapter = await start(bot);
    const facts = record(adapter);
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Ann' });
    await waitFor('the welcome turn', () => turnDoneAt > 0);
    assert.deepEqual(ids, ['', ''], 'queued, not delivered: no event ids yet');
    assert.deepEqual(linesBy(sim, chatId, 'agent'), []);
    sim.visitorSays(chatId, 'during the outage');
    assert.deepEqual(await waitForLines(sim, chatId, 3, 'agent', 10_000), ['Welcome!', 'How can I help?', 'You said: during the outage']);
    const welcomed = sim.chat(chatId).events.find((e) => e.text === 'Welcome!');
    assert.ok(Date.parse(welcomed!.time) >= turnDoneAt - 1000, 'delivered after the turn completed');
    assert.equal(facts.reloginFailed?.length, 1);
    assert.equal(facts.reloginFailed?.[0]?.retryInMs, 400);
    assert.equal(facts.lineUndeliverable, undefined);
    sim.visitorSays(chatId, 'after');
    assert.equal((await waitForLines(sim, chatId, 4)).at(-1), 'You said: after');
    assert.equal(linesBy(sim, chatId, 'agent').length, 4, 'nothing doubled');
  });

  it('a line whose chat ended while re-login was on hold is reported (event and log), not dropped silently', async () => {
    let turnDone = false;
    const bot = new ActivityHandler();
    bot.onMembersAdded(async (context, next) => {
      failNextRelogin();
      await context.sendActivity('Welcome!');
      turnDone = true;
      await next();
    });
    const logger = memoryLogger();
    const adapter = await start(bot, { logger });
    const facts = record(adapter);
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Bo' });
    await waitFor('the welcome turn', () => turnDone);
    sim.visitorEnds(chatId);
    const [fact] = await waitFor('the report', () => facts.lineUndeliverable, 10_000);
    assert.equal(fact?.chatId, chatId);
    assert.equal(fact?.action, 'line');
    assert.equal(fact?.text, 'Welcome!');
    assert.match(fact?.reason ?? '', /ended|409|finished|conflict/i);
    assert.ok(logger.lines.some((l) => l.startsWith('error') && l.includes(chatId) && l.includes('could not be delivered')));
    assert.deepEqual(linesBy(sim, chatId, 'agent'), []);
  });

  it('stop() while re-login is on hold (the default 2 min): returns at once and reports what waited', async () => {
    let turnDone = false;
    const bot = new ActivityHandler();
    bot.onMembersAdded(async (context, next) => {
      failNextRelogin();
      await context.sendActivity('Welcome!');
      turnDone = true;
      await next();
    });
    const adapter = await start(bot, { reloginDelaysMs: [120_000] });
    const facts = record(adapter);
    sim.startChat({ skill: 'support-bot', visitorName: 'Hal' });
    await waitFor('the welcome turn', () => turnDone);
    await waitFor('on hold', () => facts.reloginFailed?.length === 1);
    const started = Date.now();
    await adapter.stop();
    assert.ok(Date.now() - started < 5000, `stop() took ${Date.now() - started} ms`);
    assert.equal(facts.lineUndeliverable?.length, 1);
    assert.equal(facts.lineUndeliverable?.[0]?.text, 'Welcome!');
    assert.match(facts.lineUndeliverable?.[0]?.reason ?? '', /stopped while logging in again/);
  });

  it('stored progress: after a restart, lines the bot stayed silent on are not turns again', async () => {
    const storage = new MemoryStorage();
    const silentFirst = new ActivityHandler();
    const seenFirst: string[] = [];
    silentFirst.onMembersAdded(async (context, next) => { await context.sendActivity('hi'); await next(); });
    silentFirst.onMessage(async (context, next) => {
      seenFirst.push(context.activity.text);
      if (!context.activity.text.startsWith('shh')) await context.sendActivity(`You said: ${context.activity.text}`);
      await next();
    });
    const first = await start(silentFirst, { storage });
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Cy' });
    sim.visitorSays(chatId, 'hello');
    await waitForLines(sim, chatId, 2);
    sim.visitorSays(chatId, 'shh one');
    sim.visitorSays(chatId, 'shh two');
    await waitFor('the silent turns', () => seenFirst.length === 3);
    await first.stop({ logout: false });
    sim.visitorSays(chatId, 'after the restart');
    const second = new EchoBot();
    await start(second, { storage });
    assert.equal((await waitForLines(sim, chatId, 3)).at(-1), 'You said: after the restart');
    // Turns run in event order: a replayed silent line would have been seen before this one's answer.
    assert.deepEqual(second.seen, ['after the restart'], 'the silent lines were not replayed');
    assert.deepEqual(linesBy(sim, chatId, 'agent'), ['hi', 'You said: hello', 'You said: after the restart']);
  });

  it('two identical lines in one turn, the second dropped before LiveEngage applied it: both land, once each', async () => {
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      await context.sendActivity('ok');
      sim.injectFault({ match: { operation: 'addLine' }, drop: 'before-apply' });
      await context.sendActivity('ok');
      await context.sendActivity('done');
      await next();
    });
    const adapter = await start(bot);
    const { chatId } = sim.startChat({ skill: 'support-bot' });
    await waitFor('accept', () => adapter.openChats.includes(chatId));
    sim.visitorSays(chatId, 'twice please');
    await waitForLines(sim, chatId, 3);
    assert.deepEqual(linesBy(sim, chatId, 'agent'), ['ok', 'ok', 'done']);
    assert.equal(sim.stats().faultsFired, 1);
  });

  it('a line LiveEngage applied and then answered 500: checked, not sent again', async () => {
    const bot = new EchoBot();
    const adapter = await start(bot);
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Di' });
    await waitForLines(sim, chatId, 1);
    sim.injectFault({ match: { operation: 'addLine' }, status: 500, apply: true });
    sim.visitorSays(chatId, 'x');
    sim.visitorSays(chatId, 'y');
    await waitForLines(sim, chatId, 3);
    await waitFor('settled', () => adapter.openChats.includes(chatId) && sim.stats().faultsFired === 1);
    assert.deepEqual(linesBy(sim, chatId, 'agent'), ['Welcome, Di!', 'You said: x', 'You said: y']);
  });

  it('a line that outlived the client\'s timeout and landed later: the look waits its retry delay, nothing is sent twice', async () => {
    const bot = new EchoBot();
    const adapter = await start(bot, { requestTimeoutMs: 300, retryDelaysMs: [900, 900, 900] });
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Ida' });
    await waitForLines(sim, chatId, 1);
    sim.injectFault({ match: { operation: 'addLine' }, delayMs: 700 }); // applied 400 ms after the client gave up
    sim.visitorSays(chatId, 'slow');
    await waitForLines(sim, chatId, 2);
    sim.visitorSays(chatId, 'next');
    await waitForLines(sim, chatId, 3);
    assert.deepEqual(linesBy(sim, chatId, 'agent'), ['Welcome, Ida!', 'You said: slow', 'You said: next']);
    assert.ok(adapter.openChats.includes(chatId));
  });

  it('a line that timed out is given as long again as the timeout before the look, however short the retry delay', async () => {
    const bot = new EchoBot();
    await start(bot, { requestTimeoutMs: 300, retryDelaysMs: [20, 20, 20] });
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Ina' });
    await waitForLines(sim, chatId, 1);
    sim.injectFault({ match: { operation: 'addLine' }, delayMs: 500, times: 1 }); // applied 200 ms after the client gave up
    sim.visitorSays(chatId, 'late');
    await waitForLines(sim, chatId, 2);
    sim.visitorSays(chatId, 'next');
    await waitForLines(sim, chatId, 3);
    assert.deepEqual(linesBy(sim, chatId, 'agent'), ['Welcome, Ina!', 'You said: late', 'You said: next']);
  });

  // LiveEngage ends a chat 40 s after the agent last read it: a renewal must not hold the reads up for
  // the steps after the agent session (Online, agent info, the chats lookup).
  it('after a revoked bearer, the chats are read and answered while going Online again still hangs', async () => {
    const bot = new EchoBot();
    await start(bot, { requestTimeoutMs: 20_000 });
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Quinn' });
    await waitForLines(sim, chatId, 1);
    sim.injectFault({ match: { operation: 'setAvailability' }, delayMs: 15_000, times: 1 });
    sim.revokeBearer('support-bot');
    sim.visitorSays(chatId, 'still reading?');
    assert.equal((await waitForLines(sim, chatId, 2, 'agent', 8000)).at(-1), 'You said: still reading?');
  });

  for (const operation of ['login', 'startAgentSession', 'setAvailability', 'getAgentInfo', 'chatSessions']) {
    it(`an unreadable ${operation} answer during renewal does not fail the renewal`, async () => {
      const bot = new EchoBot();
      const adapter = await start(bot);
      const facts = record(adapter);
      const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Ed' });
      await waitForLines(sim, chatId, 1);
      const logins = sim.stats().byOperation.login ?? 0;
      sim.injectFault({ match: { operation }, body: 'malformed', times: 1 });
      sim.revokeBearer('support-bot');
      sim.visitorSays(chatId, 'still there?');
      assert.equal((await waitForLines(sim, chatId, 2)).at(-1), 'You said: still there?');
      assert.equal(sim.stats().faultsFired, 1);
      assert.equal(facts.reloginFailed, undefined, 'no failed renewal, no hold');
      assert.ok((sim.stats().byOperation.login ?? 0) - logins <= 2);
    });
  }
});
