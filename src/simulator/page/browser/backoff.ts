/**
 * How long the page waits before asking a simulator that stopped answering again. No DOM and no
 * imports, so Node tests it as it is (test/browser/backoff.test.ts).
 */

/** The first pause and the longest one, in ms: 1 s, 2 s, 4 s ... then every 30 s. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30000;

/** Milliseconds before retry number retries (0 for the first one): doubling, capped at RETRY_MAX_MS. */
export function retryDelay(retries: unknown): number {
  const n = typeof retries === 'number' && Number.isInteger(retries) && retries > 0 ? Math.min(retries, 30) : 0;
  return Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** n);
}
