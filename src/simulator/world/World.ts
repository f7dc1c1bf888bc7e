import { Timers } from '../clock.js';
import type { SimulatedBotUser, SimulatedHumanAgent, SimulatorChange, SimulatorClock } from '../types.js';
import { ChatRules } from './chatRules.js';
import { Logins } from './logins.js';
import { AgentRecord, type AgentSessionRecord, type LoginRecord } from './model.js';
import { Router } from './routing.js';
import { WorldState, type WorldConfig } from './state.js';

export interface WorldOptions extends WorldConfig {
  botUsers: readonly SimulatedBotUser[];
  humanAgents: readonly SimulatedHumanAgent[];
  clock: SimulatorClock;
  onChange: (change: SimulatorChange) => void;
}

/**
 * The simulated LiveEngage account: no HTTP here, time through an injectable clock. The rule modules
 * share one indexed state; routes and the control API call them.
 */
export class World {
  readonly timers: Timers;
  readonly state: WorldState;
  readonly router: Router;
  readonly chats: ChatRules;
  readonly logins: Logins;

  constructor(options: WorldOptions) {
    this.timers = new Timers(options.clock);
    this.state = new WorldState(options, this.timers, options.onChange);
    let order = 0;
    for (const user of options.botUsers) this.state.addAgent(new AgentRecord('bot', user, order++));
    for (const human of options.humanAgents) this.state.addAgent(new AgentRecord('human', human, order++));
    this.router = new Router(this.state);
    this.chats = new ChatRules(this.state, this.router);
    this.logins = new Logins(this.state, this.router, this.chats);
  }

  /**
   * Opens an agent session; the user's first one puts it in the initial availability (the world
   * option), so a queued chat may ring it at once. Later sessions share the agent's availability.
   */
  openAgentSession(login: LoginRecord): AgentSessionRecord {
    const first = login.agent.agentSessions.size === 0;
    const session = this.logins.startAgentSession(login);
    if (first) this.router.setAvailability(login.agent, this.config.initialAvailability ?? 'Online');
    return session;
  }

  get config(): WorldConfig {
    return this.state.config;
  }

  now(): number {
    return this.timers.now();
  }

  /** Clears every timer; the world is inert afterwards. */
  stop(): void {
    this.timers.clearAll();
  }
}
