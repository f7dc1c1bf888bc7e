import assert from 'node:assert/strict';
import { messages } from '../../samples/support-bot/messages.js';
import { waitFor } from '../support/harness.js';
import { SAMPLES, startSample } from './sampleProcess.js';

/**
 * `LP_TRANSPORT=messaging npm start` (and `npm run start:agents`) as a person meets it: the entry point in
 * a process of its own on the embedded simulator, whose Messaging side then runs, and a consumer talking
 * through the simulator's Messaging control API over loopback (`/simulator/messaging/...`). Only the
 * banner and the conversation as the simulator holds it are read.
 */
interface ConversationView {
  state: string;
  skillId: number;
  assigned?: { nickname: string; kind: string };
  transferReason?: string;
  events: { from: string; type: string; text?: string; private?: boolean }[];
}

function consumerApi(simulatorUrl: string) {
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${simulatorUrl}simulator/messaging${path}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const conversation = (id: string) => call<ConversationView>(`/conversations/${id}`);
  const botTexts = async (id: string) => (await conversation(id)).events.filter((e) => e.from === 'agent' && e.text !== undefined && !e.private).map((e) => e.text!);
  return {
    conversation,
    botTexts,
    start: async (consumerName: string, text: string) => (await call<{ conversationId: string }>('/conversations', { skill: 'support-bot', consumerName, text })).conversationId,
    says: (id: string, text: string) => call(`/conversations/${id}/messages`, { text }),
  };
}

for (const sample of SAMPLES) {
  describe(`LP_TRANSPORT=messaging: ${sample.name} on the embedded simulator's Messaging side`, function () {
    this.timeout(90_000);
    let app: Awaited<ReturnType<typeof startSample>> | undefined;

    afterEach(async () => {
      const code = await app?.stop();
      assert.doesNotMatch(app?.output() ?? '', /turn failed/);
      assert.equal(code, 0, `a clean stop on Ctrl-C:\n${app?.output()}`);
      app = undefined;
    });

    it('says so in the banner; a consumer is welcomed and answered, and "agent" transfers the conversation to human-support', async () => {
      app = await startSample(sample.entry, { LP_TRANSPORT: 'messaging', AB_TEST: 'off' });
      assert.ok(app.simulatorUrl, `the banner names the simulator page:\n${app.output()}`);
      assert.match(app.output(), /start a Messaging conversation/);
      assert.match(app.output(), /Transport: {14}Messaging \(LP_TRANSPORT=messaging/);
      const consumer = consumerApi(app.simulatorUrl);

      const id = await consumer.start('Ada', 'hello');
      // Nothing rings before the first message on Messaging: the welcome and the answer come together.
      const first = await waitFor('the welcome and the answer', async () => {
        const texts = await consumer.botTexts(id);
        return texts.length >= 2 ? texts : undefined;
      }, 15_000);
      assert.deepEqual(first, [messages.welcome('Ada'), messages.greeting]);
      assert.equal((await consumer.conversation(id)).assigned?.nickname, 'Support Bot');

      await consumer.says(id, 'agent');
      const moved = await waitFor('the transfer to human-support', async () => {
        const view = await consumer.conversation(id);
        return view.skillId === 2 && !view.assigned ? view : undefined;
      }, 15_000);
      assert.equal(moved.state, 'OPEN', 'waiting in the human skill\'s queue');
      assert.equal((await consumer.botTexts(id)).at(-1), messages.escalating);
      assert.equal(moved.transferReason, 'Visitor asked for a person ("agent")');
    });
  });
}

describe('LP_TRANSPORT: a wrong value stops the sample with its message', function () {
  this.timeout(60_000);
  it('names LP_TRANSPORT and the values it takes', async () => {
    const app = await startSample(SAMPLES[0]!.entry, { LP_TRANSPORT: 'sms' });
    assert.equal(await app.stop(), 1);
    assert.match(app.output(), /^Support bot did not start\. LP_TRANSPORT must be chat or messaging, not "sms"\.$/m);
  });
});
