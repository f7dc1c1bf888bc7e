import assert from 'node:assert/strict';
import { ChatStore } from '../../src/core/chatStore.js';
import { MemoryStore } from '../../src/core/protocol.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import type { MessagingFaultRule } from '../../src/simulator/messaging/faults.js';
import { bindings, echoBot, type Pair } from '../support/bindings.js';
import { waitFor } from '../support/harness.js';
import { transports, waitForBotLines } from '../support/transports.js';

/**
 * Messaging reliability of the adapter (issue 14), on the simulator: a conversation with no stored
 * progress, a publish whose answer never came while the socket stayed open, and two processes of one
 * bot user. The rest of Messaging's e2e cases are in `transports.e2e.test.ts`.
 */
const messaging = transports.find((t) => t.name === 'messaging')!;
/** Room for a wrong turn (a replay, a second line) to show after the condition waited for. */
/** The client's request timeout in the publish tests (the simulator answers loopback requests in ~1 ms). */
const TIMEOUT_MS = 300;
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 150));

for (const binding of bindings) {
  describe(`LiveEngageAdapter (${binding.name}, transport messaging): reliability`, function () {
    this.timeout(20_000);
    let pair: Pair | undefined;
    afterEach(async () => {
      await pair?.close();
      pair = undefined;
    });

    it('a restart with the storage lost resumes after the bot\'s last message: nothing answered twice, nothing skipped, no second welcome', async () => {
      const first = echoBot();
      pair = await binding.startPair(first, { ...messaging.settings, storage: new MemoryStore() });
      const sim = pair.sim;
      const id = await messaging.open(pair, 'Ada', 'one');
      messaging.says(pair, id, 'two');
      await waitForBotLines(messaging, sim, id, 3);
      await pair.adapter.stop();
      messaging.says(pair, id, 'three');
      const second = echoBot();
      pair = await binding.startPair(second, { ...messaging.settings, storage: new MemoryStore() }, undefined, sim);
      await waitForBotLines(messaging, sim, id, 4);
      messaging.says(pair, id, 'four');
      await waitForBotLines(messaging, sim, id, 5);
      await settle();
      assert.deepEqual(messaging.botLines(sim, id), ['Welcome, Ada!', 'You said: one', 'You said: two', 'You said: three', 'You said: four']);
      assert.deepEqual(second.seen, ['three', 'four']);
    });

    it('a conversation transferred to the bot with its history: the bot is welcomed in, and old messages are no turns', async () => {
      const bot = echoBot();
      pair = await binding.startPair(bot, messaging.settings);
      const sim = pair.sim;
      const { conversationId: id } = sim.messaging.startConversation({ skill: 'human-support', consumerName: 'Bo', text: 'my order is late' });
      sim.messaging.humanTakes(id, 'alice');
      sim.messaging.humanSays(id, 'Let me look.');
      messaging.says(pair, id, 'it was due Monday');
      sim.messaging.humanSays(id, 'Our bot will follow up.');
      const accepted: string[] = [];
      pair.adapter.on('chatAccepted', (fact) => accepted.push(fact.chatId));
      sim.messaging.humanTransfers(id, 'support-bot');
      await waitFor('the bot to take it', () => accepted.includes(id));
      messaging.says(pair, id, 'any news?');
      await waitForBotLines(messaging, sim, id, 4);
      await settle();
      assert.deepEqual(messaging.botLines(sim, id), ['Let me look.', 'Our bot will follow up.', 'Welcome, Bo!', 'You said: any news?']);
      assert.deepEqual(bot.seen, ['any news?']);
    });

    it('a conversation the bot transferred away that comes back: what the human answered meanwhile is no turn', async () => {
      const bot = echoBot();
      pair = await binding.startPair({
        ...bot,
        async message(turn) {
          if (turn.activity.text !== 'a person please') return bot.message!(turn);
          bot.seen.push('a person please');
          await turn.transfer('createTransferActivity', 'human-support', 'asked for a person');
        },
      }, messaging.settings);
      const sim = pair.sim;
      const id = await messaging.open(pair, 'Flo', 'a person please');
      await waitFor('the transfer', () => messaging.whereNow(sim, id).waiting);
      sim.messaging.humanTakes(id, 'alice');
      messaging.says(pair, id, 'for alice');
      sim.messaging.humanSays(id, 'Back to the bot for the rest.');
      const accepted: string[] = [];
      pair.adapter.on('chatAccepted', (fact) => accepted.push(fact.chatId));
      sim.messaging.humanTransfers(id, 'support-bot');
      await waitFor('the bot to take it again', () => accepted.includes(id));
      messaging.says(pair, id, 'for the bot');
      await waitFor('the answer', () => messaging.botLines(sim, id).includes('You said: for the bot'));
      await settle();
      assert.deepEqual(bot.seen, ['a person please', 'for the bot']);
    });

    /** A bot whose reply waits for `release`, so a fault can be set for exactly that publish. */
    async function gatedReply(fault: Omit<MessagingFaultRule, 'type' | 'loginName'>, text: string): Promise<{ id: string; undeliverable: string[] }> {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let started = false;
      pair = await binding.startPair({
        async message(turn) {
          started = true;
          await gate;
          await turn.send(text);
        },
      }, { ...messaging.settings, requestTimeoutMs: TIMEOUT_MS });
      const undeliverable: string[] = [];
      pair.adapter.on('lineUndeliverable', (fact) => undeliverable.push(fact.reason));
      const id = await messaging.open(pair, 'Cy', 'hello');
      await waitFor('the turn', () => started);
      await waitFor('the ACCEPT receipt', () => pair!.sim.messaging.conversation(id).events.some((e) => e.status === 'ACCEPT'));
      pair.sim.messaging.injectFault({ type: '.ams.ms.PublishEvent', loginName: 'support-bot', ...fault });
      release();
      return { id, undeliverable };
    }

    for (const [name, fault] of [
      ['applied, never answered', { ignoreAfterApply: true }],
      ['applied, answered after the timeout', { answerAfterMs: TIMEOUT_MS * 2 }],
      ['applied only after the client gave up (and answered then)', { delayMs: TIMEOUT_MS * 1.5 }],
      ['never applied, never answered', { ignore: true }],
      // The Messaging soak lost a line to this: a refused publish was reported, not sent again.
      ['refused with 500 (nothing applied)', { refuse: 500, times: 1 }],
      ['refused with 429 (nothing applied)', { refuse: 429, times: 1 }],
    ] as const) {
      it(`a reply whose publish timed out with the socket open, or was refused, lands exactly once: ${name}`, async () => {
        const { id, undeliverable } = await gatedReply(fault, 'exactly once');
        await waitFor('READ after the reply', () => pair!.sim.messaging.conversation(id).events.some((e) => e.status === 'READ'), 10_000);
        await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 2));
        assert.deepEqual(messaging.botLines(pair!.sim, id), ['exactly once']);
        assert.deepEqual(undeliverable, []);
      });
    }

    it('a reply whose publish timed out is reported undeliverable once the conversation is no longer the bot\'s', async () => {
      const { id, undeliverable } = await gatedReply({ ignore: true }, 'too late');
      await waitFor('the publish to go out', () => pair!.sim.messaging.faults().length === 0);
      pair!.sim.messaging.consumerCloses(id);
      await waitFor('lineUndeliverable', () => undeliverable.length === 1, 10_000);
      assert.deepEqual(messaging.botLines(pair!.sim, id), []);
    });

    it('two processes logged in as the same bot user: the fight is bounded, one gives up (takeover, gaveUp), the other serves, nothing doubled', async () => {
      const a = echoBot();
      pair = await binding.startPair(a, messaging.settings);
      const sim = pair.sim;
      const id = await messaging.open(pair, 'Di', 'before');
      await waitForBotLines(messaging, sim, id, 2);
      const facts = new Map<string, Array<{ count: number; gaveUp: boolean; message: string }>>([['a', []], ['b', []]]);
      pair.adapter.on('takeover', (fact) => facts.get('a')!.push(fact));
      const b = echoBot();
      const second = await binding.startPair(b, messaging.settings, undefined, sim);
      second.adapter.on('takeover', (fact) => facts.get('b')!.push(fact));
      try {
        const loser = await waitFor('one to give up', () => [...facts].find(([, seen]) => seen.some((f) => f.gaveUp))?.[0], 15_000);
        const winner = loser === 'a' ? 'b' : 'a';
        const lost = facts.get(loser)!;
        assert.deepEqual(lost.map((f) => [f.count, f.gaveUp]), [[1, false], [2, false], [3, true]]);
        assert.match(lost[2]!.message, /another process is logged in as bot user support-bot: our login was ended 3 times within 10 min/);
        assert.ok(facts.get(winner)!.every((f) => !f.gaveUp));
        // The winner serves the conversation: what was answered is not answered again, what comes is answered once.
        messaging.says(pair, id, 'after');
        await waitForBotLines(messaging, sim, id, 3);
        await settle();
        assert.deepEqual(messaging.botLines(sim, id), ['Welcome, Di!', 'You said: before', 'You said: after']);
        assert.deepEqual([...a.seen, ...b.seen].sort(), ['after', 'before']);
        assert.equal(sim.messaging.stats().open, 1, 'only the winner keeps a socket');
      } finally {
        await second.adapter.stop();
      }
    });

    it('a re-login that fails waits reloginDelaysMs before the next attempt (as on chat), then the conversation goes on', async () => {
      const bot = echoBot();
      pair = await binding.startPair(bot, { ...messaging.settings, reloginDelaysMs: [400, 800] });
      const sim = pair.sim;
      const id = await messaging.open(pair, 'Eve', 'one');
      await waitForBotLines(messaging, sim, id, 2);
      const failed: Array<{ attempt: number; retryInMs: number; at: number }> = [];
      pair.adapter.on('reloginFailed', (fact) => failed.push({ ...fact, at: Date.now() }));
      sim.injectFault({ match: { operation: 'login' }, status: 503, times: 4 }); // one attempt with its three retries
      sim.messaging.expireToken('support-bot');
      await waitFor('the failed re-login', () => failed.length === 1);
      await waitFor('the socket back', () => sim.messaging.stats().open === 1, 5000);
      const waited = Date.now() - failed[0]!.at;
      assert.deepEqual(failed.map((f) => [f.attempt, f.retryInMs]), [[1, 400]]);
      assert.ok(waited >= 380, `the next login came ${waited} ms after the failure`);
      messaging.says(pair, id, 'two');
      await waitForBotLines(messaging, sim, id, 3);
      await settle();
      assert.deepEqual(messaging.botLines(sim, id), ['Welcome, Eve!', 'You said: one', 'You said: two']);
    });

    it('a takeover at the limit while starting: start() rejects (START_FAILED, as on chat) caused by LIVEENGAGE_LOGIN_ABANDONED', async () => {
      const sim = new LiveEngageSimulator({ messaging: true });
      await sim.start();
      try {
        // The first request on the new socket is answered by a 4401 close: the young login was ended.
        sim.messaging.injectFault({ type: '.ams.routing.SubscribeRoutingTasks', loginName: 'support-bot', closeCode: 4401 });
        await assert.rejects(binding.startPair(echoBot(), { ...messaging.settings, maxTakeovers: 1 }, undefined, sim), (error: Error & { code?: string; cause?: { code?: string } }) => {
          assert.equal(error.code, 'LIVEENGAGE_START_FAILED');
          assert.equal(error.cause?.code, 'LIVEENGAGE_LOGIN_ABANDONED');
          assert.match(error.message, /another process is logged in as bot user support-bot: our login was ended 1 times/);
          return true;
        });
        assert.equal(sim.messaging.stats().open, 0);
      } finally {
        await sim.stop();
      }
    });

    // The Messaging soak lost one message per conversation this way: the reply to 'one' waited for a
    // reconnect and landed after 'two' came; the process died in the turn of 'two'; the restart took the
    // late reply to 'one' for the reply to 'two'.
    it('a crash mid-turn whose previous reply landed late (after this message): the turn runs again', async () => {
      const storage = new MemoryStore();
      let id = '';
      let crashState: unknown;
      let finishTwo!: () => void;
      const two = new Promise<void>((resolve) => (finishTwo = resolve));
      const key = () => `${ChatStore.keyPrefix(pair!.sim.accountId, 'support-bot')}${id}`;
      const saidTwo = () => pair!.sim.messaging.conversation(id).events.some((e) => e.from === 'consumer' && e.text === 'two');
      pair = await binding.startPair({
        async message(turn) {
          if (turn.activity.text === 'one') {
            await waitFor('"two" said before the reply to "one"', () => id !== '' && saidTwo());
            await turn.send('You said: one');
          } else {
            // The process dies here: what the store holds now is what a restart finds.
            crashState = (await storage.read([key()]))[key()];
            await two;
          }
        },
      }, { ...messaging.settings, storage });
      const sim = pair.sim;
      id = await messaging.open(pair, 'Ida', 'one');
      messaging.says(pair, id, 'two');
      await waitFor('the turn of "two" under way', () => crashState !== undefined);
      finishTwo();
      await pair.adapter.stop();
      await storage.write({ [key()]: crashState });
      const second = echoBot();
      pair = await binding.startPair(second, { ...messaging.settings, storage }, undefined, sim);
      await waitForBotLines(messaging, sim, id, 2);
      await settle();
      assert.deepEqual(second.seen, ['two']);
      assert.deepEqual(messaging.botLines(sim, id), ['You said: one', 'You said: two']);
    });
  });
}
