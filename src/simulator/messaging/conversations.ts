import { SimulatorError } from '../errors.js';
import type { AgentRecord } from '../world/model.js';
import type { World } from '../world/World.js';
import type { ParticipantRole, WireEvent, WireMessagingEvent, WireMetadata } from '../../messaging/wire.js';
import { MsgConversation, newConsumerId, newConversationId, oldIdOf, pidOf, type CloseReason } from './model.js';
import type { MsgRouting, Notifier } from './routing.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const QR = { max: 24, perRow: 8, title: 25 };

/**
 * Conversations, their events and sequences, and the field changes (transfer, close). Consumers and
 * humans act through the control API; bots through the socket handlers. No I/O here.
 */
export class MsgConversations {
  readonly all = new Map<string, MsgConversation>();
  /** Closed conversations, oldest first: past `maxEndedChats` the oldest are forgotten (a long soak stays bounded). */
  private readonly closed = new Set<MsgConversation>();

  constructor(
    private readonly world: World,
    private readonly routing: MsgRouting,
    private readonly notify: Notifier,
  ) {}

  get accountId(): string {
    return this.world.config.accountId;
  }

  get(id: string): MsgConversation {
    const c = this.all.get(id);
    if (!c) throw new SimulatorError('notFound', `Unknown conversation ${id}`);
    return c;
  }

  /** A consumer opens a conversation on a skill (name or id); it rings nobody until its first message. */
  start(skill: string | number, consumerName = 'Consumer'): MsgConversation {
    const found = this.world.config.skills.find((s) => s.name === skill || String(s.id) === String(skill));
    if (!found) throw new SimulatorError('invalid', `Unknown skill ${String(skill)}`);
    const c = new MsgConversation(newConversationId(), newConsumerId(), consumerName, found.id, this.world.now());
    this.all.set(c.id, c);
    this.notify.changed();
    return c;
  }

  consumerSays(c: MsgConversation, text: string): number {
    this.open(c);
    const event: WireEvent = { type: 'ContentEvent', contentType: 'text/plain', message: text };
    const sequence = this.append(c, this.consumerEvent(c, event));
    if (!c.routable) {
      c.routable = true;
      this.routing.route(c);
    }
    return sequence;
  }

  consumerTyping(c: MsgConversation, typing: boolean): void {
    this.open(c);
    c.consumerTyping = typing;
    this.notify.event(c, this.consumerEvent(c, { type: 'ChatStateEvent', chatState: typing ? 'COMPOSING' : 'ACTIVE' }));
    this.notify.changed();
  }

  /** `PublishEvent` of an agent (bot socket or human control call). Returns the sequence (0 for chat state). */
  publish(agent: AgentRecord, dialogId: unknown, event: unknown, audience: unknown, metadata: WireMetadata[] | undefined): number {
    if (typeof dialogId !== 'string') throw new SimulatorError('invalid', 'dialogId is required');
    const c = this.all.get(dialogId);
    if (!c) throw new SimulatorError('invalid', `Conversation ${dialogId} not found`);
    if (c.state !== 'OPEN') throw new SimulatorError('invalid', 'Conversation is closed');
    if (c.assigned !== agent) throw new SimulatorError('forbidden', 'Agent is not a participant of the conversation');
    const checked = checkEvent(event);
    const wire: WireMessagingEvent = {
      dialogId: c.id,
      originatorId: oldIdOf(this.accountId, agent),
      originatorPId: pidOf(this.accountId, agent),
      originatorMetadata: { id: pidOf(this.accountId, agent), role: 'ASSIGNED_AGENT' },
      event: checked,
      ...(metadata?.length ? { metadata } : {}),
      ...(audience === 'AGENTS_AND_MANAGERS' ? { messageAudience: 'AGENTS_AND_MANAGERS' as const } : {}),
    };
    if (checked.type === 'ChatStateEvent') {
      this.notify.event(c, wire);
      return 0;
    }
    return this.append(c, wire);
  }

