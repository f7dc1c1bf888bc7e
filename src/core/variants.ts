/** A bot behind the adapter when A/B testing: its name (a metric label), its logic, its share. */
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';
export interface BotVariant<L = (context: any) => Promise<void>> {
  name: string;
  /** The bot's turn handler, in the binding's framework. */
  logic: L;
  /** Relative share of new chats. Default 1. */
  weight?: number;
}

/**
 * Checks variants and returns them with weights, or throws naming the problem:
 * `LiveEngageAdapter.start(): variant names must be unique ('A' twice).`
 */
export function checkVariants<L>(variants: unknown, where = 'LiveEngageAdapter.start()'): Required<BotVariant<L>>[] {
  if (!Array.isArray(variants) || variants.length === 0) throw codedError(TypeError, `${where}: variants must be a non-empty array of { name, logic, weight }.`, LiveEngageErrorCode.INVALID_ARGUMENT);
  const seen = new Set<string>();
  return variants.map((v: Partial<BotVariant<L>>, i) => {
    if (!v || typeof v.name !== 'string' || v.name.trim() === '') throw codedError(TypeError, `${where}: variants[${i}].name is required.`, LiveEngageErrorCode.INVALID_ARGUMENT);
    if (seen.has(v.name)) throw codedError(TypeError, `${where}: variant names must be unique ('${v.name}' twice).`, LiveEngageErrorCode.INVALID_ARGUMENT);
    seen.add(v.name);
    if (typeof v.logic !== 'function') throw codedError(TypeError, `${where}: variants[${i}].logic must be the bot's turn handler.`, LiveEngageErrorCode.INVALID_ARGUMENT);
    const weight = v.weight ?? 1;
    if (!Number.isFinite(weight) || weight <= 0) throw codedError(RangeError, `${where}: variants[${i}].weight must be a positive number (got ${String(v.weight)}).`, LiveEngageErrorCode.INVALID_ARGUMENT);
    return { name: v.name, logic: v.logic, weight };
  });
}

/**
 * The variant that serves a chat: a hash of the chat id placed on the weights. The same chat always
 * gets the same variant, in any process, with no state to keep; over many chats the split follows the
 * weights.
 */
export function pickVariant<V extends { weight: number }>(chatId: string, variants: readonly V[]): V {
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  let point = (fnv1a(chatId) / 2 ** 32) * total;
  for (const variant of variants) {
    point -= variant.weight;
    if (point < 0) return variant;
  }
  return variants[variants.length - 1]!;
}

/** 32-bit FNV-1a: fast, and spreads similar ids (chat keys share long prefixes) evenly. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // A final avalanche so the low and high bits are both well mixed.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}
