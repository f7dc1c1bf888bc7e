/**
 * What the Messaging soak does to the bots' sockets, pure: the request faults it arms (in a share of
 * the requests the simulator sees), the close codes it closes sockets with, and a seeded RNG so a
 * run's choices repeat with `--seed`.
 */
import type { MessagingFaultRule } from '../src/simulator/messaging/faults.js';
import type { SoakTiming } from './timing.js';

export type RequestFaultKind = 'delayed' | 'refused' | 'closedBeforeApply' | 'closedAfterApply';

/**
 * One rule per kind, each for the next request of any type from any bot. `delayed` stays under the
 * client's request timeout: a publish that times out with the socket open is reported undeliverable,
 * not resent (the README's Messaging "Not done yet"), which a soak would only rediscover.
 */
export function messagingRequestFaults(timing: SoakTiming): Record<RequestFaultKind, MessagingFaultRule> {
  return {
    delayed: { delayMs: Math.round(timing.adapter.requestTimeoutMs / 2) },
    refused: { refuse: 500, body: 'Injected fault' },
    // Not applied, and the client cannot tell: the socket goes without an answer (1006).
    closedBeforeApply: { closeCode: 1006 },
    // Applied, then the socket goes: the publish landed, its answer is lost.
    closedAfterApply: { closeAfterApply: 1006 },
  };
}

/**
 * The codes the soak closes a bot's socket with, in turn: dropped without a close frame (1006), a
 * normal close and going-away (1000, 1001: reconnect after the backoff), a server error (1011: log in
 * again first) and 4410 (an unlisted 4xxx: reconnect). Token expiry (4401) is a fault of its own.
 */
export const SOCKET_CLOSE_CODES = [1006, 1000, 1001, 1011, 4410] as const;

/** mulberry32: small, seeded, good enough to pick faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How many rules to arm for `newRequests` requests at `faultRate`, with the fraction carried over so
 * the share holds over the run: returns the count and the new carry.
 */
export function faultsDue(newRequests: number, faultRate: number, carry: number): { count: number; carry: number } {
  const due = carry + Math.max(0, newRequests) * faultRate;
  const count = Math.floor(due);
  return { count, carry: due - count };
}
