import { SimulatorError } from '../errors.js';
import { chatIds, hexToken, numericId } from '../ids.js';
import { ChatRecord, type AgentRecord, type ChatEvent, type LineSubType } from './model.js';
import { canReceiveTransfer, type Router } from './routing.js';
import type { WorldState } from './state.js';
import { SystemMessage } from './systemMessages.js';

export interface AgentLine {
  text: string;
  textType: string;
  subType: LineSubType;
  json?: unknown;
}

/**
 * A chat's life: created waiting, accepted (chatting), lines, typing, transfers, re-queues, the
 * agent-side chat timeout, and the end. Who may read and who may write is decided here too.
 */
export class ChatRules {
  constructor(
    private readonly s: WorldState,
    private readonly router: Router,
  ) {}

  start(skillName: string, visitorName: string | undefined): ChatRecord {
    const skill = this.s.skillsByName.get(skillName);
    if (!skill) throw new SimulatorError('notFound', `Unknown skill "${skillName}"`);
    const { chatId, visitId } = chatIds();
    const chat = new ChatRecord(
      {
        chatId,
        visitId,
        visitorId: numericId(16),
        rtSessionId: numericId(10),
        sharkVisitorId: hexToken(11),
        sharkSessionId: hexToken(11),
        engagementId: numericId(9),
        campaignId: numericId(9),
      },
      skill,
      visitorName?.trim() || 'visitor',
      this.s.now(),
    );
    this.s.chats.set(chat.id, chat);
    this.s.counts.waiting += 1;
    this.s.addEvent(chat, { type: 'state', state: 'waiting' });
    this.systemLine(chat, SystemMessage.routing());
    this.router.enqueue(chat, 'back');
    return chat;
  }

  // ------------------------------------------------------------ access

  /** Any agent that ever had the chat may read it (transferred away and ended chats included). */
  assertReadable(chat: ChatRecord, agent: AgentRecord): void {
    if (!chat.readers.has(agent)) {
      throw new SimulatorError('forbidden', `Chat ${chat.id} is not assigned to agent ${agent.loginName}`);
    }
  }

  /** Only the chat's current agent may write, and only while chatting. */
  assertWritable(chat: ChatRecord, agent: AgentRecord): void {
    if (chat.agent !== agent) {
      throw new SimulatorError('forbidden', `Chat ${chat.id} is not assigned to agent ${agent.loginName}`);
    }
    if (chat.state === 'ended') throw new SimulatorError('conflict', `Chat ${chat.id} has ended`);
  }

  /** An agent request on its chat: the chat timeout counts from the last one. */
  touch(chat: ChatRecord, agent: AgentRecord): void {
    if (chat.agent === agent && chat.state === 'chatting') chat.lastAgentTouch = this.s.now();
  }

  // ------------------------------------------------------------ taking a chat

  accept(agent: AgentRecord): ChatRecord {
    const chat = this.router.takeRinging(agent);
    if (!chat) throw new SimulatorError('notFound', `No chat is ringing for agent ${agent.loginName}`);
    this.assign(agent, chat);
    return chat;
  }

  humanTakes(chat: ChatRecord, agentId: string | undefined): AgentRecord {
    if (chat.state !== 'waiting') throw new SimulatorError('conflict', `Chat ${chat.id} is ${chat.state}, not waiting`);
    const human = agentId !== undefined ? this.s.agent(agentId) : this.defaultHuman(chat);
    if (human.kind !== 'human') throw new SimulatorError('invalid', `Agent ${human.id} is a bot, not a human`);
    if (human.availability === 'Offline') throw new SimulatorError('conflict', `${human.nickname} is offline`);
    if (!human.hasCapacity()) throw new SimulatorError('conflict', `${human.nickname} has no free chat slot`);
    this.router.withdraw(chat);
    this.assign(human, chat);
    return human;
  }

  private defaultHuman(chat: ChatRecord): AgentRecord {
    if (chat.directedTo?.kind === 'human') return chat.directedTo;
    for (const agent of this.s.agents.values()) {
      if (agent.kind === 'human' && agent.availability !== 'Offline' && agent.hasSkill(chat.skill.id) && agent.hasCapacity()) {
        return agent;
      }
    }
    throw new SimulatorError('conflict', `No online human agent with skill "${chat.skill.name}" has a free slot`);
  }

  private assign(agent: AgentRecord, chat: ChatRecord): void {
    const now = this.s.now();
    chat.agent = agent;
    chat.readers.add(agent);
    chat.excludedAgent = undefined;
    chat.chattingSince = now;
    chat.lastAgentTouch = now;
    chat.agentTyping = false;
    agent.openChats.add(chat);
    this.s.setChatState(chat, 'chatting');
    this.systemLine(chat, SystemMessage.accepted(agent.nickname));
    // Simulated humans do not poll; only API agents can let a chat time out.
    if (agent.kind === 'bot') this.scheduleTimeout(chat, this.s.config.chatTimeoutMs);
    this.s.agentChanged(agent);
  }

  // ------------------------------------------------------------ lines and typing

