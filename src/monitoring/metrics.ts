import { Counter, Gauge, Histogram, Registry, type PrometheusContentType, type RegistryContentType } from 'prom-client';
import type { ChatOutcome, LiveEngageAdapterEvents } from '../core/events.js';
import { createLogger, type LiveEngageLogger } from '../logger.js';
import type { CsatRecorder, CsatResponse } from '../csat/types.js';
import { ChatBook, NONE, NO_VARIANT, OTHER_REASON, reasonLabel, shortLabel, subscribe, type LiveEngageEventSource } from './source.js';

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

/** Settings of `LiveEngageMetrics`. */
export interface LiveEngageMetricsOptions<T extends RegistryContentType = PrometheusContentType> {
  /** Where the metrics are registered. Default: a new `Registry` (`metrics.registry`). */
  registry?: Registry<T>;
  /** Prefix of every metric name. Default `liveengage_`. */
  prefix?: string;
  /** Histogram buckets (seconds). */
  buckets?: MetricsBuckets;
  /** Turns a transfer reason into its `reason` label. Default `reasonLabel` (see there). */
  reasonLabel?: (reason: string | undefined) => string;
  /** Distinct `reason` labels kept; later new ones are labelled `other`. Default 50. */
  maxReasons?: number;
  /** Where a failing observation is logged. Default `debug` (`botbuilder-adapter-liveengage:monitoring:error`). */
  logger?: LiveEngageLogger;
}

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

/** Counts of one bot user and variant, for `summary()`. */
export interface BotVariantSummary {
  botUser: string;
  /** `none` without A/B testing. */
  variant: string;
  chats: { accepted: number; open: number; resolved: number; transferred: number; released: number };
  /** resolved / (resolved + transferred), or null before any. */
  resolutionRate: number | null;
  transfers: {
    accepted: number;
    failed: number;
    /** Of those, the adapter's failovers after a bot error. */
    failover: number;
    /** Reasons (labels) by count, most frequent first, at most 10. */
    topReasons: { reason: string; accepted: number; failed: number }[];
  };
  /** `undeliverable`: what the bot sent that could not be delivered (should be 0). */
  lines: { visitor: number; bot: number; private: number; undeliverable: number };
  turns: { count: number; failed: number; averageMs: number | null };
  replyLatency: { count: number; averageMs: number | null };
  csat: { responses: number; skipped: number; average: number | null; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
}

export interface ApiSummary {
  botUser: string;
  requests: number;
  errors: number;
  polls: number;
  /** Failed attempts to log in again, and logins ended soon after they began (another process of the user). */
  reloginFailures: number;
  takeovers: number;
  byOperation: Record<string, { requests: number; errors: number }>;
}

/** What `summary()` returns: plain JSON (no Maps, no NaN), for a dashboard. */
export interface LiveEngageMetricsSummary {
  /** When counting began (construction or the last `reset()`), ISO 8601. */
  since: string;
  generatedAt: string;
  /** One row per bot user and variant, sorted. */
  bots: BotVariantSummary[];
  /** One row per bot user, sorted. */
  api: ApiSummary[];
}

type Labels<K extends MetricKey> = (typeof METRIC_DEFINITIONS)[K]['labels'][number];
type Metrics = {
  [K in MetricKey]: (typeof METRIC_DEFINITIONS)[K]['type'] extends 'counter'
    ? Counter<Labels<K>>
    : (typeof METRIC_DEFINITIONS)[K]['type'] extends 'gauge'
      ? Gauge<Labels<K>>
      : Histogram<Labels<K>>;
};

interface Aggregate {
  botUser: string;
  variant: string;
  accepted: number;
  open: number;
  closed: Record<ChatOutcome, number>;
  transfersAccepted: number;
  transfersFailed: number;
  failover: number;
  reasons: Map<string, { accepted: number; failed: number }>;
  visitorLines: number;
  botLines: number;
  privateLines: number;
  undeliverable: number;
  turns: number;
  failedTurns: number;
  turnMs: number;
  latencyCount: number;
  latencyMs: number;
  csat: [number, number, number, number, number];
  csatSkipped: number;
}

interface ApiAggregate {
  requests: number;
  errors: number;
  polls: number;
  reloginFailures: number;
  takeovers: number;
  byOperation: Map<string, { requests: number; errors: number }>;
}

/**
 * Prometheus metrics of one or more LiveEngage adapters (bot users), on a prom-client `Registry`:
 * what LivePerson's guide asks brands to watch per bot (chats resolved, transfers to humans and their
 * reasons, CSAT, A/B variants) and how the adapter works (lines, turns, reply latency, API calls, polls).
 * Every chat metric is labelled `bot_user` and `variant` (`none` without A/B testing).
 *
 * ```ts
 * const metrics = new LiveEngageMetrics();
 * metrics.observe(adapter);
 * server.get('/metrics', metricsHandler(metrics.registry));
 * ```
 */
export class LiveEngageMetrics<T extends RegistryContentType = PrometheusContentType> implements CsatRecorder {
  readonly registry: Registry<T>;
  readonly prefix: string;
  /** The prom-client metrics, by key (see `METRIC_DEFINITIONS`), for your own reads or labels. */
  readonly metrics: Readonly<Metrics>;
  private readonly toReason: (reason: string | undefined) => string;
  private readonly maxReasons: number;
  private readonly reasons = new Set<string>();
  private readonly chats = new ChatBook<object>(() => ({}));
  private readonly aggregates = new Map<string, Aggregate>();
  private readonly apis = new Map<string, ApiAggregate>();
  private readonly observed = new Map<LiveEngageEventSource, () => void>();
  private readonly log: LiveEngageLogger;
  private since = new Date();

