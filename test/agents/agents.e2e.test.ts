import assert from 'node:assert/strict';
import { AgentApplication, MemoryStorage, type TurnContext } from '@microsoft/agents-hosting';
import { EscalationMiddleware, LiveEngageAdapter } from '../../src/agents/index.js';
import type { LiveEngageAdapterSettings } from '../../src/core/settings.js';
import { LiveEngageMetrics } from '../../src/monitoring/index.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { fastSettings, linesBy, memoryLogger, waitFor, waitForLines } from '../support/harness.js';

/** What only the Agents SDK binding has to get right: the SDK's own ways of reaching past the adapter. */
describe('LiveEngageAdapter for the Agents SDK (/agents)', function () {
  this.timeout(20_000);
  let sim: LiveEngageSimulator;
  let adapter: LiveEngageAdapter | undefined;
  beforeEach(async () => {
    sim = new LiveEngageSimulator();
    await sim.start();
  });
  afterEach(async () => {
    await adapter?.stop();
    adapter = undefined;
    await sim.stop();
  });

  const echoApp = (overrides: Partial<LiveEngageAdapterSettings> = {}, options: { longRunningMessages?: boolean } = {}) => {
    adapter = new LiveEngageAdapter(fastSettings(sim, overrides));
    const app = new AgentApplication({ storage: new MemoryStorage(), adapter, ...options });
    app.onActivity('message', async (context) => { await context.sendActivity(`You said: ${context.activity.text}`); });
    return app;
  };
  const chat = async (visitorName = 'Ann') => {
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName });
    await waitFor('accept', () => adapter!.openChats.includes(chatId));
    return chatId;
  };

  it('longRunningMessages fails the turn with a clear error (the chat fails over), never a reply out of turn', async () => {
    const logger = memoryLogger();
    const app = echoApp({ logger }, { longRunningMessages: true });
    await adapter!.start((context) => app.run(context));
    const chatId = await chat();
    sim.visitorSays(chatId, 'hi');
    assert.deepEqual(await waitForLines(sim, chatId, 1), ['Sorry, something went wrong on our side. Please try again.']);
    await waitFor('the error logged', () => logger.lines.some((l) => l.includes('longRunningMessages is not supported on LiveEngage')));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(linesBy(sim, chatId, 'agent'), ['Sorry, something went wrong on our side. Please try again.']);
  });

  it('a user authorization flow fails with a clear error, not a call to a token service', async () => {
    adapter = new LiveEngageAdapter(fastSettings(sim, { logger: memoryLogger() }));
    const app = new AgentApplication({ storage: new MemoryStorage(), adapter });
    const errors: string[] = [];
    app.onError(async (_context, error) => { errors.push(error.message); });
    app.onActivity('message', async (context: TurnContext) => {
      // Where the SDK's sign-in handlers get their token client (azureBotAuthorization.getUserTokenClient).
      const client = context.turnState.get(context.adapter.UserTokenClientKey) as { getUserToken(): Promise<unknown> };
      await client.getUserToken();
    });
    await adapter.start((context) => app.run(context));
    const chatId = await chat();
    sim.visitorSays(chatId, 'sign me in');
    await waitFor('the error', () => errors.length === 1);
    assert.match(errors[0]!, /^LiveEngageAdapter: user authorization \(sign-in\) flows cannot run in a LiveEngage chat/);
  });

  it("app.sendProactiveActivity goes through this adapter (the SDK's own CloudAdapter would POST to the serviceUrl)", async () => {
    const app = echoApp();
    let reference: ReturnType<TurnContext['activity']['getConversationReference']> | undefined;
    app.onActivity('event', async () => {});
    app.onConversationUpdate('membersAdded', async (context) => { reference = context.activity.getConversationReference(); });
    await adapter!.start((context) => app.run(context));
    const chatId = await chat();
    await waitFor('reference', () => reference);
    await app.sendProactiveActivity('', reference!, 'Your order has shipped.');
    assert.deepEqual(linesBy(sim, chatId, 'agent'), ['Your order has shipped.']);
    // A reference kept as plain data (say, in a database) with the conversation alone is enough.
    await adapter!.continueConversation('', { conversation: { id: chatId } } as never, async (context) => { await context.sendActivity('And it arrives tomorrow.'); });
    assert.deepEqual(linesBy(sim, chatId, 'agent'), ['Your order has shipped.', 'And it arrives tomorrow.']);
  });

  it('refuses what cannot work on LiveEngage with clear errors: HTTP, new conversations, edits', async () => {
    adapter = new LiveEngageAdapter(fastSettings(sim));
    await assert.rejects(adapter.process({} as never, {} as never, async () => {}), /^Error: LiveEngageAdapter\.process\(\): LiveEngage chats do not come over HTTP/);
    await assert.rejects(adapter.createConversationAsync('', '', '', '', {} as never, async () => {}), /^Error: LiveEngageAdapter\.createConversationAsync\(\): a bot cannot open a LiveEngage chat/);
    await assert.rejects(adapter.updateActivity(), /cannot edit a line/);
    await assert.rejects(adapter.deleteActivity(), /cannot delete a line/);
  });

  it("runs A/B variants, each chat with its own, shown in channelData.variant (progress in the SDK's MemoryStorage, counted by LiveEngageMetrics)", async () => {
    const storage = new MemoryStorage();
    adapter = new LiveEngageAdapter(fastSettings(sim, { storage }));
    const metrics = new LiveEngageMetrics();
    metrics.observe(adapter);
    const says = (name: string) => async (context: TurnContext) => {
      if (context.activity.type === 'message') await context.sendActivity(`${name}:${(context.activity.channelData as { variant?: string }).variant}`);
    };
    await adapter.start({ variants: [{ name: 'A', logic: says('A') }, { name: 'B', logic: says('B') }] });
    const ids = await Promise.all(['V1', 'V2', 'V3', 'V4', 'V5', 'V6'].map((name) => chat(name)));
    for (const id of ids) sim.visitorSays(id, 'hi');
    const lines = await Promise.all(ids.map((id) => waitForLines(sim, id, 1)));
    // A chat's variant is a hash of its (random) id, 50/50: six chats all went to one variant in 1 run
    // of 32. More chats, one at a time, until both have served one (the odds of 40 all alike are nil).
    while (new Set(lines.map(([line]) => line)).size < 2 && ids.length < 40) {
      const id = await chat(`V${ids.length + 1}`);
      sim.visitorSays(id, 'hi');
      ids.push(id);
      lines.push(await waitForLines(sim, id, 1));
    }
    for (const [line] of lines) assert.match(line!, /^(A:A|B:B)$/);
    assert.equal(new Set(lines.map(([line]) => line)).size, 2, 'both variants served chats');
    const stored = await storage.read(ids.map((id) => `liveengage/${sim.accountId}/support-bot/chats/${id}`));
    assert.equal(Object.keys(stored).length, ids.length, "each chat's progress is stored");
    const accepted = metrics.summary().bots.map((b) => [b.variant, b.chats.accepted]);
    assert.equal(accepted.reduce((sum, [, n]) => sum + Number(n), 0), ids.length, `the metrics count the chats per variant: ${JSON.stringify(accepted)}`);
  });

  it('EscalationMiddleware transfers on a keyword, before the AgentApplication runs', async () => {
    const app = echoApp();
    adapter!.use(new EscalationMiddleware({ skill: 'human-support' }));
    await adapter!.start((context) => app.run(context));
    const chatId = await chat();
    sim.visitorSays(chatId, 'a human please');
    await waitFor('transfer', () => sim.chat(chatId).skill.name === 'human-support');
    assert.deepEqual(linesBy(sim, chatId, 'agent'), ['Let me connect you with a person who can help.', 'Visitor asked for a person ("human")']);
  });
});
