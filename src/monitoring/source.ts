import type { ChatFact, LiveEngageAdapterEvents } from '../core/events.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

/** What monitoring needs of an adapter: its `on`/`off` for the facts it reports. `LiveEngageAdapter` is one. */
export interface LiveEngageEventSource {
  on<E extends keyof LiveEngageAdapterEvents>(event: E, listener: (...args: LiveEngageAdapterEvents[E]) => void): unknown;
  off<E extends keyof LiveEngageAdapterEvents>(event: E, listener: (...args: LiveEngageAdapterEvents[E]) => void): unknown;
}

/** The `variant` label of chats served without A/B testing. */
export const NO_VARIANT = 'none';
/** The label of a missing value (no reason, no target, no skill). */
export const NONE = 'none';
/** The `reason` label of reasons past the cardinality cap. */
export const OTHER_REASON = 'other';

/** Default longest `reason` label. */
export const REASON_LABEL_MAX_LENGTH = 60;

/**
 * A transfer reason as a metric label. Reasons are free text (`createTransferActivity(skill, reason)`,
 * the escalation middleware's `Visitor asked for a person ("agent")`, failover's `Bot error: <message>`),
 * so they are folded into few values: lower case, white space collapsed; a `Category: details` reason
 * keeps its category (`Bot error: boom` -> `bot error`); numbers become `#` and a number in parentheses
 * goes (`Intent Complaint (0.91)` -> `intent complaint`); at most `maxLength` characters (cut with `…`).
 * No reason is `none`.
 */
export function reasonLabel(reason: string | undefined | null, maxLength = REASON_LABEL_MAX_LENGTH): string {
  if (typeof reason !== 'string') return NONE;
  let text = reason.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  if (!text) return NONE;
  const colon = text.indexOf(': ');
  if (colon > 0 && colon <= 40) text = text.slice(0, colon);
  text = text
    .replace(/\s*\(\s*[+-]?\d+(?:[.,]\d+)*\s*%?\s*\)/g, '')
    .replace(/\d+(?:[.,]\d+)*/g, '#')
    .trim();
  if (!text) return NONE;
  if (text.length > maxLength) text = `${text.slice(0, Math.max(1, maxLength - 1)).trimEnd()}…`;
  return text;
}

/** A short label from free text (targets, skills, variants, operations): trimmed, at most 100 characters. */
export function shortLabel(value: string | number | undefined | null, fallback = NONE): string {
  if (value === undefined || value === null) return fallback;
  const text = String(value).trim();
  if (!text) return fallback;
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

/** What both observers remember of a chat: its labels, and counters of their own. */
export type ChatEntry<T> = Required<Pick<ChatFact, 'chatId' | 'botUser'>> & { variant: string; skill?: string; acceptedAt: number } & T;

/**
 * The chats an observer follows, by chat id: the open ones, and the last `keepClosed` closed ones (a
 * CSAT answer or a late fact may still name them).
 */
export class ChatBook<T extends object> {
  private readonly open = new Map<string, ChatEntry<T>>();
  private readonly closed = new Map<string, ChatEntry<T>>();

  constructor(private readonly init: () => T, private readonly keepClosed = 1000) {}

  /** The open chat of this fact; created when it was accepted before observing began. */
  entry(fact: ChatFact): ChatEntry<T> {
    let entry = this.open.get(fact.chatId);
    if (!entry) {
      entry = { chatId: fact.chatId, botUser: fact.botUser, variant: fact.variant || NO_VARIANT, acceptedAt: Date.now(), ...(fact.skill ? { skill: fact.skill } : {}), ...this.init() };
      this.open.set(fact.chatId, entry);
      this.closed.delete(fact.chatId);
    }
    if (fact.skill && !entry.skill) entry.skill = fact.skill;
    return entry;
  }

  /** Whether this chat is known open. */
  isOpen(chatId: string): boolean {
    return this.open.has(chatId);
  }

  /** A chat, open or recently closed. */
  find(chatId: string): ChatEntry<T> | undefined {
    return this.open.get(chatId) ?? this.closed.get(chatId);
  }

  /** Moves the chat to the closed ones; returns it (undefined when it was not open). */
  close(chatId: string): ChatEntry<T> | undefined {
    const entry = this.open.get(chatId);
    if (!entry) return undefined;
    this.open.delete(chatId);
    this.closed.set(chatId, entry);
    while (this.closed.size > this.keepClosed) {
      const oldest = this.closed.keys().next().value;
      if (oldest === undefined) break;
      this.closed.delete(oldest);
    }
    return entry;
  }

  clear(): void {
    this.open.clear();
    this.closed.clear();
  }
}

/**
 * Subscribes listeners to a source and returns the unsubscribe (idempotent). A listener that throws is
 * contained: the adapter emits synchronously, and monitoring must never break a chat.
 */
export function subscribe(
  source: LiveEngageEventSource,
  listeners: { [E in keyof LiveEngageAdapterEvents]?: (...args: LiveEngageAdapterEvents[E]) => void },
  onError: (event: string, error: unknown) => void,
): () => void {
  if (!source || typeof source.on !== 'function' || typeof source.off !== 'function') {
    throw codedError(TypeError, 'observe(): adapter must be a LiveEngageAdapter (or have on/off for its events).', LiveEngageErrorCode.INVALID_ARGUMENT);
  }
  const bound: [keyof LiveEngageAdapterEvents, (...args: never[]) => void][] = [];
  for (const [event, listener] of Object.entries(listeners) as [keyof LiveEngageAdapterEvents, (...args: unknown[]) => void][]) {
    const safe = (...args: unknown[]) => {
      try {
        listener(...args);
      } catch (error) {
        onError(event, error);
      }
    };
    source.on(event, safe as never);
    bound.push([event, safe]);
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    for (const [event, listener] of bound) source.off(event, listener as never);
  };
}
