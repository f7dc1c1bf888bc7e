import assert from 'node:assert/strict';
import { LiveEngageAdapter } from '../../src/botbuilder/LiveEngageAdapter.js';
import { ChatAgentClient } from '../../src/api/chatAgent.js';
import { createHttpClient } from '../../src/api/http.js';
import { login, logout, lookupAgentVep } from '../../src/api/login.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { EchoBot, fastSettings, memoryLogger, waitFor, waitForLines } from '../support/harness.js';
import { NaiveClient } from './naiveClient.js';

/** OAuth2 client credentials of the default world's first bot user. */
const OAUTH2 = { username: 'support-bot', appKey: 'app-key-1001', secret: 'app-secret-1001' };

/**
 * The simulator as real clients see it, over https with its self-signed certificate trusted (never
 * with verification off): a naive fetch client written from the docs, and this package's own client
 * and adapter. Both meet the /csdr path or the documented Domain API, one-item arrays, a bot that never
 * sets its availability, and a logout that leaves nobody to take the chat.
 */
describe('interop: real clients over https against the simulator', () => {
  let sim: LiveEngageSimulator;

  beforeEach(async () => {
    sim = new LiveEngageSimulator({ log: false, tls: true });
    await sim.start();
  });

  afterEach(() => sim.stop());

  it('a naive fetch client: /csdr, OAuth2 login, no availability call, one-item arrays, logout with nobody to take over', async () => {
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Ada' });
    const naive = new NaiveClient(sim.domainApiUrl, sim.accountId, sim.certificatePem!);
    try {
      assert.equal(await naive.domain(), `127.0.0.1:${sim.port}`);
      await naive.login(OAUTH2.username, OAUTH2.appKey, OAUTH2.secret);
      await naive.startAgentSession();
      // Never sets availability: the waiting chat rings it anyway.
      await waitFor('the chat to ring', async () => (await naive.ringingCount()) === 1);
      const chatUrl = await naive.accept();
      sim.visitorSays(chatId, 'Is anyone there?');
      // One chat: the documented one-item array, so the keys are real keys (not `,,`).
      const keys = await naive.chatSessionKeys();
      assert.deepEqual(keys, [chatId]);
      assert.deepEqual(await naive.visitorLines(keys), { [chatId]: ['Is anyone there?'] });
      await naive.reply(chatUrl, 'Hello');
      assert.equal(sim.chat(chatId).events.at(-1)?.text, "<p dir='ltr' style='direction: ltr; text-align: left;'>Hello</p>", 'stored as sent');
      // Nobody else is Online for support-bot: the chat is disconnected, not queued for nobody.
      await naive.logout();
      const chat = sim.chat(chatId);
      assert.equal(chat.state, 'ended');
      assert.deepEqual(chat.events.at(-2)?.systemMessageId, 6);
      assert.equal(sim.queues().find((q) => q.skill.name === 'support-bot')?.waiting.length, 0);
    } finally {
      await naive.close();
    }
  });

  it('our client over https with the certificate as ca: Domain API, OAuth2 login, one-item arrays, logout', async () => {
    const http = createHttpClient({ ca: sim.certificatePem!, loopbackScheme: 'https', retryDelaysMs: [] });
    try {
      const host = await lookupAgentVep(http, { domainApiUrl: sim.domainApiUrl, accountId: sim.accountId });
      const session = await login(http, { host, accountId: sim.accountId, credentials: OAUTH2 });
      const client = new ChatAgentClient(http, { bearer: session.bearer });
      const sessionUrl = await client.startAgentSession(host, sim.accountId);
      assert.match(sessionUrl, /^https:\/\/127\.0\.0\.1:\d+\//);
      const { chatId } = sim.startChat({ skill: 'support-bot' });
      assert.equal((await client.getIncomingRequests(sessionUrl)).ringingCount, 1, 'rung without setting availability');
      await client.acceptNextChat(sessionUrl);
      assert.deepEqual((await client.getChatSessions(sessionUrl)).map((s) => s.chatSessionKey), [chatId]);
      const [read] = await client.getChats(sessionUrl, [{ chatSessionKey: chatId, fromEventId: 0 }]);
      assert.equal(read?.info.chatSessionKey, chatId);
      const agents = await client.getAvailableAgents(sessionUrl, { chatState: 'Online', skill: 'support-bot' });
      assert.deepEqual(agents.map((a) => a.userName), ['support-bot']);
      await logout(http, { host, accountId: sim.accountId, session });
      assert.equal(sim.chat(chatId).state, 'ended');
      assert.equal(sim.chat(chatId).events.at(-2)?.systemMessageId, 6);
    } finally {
      http.close();
    }
  });

  it('our adapter end to end over https, trusting the simulator through the ca setting', async () => {
    const logger = memoryLogger();
    const adapter = new LiveEngageAdapter(fastSettings(sim, { credentials: { username: OAUTH2.username, appKey: OAUTH2.appKey, secret: OAUTH2.secret }, ca: sim.certificatePem!, logger }));
    const bot = new EchoBot();
    await adapter.start((context) => bot.run(context));
    try {
      const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Grace' });
      assert.deepEqual(await waitForLines(sim, chatId, 1), ['Welcome, Grace!']);
      sim.visitorSays(chatId, 'over TLS?');
      assert.equal((await waitForLines(sim, chatId, 2)).at(-1), 'You said: over TLS?');
      assert.ok(sim.stats().byOperation.multiChat ?? sim.stats().byOperation.getEvents, 'polled over https');
    } finally {
      await adapter.stop();
    }
    assert.ok(!logger.lines.some((line) => line.includes(OAUTH2.secret)), 'no secret in the log');
  });

  it('without the certificate our client refuses the simulator: verification is never turned off', async () => {
    const http = createHttpClient({ retryDelaysMs: [] });
    try {
      await assert.rejects(
        lookupAgentVep(http, { domainApiUrl: sim.domainApiUrl, accountId: sim.accountId }),
        (error: Error & { code?: string }) => error.code === 'DEPTH_ZERO_SELF_SIGNED_CERT' && /lookupAgentVep/.test(error.message),
      );
    } finally {
      http.close();
    }
    assert.throws(() => createHttpClient({ ca: 'not a certificate' }), /ca must be PEM certificate text/);
    assert.throws(() => new LiveEngageAdapter(fastSettings(sim, { ca: 'nope' })), /LiveEngageAdapter\.constructor\(\): ca must be PEM certificate text/);
  });
});
