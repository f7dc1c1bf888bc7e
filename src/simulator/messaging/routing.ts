import { SimulatorError } from '../errors.js';
import type { AgentRecord } from '../world/model.js';
import type { World } from '../world/World.js';
import type { AgentAvailability, WireMessagingEvent } from '../../messaging/wire.js';
import type { MsgConversation, MsgRing } from './model.js';

/** What the rules tell the sockets; the hub (`MessagingHub`) implements it. */
export interface Notifier {
  /** A ring changed state: tell the ringed agent's routing subscriptions. */
  ring(ring: MsgRing): void;
  /** A conversation changed: re-evaluate every conversation subscription. */
  conversation(conversation: MsgConversation): void;
  /** A new event: to the sessions of the conversation's agents (originator included). */
  event(conversation: MsgConversation, event: WireMessagingEvent): void;
  /** Whether the agent has a live socket subscribed to routing tasks. */
  subscribedToRouting(agent: AgentRecord): boolean;
  /** Something changed (waitFor, the page). */
  changed(): void;
}

/**
 * Rings and assignment. A routable, unassigned, open conversation rings every ONLINE bot with the
 * skill that has a socket subscribed to routing tasks (the agent that transferred it away excepted);
 * the first accept wins and the others' rings are CANCELLED. An unanswered ring EXPIRES after
 * `ringTtlMs` and the conversation is routed again. With no bot it waits in its skill's queue for a
 * human (`humanTakes`). Decisions are in README.md beside this file.
 */
export class MsgRouting {
  private readonly states = new Map<AgentRecord, AgentAvailability>();
  private ringCounter = 0;
  /** Rings offered and rings that expired unanswered, since start. */
  readonly counts = { offered: 0, expired: 0 };

  constructor(
    private readonly world: World,
    private readonly conversations: () => Iterable<MsgConversation>,
    private readonly notify: Notifier,
    private readonly ringTtlMs: number,
  ) {}

  availability(agent: AgentRecord): AgentAvailability {
    return this.states.get(agent) ?? 'OFFLINE';
  }

  setAvailability(agent: AgentRecord, availability: AgentAvailability): void {
    this.states.set(agent, availability);
    this.notify.changed();
    if (availability !== 'ONLINE') {
      // Away: its waiting rings go to someone else.
      for (const c of this.conversations()) {
        for (const ring of c.rings.values()) if (ring.agent === agent && ring.state === 'WAITING') this.endRing(ring, 'CANCELLED');
      }
    }
    this.routeAll();
  }

  /** Agents whose every login ended go OFFLINE (no rings for a user nobody is logged in as). */
  offlineWithoutLogin(): void {
    for (const [agent, availability] of [...this.states]) {
      if (availability !== 'OFFLINE' && agent.logins.size === 0) this.setAvailability(agent, 'OFFLINE');
    }
  }

  /** Offers every waiting conversation again (an agent came online or subscribed). */
  routeAll(): void {
    const waiting = [...this.conversations()].filter((c) => this.waiting(c)).sort((a, b) => a.queuedAt - b.queuedAt);
    for (const c of waiting) this.route(c);
  }

  /** Rings every eligible bot not ringing for it yet (a bot that comes online joins a ring in progress). */
  route(c: MsgConversation): void {
    if (!this.waiting(c)) return;
    const ringing = new Set([...c.rings.values()].filter((r) => r.state === 'WAITING').map((r) => r.agent));
    const candidates = this.eligibleBots(c).filter((agent) => !ringing.has(agent));
    for (const agent of candidates) this.ring(c, agent);
    if (candidates.length) this.notify.changed();
  }

  /** The WAITING rings of an agent (re-sent when it subscribes again). */
  waitingRings(agent: AgentRecord): MsgRing[] {
    const out: MsgRing[] = [];
    for (const c of this.conversations()) for (const ring of c.rings.values()) if (ring.agent === agent && ring.state === 'WAITING') out.push(ring);
    return out;
  }

