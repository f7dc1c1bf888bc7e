/**
 * The soak's verdict, read off the simulator's transcripts (the ground truth) and what the bots said
 * they sent. Pure: tested with hand-made transcripts.
 */

/** What every soak run reports of itself, on either transport. */
export interface SoakRunFigures {
  botsKilled: number;
  botRestarts: number;
  bots: number;
  storage: string;
  timing: string;
  seconds: number;
  chats: number;
}

export interface SoakFigures extends SoakRunFigures {
  visitorLinesSent: number;
  /** Visitor lines that got at least one `ack`. */
  visitorLinesSeen: number;
  /** Visitor lines acked by two different sends (answered twice). */
  visitorLinesDuplicated: number;
  botLinesSent: number;
  botLinesDelivered: number;
  /** Bot sends that landed twice (one send, two lines). */
  botLinesDuplicated: number;
  /** Lines the adapter reported it could not deliver (event `lineUndeliverable`). */
  botLinesUndeliverable: number;
  /** Of the bot's sends that completed (queued while re-login was on hold), those reported undeliverable later, not delivered. */
  botLinesSentThenUndeliverable: number;
  /** Chats whose last visitor line has no agent line after it. */
  chatsUnanswered: number;
  /** Chats LiveEngage ended because the bot went silent past `chatTimeout`, the outage's aside. */
  chatsTimedOut: number;
  /**
   * Chats LiveEngage timed out while their bot could not log in (the login outage, longer than a send's
   * retries and than the chat timeout, began with that bot's bearer revoked): nothing can reach them.
   */
  chatsEndedInOutage: number;
  /** Visitor lines in those chats the bot never answered (it could not read them, or its answer was reported undeliverable). */
  visitorLinesUnansweredInEndedChats: number;
  unhandledErrors: number;
  /** Turns that failed on a line the adapter reported undeliverable (its chat had ended). */
  turnErrorsChatEnded: number;
  /** The longest a bot process's event loop was blocked, in ms (over the chat timeout: the machine was too busy to tell). */
  maxBotStallMs: number;
  /** The same for the simulator's process (the soak's). */
  maxSimulatorStallMs: number;
  faultsInjected: number;
  bearersRevoked: number;
  loginOutages: number;
  reloginFailures: number;
  takeovers: number;
}

/** One chat's events as the simulator's `chat(id).events` gives them. */
export interface TranscriptEvent {
  id: number;
  type: string;
  source?: string;
  text?: string;
  systemMessageId?: number | string;
}

/** LiveEngage's system line for a chat that timed out ("disconnected"). */
const DISCONNECTED = 6;

export interface TranscriptFigures {
  visitorLinesSeen: number;
  visitorLinesDuplicated: number;
  botLinesDelivered: number;
  botLinesDuplicated: number;
  chatsUnanswered: number;
  chatsTimedOut: number;
  chatsEndedInOutage: number;
  visitorLinesUnansweredInEndedChats: number;
  botLinesSentThenUndeliverable: number;
}

/** One chat's transcript; `endedInOutage` when LiveEngage timed it out while its bot could not log in. */
export interface SoakTranscript {
  events: TranscriptEvent[];
  endedInOutage?: boolean;
}

/** Reads the acks (`ack <line> #<nonce>`) off every chat and checks them against the sends reported. */
export function transcriptFigures(transcripts: (TranscriptEvent[] | SoakTranscript)[], sentNonces: ReadonlySet<string>, undeliverableNonces: ReadonlySet<string> = new Set()): TranscriptFigures {
  const acks = new Map<string, Set<string>>();
  const nonceCount = new Map<string, number>();
  let chatsUnanswered = 0;
  let chatsTimedOut = 0;
  let chatsEndedInOutage = 0;
  let visitorLinesUnansweredInEndedChats = 0;
  for (const transcript of transcripts) {
    const { events, endedInOutage = false } = Array.isArray(transcript) ? { events: transcript } : transcript;
    let lastVisitor = -1;
    let lastAgent = -1;
    const visitorLines: string[] = [];
    for (const e of events) {
      if (e.type !== 'line') continue;
      if (e.source === 'system' && Number(e.systemMessageId) === DISCONNECTED) {
        if (endedInOutage) chatsEndedInOutage += 1;
        else chatsTimedOut += 1;
      }
      if (e.source === 'visitor') {
        lastVisitor = e.id;
        visitorLines.push(e.text ?? '');
      }
      if (e.source !== 'agent') continue;
      lastAgent = e.id;
      const m = /^ack (\S+) #(\S+)$/.exec(e.text ?? '');
      if (!m) continue;
      const [, line, nonce] = m as unknown as [string, string, string];
      acks.set(line, (acks.get(line) ?? new Set()).add(nonce));
      nonceCount.set(nonce, (nonceCount.get(nonce) ?? 0) + 1);
    }
    if (endedInOutage) visitorLinesUnansweredInEndedChats += visitorLines.filter((text) => !acks.has(text)).length;
    else if (lastVisitor > lastAgent) chatsUnanswered += 1;
  }
  return {
    chatsEndedInOutage,
    visitorLinesUnansweredInEndedChats,
    botLinesSentThenUndeliverable: [...sentNonces].filter((n) => !nonceCount.has(n) && undeliverableNonces.has(n)).length,
    visitorLinesSeen: acks.size,
    visitorLinesDuplicated: [...acks.values()].filter((nonces) => nonces.size > 1).length,
    botLinesDelivered: [...sentNonces].filter((n) => nonceCount.has(n)).length,
    botLinesDuplicated: [...nonceCount.values()].filter((count) => count > 1).length,
    chatsUnanswered,
    chatsTimedOut,
  };
}

/**
 * Nothing lost, nothing doubled, nobody left unanswered, no unhandled error. The one excuse: chats
 * LiveEngage timed out while their bot could not log in; what the bot could not answer there is counted
 * apart, and each line it had sent there must have been reported undeliverable (never dropped silently).
 */
export function soakPassed(f: SoakFigures): boolean {
  return f.visitorLinesSeen + f.visitorLinesUnansweredInEndedChats === f.visitorLinesSent && f.visitorLinesDuplicated === 0 && f.botLinesDelivered + f.botLinesSentThenUndeliverable === f.botLinesSent
    && f.botLinesDuplicated === 0 && (f.botLinesUndeliverable === 0 || f.chatsEndedInOutage > 0) && f.chatsUnanswered === 0 && f.chatsTimedOut === 0 && f.unhandledErrors === 0;
}
