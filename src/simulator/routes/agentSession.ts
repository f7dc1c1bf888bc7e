import type { WireAvailableSlots } from '../../api/liveEngageJson.js';
import { SimulatorError } from '../errors.js';
import { json } from '../http/reply.js';
import { objectBody, isRecord } from '../http/request.js';
import {
  agentInfo,
  agentSessionLocation,
  agentSessionResources,
  availability,
  availableAgents,
  chatSessions,
  incomingRequests,
  type AvailableAgentsFilter,
} from '../render/agent.js';
import { chatLocation, multipleChats } from '../render/chat.js';
import type { AgentAvailability } from '../types.js';
import type { ChatRecord } from '../world/model.js';
import {
  AGENT_SESSION,
  agentSessionOf,
  eventIndex,
  notSimulated,
  renderContext,
  requirePut,
  type Route,
  type RouteDeps,
} from './shared.js';

const AVAILABILITIES: readonly AgentAvailability[] = ['Online', 'Away', 'Occupied', 'Offline'];

/** The agent session and what hangs off it: availability, agents, ringing, accept, chat lists. */
export function agentSessionRoutes(deps: RouteDeps): Route[] {
  const { world } = deps;
  return [
    {
      method: 'POST',
      path: '/api/account/:accountId/agentSession',
      family: 'agent',
      operation: 'startAgentSession',
      handle: (ctx) => {
        const login = world.logins.byBearer(ctx.bearer);
        if (ctx.params.accountId !== world.config.accountId) {
          throw new SimulatorError('unauthorized', 'Bearer rejected for this account');
        }
        // `{"loginData":""}` is documented; `{}` (Postman) and `{userName,password}` (sample app) work too.
        const loginData = objectBody(ctx).loginData;
        if (loginData === undefined || (typeof loginData !== 'string' && !isRecord(loginData))) {
          throw new SimulatorError('invalid', 'Body must be {"loginData":""}');
        }
        const session = world.openAgentSession(login);
        const body = agentSessionLocation(deps.links(), session);
        return json(201, body, { Location: body.agentSessionLocation.link['@href'] });
      },
    },
    {
      method: 'GET',
      path: AGENT_SESSION,
      family: 'agent',
      operation: 'getAgentSession',
      handle: (ctx) => {
        const session = agentSessionOf(deps, ctx);
        const withData = ctx.query.get('data') === 'true';
        return json(200, agentSessionResources(deps.links(), world.state, session, withData));
      },
    },
    {
      method: 'GET',
      path: `${AGENT_SESSION}/availability`,
      family: 'agent',
      operation: 'getAvailability',
      handle: (ctx) => json(200, availability(agentSessionOf(deps, ctx).agent)),
    },
    ...(['POST', 'PUT'] as const).map(
      (method): Route => ({
        method,
        path: `${AGENT_SESSION}/availability`,
        family: 'agent',
        operation: 'setAvailability',
        handle: (ctx) => {
          const session = agentSessionOf(deps, ctx);
          requirePut(ctx);
          const wanted = objectBody(ctx).availability;
          const chat = isRecord(wanted) ? wanted.chat : undefined;
          if (typeof chat !== 'string' || !AVAILABILITIES.includes(chat as AgentAvailability)) {
            throw new SimulatorError('invalid', `availability.chat must be one of ${AVAILABILITIES.join(', ')}`);
          }
          world.router.setAvailability(session.agent, chat as AgentAvailability);
          // The docs show the change echoed back (2017 XML: <availability><chat>Away</chat></availability>).
          return json(200, { availability: { chat } });
        },
      }),
    ),
    {
      method: 'GET',
      path: `${AGENT_SESSION}/info`,
      family: 'agent',
      operation: 'getAgentInfo',
      handle: (ctx) => json(200, agentInfo(deps.links(), world.state, agentSessionOf(deps, ctx))),
    },
    {
      method: 'GET',
      path: `${AGENT_SESSION}/availableAgents`,
      family: 'agent',
      operation: 'availableAgents',
      handle: (ctx) => {
        const session = agentSessionOf(deps, ctx);
        const filter: AvailableAgentsFilter = {};
        const skillName = ctx.query.get('skill');
        if (skillName) {
          const skill = world.state.skillsByName.get(skillName);
          if (!skill) throw new SimulatorError('invalid', `Unknown skill "${skillName}"`);
          filter.skillId = skill.id;
        }
        const chatState = ctx.query.get('chatState');
        if (chatState) {
          if (!AVAILABILITIES.includes(chatState as AgentAvailability)) {
            throw new SimulatorError('invalid', `chatState must be one of ${AVAILABILITIES.join(', ')}`);
          }
          filter.chatState = chatState as AgentAvailability;
        }
        return json(200, availableAgents(deps.links(), world.state, session, filter));
      },
    },
    {
      method: 'GET',
      path: `${AGENT_SESSION}/chat/availableSlots`,
      family: 'agent',
      operation: 'availableSlots',
      handle: (ctx) => {
        const session = agentSessionOf(deps, ctx);
        return json(200, { availableSlots: availableSlots(deps, session.agent.loginName, ctx.query) } satisfies WireAvailableSlots);
      },
    },
    {
      method: 'GET',
      path: `${AGENT_SESSION}/incomingRequests`,
      family: 'agent',
      operation: 'incomingRequests',
      handle: (ctx) => json(200, incomingRequests(deps.links(), agentSessionOf(deps, ctx))),
    },
    {
      method: 'POST',
      path: `${AGENT_SESSION}/incomingRequests`,
      family: 'agent',
      operation: 'acceptChat',
      handle: (ctx) => {
        const session = agentSessionOf(deps, ctx);
        // `{}` is documented, `{"chat":"start"}` is what the sample app sends; an empty body is let by.
        if (ctx.rawBody.trim() !== '') objectBody(ctx);
        const chat = world.chats.accept(session.agent);
        const href = deps.links().chat(session.id, chat.id);
        return json(201, chatLocation(href), { Location: href });
      },
    },
    {
      method: 'GET',
      path: `${AGENT_SESSION}/chatSessions`,
      family: 'agent',
      operation: 'chatSessions',
      handle: (ctx) => json(200, chatSessions(deps.links(), agentSessionOf(deps, ctx))),
    },
    {
      method: 'GET',
      path: `${AGENT_SESSION}/chat`,
      family: 'agent',
      operation: 'multiChat',
      handle: (ctx) => {
        const session = agentSessionOf(deps, ctx);
        const keys = splitList(ctx.query.get('chatSessionKeys'));
        if (keys.length === 0) throw new SimulatorError('invalid', 'chatSessionKeys is required');
        const froms = splitList(ctx.query.get('fromEventIds'));
        const chats: { chat: ChatRecord; from: number }[] = [];
        keys.forEach((key, index) => {
          const chat = world.state.chats.get(key);
          // Keys of unknown chats, or of chats the agent never had, are left out of the answer.
          if (!chat || !chat.readers.has(session.agent)) return;
          world.chats.touch(chat, session.agent);
          chats.push({ chat, from: eventIndex(froms[index], 'fromEventIds') });
        });
        return json(200, multipleChats(renderContext(deps, session), chats));
      },
    },
    {
      method: 'GET',
      path: `${AGENT_SESSION}/participantExtendedInfo/:participantId`,
      family: 'agent',
      operation: 'participantInfo',
      handle: (ctx) => {
        agentSessionOf(deps, ctx);
        // Visitors of the simulator are never SSO-authenticated, so no chat carries a participantId.
        throw new SimulatorError('notFound', `Unknown participant ${ctx.params.participantId ?? ''}`);
      },
    },
    ...[`${AGENT_SESSION}/visits/visit/:visitId`, `${AGENT_SESSION}/visits/visit/:visitId/customVariables`].map(
      (path): Route => ({
        method: 'GET',
        path,
        family: 'agent',
        operation: 'visit',
        handle: (ctx) => {
          agentSessionOf(deps, ctx);
          return notSimulated(world.now(), 'The visit resource is not simulated (its shape is undocumented)');
        },
      }),
    ),
  ];
}

