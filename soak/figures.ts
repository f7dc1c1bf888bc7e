/**
 * The soak's verdict, read off the simulator's transcripts (the ground truth) and what the bots said
 * they sent. Pure: tested with hand-made transcripts.
 */

export interface SoakFigures {
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
  /** Chats whose last visitor line has no agent line after it. */
  chatsUnanswered: number;
  /** Chats LiveEngage ended because the bot went silent past `chatTimeout`. */
  chatsTimedOut: number;
  unhandledErrors: number;
  faultsInjected: number;
  bearersRevoked: number;
  loginOutages: number;
  reloginFailures: number;
  takeovers: number;
  botsKilled: number;
  botRestarts: number;
  bots: number;
  storage: string;
  timing: string;
  seconds: number;
  chats: number;
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
}

/** Reads the acks (`ack <line> #<nonce>`) off every chat and checks them against the sends reported. */
export function transcriptFigures(transcripts: TranscriptEvent[][], sentNonces: ReadonlySet<string>): TranscriptFigures {
  const acks = new Map<string, Set<string>>();
  const nonceCount = new Map<string, number>();
  let chatsUnanswered = 0;
  let chatsTimedOut = 0;
  for (const events of transcripts) {
    let lastVisitor = -1;
    let lastAgent = -1;
    for (const e of events) {
      if (e.type !== 'line') continue;
      if (e.source === 'system' && Number(e.systemMessageId) === DISCONNECTED) chatsTimedOut += 1;
      if (e.source === 'visitor') lastVisitor = e.id;
      if (e.source !== 'agent') continue;
      lastAgent = e.id;
      const m = /^ack (\S+) #(\S+)$/.exec(e.text ?? '');
      if (!m) continue;
      const [, line, nonce] = m as unknown as [string, string, string];
      acks.set(line, (acks.get(line) ?? new Set()).add(nonce));
      nonceCount.set(nonce, (nonceCount.get(nonce) ?? 0) + 1);
    }
    if (lastVisitor > lastAgent) chatsUnanswered += 1;
  }
  return {
    visitorLinesSeen: acks.size,
    visitorLinesDuplicated: [...acks.values()].filter((nonces) => nonces.size > 1).length,
    botLinesDelivered: [...sentNonces].filter((n) => nonceCount.has(n)).length,
    botLinesDuplicated: [...nonceCount.values()].filter((count) => count > 1).length,
    chatsUnanswered,
    chatsTimedOut,
  };
}

/** Nothing lost, nothing doubled, nobody left unanswered, no unhandled error. */
export function soakPassed(f: SoakFigures): boolean {
  return f.visitorLinesSeen === f.visitorLinesSent && f.visitorLinesDuplicated === 0 && f.botLinesDelivered === f.botLinesSent
    && f.botLinesDuplicated === 0 && f.botLinesUndeliverable === 0 && f.chatsUnanswered === 0 && f.chatsTimedOut === 0 && f.unhandledErrors === 0;
}
