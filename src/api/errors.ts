/**
 * The one error type the API client throws. It is built from scratch (never wrapping an axios error,
 * whose `config` carries the request headers) and holds nothing secret: no password, key, token,
 * bearer, csrf or session cookie, in its message, its body snippet or anywhere else.
 */

export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'malformed' | 'config';

export interface LiveEngageApiErrorInit {
  operation: string;
  kind: ApiErrorKind;
  /** The reason, already redacted, without the `LiveEngage <op> failed:` prefix. */
  detail: string;
  status?: number;
  retryable?: boolean;
  authExpired?: boolean;
  retryAfterMs?: number;
  ambiguous?: boolean;
  body?: string;
  code?: string;
  attempts?: number;
  aborted?: boolean;
  /** What went wrong underneath, when it is safe to keep (a `ResponseFormatError`: it never quotes values). */
  cause?: unknown;
}

export class LiveEngageApiError extends Error {
  declare readonly name: 'LiveEngageApiError';
  /** The client operation that failed, e.g. `addLine`. */
  readonly operation: string;
  readonly kind: ApiErrorKind;
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** Whether LivePerson's retry policy says to try again (5xx, 429, network, timeout). */
  readonly retryable: boolean;
  /** 401 on an authenticated call: log in again and open a new agent session. */
  readonly authExpired: boolean;
  /** How long the server asked us to wait (429 `Retry-After`), in ms. */
  readonly retryAfterMs?: number;
  /**
   * A non-idempotent request (add line, end chat, transfer, accept) may have been applied: the
   * connection failed after it was sent, it timed out, the server answered 5xx, or it answered 2xx with
   * a body we could not read. Read the chat's events before sending it again.
   */
  readonly ambiguous: boolean;
  /** A short, redacted snippet of the response body. */
  readonly body?: string;
  /** The network error code (`ECONNRESET`, `ECONNREFUSED`, ...), for network errors. */
  readonly code?: string;
  /** How many requests were made before giving up. */
  readonly attempts: number;
  /** The wait or request was cut short by the caller's `AbortSignal` (shutdown). */
  readonly aborted: boolean;

  // Private (not shown by util.inspect, not serialised): lets `with()` rebuild the error.
  readonly #init: LiveEngageApiErrorInit;

  constructor(init: LiveEngageApiErrorInit) {
    const tries = init.attempts && init.attempts > 1 ? ` after ${init.attempts} attempts` : '';
    super(`LiveEngage ${init.operation} failed: ${init.detail}${tries}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.operation = init.operation;
    this.kind = init.kind;
    if (init.status !== undefined) this.status = init.status;
    this.retryable = init.retryable ?? false;
    this.authExpired = init.authExpired ?? false;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    this.ambiguous = init.ambiguous ?? false;
    if (init.body !== undefined) this.body = init.body;
    if (init.code !== undefined) this.code = init.code;
    this.attempts = init.attempts ?? 1;
    this.aborted = init.aborted ?? false;
    this.#init = { ...init };
  }

  /** The same error with some fields changed (e.g. `aborted`, `detail`). */
  with(changes: Partial<LiveEngageApiErrorInit> | ((init: Readonly<LiveEngageApiErrorInit>) => Partial<LiveEngageApiErrorInit>)): LiveEngageApiError {
    const change = typeof changes === 'function' ? changes(this.#init) : changes;
    return new LiveEngageApiError({ ...this.#init, ...change });
  }

  /** `JSON.stringify(err)` gives the message too (an Error's own `message` is not enumerable). */
  toJSON(): Record<string, unknown> {
    const { name, message, operation, kind, status, retryable, authExpired, retryAfterMs, ambiguous, body, code, attempts, aborted } = this;
    return { name, message, operation, kind, status, retryable, authExpired, retryAfterMs, ambiguous, body, code, attempts, aborted };
  }
}

// On the prototype, so the stack trace (captured in `super`) already carries the name.
Object.defineProperty(LiveEngageApiError.prototype, 'name', { value: 'LiveEngageApiError', writable: true, configurable: true });

/** A setup problem found before any request (bad URL, http to a non-loopback host, missing credentials). */
export function configError(operation: string, detail: string): LiveEngageApiError {
  return new LiveEngageApiError({ operation, kind: 'config', detail });
}

const REDACTED = '[redacted]';

/** JSON members, form fields and headers whose values are always secret. */
const SECRET_NAMES = 'password|secret|appKey|accessToken|accessTokenSecret|access_token|oauth_token|token|bearer|csrf|wsuk|Session_id|authorization|cookie';
const JSON_MEMBER = new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
const FORM_FIELD = new RegExp(`\\b((?:${SECRET_NAMES})=)[^&;\\s"]*`, 'gi');
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;

/**
 * Replaces every given secret (exact value) and every value of a well-known secret field (`"csrf":"…"`,
 * `password=…`, `Session_id=…`, `Bearer …`) with `[redacted]`.
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  // Longest first, so a secret that contains another is not half-replaced.
  const values = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4))].sort((a, b) => b.length - a.length);
  for (const secret of values) {
    out = out.split(secret).join(REDACTED);
    // Also the forms a secret takes inside a URL or a JSON string.
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(REDACTED);
    const json = JSON.stringify(secret).slice(1, -1);
    if (json !== secret) out = out.split(json).join(REDACTED);
  }
  return out
    .replace(JSON_MEMBER, `$1"${REDACTED}"`)
    .replace(FORM_FIELD, `$1${REDACTED}`)
    .replace(BEARER, `$1${REDACTED}`);
}

/** A redacted, single-line snippet of at most `max` characters. */
export function snippet(text: string, secrets: readonly (string | undefined)[] = [], max = 300): string {
  const flat = redact(text, secrets).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
