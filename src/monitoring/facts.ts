/**
 * The one event stream both bookkeepings of `LiveEngageMetrics` read: the adapter's events and the
 * CSAT answers, with their labels settled (a chat keeps the bot user and variant it was accepted with,
 * reasons folded and capped, free text shortened, times never negative). The Prometheus recorder
 * (`prometheus.ts`) and the summary reducer (`summary.ts`) each take a `MetricFact` and nothing else.
 */
import type { ChatOutcome, LiveEngageAdapterEvents } from '../core/events.js';
import type { CsatResponse } from '../csat/types.js';
import { ChatBook, NONE, NO_VARIANT, OTHER_REASON, shortLabel } from './source.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

/** The labels of a chat fact. */
export interface ChatLabels {
  botUser: string;
  /** `none` without A/B testing. */
  variant: string;
}

/** One thing that happened, labelled; times in ms, never negative. */
export type MetricFact =
  | (ChatLabels & { kind: 'chatAccepted'; skill: string; /** The chat was not open before (the open gauge goes up). */ opened: boolean })
  | (ChatLabels & { kind: 'chatClosed'; outcome: ChatOutcome; durationMs: number; /** The chat was followed open (the open gauge goes down). */ wasOpen: boolean })
  | (ChatLabels & { kind: 'transfer'; target: string; reason: string; state: 'accepted' | 'failed'; failover: boolean })
  | (ChatLabels & { kind: 'visitorLine' })
  | (ChatLabels & { kind: 'botLine'; private: boolean; replyLatencyMs?: number })
  | (ChatLabels & { kind: 'lineUndeliverable'; action: string })
  | (ChatLabels & { kind: 'turn'; activityType: string; failed: boolean; durationMs: number })
  | (ChatLabels & { kind: 'csatRating'; rating: 1 | 2 | 3 | 4 | 5 })
  | (ChatLabels & { kind: 'csatSkipped'; reason: string })
  | { kind: 'apiCall'; botUser: string; operation: string; /** `none` when no answer came. */ status: string; errorKind?: string; durationMs: number }
  | { kind: 'poll'; botUser: string; durationMs: number }
  | { kind: 'reloginFailed'; botUser: string }
  | { kind: 'takeover'; botUser: string; gaveUp: boolean };

type Events = LiveEngageAdapterEvents;
const ms = (value: number): number => Math.max(0, value);

/**
 * Turns adapter events and CSAT answers into `MetricFact`s. Stateful only for labels: the chats it
 * follows (so a fact never moves a chat between variants) and the reason labels seen (the cap).
 */
export class FactLabeller {
  private readonly chats = new ChatBook<object>(() => ({}));
  private readonly reasons = new Set<string>();

  constructor(
    private readonly toReason: (reason: string | undefined) => string,
    private readonly maxReasons: number,
  ) {}

  chatAccepted(fact: Events['chatAccepted'][0]): MetricFact {
    const opened = !this.chats.isOpen(fact.chatId);
    const chat = this.chats.entry(fact);
    return { kind: 'chatAccepted', botUser: chat.botUser, variant: chat.variant, skill: shortLabel(fact.skill, 'unknown'), opened };
  }

  chatClosed(fact: Events['chatClosed'][0]): MetricFact {
    const chat = this.chats.close(fact.chatId);
    const labels = { botUser: chat?.botUser ?? fact.botUser, variant: chat?.variant ?? (fact.variant || NO_VARIANT) };
    return { kind: 'chatClosed', ...labels, outcome: fact.outcome, durationMs: ms(fact.durationMs), wasOpen: chat !== undefined };
  }

  transfer(fact: Events['transfer'][0]): MetricFact {
    return { kind: 'transfer', ...this.labels(fact), target: shortLabel(fact.target), reason: this.reasonOf(fact.reason), state: fact.state, failover: Boolean(fact.failover) };
  }

  visitorLine(fact: Events['visitorLine'][0]): MetricFact {
    return { kind: 'visitorLine', ...this.labels(fact) };
  }

  botLine(fact: Events['botLine'][0]): MetricFact {
    const latency = typeof fact.replyLatencyMs === 'number' && Number.isFinite(fact.replyLatencyMs) ? { replyLatencyMs: ms(fact.replyLatencyMs) } : {};
    return { kind: 'botLine', ...this.labels(fact), private: Boolean(fact.private), ...latency };
  }

  lineUndeliverable(fact: Events['lineUndeliverable'][0]): MetricFact {
    return { kind: 'lineUndeliverable', ...this.labels(fact), action: shortLabel(fact.action, 'line') };
  }

  turn(fact: Events['turn'][0]): MetricFact {
    return { kind: 'turn', ...this.labels(fact), activityType: shortLabel(fact.activityType, 'unknown'), failed: Boolean(fact.failed), durationMs: ms(fact.durationMs) };
  }

  apiCall(fact: Events['apiCall'][0]): MetricFact {
    const errorKind = fact.errorKind ? { errorKind: fact.errorKind } : {};
    return { kind: 'apiCall', botUser: shortLabel(fact.botUser, 'unknown'), operation: shortLabel(fact.operation, 'unknown'), status: fact.status === undefined ? NONE : String(fact.status), durationMs: ms(fact.ms), ...errorKind };
  }

  poll(fact: Events['poll'][0]): MetricFact {
    return { kind: 'poll', botUser: shortLabel(fact.botUser, 'unknown'), durationMs: ms(fact.durationMs) };
  }

  reloginFailed(fact: Events['reloginFailed'][0]): MetricFact {
    return { kind: 'reloginFailed', botUser: shortLabel(fact.botUser, 'unknown') };
  }

  takeover(fact: Events['takeover'][0]): MetricFact {
    return { kind: 'takeover', botUser: shortLabel(fact.botUser, 'unknown'), gaveUp: Boolean(fact.gaveUp) };
  }

  /** A CSAT answer; labels come from the followed chat when known. Throws a `RangeError` for a rating outside 1-5. */
  csat(response: CsatResponse): MetricFact {
    const chat = this.chats.find(response.chatId);
    const labels = { botUser: chat?.botUser ?? shortLabel(response.botUser, 'unknown'), variant: chat?.variant ?? shortLabel(response.variant, NO_VARIANT) };
    if (response.rating === undefined) return { kind: 'csatSkipped', ...labels, reason: response.skipped };
    const rating: number = response.rating;
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw codedError(RangeError, `LiveEngageMetrics.recordCsat(): rating must be 1-5 (got ${String(rating)}).`, LiveEngageErrorCode.INVALID_ARGUMENT);
    return { kind: 'csatRating', ...labels, rating: rating as 1 | 2 | 3 | 4 | 5 };
  }

  /** Forgets the chats followed and the reasons seen. */
  clear(): void {
    this.chats.clear();
    this.reasons.clear();
  }

  /** A chat fact's labels: the chat's own when it is followed. */
  private labels(fact: { chatId: string; botUser: string; variant?: string }): ChatLabels {
    const chat = this.chats.find(fact.chatId);
    return { botUser: chat?.botUser ?? fact.botUser, variant: chat?.variant ?? (fact.variant || NO_VARIANT) };
  }

  /** The reason label, within the cardinality cap. */
  private reasonOf(reason: string | undefined): string {
    const label = shortLabel(this.toReason(reason));
    if (this.reasons.has(label)) return label;
    if (this.reasons.size >= this.maxReasons) return OTHER_REASON;
    this.reasons.add(label);
    return label;
  }
}
