import assert from 'node:assert/strict';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { bindings, echoBot, transferBot, transferForms, type Pair } from '../support/bindings.js';
import { fastSettings, linesBy, memoryLogger, waitFor, waitForLines } from '../support/harness.js';

/** The same behaviour from both bindings: botbuilder (root entry) and the Agents SDK (`/agents`). */
for (const binding of bindings) {
  describe(`LiveEngageAdapter (${binding.name}) end to end, against the simulator`, function () {
    this.timeout(20_000);
    let pair: Pair | undefined;
    afterEach(async () => {
      await pair?.close();
      pair = undefined;
    });
    const accepted = async (visitorName: string) => {
      const { chatId } = pair!.sim.startChat({ skill: 'support-bot', visitorName });
      await waitFor('accept', () => pair!.adapter.openChats.includes(chatId));
      return chatId;
    };

    it('welcomes the visitor on accept and echoes a line', async () => {
      pair = await binding.startPair(echoBot());
      const { chatId } = pair.sim.startChat({ skill: 'support-bot', visitorName: 'Ann' });
      assert.deepEqual(await waitForLines(pair.sim, chatId, 1), ['Welcome, Ann!']);
      pair.sim.visitorSays(chatId, 'hello there');
      assert.deepEqual(await waitForLines(pair.sim, chatId, 2), ['Welcome, Ann!', 'You said: hello there']);
      assert.equal(pair.sim.chat(chatId).agent?.kind, 'bot');
    });

    it('keeps quick lines in order, one turn at a time', async () => {
      let running = 0;
      let overlapped = false;
      pair = await binding.startPair({
        async message(turn) {
          running += 1;
          overlapped ||= running > 1;
          await new Promise((resolve) => setTimeout(resolve, 5));
          await turn.send(`#${turn.activity.text}`);
          running -= 1;
        },
      });
      const chatId = await accepted('Bo');
      const sent = Array.from({ length: 12 }, (_, i) => String(i));
      for (const text of sent) pair.sim.visitorSays(chatId, text);
      assert.deepEqual(await waitForLines(pair.sim, chatId, sent.length), sent.map((t) => `#${t}`));
      assert.equal(overlapped, false);
    });

    describe('transfer', () => {

      for (const form of transferForms) {
        it(`${form}: the chat waits in the human skill, the reason reaches the agent only, handoff.status accepted`, async () => {
          const { bot, statuses } = transferBot((turn) => turn.transfer(form, 'human-support', 'asked for billing').then(() => {}));
          pair = await binding.startPair(bot);
          const chatId = await accepted('Cy');
          pair.sim.visitorSays(chatId, 'go');
          await waitFor('handoff.status', () => statuses.length === 1);
          assert.deepEqual(statuses[0], { state: 'accepted', message: "The chat was transferred to skill 'human-support'.", target: { skillId: 2, skillName: 'human-support' }, reason: 'asked for billing' });
          const chat = pair.sim.chat(chatId);
          assert.equal(chat.skill.name, 'human-support');
          assert.equal(chat.state, 'waiting');
          assert.deepEqual(chat.events.filter((e) => e.subType === 'ONLY_TO_REP').map((e) => e.text), ['asked for billing']);
          assert.ok(chat.events.some((e) => e.source === 'system' && Number(e.systemMessageId) === 15));
          assert.ok(!pair.adapter.openChats.includes(chatId));
          pair.sim.humanTakes(chatId);
          pair.sim.humanSays(chatId, 'Alice here, how can I help?');
          assert.equal(pair.sim.chat(chatId).agent?.kind, 'human');
        });
      }

      it('to an unknown skill: handoff.status failed, and the chat stays with the bot', async () => {
        const { bot, statuses } = transferBot((turn) => turn.transfer('createTransferActivity', 'no-such-skill', 'test').then(() => {}));
        pair = await binding.startPair(bot);
        const chatId = await accepted('Di');
        pair.sim.visitorSays(chatId, 'go');
        await waitFor('handoff.status', () => statuses.length === 1);
        assert.equal((statuses[0] as { state: string }).state, 'failed');
        assert.match((statuses[0] as { message: string }).message, /no-such-skill/);
        pair.sim.visitorSays(chatId, 'hello?');
        assert.deepEqual(await waitForLines(pair.sim, chatId, 1), ['still here']);
        assert.equal(pair.sim.chat(chatId).skill.name, 'support-bot');
      });

      it('to a skill with no agent online: handoff.status failed, chat stays open', async () => {
        const { bot, statuses } = transferBot((turn) => turn.transfer('createTransferActivity', 'sales').then(() => {}));
        pair = await binding.startPair(bot);
        const chatId = await accepted('Ed');
        pair.sim.visitorSays(chatId, 'go');
        await waitFor('handoff.status', () => statuses.length === 1);
        assert.equal((statuses[0] as { state: string }).state, 'failed');
        assert.ok(pair.adapter.openChats.includes(chatId));
      });
    });

    it('tells the bot when the visitor ends the chat', async () => {
      const ended: string[] = [];
      pair = await binding.startPair({ ...echoBot(), endOfConversation: async (turn) => { ended.push(turn.activity.conversation.id); } });
      const { chatId } = pair.sim.startChat({ skill: 'support-bot', visitorName: 'Hal' });
      await waitForLines(pair.sim, chatId, 1);
      pair.sim.visitorEnds(chatId);
      await waitFor('endOfConversation', () => ended.length === 1);
      assert.deepEqual(ended, [chatId]);
      await waitFor('chat let go', () => !pair!.adapter.openChats.includes(chatId));
    });

    it('ends the chat when the bot sends endOfConversation', async () => {
      pair = await binding.startPair({
        async message(turn) {
          await turn.send('Goodbye!');
          await turn.send({ type: 'endOfConversation' });
        },
      });
      const chatId = await accepted('Ida');
      pair.sim.visitorSays(chatId, 'bye');
      await waitFor('ended', () => pair!.sim.chat(chatId).state === 'ended');
      assert.deepEqual(linesBy(pair.sim, chatId, 'agent'), ['Goodbye!']);
    });

    it('sends a private line only agents see', async () => {
      pair = await binding.startPair({ message: (turn) => turn.send({ type: 'message', text: 'VIP customer', channelData: { messageAudience: 'AGENTS_AND_MANAGERS' } }).then(() => {}) });
      const chatId = await accepted('Jo');
      pair.sim.visitorSays(chatId, 'hi');
      const line = await waitFor('private line', () => pair!.sim.chat(chatId).events.find((e) => e.text === 'VIP customer'));
      assert.equal(line.subType, 'ONLY_TO_REP');
    });

    it('sends proactive messages through continueConversation, and refuses a chat it does not hold', async () => {
      let reference: unknown;
      pair = await binding.startPair({ message: async (turn) => { reference = turn.reference(); } });
      const chatId = await accepted('Kim');
      pair.sim.visitorSays(chatId, 'remind me');
      await waitFor('reference', () => reference);
      await pair.proactive(reference, 'one');
      await pair.proactive(reference, 'two');
      assert.deepEqual(linesBy(pair.sim, chatId, 'agent'), ['one', 'two']);
      const elsewhere = { ...(reference as object), conversation: { id: 'nope' } };
      await assert.rejects(pair.proactive(elsewhere, 'three'), /LiveEngageAdapter\.continueConversation\(\): chat 'nope' is not open/);
    });

    it('reports a throwing turn to the error handler and fails the chat over to failoverSkill', async () => {
      const errors: string[] = [];
      pair = await binding.startPair({ message: async () => { throw new Error('boom'); } }, { failoverSkill: 'human-support' }, async (error) => { errors.push(error.message); });
      const chatId = await accepted('Lu');
      pair.sim.visitorSays(chatId, 'hi');
      await waitFor('failover', () => pair!.sim.chat(chatId).skill.name === 'human-support');
      assert.deepEqual(errors, ['boom']);
      assert.equal(pair.sim.chat(chatId).events.find((e) => e.subType === 'ONLY_TO_REP')?.text, 'Bot error: boom');
    });

    it('without failoverSkill, a throwing turn gets only the polite line (never the framework\'s "error or bug" lines) and the chat stays open', async () => {
      pair = await binding.startPair({ message: async () => { throw new Error('boom'); } }, { logger: memoryLogger() });
      const chatId = await accepted('Mo');
      pair.sim.visitorSays(chatId, 'hi');
      assert.deepEqual(await waitForLines(pair.sim, chatId, 1), ['Sorry, something went wrong on our side. Please try again.']);
      pair.sim.visitorSays(chatId, 'again');
      await waitForLines(pair.sim, chatId, 2);
      const said = pair.sim.chat(chatId).events.filter((e) => e.source === 'agent').map((e) => e.text ?? '');
      assert.ok(!said.some((t) => /error or bug|fix the source code/.test(t)), said.join(' | '));
      assert.ok(pair.adapter.openChats.includes(chatId));
    });

    it('reports what happens (adapter.on): the facts monitoring is made of', async () => {
      pair = await binding.startPair(echoBot());
      const seen: string[] = [];
      pair.adapter.on('chatAccepted', (fact) => seen.push(`accepted ${fact.chatId}`));
      pair.adapter.on('turn', (fact) => seen.push(`turn ${fact.activityType}${fact.failed ? ' failed' : ''}`));
      pair.adapter.on('botLine', (fact) => seen.push(`botLine${fact.private ? ' private' : ''}`));
      pair.adapter.on('chatClosed', (fact) => seen.push(`closed ${fact.outcome}`));
      const { chatId } = pair.sim.startChat({ skill: 'support-bot', visitorName: 'Nia' });
      await waitForLines(pair.sim, chatId, 1);
      pair.sim.visitorSays(chatId, 'hi');
      await waitForLines(pair.sim, chatId, 2);
      pair.sim.visitorEnds(chatId);
      await waitFor('closed', () => seen.includes('closed resolved'));
      assert.deepEqual(seen.filter((s) => !s.startsWith('turn endOfConversation')), [`accepted ${chatId}`, 'botLine', 'turn conversationUpdate', 'botLine', 'turn message', 'closed resolved']);
    });

    describe('start()', () => {
      let sim: LiveEngageSimulator;
      beforeEach(async () => {
        sim = new LiveEngageSimulator();
        await sim.start();
      });
      afterEach(() => sim.stop());

      it('rejects bad credentials with a clear error that holds no secret', async () => {
        const error = await binding.startIdle(fastSettings(sim, { credentials: { username: 'support-bot', password: 'wrong-password-123' } })).then(() => undefined, (e: Error) => e);
        assert.ok(error);
        assert.match(error.message, /^LiveEngageAdapter\.start\(\): .*401/);
        assert.ok(!error.message.includes('wrong-password-123'));
      });

      it('rejects an unreachable host', async () => {
        await assert.rejects(binding.startIdle(fastSettings(sim, { domainApiUrl: 'http://127.0.0.1:1', retryDelaysMs: [] })), /^Error: LiveEngageAdapter\.start\(\): /);
      });

      it('logs in and names the bot user, then stops', async () => {
        const adapter = await binding.startIdle(fastSettings(sim));
        assert.equal(sim.agents().find((a) => a.loginName === 'support-bot')?.loggedIn, true);
        await adapter.stop();
        assert.equal(sim.agents().find((a) => a.loginName === 'support-bot')?.loggedIn, false);
      });
    });
  });
}
