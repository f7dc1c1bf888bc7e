import assert from 'node:assert/strict';
import { messages } from '../../samples/support-bot/messages.js';
import { waitFor } from '../support/harness.js';
import { SAMPLES, startSample } from './sampleProcess.js';

/**
 * Acceptance of both samples as a person meets them: `npm start` / `npm run start:agents` (the entry
 * point in a process of its own, on the embedded simulator, the environment a person sets), and a
 * visitor chatting through the simulator's visitor API over HTTP. Nothing is read from inside the
 * process: only the banner, the chat as the simulator holds it, and the Prometheus scrape. The same
 * cases run against both, since a brand migrating from botbuilder to the Agents SDK must keep them.
 */
/** The A/B variants' welcomes, as a visitor tells them apart. */
const WELCOMES: Record<string, (name: string) => string> = { A: messages.welcome, B: messages.welcomeMenu };

interface ChatView {
  state: string;
  skill: { name: string };
  events: { type: string; source?: string; text?: string; subType?: string }[];
}

/** The visitor side of the simulator's HTTP API (`/simulator/...`). */
function visitorApi(simulatorUrl: string) {
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${simulatorUrl}simulator${path}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const chat = (chatId: string) => call<ChatView>(`/chats/${chatId}`);
  const agentLines = async (chatId: string) => (await chat(chatId)).events.filter((e) => e.type === 'line' && e.source === 'agent').map((e) => e.text ?? '');
  return {
    chat,
    agentLines,
    start: async (visitorName: string) => (await call<{ chatId: string }>('/chats', { skill: 'support-bot', visitorName })).chatId,
    /** Says `text` and waits for the bot's next line; returns it. */
    async ask(chatId: string, text: string): Promise<string> {
      const before = (await agentLines(chatId)).length;
      await call(`/chats/${chatId}/lines`, { text });
      return waitFor(`an answer to "${text}"`, async () => (await agentLines(chatId))[before], 15_000);
    },
  };
}

for (const sample of SAMPLES) {
  describe(`acceptance: ${sample.name}, in its own process, a visitor over the simulator's API`, function () {
    this.timeout(90_000);
    let app: Awaited<ReturnType<typeof startSample>>;
    let visitor: ReturnType<typeof visitorApi>;
    const metric = async (line: RegExp) => line.exec(await (await fetch(app.metricsUrl!)).text())?.[1];

    before(async () => {
      app = await startSample(sample.entry);
      assert.ok(app.simulatorUrl && app.metricsUrl, `the banner names the simulator page and /metrics:\n${app.output()}`);
      visitor = visitorApi(app.simulatorUrl);
    });
    after(async () => {
      const code = await app?.stop();
      assert.doesNotMatch(app.output(), /turn failed/);
      assert.equal(code, 0, `a clean stop on Ctrl-C:\n${app.output()}`);
    });

    const chats: { chatId: string; variant: string }[] = [];

    it('welcomes each chat as its A/B variant, both variants in use, and /metrics counts the chats per variant', async () => {
      while (new Set(chats.map((c) => c.variant)).size < 2 && chats.length < 30) {
        const name = `V${chats.length}`;
        const chatId = await visitor.start(name);
        const welcome = await waitFor('the welcome', async () => (await visitor.agentLines(chatId))[0], 15_000);
        const variant = Object.keys(WELCOMES).find((v) => WELCOMES[v]!(name) === welcome);
        assert.ok(variant, `a variant's welcome: ${welcome}`);
        chats.push({ chatId, variant });
      }
      assert.deepEqual(new Set(chats.map((c) => c.variant)), new Set(['A', 'B']));
      for (const variant of ['A', 'B']) {
        const accepted = await metric(new RegExp(`^liveengage_chats_accepted_total\\{bot_user="support-bot",variant="${variant}",skill="support-bot"\\} (\\d+)$`, 'm'));
        assert.equal(Number(accepted), chats.filter((c) => c.variant === variant).length, `chats of variant ${variant}`);
      }
    });

    it('answers a question and an order status', async () => {
      const { chatId } = chats[0]!;
      assert.equal(await visitor.ask(chatId, 'How much does it cost?'), messages.pricing);
      assert.equal(await visitor.ask(chatId, 'where is my order?'), messages.askOrderNumber);
      assert.equal(await visitor.ask(chatId, '123456'), messages.orderStatus('123456'));
    });

    it('"bye" asks for a rating; the rating is thanked, recorded for the chat\'s variant, and the chat ends resolved', async () => {
      const { chatId, variant } = chats[0]!;
      assert.equal(await visitor.ask(chatId, 'bye'), messages.csatQuestion);
      assert.equal(await visitor.ask(chatId, '5'), messages.csatThanks(5));
      await waitFor('the end of the chat', async () => (await visitor.chat(chatId)).state === 'ended', 15_000);
      const labels = `bot_user="support-bot",variant="${variant}"`;
      assert.equal(await metric(new RegExp(`^liveengage_csat_responses_total\\{${labels},rating="5"\\} (\\d+)$`, 'm')), '1');
      assert.equal(await waitFor('resolved', () => metric(new RegExp(`^liveengage_chats_resolved_total\\{${labels}\\} (\\d+)$`, 'm')), 15_000), '1');
    });

    it('"agent" transfers the chat to the human skill, with the reason for the agent only', async () => {
      const { chatId } = chats[1]!;
      assert.equal(await visitor.ask(chatId, 'agent'), messages.escalating);
      const chat = await waitFor('the transfer', async () => {
        const view = await visitor.chat(chatId);
        return view.skill.name === 'human-support' ? view : undefined;
      }, 15_000);
      assert.equal(chat.state, 'waiting');
      assert.deepEqual(chat.events.filter((e) => e.subType === 'ONLY_TO_REP').map((e) => e.text), ['Visitor asked for a person ("agent")']);
    });
  });
}