  /** QueryMessages: events with sequence ≥ `newerThanSequence` (or `fromSeq`), at most `maxQuantity` (≤ 200). */
  query(agent: AgentRecord, body: unknown): WireMessagingEvent[] {
    if (!isRecord(body) || typeof body.dialogId !== 'string') throw new SimulatorError('invalid', 'dialogId is required');
    const c = this.all.get(body.dialogId);
    if (!c) throw new SimulatorError('invalid', `Conversation ${body.dialogId} not found`);
    if (!c.readers.has(agent)) throw new SimulatorError('forbidden', 'Agent is not a participant of the conversation');
    const from = firstNumber(body.newerThanSequence, body.fromSeq) ?? 0;
    const max = Math.min(200, Math.max(1, firstNumber(body.maxQuantity) ?? 200));
    return c.events.filter((e) => (e.sequence ?? -1) >= from).slice(0, max);
  }

  /** `UpdateConversationField`, applied all together or not at all. Returns the response text. */
  updateFields(agent: AgentRecord, body: unknown, metadata?: WireMetadata[]): string {
    if (!isRecord(body) || typeof body.conversationId !== 'string') throw new SimulatorError('invalid', 'conversationId is required');
    const c = this.all.get(body.conversationId);
    if (!c) throw new SimulatorError('invalid', `Conversation ${body.conversationId} not found`);
    if (c.state !== 'OPEN') throw new SimulatorError('invalid', 'Conversation is closed');
    const raw = body.conversationField;
    const fields = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(isRecord);
    if (fields.length === 0) throw new SimulatorError('invalid', 'conversationField is required');
    if (c.assigned !== agent) throw new SimulatorError('invalid', 'Agent does not exist in conversation');
    // Validate everything first (the order of fields varies between sources).
    let remove = false;
    let close = false;
    let skill: number | undefined;
    let suggest: AgentRecord | undefined;
    for (const f of fields) {
      if (f.field === 'ParticipantsChange' && f.type === 'REMOVE' && f.role === 'ASSIGNED_AGENT') {
        if (f.userId !== undefined && f.userId !== oldIdOf(this.accountId, agent)) throw new SimulatorError('invalid', 'Agent does not exist in conversation');
        remove = true;
      } else if (f.field === 'ParticipantsChange' && f.type === 'SUGGEST') {
        suggest = this.agentByOldId(f.userId);
      } else if (f.field === 'Skill' && f.type === 'UPDATE') {
        const found = this.world.config.skills.find((s) => String(s.id) === String(f.skill));
        if (!found) throw new SimulatorError('invalid', `Unknown skill ${String(f.skill)}`);
        skill = found.id;
      } else if (f.field === 'ConversationStateField' && f.conversationState === 'CLOSE') {
        close = true;
      } else if (f.field === 'DialogChange' && isRecord(f.dialog) && f.dialog.state === 'CLOSE' && f.dialog.dialogId === c.id) {
        close = true;
      } else {
        throw new SimulatorError('invalid', `Unsupported conversation field ${JSON.stringify(f).slice(0, 80)}`);
      }
    }
    if (close) {
      this.close(c, 'AGENT');
      return 'OK Conversation closed';
    }
    if (skill !== undefined) c.skillId = skill;
    if (!remove) {
      c.updatedAt = this.world.now();
      this.notify.conversation(c);
      this.notify.changed();
      return 'OK Conversation updated';
    }
    const reason = metadata?.find((m) => m.type === 'ActionReason')?.reason;
    c.transferReason = typeof reason === 'string' ? reason : undefined;
    c.assigned = undefined;
    c.excluded = agent;
    c.declinedBy.clear();
    c.suggested = suggest;
    c.queuedAt = this.world.now();
    c.updatedAt = this.world.now();
    this.notify.conversation(c);
    this.routing.route(c);
    // Routing says so only when it rings someone: a transfer to a skill no bot has must be heard too (the page, waitFor).
    this.notify.changed();
    return 'OK Agent removed successfully';
  }

  close(c: MsgConversation, reason: CloseReason): void {
    if (c.state === 'CLOSE') throw new SimulatorError('invalid', 'Conversation is closed');
    this.routing.cancelRings(c);
    c.state = 'CLOSE';
    c.closeReason = reason;
    c.endTs = this.world.now();
    c.updatedAt = c.endTs;
    c.consumerTyping = false;
    this.notify.conversation(c);
    this.closed.add(c);
    for (const oldest of this.closed) {
      if (this.closed.size <= this.world.config.maxEndedChats) break;
      this.closed.delete(oldest);
      this.all.delete(oldest.id);
    }
    this.notify.changed();
  }

