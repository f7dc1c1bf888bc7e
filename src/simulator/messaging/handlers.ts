import { randomUUID } from 'node:crypto';
import { isSimulatorError } from '../errors.js';
import type { World } from '../world/World.js';
import { NOTE, REQ, GENERIC_SUBSCRIBE_RESPONSE, STRING_RESPONSE, type AgentAvailability, type WireMetadata } from '../../messaging/wire.js';
import type { MsgConversations } from './conversations.js';
import type { MessagingHub, MsgSession } from './hub.js';
import { oldIdOf } from './model.js';
import { ringChange } from './render.js';
import type { MsgRouting } from './routing.js';

export interface HandlerDeps {
  world: World;
  hub: MessagingHub;
  conversations: MsgConversations;
  routing: MsgRouting;
}

/** A response, and what to send right after it (a subscription's first notification). */
export interface Answer {
  code: number;
  type: string;
  body?: unknown;
  after?: () => void;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const AVAILABILITY: readonly AgentAvailability[] = ['ONLINE', 'AWAY', 'BACK_SOON', 'OFFLINE', 'OCCUPIED'];
const CODE_OF = { invalid: 400, unauthorized: 401, forbidden: 403, notFound: 404, methodNotAllowed: 405, conflict: 409, blocked: 451 } as const;

const text = (code: number, body: string): Answer => ({ code, type: STRING_RESPONSE, body });

/** One request of one session → its answer. A refusal is a 4xx string answer, never a throw. */
export function handleRequest(deps: HandlerDeps, session: MsgSession, type: string, body: unknown, metadata: WireMetadata[] | undefined): Answer {
  try {
    return answer(deps, session, type, isRecord(body) ? body : {}, metadata);
  } catch (error) {
    if (isSimulatorError(error)) return text(CODE_OF[error.reason] ?? 400, error.message);
    return text(500, 'Internal server error');
  }
}

function answer(deps: HandlerDeps, session: MsgSession, type: string, body: Record<string, unknown>, metadata: WireMetadata[] | undefined): Answer {
  const { hub, conversations, routing, world } = deps;
  const agent = session.agent;
  const self = oldIdOf(world.config.accountId, agent);
  switch (type) {
    case REQ.getClock:
    case 'GetClock':
      return { code: 200, type: '.GetClock$Response', body: { currentTime: world.now() } };
    case '.ams.userprofile.GetUserProfile':
      return { code: 200, type: '.ams.userprofile.GetUserProfile$Response', body: { userId: self } };
    case REQ.setAgentState: {
      const availability = body.availability as AgentAvailability;
      if (!AVAILABILITY.includes(availability)) return text(400, 'availability must be ONLINE, AWAY, BACK_SOON, OFFLINE or OCCUPIED');
      if (body.agentUserId !== undefined && body.agentUserId !== self) return text(403, 'agentUserId is not the caller');
      return { ...text(202, 'Agent state updated successfully'), after: () => routing.setAvailability(agent, availability) };
    }
    case REQ.subscribeRoutingTasks: {
      if (body.agentId !== undefined && body.agentId !== self) return text(403, 'agentId is not the caller');
      const subscriptionId = randomUUID();
      session.routingSubscription = subscriptionId;
      return {
        code: 200,
        type: GENERIC_SUBSCRIBE_RESPONSE,
        body: { subscriptionId },
        after: () => {
          // The first notification lists the rings still WAITING for this agent (none: `changes: []`).
          const changes = routing.waitingRings(agent).map((ring) => ringChange(world.config.accountId, ring));
          hub.notify(session, NOTE.routingTask, { subscriptionId, changes });
          routing.routeAll();
        },
      };
    }
    case REQ.updateRingState: {
      const state = body.ringState;
      if (typeof body.ringId !== 'string' || (state !== 'ACCEPTED' && state !== 'REJECTED')) return text(400, 'ringId and ringState ACCEPTED or REJECTED are required');
      routing.answer(agent, body.ringId, state);
      return text(202, 'Ring state updated successfully');
    }
    case REQ.subscribeExConversations: {
      const convState = Array.isArray(body.convState) ? body.convState.filter((s): s is string => typeof s === 'string') : ['OPEN'];
      const agentIds = Array.isArray(body.agentIds) ? body.agentIds.filter((s): s is string => typeof s === 'string') : undefined;
      // Without agentIds a bot would see the whole account: that needs permissions a bot does not have.
      if (!agentIds || agentIds.some((id) => id !== self)) return text(403, 'agentIds must name the caller');
      const { id, snapshot } = hub.subscribeConversations(session, convState, agentIds);
      return {
        code: 200,
        type: `${REQ.subscribeExConversations}$Response`,
        body: { subscriptionId: id },
        after: () => hub.notify(session, NOTE.exConversationChange, snapshot),
      };
    }
    case REQ.unsubscribeExConversations: {
      if (typeof body.subscriptionId !== 'string' || !session.exSubscriptions.delete(body.subscriptionId)) return text(400, 'Unknown subscriptionId');
      return text(200, 'OK');
    }
    case REQ.publishEvent: {
      const sequence = conversations.publish(agent, body.dialogId, body.event, body.messageAudience, metadata);
      return { code: 200, type: `${REQ.publishEvent}$Response`, body: { sequence } };
    }
    case REQ.queryMessages:
      return { code: 200, type: `${REQ.queryMessages}$Response`, body: conversations.query(agent, body) };
    case REQ.updateConversationField:
      return text(200, conversations.updateFields(agent, body, metadata));
    default:
      return text(400, `Unsupported request type ${type.slice(0, 80)}`);
  }
}