  constructor(options: LiveEngageMetricsOptions<T> = {}) {
    this.registry = options.registry ?? (new Registry() as Registry<T>);
    this.prefix = options.prefix ?? DEFAULT_METRICS_PREFIX;
    if (!/^[a-zA-Z_:]?[a-zA-Z0-9_:]*$/.test(this.prefix)) throw new TypeError(`LiveEngageMetrics: prefix '${this.prefix}' is not a valid metric name start ([a-zA-Z_:][a-zA-Z0-9_:]*).`);
    this.toReason = options.reasonLabel ?? ((reason) => reasonLabel(reason));
    this.maxReasons = options.maxReasons ?? 50;
    this.log = createLogger('monitoring', options.logger);
    const buckets = { ...DEFAULT_BUCKETS, ...options.buckets };
    const bucketsOf: Partial<Record<MetricKey, readonly number[]>> = {
      chatDuration: buckets.chatDurationSeconds,
      turnDuration: buckets.turnSeconds,
      replyLatency: buckets.replyLatencySeconds,
      apiDuration: buckets.apiSeconds,
      pollDuration: buckets.pollSeconds,
      csatRating: [1, 2, 3, 4, 5],
    };
    const made: Partial<Record<MetricKey, unknown>> = {};
    for (const [key, def] of Object.entries(METRIC_DEFINITIONS) as [MetricKey, (typeof METRIC_DEFINITIONS)[MetricKey]][]) {
      const name = `${this.prefix}${def.name}`;
      if (this.registry.getSingleMetric(name)) {
        throw new Error(`LiveEngageMetrics: the registry already has a metric '${name}' (one LiveEngageMetrics per registry and prefix; observe several adapters with it instead).`);
      }
      const config = { name, help: def.help, labelNames: [...def.labels], registers: [this.registry as Registry] };
      made[key] =
        def.type === 'counter' ? new Counter(config)
        : def.type === 'gauge' ? new Gauge(config)
        : new Histogram({ ...config, buckets: [...(bucketsOf[key] ?? DEFAULT_BUCKETS.turnSeconds)] });
    }
    this.metrics = made as Metrics;
  }