  /** A human takes a waiting conversation: the suggested one, else the first online human with the skill. */
  humanTakes(c: MsgConversation, agentId?: string): AgentRecord {
    this.open(c);
    if (c.assigned) throw new SimulatorError('invalid', `Conversation ${c.id} is already assigned`);
    const humans = [...this.world.state.agents.values()].filter((a) => a.kind === 'human');
    const human = agentId
      ? humans.find((a) => a.id === agentId || a.loginName === agentId)
      : (c.suggested?.kind === 'human' ? c.suggested : undefined) ?? humans.find((a) => a.availability !== 'Offline' && a.hasSkill(c.skillId));
    if (!human) throw new SimulatorError('invalid', agentId ? `Unknown human agent ${agentId}` : `No online human agent has skill ${c.skillId}`);
    this.routing.assign(c, human);
    return human;
  }

  private append(c: MsgConversation, event: WireMessagingEvent): number {
    const sequence = c.nextSequence;
    const stored: WireMessagingEvent = { sequence, serverTimestamp: this.world.now(), ...event };
    c.events.push(stored);
    c.updatedAt = this.world.now();
    this.notify.event(c, stored);
    this.notify.changed();
    return sequence;
  }

  private consumerEvent(c: MsgConversation, event: WireEvent): WireMessagingEvent {
    const role: ParticipantRole = 'CONSUMER';
    return { dialogId: c.id, originatorId: c.consumerId, originatorPId: c.consumerId, originatorMetadata: { id: c.consumerId, role }, event };
  }

  private open(c: MsgConversation): void {
    if (c.state !== 'OPEN') throw new SimulatorError('invalid', `Conversation ${c.id} is closed`);
  }

  private agentByOldId(userId: unknown): AgentRecord {
    const id = typeof userId === 'string' ? userId.replace(`${this.accountId}.`, '') : '';
    const agent = this.world.state.agents.get(id);
    if (!agent) throw new SimulatorError('invalid', `Unknown agent ${String(userId)}`);
    return agent;
  }
}

function firstNumber(...values: unknown[]): number | undefined {
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) return Math.floor(v);
  return undefined;
}

/** The events an agent may publish, with LivePerson's quick-reply limits. */
function checkEvent(event: unknown): WireEvent {
  if (!isRecord(event) || typeof event.type !== 'string') throw new SimulatorError('invalid', 'event.type is required');
  const qr = event.quickReplies;
  if (qr !== undefined) {
    if (!isRecord(qr) || !Array.isArray(qr.replies)) throw new SimulatorError('invalid', 'quickReplies.replies must have 1 to 24 items');
    const replies: unknown[] = qr.replies;
    if (replies.length < 1 || replies.length > QR.max) throw new SimulatorError('invalid', 'quickReplies.replies must have 1 to 24 items');
    if (typeof qr.itemsPerRow === 'number' && (qr.itemsPerRow < 1 || qr.itemsPerRow > QR.perRow)) throw new SimulatorError('invalid', 'itemsPerRow must be 1 to 8');
    for (const r of replies) if (!isRecord(r) || typeof r.title !== 'string' || r.title.length > QR.title) throw new SimulatorError('invalid', 'a quick reply needs a title of at most 25 characters');
  }
  switch (event.type) {
    case 'ContentEvent':
      if (typeof event.contentType !== 'string' || event.message === undefined) throw new SimulatorError('invalid', 'ContentEvent needs contentType and message');
      break;
    case 'RichContentEvent':
      if (!isRecord(event.content)) throw new SimulatorError('invalid', 'RichContentEvent needs content');
      break;
    case 'ChatStateEvent':
      if (typeof event.chatState !== 'string') throw new SimulatorError('invalid', 'ChatStateEvent needs chatState');
      break;
    case 'AcceptStatusEvent':
      if (typeof event.status !== 'string' || !Array.isArray(event.sequenceList)) throw new SimulatorError('invalid', 'AcceptStatusEvent needs status and sequenceList');
      break;
    default:
      throw new SimulatorError('invalid', `Unsupported event type ${event.type.slice(0, 40)}`);
  }
  return event as unknown as WireEvent;
}
