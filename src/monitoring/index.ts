/**
 * Monitoring of LiveEngage bots: Prometheus metrics, Bot Framework telemetry events and the CSAT dialog.
 * See `src/monitoring/README.md`.
 */
export {
  DEFAULT_BUCKETS,
  DEFAULT_METRICS_PREFIX,
  LiveEngageMetrics,
  METRIC_DEFINITIONS,
  metricDefinitions,
  type ApiSummary,
  type BotVariantSummary,
  type LiveEngageMetricsOptions,
  type LiveEngageMetricsSummary,
  type MetricDefinition,
  type MetricKey,
  type MetricsBuckets,
} from './metrics.js';
export { metricsHandler } from './restify.js';
export { LiveEngageTelemetry, observeWithTelemetry, TELEMETRY_EVENTS, type LiveEngageTelemetryOptions } from './telemetry.js';
export { NO_VARIANT, OTHER_REASON, REASON_LABEL_MAX_LENGTH, reasonLabel, type LiveEngageEventSource } from './source.js';
export * from '../csat/index.js';