  /**
   * Counts what an adapter reports from now on. Several adapters (bot users) can share one metrics
   * object; observing the same adapter again changes nothing. Returns the unsubscribe.
   */
  observe(adapter: LiveEngageEventSource): () => void {
    const known = this.observed.get(adapter);
    if (known) return known;
    const unsubscribe = subscribe(adapter, {
      chatAccepted: (fact) => this.onAccepted(fact),
      chatClosed: (fact) => this.onClosed(fact),
      transfer: (fact) => this.onTransfer(fact),
      visitorLine: (fact) => this.onVisitorLine(fact),
      botLine: (fact) => this.onBotLine(fact),
      turn: (fact) => this.onTurn(fact),
      apiCall: (fact) => this.onApiCall(fact),
      poll: (fact) => this.onPoll(fact),
      lineUndeliverable: (fact) => {
        const { labels, agg } = this.chatLabels(fact);
        this.metrics.botLinesUndeliverable.inc({ ...labels, action: shortLabel(fact.action, 'line') });
        agg.undeliverable += 1;
      },
      reloginFailed: (fact) => {
        this.metrics.reloginFailures.inc({ bot_user: shortLabel(fact.botUser, 'unknown') });
        this.api(shortLabel(fact.botUser, 'unknown')).reloginFailures += 1;
      },
      takeover: (fact) => {
        this.metrics.takeovers.inc({ bot_user: shortLabel(fact.botUser, 'unknown'), gave_up: String(Boolean(fact.gaveUp)) });
        this.api(shortLabel(fact.botUser, 'unknown')).takeovers += 1;
      },
    }, (event, error) => this.log.error('counting %s failed: %s', event, (error as Error)?.message ?? String(error)));
    const done = () => {
      unsubscribe();
      if (this.observed.get(adapter) === done) this.observed.delete(adapter);
    };
    this.observed.set(adapter, done);
    return done;
  }

  /** Records a CSAT answer (the `CsatDialog` calls this); labels come from the observed chat when known. */
  recordCsat(response: CsatResponse): void {
    const chat = this.chats.find(response.chatId);
    const botUser = chat?.botUser ?? shortLabel(response.botUser, 'unknown');
    const variant = chat?.variant ?? shortLabel(response.variant, NO_VARIANT);
    const labels = { bot_user: botUser, variant };
    const agg = this.aggregate(botUser, variant);
    if (response.rating !== undefined) {
      const rating = response.rating;
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new RangeError(`LiveEngageMetrics.recordCsat(): rating must be 1-5 (got ${String(rating)}).`);
      this.metrics.csatResponses.inc({ ...labels, rating: String(rating) });
      this.metrics.csatRating.observe(labels, rating);
      agg.csat[rating - 1] = (agg.csat[rating - 1] ?? 0) + 1;
    } else {
      this.metrics.csatSkipped.inc({ ...labels, reason: response.skipped });
      agg.csatSkipped += 1;
    }
  }

  /**
   * Per bot user and variant: chats accepted, open, resolved, transferred, released; transfers and the
   * top reasons; lines; turns; reply latency; CSAT count and average. Plain JSON.
   */
  summary(): LiveEngageMetricsSummary {
    const bots = [...this.aggregates.values()]
      .sort((a, b) => a.botUser.localeCompare(b.botUser) || a.variant.localeCompare(b.variant))
      .map((a): BotVariantSummary => {
        const responses = a.csat.reduce((s, n) => s + n, 0);
        const points = a.csat.reduce((s, n, i) => s + n * (i + 1), 0);
        const decided = a.closed.resolved + a.closed.transferred;
        return {
          botUser: a.botUser,
          variant: a.variant,
          chats: { accepted: a.accepted, open: a.open, resolved: a.closed.resolved, transferred: a.closed.transferred, released: a.closed.released },
          resolutionRate: decided ? round(a.closed.resolved / decided, 4) : null,
          transfers: {
            accepted: a.transfersAccepted,
            failed: a.transfersFailed,
            failover: a.failover,
            topReasons: [...a.reasons.entries()]
              .map(([reason, n]) => ({ reason, accepted: n.accepted, failed: n.failed }))
              .sort((x, y) => y.accepted + y.failed - (x.accepted + x.failed) || x.reason.localeCompare(y.reason))
              .slice(0, 10),
          },
          lines: { visitor: a.visitorLines, bot: a.botLines, private: a.privateLines, undeliverable: a.undeliverable },
          turns: { count: a.turns, failed: a.failedTurns, averageMs: a.turns ? round(a.turnMs / a.turns, 1) : null },
          replyLatency: { count: a.latencyCount, averageMs: a.latencyCount ? round(a.latencyMs / a.latencyCount, 1) : null },
          csat: {
            responses,
            skipped: a.csatSkipped,
            average: responses ? round(points / responses, 2) : null,
            distribution: { '1': a.csat[0], '2': a.csat[1], '3': a.csat[2], '4': a.csat[3], '5': a.csat[4] },
          },
        };
      });
    const api = [...this.apis.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([botUser, a]): ApiSummary => ({
        botUser,
        requests: a.requests,
        errors: a.errors,
        polls: a.polls,
        reloginFailures: a.reloginFailures,
        takeovers: a.takeovers,
        byOperation: Object.fromEntries([...a.byOperation.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([op, n]) => [op, { ...n }])),
      }));
    return { since: this.since.toISOString(), generatedAt: new Date().toISOString(), bots, api };
  }

