/**
 * `botbuilder-adapter-liveengage/monitoring`: Prometheus metrics and Bot Framework telemetry events of
 * LiveEngage bots, fed by the adapter's events. See "Monitoring" in the package README. The CSAT dialog
 * is at `botbuilder-adapter-liveengage/csat`.
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
export { LiveEngageTelemetry, observeWithTelemetry, TELEMETRY_EVENTS, type LiveEngageTelemetryOptions } from './telemetry.js';
export { NO_VARIANT, OTHER_REASON, REASON_LABEL_MAX_LENGTH, reasonLabel, type LiveEngageEventSource } from './source.js';
