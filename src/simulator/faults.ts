import { SimulatorError } from './errors.js';
import { seededRandom } from './ids.js';
import type { FaultRule, FaultView } from './types.js';

/** What a request looks like to the fault matcher. */
export interface FaultTarget {
  method: string;
  /** Path plus query, as sent (`.json` suffix included). */
  url: string;
  operation: string;
  loginName: string | undefined;
}

interface ActiveFault {
  id: string;
  rule: FaultRule;
  remaining: number;
  /** With `forMs`: the time (ms, on the simulator's clock) the window closes. */
  until?: number;
}

/**
 * Injected faults, checked in the order they were added; the first that matches and fires wins and
 * uses up one of its `times`.
 */
export class FaultBook {
  private readonly faults: ActiveFault[] = [];
  private nextId = 1;
  private readonly random: () => number;
  fired = 0;

  /** `now`: the simulator's clock, so `forMs` windows follow fake timers like everything else. */
  constructor(seed: number, private readonly now: () => number = () => Date.now()) {
    this.random = seededRandom(seed);
  }

  add(rule: FaultRule): { id: string } {
    validate(rule);
    const id = `fault-${this.nextId++}`;
    const unlimited = rule.probability !== undefined || rule.forMs !== undefined;
    const remaining = rule.times ?? (unlimited ? Number.POSITIVE_INFINITY : 1);
    const fault: ActiveFault = { id, rule: copyRule(rule), remaining };
    if (rule.forMs !== undefined) fault.until = this.now() + rule.forMs;
    this.faults.push(fault);
    return { id };
  }

  remove(id: string): boolean {
    const index = this.faults.findIndex((fault) => fault.id === id);
    if (index < 0) return false;
    this.faults.splice(index, 1);
    return true;
  }

  clear(): void {
    this.faults.length = 0;
  }

  list(): FaultView[] {
    this.expire();
    return this.faults.map((fault) => ({
      ...copyRule(fault.rule),
      id: fault.id,
      remaining: Number.isFinite(fault.remaining) ? fault.remaining : null,
    }));
  }

  /** The fault this request triggers, if any (consumed). */
  take(target: FaultTarget): FaultRule | undefined {
    if (this.faults.length === 0) return undefined;
    this.expire();
    for (let i = 0; i < this.faults.length; i += 1) {
      const fault = this.faults[i] as ActiveFault;
      if (!matches(fault.rule, target)) continue;
      if (fault.rule.probability !== undefined && this.random() >= fault.rule.probability) continue;
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults.splice(i, 1);
      this.fired += 1;
      return fault.rule;
    }
    return undefined;
  }

  /** Outage windows that closed are gone, whether or not they fired. */
  private expire(): void {
    const now = this.now();
    for (let i = this.faults.length - 1; i >= 0; i -= 1) {
      const until = this.faults[i]?.until;
      if (until !== undefined && now >= until) this.faults.splice(i, 1);
    }
  }
}

/** Whether the handler runs at all: a status or verbatim body answers instead, unless `apply` is set. */
export function answersInstead(fault: FaultRule): boolean {
  if (fault.apply === true || fault.body === 'malformed') return false;
  return fault.status !== undefined || fault.body !== undefined;
}

function matches(rule: FaultRule, target: FaultTarget): boolean {
  const match = rule.match;
  if (!match) return true;
  if (match.method !== undefined && match.method.toUpperCase() !== target.method.toUpperCase()) return false;
  if (match.operation !== undefined && match.operation !== target.operation) return false;
  if (match.loginName !== undefined && match.loginName !== target.loginName) return false;
  if (match.path !== undefined) {
    if (typeof match.path === 'string' ? !target.url.includes(match.path) : !match.path.test(target.url)) return false;
  }
  return true;
}

function copyRule(rule: FaultRule): FaultRule {
  return { ...rule, ...(rule.match ? { match: { ...rule.match } } : {}) };
}

function validate(rule: FaultRule): void {
  const fail = (message: string): never => {
    throw new SimulatorError('invalid', `Invalid fault rule: ${message}`);
  };
  if (typeof rule !== 'object' || rule === null) fail('expected an object');
  const { status, times, probability, delayMs, drop, body, retryAfterSeconds, apply, forMs } = rule;
  if (status !== undefined && (!Number.isInteger(status) || status < 100 || status > 599)) fail('status must be 100-599');
  if (times !== undefined && (!Number.isInteger(times) || times < 1)) fail('times must be a positive integer');
  if (probability !== undefined && !(probability > 0 && probability <= 1)) fail('probability must be in (0, 1]');
  if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0)) fail('delayMs must be >= 0');
  if (retryAfterSeconds !== undefined && !(Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0)) {
    fail('retryAfterSeconds must be >= 0');
  }
  if (drop !== undefined && drop !== 'before-apply' && drop !== 'after-apply') fail('drop must be before-apply or after-apply');
  if (body !== undefined && typeof body !== 'string') fail('body must be a string');
  if (forMs !== undefined && !(Number.isFinite(forMs) && forMs > 0)) fail('forMs must be > 0');
  if (apply !== undefined && typeof apply !== 'boolean') fail('apply must be true or false');
  if (apply === true && (status === undefined || body !== undefined || drop !== undefined)) {
    fail('apply needs a status, and goes with neither body nor drop');
  }
  if (status === undefined && body === undefined && delayMs === undefined && drop === undefined) {
    fail('give at least one of status, body, delayMs, drop');
  }
  if (rule.match?.path !== undefined && typeof rule.match.path !== 'string' && !(rule.match.path instanceof RegExp)) {
    fail('match.path must be a string or a RegExp');
  }
}