  /** Zeroes every metric and the summary, and forgets the chats followed (adapters stay observed). */
  reset(): void {
    for (const metric of Object.values(this.metrics)) metric.reset();
    this.aggregates.clear();
    this.apis.clear();
    this.reasons.clear();
    this.chats.clear();
    this.since = new Date();
  }

  // ------------------------------------------------------------------ facts

  private onAccepted(fact: LiveEngageAdapterEvents['chatAccepted'][0]): void {
    const wasOpen = this.chats.isOpen(fact.chatId);
    const chat = this.chats.entry(fact);
    const labels = { bot_user: chat.botUser, variant: chat.variant };
    this.metrics.chatsAccepted.inc({ ...labels, skill: shortLabel(fact.skill, 'unknown') });
    const agg = this.aggregate(chat.botUser, chat.variant);
    agg.accepted += 1;
    if (!wasOpen) {
      this.metrics.openChats.inc(labels);
      agg.open += 1;
    }
  }

  private onClosed(fact: LiveEngageAdapterEvents['chatClosed'][0]): void {
    const chat = this.chats.close(fact.chatId);
    const botUser = chat?.botUser ?? fact.botUser;
    const variant = chat?.variant ?? (fact.variant || NO_VARIANT);
    const labels = { bot_user: botUser, variant };
    const agg = this.aggregate(botUser, variant);
    this.metrics.chatsClosed.inc({ ...labels, outcome: fact.outcome });
    this.metrics.chatDuration.observe({ ...labels, outcome: fact.outcome }, Math.max(0, fact.durationMs) / 1000);
    if (fact.outcome === 'resolved') this.metrics.chatsResolved.inc(labels);
    agg.closed[fact.outcome] += 1;
    if (chat) {
      this.metrics.openChats.dec(labels);
      agg.open = Math.max(0, agg.open - 1);
    }
  }

  private onTransfer(fact: LiveEngageAdapterEvents['transfer'][0]): void {
    const { labels, agg } = this.chatLabels(fact);
    const reason = this.reasonOf(fact.reason);
    const target = shortLabel(fact.target);
    this.metrics.transfers.inc({ ...labels, target, reason, state: fact.state, failover: String(Boolean(fact.failover)) });
    const count = agg.reasons.get(reason) ?? { accepted: 0, failed: 0 };
    agg.reasons.set(reason, count);
    if (fact.failover) agg.failover += 1;
    if (fact.state === 'failed') {
      this.metrics.transfersFailed.inc({ ...labels, target, reason });
      agg.transfersFailed += 1;
      count.failed += 1;
    } else {
      agg.transfersAccepted += 1;
      count.accepted += 1;
    }
  }

  private onVisitorLine(fact: LiveEngageAdapterEvents['visitorLine'][0]): void {
    const { labels, agg } = this.chatLabels(fact);
    this.metrics.visitorLines.inc(labels);
    agg.visitorLines += 1;
  }

