import assert from 'node:assert/strict';
import { MemoryStore } from '../../src/core/protocol.js';
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
    ] as const) {
      it(`a reply whose publish timed out with the socket open lands exactly once: ${name}`, async () => {
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
  });
}
