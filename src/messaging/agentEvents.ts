/**
 * What `MessagingAgent` tells its user: the typed events a future engine integration maps to activities
 * (see README.md, "How it maps to the engine's chat notions").
 */
import type { MessagingError } from './errors.js';
import type { CloseInfo } from './MessagingConnection.js';
import type { WireEvent, WireMetadata } from './wire.js';

export interface ConversationInfo {
  conversationId: string;
  consumerId: string | undefined;
  skillId: string;
  /** True when the conversation was already assigned (after a reconnect or a restart), not newly accepted. */
  resumed: boolean;
  context?: Record<string, unknown>;
}

export interface ConsumerMessage {
  conversationId: string;
  sequence: number;
  consumerId: string;
  serverTimestamp?: number;
  /** The text of a text/plain ContentEvent (quick-reply clicks arrive this way too). */
  text?: string;
  event: WireEvent;
  metadata?: WireMetadata[];
}

export interface ConversationClosed {
  conversationId: string;
  /** `closed`: the conversation ended; `transferred`: the bot was removed (by itself or someone else). */
  how: 'closed' | 'transferred';
  closeReason?: string;
}

/** The events of `MessagingAgent`. */
export interface AgentEvents {
  /** Socket (re)opened and subscribed: ONLINE, rings and conversations flowing. */
  ready: [{ reconnect: boolean }];
  disconnected: [CloseInfo];
  fatal: [MessagingError];
  conversationStarted: [ConversationInfo];
  consumerMessage: [ConsumerMessage];
  consumerTyping: [{ conversationId: string; typing: boolean; chatState: string }];
  conversationClosed: [ConversationClosed];
  /** The last sequence delivered in order, for the engine to store (its "progress"). */
  progress: [{ conversationId: string; sequence: number }];
}
