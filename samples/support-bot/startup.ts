/**
 * Startup failures a person can act on: what is wrong and which variable fixes it, printed without a
 * stack trace. Anything else is a bug and keeps its stack.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** A listen error as a `StartupError` naming the variable that sets the port (`PORT`, `SIMULATOR_PORT`). */
export function listenFailure(error: unknown, what: string, port: number, variable: string): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new StartupError(`${what}: port ${port} is already in use (another program, or another npm start, listens there). Stop it, or set ${variable} to a free port (0 picks one).`, { cause: error });
  }
  if (code === 'EACCES') {
    return new StartupError(`${what}: not allowed to listen on port ${port}. Set ${variable} to a port above 1023.`, { cause: error });
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new StartupError(`${what}: cannot listen on that address (${code}). Check HOST.`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** What to print for an error that stopped the start: the message alone when the person can act on it. */
export function describeStartupFailure(error: unknown): string {
  if (error instanceof StartupError) return error.message;
  // The adapter's start errors name what failed (credentials, blocked user, unreachable host).
  if (error instanceof Error && error.message.startsWith('LiveEngageAdapter.')) return error.message;
  return error instanceof Error ? error.stack ?? error.message : String(error);
}

/** `http://HOST:PORT`, for the address a server is actually bound to (IPv6 in brackets; wildcard as localhost). */
export function boundUrl(address: string, port: number): string {
  if (address === '0.0.0.0' || address === '::') return `http://localhost:${port}`;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}
