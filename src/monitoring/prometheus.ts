/**
 * The Prometheus side of `LiveEngageMetrics`: registers every metric of `METRIC_DEFINITIONS` on a
 * prom-client `Registry` and records `MetricFact`s into them. Which fact feeds which metric is said
 * once per metric key, in `FEEDS`; the compiler checks every metric has its feed.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { DEFAULT_BUCKETS, METRIC_DEFINITIONS, type MetricKey, type MetricsBuckets } from './definitions.js';
import type { ChatLabels, MetricFact } from './facts.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

type LabelName<K extends MetricKey> = (typeof METRIC_DEFINITIONS)[K]['labels'][number];

/** The prom-client metric of each key. */
export type PrometheusMetrics = {
  [K in MetricKey]: (typeof METRIC_DEFINITIONS)[K]['type'] extends 'counter'
    ? Counter<LabelName<K>>
    : (typeof METRIC_DEFINITIONS)[K]['type'] extends 'gauge'
      ? Gauge<LabelName<K>>
      : Histogram<LabelName<K>>;
};

/** What a fact does to one metric: its labels, and the value (counters: 1 by default; gauges: +1 or -1; histograms: seconds or points). */
interface Observation<K extends MetricKey> {
  labels: Record<LabelName<K>, string>;
  value?: number;
}

type Feed<K extends MetricKey> = (fact: MetricFact) => Observation<K> | undefined;

const chat = (f: ChatLabels) => ({ bot_user: f.botUser, variant: f.variant });
const seconds = (ms: number) => ms / 1000;

/** Per metric: the facts that move it and how. */
const FEEDS: { [K in MetricKey]: Feed<K> } = {
  chatsAccepted: (f) => (f.kind === 'chatAccepted' ? { labels: { ...chat(f), skill: f.skill } } : undefined),
  openChats: (f) =>
    f.kind === 'chatAccepted' && f.opened ? { labels: chat(f), value: 1 }
    : f.kind === 'chatClosed' && f.wasOpen ? { labels: chat(f), value: -1 }
    : undefined,
  chatsClosed: (f) => (f.kind === 'chatClosed' ? { labels: { ...chat(f), outcome: f.outcome } } : undefined),
  chatsResolved: (f) => (f.kind === 'chatClosed' && f.outcome === 'resolved' ? { labels: chat(f) } : undefined),
  chatDuration: (f) => (f.kind === 'chatClosed' ? { labels: { ...chat(f), outcome: f.outcome }, value: seconds(f.durationMs) } : undefined),
  transfers: (f) => (f.kind === 'transfer' ? { labels: { ...chat(f), target: f.target, reason: f.reason, state: f.state, failover: String(f.failover) } } : undefined),
  transfersFailed: (f) => (f.kind === 'transfer' && f.state === 'failed' ? { labels: { ...chat(f), target: f.target, reason: f.reason } } : undefined),
  visitorLines: (f) => (f.kind === 'visitorLine' ? { labels: chat(f) } : undefined),
  botLines: (f) => (f.kind === 'botLine' ? { labels: { ...chat(f), private: String(f.private) } } : undefined),
  replyLatency: (f) => (f.kind === 'botLine' && f.replyLatencyMs !== undefined ? { labels: chat(f), value: seconds(f.replyLatencyMs) } : undefined),
  botLinesUndeliverable: (f) => (f.kind === 'lineUndeliverable' ? { labels: { ...chat(f), action: f.action } } : undefined),
  turnDuration: (f) => (f.kind === 'turn' ? { labels: { ...chat(f), activity_type: f.activityType, failed: String(f.failed) }, value: seconds(f.durationMs) } : undefined),
  reloginFailures: (f) => (f.kind === 'reloginFailed' ? { labels: { bot_user: f.botUser } } : undefined),
  takeovers: (f) => (f.kind === 'takeover' ? { labels: { bot_user: f.botUser, gave_up: String(f.gaveUp) } } : undefined),
  apiRequests: (f) => (f.kind === 'apiCall' ? { labels: { bot_user: f.botUser, operation: f.operation, status: f.status } } : undefined),
  apiErrors: (f) => (f.kind === 'apiCall' && f.errorKind ? { labels: { bot_user: f.botUser, operation: f.operation, kind: f.errorKind } } : undefined),
  apiDuration: (f) => (f.kind === 'apiCall' ? { labels: { bot_user: f.botUser, operation: f.operation }, value: seconds(f.durationMs) } : undefined),
  polls: (f) => (f.kind === 'poll' ? { labels: { bot_user: f.botUser } } : undefined),
  pollDuration: (f) => (f.kind === 'poll' ? { labels: { bot_user: f.botUser }, value: seconds(f.durationMs) } : undefined),
  csatResponses: (f) => (f.kind === 'csatRating' ? { labels: { ...chat(f), rating: String(f.rating) } } : undefined),
  csatRating: (f) => (f.kind === 'csatRating' ? { labels: chat(f), value: f.rating } : undefined),
  csatSkipped: (f) => (f.kind === 'csatSkipped' ? { labels: { ...chat(f), reason: f.reason } } : undefined),
};

/** The bucket set of each histogram. */
function bucketsOf(key: MetricKey, buckets: Required<MetricsBuckets>): readonly number[] {
  switch (key) {
    case 'chatDuration': return buckets.chatDurationSeconds;
    case 'turnDuration': return buckets.turnSeconds;
    case 'replyLatency': return buckets.replyLatencySeconds;
    case 'apiDuration': return buckets.apiSeconds;
    case 'pollDuration': return buckets.pollSeconds;
    case 'csatRating': return [1, 2, 3, 4, 5];
    default: return DEFAULT_BUCKETS.turnSeconds;
  }
}

/** Registers the metrics of `METRIC_DEFINITIONS` under `prefix`; throws when the registry already has one. */
export function registerMetrics(registry: Registry, prefix: string, buckets: MetricsBuckets = {}): PrometheusMetrics {
  const sets = { ...DEFAULT_BUCKETS, ...buckets } as Required<MetricsBuckets>;
  const made: Partial<Record<MetricKey, unknown>> = {};
  for (const [key, def] of Object.entries(METRIC_DEFINITIONS) as [MetricKey, (typeof METRIC_DEFINITIONS)[MetricKey]][]) {
    const name = `${prefix}${def.name}`;
    if (registry.getSingleMetric(name)) {
      throw codedError(Error, `LiveEngageMetrics: the registry already has a metric '${name}' (one LiveEngageMetrics per registry and prefix; observe several adapters with it instead).`, LiveEngageErrorCode.INVALID_ARGUMENT);
    }
    const config = { name, help: def.help, labelNames: [...def.labels], registers: [registry] };
    made[key] =
      def.type === 'counter' ? new Counter(config)
      : def.type === 'gauge' ? new Gauge(config)
      : new Histogram({ ...config, buckets: [...bucketsOf(key, sets)] });
  }
  return made as PrometheusMetrics;
}

/** Records one fact into every metric it feeds. */
export function recordFact(metrics: PrometheusMetrics, fact: MetricFact): void {
  for (const key of Object.keys(FEEDS) as MetricKey[]) {
    const seen = (FEEDS[key] as Feed<MetricKey>)(fact);
    if (!seen) continue;
    const metric = metrics[key] as Counter | Gauge | Histogram;
    const labels = seen.labels as Record<string, string>;
    if (metric instanceof Counter) metric.inc(labels, seen.value ?? 1);
    else if (metric instanceof Gauge) metric.inc(labels, seen.value ?? 1);
    else metric.observe(labels, seen.value ?? 0);
  }
}
