import assert from 'node:assert/strict';
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { EscalationMiddleware } from '../../src/botbuilder/escalation.js';

/** Runs one visitor line through the middleware; what the bot sent and whether its logic ran. */
async function run(middleware: EscalationMiddleware, text: string) {
  let botRan = false;
  const adapter = new TestAdapter(async (context: TurnContext) => {
    botRan = true;
    await context.sendActivity('bot reply');
  });
  adapter.use(middleware);
  await adapter.send(text);
  // TestAdapter keeps what the turn sent in its queue.
  const sent: Partial<Activity>[] = [...adapter.activeQueue];
  return { sent, botRan };
}

describe('EscalationMiddleware', () => {
  const keywordCases: [string, string | undefined][] = [
    ['agent', 'agent'],
    ['I want a HUMAN now', 'human'],
    ['can I talk to a representative?', 'representative'],
    ['my travel agent booked it', 'agent'],
    ['agents', undefined],
    ['reagent', undefined],
    ['hello', undefined],
  ];
  for (const [text, keyword] of keywordCases) {
    it(`"${text}" ${keyword ? `escalates (${keyword})` : 'does not escalate'}`, async () => {
      const { sent, botRan } = await run(new EscalationMiddleware({ skill: 'human-support' }), text);
      if (!keyword) {
        assert.equal(botRan, true);
        assert.deepEqual(sent.map((a) => a.text), ['bot reply']);
        return;
      }
      assert.equal(botRan, false);
      assert.equal(sent[0]?.text, 'Let me connect you with a person who can help.');
      assert.equal(sent[1]?.type, 'transfer');
      assert.deepEqual(sent[1]?.value, { skill: 'human-support', reason: `Visitor asked for a person ("${keyword}")` });
    });
  }

  it('escalates on a mapped intent above minScore, to the intent skill', async () => {
    const recognizer = { recognize: async () => ({ text: 'x', intents: { Billing: { score: 0.8 }, None: { score: 0.2 } }, entities: {} }) };
    const { sent } = await run(new EscalationMiddleware({ skill: 'human-support', keywords: [], recognizer, intents: { Billing: 'billing-humans' }, message: '' }), 'invoice wrong');
    assert.deepEqual(sent.map((a) => a.value), [{ skill: 'billing-humans', reason: 'Intent Billing (0.80)' }]);
  });

  it('does not escalate on a low score or an unmapped intent', async () => {
    const cases: Record<string, { score: number }>[] = [{ Complaint: { score: 0.3 } }, { Greeting: { score: 0.99 } }];
    for (const intents of cases) {
      const recognizer = async () => ({ text: 'x', intents, entities: {} });
      const { botRan } = await run(new EscalationMiddleware({ skill: 'h', keywords: [], recognizer, intents: ['Complaint'] }), 'hmm');
      assert.equal(botRan, true);
    }
  });

  it('checks its settings', () => {
    assert.throws(() => new EscalationMiddleware({ skill: '' }), /^TypeError: EscalationMiddleware.constructor\(\): skill is required\.$/);
    assert.throws(() => new EscalationMiddleware({ skill: 'h', recognizer: async () => ({ text: '', intents: {} }) }), /intents are required/);
  });
});
