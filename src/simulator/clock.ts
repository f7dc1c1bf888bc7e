import type { SimulatorClock } from './types.js';

/**
 * Reads the globals at call time (not at import), so `sinon.useFakeTimers()` installed after this
 * module loaded still drives the simulator.
 */
export const systemClock: SimulatorClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};

/**
 * Every timer the simulator owns goes through here: unref'd so a forgotten simulator never keeps a
 * process alive, and tracked so `stop()` clears them all.
 */
export class Timers {
  private readonly live = new Set<unknown>();
  private stopped = false;

  constructor(private readonly clock: SimulatorClock) {}

  now(): number {
    return this.clock.now();
  }

  set(callback: () => void, ms: number): unknown {
    if (this.stopped) return undefined;
    const handle: unknown = this.clock.setTimeout(() => {
      this.live.delete(handle);
      callback();
    }, Math.max(0, ms));
    unref(handle);
    this.live.add(handle);
    return handle;
  }

  clear(handle: unknown): void {
    if (handle === undefined || !this.live.delete(handle)) return;
    this.clock.clearTimeout(handle);
  }

  /** A promise that resolves after `ms` on this clock (never, once stopped). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.set(resolve, ms);
    });
  }

  clearAll(): void {
    this.stopped = true;
    for (const handle of this.live) this.clock.clearTimeout(handle);
    this.live.clear();
  }
}

function unref(handle: unknown): void {
  if (typeof handle === 'object' && handle !== null && 'unref' in handle) {
    const unrefFn = (handle as { unref: unknown }).unref;
    if (typeof unrefFn === 'function') unrefFn.call(handle);
  }
}
