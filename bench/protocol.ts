import type { SimulatorStats } from '../src/simulator/index.js';

/** A bot user of the bench's simulator. */
export interface BenchBotUser {
  username: string;
  password: string;
}

/** What run.ts asks of the simulator process. */
export type ToSimulator =
  | { cmd: 'open'; chats: number }
  | { cmd: 'talk'; chatIds: string[]; lineEveryMs: number }
  | { cmd: 'quiet' }
  /** Waits (at most `timeoutMs`) until every visitor line has its answer, then says how it stands. */
  | { cmd: 'check'; timeoutMs: number }
  | { cmd: 'exit' };

/** What the simulator process answers. */
export type FromSimulator =
  | { cmd: 'ready'; domainApiUrl: string; accountId: string; botUsers: BenchBotUser[] }
  | { cmd: 'opened'; chatIds: string[] }
  /** Requests the bots made (on Messaging: websocket requests by wire type). */
  | { cmd: 'stats'; stats: Pick<SimulatorStats, 'total' | 'byOperation'>; linesSent: number }
  | { cmd: 'checked'; linesSent: number; unanswered: number; doubled: number }
  | { cmd: 'failed'; error: string };

/** The bot's answer to a visitor line: names the line, so the transcript shows which line it answers. */
export const replyTo = (text: string) => `re ${text}`;
