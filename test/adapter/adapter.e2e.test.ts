import assert from 'node:assert/strict';
import { ActivityHandler, TurnContext, type ConversationReference, type RecognizerResult } from 'botbuilder';
import { EscalationMiddleware, LiveEngageAdapter } from '../../src/index.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { EchoBot, fastSettings, linesBy, memoryLogger, startPair, waitFor, waitForLines } from '../support/harness.js';
import { TestAgent } from '../support/simulatorClient.js';

type Pair = Awaited<ReturnType<typeof startPair>>;

/**
 * What only the botbuilder binding has (ActivityHandler bots, continueConversationAsync overloads,
 * sendActivities' ids ...). The behaviour both bindings share runs for each from bindings.e2e.test.ts.
 */
describe('LiveEngageAdapter end to end, against the simulator', function () {
  this.timeout(20_000);
  let pair: Pair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('serves 50 concurrent chats, each answered once', async () => {
    const bot = new EchoBot();
    pair = await startPair(bot);
    const chats = Array.from({ length: 50 }, (_, i) => pair!.sim.startChat({ skill: 'support-bot', visitorName: `V${i}` }).chatId);
    await waitFor('50 welcomes', () => chats.every((id) => linesBy(pair!.sim, id, 'agent').length >= 1), 15_000);
    chats.forEach((id, i) => pair!.sim.visitorSays(id, `hi ${i}`));
    await waitFor('50 echoes', () => chats.every((id) => linesBy(pair!.sim, id, 'agent').length >= 2), 15_000);
    chats.forEach((id, i) => assert.deepEqual(linesBy(pair!.sim, id, 'agent'), [`Welcome, V${i}!`, `You said: hi ${i}`]));
    assert.equal(bot.seen.length, 50);
  });

  describe('escalation middleware', () => {
    it('transfers when the visitor types "agent", with the keyword as the reason', async () => {
      const bot = new EchoBot();
      const sim = new LiveEngageSimulator();
      await sim.start();
      const adapter = new LiveEngageAdapter(fastSettings(sim));
      adapter.use(new EscalationMiddleware({ skill: 'human-support' }));
      await adapter.start((context) => bot.run(context));
      pair = { sim, adapter, close: async () => { await adapter.stop(); await sim.stop(); } };
      const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Flo' });
      await waitForLines(sim, chatId, 1);
      sim.visitorSays(chatId, 'I want an AGENT please');
      await waitFor('transfer', () => sim.chat(chatId).skill.name === 'human-support');
      const chat = sim.chat(chatId);
      assert.deepEqual(linesBy(sim, chatId, 'agent').filter((t) => !t.startsWith('Welcome')), ['Let me connect you with a person who can help.', 'Visitor asked for a person ("agent")']);
      assert.equal(chat.events.find((e) => e.subType === 'ONLY_TO_REP')?.text, 'Visitor asked for a person ("agent")');
      assert.deepEqual(bot.seen, [], 'the bot did not answer the escalating line');
    });

    it('transfers on a recognizer intent', async () => {
      const bot = new EchoBot();
      const sim = new LiveEngageSimulator();
      await sim.start();
      const adapter = new LiveEngageAdapter(fastSettings(sim));
      const recognizer = async (context: TurnContext): Promise<RecognizerResult> => ({
        text: context.activity.text,
        intents: /complain/i.test(context.activity.text) ? { Complaint: { score: 0.91 }, None: { score: 0.1 } } : { None: { score: 0.9 } },
        entities: {},
      });
      adapter.use(new EscalationMiddleware({ skill: 'human-support', keywords: [], recognizer, intents: ['Complaint'] }));
      await adapter.start((context) => bot.run(context));
      pair = { sim, adapter, close: async () => { await adapter.stop(); await sim.stop(); } };
      const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Gus' });
      await waitForLines(sim, chatId, 1);
      sim.visitorSays(chatId, 'hello');
      await waitForLines(sim, chatId, 2);
      sim.visitorSays(chatId, 'I want to complain');
      await waitFor('transfer', () => sim.chat(chatId).skill.name === 'human-support');
      assert.equal(sim.chat(chatId).events.find((e) => e.subType === 'ONLY_TO_REP')?.text, 'Intent Complaint (0.91)');
      assert.deepEqual(bot.seen, ['hello']);
    });
  });

  it('sends proactive messages through continueConversation and every continueConversationAsync overload', async () => {
    let reference: Partial<ConversationReference> | undefined;
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      reference = TurnContext.getConversationReference(context.activity);
      await next();
    });
    pair = await startPair(bot);
    const { chatId } = pair.sim.startChat({ skill: 'support-bot', visitorName: 'Kim' });
    await waitFor('accept', () => pair!.adapter.openChats.includes(chatId));
    pair.sim.visitorSays(chatId, 'remind me');
    await waitFor('reference', () => reference);
    await pair.adapter.continueConversation(reference!, async (context) => { await context.sendActivity('one'); });
    await pair.adapter.continueConversationAsync('app-id', reference!, async (context) => { await context.sendActivity('two'); });
    const identity = { isAuthenticated: true, claims: [] } as never;
    await pair.adapter.continueConversationAsync(identity, reference!, async (context) => { await context.sendActivity('three'); });
    await pair.adapter.continueConversationAsync(identity, reference!, 'audience', async (context) => { await context.sendActivity('four'); });
    assert.deepEqual(linesBy(pair.sim, chatId, 'agent'), ['one', 'two', 'three', 'four']);
    await assert.rejects(pair.adapter.continueConversation({ ...reference!, conversation: { id: 'nope' } as never }, async () => {}), /chat 'nope' is not open/);
  });

  it('stop() lets the running turn finish and send, then logs out; open chats go back to the queue', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      await gate;
      await context.sendActivity('finished');
      await next();
    });
    pair = await startPair(bot);
    const { sim, adapter } = pair;
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Ned' });
    await waitFor('accept', () => adapter.openChats.includes(chatId));
    sim.visitorSays(chatId, 'slow');
    // Another bot with the skill is Online, so the chat can go back to the queue (with nobody to take
    // it, LiveEngage disconnects it instead: test/simulator/routing.test.ts).
    await TestAgent.start(sim, { credentials: { username: 'support-bot-2', password: 'bot-password-2' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopping = adapter.stop();
    release();
    await stopping;
    assert.deepEqual(linesBy(sim, chatId, 'agent'), ['finished']);
    const bot1 = sim.agents().find((a) => a.loginName === 'support-bot');
    assert.equal(bot1?.loggedIn, false);
    assert.equal(sim.chat(chatId).state, 'waiting');
  });

  it('passes typing both ways, strips a visitor html line, and returns the lines\' event ids', async () => {
    const seen: string[] = [];
    const ids: string[] = [];
    let agentTypingSeen = false;
    const bot = new ActivityHandler();
    bot.onTyping(async (_context, next) => { seen.push('typing'); await next(); });
    bot.onMessage(async (context, next) => {
      seen.push(`message:${context.activity.text}`);
      await context.sendActivity({ type: 'typing' });
      agentTypingSeen = pair!.sim.chat(context.activity.conversation.id).agentTyping;
      const responses = await context.sendActivities([{ type: 'message', text: 'a' }, { type: 'delay', value: 20 }, { type: 'message', text: 'b' }]);
      ids.push(...responses.map((r) => r.id));
      await next();
    });
    pair = await startPair(bot);
    const { chatId } = pair.sim.startChat({ skill: 'support-bot', visitorName: 'Ola' });
    await waitFor('accept', () => pair!.adapter.openChats.includes(chatId));
    pair.sim.visitorTyping(chatId, true);
    await waitFor('typing turn', () => seen.includes('typing'));
    pair.sim.visitorSays(chatId, '<p>Fish &amp; <b>chips</b></p>', { textType: 'html' });
    await waitForLines(pair.sim, chatId, 2);
    assert.deepEqual(seen, ['typing', 'message:Fish & chips']);
    assert.equal(agentTypingSeen, true, 'typing shows on the agent side');
    assert.equal(pair.sim.chat(chatId).agentTyping, false, 'cleared by the next line');
    await waitFor('sendActivities to return', () => ids.length === 3);
    const events = pair.sim.chat(chatId).events;
    assert.deepEqual(ids, [String(events.find((e) => e.text === 'a')?.id), '', String(events.find((e) => e.text === 'b')?.id)]);
  });

  it('refuses to edit or delete a line', async () => {
    const bot = new ActivityHandler();
    const errors: string[] = [];
    bot.onMessage(async (context, next) => {
      await context.updateActivity({ id: '1', text: 'x' }).catch((e: Error) => errors.push(e.message));
      await context.deleteActivity('1').catch((e: Error) => errors.push(e.message));
      await next();
    });
    pair = await startPair(bot);
    const { chatId } = pair.sim.startChat({ skill: 'support-bot', visitorName: 'Pia' });
    await waitFor('accept', () => pair!.adapter.openChats.includes(chatId));
    pair.sim.visitorSays(chatId, 'edit');
    await waitFor('errors', () => errors.length === 2);
    assert.deepEqual(errors, [
      'LiveEngageAdapter.updateActivity(): Live Chat cannot edit a line once it is sent.',
      'LiveEngageAdapter.deleteActivity(): Live Chat cannot delete a line once it is sent.',
    ]);
  });

  describe('start()', () => {
    let sim: LiveEngageSimulator;
    beforeEach(async () => {
      sim = new LiveEngageSimulator();
      await sim.start();
    });
    afterEach(() => sim.stop());

    it('logs in with an API key, and with OAuth2 client credentials', async () => {
      for (const credentials of [
        { username: 'support-bot', appKey: 'app-key-1001', secret: 'app-secret-1001', accessToken: 'access-token-1001', accessTokenSecret: 'access-token-secret-1001' },
        { username: 'support-bot', appKey: 'app-key-1001', secret: 'app-secret-1001' },
      ]) {
        const adapter = new LiveEngageAdapter(fastSettings(sim, { credentials }));
        await adapter.start(async () => {});
        assert.equal(adapter.agent?.agentName, 'Support Bot');
        await adapter.stop();
      }
    });

    it('rejects a blocked account (451) saying so', async () => {
      sim.blockUser('support-bot');
      const adapter = new LiveEngageAdapter(fastSettings(sim));
      await assert.rejects(adapter.start(async () => {}), /blocked/i);
    });

    it("warns when the bot user has no skill with 'bot' in its name", async () => {
      const logger = memoryLogger();
      const adapter = new LiveEngageAdapter(fastSettings(sim, { credentials: { username: 'support-bot', password: 'bot-password' }, logger }));
      await adapter.start(async () => {});
      await adapter.stop();
      assert.ok(!logger.lines.some((l) => l.includes("no skill with 'bot'")));
      const simNoBotSkill = new LiveEngageSimulator({ skills: [{ id: 1, name: 'support' }, { id: 2, name: 'human-support' }, { id: 3, name: 'sales' }] });
      await simNoBotSkill.start();
      const logger2 = memoryLogger();
      const adapter2 = new LiveEngageAdapter(fastSettings(simNoBotSkill, { logger: logger2 }));
      await adapter2.start(async () => {});
      await adapter2.stop();
      await simNoBotSkill.stop();
      assert.ok(logger2.lines.some((l) => l.startsWith('warn') && l.includes("no skill with 'bot'")));
    });

    it('respects maxConcurrentChats: Occupied when full (so LiveEngage rings others), Online again when a chat ends', async () => {
      const adapter = new LiveEngageAdapter(fastSettings(sim, { maxConcurrentChats: 2 }));
      await adapter.start(async () => {});
      const state = () => sim.agents().find((a) => a.loginName === 'support-bot')?.availability;
      const ids = [0, 1, 2].map((i) => sim.startChat({ skill: 'support-bot', visitorName: `P${i}` }).chatId);
      await waitFor('two accepted', () => adapter.openChats.length === 2);
      await waitFor('Occupied', () => state() === 'Occupied');
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.equal(adapter.openChats.length, 2);
      assert.equal(sim.chat(ids[2]!).state, 'waiting');
      sim.visitorEnds(ids[0]!);
      await waitFor('third accepted', () => adapter.openChats.includes(ids[2]!));
      await adapter.stop();
    });
  });
});
