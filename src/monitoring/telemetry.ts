import type { LiveEngageAdapterEvents } from '../core/events.js';
import { createLogger, type LiveEngageLogger } from '../logger.js';
import type { CsatRating, CsatRecorder, CsatResponse } from '../csat/types.js';
import { ChatBook, NO_VARIANT, shortLabel, subscribe, type LiveEngageEventSource } from './source.js';

/** The names of the events `LiveEngageTelemetry` tracks. */
export const TELEMETRY_EVENTS = {
  /** One per chat, when it leaves the bot: resolved, transferred (with the reason) or released. */
  chatOutcome: 'LiveEngageChatOutcome',
  /** A transfer that failed; the chat stayed with the bot. */
  transferFailed: 'LiveEngageTransferFailed',
  /** A CSAT rating. */
  csat: 'LiveEngageCsat',
  /** A CSAT question left without a rating. */
  csatSkipped: 'LiveEngageCsatSkipped',
} as const;

/**
 * What `LiveEngageTelemetry` needs of a telemetry client: `trackEvent`. botbuilder's
 * `BotTelemetryClient` (`ApplicationInsightsTelemetryClient`) is one; so is any object of yours, so
 * this entry compiles and runs without botbuilder (an Agents SDK bot, a plain service).
 */
export interface TelemetryEventClient {
  trackEvent(event: { name: string; properties?: Record<string, string>; metrics?: Record<string, number> }): void;
}

/** Settings of `LiveEngageTelemetry`. */
export interface LiveEngageTelemetryOptions {
  /** Longest free-text property (reason, message); longer ones are cut with `…`. Default 1024. */
  maxTextLength?: number;
  /** Where a failing `trackEvent` is logged. Default `debug` (`botbuilder-adapter-liveengage:telemetry:error`). */
  logger?: LiveEngageLogger;
}

interface ChatTally {
  visitorLines: number;
  botLines: number;
  failedTransfers: number;
  transfer?: { target?: string; reason?: string; failover: boolean };
  rating?: CsatRating;
}

/**
 * Sends what LiveEngage adapters report to a telemetry client (a Bot Framework `BotTelemetryClient` such
 * as Application Insights' `ApplicationInsightsTelemetryClient`, or any `TelemetryEventClient`), as custom events: one `LiveEngageChatOutcome` per
 * chat (outcome, transfer reason and target, duration, lines, CSAT), `LiveEngageTransferFailed`, and
 * `LiveEngageCsat` / `LiveEngageCsatSkipped` from the `CsatDialog`. Properties are strings; numbers go
 * in `metrics`. The visitor's words are never sent.
 *
 * ```ts
 * const telemetry = observeWithTelemetry(adapter, new ApplicationInsightsTelemetryClient(connectionString));
 * ```
 */
export class LiveEngageTelemetry<C extends TelemetryEventClient = TelemetryEventClient> implements CsatRecorder {
  private readonly chats = new ChatBook<ChatTally>(() => ({ visitorLines: 0, botLines: 0, failedTransfers: 0 }));
  private readonly observed = new Map<LiveEngageEventSource, () => void>();
  private readonly maxText: number;
  private readonly log: LiveEngageLogger;

  constructor(readonly client: C, options: LiveEngageTelemetryOptions = {}) {
    if (!client || typeof client.trackEvent !== 'function') throw new TypeError('LiveEngageTelemetry: client must be a telemetry client with trackEvent() (e.g. a BotTelemetryClient).');
    this.maxText = options.maxTextLength ?? 1024;
    this.log = createLogger('telemetry', options.logger);
  }

  /** Tracks an adapter's chats from now on; observing the same adapter again changes nothing. Returns the unsubscribe. */
  observe(adapter: LiveEngageEventSource): () => void {
    const known = this.observed.get(adapter);
    if (known) return known;
    const unsubscribe = subscribe(adapter, {
      chatAccepted: (fact) => void this.chats.entry(fact),
      visitorLine: (fact) => void (this.chats.entry(fact).visitorLines += 1),
      botLine: (fact) => void (this.chats.entry(fact).botLines += 1),
      transfer: (fact) => this.onTransfer(fact),
      chatClosed: (fact) => this.onClosed(fact),
    }, (event, error) => this.log.error('tracking %s failed: %s', event, (error as Error)?.message ?? String(error)));
    const done = () => {
      unsubscribe();
      if (this.observed.get(adapter) === done) this.observed.delete(adapter);
    };
    this.observed.set(adapter, done);
    return done;
  }

