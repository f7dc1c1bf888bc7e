/**
 * The faults a soak injects into every LiveEngage API request (the control API is never faulted), in
 * equal shares of the fault rate, and the login outage window. Pure: the soak hands them to
 * `sim.injectFault`.
 */
import type { FaultRule } from '../src/simulator/index.js';
import type { SoakTiming } from './timing.js';

/** Every kind of failure a request can meet, the ambiguous ones (applied, yet failed) included. */
export function randomFaults(faultRate: number, timing: SoakTiming): FaultRule[] {
  if (faultRate <= 0) return [];
  const kinds: FaultRule[] = [
    { status: 500 },
    // LiveEngage's Retry-After is whole seconds; at a scaled clock it is scaled too (our client reads decimals).
    { status: 429, retryAfterSeconds: 1 / timing.scale },
    { body: 'malformed' },
    // Ambiguous: LiveEngage applied the request, the client cannot tell.
    { drop: 'after-apply' },
    { status: 503, apply: true },
    // Not applied, but the client cannot tell either.
    { drop: 'before-apply' },
    // Slower than the client's request timeout: it gives up, then the request is applied.
    { delayMs: timing.timeoutFaultDelayMs },
  ];
  return kinds.map((kind) => ({ probability: faultRate / kinds.length, ...kind }));
}

/** Every login answers 503 for the window: longer than a send's retries, so a re-login must wait it out. */
export function loginOutage(timing: SoakTiming): FaultRule {
  return { match: { operation: 'login' }, status: 503, forMs: timing.loginOutageMs };
}
