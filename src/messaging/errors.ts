/**
 * Errors of the Messaging transport, in the botbuilder style: `Class.method(): what went wrong.`
 * Messages never carry the bearer (it is a path segment of the socket URL: see `redactUrl`).
 */
export type MessagingErrorKind =
  /** A setting or argument is wrong; fix the call. */
  | 'config'
  /** No response within the request timeout. */
  | 'timeout'
  /** The socket closed (or was never open) while the request waited. */
  | 'closed'
  /** The server answered with a code above 399. */
  | 'rejected'
  /** The login is gone and could not be renewed, or a close code says retrying cannot help. */
  | 'fatal';

export class MessagingError extends Error {
  override readonly name = 'MessagingError';

  constructor(
    readonly kind: MessagingErrorKind,
    message: string,
    /** The response code (`rejected`) or the close code (`fatal`, `closed`), when there is one. */
    readonly code?: number,
    /** The request type, when the error is about one request. */
    readonly requestType?: string,
  ) {
    super(message);
  }
}

export function isMessagingError(error: unknown): error is MessagingError {
  return error instanceof MessagingError;
}

/** `MessagingConnection.open(): accountId is required.` */
export function configError(where: string, what: string): MessagingError {
  return new MessagingError('config', `${where}: ${what}.`);
}

/** The text of any thrown value, for logs. */
export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A request whose outcome is unknown (it may have been applied): a publish is looked for before it is sent again: the socket closed under it,
 * its answer did not come in time, or UMS answered 5xx or 429 (which may come after it was applied).
 */
export function outcomeUnknown(error: unknown): error is MessagingError {
  if (!(error instanceof MessagingError)) return false;
  if (error.kind === 'closed' || error.kind === 'timeout') return true;
  return error.kind === 'rejected' && ((error.code ?? 0) >= 500 || error.code === 429);
}
