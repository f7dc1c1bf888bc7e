/**
 * The simulator's public types: its options, its world (account, skills, users) and its control API.
 * The simulator shares nothing with the client but `src/api/wire.ts`.
 */

export interface SimulatedSkill {
  id: number;
  name: string;
}

/** A bot user that logs in through the Login Service API (password or API key). */
export interface SimulatedBotUser {
  id: string;
  loginName: string;
  /** What visitors see ("agentName"). */
  nickname: string;
  password?: string;
  appKey?: { appKey: string; secret: string; accessToken: string; accessTokenSecret: string };
  /** Skill ids. */
  skills: number[];
  /** -1 = unlimited. */
  maxChats: number;
}

/** A human agent the simulator plays (taken, answered and ended through the control API). */
export interface SimulatedHumanAgent {
  id: string;
  loginName: string;
  nickname: string;
  skills: number[];
  maxChats: number;
  online: boolean;
}

export interface LiveEngageSimulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; `127.0.0.1` by default. Anything else is said loudly at start. */
  host?: string;
  /** Account (site) id. Default `12345678`. */
  accountId?: string;
  skills?: SimulatedSkill[];
  botUsers?: SimulatedBotUser[];
  humanAgents?: SimulatedHumanAgent[];
  /** Seconds of agent silence before a chat times out (`info.chatTimeout`). Default 40. */
  chatTimeoutSeconds?: number;
  /** Seconds a ringing chat waits for accept before the agent is set Away. Default 20. */
  acceptTimeoutSeconds?: number;
  /** Login session TTL in ms (`sessionTTl`). Default 8 h. */
  sessionTtlMs?: number;
  /** Log each request (method, path, status) through `debug` (`botbuilder-adapter-liveengage:simulator`). */
  log?: boolean;
}
