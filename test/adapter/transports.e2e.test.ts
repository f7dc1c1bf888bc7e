import assert from 'node:assert/strict';
import { ChatStore } from '../../src/core/chatStore.js';
import { MemoryStore } from '../../src/core/protocol.js';
import type { LiveEngageAdapterSettings } from '../../src/core/settings.js';
import { bindings, echoBot, transferBot, transferForms, type NeutralBot, type Pair } from '../support/bindings.js';
import { waitFor } from '../support/harness.js';
import { transports, waitForBotLines } from '../support/transports.js';

/**
 * The adapter's behaviour that is the same on Live Chat and on Messaging, from one source: every case
 * runs for each transport (`transport: 'chat' | 'messaging'`) and each binding (botbuilder, Agents SDK),
 * on the simulator. Messaging-only behaviour follows at the end.
 */
for (const transport of transports) {
  for (const binding of bindings) {
    describe(`LiveEngageAdapter (${binding.name}, transport ${transport.name}) end to end, against the simulator`, function () {
      this.timeout(20_000);
      let pair: Pair | undefined;
      afterEach(async () => {
        await pair?.close();
        pair = undefined;
      });
      const start = (bot: NeutralBot, overrides: Partial<LiveEngageAdapterSettings> = {}, onTurnError?: (error: Error) => Promise<void>) =>
        binding.startPair(bot, { ...transport.settings, ...overrides }, onTurnError);

      it('welcomes the visitor and echoes the first line, then the next', async () => {
        pair = await start(echoBot());
        const id = await transport.open(pair, 'Ann', 'hello there');
        assert.deepEqual(await waitForBotLines(transport, pair.sim, id, 2), ['Welcome, Ann!', 'You said: hello there']);
        transport.says(pair, id, 'and again');
        assert.deepEqual(await waitForBotLines(transport, pair.sim, id, 3), ['Welcome, Ann!', 'You said: hello there', 'You said: and again']);
      });

      it('keeps quick lines in order, one turn at a time', async () => {
        let running = 0;
        let overlapped = false;
        pair = await start({
          async message(turn) {
            running += 1;
            overlapped ||= running > 1;
            await new Promise((resolve) => setTimeout(resolve, 5));
            await turn.send(`#${turn.activity.text}`);
            running -= 1;
          },
        });
        const sent = Array.from({ length: 12 }, (_, i) => String(i));
        const id = await transport.open(pair, 'Bo', sent[0]!);
        for (const text of sent.slice(1)) transport.says(pair, id, text);
        assert.deepEqual(await waitForBotLines(transport, pair.sim, id, sent.length), sent.map((t) => `#${t}`));
        assert.equal(overlapped, false);
      });

      describe('transfer', () => {

        for (const form of transferForms) {
          it(`${form}: the conversation waits in the human skill, the reason reaches agents only, handoff.status accepted`, async () => {
            const { bot, statuses } = transferBot((turn) => turn.transfer(form, 'human-support', 'asked for billing').then(() => {}));
            pair = await start(bot);
            const id = await transport.open(pair, 'Cy', 'go');
            await waitFor('handoff.status', () => statuses.length === 1);
            assert.deepEqual(statuses[0], { state: 'accepted', message: "The chat was transferred to skill 'human-support'.", target: { skillId: 2, skillName: 'human-support' }, reason: 'asked for billing' });
            assert.deepEqual(transport.whereNow(pair.sim, id), { skill: 'human-support', waiting: true, reason: 'asked for billing' });
            assert.ok(!transport.botLines(pair.sim, id).includes('asked for billing'));
            await waitFor('let go', () => !pair!.adapter.openChats.includes(id));
            assert.equal(transport.humanTakesAndSays(pair.sim, id, 'Alice here, how can I help?'), 'human');
          });
        }

        it('to an unknown skill: handoff.status failed, and the conversation stays with the bot', async () => {
          const { bot, statuses } = transferBot((turn) => turn.transfer('createTransferActivity', 'no-such-skill', 'test').then(() => {}));
          pair = await start(bot);
          const id = await transport.open(pair, 'Di', 'go');
          await waitFor('handoff.status', () => statuses.length === 1);
          assert.equal((statuses[0] as { state: string }).state, 'failed');
          assert.match((statuses[0] as { message: string }).message, /no-such-skill/);
          transport.says(pair, id, 'hello?');
          assert.deepEqual(await waitForBotLines(transport, pair.sim, id, 1), ['still here']);
          assert.equal(transport.whereNow(pair.sim, id).skill, 'support-bot');
          assert.ok(pair.adapter.openChats.includes(id));
        });
      });

      it('tells the bot when the visitor ends the conversation, and lets it go', async () => {
        const ended: string[] = [];
        pair = await start({ ...echoBot(), endOfConversation: async (turn) => { ended.push(turn.activity.conversation.id); } });
        const id = await transport.open(pair, 'Hal', 'hi');
        await waitForBotLines(transport, pair.sim, id, 2);
        transport.ends(pair, id);
        await waitFor('endOfConversation', () => ended.length === 1);
        assert.deepEqual(ended, [id]);
        await waitFor('let go', () => !pair!.adapter.openChats.includes(id));
      });

      it('ends the conversation when the bot sends endOfConversation (and does not tell the bot of its own end)', async () => {
        let told = 0;
        pair = await start({
          async message(turn) {
            await turn.send('Goodbye!');
            await turn.send({ type: 'endOfConversation' });
          },
          endOfConversation: async () => { told += 1; },
        });
        const id = await transport.open(pair, 'Ida', 'bye');
        await waitFor('ended', () => transport.ended(pair!.sim, id));
        assert.deepEqual(transport.botLines(pair.sim, id), ['Goodbye!']);
        await waitFor('let go', () => !pair!.adapter.openChats.includes(id));
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.equal(told, 0);
      });

      it('sends a private line only agents see', async () => {
        pair = await start({ message: (turn) => turn.send({ type: 'message', text: 'VIP customer', channelData: { messageAudience: 'AGENTS_AND_MANAGERS' } }).then(() => {}) });
        const id = await transport.open(pair, 'Jo', 'hi');
        await waitFor('private line', () => transport.privateLines(pair!.sim, id).includes('VIP customer'));
        assert.deepEqual(transport.botLines(pair.sim, id), []);
      });

      it('fails a throwing turn over to failoverSkill, the error as the reason for agents', async () => {
        const errors: string[] = [];
        pair = await start({ message: async () => { throw new Error('boom'); } }, { failoverSkill: 'human-support' }, async (error) => { errors.push(error.message); });
        const id = await transport.open(pair, 'Lu', 'hi');
        await waitFor('failover', () => transport.whereNow(pair!.sim, id).skill === 'human-support');
        assert.deepEqual(errors, ['boom']);
        assert.equal(transport.whereNow(pair.sim, id).reason, 'Bot error: boom');
      });

      it('reports what happens (adapter.on) the same way: the facts monitoring is made of', async () => {
        pair = await start(echoBot());
        const seen: string[] = [];
        let visitorLines = 0;
        const latencies: number[] = [];
        pair.adapter.on('chatAccepted', (fact) => seen.push(`accepted ${fact.chatId}`));
        pair.adapter.on('visitorLine', () => (visitorLines += 1));
        pair.adapter.on('turn', (fact) => seen.push(`turn ${fact.activityType}${fact.failed ? ' failed' : ''}`));
        pair.adapter.on('botLine', (fact) => {
          seen.push(`botLine${fact.private ? ' private' : ''}`);
          if (fact.replyLatencyMs !== undefined) latencies.push(fact.replyLatencyMs);
        });
        pair.adapter.on('chatClosed', (fact) => seen.push(`closed ${fact.outcome}${fact.skill ? ` ${fact.skill}` : ''}`));
        const id = await transport.open(pair, 'Nia', 'hi');
        await waitForBotLines(transport, pair.sim, id, 2);
        // The echo's turn completes just after its line lands; a push transport hears the end at once.
        await waitFor('the echo turn', () => seen.includes('turn message'));
        transport.ends(pair, id);
        await waitFor('closed', () => seen.some((s) => s.startsWith('closed')));
        assert.deepEqual(seen.filter((s) => !s.startsWith('turn endOfConversation')), [
          `accepted ${id}`, 'botLine', 'turn conversationUpdate', 'botLine', 'turn message', 'closed resolved support-bot',
        ]);
        assert.equal(visitorLines, 1);
        assert.equal(latencies.length, 1, 'one reply latency: the first bot line after the visitor line');
      });
    });
  }
}

