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

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  add(rule: FaultRule): { id: string } {
    validate(rule);
    const id = `fault-${this.nextId++}`;
    const remaining = rule.times ?? (rule.probability !== undefined ? Number.POSITIVE_INFINITY : 1);
    this.faults.push({ id, rule: copyRule(rule), remaining });
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
    return this.faults.map((fault) => ({
      ...copyRule(fault.rule),
      id: fault.id,
      remaining: Number.isFinite(fault.remaining) ? fault.remaining : null,
    }));
  }

  /** The fault this request triggers, if any (consumed). */
  take(target: FaultTarget): FaultRule | undefined {
    if (this.faults.length === 0) return undefined;
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
  const { status, times, probability, delayMs, drop, body, retryAfterSeconds } = rule;
  if (status !== undefined && (!Number.isInteger(status) || status < 100 || status > 599)) fail('status must be 100-599');
  if (times !== undefined && (!Number.isInteger(times) || times < 1)) fail('times must be a positive integer');
  if (probability !== undefined && !(probability > 0 && probability <= 1)) fail('probability must be in (0, 1]');
  if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0)) fail('delayMs must be >= 0');
  if (retryAfterSeconds !== undefined && !(Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0)) {
    fail('retryAfterSeconds must be >= 0');
  }
  if (drop !== undefined && drop !== 'before-apply' && drop !== 'after-apply') fail('drop must be before-apply or after-apply');
  if (body !== undefined && typeof body !== 'string') fail('body must be a string');
  if (status === undefined && body === undefined && delayMs === undefined && drop === undefined) {
    fail('give at least one of status, body, delayMs, drop');
  }
  if (rule.match?.path !== undefined && typeof rule.match.path !== 'string' && !(rule.match.path instanceof RegExp)) {
    fail('match.path must be a string or a RegExp');
  }
}