  /** Stops observing every adapter. */
  dispose(): void {
    for (const unsubscribe of [...this.observed.values()]) unsubscribe();
  }

  /** Tracks a CSAT answer (the `CsatDialog` calls this); the chat's outcome event will carry the rating too. */
  recordCsat(response: CsatResponse): void {
    const chat = this.chats.find(response.chatId);
    const properties: Record<string, string> = {
      chatId: response.chatId,
      botUser: chat?.botUser ?? shortLabel(response.botUser, 'unknown'),
      variant: chat?.variant ?? shortLabel(response.variant, NO_VARIANT),
    };
    const skill = chat?.skill ?? response.skill;
    if (skill) properties.skill = skill;
    if (response.rating !== undefined) {
      if (chat) chat.rating = response.rating;
      this.track(TELEMETRY_EVENTS.csat, { ...properties, rating: String(response.rating) }, { rating: response.rating });
    } else {
      this.track(TELEMETRY_EVENTS.csatSkipped, { ...properties, reason: response.skipped });
    }
  }

  private onTransfer(fact: LiveEngageAdapterEvents['transfer'][0]): void {
    const chat = this.chats.entry(fact);
    if (fact.state === 'accepted') {
      chat.transfer = { failover: Boolean(fact.failover), ...(fact.target ? { target: fact.target } : {}), ...(fact.reason ? { reason: fact.reason } : {}) };
      return;
    }
    chat.failedTransfers += 1;
    this.track(TELEMETRY_EVENTS.transferFailed, {
      ...this.base(chat),
      ...(fact.target ? { target: fact.target } : {}),
      ...(fact.reason ? { reason: this.text(fact.reason) } : {}),
      message: this.text(fact.message),
      failover: String(Boolean(fact.failover)),
    });
  }

  private onClosed(fact: LiveEngageAdapterEvents['chatClosed'][0]): void {
    if (!this.chats.isOpen(fact.chatId)) this.chats.entry(fact); // accepted before observing began
    const chat = this.chats.close(fact.chatId)!;
    const properties: Record<string, string> = { ...this.base(chat), outcome: fact.outcome };
    const metrics: Record<string, number> = {
      durationMs: Math.max(0, Math.round(fact.durationMs)),
      visitorLines: chat.visitorLines,
      botLines: chat.botLines,
      failedTransfers: chat.failedTransfers,
    };
    if (fact.outcome === 'transferred' && chat.transfer) {
      if (chat.transfer.reason) properties.reason = this.text(chat.transfer.reason);
      if (chat.transfer.target) properties.target = chat.transfer.target;
      properties.failover = String(chat.transfer.failover);
    }
    if (chat.rating !== undefined) {
      properties.csatRating = String(chat.rating);
      metrics.csatRating = chat.rating;
    }
    this.track(TELEMETRY_EVENTS.chatOutcome, properties, metrics);
  }

  private base(chat: { chatId: string; botUser: string; variant: string; skill?: string }): Record<string, string> {
    return { chatId: chat.chatId, botUser: chat.botUser, variant: chat.variant, ...(chat.skill ? { skill: chat.skill } : {}) };
  }

  private text(value: string): string {
    return value.length > this.maxText ? `${value.slice(0, Math.max(1, this.maxText - 1))}…` : value;
  }

  private track(name: string, properties: Record<string, string>, metrics?: Record<string, number>): void {
    try {
      this.client.trackEvent({ name, properties, ...(metrics ? { metrics } : {}) });
    } catch (error) {
      this.log.error('trackEvent %s failed: %s', name, (error as Error)?.message ?? String(error));
    }
  }
}

/**
 * Tracks an adapter's chat outcomes, failed transfers and (as a `CsatRecorder`) CSAT answers as
 * telemetry events. Returns the `LiveEngageTelemetry`: give it to `CsatDialog({ recorders })`, observe
 * more adapters with it, `dispose()` it to stop.
 */
export function observeWithTelemetry<C extends TelemetryEventClient>(adapter: LiveEngageEventSource, client: C, options?: LiveEngageTelemetryOptions): LiveEngageTelemetry<C> {
  const telemetry = new LiveEngageTelemetry(client, options);
  telemetry.observe(adapter);
  return telemetry;
}
