import assert from 'node:assert/strict';
import { getTopScoringIntent } from 'botbuilder';
import { orderNumberOf, recognizeText, type SupportIntent } from '../../samples/support-bot/recognizer.js';

describe('sample: the support bot recognizer', () => {
  const cases: [string, SupportIntent][] = [
    ['What are your opening hours?', 'Hours'],
    ['are you open on weekends', 'Hours'],
    ['How much does it cost?', 'Pricing'],
    ['what plans do you have', 'Pricing'],
    ['Where is my order?', 'OrderStatus'],
    ['has my package shipped', 'OrderStatus'],
    ['#123456', 'OrderStatus'],
    ['Bye', 'Goodbye'],
    ["thanks, that's all", 'Goodbye'],
    ['I want to talk to a person', 'Escalate'],
    ['can I speak with someone about my order', 'Escalate'],
    ['I have a complaint', 'Escalate'],
    ['hello', 'Greeting'],
    ['Good morning!', 'Greeting'],
    ['purple elephants', 'None'],
    ['', 'None'],
  ];
  for (const [text, intent] of cases) {
    it(`"${text}" is ${intent}`, () => {
      assert.equal(getTopScoringIntent(recognizeText(text)).intent, intent);
    });
  }

  it('is a botbuilder RecognizerResult with the text and scores in 0..1', () => {
    const result = recognizeText('hello, what are your hours?');
    assert.equal(result.text, 'hello, what are your hours?');
    assert.deepEqual(Object.keys(result.intents).sort(), ['Greeting', 'Hours']);
    for (const { score } of Object.values(result.intents)) assert.ok(score !== undefined && score > 0 && score <= 1);
  });

  it('finds an order number (5 to 10 digits, # optional) as an entity', () => {
    assert.equal(orderNumberOf(recognizeText('order #1234567 please')), '1234567');
    assert.equal(orderNumberOf(recognizeText('order 1234')), undefined);
    assert.equal(orderNumberOf(recognizeText('where is 98765?')), '98765');
  });

  it('does not take "agent" for an intent: the EscalationMiddleware keyword handles it', () => {
    assert.equal(getTopScoringIntent(recognizeText('agent')).intent, 'None');
  });
});
