import { isCsatDecline, parseCsatRating } from '../../src/csat/neutral.js';
import { topIntent, type SupportIntent } from './recognizer.js';

/**
 * How the support bot reads a visitor line around its running questions, the same in both samples
 * (botbuilder dialogs, Agents SDK routes): each framework only carries the decision out.
 */

/** Intents that leave whatever question is running (e.g. "what are your hours?" while asked for an order number). */
export const INTERRUPTING: readonly SupportIntent[] = ['Hours', 'Pricing'];

/**
 * What a line does to the CSAT question. `answer`: it goes to the open question (a rating, "skip", or
 * anything that is no new question: it is asked again). `ask`: goodbye, so ask it (whatever ran is
 * dropped). `none`: neither; a line that interrupts drops an open question and is answered instead.
 */
export function csatMove(text: string, csatOpen: boolean): 'answer' | 'ask' | 'none' {
  const intent = topIntent(text);
  if (csatOpen && (parseCsatRating(text) !== undefined || isCsatDecline(text) || !INTERRUPTING.includes(intent))) return 'answer';
  return intent === 'Goodbye' ? 'ask' : 'none';
}