  agentLine(chat: ChatRecord, agent: AgentRecord, line: AgentLine): ChatEvent {
    this.assertWritable(chat, agent);
    this.touch(chat, agent);
    chat.agentTyping = false;
    return this.s.addEvent(chat, {
      type: 'line',
      textType: line.textType,
      text: line.text,
      by: agent.nickname,
      source: 'agent',
      subType: line.subType,
      ...(line.json !== undefined ? { json: line.json } : {}),
    });
  }

  visitorLine(chat: ChatRecord, text: string, textType: string): ChatEvent {
    if (chat.state === 'ended') throw new SimulatorError('conflict', `Chat ${chat.id} has ended`);
    chat.visitorTyping = false;
    return this.s.addEvent(chat, {
      type: 'line',
      textType,
      text,
      by: chat.visitorName,
      source: 'visitor',
      subType: 'REGULAR',
    });
  }

  humanLine(chat: ChatRecord, text: string, agentId: string | undefined): ChatEvent {
    const human = chat.agent;
    if (!human || human.kind !== 'human' || chat.state !== 'chatting') {
      throw new SimulatorError('conflict', `Chat ${chat.id} is not with a human agent`);
    }
    if (agentId !== undefined && String(agentId) !== human.id) {
      throw new SimulatorError('invalid', `Chat ${chat.id} is with ${human.id}, not ${agentId}`);
    }
    return this.agentLine(chat, human, { text, textType: 'plain', subType: 'REGULAR' });
  }

  setAgentTyping(chat: ChatRecord, agent: AgentRecord, typing: boolean): void {
    this.assertWritable(chat, agent);
    this.touch(chat, agent);
    if (chat.agentTyping === typing) return;
    chat.agentTyping = typing;
    this.s.chatChanged(chat);
  }

  setVisitorTyping(chat: ChatRecord, typing: boolean): void {
    if (chat.state === 'ended') throw new SimulatorError('conflict', `Chat ${chat.id} has ended`);
    if (chat.visitorTyping === typing) return;
    chat.visitorTyping = typing;
    this.s.chatChanged(chat);
  }

  submitSurvey(chat: ChatRecord, agent: AgentRecord, answers: Record<string, string>): void {
    if (chat.agent !== agent) {
      throw new SimulatorError('forbidden', `Chat ${chat.id} is not assigned to agent ${agent.loginName}`);
    }
    chat.survey = { ...chat.survey, ...answers };
    this.s.chatChanged(chat);
  }

  // ------------------------------------------------------------ transfers

  /** Skills with at least one online agent other than the chat's own, and how many. */
  transferableSkills(chat: ChatRecord): { id: number; name: string; onlineAgents: number }[] {
    const result: { id: number; name: string; onlineAgents: number }[] = [];
    for (const skill of this.s.skills.values()) {
      const onlineAgents = this.router.onlineAgents(skill.id, chat.agent);
      if (onlineAgents > 0) result.push({ ...skill, onlineAgents });
    }
    return result;
  }

  transferToSkill(chat: ChatRecord, agent: AgentRecord, skillId: number, text: string | undefined): void {
    this.assertWritable(chat, agent);
    const skill = this.s.skills.get(skillId);
    if (!skill) throw new SimulatorError('invalid', `Unknown skill ${skillId}`);
    if (this.router.onlineAgents(skill.id, agent) === 0) {
      throw new SimulatorError('invalid', `Skill ${skill.id} (${skill.name}) has no online agent to transfer to`);
    }
    this.systemLine(chat, SystemMessage.transferredToSkill(skill.name));
    this.privateNote(chat, agent, text);
    this.detach(chat);
    chat.skill = skill;
    chat.excludedAgent = agent;
    this.s.setChatState(chat, 'waiting');
    this.router.enqueue(chat, 'back');
    this.router.routeSkills(agent.skills);
  }

  transferToAgent(chat: ChatRecord, agent: AgentRecord, targetId: string, text: string | undefined): void {
    this.assertWritable(chat, agent);
    const target = this.s.agents.get(String(targetId));
    if (!target) throw new SimulatorError('invalid', `Unknown agent ${targetId}`);
    if (target === agent) throw new SimulatorError('invalid', 'An agent cannot transfer a chat to itself');
    if (!canReceiveTransfer(target) || !target.hasCapacity()) {
      throw new SimulatorError('invalid', `Agent ${target.id} (${target.nickname}) is not available`);
    }
    this.systemLine(chat, SystemMessage.transferredToAgent(target.nickname));
    this.privateNote(chat, agent, text);
    this.detach(chat);
    chat.excludedAgent = agent;
    this.s.setChatState(chat, 'waiting');
    this.router.direct(chat, target);
    this.router.routeSkills(agent.skills);
  }

