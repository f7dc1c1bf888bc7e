import { randomBytes, randomInt } from 'node:crypto';

/** Identifiers shaped like LiveEngage's, from crypto randomness (bearers and csrf are secrets). */

export function hexToken(bytes = 32): string {
  return randomBytes(bytes).toString('hex');
}

export function digits(count: number): string {
  let out = String(randomInt(1, 10));
  while (out.length < count) out += String(randomInt(0, 10));
  return out;
}

/** A positive integer below 2^53 with `count` digits (rendered as a JSON number). */
export function numericId(count: number): number {
  return Number(digits(Math.min(count, 15)));
}

/**
 * Chat session key like `H2170755172687460894-b7d761017809489ea1a257461eb373eeK8457415`; its visit id
 * is the same without the middle `-…` part (`H2170755172687460894K8457415`), as the docs show.
 */
export function chatIds(): { chatId: string; visitId: string } {
  const head = `H${digits(19)}`;
  const tail = `K${digits(7)}`;
  return { chatId: `${head}-${hexToken(16)}${tail}`, visitId: `${head}${tail}` };
}

/** Seeded PRNG (mulberry32), so a soak run's fault pattern can be replayed. Returns [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
