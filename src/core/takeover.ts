/** A login younger than this that LiveEngage ends was not expired: someone logged in as us (or revoked it). */
export const TAKEOVER_SUSPECT_MS = 60_000;

export interface TakeoverVerdict {
  /** The rejection counts as a takeover (the login was young). */
  takeover: boolean;
  /** Takeovers within the window, this one included. */
  count: number;
  /** The limit is reached: stop logging in again. */
  gaveUp: boolean;
}

/**
 * Tells "another process is logged in as this bot user" from "my token expired". LiveEngage allows one
 * session per user, so two processes of one bot user end each other's login in turn, each soon after it
 * began; an expired or revoked login is usually old. Counts young rejections in a sliding window.
 */
export class TakeoverWatch {
  private readonly times: number[] = [];

  constructor(
    private readonly maxTakeovers: number,
    private readonly windowMs: number,
    private readonly suspectMs = TAKEOVER_SUSPECT_MS,
  ) {}

  /** Our bearer was rejected `loginAgeMs` after the login that issued it. */
  rejected(loginAgeMs: number, now: number): TakeoverVerdict {
    while (this.times.length > 0 && now - (this.times[0] ?? now) >= this.windowMs) this.times.shift();
    if (loginAgeMs >= this.suspectMs) return { takeover: false, count: this.times.length, gaveUp: false };
    this.times.push(now);
    return { takeover: true, count: this.times.length, gaveUp: this.times.length >= this.maxTakeovers };
  }
}

/** What a takeover says: a warning while counting, the reason for giving up at the limit (both transports). */
export function takeoverMessage(user: string, verdict: TakeoverVerdict, loginAgeMs: number, limits: { maxTakeovers: number; takeoverWindowMs: number }): string {
  const minutes = Math.round(limits.takeoverWindowMs / 60_000);
  return verdict.gaveUp
    ? `LiveEngageAdapter: another process is logged in as bot user ${user}: our login was ended ${verdict.count} times within ${minutes} min, each soon after it began. Not logging in again: run one process per bot user (LiveEngage allows one session per user).`
    : `LiveEngageAdapter: our login as bot user ${user} was ended ${(loginAgeMs / 1000).toFixed(1)} s after it began: another process may be logged in as this user (${verdict.count} of ${limits.maxTakeovers} within ${minutes} min before giving up).`;
}