function splitList(value: string | null): string[] {
  return value ? value.split(',').map((item) => item.trim()).filter((item) => item !== '') : [];
}

/**
 * `agent` (login name) alone: that agent's free slots. `skill` (name): free slots of the online agents
 * with the skill. Neither: the caller's own. -1 = unlimited.
 */
function availableSlots(deps: RouteDeps, ownLoginName: string, query: URLSearchParams): number {
  const { state } = deps.world;
  const free = (agent: { maxChats: number; load: number }): number =>
    agent.maxChats < 0 ? -1 : Math.max(0, agent.maxChats - agent.load);
  const agentName = query.get('agent');
  const skillName = query.get('skill');
  if (agentName || !skillName) {
    const agent = state.agentsByLogin.get(agentName || ownLoginName);
    if (!agent) throw new SimulatorError('invalid', `Unknown agent "${agentName ?? ''}"`);
    return agent.loggedIn ? free(agent) : 0;
  }
  const skill = state.skillsByName.get(skillName);
  if (!skill) throw new SimulatorError('invalid', `Unknown skill "${skillName}"`);
  let total = 0;
  for (const agent of state.agents.values()) {
    if (!agent.hasSkill(skill.id) || !agent.loggedIn || agent.availability !== 'Online') continue;
    const slots = free(agent);
    if (slots < 0) return -1;
    total += slots;
  }
  return total;
}
