import assert from 'node:assert/strict';
import { ActivityHandler, MemoryStorage, type Storage, type TurnContext } from 'botbuilder';
import type { LiveEngageAdapterSettings } from '../../src/core/settings.js';
import { useAzurite } from '../support/azurite.js';
import { CrashableAdapter, crashableRig } from '../support/crashable.js';
import { EchoBot, linesBy, waitFor, waitForLines } from '../support/harness.js';

/** Echoes every line but those starting with 'shh': a turn that leaves no line, which only the store remembers. */
class QuietEchoBot extends EchoBot {
  override async run(context: TurnContext): Promise<void> {
    if (context.activity.type === 'message' && context.activity.text?.startsWith('shh')) {
      this.seen.push(context.activity.text);
      return;
    }
    await super.run(context);
  }
}

/**
 * A restarted process resumes its chats from the stored progress: on MemoryStorage (one object shared,
 * as in one process) and on botbuilder's BlobsStorage against real Azurite, where the new process gets
 * a new BlobsStorage on the same container, as a restarted process would.
 */
describe('restart from a real store: resumes without repeating or skipping (MemoryStorage, BlobsStorage on Azurite)', function () {
  this.timeout(30_000);
  const azurite = useAzurite();
  const rig = crashableRig();
  const { chatWith } = rig;
  const start = (bot: { run(c: TurnContext): Promise<void> }, storage: Storage, overrides: Partial<LiveEngageAdapterSettings> = {}) => rig.start(bot, { storage, ...overrides });

  /** The store of the first process, and the one the restarted process opens. */
  const stores: [string, () => [Storage, Storage]][] = [
    ['MemoryStorage', () => { const shared = new MemoryStorage(); return [shared, shared]; }],
    ['BlobsStorage on Azurite', () => { const container = `restart${Date.now()}${Math.floor(Math.random() * 1e6)}`; return [azurite().storage(container), azurite().storage(container)]; }],
  ];

  for (const [name, open] of stores) {
    describe(name, () => {
      it('a rolling restart (stop without logout, a new process): no second welcome, nothing skipped', async () => {
        const [before, after] = open();
        const firstBot = new QuietEchoBot();
        const first = await start(firstBot, before);
        const chatId = await chatWith(first);
        rig.sim.visitorSays(chatId, 'one');
        await waitForLines(rig.sim, chatId, 2);
        // A turn that says nothing: the transcript cannot tell it ran, only the stored progress can.
        rig.sim.visitorSays(chatId, 'shh, no answer');
        await waitFor('the silent turn done', () => firstBot.seen.includes('shh, no answer'));
        await first.stop({ logout: false });
        rig.sim.visitorSays(chatId, 'while nobody listens');
        const bot = new QuietEchoBot();
        await start(bot, after);
        await waitForLines(rig.sim, chatId, 3);
        rig.sim.visitorSays(chatId, 'and after');
        await waitForLines(rig.sim, chatId, 4);
        assert.deepEqual(bot.seen, ['while nobody listens', 'and after'], 'the new process ran only the turns the first did not');
        assert.deepEqual(linesBy(rig.sim, chatId, 'agent'), ['Welcome, Vi!', 'You said: one', 'You said: while nobody listens', 'You said: and after']);
      });

      it('a crash mid-turn after the reply landed: the restarted process does not answer that line again', async () => {
        const [before, after] = open();
        const hanging = new ActivityHandler();
        hanging.onMembersAdded(async (context, next) => { await context.sendActivity('hi'); await next(); });
        hanging.onMessage(async (context) => {
          await context.sendActivity(`got ${context.activity.text}`);
          await new Promise(() => {}); // dies here, before the turn completes
        });
        const first = (await start(hanging, before)) as CrashableAdapter;
        const chatId = await chatWith(first);
        rig.sim.visitorSays(chatId, 'x');
        await waitForLines(rig.sim, chatId, 2);
        await first.crash();
        rig.forget(first);
        rig.sim.visitorSays(chatId, 'y');
        const bot = new EchoBot();
        await start(bot, after);
        await waitForLines(rig.sim, chatId, 3);
        rig.sim.visitorSays(chatId, 'z');
        await waitForLines(rig.sim, chatId, 4);
        assert.deepEqual(bot.seen, ['y', 'z']);
        assert.deepEqual(linesBy(rig.sim, chatId, 'agent'), ['hi', 'got x', 'You said: y', 'You said: z']);
      });

      it('a crash mid-turn before the reply: the restarted process answers that line once', async () => {
        const [before, after] = open();
        const stuck = new ActivityHandler();
        stuck.onMembersAdded(async (context, next) => { await context.sendActivity('hi'); await next(); });
        let reached = false;
        const quiet: string[] = [];
        stuck.onMessage(async (context, next) => {
          if (context.activity.text.startsWith('shh')) {
            quiet.push(context.activity.text);
            return next();
          }
          reached = true;
          await new Promise(() => {}); // dies before saying anything
        });
        const first = (await start(stuck, before)) as CrashableAdapter;
        const chatId = await chatWith(first);
        await waitForLines(rig.sim, chatId, 1);
        // A completed turn that said nothing, then the one cut off: only the store tells them apart.
        rig.sim.visitorSays(chatId, 'shh');
        await waitFor('the silent turn', () => quiet.length === 1);
        rig.sim.visitorSays(chatId, 'x');
        await waitFor('the turn under way', () => reached);
        await first.crash();
        rig.forget(first);
        const bot = new EchoBot();
        await start(bot, after);
        await waitForLines(rig.sim, chatId, 2);
        rig.sim.visitorSays(chatId, 'y');
        await waitForLines(rig.sim, chatId, 3);
        assert.deepEqual(bot.seen, ['x', 'y'], 'the new process ran the cut-off turn, not the completed silent one');
        assert.deepEqual(linesBy(rig.sim, chatId, 'agent'), ['hi', 'You said: x', 'You said: y']);
      });
    });
  }
});
