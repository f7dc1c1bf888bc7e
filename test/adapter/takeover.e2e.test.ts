import assert from 'node:assert/strict';
import { LiveEngageAdapter } from '../../src/botbuilder/LiveEngageAdapter.js';
import type { LiveEngageAdapterEvents } from '../../src/core/events.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { EchoBot, fastSettings, memoryLogger, waitFor, waitForLines } from '../support/harness.js';

type Takeover = LiveEngageAdapterEvents['takeover'][0];

/**
 * Two processes of one bot user (a common mistake: two replicas with the same credentials). LiveEngage
 * allows one session per user, so each login ends the other's; without a limit they would take turns
 * forever and neither would hold the chats for long.
 */
describe('LiveEngageAdapter: another process logged in as the same bot user', function () {
  this.timeout(30_000);
  let sim: LiveEngageSimulator;
  const adapters: LiveEngageAdapter[] = [];

  beforeEach(async () => {
    sim = new LiveEngageSimulator({ log: false });
    await sim.start();
  });
  afterEach(async () => {
    for (const adapter of adapters.splice(0)) await adapter.stop().catch(() => {});
    await sim.stop();
  });

  const start = async (name: string, overrides: Parameters<typeof fastSettings>[1] = {}) => {
    const logger = memoryLogger();
    const adapter = new LiveEngageAdapter(fastSettings(sim, { logger, ...overrides }));
    const takeovers: Takeover[] = [];
    adapter.on('takeover', (fact) => takeovers.push(fact));
    adapters.push(adapter);
    const bot = new EchoBot();
    // Kicked out while starting, a process may give up before start() resolves: that is a result too.
    const startError = await adapter.start((context) => bot.run(context)).then(() => undefined, (error: Error) => error);
    return { name, adapter, takeovers, logger, startError };
  };

  it('stops fighting after maxTakeovers, says why, and the other process keeps the chats', async () => {
    const first = await start('first');
    const second = await start('second'); // its login ends the first's
    const gaveUp = await waitFor('one of them gives up', () => [first, second].find((p) => p.takeovers.some((t) => t.gaveUp)), 10_000);
    const other = gaveUp === first ? second : first;
    const last = gaveUp.takeovers.at(-1)!;
    assert.equal(last.count, 3);
    assert.match(last.message, /^LiveEngageAdapter: another process is logged in as bot user support-bot: .*run one process per bot user/);
    assert.ok(gaveUp.logger.lines.some((l) => l.startsWith('error LiveEngageAdapter: another process is logged in as bot user support-bot')));
    assert.ok(other.takeovers.every((t) => !t.gaveUp));
    assert.equal(other.startError, undefined);
    if (gaveUp.startError) assert.match(gaveUp.startError.message, /another process is logged in as bot user support-bot/);

    // The fight is over: logins stop, and the one left serves the chats.
    const logins = sim.stats().byOperation.login ?? 0;
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Flo' });
    await waitForLines(sim, chatId, 1);
    sim.visitorSays(chatId, 'who is there?');
    assert.equal((await waitForLines(sim, chatId, 2)).at(-1), 'You said: who is there?');
    assert.ok(other.adapter.openChats.includes(chatId));
    assert.deepEqual(gaveUp.adapter.openChats, []);
    assert.equal(sim.stats().byOperation.login ?? 0, logins, 'no more logins once one gave up');
  });

  it('one revoked bearer is not a fight: no giving up', async () => {
    const one = await start('one');
    sim.revokeBearer('support-bot');
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Gus' });
    await waitForLines(sim, chatId, 1);
    assert.ok(one.takeovers.every((t) => !t.gaveUp));
    assert.ok(one.takeovers.length <= 1);
  });

  it('takeoverSuspectMs: a young login rejected counts as a takeover; with a shorter setting it is renewed as an expiry', async () => {
    for (const [takeoverSuspectMs, expected] of [[60_000, 1], [1, 0]] as const) {
      const one = await start(`suspect ${takeoverSuspectMs}`, { takeoverSuspectMs });
      const startedAt = Date.now();
      await waitFor('the login is older than 1 ms', () => Date.now() > startedAt + 1);
      sim.revokeBearer('support-bot');
      const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Hal' });
      await waitForLines(sim, chatId, 1);
      assert.equal(one.takeovers.length, expected, `takeovers with takeoverSuspectMs ${takeoverSuspectMs}`);
      await one.adapter.stop();
      adapters.splice(adapters.indexOf(one.adapter), 1);
    }
  });
});
