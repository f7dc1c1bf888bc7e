/**
 * The stable codes of the package's own errors, for `switch (error.code)`. Messages name the method
 * and say what to do (`LiveEngageAdapter.start(): ...`, botbuilder's style) and may be reworded; codes
 * do not change. The errors stay the built-in classes (`Error`, `TypeError`, `RangeError`) they always
 * were, with `code` added; an error caused by another (a failed login under `start()`) keeps it as
 * `cause`. Errors of the Chat Agent API are `LiveEngageApiError`s: switch on their `kind` and `status`
 * (their `code` is the network error code, `ECONNRESET`, ...).
 */
export const LiveEngageErrorCode = {
  /** `start()` could not log in or open the agent session; `cause` is the `LiveEngageApiError` (its `kind`, `status`). */
  START_FAILED: 'LIVEENGAGE_START_FAILED',
  /** `start()` on an adapter already starting, running or stopping. */
  ALREADY_STARTED: 'LIVEENGAGE_ALREADY_STARTED',
  /** A call that needs a started adapter (send, proactive message, survey) before `start()` or after `stop()`. */
  NOT_RUNNING: 'LIVEENGAGE_NOT_RUNNING',
  /** The adapter stopped logging in: another process holds the bot user (takeover), or `stop()` came first. */
  LOGIN_ABANDONED: 'LIVEENGAGE_LOGIN_ABANDONED',
  /** The chat is not open on this adapter (ended, transferred, or held by another bot user). */
  CHAT_NOT_OPEN: 'LIVEENGAGE_CHAT_NOT_OPEN',
  /** Something Live Chat cannot do: edit or delete a line, attachments, sign-in flows, HTTP `process()`, a proactive message into the running turn. */
  UNSUPPORTED: 'LIVEENGAGE_UNSUPPORTED',
  /** A setting or argument is missing or wrong (a `TypeError` or `RangeError`). */
  INVALID_ARGUMENT: 'LIVEENGAGE_INVALID_ARGUMENT',
  /** An outgoing activity cannot become Live Chat lines (`OutgoingActivityError`). */
  INVALID_ACTIVITY: 'LIVEENGAGE_INVALID_ACTIVITY',
} as const;

export type LiveEngageErrorCode = (typeof LiveEngageErrorCode)[keyof typeof LiveEngageErrorCode];

/** An error of this package: an `Error` (or `TypeError`, `RangeError`) with a `LiveEngageErrorCode`. */
export type LiveEngageError = Error & { readonly code: LiveEngageErrorCode };

const CODES = new Set<unknown>(Object.values(LiveEngageErrorCode));

/** Whether `error` is one of this package's errors (optionally: with this code). */
export function isLiveEngageError(error: unknown, code?: LiveEngageErrorCode): error is LiveEngageError {
  if (!(error instanceof Error)) return false;
  const own = (error as { code?: unknown }).code;
  return CODES.has(own) && (code === undefined || own === code);
}

/** `new Kind(message, { cause })` with `code`: `throw codedError(TypeError, 'X(): y is required.', 'LIVEENGAGE_INVALID_ARGUMENT')`. */
export function codedError<E extends Error>(Kind: new (message: string, options?: { cause?: unknown }) => E, message: string, code: LiveEngageErrorCode, cause?: unknown): E & { readonly code: LiveEngageErrorCode } {
  const error = new Kind(message, cause === undefined ? undefined : { cause });
  Object.defineProperty(error, 'code', { value: code, enumerable: true, writable: false, configurable: true });
  return error as E & { readonly code: LiveEngageErrorCode };
}
