/**
 * Every metric `LiveEngageMetrics` keeps, declared once: name, type, labels, help and buckets. The
 * Prometheus recorder (`prometheus.ts`) registers these and says per key which fact feeds each.
 */
/** The default metric name prefix. */
export const DEFAULT_METRICS_PREFIX = 'liveengage_';

/** Histogram bucket sets (in seconds, CSAT in points), each replaceable through `buckets`. */
export const DEFAULT_BUCKETS = {
  turnSeconds: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  replyLatencySeconds: [0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 40],
  apiSeconds: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  pollSeconds: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  chatDurationSeconds: [15, 30, 60, 120, 300, 600, 1200, 1800, 3600],
} as const;

export type MetricsBuckets = { -readonly [K in keyof typeof DEFAULT_BUCKETS]?: number[] };

/** One metric as registered: the name (with the prefix), its type and labels. */
export interface MetricDefinition {
  name: string;
  type: 'counter' | 'gauge' | 'histogram';
  labels: readonly string[];
  help: string;
}

const CHAT = ['bot_user', 'variant'] as const;

/** Every metric `LiveEngageMetrics` registers, by key; `name` without the prefix. */
export const METRIC_DEFINITIONS = {
  chatsAccepted: { name: 'chats_accepted_total', type: 'counter', labels: [...CHAT, 'skill'], help: 'Chats the bot user accepted.' },
  chatsClosed: { name: 'chats_closed_total', type: 'counter', labels: [...CHAT, 'outcome'], help: 'Chats that left the bot, by outcome: resolved (ended without a transfer), transferred, released (let go without an end).' },
  chatsResolved: { name: 'chats_resolved_total', type: 'counter', labels: [...CHAT], help: 'Chats the bot resolved: ended (by the visitor, the bot or a timeout) without a transfer.' },
  chatDuration: { name: 'chat_duration_seconds', type: 'histogram', labels: [...CHAT, 'outcome'], help: 'Time from accept to the chat leaving the bot.' },
  openChats: { name: 'open_chats', type: 'gauge', labels: [...CHAT], help: 'Chats the bot holds now.' },
  transfers: { name: 'transfers_total', type: 'counter', labels: [...CHAT, 'target', 'reason', 'state', 'failover'], help: 'Transfers the bot (or failover) asked for, by target skill or agent, reason (normalised), state accepted|failed, and failover true|false.' },
  transfersFailed: { name: 'transfers_failed_total', type: 'counter', labels: [...CHAT, 'target', 'reason'], help: 'Transfers that failed (unknown skill, no agent online, refused); the chat stayed with the bot.' },
  visitorLines: { name: 'visitor_lines_total', type: 'counter', labels: [...CHAT], help: 'Lines visitors wrote to the bot.' },
  botLines: { name: 'bot_lines_total', type: 'counter', labels: [...CHAT, 'private'], help: 'Lines the bot sent; private=true for agent-only lines.' },
  botLinesUndeliverable: { name: 'bot_lines_undeliverable_total', type: 'counter', labels: [...CHAT, 'action'], help: 'Lines (and transfers, ends) the bot sent that could not be delivered: the chat ended or left the bot while they waited, LiveEngage refused them, the adapter stopped. Should stay 0.' },
  reloginFailures: { name: 'relogin_failures_total', type: 'counter', labels: ['bot_user'], help: 'Failed attempts to log in again after the bearer was rejected or refresh failed (each is followed by a wait of reloginDelaysMs).' },
  takeovers: { name: 'takeovers_total', type: 'counter', labels: ['bot_user', 'gave_up'], help: 'Logins ended soon after they began: another process logged in as the same bot user; gave_up=true when the adapter stopped logging in again.' },
  turnDuration: { name: 'turn_duration_seconds', type: 'histogram', labels: [...CHAT, 'activity_type', 'failed'], help: 'Time the bot took per turn, by activity type and whether it threw.' },
  replyLatency: { name: 'reply_latency_seconds', type: 'histogram', labels: [...CHAT], help: 'Time from a visitor line to the first bot line after it.' },
  apiRequests: { name: 'api_requests_total', type: 'counter', labels: ['bot_user', 'operation', 'status'], help: 'Domain, Login and Chat Agent API HTTP requests, every attempt, by operation and status (none: no answer).' },
  apiErrors: { name: 'api_errors_total', type: 'counter', labels: ['bot_user', 'operation', 'kind'], help: 'Chat Agent API attempts that failed, by operation and kind (http, network, timeout, malformed, config).' },
  apiDuration: { name: 'api_request_duration_seconds', type: 'histogram', labels: ['bot_user', 'operation'], help: 'Chat Agent API request time per attempt.' },
  polls: { name: 'polls_total', type: 'counter', labels: ['bot_user'], help: 'Poll cycles (ringing check, accepts, batch read of the open chats).' },
  pollDuration: { name: 'poll_duration_seconds', type: 'histogram', labels: ['bot_user'], help: 'Time per poll cycle.' },
  csatResponses: { name: 'csat_responses_total', type: 'counter', labels: [...CHAT, 'rating'], help: 'CSAT ratings given, by rating 1-5.' },
  csatSkipped: { name: 'csat_skipped_total', type: 'counter', labels: [...CHAT, 'reason'], help: 'CSAT questions left without a rating: declined, or unrecognized after the reprompts.' },
  csatRating: { name: 'csat_rating', type: 'histogram', labels: [...CHAT], help: 'CSAT ratings (1-5); _sum/_count is the average.' },
} as const satisfies Record<string, Omit<MetricDefinition, 'labels'> & { labels: readonly string[] }>;

export type MetricKey = keyof typeof METRIC_DEFINITIONS;

/** The metric definitions with the prefix applied (for docs and dashboards). */
export function metricDefinitions(prefix = DEFAULT_METRICS_PREFIX): MetricDefinition[] {
  return Object.values(METRIC_DEFINITIONS).map((d) => ({ ...d, name: `${prefix}${d.name}`, labels: [...d.labels] }));
}