  /**
   * The agent left (logout, or an idle agent session closed): the chat goes back to the front of its
   * skill's queue (line 23), or, when no agent with the skill is Online to take it, is disconnected
   * (line 6, then ended). LivePerson's chat-sessions page: "returned back to the queue or disconnected
   * in case there is no suitable agent to take the chat".
   */
  requeue(chat: ChatRecord): void {
    if (chat.state !== 'chatting') return;
    if (!this.router.hasSuitableAgent(chat.skill.id, chat.agent)) {
      this.systemLine(chat, SystemMessage.disconnected());
      this.finish(chat);
      return;
    }
    this.systemLine(chat, SystemMessage.requeued());
    this.detach(chat);
    this.s.setChatState(chat, 'waiting');
    this.router.enqueue(chat, 'front');
  }

  private privateNote(chat: ChatRecord, agent: AgentRecord, text: string | undefined): void {
    if (!text) return;
    // Shown only to the receiving agent, never to the visitor.
    this.s.addEvent(chat, {
      type: 'line',
      textType: 'plain',
      text,
      by: agent.nickname,
      source: 'agent',
      subType: 'ONLY_TO_REP',
    });
  }

  /** The current agent lets go of a chat that goes on (transfer, re-queue). */
  private detach(chat: ChatRecord): void {
    const agent = chat.agent;
    this.s.timers.clear(chat.timeoutTimer);
    chat.timeoutTimer = undefined;
    chat.agent = undefined;
    chat.agentTyping = false;
    chat.chattingSince = undefined;
    if (agent) {
      agent.openChats.delete(chat);
      this.s.agentChanged(agent);
    }
  }

  // ------------------------------------------------------------ the end

  /** Idempotent: ending an ended chat again answers its `ended` event (a retried request is safe). */
  agentEnds(chat: ChatRecord, agent: AgentRecord): ChatEvent {
    if (chat.agent !== agent) {
      throw new SimulatorError('forbidden', `Chat ${chat.id} is not assigned to agent ${agent.loginName}`);
    }
    if (chat.state === 'ended') return this.endedEvent(chat);
    this.touch(chat, agent);
    this.systemLine(chat, SystemMessage.agentEnded(agent.nickname));
    return this.finish(chat);
  }

  humanEnds(chat: ChatRecord): ChatEvent {
    const human = chat.agent;
    if (!human || human.kind !== 'human' || chat.state !== 'chatting') {
      throw new SimulatorError('conflict', `Chat ${chat.id} is not with a human agent`);
    }
    return this.agentEnds(chat, human);
  }

  visitorEnds(chat: ChatRecord): ChatEvent {
    if (chat.state === 'ended') return this.endedEvent(chat);
    return this.finish(chat);
  }

  private endedEvent(chat: ChatRecord): ChatEvent {
    for (let i = chat.events.length - 1; i >= 0; i -= 1) {
      const event = chat.events[i];
      if (event?.type === 'state' && event.state === 'ended') return event;
    }
    throw new Error(`Chat ${chat.id} is ended without an ended event`);
  }

  private finish(chat: ChatRecord): ChatEvent {
    if (chat.state === 'waiting') this.router.withdraw(chat);
    const agent = chat.agent;
    this.s.timers.clear(chat.timeoutTimer);
    chat.timeoutTimer = undefined;
    chat.agentTyping = false;
    chat.visitorTyping = false;
    chat.endedAt = this.s.now();
    if (agent) agent.openChats.delete(chat);
    this.s.setChatState(chat, 'ended');
    const ended = chat.events[chat.events.length - 1] as ChatEvent;
    this.remember(chat);
    if (agent) {
      this.s.agentChanged(agent);
      this.router.routeSkills(agent.skills);
    }
    return ended;
  }

  /** Ended chats stay readable, up to a bound; the oldest are forgotten beyond it. */
  private remember(chat: ChatRecord): void {
    this.s.ended.pushBack(chat);
    while (this.s.ended.size > this.s.config.maxEndedChats) {
      const oldest = this.s.ended.peek();
      if (!oldest) break;
      this.s.ended.remove(oldest);
      this.s.chats.delete(oldest.id);
      this.s.counts.ended -= 1;
    }
  }

  // ------------------------------------------------------------ chat timeout

  private scheduleTimeout(chat: ChatRecord, delayMs: number): void {
    // One timer per chat, re-armed lazily: a touch is a plain assignment, not a timer reset.
    chat.timeoutTimer = this.s.timers.set(() => this.checkTimeout(chat), delayMs);
  }

  private checkTimeout(chat: ChatRecord): void {
    chat.timeoutTimer = undefined;
    if (chat.state !== 'chatting' || chat.agent?.kind !== 'bot') return;
    const due = chat.lastAgentTouch + this.s.config.chatTimeoutMs;
    const now = this.s.now();
    if (now < due) {
      this.scheduleTimeout(chat, due - now);
      return;
    }
    this.systemLine(chat, SystemMessage.disconnected());
    this.finish(chat);
  }

  private systemLine(chat: ChatRecord, message: { id: number; text: string }): ChatEvent {
    return this.s.addEvent(chat, {
      type: 'line',
      textType: 'plain',
      text: message.text,
      by: 'info',
      source: 'system',
      systemMessageId: message.id,
      subType: 'REGULAR',
    });
  }
}
