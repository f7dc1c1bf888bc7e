import type { RecognizerResult, TurnContext } from 'botbuilder';

/** What the support bot understands. `Escalate` is handled by the `EscalationMiddleware`, before the bot. */
export type SupportIntent = 'Greeting' | 'Hours' | 'Pricing' | 'OrderStatus' | 'Goodbye' | 'Escalate' | 'None';

/** Keyword rules, most specific first; each match scores its intent. A real bot would use CLU or LUIS here. */
const RULES: readonly { intent: Exclude<SupportIntent, 'None'>; pattern: RegExp; score: number }[] = [
  { intent: 'Escalate', pattern: /\b(talk|speak|chat)\s+(to|with)\s+(a\s+|an\s+)?(person|people|someone|somebody|real|live|staff|team)\b|\bcomplain(t|ts)?\b/i, score: 0.95 },
  { intent: 'Goodbye', pattern: /\b(bye|goodbye|good\s+bye|see\s+you|that'?s\s+all|no\s+more\s+questions)\b/i, score: 0.95 },
  { intent: 'OrderStatus', pattern: /\b(order|orders|package|parcel|delivery|deliver(ed)?|shipping|shipped|track(ing)?)\b/i, score: 0.9 },
  { intent: 'Hours', pattern: /\b(hours?|open(ing)?|closed?|closing|weekends?|holidays?)\b/i, score: 0.9 },
  { intent: 'Pricing', pattern: /\b(price|prices|pricing|costs?|how\s+much|plans?|subscription|fees?)\b/i, score: 0.9 },
  { intent: 'Greeting', pattern: /^\s*(hi|hello|hey|hiya|good\s+(morning|afternoon|evening))\b/i, score: 0.8 },
];

/** An order number: 5 to 10 digits, optionally after `#`. */
const ORDER_NUMBER = /#?\b(\d{5,10})\b/;

/** The recognizer as a pure function of the text: a botbuilder `RecognizerResult`. */
export function recognizeText(text: string): RecognizerResult {
  const intents: Record<string, { score: number }> = {};
  for (const rule of RULES) {
    if (rule.pattern.test(text)) intents[rule.intent] = { score: Math.max(rule.score, intents[rule.intent]?.score ?? 0) };
  }
  const orderNumber = ORDER_NUMBER.exec(text)?.[1];
  const entities: Record<string, unknown> = {};
  if (orderNumber) {
    entities.orderNumber = [orderNumber];
    // A bare order number is an order status question.
    intents.OrderStatus ??= { score: 0.7 };
  }
  if (Object.keys(intents).length === 0) intents.None = { score: 1 };
  return { text, intents, entities };
}

/**
 * The recognizer in the shape botbuilder's `EscalationMiddleware` and the dialogs take: a function of
 * the turn, like `LuisRecognizer.recognize(context)`.
 */
export async function supportRecognizer(context: TurnContext): Promise<RecognizerResult> {
  return recognizeText(context.activity.text ?? '');
}

/** The intent that scored highest (the first of equals), or `None`: botbuilder's `getTopScoringIntent` without botbuilder. */
export function topIntent(text: string): SupportIntent {
  let top: SupportIntent = 'None';
  let best = -1;
  for (const [intent, { score }] of Object.entries(recognizeText(text).intents)) {
    if ((score ?? 0) > best) [top, best] = [intent as SupportIntent, score ?? 0];
  }
  return top;
}

/** The order number the recognizer found, if any. */
export function orderNumberOf(result: RecognizerResult): string | undefined {
  const found = (result.entities as { orderNumber?: string[] } | undefined)?.orderNumber;
  return found?.[0];
}
