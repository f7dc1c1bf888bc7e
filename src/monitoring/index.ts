/**
 * `botbuilder-adapter-liveengage/monitoring`: Prometheus metrics and Bot Framework telemetry events of
 * LiveEngage bots, fed by the adapter's events, for either adapter (botbuilder or the Agents SDK); it
 * imports neither. See "Monitoring" in the package README. CSAT is at `botbuilder-adapter-liveengage/csat/flow`
 * (any framework) and `/csat` (the botbuilder dialog).
 */
export { LiveEngageMetrics, type LiveEngageMetricsOptions } from './metrics.js';
export {
  DEFAULT_BUCKETS,
  DEFAULT_METRICS_PREFIX,
  METRIC_DEFINITIONS,
  metricDefinitions,
  type MetricDefinition,
  type MetricKey,
  type MetricsBuckets,
} from './definitions.js';
export type { ApiSummary, BotVariantSummary, LiveEngageMetricsSummary } from './summary.js';
export { metricsHandler, type MetricsRequestHandler, type MetricsResponse } from './metricsHandler.js';
export { LiveEngageTelemetry, observeWithTelemetry, TELEMETRY_EVENTS, type LiveEngageTelemetryOptions, type TelemetryEventClient } from './telemetry.js';
export { NO_VARIANT, OTHER_REASON, REASON_LABEL_MAX_LENGTH, reasonLabel, type LiveEngageEventSource } from './source.js';