  private onBotLine(fact: LiveEngageAdapterEvents['botLine'][0]): void {
    const { labels, agg } = this.chatLabels(fact);
    this.metrics.botLines.inc({ ...labels, private: String(Boolean(fact.private)) });
    agg.botLines += 1;
    if (fact.private) agg.privateLines += 1;
    if (typeof fact.replyLatencyMs === 'number' && Number.isFinite(fact.replyLatencyMs)) {
      this.metrics.replyLatency.observe(labels, Math.max(0, fact.replyLatencyMs) / 1000);
      agg.latencyCount += 1;
      agg.latencyMs += Math.max(0, fact.replyLatencyMs);
    }
  }

  private onTurn(fact: LiveEngageAdapterEvents['turn'][0]): void {
    const { labels, agg } = this.chatLabels(fact);
    this.metrics.turnDuration.observe({ ...labels, activity_type: shortLabel(fact.activityType, 'unknown'), failed: String(Boolean(fact.failed)) }, Math.max(0, fact.durationMs) / 1000);
    agg.turns += 1;
    agg.turnMs += Math.max(0, fact.durationMs);
    if (fact.failed) agg.failedTurns += 1;
  }

  private onApiCall(fact: LiveEngageAdapterEvents['apiCall'][0]): void {
    const botUser = shortLabel(fact.botUser, 'unknown');
    const operation = shortLabel(fact.operation, 'unknown');
    this.metrics.apiRequests.inc({ bot_user: botUser, operation, status: fact.status === undefined ? NONE : String(fact.status) });
    this.metrics.apiDuration.observe({ bot_user: botUser, operation }, Math.max(0, fact.ms) / 1000);
    const api = this.api(botUser);
    const op = api.byOperation.get(operation) ?? { requests: 0, errors: 0 };
    api.byOperation.set(operation, op);
    api.requests += 1;
    op.requests += 1;
    if (fact.errorKind) {
      this.metrics.apiErrors.inc({ bot_user: botUser, operation, kind: fact.errorKind });
      api.errors += 1;
      op.errors += 1;
    }
  }

  private onPoll(fact: LiveEngageAdapterEvents['poll'][0]): void {
    const botUser = shortLabel(fact.botUser, 'unknown');
    this.metrics.polls.inc({ bot_user: botUser });
    this.metrics.pollDuration.observe({ bot_user: botUser }, Math.max(0, fact.durationMs) / 1000);
    this.api(botUser).polls += 1;
  }

  // ------------------------------------------------------------------ helpers

  /** A chat fact's labels: the chat's own when it is followed (so a fact never moves a chat between variants). */
  private chatLabels(fact: { chatId: string; botUser: string; variant?: string }) {
    const chat = this.chats.find(fact.chatId);
    const botUser = chat?.botUser ?? fact.botUser;
    const variant = chat?.variant ?? (fact.variant || NO_VARIANT);
    return { labels: { bot_user: botUser, variant }, agg: this.aggregate(botUser, variant) };
  }

  /** The reason label, within the cardinality cap. */
  private reasonOf(reason: string | undefined): string {
    const label = shortLabel(this.toReason(reason));
    if (this.reasons.has(label)) return label;
    if (this.reasons.size >= this.maxReasons) return OTHER_REASON;
    this.reasons.add(label);
    return label;
  }

  private aggregate(botUser: string, variant: string): Aggregate {
    const key = `${botUser}\u0000${variant}`;
    let agg = this.aggregates.get(key);
    if (!agg) {
      agg = {
        botUser, variant, accepted: 0, open: 0, closed: { resolved: 0, transferred: 0, released: 0 },
        transfersAccepted: 0, transfersFailed: 0, failover: 0, reasons: new Map(),
        visitorLines: 0, botLines: 0, privateLines: 0, undeliverable: 0, turns: 0, failedTurns: 0, turnMs: 0,
        latencyCount: 0, latencyMs: 0, csat: [0, 0, 0, 0, 0], csatSkipped: 0,
      };
      this.aggregates.set(key, agg);
    }
    return agg;
  }

  private api(botUser: string): ApiAggregate {
    let api = this.apis.get(botUser);
    if (!api) {
      api = { requests: 0, errors: 0, polls: 0, reloginFailures: 0, takeovers: 0, byOperation: new Map() };
      this.apis.set(botUser, api);
    }
    return api;
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
