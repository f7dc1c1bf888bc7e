/**
 * The bench's figures on Messaging: one run of the adapter on the agent websocket (no baseline: there
 * is no polling to compare with). Latency runs from the consumer's message (its text carries the time
 * it was published) to the bot's reply landing; overhead from the moment the server's push reached the
 * adapter. Pure.
 */
import { percentile, round } from './percentile.js';
import type { RunResult } from './run.js';

export interface MessagingBenchFigures {
  transport: 'messaging';
  chats: number;
  bots: number;
  /** Websocket requests (publishes, receipts, keep-alive, subscriptions) per conversation per minute. */
  requestsPerChatMinute: number;
  /** The same by wire type (what the requests are). */
  requestsPerChatMinuteByType: Record<string, number>;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  overheadP50Ms: number;
  overheadP99Ms: number;
  cpuSecondsPer1000Messages: number;
  rssMb: number;
  messages: number;
  /** Consumer lines without an answer, and answered twice (must be 0). */
  unanswered: number;
  doubled: number;
  botSplit: Record<string, number>;
}

export function messagingFigures(r: RunResult): MessagingBenchFigures {
  return {
    transport: 'messaging',
    chats: r.chats,
    bots: r.bots,
    requestsPerChatMinute: round(r.requests / r.chats / r.minutes, 2),
    requestsPerChatMinuteByType: Object.fromEntries(Object.entries(r.requestsByOperation).filter(([, n]) => n > 0).map(([type, n]) => [type, round(n / r.chats / r.minutes, 2)])),
    latencyP50Ms: round(percentile(r.latenciesMs, 50)),
    latencyP99Ms: round(percentile(r.latenciesMs, 99)),
    latencyMaxMs: round(r.latenciesMs.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY)),
    overheadP50Ms: round(percentile(r.overheadsMs, 50)),
    overheadP99Ms: round(percentile(r.overheadsMs, 99)),
    cpuSecondsPer1000Messages: round((r.cpuSeconds / Math.max(1, r.repliesSent)) * 1000, 3),
    rssMb: round(r.rssMb),
    messages: r.repliesSent,
    unanswered: r.unanswered,
    doubled: r.doubled,
    botSplit: r.botChats,
  };
}

/** Did every line get exactly one answer (and was there any line at all)? */
export function messagingRunOk(f: MessagingBenchFigures): boolean {
  return f.unanswered === 0 && f.doubled === 0 && f.messages > 0;
}
