import type { Timers } from '../clock.js';
import { SimulatorError } from '../errors.js';
import type { AgentAvailability, SimulatedSkill, SimulatorChange } from '../types.js';
import { LinkedQueue } from './queue.js';
import type {
  AgentRecord,
  AgentSessionRecord,
  ChatEvent,
  ChatRecord,
  LoginRecord,
  NewChatEvent,
} from './model.js';

export interface WorldConfig {
  accountId: string;
  skills: readonly SimulatedSkill[];
  chatTimeoutMs: number;
  acceptTimeoutMs: number;
  /** 0: agent sessions never go idle. */
  agentSessionIdleMs?: number;
  sessionTtlMs: number;
  maxEndedChats: number;
  /** A bot's availability when its first agent session opens. Default Online. */
  initialAvailability?: AgentAvailability;
}

/**
 * Everything the world knows, indexed so every request is O(1): by id, by bearer, by session cookie.
 * The rule modules (routing, chats, logins) share it.
 */
export class WorldState {
  readonly skills = new Map<number, SimulatedSkill>();
  readonly skillsByName = new Map<string, SimulatedSkill>();
  readonly agents = new Map<string, AgentRecord>();
  readonly agentsByLogin = new Map<string, AgentRecord>();
  /** Bots per skill id, for routing. */
  readonly botsBySkill = new Map<number, AgentRecord[]>();
  readonly loginsByBearer = new Map<string, LoginRecord>();
  readonly loginsBySessionId = new Map<string, LoginRecord>();
  readonly agentSessions = new Map<string, AgentSessionRecord>();
  readonly chats = new Map<string, ChatRecord>();
  /** Waiting chats per skill that ring nobody and are directed at nobody. */
  readonly queues = new Map<number, LinkedQueue<ChatRecord>>();
  /** Waiting chats transferred to a specific (human) agent. */
  readonly directed = new Set<ChatRecord>();
  /** Ended chats, oldest first, so the oldest can be forgotten. */
  readonly ended = new LinkedQueue<ChatRecord>();
  readonly counts = { waiting: 0, chatting: 0, ended: 0 };

  constructor(
    readonly config: WorldConfig,
    readonly timers: Timers,
    private readonly onChange: (change: SimulatorChange) => void,
  ) {
    for (const skill of config.skills) {
      const copy = { id: Number(skill.id), name: skill.name };
      this.skills.set(copy.id, copy);
      this.skillsByName.set(copy.name, copy);
      this.queues.set(copy.id, new LinkedQueue());
    }
  }

  now(): number {
    return this.timers.now();
  }

  addAgent(agent: AgentRecord): void {
    if (this.agents.has(agent.id)) throw new Error(`Duplicate agent id ${agent.id}`);
    if (this.agentsByLogin.has(agent.loginName)) throw new Error(`Duplicate login name ${agent.loginName}`);
    for (const skillId of agent.skills) {
      if (!this.skills.has(skillId)) throw new Error(`Agent ${agent.id} has unknown skill ${skillId}`);
      if (agent.kind === 'bot') {
        const list = this.botsBySkill.get(skillId) ?? [];
        list.push(agent);
        this.botsBySkill.set(skillId, list);
      }
    }
    this.agents.set(agent.id, agent);
    this.agentsByLogin.set(agent.loginName, agent);
  }

  skill(skillId: number): SimulatedSkill {
    const skill = this.skills.get(skillId);
    if (!skill) throw new SimulatorError('notFound', `Unknown skill ${skillId}`);
    return skill;
  }

  queue(skillId: number): LinkedQueue<ChatRecord> {
    const queue = this.queues.get(skillId);
    if (!queue) throw new SimulatorError('notFound', `Unknown skill ${skillId}`);
    return queue;
  }

  chat(chatId: string): ChatRecord {
    const chat = this.chats.get(chatId);
    if (!chat) throw new SimulatorError('notFound', `Unknown chat ${chatId}`);
    return chat;
  }

  agent(agentId: string): AgentRecord {
    const agent = this.agents.get(String(agentId));
    if (!agent) throw new SimulatorError('notFound', `Unknown agent ${agentId}`);
    return agent;
  }

  /** Appends an event with the next consecutive id and the current time. */
  addEvent(chat: ChatRecord, event: NewChatEvent): ChatEvent {
    const full: ChatEvent = { id: chat.events.length, time: this.now(), ...event };
    chat.events.push(full);
    this.onChange({ kind: 'chat', chatId: chat.id, state: chat.state, eventId: full.id });
    return full;
  }

  setChatState(chat: ChatRecord, state: ChatRecord['state']): void {
    if (chat.state === state) return;
    this.counts[chat.state] -= 1;
    this.counts[state] += 1;
    chat.state = state;
    this.addEvent(chat, { type: 'state', state });
  }

  chatChanged(chat: ChatRecord): void {
    this.onChange({ kind: 'chat', chatId: chat.id, state: chat.state });
  }

  agentChanged(agent: AgentRecord): void {
    this.onChange({ kind: 'agent', agentId: agent.id });
  }
}
