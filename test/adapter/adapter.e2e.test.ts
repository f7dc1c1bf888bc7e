import assert from 'node:assert/strict';
import { ActivityHandler, EventFactory, TurnContext, type ConversationReference, type RecognizerResult } from 'botbuilder';
import { createTransferActivity, EscalationMiddleware, LiveEngageAdapter } from '../../src/index.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { goodbyeBot, transferBot as makeTransferBot } from '../support/bots.js';
import { EchoBot, fastSettings, linesBy, memoryLogger, startPair, waitFor, waitForLines } from '../support/harness.js';
import { TestAgent } from '../support/simulatorClient.js';

type Pair = Awaited<ReturnType<typeof startPair>>;

describe('LiveEngageAdapter end to end, against the simulator', function () {
  this.timeout(20_000);
  let pair: Pair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('welcomes the visitor on accept and echoes a line', async () => {
    const bot = new EchoBot();
    pair = await startPair(bot);
    const { chatId } = pair.sim.startChat({ skill: 'support-bot', visitorName: 'Ann' });
    assert.deepEqual(await waitForLines(pair.sim, chatId, 1), ['Welcome, Ann!']);
    pair.sim.visitorSays(chatId, 'hello there');
    assert.deepEqual(await waitForLines(pair.sim, chatId, 2), ['Welcome, Ann!', 'You said: hello there']);
    assert.equal(pair.sim.chat(chatId).agent?.kind, 'bot');
  });

  it('keeps quick lines in order, one turn at a time', async () => {
    let running = 0;
    let overlapped = false;
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      running += 1;
      overlapped ||= running > 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      await context.sendActivity(`#${context.activity.text}`);
      running -= 1;
      await next();
    });
    pair = await startPair(bot);
    const { chatId } = pair.sim.startChat({ skill: 'support-bot', visitorName: 'Bo' });
    await waitFor('accept', () => pair!.adapter.openChats.includes(chatId));
    const sent = Array.from({ length: 12 }, (_, i) => String(i));
    for (const text of sent) pair.sim.visitorSays(chatId, text);
    const lines = await waitForLines(pair.sim, chatId, sent.length);
    assert.deepEqual(lines, sent.map((t) => `#${t}`));
    assert.equal(overlapped, false);
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

  describe('transfer', () => {
    let statuses: unknown[] = [];
    const transferBot = (send: (context: TurnContext) => Promise<unknown>) => {
      const bot = makeTransferBot(send);
      statuses = bot.statuses;
      return bot;
    };

    const forms: [string, (context: TurnContext) => Promise<unknown>][] = [
      ['createTransferActivity', (context) => context.sendActivity(createTransferActivity('human-support', 'asked for billing'))],
      ['EventFactory.createHandoffInitiation', (context) => context.sendActivity(EventFactory.createHandoffInitiation(context, { skill: 'human-support', reason: 'asked for billing' }))],
      ["channelData.action TRANSFER (LivePerson's connector)", (context) => context.sendActivity({ type: 'message', text: 'Transferring you.', channelData: { action: { name: 'TRANSFER', parameters: { skill: 'human-support', reason: 'asked for billing' } } } })],
    ];
    for (const [name, send] of forms) {
      it(`${name}: the chat waits in the human skill, the reason reaches the agent only, handoff.status accepted`, async () => {
        pair = await startPair(transferBot(send));
        const { chatId } = pair.sim.startChat({ skill: 'support-bot', visitorName: 'Cy' });
        await waitFor('accept', () => pair!.adapter.openChats.includes(chatId));
        pair.sim.visitorSays(chatId, 'go');
        await waitFor('handoff.status', () => statuses.length === 1);
        assert.deepEqual(statuses[0], { state: 'accepted', message: "The chat was transferred to skill 'human-support'.", target: { skillId: 2, skillName: 'human-support' }, reason: 'asked for billing' });
        const chat = pair.sim.chat(chatId);
        assert.equal(chat.skill.name, 'human-support');
        assert.equal(chat.state, 'waiting');
        const privateLines = chat.events.filter((e) => e.subType === 'ONLY_TO_REP');
        assert.deepEqual(privateLines.map((e) => e.text), ['asked for billing']);
        assert.ok(chat.events.some((e) => e.source === 'system' && Number(e.systemMessageId) === 15));
        assert.ok(!pair.adapter.openChats.includes(chatId));
        pair.sim.humanTakes(chatId);
        pair.sim.humanSays(chatId, 'Alice here, how can I help?');
        assert.equal(pair.sim.chat(chatId).agent?.kind, 'human');
      });
    }

    it('to an unknown skill: handoff.status failed, and the chat stays with the bot', async () => {
      pair = await startPair(transferBot((context) => context.sendActivity(createTransferActivity('no-such-skill', 'test'))));
      const { chatId } = pair.sim.startChat({ skill: 'support-bot', visitorName: 'Di' });
      await waitFor('accept', () => pair!.adapter.openChats.includes(chatId));
      pair.sim.visitorSays(chatId, 'go');
      await waitFor('handoff.status', () => statuses.length === 1);
      const status = statuses[0] as { state: string; message: string };
      assert.equal(status.state, 'failed');
      assert.match(status.message, /no-such-skill/);
      pair.sim.visitorSays(chatId, 'hello?');
      assert.deepEqual(await waitForLines(pair.sim, chatId, 1), ['still here']);
      assert.equal(pair.sim.chat(chatId).skill.name, 'support-bot');
    });

    it('to a skill with no agent online: handoff.status failed, chat stays open', async () => {
      pair = await startPair(transferBot((context) => context.sendActivity(createTransferActivity('sales'))));
      const { chatId } = pair.sim.startChat({ skill: 'support-bot', visitorName: 'Ed' });
      await waitFor('accept', () => pair!.adapter.openChats.includes(chatId));
      pair.sim.visitorSays(chatId, 'go');
      await waitFor('handoff.status', () => statuses.length === 1);
      assert.equal((statuses[0] as { state: string }).state, 'failed');
      assert.ok(pair.adapter.openChats.includes(chatId));
    });
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

  it('tells the bot when the visitor ends the chat', async () => {
    const ended: string[] = [];
    const bot = new EchoBot();
    bot.onEndOfConversation(async (context, next) => {
      ended.push(context.activity.conversation.id);
      await next();
    });
    pair = await startPair(bot);
    const { chatId } = pair.sim.startChat({ skill: 'support-bot', visitorName: 'Hal' });
    await waitForLines(pair.sim, chatId, 1);
    pair.sim.visitorEnds(chatId);
    await waitFor('endOfConversation', () => ended.length === 1);
    assert.deepEqual(ended, [chatId]);
    await waitFor('chat let go', () => !pair!.adapter.openChats.includes(chatId));
  });

  it('ends the chat when the bot sends endOfConversation', async () => {
    pair = await startPair(goodbyeBot());
    const { chatId } = pair.sim.startChat({ skill: 'support-bot', visitorName: 'Ida' });
    await waitFor('accept', () => pair!.adapter.openChats.includes(chatId));
    pair.sim.visitorSays(chatId, 'bye');
    await waitFor('ended', () => pair!.sim.chat(chatId).state === 'ended');
    assert.deepEqual(linesBy(pair.sim, chatId, 'agent'), ['Goodbye!']);
  });

  it('sends a private line only agents see', async () => {
    const bot = new ActivityHandler();
    bot.onMessage(async (context, next) => {
      await context.sendActivity({ type: 'message', text: 'VIP customer', channelData: { messageAudience: 'AGENTS_AND_MANAGERS' } });
      await next();
    });
    pair = await startPair(bot);
    const { chatId } = pair.sim.startChat({ skill: 'support-bot', visitorName: 'Jo' });
    await waitFor('accept', () => pair!.adapter.openChats.includes(chatId));
    pair.sim.visitorSays(chatId, 'hi');
    await waitFor('private line', () => pair!.sim.chat(chatId).events.find((e) => e.text === 'VIP customer'));
    assert.equal(pair.sim.chat(chatId).events.find((e) => e.text === 'VIP customer')?.subType, 'ONLY_TO_REP');
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

  it('reports a throwing turn to onTurnError and fails the chat over to failoverSkill', async () => {
    const errors: string[] = [];
    const bot = new ActivityHandler();
    bot.onMessage(async () => {
      throw new Error('boom');
    });
    const sim = new LiveEngageSimulator();
    await sim.start();
    const adapter = new LiveEngageAdapter(fastSettings(sim, { failoverSkill: 'human-support' }));
    adapter.onTurnError = async (_context, error) => { errors.push(error.message); };
    await adapter.start((context) => bot.run(context));
    pair = { sim, adapter, close: async () => { await adapter.stop(); await sim.stop(); } };
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Lu' });
    await waitFor('accept', () => adapter.openChats.includes(chatId));
    sim.visitorSays(chatId, 'hi');
    await waitFor('failover', () => sim.chat(chatId).skill.name === 'human-support');
    assert.deepEqual(errors, ['boom']);
    assert.equal(sim.chat(chatId).events.find((e) => e.subType === 'ONLY_TO_REP')?.text, 'Bot error: boom');
  });

  it('without failoverSkill, a throwing turn gets a polite line and the chat stays open', async () => {
    const bot = new ActivityHandler();
    bot.onMessage(async () => {
      throw new Error('boom');
    });
    pair = await startPair(bot, { logger: memoryLogger() });
    const { chatId } = pair.sim.startChat({ skill: 'support-bot', visitorName: 'Mo' });
    await waitFor('accept', () => pair!.adapter.openChats.includes(chatId));
    pair.sim.visitorSays(chatId, 'hi');
    assert.deepEqual(await waitForLines(pair.sim, chatId, 1), ['Sorry, something went wrong on our side. Please try again.']);
    assert.ok(pair.adapter.openChats.includes(chatId));
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

    it('rejects bad credentials with a clear error that holds no secret', async () => {
      const adapter = new LiveEngageAdapter(fastSettings(sim, { credentials: { username: 'support-bot', password: 'wrong-password-123' } }));
      const error = await adapter.start(async () => {}).then(() => undefined, (e: Error) => e);
      assert.ok(error);
      assert.match(error.message, /^LiveEngageAdapter\.start\(\): .*401/);
      assert.ok(!error.message.includes('wrong-password-123'));
    });

    it('rejects a blocked account (451) saying so', async () => {
      sim.blockUser('support-bot');
      const adapter = new LiveEngageAdapter(fastSettings(sim));
      await assert.rejects(adapter.start(async () => {}), /blocked/i);
    });

    it('rejects an unreachable host', async () => {
      const adapter = new LiveEngageAdapter(fastSettings(sim, { domainApiUrl: 'http://127.0.0.1:1', retryDelaysMs: [] }));
      await assert.rejects(adapter.start(async () => {}), /^Error: LiveEngageAdapter\.start\(\): /);
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
