import { randomUUID } from 'node:crypto';
import type WebSocket from 'ws';
import type { AgentRecord, LoginRecord } from '../world/model.js';
import type { World } from '../world/World.js';
import {
  NOTE,
  type ExConversationChangeNotificationBody,
  type WireMessagingEvent,
  type WireNotification,
} from '../../messaging/wire.js';
import { oldIdOf, type MsgConversation, type MsgRing } from './model.js';
import { exConversation, ringChange } from './render.js';
import type { Notifier } from './routing.js';

/** A conversation subscription: its filter, and which conversations it currently shows. */
export interface ExSubscription {
  id: string;
  convState: Set<string>;
  /** Old ids; undefined = the whole account. */
  agentIds: Set<string> | undefined;
  matching: Set<string>;
}

/** One agent socket. Subscriptions live and die with it (reference §9). */
export class MsgSession {
  readonly id = randomUUID();
  routingSubscription: string | undefined;
  readonly exSubscriptions = new Map<string, ExSubscription>();
  lastSeen: number;
  idleTimer: unknown;
  closed = false;

  constructor(
    readonly socket: WebSocket,
    readonly login: LoginRecord,
    readonly apiVersion: string,
    now: number,
  ) {
    this.lastSeen = now;
  }

  get agent(): AgentRecord {
    return this.login.agent;
  }
}

/**
 * The live sockets and the fan-out of notifications to them: rings to the ringed agent's routing
 * subscription, conversation changes to every subscription whose filter matches (UPSERT) or stopped
 * matching (DELETE with the full last result), events to the sessions of the conversation's agents,
 * the originator included.
 */
export class MessagingHub implements Notifier {
  readonly sessions = new Set<MsgSession>();

  constructor(
    private readonly world: World,
    private readonly conversations: () => Iterable<MsgConversation>,
    private readonly onChange: () => void,
  ) {}

  send(session: MsgSession, frame: object): void {
    if (session.closed || session.socket.readyState !== 1) return;
    session.socket.send(JSON.stringify(frame));
  }

  notify(session: MsgSession, type: string, body: unknown): void {
    const frame: WireNotification = { kind: 'notification', type, body };
    this.send(session, frame);
  }

  sessionsOf(agent: AgentRecord): MsgSession[] {
    return [...this.sessions].filter((s) => s.agent === agent && !s.closed);
  }

  // ------------------------------------------------------------ Notifier

  ring(ring: MsgRing): void {
    for (const session of this.sessionsOf(ring.agent)) {
      if (!session.routingSubscription) continue;
      this.notify(session, NOTE.routingTask, { subscriptionId: session.routingSubscription, changes: [ringChange(this.accountId, ring)] });
    }
  }

  conversation(c: MsgConversation): void {
    const result = exConversation(this.accountId, c);
    for (const session of this.sessions) {
      for (const sub of session.exSubscriptions.values()) {
        const was = sub.matching.has(c.id);
        const now = this.matches(sub, c);
        if (!was && !now) continue;
        if (now) sub.matching.add(c.id);
        else sub.matching.delete(c.id);
        const body: ExConversationChangeNotificationBody = { subscriptionId: sub.id, changes: [{ type: now ? 'UPSERT' : 'DELETE', result }] };
        this.notify(session, NOTE.exConversationChange, body);
      }
    }
  }

  event(c: MsgConversation, event: WireMessagingEvent): void {
    // Agents in the conversation now; the consumer side reads through the control API.
    const agents = new Set<AgentRecord>();
    if (c.assigned) agents.add(c.assigned);
    for (const session of this.sessions) {
      if (!agents.has(session.agent) || session.closed) continue;
      this.notify(session, NOTE.onlineEvent, event);
    }
  }

  subscribedToRouting(agent: AgentRecord): boolean {
    return this.sessionsOf(agent).some((s) => s.routingSubscription !== undefined);
  }

  changed(): void {
    this.onChange();
  }

  // ------------------------------------------------------------ subscriptions

  /** Registers a conversation subscription and returns the snapshot changes (UPSERT of every match, ≤ 1000). */
  subscribeConversations(session: MsgSession, convState: string[], agentIds: string[] | undefined): { id: string; snapshot: ExConversationChangeNotificationBody } {
    const sub: ExSubscription = { id: randomUUID(), convState: new Set(convState), agentIds: agentIds ? new Set(agentIds) : undefined, matching: new Set() };
    session.exSubscriptions.set(sub.id, sub);
    const changes: ExConversationChangeNotificationBody['changes'] = [];
    const sorted = [...this.conversations()].sort((a, b) => a.startTs - b.startTs);
    for (const c of sorted) {
      if (!this.matches(sub, c) || changes.length >= 1000) continue;
      sub.matching.add(c.id);
      changes.push({ type: 'UPSERT', result: exConversation(this.accountId, c) });
    }
    return { id: sub.id, snapshot: { subscriptionId: sub.id, changes } };
  }

  private matches(sub: ExSubscription, c: MsgConversation): boolean {
    if (!sub.convState.has(c.state)) return false;
    if (!sub.agentIds) return true;
    const ids = [c.assigned, c.suggested].filter((a): a is AgentRecord => a !== undefined).map((a) => oldIdOf(this.accountId, a));
    return ids.some((id) => sub.agentIds?.has(id));
  }

  private get accountId(): string {
    return this.world.config.accountId;
  }
}
