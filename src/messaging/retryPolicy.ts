/**
 * What to do when the socket closes or the handshake fails (reference §9, "Close codes" and "Retry
 * policy"). One table, so a new code LivePerson documents is one line here.
 */
export type CloseAction =
  /** Get a fresh bearer (log in again), then reconnect at once. */
  | 'relogin'
  /** Reconnect with the same bearer after the backoff delay. */
  | 'reconnect'
  /** Do not retry: the same request would fail the same way (wrong account, protocol error). */
  | 'fatal';

/** Close codes that mean "a fresh token is required" (4401, 4407; 1011 and 1008 per the SDK and the 2017 client). */
const RELOGIN_CODES = new Set([4401, 4407, 1011, 1008]);
/**
 * Codes where retrying cannot help: the protocol or payload errors of RFC 6455 (1002, 1003, 1007,
 * 1009, 1010) and the 4xxx mirrors of HTTP 400/403/404. [UNKNOWN] in LivePerson's docs: our decision.
 */
const FATAL_CODES = new Set([1002, 1003, 1007, 1009, 1010, 4400, 4403, 4404]);

export function closeAction(code: number): CloseAction {
  if (RELOGIN_CODES.has(code)) return 'relogin';
  if (FATAL_CODES.has(code)) return 'fatal';
  // 1000, 1001, 1006 (also what a revoked token looks like today, #29), 4410 and anything else.
  return 'reconnect';
}

/** A failed upgrade: HTTP 401 → fresh login; other 4xx but 408/429 → fatal; the rest → reconnect. */
export function handshakeAction(status: number): CloseAction {
  if (status === 401) return 'relogin';
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return 'fatal';
  return 'reconnect';
}

export interface BackoffSettings {
  /** First wait, ms. Default 5000 (the SDK README's reconnect sample). */
  initialMs?: number;
  /** Growth per attempt. Default 1.25 (same sample). */
  factor?: number;
  /** Longest wait, ms. Default 120000 (the retry page's slow outer loop). */
  maxMs?: number;
  /** Give up after this many failed attempts in a row (0 = never). Default 0: a bot should come back. */
  maxAttempts?: number;
  /**
   * A socket that closes sooner than this after opening counts as a failed attempt, so a flapping
   * connection backs off (two processes logged in as one user kick each other out with 4401). Default 10000.
   */
  healthyAfterMs?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffSettings> = { initialMs: 5000, factor: 1.25, maxMs: 120_000, maxAttempts: 0, healthyAfterMs: 10_000 };

/** The wait before attempt `attempt` (1 = the first retry), with ±10% jitter so bots do not reconnect in lockstep. */
export function backoffDelay(settings: Required<BackoffSettings>, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(settings.maxMs, settings.initialMs * settings.factor ** Math.max(0, attempt - 1));
  return Math.round(base * (0.9 + 0.2 * random()));
}
