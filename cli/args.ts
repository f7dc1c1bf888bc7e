/**
 * The small checks the soak's and the bench's command lines share: each returns the value, or the
 * message that says what is wrong (the caller prints usage and exits 2). Pure.
 */

/** What carries the bot's conversations: Live Chat (the Chat Agent API, polled) or Messaging (the UMS websocket). */
export type Transport = 'chat' | 'messaging';
export const TRANSPORTS: readonly Transport[] = ['chat', 'messaging'];

/** A problem, as opposed to a value. */
export class ArgProblem {
  constructor(readonly message: string) {}
}

export function positiveWhole(value: string | undefined, name: string): number | ArgProblem {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : new ArgProblem(`${name} must be a positive whole number (got '${value}').`);
}

export function whole(value: string | undefined, name: string): number | ArgProblem {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isInteger(n) ? n : new ArgProblem(`${name} must be a whole number (got '${value}').`);
}

export function oneOf<T extends string>(value: string | undefined, name: string, choices: readonly T[]): T | ArgProblem {
  return choices.includes(value as T) ? (value as T) : new ArgProblem(`${name} must be ${choices.join(' or ')} (got '${value}').`);
}

/** A comma list, as `--chats 10,100` or `--transport chat,messaging` take (repeatable flags pass several). */
export function commaList(values: string[]): string[] {
  return values.flatMap((v) => v.split(','));
}

/** The first problem among the checked values, if any. */
export function firstProblem(values: readonly unknown[]): string | undefined {
  return values.find((v): v is ArgProblem => v instanceof ArgProblem)?.message;
}
