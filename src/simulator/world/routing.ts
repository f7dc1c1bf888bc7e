import type { AgentAvailability } from '../types.js';
import type { AgentRecord, ChatRecord } from './model.js';
import type { WorldState } from './state.js';

/**
 * Who gets a waiting chat. A waiting chat is in exactly one place: its skill's queue, ringing one
 * agent, or directed at a human it was transferred to. Routing offers the queue's oldest chats to
 * logged-in bots that are Online, have the skill and have room, least busy first, ties to the one
 * idle longest. A ring not accepted in time sets the agent Away and the chat goes back to the front.
 * Simulated humans are never offered chats: the control API takes them.
 */
export class Router {
  constructor(private readonly s: WorldState) {}

  /** Puts a waiting chat in its skill's queue and offers it. */
  enqueue(chat: ChatRecord, end: 'front' | 'back'): void {
    chat.queuedAt = this.s.now();
    const queue = this.s.queue(chat.skill.id);
    if (end === 'front') queue.pushFront(chat);
    else queue.pushBack(chat);
    this.route(chat.skill.id);
  }

  /** Waits for one agent: rings it (bots) or parks it until the control API takes it (humans). */
  direct(chat: ChatRecord, agent: AgentRecord): void {
    chat.queuedAt = this.s.now();
    chat.directedTo = agent;
    if (agent.kind === 'bot') this.ring(agent, chat);
    else this.s.directed.add(chat);
    this.s.chatChanged(chat);
  }

  /** Takes a waiting chat out of wherever it waits. */
  withdraw(chat: ChatRecord): void {
    const agent = chat.ringingAgent;
    if (agent) {
      const ring = agent.ringing.get(chat.id);
      if (ring) this.s.timers.clear(ring.timer);
      agent.ringing.delete(chat.id);
      chat.ringingAgent = undefined;
      this.s.agentChanged(agent);
    }
    this.s.directed.delete(chat);
    this.s.queues.get(chat.skill.id)?.remove(chat);
    chat.directedTo = undefined;
  }

  /** Oldest ringing chat of the agent, taken off the ring (accept). */
  takeRinging(agent: AgentRecord): ChatRecord | undefined {
    const first = agent.ringing.values().next();
    if (first.done) return undefined;
    this.withdraw(first.value.chat);
    return first.value.chat;
  }

  setAvailability(agent: AgentRecord, availability: AgentAvailability): void {
    if (agent.availability === availability) return;
    agent.availability = availability;
    this.s.agentChanged(agent);
    if (availability === 'Online') this.routeSkills(agent.skills);
    else this.routeSkills(this.releaseRings(agent));
  }

  routeSkills(skillIds: Iterable<number>): void {
    for (const skillId of skillIds) this.route(skillId);
  }

  /** Offers the skill's queue, oldest first, until no agent has room. */
  route(skillId: number): void {
    const queue = this.s.queues.get(skillId);
    if (!queue || queue.size === 0) return;
    for (const chat of queue) {
      const agent = this.pickAgent(skillId, chat.excludedAgent);
      if (!agent) {
        // Only a chat that excludes its transferring agent can be passed over for a younger one.
        if (chat.excludedAgent) continue;
        return;
      }
      queue.remove(chat);
      this.ring(agent, chat);
    }
  }

  /** Counts agents, other than the chat's own, who could take a chat of the skill by transfer. */
  onlineAgents(skillId: number, except: AgentRecord | undefined): number {
    let count = 0;
    for (const agent of this.s.agents.values()) {
      if (agent !== except && agent.hasSkill(skillId) && canReceiveTransfer(agent)) count += 1;
    }
    return count;
  }

  /**
   * Whether an agent other than `except` could take a re-queued chat of the skill: a bot with an agent
   * session or a human, Online (Occupied takes transfers only; Away and Offline take nothing). Free
   * capacity is not required: a full agent frees up, which is what the queue is for.
   */
  hasSuitableAgent(skillId: number, except: AgentRecord | undefined): boolean {
    for (const agent of this.s.agents.values()) {
      if (agent === except || !agent.hasSkill(skillId) || agent.availability !== 'Online') continue;
      if (agent.kind === 'human' || agent.agentSessions.size > 0) return true;
    }
    return false;
  }

  private pickAgent(skillId: number, exclude: AgentRecord | undefined): AgentRecord | undefined {
    let best: AgentRecord | undefined;
    for (const agent of this.s.botsBySkill.get(skillId) ?? []) {
      if (agent === exclude || agent.availability !== 'Online') continue;
      if (agent.agentSessions.size === 0 || !agent.hasCapacity()) continue;
      if (
        !best ||
        agent.load < best.load ||
        (agent.load === best.load && agent.lastAssignedAt < best.lastAssignedAt)
      ) {
        best = agent;
      }
    }
    return best;
  }

  private ring(agent: AgentRecord, chat: ChatRecord): void {
    const now = this.s.now();
    const timer = this.s.timers.set(() => this.ringTimedOut(agent, chat), this.s.config.acceptTimeoutMs);
    agent.ringing.set(chat.id, { chat, since: now, timer });
    agent.lastAssignedAt = now;
    chat.ringingAgent = agent;
    this.s.agentChanged(agent);
    this.s.chatChanged(chat);
  }

  private ringTimedOut(agent: AgentRecord, chat: ChatRecord): void {
    if (agent.ringing.get(chat.id)?.chat !== chat) return;
    // The documented rule: an agent that does not accept within 20 s is set Away. Going Away
    // releases every chat ringing it, and routing offers them to the others.
    this.setAvailability(agent, 'Away');
  }

  /** Sends every chat ringing the agent back to the front of its queue, in ring order. */
  private releaseRings(agent: AgentRecord): Set<number> {
    const skills = new Set<number>();
    const rings = [...agent.ringing.values()].reverse();
    for (const ring of rings) {
      this.withdraw(ring.chat);
      this.s.queue(ring.chat.skill.id).pushFront(ring.chat);
      skills.add(ring.chat.skill.id);
      this.s.chatChanged(ring.chat);
    }
    return skills;
  }
}

/** Online for transfers: Online or Occupied bots with an agent session, online humans. */
export function canReceiveTransfer(agent: AgentRecord): boolean {
  if (agent.kind === 'human') return agent.availability !== 'Offline';
  return agent.agentSessions.size > 0 && (agent.availability === 'Online' || agent.availability === 'Occupied');
}
