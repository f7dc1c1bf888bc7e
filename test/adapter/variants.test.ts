import assert from 'node:assert/strict';
import { ActivityHandler, type TurnContext } from 'botbuilder';
import { LiveEngageAdapter } from '../../src/botbuilder/LiveEngageAdapter.js';
import { checkVariants, pickVariant } from '../../src/core/variants.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { fastSettings, waitFor, waitForLines } from '../support/harness.js';

describe('A/B variants', () => {
  it('split 1000 real chat ids by weight, within 4 points', async () => {
    const sim = new LiveEngageSimulator();
    const ids = Array.from({ length: 1000 }, () => sim.startChat({ skill: 'support-bot' }).chatId);
    for (const weights of [[50, 50], [80, 20], [1, 1, 2]]) {
      const variants = weights.map((weight, i) => ({ name: `V${i}`, weight }));
      const counts = new Map<string, number>();
      for (const id of ids) counts.set(pickVariant(id, variants).name, (counts.get(pickVariant(id, variants).name) ?? 0) + 1);
      const total = weights.reduce((a, b) => a + b, 0);
      variants.forEach((v) => {
        const share = (counts.get(v.name) ?? 0) / ids.length;
        assert.ok(Math.abs(share - v.weight / total) < 0.04, `${v.name} got ${share} of ${JSON.stringify(weights)}`);
      });
    }
  });

  it('stick: the same chat always gets the same variant', () => {
    const variants = [{ name: 'A', weight: 1 }, { name: 'B', weight: 1 }];
    for (const id of ['H1-aK1', 'H2-bK2', 'H3-cK3']) assert.equal(pickVariant(id, variants), pickVariant(id, variants));
  });

  const bad: [unknown, RegExp][] = [
    [[], /variants must be a non-empty array/],
    [[{ name: '', logic: async () => {} }], /variants\[0\]\.name is required/],
    [[{ name: 'A', logic: async () => {} }, { name: 'A', logic: async () => {} }], /unique \('A' twice\)/],
    [[{ name: 'A' }], /variants\[0\]\.logic must be/],
    [[{ name: 'A', logic: async () => {}, weight: 0 }], /weight must be a positive number/],
  ];
  for (const [variants, message] of bad) {
    it(`refuse ${JSON.stringify(variants)}`, () => assert.throws(() => checkVariants(variants), message));
  }

  it('serve each chat with its variant, shown in channelData.variant', async function () {
    this.timeout(20_000);
    const sim = new LiveEngageSimulator();
    await sim.start();
    const bot = (name: string) => {
      const b = new ActivityHandler();
      b.onMessage(async (context, next) => {
        await context.sendActivity(`${name}:${context.activity.channelData.variant}`);
        await next();
      });
      return b;
    };
    const [a, b] = [bot('A'), bot('B')];
    const adapter = new LiveEngageAdapter(fastSettings(sim));
    const variants = [{ name: 'A', logic: (c: TurnContext) => a.run(c), weight: 50 }, { name: 'B', logic: (c: TurnContext) => b.run(c), weight: 50 }];
    await adapter.start({ variants });
    try {
      const ids = Array.from({ length: 20 }, () => sim.startChat({ skill: 'support-bot' }).chatId);
      await waitFor('all accepted', () => ids.every((id) => adapter.openChats.includes(id)));
      for (const id of ids) sim.visitorSays(id, 'one');
      for (const id of ids) await waitForLines(sim, id, 1);
      for (const id of ids) sim.visitorSays(id, 'two');
      for (const id of ids) {
        const expected = pickVariant(id, variants).name;
        assert.deepEqual(await waitForLines(sim, id, 2), [`${expected}:${expected}`, `${expected}:${expected}`]);
      }
    } finally {
      await adapter.stop();
      await sim.stop();
    }
  });
});
