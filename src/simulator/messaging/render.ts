import type {
  Change,
  ParticipantRole,
  WireDialog,
  WireExConversation,
  WireRing,
} from '../../messaging/wire.js';
import type { AgentRecord } from '../world/model.js';
import { oldIdOf, pidOf, type MsgConversation, type MsgRing } from './model.js';

/** Wire shapes of the simulator's notifications (reference §7.5, §7.7). */

export function exConversation(accountId: string, c: MsgConversation): WireExConversation {
  const old = (a: AgentRecord): string => oldIdOf(accountId, a);
  const participants: Partial<Record<ParticipantRole, string[]>> = { CONSUMER: [c.consumerId], ASSIGNED_AGENT: c.assigned ? [old(c.assigned)] : [] };
  const participantsPId: Partial<Record<ParticipantRole, string[]>> = {
    CONSUMER: [c.consumerId],
    ASSIGNED_AGENT: c.assigned ? [pidOf(accountId, c.assigned)] : [],
  };
  const details: WireDialog['participantsDetails'] = [{ id: c.consumerId, role: 'CONSUMER', state: 'ACTIVE' }];
  if (c.assigned) details.push({ id: old(c.assigned), role: 'ASSIGNED_AGENT', state: 'ACTIVE' });
  if (c.suggested) {
    // v2.1: the suggested agent is in the dialog as SUGGESTED but not in participantsPId.
    details.push({ id: old(c.suggested), role: 'ASSIGNED_AGENT', state: 'SUGGESTED' });
    participants.ASSIGNED_AGENT = [...(participants.ASSIGNED_AGENT ?? []), old(c.suggested)];
  }
  const dialog: WireDialog = {
    dialogId: c.id,
    dialogType: 'MAIN',
    channelType: 'MESSAGING',
    state: c.state,
    participantsDetails: details,
    creationTs: c.startTs,
    metaDataLastUpdateTs: c.updatedAt,
    ...(c.endTs !== undefined ? { endTs: c.endTs } : {}),
    ...(c.closeReason ? { closedBy: c.closeReason } : {}),
  };
  const skillId = String(c.skillId);
  return {
    convId: c.id,
    effectiveTTR: -1,
    conversationDetails: {
      convId: c.id,
      skillId,
      participants,
      participantsPId,
      dialogs: [dialog],
      brandId: accountId,
      state: c.state,
      stage: c.state,
      ...(c.closeReason ? { closeReason: c.closeReason } : {}),
      startTs: c.startTs,
      ...(c.endTs !== undefined ? { endTs: c.endTs } : {}),
      metaDataLastUpdateTs: c.updatedAt,
      context: { type: 'SharkContext', name: c.consumerName, lang: 'en-US', clientProperties: { type: '.ClientProperties', appId: 'webAsync', features: ['QUICK_REPLIES', 'RICH_CONTENT', 'AUTO_MESSAGES', 'MULTI_DIALOG'] } },
      conversationHandlerDetails: { accountId, skillId },
    },
    lastUpdateTime: c.updatedAt,
  };
}

export function ringChange(accountId: string, ring: MsgRing): Change<import('../../messaging/wire.js').WireRoutingTask> {
  const c = ring.conversation;
  const wireRing: WireRing = {
    ringId: ring.ringId,
    ringExpirationTs: ring.expiresAt,
    ringState: ring.state,
    weight: ring.createdAt,
    ringExpiration: ring.expiresAt - ring.createdAt,
    brandId: accountId,
    convId: c.id,
    consumerId: c.consumerId,
    skillId: String(c.skillId),
  };
  return {
    type: 'UPSERT',
    result: {
      routingTaskId: `${c.id}_task`,
      brandId: accountId,
      assignedAgentId: ring.state === 'ACCEPTED' ? oldIdOf(accountId, ring.agent) : '',
      taskCompleted: ring.state !== 'WAITING',
      conversationId: c.id,
      consumerId: c.consumerId,
      skillId: String(c.skillId),
      ringsDetails: [wireRing],
    },
  };
}