/** What only Messaging does: native quick replies, and resuming by sequence after a restart. */
for (const binding of bindings) {
  const messaging = transports.find((t) => t.name === 'messaging')!;
  describe(`LiveEngageAdapter (${binding.name}, transport messaging) only on Messaging`, function () {
    this.timeout(20_000);
    let pair: Pair | undefined;
    afterEach(async () => {
      await pair?.close();
      pair = undefined;
    });

    it('suggested actions arrive as native quick replies, and a click comes back as the consumer\'s message', async () => {
      const bot = echoBot();
      pair = await binding.startPair({
        ...bot,
        async message(turn) {
          if (turn.activity.text !== 'menu') return bot.message!(turn);
          await turn.send({ type: 'message', text: 'Pick one', suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Hours', value: 'Hours' }, { type: 'imBack', title: 'Pricing', value: 'how much' }] } });
        },
      }, messaging.settings);
      const id = await messaging.open(pair, 'Qi', 'menu');
      await waitForBotLines(messaging, pair.sim, id, 2);
      const offered = pair.sim.messaging.conversation(id).events.find((e) => e.text === 'Pick one');
      assert.deepEqual(offered?.quickReplies, [{ title: 'Hours', text: 'Hours' }, { title: 'Pricing', text: 'how much' }]);
      messaging.says(pair, id, 'how much'); // what the consumer's client publishes on a click
      assert.deepEqual(await waitForBotLines(messaging, pair.sim, id, 3), ['Welcome, Qi!', 'Pick one', 'You said: how much']);
    });

    it('consumer typing is a typing turn; each message is marked READ once its turn ran', async () => {
      pair = await binding.startPair(echoBot(), messaging.settings);
      const turns: string[] = [];
      pair.adapter.on('turn', (fact) => turns.push(fact.activityType));
      const id = await messaging.open(pair, 'Sam', 'hi');
      await waitForBotLines(messaging, pair.sim, id, 2);
      pair.sim.messaging.consumerTyping(id, true);
      await waitFor('typing turn', () => turns.includes('typing'));
      const read = await waitFor('READ receipt', () => pair!.sim.messaging.conversation(id).events.find((e) => e.type === 'AcceptStatusEvent' && e.status === 'READ'));
      const first = pair.sim.messaging.conversation(id).events.find((e) => e.from === 'consumer');
      assert.deepEqual(read.sequenceList, [first!.sequence]);
      const echo = pair.sim.messaging.conversation(id).events.find((e) => e.text === 'You said: hi');
      assert.ok(read.sequence > echo!.sequence, 'READ comes after the reply, once the turn ran');
    });

    it('transfers to an agent: the agent is suggested, the bot hears handoff.status accepted and lets the conversation go', async () => {
      const statuses: unknown[] = [];
      pair = await binding.startPair({
        message: (turn) => turn.send({ type: 'message', text: 'Alice will help you.', channelData: { action: { name: 'TRANSFER', parameters: { agentId: '2001', skill: 'human-support', reason: 'VIP' } } } }).then(() => {}),
        async event(turn) {
          if (turn.activity.name === 'handoff.status') statuses.push(turn.activity.value);
        },
      }, messaging.settings);
      const id = await messaging.open(pair, 'Tia', 'I want Alice');
      await waitFor('handoff.status', () => statuses.length === 1);
      assert.deepEqual(statuses[0], { state: 'accepted', message: 'The chat was transferred to agent 2001.', target: { agentId: '2001' }, reason: 'VIP' });
      const view = pair.sim.messaging.conversation(id);
      assert.equal(view.suggested?.id, '2001');
      assert.equal(view.transferReason, 'VIP');
      assert.ok(!pair.adapter.openChats.includes(id));
      assert.equal(pair.sim.messaging.humanTakes(id).agentId, '2001');
    });

    it('after a crash mid-turn, the turn counts as run when the bot\'s reply had landed, and runs (again) when not', async () => {
      const storage = new MemoryStore();
      pair = await binding.startPair(echoBot(), { ...messaging.settings, storage });
      const sim = pair.sim;
      const answered = await messaging.open(pair, 'Uma', 'one');
      const unanswered = await messaging.open(pair, 'Vic', 'uno');
      await waitForBotLines(messaging, sim, answered, 2);
      await waitForBotLines(messaging, sim, unanswered, 2);
      await pair.adapter.stop();
      messaging.says(pair, unanswered, 'dos');
      // What a process that died mid-turn leaves: the message's turn written as under way, not as done.
      const key = (id: string) => `${ChatStore.keyPrefix(sim.accountId, 'support-bot')}${id}`;
      const sequenceOf = (id: string, text: string) => sim.messaging.conversation(id).events.find((e) => e.from === 'consumer' && e.text === text)!.sequence;
      await storage.write({
        [key(answered)]: { handledThrough: -1, inFlight: sequenceOf(answered, 'one'), welcomed: true, acceptedAt: Date.now() },
        [key(unanswered)]: { handledThrough: sequenceOf(unanswered, 'uno'), inFlight: sequenceOf(unanswered, 'dos'), welcomed: true, acceptedAt: Date.now() },
      });
      const second = echoBot();
      pair = await binding.startPair(second, { ...messaging.settings, storage }, undefined, sim);
      await waitForBotLines(messaging, sim, unanswered, 3);
      await new Promise((resolve) => setTimeout(resolve, 100)); // room for a replay to show
      assert.deepEqual(second.seen, ['dos']);
      assert.deepEqual(messaging.botLines(sim, answered), ['Welcome, Uma!', 'You said: one']);
      assert.deepEqual(messaging.botLines(sim, unanswered), ['Welcome, Vic!', 'You said: uno', 'You said: dos']);
    });

    it('a transfer to a skill with no agent online is accepted: the conversation waits in its queue (chat refuses it)', async () => {
      const statuses: unknown[] = [];
      pair = await binding.startPair({
        message: (turn) => turn.transfer('createTransferActivity', 'sales', 'wants a quote').then(() => {}),
        async event(turn) {
          if (turn.activity.name === 'handoff.status') statuses.push(turn.activity.value);
        },
      }, messaging.settings);
      const id = await messaging.open(pair, 'Wu', 'a quote please');
      await waitFor('handoff.status', () => statuses.length === 1);
      assert.equal((statuses[0] as { state: string }).state, 'accepted');
      assert.deepEqual(messaging.whereNow(pair.sim, id), { skill: 'sales', waiting: true, reason: 'wants a quote' });
    });

    it('a socket drop loses nothing: a reply sent while it is down waits for the reconnect, a message sent meanwhile is caught up', async function () {
      this.timeout(30_000);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let slowStarted = false;
      const bot = echoBot();
      pair = await binding.startPair({
        ...bot,
        async message(turn) {
          if (turn.activity.text !== 'slow') return bot.message!(turn);
          slowStarted = true;
          await gate;
          await turn.send('done slow');
        },
      }, messaging.settings);
      const undeliverable: string[] = [];
      pair.adapter.on('lineUndeliverable', (fact) => undeliverable.push(fact.reason));
      const id = await messaging.open(pair, 'Xi', 'slow');
      await waitFor('the slow turn', () => slowStarted);
      assert.equal(pair.sim.messaging.dropSockets('support-bot').dropped, 1);
      messaging.says(pair, id, 'while down');
      release();
      // The client reconnects after its backoff (retryDelaysMs[0]), resubscribes and catches up.
      await waitFor('every reply', () => messaging.botLines(pair!.sim, id).length >= 3, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(messaging.botLines(pair.sim, id), ['Welcome, Xi!', 'done slow', 'You said: while down']);
      assert.deepEqual(undeliverable, []);
    });

    it('a reply that landed but whose answer was lost with the socket is not published twice', async function () {
      this.timeout(30_000);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let slowStarted = false;
      pair = await binding.startPair({
        async message(turn) {
          slowStarted = true;
          await gate;
          await turn.send('only once');
        },
      }, messaging.settings);
      const id = await messaging.open(pair, 'Yan', 'hello');
      await waitFor('the turn', () => slowStarted);
      await waitFor('the ACCEPT receipt', () => pair!.sim.messaging.conversation(id).events.some((e) => e.status === 'ACCEPT'));
      // The next publish (the reply) is applied, then the socket goes instead of the answer.
      pair.sim.messaging.injectFault({ type: '.ams.ms.PublishEvent', loginName: 'support-bot', closeAfterApply: 1006 });
      release();
      await waitFor('READ after the reconnect', () => pair!.sim.messaging.conversation(id).events.some((e) => e.status === 'READ'), 20_000);
      assert.deepEqual(messaging.botLines(pair.sim, id), ['only once']);
    });

    it('a restarted adapter resumes each conversation after the last sequence handled: nothing replayed, nothing skipped, no second welcome', async () => {
      const storage = new MemoryStore();
      const first = echoBot();
      pair = await binding.startPair(first, { ...messaging.settings, storage });
      const sim = pair.sim;
      const id = await messaging.open(pair, 'Rae', 'one');
      messaging.says(pair, id, 'two');
      await waitForBotLines(messaging, sim, id, 3);
      await pair.adapter.stop();
      // While no bot process runs, the conversation stays assigned to the bot user and the consumer goes on.
      messaging.says(pair, id, 'three');
      messaging.says(pair, id, 'four');
      const second = echoBot();
      pair = await binding.startPair(second, { ...messaging.settings, storage }, undefined, sim);
      await waitForBotLines(messaging, sim, id, 5);
      await new Promise((resolve) => setTimeout(resolve, 100)); // room for a replay to show
      assert.deepEqual(messaging.botLines(sim, id), ['Welcome, Rae!', 'You said: one', 'You said: two', 'You said: three', 'You said: four']);
      assert.deepEqual(first.seen, ['one', 'two']);
      assert.deepEqual(second.seen, ['three', 'four']);
      assert.ok(pair.adapter.openChats.includes(id));
    });
  });
}
