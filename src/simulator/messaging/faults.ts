import { randomUUID } from 'node:crypto';

/**
 * Faults of the Messaging simulator, on requests (by type and user) and on upgrades. Socket-wide
 * faults (drop, a close code, token expiry) are actions on `MessagingSimulator`, not rules.
 */
export interface MessagingFaultRule {
  /** Wire request type to match (`.ams.ms.PublishEvent`); every type when absent. */
  type?: string;
  /** The caller's login name; every user when absent. */
  loginName?: string;
  /** How many matching requests it hits. Default 1. */
  times?: number;
  /** Answer this much later (the request is handled first, unless another effect says otherwise). */
  delayMs?: number;
  /** Answer this code instead of handling the request (nothing applied). */
  refuse?: number;
  /** With `refuse`: the string body. Default `Injected fault`. */
  body?: string;
  /** Never answer and apply nothing: the client's request timeout must fire. */
  ignore?: boolean;
  /** Close the socket with this code instead of answering (1006: drop it without a close frame). */
  closeCode?: number;
  /** Handle the request (applied), then close the socket with this code instead of answering: the client cannot tell it landed. */
  closeAfterApply?: number;
  /** Handle the request (applied), then never answer, the socket staying open: the client's request timeout must fire. */
  ignoreAfterApply?: boolean;
  /** Handle the request (applied) at once, answer it this much later (past the client's timeout: a late answer). */
  answerAfterMs?: number;
}

export interface UpgradeFaultRule {
  /** HTTP status the upgrade is refused with (401, 403, 503...). */
  status: number;
  times?: number;
}

export interface MessagingFaultView extends MessagingFaultRule {
  id: string;
  remaining: number;
}

export class MessagingFaults {
  private readonly rules = new Map<string, MessagingFaultView>();
  private upgrade: { status: number; remaining: number } | undefined;
  fired = 0;

  add(rule: MessagingFaultRule): { id: string } {
    const times = rule.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error('times must be a positive integer');
    const id = randomUUID();
    this.rules.set(id, { ...rule, id, remaining: times });
    return { id };
  }

  refuseUpgrades(rule: UpgradeFaultRule): void {
    this.upgrade = { status: rule.status, remaining: rule.times ?? 1 };
  }

  clear(): void {
    this.rules.clear();
    this.upgrade = undefined;
  }

  list(): MessagingFaultView[] {
    return [...this.rules.values()].map((r) => ({ ...r }));
  }

  /** The rule that hits this request, counted; undefined when none matches. */
  take(type: string, loginName: string): MessagingFaultRule | undefined {
    for (const rule of this.rules.values()) {
      if (rule.type !== undefined && rule.type !== type) continue;
      if (rule.loginName !== undefined && rule.loginName !== loginName) continue;
      if (--rule.remaining <= 0) this.rules.delete(rule.id);
      this.fired++;
      return rule;
    }
    return undefined;
  }

  takeUpgrade(): number | undefined {
    if (!this.upgrade) return undefined;
    const status = this.upgrade.status;
    if (--this.upgrade.remaining <= 0) this.upgrade = undefined;
    this.fired++;
    return status;
  }
}
