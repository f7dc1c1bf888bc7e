import { Registry, type PrometheusContentType, type RegistryContentType } from 'prom-client';
import { createLogger, type LiveEngageLogger } from '../logger.js';
import type { CsatRecorder, CsatResponse } from '../csat/types.js';
import { DEFAULT_METRICS_PREFIX, type MetricsBuckets } from './definitions.js';
import { FactLabeller, type MetricFact } from './facts.js';
import { recordFact, registerMetrics, type PrometheusMetrics } from './prometheus.js';
import { reasonLabel, subscribe, type LiveEngageEventSource } from './source.js';
import { EMPTY_SUMMARY, reduceSummary, renderSummary, type LiveEngageMetricsSummary, type SummaryState } from './summary.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

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
  readonly metrics: Readonly<PrometheusMetrics>;
  private readonly facts: FactLabeller;
  private readonly observed = new Map<LiveEngageEventSource, () => void>();
  private readonly log: LiveEngageLogger;
  private state: SummaryState = EMPTY_SUMMARY;
  private since = new Date();

  constructor(options: LiveEngageMetricsOptions<T> = {}) {
    this.registry = options.registry ?? (new Registry() as Registry<T>);
    this.prefix = options.prefix ?? DEFAULT_METRICS_PREFIX;
    if (!/^[a-zA-Z_:]?[a-zA-Z0-9_:]*$/.test(this.prefix)) throw codedError(TypeError, `LiveEngageMetrics: prefix '${this.prefix}' is not a valid metric name start ([a-zA-Z_:][a-zA-Z0-9_:]*).`, LiveEngageErrorCode.INVALID_ARGUMENT);
    this.facts = new FactLabeller(options.reasonLabel ?? ((reason) => reasonLabel(reason)), options.maxReasons ?? 50);
    this.log = createLogger('monitoring', options.logger);
    this.metrics = registerMetrics(this.registry as Registry, this.prefix, options.buckets);
  }

  /**
   * Counts what an adapter reports from now on. Several adapters (bot users) can share one metrics
   * object; observing the same adapter again changes nothing. Returns the unsubscribe.
   */
  observe(adapter: LiveEngageEventSource): () => void {
    const known = this.observed.get(adapter);
    if (known) return known;
    const f = this.facts;
    const unsubscribe = subscribe(adapter, {
      chatAccepted: (fact) => this.record(f.chatAccepted(fact)),
      chatClosed: (fact) => this.record(f.chatClosed(fact)),
      transfer: (fact) => this.record(f.transfer(fact)),
      visitorLine: (fact) => this.record(f.visitorLine(fact)),
      botLine: (fact) => this.record(f.botLine(fact)),
      turn: (fact) => this.record(f.turn(fact)),
      apiCall: (fact) => this.record(f.apiCall(fact)),
      poll: (fact) => this.record(f.poll(fact)),
      lineUndeliverable: (fact) => this.record(f.lineUndeliverable(fact)),
      reloginFailed: (fact) => this.record(f.reloginFailed(fact)),
      takeover: (fact) => this.record(f.takeover(fact)),
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
    this.record(this.facts.csat(response));
  }

  /**
   * Per bot user and variant: chats accepted, open, resolved, transferred, released; transfers and the
   * top reasons; lines; turns; reply latency; CSAT count and average. Plain JSON.
   */
  summary(): LiveEngageMetricsSummary {
    return renderSummary(this.state, this.since, new Date());
  }

  /** Zeroes every metric and the summary, and forgets the chats followed (adapters stay observed). */
  reset(): void {
    for (const metric of Object.values(this.metrics)) metric.reset();
    this.state = EMPTY_SUMMARY;
    this.facts.clear();
    this.since = new Date();
  }

  /** One fact, into both bookkeepings. */
  private record(fact: MetricFact): void {
    recordFact(this.metrics, fact);
    this.state = reduceSummary(this.state, fact);
  }
}
