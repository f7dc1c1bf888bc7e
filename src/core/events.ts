/**
 * What the adapter reports as it works: the facts monitoring is made of (chats accepted and how they
 * closed, transfers and their reasons, lines, turns, API calls, polls). `adapter.on('transfer', ...)`.
 * Every chat fact carries the bot user and, with A/B testing, the variant.
 */

/** Labels every chat fact carries. */
export interface ChatFact {
  chatId: string;
  /** The bot user's login name. */
  botUser: string;
  /** The A/B variant serving the chat, when variants are used. */
  variant?: string;
  /** The skill the chat came in on, when LiveEngage says (the simulator does). */
  skill?: string;
}

/** How a chat left the bot. */
export type ChatOutcome =
  /** Ended (by the visitor, the bot or a timeout) without a transfer: the bot resolved it. */
  | 'resolved'
  /** Handed to another skill or agent. */
  | 'transferred'
  /** Let go without an end: the adapter stopped, or LiveEngage stopped returning the chat. */
  | 'released';

export interface LiveEngageAdapterEvents {
  chatAccepted: [ChatFact];
  chatClosed: [ChatFact & { outcome: ChatOutcome; durationMs: number }];
  transfer: [ChatFact & { state: 'accepted' | 'failed'; target?: string; reason?: string; message: string; failover: boolean }];
  visitorLine: [ChatFact];
  /** A line the bot sent; `replyLatencyMs` from the visitor line it answers (first reply only). */
  botLine: [ChatFact & { replyLatencyMs?: number; private: boolean }];
  turn: [ChatFact & { activityType: string; durationMs: number; failed: boolean }];
  apiCall: [{ botUser: string; operation: string; status?: number; ms: number; errorKind?: string }];
  poll: [{ botUser: string; durationMs: number; openChats: number }];
  /**
   * Something the bot sent that can no longer be delivered (the chat ended or left the bot while it
   * waited in the outbox, LiveEngage refused it, the adapter stopped or gave up): never dropped silently.
   */
  lineUndeliverable: [ChatFact & { action: 'line' | 'transfer' | 'end'; text?: string; private: boolean; reason: string }];
  /** An attempt to log in again failed; the next one is in `retryInMs` (LivePerson's slow outer loop). */
  reloginFailed: [{ botUser: string; attempt: number; retryInMs: number; error: string }];
  /**
   * Our login was ended soon after it began: another process logged in as the same bot user (or the
   * bearer was revoked). `gaveUp`: it happened `maxTakeovers` times within `takeoverWindowMs`; the
   * adapter stopped logging in again.
   */
  takeover: [{ botUser: string; count: number; gaveUp: boolean; message: string }];
}
