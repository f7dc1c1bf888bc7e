import type { BotTelemetryClient, TelemetryEvent, TurnContext } from 'botbuilder';
import type { Registry } from 'prom-client';
import { LiveEngageAdapter } from '../../src/botbuilder/LiveEngageAdapter.js';
import type { LiveEngageAdapterEvents } from '../../src/core/events.js';
import type { LiveEngageAdapterSettings } from '../../src/core/settings.js';
import type { BotVariant } from '../../src/core/variants.js';
import { LiveEngageMetrics, LiveEngageTelemetry } from '../../src/monitoring/index.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { fastSettings } from '../support/harness.js';

/**
 * The value of a metric from the registry, summed over the series whose labels include `labels`.
 * For a histogram give `suffix` `_count` or `_sum` (or `_bucket` with an `le` label).
 */
export async function metricValue(registry: Registry, name: string, labels: Record<string, string> = {}, suffix: '' | '_count' | '_sum' | '_bucket' = ''): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name} in the registry`);
  const { values } = await metric.get();
  return (values as (typeof values[number] & { metricName?: string })[])
    .filter((v) => (v.metricName ?? name) === `${name}${suffix}`)
    .filter((v) => Object.entries(labels).every(([k, want]) => String((v.labels as Record<string, unknown>)[k]) === want))
    .reduce((sum, v) => sum + v.value, 0);
}

/** Every series of a metric as `{labels, value}` (histograms: `_count` only), for exact assertions. */
export async function series(registry: Registry, name: string): Promise<{ labels: Record<string, string>; value: number }[]> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name} in the registry`);
  const { values, type } = await metric.get();
  return (values as (typeof values[number] & { metricName?: string })[])
    .filter((v) => (String(type) === 'histogram' ? v.metricName === `${name}_count` : true))
    .map((v) => ({ labels: Object.fromEntries(Object.entries(v.labels).map(([k, x]) => [k, String(x)])), value: v.value }));
}

/** A BotTelemetryClient that keeps what it is given. */
export class RecordingTelemetryClient implements BotTelemetryClient {
  readonly events: TelemetryEvent[] = [];
  trackDependency(): void {}
  trackEvent(telemetry: TelemetryEvent): void {
    this.events.push(structuredClone(telemetry));
  }
  trackException(): void {}
  trackTrace(): void {}
  flush(): void {}
  named(name: string): TelemetryEvent[] {
    return this.events.filter((e) => e.name === name);
  }
}

/** Records every fact an adapter emits, by event. */
function recordFacts(adapter: LiveEngageAdapter) {
  const facts: { [E in keyof LiveEngageAdapterEvents]: LiveEngageAdapterEvents[E][0][] } = {
    chatAccepted: [], chatClosed: [], transfer: [], visitorLine: [], botLine: [], turn: [], apiCall: [], poll: [],
    lineUndeliverable: [], reloginFailed: [], takeover: [],
  };
  for (const event of Object.keys(facts) as (keyof LiveEngageAdapterEvents)[]) {
    adapter.on(event, ((fact: unknown) => void (facts[event] as unknown[]).push(fact)) as never);
  }
  return facts;
}

export type Bot = { run(context: TurnContext): Promise<void> };

export interface MonitoredOptions {
  settings?: Partial<LiveEngageAdapterSettings>;
  /** Runs before start (e.g. `adapter.use(middleware)`). */
  setup?: (adapter: LiveEngageAdapter) => void;
  /** Start with A/B variants instead of one bot. */
  variants?: BotVariant[];
  /** A ready simulator to use (not stopped by close). */
  sim?: LiveEngageSimulator;
  /** Metrics and telemetry to share (several adapters). */
  metrics?: LiveEngageMetrics;
  telemetry?: LiveEngageTelemetry;
  adapterClass?: typeof LiveEngageAdapter;
}

/** A simulator and an adapter observed by metrics and telemetry from before its start (so the login counts). */
export async function startMonitored(bot: Bot | undefined, options: MonitoredOptions = {}) {
  const ownSim = !options.sim;
  const sim = options.sim ?? new LiveEngageSimulator({ log: false });
  if (ownSim) await sim.start();
  const AdapterClass = options.adapterClass ?? LiveEngageAdapter;
  const adapter = new AdapterClass(fastSettings(sim, options.settings));
  const metrics = options.metrics ?? new LiveEngageMetrics();
  const client = options.telemetry ? (options.telemetry.client as RecordingTelemetryClient) : new RecordingTelemetryClient();
  const telemetry = options.telemetry ?? new LiveEngageTelemetry(client);
  metrics.observe(adapter);
  telemetry.observe(adapter);
  const facts = recordFacts(adapter);
  options.setup?.(adapter);
  if (options.variants) await adapter.start({ variants: options.variants });
  else await adapter.start((context) => bot!.run(context));
  return {
    sim,
    adapter,
    metrics,
    registry: metrics.registry,
    telemetry,
    client,
    facts,
    async close() {
      await adapter.stop();
      if (ownSim) await sim.stop();
    },
  };
}

export type Monitored = Awaited<ReturnType<typeof startMonitored>>;
