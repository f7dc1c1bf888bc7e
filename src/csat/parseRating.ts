import type { CsatRating } from './types.js';

/**
 * Reading a 1-5 rating typed into Live Chat, which has no buttons: digits ("4", "4/5", "4 out of 5",
 * "I'd give it a 4"), number words ("four"), stars ("⭐⭐⭐⭐") and the scale's words ("poor" 1, "bad" 2,
 * "ok" 3, "good" 4, "great" 5 and a few more). Anything ambiguous ("3 or 4", "not bad", "4.5", "10")
 * is no rating, so the dialog asks again rather than guessing.
 */

const NUMBER_WORDS: Record<string, CsatRating> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

/** Words that rate the chat on the dialog's scale (1 poor ... 5 great). */
export const CSAT_RATING_WORDS: Readonly<Record<string, CsatRating>> = {
  poor: 1, terrible: 1, awful: 1, horrible: 1, worst: 1, useless: 1,
  bad: 2, mediocre: 2,
  ok: 3, okay: 3, average: 3, fine: 3, meh: 3, alright: 3,
  good: 4, nice: 4,
  great: 5, excellent: 5, perfect: 5, amazing: 5, awesome: 5, fantastic: 5, brilliant: 5, best: 5, superb: 5,
};

const NEGATION = /\b(?:not|never|no|isnt|wasnt|didnt|dont)\b|n't\b/;
const DECLINE = /^(?:no|nope|nah|skip|pass|stop|cancel|later|not now|no thanks?|no thank you|thanks? but no|rather not|i'?d rather not|i don'?t want to|don'?t want to)$/;

/** The rating a visitor typed, or undefined when the answer is not (clearly) one rating from 1 to 5. */
export function parseCsatRating(text: string | undefined | null): CsatRating | undefined {
  if (typeof text !== 'string') return undefined;
  const normalized = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  if (!normalized) return undefined;

  const stars = normalized.match(/[★⭐]/gu);
  if (stars && normalized.replace(/[★⭐\s\uFE0F]/gu, '') === '') return asRating(stars.length);

  // "4/5", "4 out of 5", "4 of five": the scale is not a second number.
  const withoutScale = normalized.replace(/\s*(?:\/|out of|of)\s*(?:5|five)(?![\p{L}\p{N}])/gu, ' ');
  const numbers = [...withoutScale.matchAll(/(?<![\p{L}\p{N}.,])\d+(?:[.,]\d+)?(?![\p{N}])/gu)].map((m) => m[0]);
  if (numbers.length) {
    const distinct = new Set(numbers);
    if (distinct.size !== 1) return undefined;
    const only = numbers[0]!;
    return /^\d+$/.test(only) ? asRating(Number(only)) : undefined;
  }

  const words = withoutScale.split(/[^\p{L}']+/u).filter(Boolean);
  const spelled = new Set(words.map((w) => NUMBER_WORDS[w]).filter((n): n is CsatRating => n !== undefined));
  if (spelled.size === 1) return [...spelled][0];
  if (spelled.size > 1) return undefined;

  const moods = new Set(words.map((w) => CSAT_RATING_WORDS[w]).filter((n): n is CsatRating => n !== undefined));
  if (moods.size !== 1 || NEGATION.test(withoutScale)) return undefined;
  return [...moods][0];
}

/** Whether the visitor declined to rate ("no", "no thanks", "skip", ...). */
export function isCsatDecline(text: string | undefined | null): boolean {
  if (typeof text !== 'string') return false;
  const normalized = text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}'\s]/gu, ' ').replace(/\s+/g, ' ').trim();
  return DECLINE.test(normalized);
}

function asRating(n: number): CsatRating | undefined {
  return Number.isInteger(n) && n >= 1 && n <= 5 ? (n as CsatRating) : undefined;
}
