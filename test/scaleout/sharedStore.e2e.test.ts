import assert from 'node:assert/strict';
import { LiveEngageAdapter } from '../../src/botbuilder/LiveEngageAdapter.js';
import type { LiveEngageAdapterSettings } from '../../src/core/settings.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { useAzurite } from '../support/azurite.js';
import { EagerAdapter } from '../support/crashable.js';
import { EchoBot, fastSettings, linesBy, memoryLogger, waitFor } from '../support/harness.js';

/**
 * Several processes on one shared BlobsStorage (real Azurite): whatever mix of bot users and processes,
 * no chat is ever answered by two of them, and no visitor line twice.
 */
describe('scale-out on a shared BlobsStorage (Azurite): no chat answered by two processes', function () {
  this.timeout(40_000);
  const azurite = useAzurite();
  let sim: LiveEngageSimulator;
  const adapters: LiveEngageAdapter[] = [];
  /** Adapters that stopped logging in after being taken over (they poll no more). */
  const gaveUp = new Set<LiveEngageAdapter>();
  const logs = new Map<LiveEngageAdapter, string[]>();
  const start = async (bot: EchoBot, overrides: Partial<LiveEngageAdapterSettings>) => {
    const logger = memoryLogger();
    const adapter = new EagerAdapter(fastSettings(sim, { logger, ...overrides }));
    adapters.push(adapter);
    logs.set(adapter, logger.lines);
    adapter.on('takeover', (e) => { if (process.env.DEBUG_SCALEOUT) console.log('takeover', e); if (e.gaveUp) gaveUp.add(adapter); });
    await adapter.start((context) => bot.run(context));
    return adapter;
  };

  beforeEach(async () => {
    sim = new LiveEngageSimulator();
    await sim.start();
  });

  /**
   * A dead process's agent session closes after 1 s of silence and its chats go back to the queue. Only
   * where a process dies: elsewhere a live process that a busy machine or a login fight keeps silent for a
   * second would have its session closed, and with nobody else Online its chats disconnected.
   */
  const withIdleClose = async () => {
    await sim.stop();
    sim = new LiveEngageSimulator({ agentSessionIdleSeconds: 1 });
    await sim.start();
  };
  afterEach(async () => {
    for (const adapter of adapters.splice(0)) await adapter.stop().catch(() => {});
    gaveUp.clear();
    await sim.stop();
  });

  /** Every visitor line answered exactly once, one welcome, all lines by one agent. */
  const assertOnce = (chatId: string, said: string[]) => {
    const agent = linesBy(sim, chatId, 'agent');
    assert.equal(agent.filter((l) => l.startsWith('Welcome')).length, 1, `welcomes in ${chatId}: ${agent.join(' | ')}`);
    for (const text of said) assert.equal(agent.filter((l) => l === `You said: ${text}`).length, 1, `answers to '${text}' in ${chatId}: ${agent.join(' | ')}`);
    const by = new Set(sim.chat(chatId).events.filter((e) => e.type === 'line' && e.source === 'agent').map((e) => e.by));
    assert.equal(by.size, 1, `chat ${chatId} answered by ${[...by].join(', ')}`);
  };

  /** Rounds `first` to `first + rounds - 1`: each visitor says `r{round} {chat}` and waits for its answer. */
  const converse = async (ids: string[], rounds: number, first = 0) => {
    const said = new Map(ids.map((id) => [id, [] as string[]]));
    for (let round = first; round < first + rounds; round += 1) {
      for (const id of ids) {
        const text = `r${round} ${id.slice(-6)}`;
        sim.visitorSays(id, text);
        said.get(id)!.push(text);
      }
      await waitFor(`round ${round} answered`, () => ids.every((id) => linesBy(sim, id, 'agent').includes(`You said: r${round} ${id.slice(-6)}`)), 20_000)
        .catch((error: Error) => {
          // Say how the processes stand: which gave up after takeovers, which hold chats.
          const state = adapters.map((a, i) => `process ${i}: ${gaveUp.has(a) ? 'gave up' : 'at work'}, ${a.openChats.length} chats, last warnings: ${(logs.get(a) ?? []).filter((l) => !l.startsWith('debug') && !l.startsWith('info')).slice(-4).join(' / ')}`).join('; ');
          throw new Error(`${error.message} (${state})`);
        });
    }
    // Every process polls three more cycles (one that would answer a line too has read it by then),
    // unless it gave up after being taken over (takeover detection: it polls no more).
    const polls = adapters.map(() => 0);
    const onPoll = adapters.map((_, i) => () => { polls[i]! += 1; });
    adapters.forEach((adapter, i) => adapter.on('poll', onPoll[i]!));
    await waitFor('three more poll cycles in every process still at work', () => adapters.every((a, i) => gaveUp.has(a) || polls[i]! >= 3), 10_000);
    adapters.forEach((adapter, i) => adapter.off('poll', onPoll[i]!));
    return said;
  };

  it('two bot users, two adapters, one container: each chat is answered by one of them, each line once', async () => {
    const container = `scale${Date.now()}`;
    await start(new EchoBot(), { storage: azurite().storage(container) });
    await start(new EchoBot(), { storage: azurite().storage(container), credentials: { username: 'support-bot-2', password: 'bot-password-2' } });
    const ids = Array.from({ length: 8 }, (_, i) => sim.startChat({ skill: 'support-bot', visitorName: `S${i}` }).chatId);
    await waitFor('all accepted', () => ids.every((id) => adapters.some((a) => a.openChats.includes(id))));
    const said = await converse(ids, 3);
    for (const id of ids) assertOnce(id, said.get(id)!);
  });

  it('two processes of the same bot user on one container: each line is answered once, never by both', async () => {
    const container = `same${Date.now()}`;
    const a = await start(new EchoBot(), { storage: azurite().storage(container) });
    const ids = Array.from({ length: 6 }, (_, i) => sim.startChat({ skill: 'support-bot', visitorName: `P${i}` }).chatId);
    await waitFor('A took them', () => ids.every((id) => a.openChats.includes(id)));
    // A second process of the same bot user starts (a supervisor's mistake, or a slow rolling restart).
    await start(new EchoBot(), { storage: azurite().storage(container) });
    const said = await converse(ids, 3);
    for (const id of ids) assertOnce(id, said.get(id)!);
  });

  // A chat re-queued from a dead bot user is taken up after its last agent line (OpenChats.accepted).
  it('when a bot user\'s process dies, the bot user that takes its chats answers only what was left: no line twice, no second welcome', async () => {
    await withIdleClose();
    const container = `dies${Date.now()}`;
    const a = (await start(new EchoBot(), { storage: azurite().storage(container) })) as EagerAdapter;
    const ids = Array.from({ length: 4 }, (_, i) => sim.startChat({ skill: 'support-bot', visitorName: `D${i}` }).chatId);
    await waitFor('A took them', () => ids.every((id) => a.openChats.includes(id)));
    const said = await converse(ids, 2);
    const b = await start(new EchoBot(), { storage: azurite().storage(container), credentials: { username: 'support-bot-2', password: 'bot-password-2' } });
    await a.crash();
    adapters.splice(adapters.indexOf(a), 1);
    await waitFor('B holds them all', () => ids.every((id) => b.openChats.includes(id)), 10_000);
    const more = await converse(ids, 1, 2);
    for (const id of ids) {
      const agent = linesBy(sim, id, 'agent');
      assert.equal(agent.filter((l) => l.startsWith('Welcome')).length, 1, `welcomes in ${id}: ${agent.join(' | ')}`);
      for (const text of [...said.get(id)!, ...more.get(id)!]) assert.equal(agent.filter((l) => l === `You said: ${text}`).length, 1, `answers to '${text}' in ${id}: ${agent.join(' | ')}`);
    }
  });
});
