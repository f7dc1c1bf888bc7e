import { createHash, randomUUID } from 'node:crypto';
import type { AgentRecord } from '../world/model.js';
import type { WireMessagingEvent } from '../../messaging/wire.js';

/** The Messaging side's records. Agents (bots and humans) are the chat world's `AgentRecord`s. */

export type CloseReason = 'AGENT' | 'CONSUMER' | 'TIMEOUT' | 'SYSTEM';

export interface MsgRing {
  ringId: string;
  conversation: MsgConversation;
  agent: AgentRecord;
  createdAt: number;
  expiresAt: number;
  state: 'WAITING' | 'ACCEPTED' | 'CANCELLED' | 'EXPIRED' | 'REJECTED';
  timer: unknown;
}

export class MsgConversation {
  readonly events: WireMessagingEvent[] = [];
  state: 'OPEN' | 'CLOSE' = 'OPEN';
  closeReason: CloseReason | undefined;
  endTs: number | undefined;
  /** The ACTIVE assigned agent. */
  assigned: AgentRecord | undefined;
  /** Transfer to an agent (v2.1): SUGGESTED until that agent takes it. */
  suggested: AgentRecord | undefined;
  /** Agents that ever were assigned: they may still read its history. */
  readonly readers = new Set<AgentRecord>();
  /** The agent that transferred it away is not offered it again. */
  excluded: AgentRecord | undefined;
  readonly rings = new Map<string, MsgRing>();
  /** Agents that REJECTED it: not rung for it again until it is routed anew (a transfer). */
  readonly declinedBy = new Set<AgentRecord>();
  /** Nothing rings before the consumer's first message (reference §7.5, #51). */
  routable = false;
  queuedAt: number;
  updatedAt: number;
  consumerTyping = false;
  /** The `ActionReason` metadata of the last transfer, for the receiving agent. */
  transferReason: string | undefined;

  constructor(
    readonly id: string,
    readonly consumerId: string,
    readonly consumerName: string,
    public skillId: number,
    readonly startTs: number,
  ) {
    this.queuedAt = startTs;
    this.updatedAt = startTs;
  }

  /** The next sequence of the MAIN dialog: Content, RichContent and AcceptStatus events take one, from 0. */
  get nextSequence(): number {
    return this.events.length;
  }
}

export function newConversationId(): string {
  return randomUUID();
}

export function newConsumerId(): string {
  return randomUUID();
}

/** `{accountId}.{userId}`: the id the wire uses for agents. */
export function oldIdOf(accountId: string, agent: AgentRecord): string {
  return `${accountId}.${agent.id}`;
}

/** A stable UUID-shaped PId per agent (what `config.userPid` would be). */
export function pidOf(accountId: string, agent: AgentRecord): string {
  const h = createHash('sha1').update(`${accountId}.${agent.id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
