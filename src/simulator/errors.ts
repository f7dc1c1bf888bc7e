/** Why the world refused something; the HTTP layers turn it into a status code. */
export type SimulatorErrorReason =
  | 'invalid' // bad input: 400
  | 'unauthorized' // bad credentials or session: 401
  | 'forbidden' // not this agent's chat: 403
  | 'notFound' // unknown chat, session, skill, agent: 404
  | 'methodNotAllowed' // e.g. POST without X-HTTP-Method-Override: PUT: 405
  | 'conflict' // the chat's state does not allow it (ended, not waiting): 409
  | 'blocked'; // the user is blocked: 451

/**
 * Thrown by the world and by the control API (`sim.startChat(...)` etc.). `reason` says what kind of
 * refusal it is; the message is meant for a developer reading a test failure.
 */
export class SimulatorError extends Error {
  override readonly name = 'SimulatorError';

  constructor(
    readonly reason: SimulatorErrorReason,
    message: string,
    /** The `internalCode` of the wire error envelope, when it is a documented one. */
    readonly internalCode?: number,
  ) {
    super(message);
  }
}

export function isSimulatorError(error: unknown): error is SimulatorError {
  return error instanceof SimulatorError;
}