  /** `UpdateRingState`: only the ringed agent, only a WAITING ring. */
  answer(agent: AgentRecord, ringId: string, state: 'ACCEPTED' | 'REJECTED'): void {
    const ring = this.findRing(ringId);
    if (!ring || ring.agent !== agent) throw new SimulatorError('invalid', `Ring ${ringId} not found`);
    if (ring.state !== 'WAITING') throw new SimulatorError('invalid', `Ring ${ringId} is ${ring.state}, not WAITING`);
    const c = ring.conversation;
    if (state === 'REJECTED') {
      c.declinedBy.add(agent);
      this.endRing(ring, 'REJECTED');
      this.route(c);
      return;
    }
    this.endRing(ring, 'ACCEPTED');
    for (const other of [...c.rings.values()]) if (other.state === 'WAITING') this.endRing(other, 'CANCELLED');
    this.assign(c, agent);
  }

  /** Makes `agent` the ACTIVE assigned agent (accept, or a human taking it). */
  assign(c: MsgConversation, agent: AgentRecord): void {
    for (const ring of [...c.rings.values()]) if (ring.state === 'WAITING') this.endRing(ring, 'CANCELLED');
    c.rings.clear();
    c.assigned = agent;
    c.suggested = undefined;
    c.readers.add(agent);
    c.updatedAt = this.world.now();
    this.notify.conversation(c);
    this.notify.changed();
  }

  /** The conversation no longer needs its rings (closed, taken). */
  cancelRings(c: MsgConversation): void {
    for (const ring of [...c.rings.values()]) if (ring.state === 'WAITING') this.endRing(ring, 'CANCELLED');
    c.rings.clear();
  }

  loadOf(agent: AgentRecord): number {
    let load = 0;
    for (const c of this.conversations()) {
      if (c.state === 'OPEN' && c.assigned === agent) load++;
      for (const ring of c.rings.values()) if (ring.agent === agent && ring.state === 'WAITING') load++;
    }
    return load;
  }

  private waiting(c: MsgConversation): boolean {
    return c.state === 'OPEN' && c.routable && !c.assigned;
  }

  private eligibleBots(c: MsgConversation): AgentRecord[] {
    const out: AgentRecord[] = [];
    for (const agent of this.world.state.agents.values()) {
      if (agent.kind !== 'bot' || agent === c.excluded || c.declinedBy.has(agent)) continue;
      if (c.suggested && agent !== c.suggested) continue;
      if (this.availability(agent) !== 'ONLINE' || !this.notify.subscribedToRouting(agent)) continue;
      if (c.skillId !== -1 && !agent.hasSkill(c.skillId)) continue;
      if (agent.maxChats >= 0 && this.loadOf(agent) >= agent.maxChats) continue;
      out.push(agent);
    }
    return out;
  }

  private ring(c: MsgConversation, agent: AgentRecord): void {
    const now = this.world.now();
    const ring: MsgRing = {
      ringId: `${c.id}_${this.world.config.accountId}_${now}${this.ringCounter++ ? `_${this.ringCounter}` : ''}`,
      conversation: c,
      agent,
      createdAt: now,
      expiresAt: now + this.ringTtlMs,
      state: 'WAITING',
      timer: undefined,
    };
    ring.timer = this.world.timers.set(() => {
      if (ring.state !== 'WAITING') return;
      this.counts.expired++;
      this.endRing(ring, 'EXPIRED');
      this.route(c);
    }, this.ringTtlMs);
    c.rings.set(ring.ringId, ring);
    this.counts.offered++;
    this.notify.ring(ring);
  }

  private endRing(ring: MsgRing, state: MsgRing['state']): void {
    this.world.timers.clear(ring.timer);
    ring.state = state;
    ring.conversation.rings.delete(ring.ringId);
    this.notify.ring(ring);
  }

  private findRing(ringId: string): MsgRing | undefined {
    for (const c of this.conversations()) {
      const ring = c.rings.get(ringId);
      if (ring) return ring;
    }
    return undefined;
  }
}
