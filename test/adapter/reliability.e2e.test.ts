import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import createDebug from 'debug';
import { ActivityHandler, MemoryStorage } from 'botbuilder';
import { LiveEngageAdapter } from '../../src/botbuilder/LiveEngageAdapter.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { EchoBot, fastSettings, linesBy, waitFor, waitForLines } from '../support/harness.js';
import { CrashableAdapter, EagerAdapter, crashableRig } from '../support/crashable.js';
import { startRecordingProxy } from '../support/recordingProxy.js';

describe('LiveEngageAdapter reliability: nothing lost, nothing doubled', function () {
  this.timeout(30_000);
  const rig = crashableRig(EagerAdapter);
  const { start, chatWith } = rig;

  it('a line whose connection dropped after LiveEngage applied it lands once', async () => {
    const bot = new EchoBot();
    const adapter = await start(bot);
    const chatId = await chatWith(adapter);
    await waitForLines(rig.sim, chatId, 1);
    rig.sim.injectFault({ match: { operation: 'addLine' }, drop: 'after-apply' });
    rig.sim.visitorSays(chatId, 'one');
    await waitForLines(rig.sim, chatId, 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(linesBy(rig.sim, chatId, 'agent'), ['Welcome, Vi!', 'You said: one']);
    assert.equal(rig.sim.stats().faultsFired, 1);
  });

  it('when checking whether a dropped line landed fails too, nothing is resent until the check succeeds', async () => {
    const errors: string[] = [];
    const bot = new EchoBot();
    const adapter = await start(bot);
    adapter.onTurnError = async (_context, error) => { errors.push(error.message); };
    const chatId = await chatWith(adapter);
    await waitForLines(rig.sim, chatId, 1);
    rig.sim.injectFault({ match: { operation: 'addLine' }, drop: 'after-apply' });
    rig.sim.injectFault({ match: { operation: 'getChat' }, body: 'malformed', times: 2 });
    rig.sim.visitorSays(chatId, 'one');
    await waitForLines(rig.sim, chatId, 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(linesBy(rig.sim, chatId, 'agent'), ['Welcome, Vi!', 'You said: one']);
    assert.deepEqual(errors, []);
    assert.equal(rig.sim.stats().faultsFired, 3);
  });

  it('a typing indicator that cannot be set does not fail the turn', async () => {
    const errors: string[] = [];
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      await context.sendActivity({ type: 'typing' });
      await context.sendActivity('answer');
      await next();
    });
    const adapter = await start(bot);
    adapter.onTurnError = async (_context, error) => { errors.push(error.message); };
    const chatId = await chatWith(adapter);
    rig.sim.injectFault({ match: { operation: 'setAgentTyping' }, status: 500, times: 10 });
    rig.sim.visitorSays(chatId, 'q');
    assert.deepEqual(await waitForLines(rig.sim, chatId, 1), ['answer']);
    assert.deepEqual(errors, []);
  });

  it('a line refused with 503 twice is retried and lands once', async () => {
    const bot = new EchoBot();
    const adapter = await start(bot);
    const chatId = await chatWith(adapter);
    await waitForLines(rig.sim, chatId, 1);
    rig.sim.injectFault({ match: { operation: 'addLine' }, status: 503, times: 2 });
    rig.sim.visitorSays(chatId, 'two');
    await waitForLines(rig.sim, chatId, 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(linesBy(rig.sim, chatId, 'agent'), ['Welcome, Vi!', 'You said: two']);
  });

  for (const [name, fault] of [
    ['a 500', { status: 500 }],
    ['a malformed body', { body: 'malformed' as const }],
    ['a dropped connection', { drop: 'after-apply' as const }],
    ['a 429 with Retry-After', { status: 429, retryAfterSeconds: 1 }],
  ] as const) {
    it(`batch reads that fail with ${name} lose and double no visitor line`, async () => {
      const bot = new EchoBot();
      const adapter = await start(bot);
      const chatId = await chatWith(adapter);
      await waitForLines(rig.sim, chatId, 1);
      rig.sim.injectFault({ match: { operation: 'multiChat' }, times: 3, ...fault });
      for (const text of ['a', 'b', 'c']) rig.sim.visitorSays(chatId, text);
      await waitForLines(rig.sim, chatId, 4);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(bot.seen, ['a', 'b', 'c']);
      assert.deepEqual(linesBy(rig.sim, chatId, 'agent').slice(1), ['You said: a', 'You said: b', 'You said: c']);
    });
  }

  it('keeps accepting after ringing polls answer 429 (waiting Retry-After) and 500', async () => {
    const adapter = await start(new EchoBot());
    rig.sim.injectFault({ match: { operation: 'incomingRequests' }, status: 429, retryAfterSeconds: 1, times: 1 });
    rig.sim.injectFault({ match: { operation: 'acceptChat' }, status: 500, times: 1 });
    const { chatId } = rig.sim.startChat({ skill: 'support-bot', visitorName: 'Wu' });
    await waitForLines(rig.sim, chatId, 1, 'agent', 10_000);
    assert.ok(adapter.openChats.includes(chatId));
  });

  it('an accept whose answer was lost (connection dropped after apply): the chat is found and welcomed once', async () => {
    const adapter = await start(new EchoBot());
    rig.sim.injectFault({ match: { operation: 'acceptChat' }, drop: 'after-apply' });
    const { chatId } = rig.sim.startChat({ skill: 'support-bot', visitorName: 'Xu' });
    await waitForLines(rig.sim, chatId, 1);
    rig.sim.visitorSays(chatId, 'hi');
    await waitForLines(rig.sim, chatId, 2);
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.deepEqual(linesBy(rig.sim, chatId, 'agent'), ['Welcome, Xu!', 'You said: hi']);
    assert.ok(adapter.openChats.includes(chatId));
  });

  it('a revoked bearer (401): logs in again, opens a new agent session, and carries on without replaying or skipping', async () => {
    const bot = new EchoBot();
    const adapter = await start(bot);
    const chatId = await chatWith(adapter);
    rig.sim.visitorSays(chatId, 'before');
    await waitForLines(rig.sim, chatId, 2);
    const logins = rig.sim.stats().byOperation.login ?? 0;
    rig.sim.revokeBearer('support-bot');
    rig.sim.visitorSays(chatId, 'after');
    await waitForLines(rig.sim, chatId, 3);
    rig.sim.visitorSays(chatId, 'later');
    await waitForLines(rig.sim, chatId, 4);
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.deepEqual(bot.seen, ['before', 'after', 'later']);
    assert.deepEqual(linesBy(rig.sim, chatId, 'agent'), ['Welcome, Vi!', 'You said: before', 'You said: after', 'You said: later']);
    assert.equal((rig.sim.stats().byOperation.login ?? 0) - logins, 1, 'one new login');
  });

  it('a failed new login is not hammered: the next attempt waits reloginDelaysMs, then the chat goes on', async () => {
    const bot = new EchoBot();
    const adapter = await start(bot, { reloginDelaysMs: [600] });
    const chatId = await chatWith(adapter);
    // The welcome first: this test is about the hold; a welcome caught in it is outbox.e2e.test.ts's.
    await waitForLines(rig.sim, chatId, 1);
    const logins = () => rig.sim.stats().byOperation.login ?? 0;
    rig.sim.injectFault({ match: { operation: 'login' }, status: 500, times: 4 }); // one attempt with its three retries
    rig.sim.revokeBearer('support-bot');
    const before = logins();
    await waitFor('the failed attempt', () => logins() - before === 4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(logins() - before, 4, 'no new attempt while on hold');
    rig.sim.visitorSays(chatId, 'after the outage');
    assert.equal((await waitForLines(rig.sim, chatId, 2, 'agent', 5000)).at(-1), 'You said: after the outage');
    assert.equal(logins() - before, 5);
  });

  it('a failing refresh leads to a new login, and chats go on', async () => {
    const bot = new EchoBot();
    const adapter = await start(bot, { refreshIntervalMs: 150 });
    const chatId = await chatWith(adapter);
    const logins = rig.sim.stats().byOperation.login ?? 0;
    rig.sim.injectFault({ match: { operation: 'refresh' }, status: 500, times: 20 });
    await waitFor('a new login', () => (rig.sim.stats().byOperation.login ?? 0) > logins, 10_000);
    rig.sim.clearFaults();
    rig.sim.visitorSays(chatId, 'still there?');
    assert.deepEqual((await waitForLines(rig.sim, chatId, 2)).at(-1), 'You said: still there?');
  });

  it('set Away without meaning to: back Online', async () => {
    // On the adapter's own session: a second login of the bot user would end the adapter's (one session per user).
    const adapter = (await start(new EchoBot())) as CrashableAdapter;
    const logins = rig.sim.stats().byOperation.login ?? 0;
    await adapter.setAwayBehindItsBack();
    const state = () => rig.sim.agents().find((a) => a.loginName === 'support-bot')?.availability;
    assert.equal(state(), 'Away');
    await waitFor('Online again', () => state() === 'Online');
    assert.equal(rig.sim.stats().byOperation.login ?? 0, logins, 'by the availability check, not a new login');
  });

  it('polls every open chat well inside its chatTimeout, so quiet chats stay open', async () => {
    await rig.sim.stop();
    rig.sim = new LiveEngageSimulator({ chatTimeoutSeconds: 1 });
    await rig.sim.start();
    const adapter = await start(new EchoBot());
    const chatId = await chatWith(adapter);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal(rig.sim.chat(chatId).state, 'chatting');
  });

  it('a rolling restart (stop without logout, a new process sharing the storage) resumes the chat: no second welcome, nothing skipped', async () => {
    const storage = new MemoryStorage();
    const first = await start(new EchoBot(), { storage });
    const chatId = await chatWith(first);
    rig.sim.visitorSays(chatId, 'one');
    await waitForLines(rig.sim, chatId, 2);
    await first.stop({ logout: false });
    rig.sim.visitorSays(chatId, 'while nobody listens');
    const bot = new EchoBot();
    await start(bot, { storage });
    await waitForLines(rig.sim, chatId, 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(bot.seen, ['while nobody listens']);
    assert.deepEqual(linesBy(rig.sim, chatId, 'agent'), ['Welcome, Vi!', 'You said: one', 'You said: while nobody listens']);
  });

  it('a crash mid-turn after the reply landed: the restarted process does not answer that line again', async () => {
    const storage = new MemoryStorage();
    const hanging = new ActivityHandler();
    hanging.onMembersAdded(async (context, next) => { await context.sendActivity('hi'); await next(); });
    hanging.onMessage(async (context) => {
      await context.sendActivity(`got ${context.activity.text}`);
      await new Promise(() => {}); // dies here, before the turn completes
    });
    const first = (await start(hanging, { storage })) as CrashableAdapter;
    const chatId = await chatWith(first);
    rig.sim.visitorSays(chatId, 'x');
    await waitForLines(rig.sim, chatId, 2);
    await first.crash();
    rig.forget(first);
    rig.sim.visitorSays(chatId, 'y');
    const bot = new EchoBot();
    await start(bot, { storage });
    await waitForLines(rig.sim, chatId, 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(bot.seen, ['y']);
    assert.deepEqual(linesBy(rig.sim, chatId, 'agent'), ['hi', 'got x', 'You said: y']);
  });

  it('a restart with nothing stored resumes after the bot\'s last line', async () => {
    const first = await start(new EchoBot(), { storage: new MemoryStorage() });
    const chatId = await chatWith(first);
    rig.sim.visitorSays(chatId, 'one');
    await waitForLines(rig.sim, chatId, 2);
    await first.stop({ logout: false });
    rig.sim.visitorSays(chatId, 'two');
    const bot = new EchoBot();
    await start(bot, { storage: new MemoryStorage() });
    await waitForLines(rig.sim, chatId, 3);
    assert.deepEqual(bot.seen, ['two']);
  });

  it('two bot users on one skill share the chats; when one stops, the other takes its chats over', async () => {
    const [botA, botB] = [new EchoBot(), new EchoBot()];
    const storage = new MemoryStorage();
    const a = await start(botA, { storage });
    const b = await start(botB, { storage, credentials: { username: 'support-bot-2', password: 'bot-password-2' } });
    const ids = Array.from({ length: 10 }, (_, i) => rig.sim.startChat({ skill: 'support-bot', visitorName: `S${i}` }).chatId);
    await waitFor('all accepted', () => ids.every((id) => a.openChats.includes(id) || b.openChats.includes(id)));
    assert.ok(a.openChats.length >= 3 && b.openChats.length >= 3, `split ${a.openChats.length}/${b.openChats.length}`);
    const fromA = [...a.openChats];
    await a.stop();
    await waitFor('B holds them all', () => ids.every((id) => b.openChats.includes(id)));
    for (const id of fromA) rig.sim.visitorSays(id, 'still here');
    // B takes each chat up after A's last line: A's welcome, then B's answer (no second welcome).
    for (const id of fromA) assert.deepEqual((await waitForLines(rig.sim, id, 2)).slice(1), ['You said: still here']);
    assert.equal(rig.sim.chat(fromA[0]!).agent?.id, '1002');
  });

  it('an agent session LiveEngage closed while the process was silent: a new one is opened, and chats are taken again', async () => {
    await rig.sim.stop();
    rig.sim = new LiveEngageSimulator({ agentSessionIdleSeconds: 1 });
    await rig.sim.start();
    const a = (await start(new EchoBot())) as CrashableAdapter;
    await a.freeze();
    await waitFor('the idle agent session closed', () => rig.sim.agents().find((agent) => agent.loginName === 'support-bot')?.loggedIn === false);
    a.thaw();
    const { chatId } = rig.sim.startChat({ skill: 'support-bot', visitorName: 'Ivo' });
    rig.sim.visitorSays(chatId, 'hello again');
    assert.deepEqual(await waitForLines(rig.sim, chatId, 2, 'agent', 8000), ['Welcome, Ivo!', 'You said: hello again']);
  });

  it('when a bot user\'s process dies, its chats go back to the queue and another bot user takes them', async () => {
    await rig.sim.stop();
    rig.sim = new LiveEngageSimulator({ agentSessionIdleSeconds: 1 });
    await rig.sim.start();
    const [botA, botB] = [new EchoBot(), new EchoBot()];
    const a = (await start(botA)) as CrashableAdapter;
    const ids = Array.from({ length: 4 }, (_, i) => rig.sim.startChat({ skill: 'support-bot', visitorName: `D${i}` }).chatId);
    await waitFor('A took them', () => ids.every((id) => a.openChats.includes(id)));
    const b = await start(botB, { credentials: { username: 'support-bot-2', password: 'bot-password-2' } });
    await a.crash();
    rig.forget(a);
    await waitFor('B holds them all', () => ids.every((id) => b.openChats.includes(id)), 10_000);
    for (const id of ids) rig.sim.visitorSays(id, 'anyone?');
    for (const id of ids) assert.deepEqual((await waitForLines(rig.sim, id, 2)).slice(1), ['You said: anyone?'], 'A\'s welcome, then B\'s answer: no second welcome');
    assert.ok(rig.sim.chat(ids[0]!).events.some((e) => Number(e.systemMessageId) === 23), 're-queued by the system');
  });

  it('never lets a secret into logs (DEBUG=*), errors or channelData', async () => {
    const output: string[] = [];
    const previousLog = createDebug.log;
    const previousNamespaces = createDebug.disable();
    createDebug.log = (...args: unknown[]) => output.push(args.map(String).join(' '));
    createDebug.enable('*');
    const proxy = await startRecordingProxy(rig.sim.url);
    const credentials = { username: 'support-bot', appKey: 'app-key-1001', secret: 'app-secret-1001', accessToken: 'access-token-1001', accessTokenSecret: 'access-token-secret-1001' };
    const errors: unknown[] = [];
    const channelData: unknown[] = [];
    try {
      const bot = new EchoBot();
      bot.onTurn(async (context, next) => { channelData.push(context.activity.channelData); await next(); });
      const adapter = new LiveEngageAdapter({ ...fastSettings(rig.sim), credentials, agentVepDomain: proxy.host, refreshIntervalMs: 100 });
      adapter.onTurnError = async (_c, e) => { errors.push(e); };
      await adapter.start((context) => bot.run(context));
      const chatId = await chatWith(adapter);
      rig.sim.visitorSays(chatId, 'hello');
      await waitForLines(rig.sim, chatId, 2);
      rig.sim.revokeBearer('support-bot');
      rig.sim.injectFault({ match: { operation: 'addLine' }, status: 500, times: 2 });
      rig.sim.visitorSays(chatId, 'again');
      await waitForLines(rig.sim, chatId, 3);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await adapter.stop();
      const bad = new LiveEngageAdapter({ ...fastSettings(rig.sim), credentials: { ...credentials, secret: 'wrong-secret-xyz' } });
      await bad.start(async () => {}).catch((e) => errors.push(e));
      await rig.sim.stop().catch(() => {});
    } finally {
      createDebug.log = previousLog;
      createDebug.disable();
      if (previousNamespaces) createDebug.enable(previousNamespaces);
      await proxy.close();
    }
    const secrets = [...Object.values(credentials).slice(1), 'bot-password', 'wrong-secret-xyz', ...proxy.secrets()];
    assert.ok(proxy.secrets().length >= 3, 'the proxy saw the bearer, csrf and Session_id');
    assert.ok(output.length > 50, 'DEBUG=* printed the session');
    assert.ok(errors.length >= 1);
    const haystack = [...output, ...errors.map((e) => `${String(e)} ${inspect(e)} ${JSON.stringify(e)}`), JSON.stringify(channelData)].join('\n');
    for (const secret of secrets) assert.ok(!haystack.includes(secret), `a secret (${secret.slice(0, 4)}…) leaked`);
    rig.sim = new LiveEngageSimulator();
    await rig.sim.start();
  });
});
