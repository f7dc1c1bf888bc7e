/**
 * The clocks of a soak run: the adapter's delays and LiveEngage's timeouts. `defaults` takes the
 * adapter's shipped defaults and LiveEngage's documented timeouts and divides every one by the same
 * factor, so their proportions (a re-login wait against the chat timeout, a retry against the request
 * timeout) stay those of production while a run stays short. `fast` is the hand-tuned set the soak
 * had before: short enough to recover quickly, not proportional to anything.
 */
import { AVAILABILITY_CHECK_MS, DEFAULT_SETTINGS, MIN_POLL_INTERVAL_MS } from '../src/core/settings.js';
import { SIMULATOR_DEFAULTS } from '../src/simulator/index.js';
import type { Timing } from './args.js';

/** The adapter settings a bot process runs with (only time-valued ones). */
export interface AdapterTiming {
  pollIntervalMs: number;
  retryDelaysMs: number[];
  reloginDelaysMs: number[];
  refreshIntervalMs: number;
  requestTimeoutMs: number;
  rateLimitMinDelayMs: number;
  /** The least wait after a 429 on login (a setting of the adapter). */
  loginRateLimitMinDelayMs: number;
  /** The adapter's availability check (a protected field of the bindings, set by the soak's subclass). */
  availabilityCheckMs: number;
  /** Takeover detection's window (a setting of the adapter). */
  takeoverWindowMs?: number;
  /** How young a login must be for a 401 to count as a takeover (a setting of the adapter). */
  takeoverSuspectMs?: number;
}

/** LiveEngage's side, in the simulator's options (seconds, as it takes them). */
export interface SimulatorTiming {
  chatTimeoutSeconds: number;
  acceptTimeoutSeconds: number;
  /** How long a dead bot's agent session lingers before its chats are re-queued. */
  agentSessionIdleSeconds: number;
}

export interface SoakTiming {
  name: Timing;
  /** The divisor (1 for `fast`, which is not a scaling). */
  scale: number;
  adapter: AdapterTiming;
  simulator: SimulatorTiming;
  /** The login outage window (logins answer 503): longer than all of a send's retries together. */
  loginOutageMs: number;
  /** A fault delay past the client's request timeout. */
  timeoutFaultDelayMs: number;
}

/**
 * LivePerson documents no agent-session idle timeout (the simulator's is off by default). Half the
 * chat timeout: for a dead bot's chats to go to the other bots they must be re-queued before LiveEngage
 * times them out, which is the behaviour the soak checks the adapter against.
 */
const AGENT_SESSION_IDLE_MS = 20_000;

export function soakTiming(name: Timing, scale = 20): SoakTiming {
  if (name === 'fast') {
    const adapter: AdapterTiming = { pollIntervalMs: 250, retryDelaysMs: [100, 200, 400, 800], reloginDelaysMs: [500, 1000, 2000], refreshIntervalMs: DEFAULT_SETTINGS.refreshIntervalMs, requestTimeoutMs: 2000, rateLimitMinDelayMs: DEFAULT_SETTINGS.rateLimitMinDelayMs, loginRateLimitMinDelayMs: DEFAULT_SETTINGS.loginRateLimitMinDelayMs, availabilityCheckMs: 1000 };
    return {
      name,
      scale: 1,
      adapter,
      simulator: { chatTimeoutSeconds: SIMULATOR_DEFAULTS.chatTimeoutSeconds, acceptTimeoutSeconds: SIMULATOR_DEFAULTS.acceptTimeoutSeconds, agentSessionIdleSeconds: 2 },
      loginOutageMs: Math.round(1.5 * sum(adapter.retryDelaysMs)),
      timeoutFaultDelayMs: 2400,
    };
  }
  const ms = (value: number) => Math.max(1, Math.round(value / scale));
  const seconds = (value: number) => value / scale;
  const adapter: AdapterTiming = {
    pollIntervalMs: ms(MIN_POLL_INTERVAL_MS),
    retryDelaysMs: DEFAULT_SETTINGS.retryDelaysMs.map(ms),
    reloginDelaysMs: DEFAULT_SETTINGS.reloginDelaysMs.map(ms),
    refreshIntervalMs: ms(DEFAULT_SETTINGS.refreshIntervalMs),
    requestTimeoutMs: ms(DEFAULT_SETTINGS.requestTimeoutMs),
    rateLimitMinDelayMs: ms(DEFAULT_SETTINGS.rateLimitMinDelayMs),
    loginRateLimitMinDelayMs: ms(DEFAULT_SETTINGS.loginRateLimitMinDelayMs),
    availabilityCheckMs: ms(AVAILABILITY_CHECK_MS),
    takeoverWindowMs: ms(DEFAULT_SETTINGS.takeoverWindowMs),
    takeoverSuspectMs: ms(DEFAULT_SETTINGS.takeoverSuspectMs),
  };
  return {
    name,
    scale,
    adapter,
    simulator: {
      chatTimeoutSeconds: seconds(SIMULATOR_DEFAULTS.chatTimeoutSeconds),
      acceptTimeoutSeconds: seconds(SIMULATOR_DEFAULTS.acceptTimeoutSeconds),
      agentSessionIdleSeconds: seconds(AGENT_SESSION_IDLE_MS / 1000),
    },
    loginOutageMs: Math.round(1.5 * sum(adapter.retryDelaysMs)),
    timeoutFaultDelayMs: Math.round(1.2 * adapter.requestTimeoutMs),
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
