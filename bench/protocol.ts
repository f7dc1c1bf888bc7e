import type { SimulatorStats } from '../src/simulator/index.js';

/** What bench.ts asks of the simulator process. */
export type ToSimulator =
  | { cmd: 'open'; chats: number }
  | { cmd: 'talk'; chatIds: string[]; lineEveryMs: number }
  | { cmd: 'quiet' }
  | { cmd: 'exit' };

/** What the simulator process answers. */
export type FromSimulator =
  | { cmd: 'ready'; domainApiUrl: string; accountId: string }
  | { cmd: 'opened'; chatIds: string[] }
  | { cmd: 'stats'; stats: SimulatorStats; linesSent: number };
