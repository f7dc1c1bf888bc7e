import type { BotTelemetryClient, TelemetryEvent, TelemetryException, TelemetryTrace } from 'botbuilder';

/**
 * A `BotTelemetryClient` that writes custom events to the console: what Application Insights would
 * receive (`LiveEngageChatOutcome`, `LiveEngageCsat`, ...). The sample uses it when `DEBUG` is set, and
 * botbuilder's `NullTelemetryClient` otherwise; in production pass `ApplicationInsightsTelemetryClient`.
 */
export class ConsoleTelemetryClient implements BotTelemetryClient {
  constructor(private readonly log: (line: string) => void = (line) => console.log(line)) {}

  trackEvent(event: TelemetryEvent): void {
    const metrics = event.metrics && Object.keys(event.metrics).length ? ` ${JSON.stringify(event.metrics)}` : '';
    this.log(`[telemetry] ${event.name} ${JSON.stringify(event.properties ?? {})}${metrics}`);
  }

  trackTrace(trace: TelemetryTrace): void {
    this.log(`[telemetry] trace: ${trace.message}`);
  }

  trackException(exception: TelemetryException): void {
    this.log(`[telemetry] exception: ${exception.exception.message}`);
  }

  trackDependency(): void {}

  flush(): void {}
}
