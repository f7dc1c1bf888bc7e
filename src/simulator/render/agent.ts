import type {
  WireAgentInfo,
  WireAgentSessionLocation,
  WireAgentSessionResources,
  WireAvailability,
  WireAvailableAgent,
  WireAvailableAgents,
  WireChatSessions,
  WireIncomingRequests,
} from '../../api/liveEngageJson.js';
import type { AgentAvailability } from '../types.js';
import type { AgentRecord, AgentSessionRecord, ChatRecord } from '../world/model.js';
import type { WorldState } from '../world/state.js';
import { collapse, list } from './format.js';
import { link, plainLink, type Links } from './links.js';

/** Agent-session resources in LiveEngage's JSON rendering (`api/liveEngageJson.ts`) (numbers as strings where the docs have strings). */

export function agentSessionLocation(links: Links, session: AgentSessionRecord): WireAgentSessionLocation {
  return { agentSessionLocation: { link: link(links.session(session.id), 'location') } };
}

export function agentSessionResources(
  links: Links,
  s: WorldState,
  session: AgentSessionRecord,
  withData: boolean,
): WireAgentSessionResources {
  const base = links.session(session.id);
  const resources: WireAgentSessionResources = {
    agentSessionId: {
      link: [
        link(base, 'self'),
        link(`${base}/availability`, 'availability'),
        link(`${base}/incomingRequests`, 'incoming-requests'),
        link(`${base}/info`, 'info'),
        link(`${base}/availableAgents`, 'available-agents'),
        link(`${base}/chat/availableSlots`, 'chat-available-slots'),
        link(`${base}/chatSessions`, 'chat-sessions'),
      ],
    },
  };
  if (withData) {
    resources.agentSessionId.info = agentInfo(links, s, session).info;
    // Keyed with a hyphen when embedded, unlike the standalone resource (as documented).
    resources.agentSessionId['incoming-requests'] = incomingRequests(links, session).incomingRequests;
  }
  return resources;
}

export function availability(agent: AgentRecord): WireAvailability {
  return { availability: { chat: agent.availability, voice: 'Offline' } };
}

export function agentInfo(links: Links, s: WorldState, session: AgentSessionRecord): WireAgentInfo {
  const agent = session.agent;
  const skills = agent.skills.map((id) => ({ id: String(id), name: s.skill(id).name }));
  const skillInfo = collapse(skills);
  return {
    info: {
      link: link(`${links.session(session.id)}/info`, 'self'),
      agentName: agent.nickname,
      displayName: agent.nickname,
      loginName: agent.loginName,
      id: agent.id,
      maxChats: String(agent.maxChats),
      availability: { chat: agent.availability, voice: 'Offline' },
      skillsInfo: skillInfo === undefined ? null : { skillInfo },
    },
  };
}

const CHAT_STATE_CODE: Record<AgentAvailability, string> = { Offline: '1', Online: '2', Occupied: '3', Away: '4' };

/** A bot without an agent session shows Offline whatever it last chose. */
function shownAvailability(agent: AgentRecord): AgentAvailability {
  return agent.loggedIn ? agent.availability : 'Offline';
}

export interface AvailableAgentsFilter {
  skillId?: number;
  chatState?: AgentAvailability;
}

export function availableAgents(
  links: Links,
  s: WorldState,
  session: AgentSessionRecord,
  filter: AvailableAgentsFilter,
): WireAvailableAgents {
  const agents: WireAvailableAgent[] = [];
  for (const agent of s.agents.values()) {
    const state = shownAvailability(agent);
    if (filter.skillId !== undefined && !agent.hasSkill(filter.skillId)) continue;
    if (filter.chatState !== undefined && state !== filter.chatState) continue;
    const skills = collapse(agent.skills.map(String));
    agents.push({
      '@chatState': CHAT_STATE_CODE[state],
      '@id': agent.id,
      '@maxChats': String(agent.maxChats),
      '@voiceState': CHAT_STATE_CODE.Offline,
      email: `${agent.loginName}@example.com`,
      nickname: agent.nickname,
      privilegeGroup: agent.kind === 'bot' ? 'bots' : 'agents',
      skills: skills === undefined ? null : { skill: skills },
      userName: agent.loginName,
    });
  }
  // A one-item array, as the documented example prints it.
  const agent = list(agents);
  return {
    availableAgents: {
      agents: agent === undefined ? null : { agent },
      link: link(`${links.session(session.id)}/availableAgents?timeStamp=${s.now()}`, 'next'),
    },
  };
}

export function incomingRequests(links: Links, session: AgentSessionRecord): WireIncomingRequests {
  const ringingCount = session.agent.ringing.size;
  const body: WireIncomingRequests = { incomingRequests: { ringingCount: String(ringingCount) } };
  // The accept link appears only while something rings.
  if (ringingCount > 0) {
    body.incomingRequests.link = link(`${links.session(session.id)}/incomingRequests`, 'accept-next-chat');
  }
  return body;
}

/** The chats the agent is chatting in now, an array even for one (as documented); `null` when none. */
export function chatSessions(links: Links, session: AgentSessionRecord): WireChatSessions {
  const items = [...session.agent.openChats].map((chat: ChatRecord) => ({
    link: plainLink(links.chat(session.id, chat.id), 'chat-session'),
    chatSessionKey: chat.id,
    startTime: chat.startTime,
  }));
  const chatSession = list(items);
  return { chatSessions: chatSession === undefined ? null : { chatSession } };
}
