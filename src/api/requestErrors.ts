/** The errors a request can end in, built from what we know, never from the axios error (its config holds our headers). */
import axios from 'axios';
import { LiveEngageApiError, snippet } from './errors.js';
import type { ApiRequest } from './http.js';
import { readErrorEnvelope } from './loginResponses.js';
import { parseRetryAfter } from './retryPolicy.js';

/** Network error codes that mean the request never left: not ambiguous, whatever the call. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'ERR_INVALID_URL']);

/** The values of a request that must never appear in an error. */
export function secretsOf(req: ApiRequest): (string | undefined)[] {
  const cookieValue = req.cookie?.replace(/^[^=]*=/, '');
  return [req.bearer, req.cookie, cookieValue, ...(req.secrets ?? [])];
}

/** A non-2xx answer: its status, what the server said (redacted, short), whether to retry, whether it may have been applied. */
export function httpError(req: ApiRequest, status: number, text: string, retryAfter: unknown, attempt: number): LiveEngageApiError {
  const secrets = secretsOf(req);
  let envelope: ReturnType<typeof readErrorEnvelope>;
  try {
    envelope = readErrorEnvelope(JSON.parse(text));
  } catch {
    envelope = undefined;
  }
  // The 401 OAuth text (`oauth_problem=token_rejected&...`) is short and telling; so is a JSON error message.
  const said = envelope?.message ?? (text.trim() ? text : undefined);
  const hint = req.statusHints?.[status];
  const reason = hint && said ? `${hint}; server said: ${said}` : (hint ?? said);
  const retryAfterMs = parseRetryAfter(retryAfter);
  const serverError = status >= 500;
  const expired = status === 401 && req.authExpiresOn401 !== false;
  return new LiveEngageApiError({
    operation: req.operation,
    kind: 'http',
    status,
    detail: `HTTP ${status}${reason ? ` (${snippet(reason, secrets, 160)})` : ''}`,
    retryable: serverError || status === 429,
    authExpired: expired,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ambiguous: serverError && !req.idempotent,
    ...(text.trim() ? { body: snippet(text, secrets) } : {}),
    attempts: attempt,
  });
}

/** No answer: a timeout, a reset, a refused connection. */
export function networkError(req: ApiRequest, thrown: unknown, attempt: number): LiveEngageApiError {
  // Only the code and a fixed wording are taken from the axios error: its `config` holds our headers.
  const code = typeof (thrown as { code?: unknown })?.code === 'string' ? ((thrown as { code: string }).code) : undefined;
  if (axios.isCancel(thrown) || code === 'ERR_CANCELED') return abortedError(req, attempt);
  const timeout = code === 'ETIMEDOUT' || code === 'ECONNABORTED';
  const sent = !(code && NOT_SENT.has(code));
  return new LiveEngageApiError({
    operation: req.operation,
    kind: timeout ? 'timeout' : 'network',
    detail: timeout ? 'the request timed out' : `network error${code ? ` ${code}` : ''}`,
    retryable: true,
    ambiguous: sent && !req.idempotent,
    ...(code ? { code } : {}),
    attempts: attempt,
  });
}

/** The client was stopped mid-request (shutdown). */
export function abortedError(req: ApiRequest, attempts: number): LiveEngageApiError {
  return new LiveEngageApiError({
    operation: req.operation,
    kind: 'network',
    detail: 'aborted (shutting down)',
    aborted: true,
    // An abort mid-request may still have reached the server.
    ambiguous: attempts > 0 && !req.idempotent,
    attempts: Math.max(attempts, 1),
  });
}

/** The last error of a request whose retry wait was cut short by a shutdown. */
export function withAborted(error: LiveEngageApiError): LiveEngageApiError {
  return error.with((init) => ({ aborted: true, detail: `${init.detail}; retry aborted` }));
}

