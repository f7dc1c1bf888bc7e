import { EventEmitter } from 'node:events';
import type { ChatFact, LiveEngageAdapterEvents } from '../../src/core/events.js';
import type { LiveEngageEventSource } from '../../src/monitoring/index.js';

/** Emits adapter facts by hand, like `LiveEngageAdapter` does (synchronously). */
export class FakeAdapter implements LiveEngageEventSource {
  private readonly emitter = new EventEmitter();
  constructor(readonly botUser = 'support-bot') {}
  on<E extends keyof LiveEngageAdapterEvents>(event: E, listener: (...args: LiveEngageAdapterEvents[E]) => void): this {
    this.emitter.on(event, listener as never);
    return this;
  }
  off<E extends keyof LiveEngageAdapterEvents>(event: E, listener: (...args: LiveEngageAdapterEvents[E]) => void): this {
    this.emitter.off(event, listener as never);
    return this;
  }
  emit<E extends keyof LiveEngageAdapterEvents>(event: E, ...args: LiveEngageAdapterEvents[E]): void {
    this.emitter.emit(event, ...args);
  }
  listenerCount(): number {
    return this.emitter.eventNames().reduce((n, e) => n + this.emitter.listenerCount(e), 0);
  }
  /** The chat fact of a chat id (with this bot user). */
  fact(chatId: string, extra: Partial<ChatFact> = {}): ChatFact {
    return { chatId, botUser: this.botUser, skill: 'support-bot', ...extra };
  }
}
