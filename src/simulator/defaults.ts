import type { AgentAvailability, SimulatedBotUser, SimulatedHumanAgent, SimulatedSkill } from './types.js';

/**
 * The world a simulator starts with when no options say otherwise. Tests and samples log in with
 * these credentials; they are published on purpose and only ever valid against the simulator.
 */
export const SIMULATOR_DEFAULTS = {
  accountId: '12345678',
  skills: [
    { id: 1, name: 'support-bot' },
    { id: 2, name: 'human-support' },
    { id: 3, name: 'sales' },
  ] as readonly SimulatedSkill[],
  botUsers: [
    {
      id: '1001',
      loginName: 'support-bot',
      nickname: 'Support Bot',
      password: 'bot-password',
      appKey: {
        appKey: 'app-key-1001',
        secret: 'app-secret-1001',
        accessToken: 'access-token-1001',
        accessTokenSecret: 'access-token-secret-1001',
      },
      skills: [1],
      maxChats: -1,
    },
    {
      id: '1002',
      loginName: 'support-bot-2',
      nickname: 'Support Bot 2',
      password: 'bot-password-2',
      appKey: {
        appKey: 'app-key-1002',
        secret: 'app-secret-1002',
        accessToken: 'access-token-1002',
        accessTokenSecret: 'access-token-secret-1002',
      },
      skills: [1],
      maxChats: -1,
    },
  ] as readonly SimulatedBotUser[],
  humanAgents: [
    { id: '2001', loginName: 'alice', nickname: 'Alice', skills: [2], maxChats: 4, online: true },
    { id: '2002', loginName: 'bob', nickname: 'Bob', skills: [2, 3], maxChats: 4, online: false },
  ] as readonly SimulatedHumanAgent[],
  chatTimeoutSeconds: 40,
  acceptTimeoutSeconds: 20,
  /**
   * A bot's availability when its first agent session opens. Online: clients that never set it (two
   * public ones) evidently get chats, and the docs' getting-started order has no availability step.
   */
  initialAvailability: 'Online' as AgentAvailability,
  /** 8 h, as the docs' `sessionTTl` example. */
  sessionTtlMs: 8 * 60 * 60 * 1000,
  maxEndedChats: 10_000,
} as const;
