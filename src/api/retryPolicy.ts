/**
 * LivePerson's retry policy (chat-agent-api.md §6), as one pure decision per failed attempt:
 * - idempotent calls (GETs, set availability, typing, login, refresh, ...) are retried on 5xx, network
 *   errors and timeouts after `retryDelaysMs` (5, 10, 15 s by default);
 * - 429 is retried by every call (the server did not apply it) after `Retry-After`, at least
 *   `rateLimitMinDelayMs` (1 s; 5 s for login);
 * - other 4xx are never retried;
 * - non-idempotent calls (add line, end chat, transfer, accept) are not retried on 5xx/network/timeout:
 *   the error says `ambiguous` so the caller can read the chat before sending again;
 * - a polled read is never retried: the poll loop's next cycle comes sooner than a retry.
 */
import type { LiveEngageApiError } from './errors.js';
import type { ApiRequest } from './http.js';

/** What the policy needs of the client's settings. */
export interface RetryLimits {
  retryDelaysMs: readonly number[];
  rateLimitMinDelayMs: number;
  maxRateLimitRetries: number;
  maxRetryAfterMs: number;
}

/** Retries spent so far on one request, by kind. */
export interface RetriesSpent {
  server: number;
  rate: number;
}

/** How long to wait before retrying `req` after `error`, or undefined: give up (throw it). */
export function retryWait(req: ApiRequest, error: LiveEngageApiError, spent: RetriesSpent, limits: RetryLimits): { waitMs: number; spent: RetriesSpent } | undefined {
  if (req.polled) return undefined;
  if (error.status === 429 && spent.rate < limits.maxRateLimitRetries) {
    const waitMs = Math.max(error.retryAfterMs ?? 0, req.rateLimitMinDelayMs ?? limits.rateLimitMinDelayMs);
    return waitMs > limits.maxRetryAfterMs ? undefined : { waitMs, spent: { ...spent, rate: spent.rate + 1 } };
  }
  if (req.idempotent && error.retryable && error.status !== 429 && spent.server < limits.retryDelaysMs.length) {
    return { waitMs: limits.retryDelaysMs[spent.server] ?? 0, spent: { ...spent, server: spent.server + 1 } };
  }
  return undefined;
}

/** `Retry-After` in seconds or as an HTTP date -> ms. */
export function parseRetryAfter(value: unknown): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Waits `ms` with `setTimeout` (so fake timers drive it); false if `signal` aborted the wait.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
