/**
 * The Messaging soak's verdict, read off the simulator's conversations (the ground truth) with the
 * chat soak's reading (`transcriptFigures`: acks by line and nonce), plus what Messaging adds: the
 * socket drops, token expiries and request faults the bots went through. Pure.
 */
import { transcriptFigures, type SoakRunFigures, type TranscriptEvent, type TranscriptFigures } from './figures.js';
import type { RequestFaultKind } from './messagingFaultPlan.js';

/** One event as `sim.messaging.conversation(id).events` gives it (the fields read here). */
export interface MessagingEventLike {
  sequence: number;
  from: 'consumer' | 'agent';
  type: string;
  text?: string;
  private?: boolean;
}

/**
 * A conversation's events as a chat transcript: the consumer's text messages are visitor lines, the
 * bot's are agent lines, ordered by sequence; receipts and private text are not lines.
 */
export function messagingTranscript(events: readonly MessagingEventLike[]): TranscriptEvent[] {
  return events.map((e) => ({
    id: e.sequence,
    type: e.type === 'ContentEvent' && !e.private ? 'line' : e.type,
    source: e.from === 'consumer' ? 'visitor' : 'agent',
    ...(e.text !== undefined ? { text: e.text } : {}),
  }));
}

export interface MessagingSoakFigures extends Omit<TranscriptFigures, 'chatsTimedOut' | 'chatsEndedInOutage' | 'visitorLinesUnansweredInEndedChats'>, SoakRunFigures {
  transport: 'messaging';
  /** Consumer lines published (the first of each conversation included). */
  visitorLinesSent: number;
  botLinesSent: number;
  /** Lines the adapter reported it could not deliver (event `lineUndeliverable`): none may be. */
  botLinesUndeliverable: number;
  unhandledErrors: number;
  turnErrorsChatEnded: number;
  maxBotStallMs: number;
  maxSimulatorStallMs: number;
  /** Sockets the soak closed (dropped without a close frame, or closed with a code). */
  socketDrops: number;
  socketDropsByCode: Record<string, number>;
  /** Logins the soak ended (the bot's sockets closed with 4401: it must log in again). */
  tokenExpiries: number;
  /** Request faults that fired, by kind. */
  requestFaults: Record<RequestFaultKind, number>;
  /** Login Service requests answered 500 (re-logins go through it). */
  loginFaults: number;
  /** Sockets the bots opened past their first (reconnects, restarts included). */
  reconnects: number;
}

/** Reads the conversations and the bots' reports into the figures' transcript part. */
export function messagingTranscriptFigures(conversations: readonly (readonly MessagingEventLike[])[], sentNonces: ReadonlySet<string>, undeliverableNonces: ReadonlySet<string>) {
  const { chatsTimedOut: _t, chatsEndedInOutage: _o, visitorLinesUnansweredInEndedChats: _u, ...rest } = transcriptFigures(conversations.map(messagingTranscript), sentNonces, undeliverableNonces);
  return rest;
}

/**
 * Nothing lost, nothing doubled, nobody left unanswered, nothing reported undeliverable, no unhandled
 * error. No excuse: Messaging conversations do not time out while the bot is away, so every line can
 * be answered once the bot is back.
 */
export function messagingSoakPassed(f: MessagingSoakFigures): boolean {
  return f.visitorLinesSeen === f.visitorLinesSent && f.visitorLinesDuplicated === 0 && f.botLinesDelivered === f.botLinesSent && f.botLinesDuplicated === 0
    && f.botLinesUndeliverable === 0 && f.chatsUnanswered === 0 && f.unhandledErrors === 0;
}
