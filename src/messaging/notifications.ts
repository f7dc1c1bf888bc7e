/**
 * Notification bodies → the few facts the agent acts on. Pure and forgiving: unknown fields and enum
 * values are ignored (the consumer-side rule), a change that lacks what we need is reported as a
 * problem and skipped, never thrown.
 */
import type { ParticipantRole, WireEvent, WireMessagingEvent, WireMetadata } from './wire.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined);
/** "An array containing a single element may be sent using the element itself." */
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

export interface Read<T> {
  items: T[];
  problems: string[];
}

function changesOf(body: unknown, problems: string[]): Array<{ type: string; result: Record<string, unknown> }> {
  if (!isRecord(body)) {
    problems.push('the body is not an object');
    return [];
  }
  const out: Array<{ type: string; result: Record<string, unknown> }> = [];
  for (const change of list(body.changes)) {
    if (!isRecord(change) || !isRecord(change.result) || (change.type !== 'UPSERT' && change.type !== 'DELETE')) {
      problems.push('a change without type UPSERT/DELETE or without result');
      continue;
    }
    out.push({ type: change.type, result: change.result });
  }
  return out;
}

// ------------------------------------------------------------ routing tasks

export interface RingOffer {
  ringId: string;
  state: string;
  conversationId: string;
  consumerId?: string;
  skillId?: string;
  expiresAt?: number;
}

/** Rings of `.ams.routing.RoutingTaskNotification` (both the 2017 ring-only shape and the later one). */
export function readRings(body: unknown): Read<RingOffer> {
  const problems: string[] = [];
  const items: RingOffer[] = [];
  for (const change of changesOf(body, problems)) {
    if (change.type !== 'UPSERT') continue;
    const task = change.result;
    for (const ring of list(task.ringsDetails)) {
      if (!isRecord(ring)) continue;
      const ringId = str(ring.ringId);
      const conversationId = str(task.conversationId) ?? str(ring.convId);
      if (!ringId || !conversationId) {
        problems.push('a ring without ringId or conversation id');
        continue;
      }
      const offer: RingOffer = { ringId, state: str(ring.ringState) ?? '', conversationId };
      const consumerId = str(task.consumerId) ?? str(ring.consumerId);
      const skillId = str(task.skillId) ?? str(ring.skillId);
      if (consumerId) offer.consumerId = consumerId;
      if (skillId) offer.skillId = skillId;
      if (typeof ring.ringExpirationTs === 'number') offer.expiresAt = ring.ringExpirationTs;
      items.push(offer);
    }
  }
  return { items, problems };
}

// ------------------------------------------------------------ conversations

export interface ConversationChange {
  type: 'UPSERT' | 'DELETE';
  conversationId: string;
  state: 'OPEN' | 'CLOSE';
  skillId: string;
  consumerId?: string;
  /** Old ids of the ACTIVE assigned agents (a SUGGESTED one is not assigned yet). */
  assignedAgents: string[];
  closeReason?: string;
  startTs?: number;
  updatedAt: number;
  context?: Record<string, unknown>;
}

/** Changes of `.ams.aam.ExConversationChangeNotification`. */
export function readConversationChanges(body: unknown): Read<ConversationChange> {
  const problems: string[] = [];
  const items: ConversationChange[] = [];
  for (const change of changesOf(body, problems)) {
    const details = change.result.conversationDetails;
    const conversationId = str(change.result.convId) ?? (isRecord(details) ? str(details.convId) : undefined);
    if (!isRecord(details) || !conversationId) {
      problems.push('a conversation change without convId or conversationDetails');
      continue;
    }
    const participants = isRecord(details.participants) ? details.participants : {};
    const role = (name: ParticipantRole): string[] => list(participants[name]).map(str).filter((id): id is string => id !== undefined);
    const item: ConversationChange = {
      type: change.type as ConversationChange['type'],
      conversationId,
      state: details.state === 'CLOSE' ? 'CLOSE' : 'OPEN',
      skillId: str(details.skillId) ?? '-1',
      assignedAgents: role('ASSIGNED_AGENT').filter((id) => !suggestedIn(details.dialogs, conversationId, id)),
      updatedAt: typeof details.metaDataLastUpdateTs === 'number' ? details.metaDataLastUpdateTs : 0,
    };
    const consumerId = role('CONSUMER')[0];
    if (consumerId) item.consumerId = consumerId;
    const closeReason = str(details.closeReason);
    if (closeReason) item.closeReason = closeReason;
    if (typeof details.startTs === 'number') item.startTs = details.startTs;
    if (isRecord(details.context)) item.context = details.context;
    items.push(item);
  }
  return { items, problems };
}

/** A v2.1 transfer-to-agent lists the suggested agent with `state: SUGGESTED` in the MAIN dialog. */
function suggestedIn(dialogs: unknown, conversationId: string, id: string): boolean {
  for (const dialog of list(dialogs)) {
    if (!isRecord(dialog) || (str(dialog.dialogId) !== conversationId && dialog.dialogType !== 'MAIN')) continue;
    for (const p of list(dialog.participantsDetails)) {
      if (isRecord(p) && p.id === id && p.role === 'ASSIGNED_AGENT' && p.state === 'SUGGESTED') return true;
    }
  }
  return false;
}

// ------------------------------------------------------------ messaging events

const EVENT_TYPES = new Set(['ContentEvent', 'RichContentEvent', 'ChatStateEvent', 'AcceptStatusEvent']);

/** One `.ams.ms.OnlineEventDistribution` body or QueryMessages item; `undefined` + a reason if unusable. */
export function readMessagingEvent(value: unknown): { event?: WireMessagingEvent; problem?: string } {
  if (!isRecord(value)) return { problem: 'the event is not an object' };
  const dialogId = str(value.dialogId);
  const originatorId = str(value.originatorId) ?? str(value.originatorPId);
  const inner = value.event;
  if (!dialogId || !originatorId || !isRecord(inner) || typeof inner.type !== 'string') {
    return { problem: 'an event without dialogId, originator or event.type' };
  }
  if (!EVENT_TYPES.has(inner.type)) return { problem: `an event of unknown type ${inner.type.slice(0, 40)}` };
  const sequence = value.sequence;
  if (inner.type !== 'ChatStateEvent' && (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 0)) {
    return { problem: `a ${inner.type} without a sequence` };
  }
  const event: WireMessagingEvent = { dialogId, originatorId, event: inner as unknown as WireEvent };
  if (typeof sequence === 'number') event.sequence = sequence;
  if (typeof value.serverTimestamp === 'number') event.serverTimestamp = value.serverTimestamp;
  const pid = str(value.originatorPId);
  if (pid) event.originatorPId = pid;
  if (isRecord(value.originatorMetadata) && typeof value.originatorMetadata.role === 'string') {
    event.originatorMetadata = { id: str(value.originatorMetadata.id) ?? originatorId, role: value.originatorMetadata.role as ParticipantRole };
  }
  if (Array.isArray(value.metadata)) event.metadata = value.metadata.filter(isRecord) as WireMetadata[];
  if (value.messageAudience === 'AGENTS_AND_MANAGERS') event.messageAudience = 'AGENTS_AND_MANAGERS';
  return { event };
}
