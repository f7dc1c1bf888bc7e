import { ActivityHandler, type TurnContext } from 'botbuilder';
import { LiveEngageAdapter } from '../../src/botbuilder/LiveEngageAdapter.js';
import type { LiveEngageAdapterSettings, LiveEngageLogger } from '../../src/core/settings.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';

/** Settings that make an adapter fast against a local simulator. */
export function fastSettings(sim: LiveEngageSimulator, overrides: Partial<LiveEngageAdapterSettings> = {}): LiveEngageAdapterSettings {
  return {
    accountId: sim.accountId,
    credentials: { username: 'support-bot', password: 'bot-password' },
    domainApiUrl: sim.domainApiUrl,
    pollIntervalMs: 25,
    retryDelaysMs: [10, 20, 40],
    rateLimitMinDelayMs: 10,
    loginRateLimitMinDelayMs: 50,
    reloginDelaysMs: [50, 100, 200],
    ...overrides,
  };
}

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`, saying what it waited for). */
export async function waitFor<T>(what: string, check: () => T | undefined | false | null | Promise<T | undefined | false | null>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The texts of a chat's lines from a given source. */
export function linesBy(sim: LiveEngageSimulator, chatId: string, source: 'agent' | 'visitor' | 'system'): string[] {
  return sim.chat(chatId).events.filter((e) => e.type === 'line' && e.source === source).map((e) => e.text ?? '');
}

/** Waits until the chat holds at least `count` lines from `source`; returns them. */
export function waitForLines(sim: LiveEngageSimulator, chatId: string, count: number, source: 'agent' | 'visitor' | 'system' = 'agent', timeoutMs?: number): Promise<string[]> {
  return waitFor(`${count} ${source} line(s) in chat ${chatId}`, () => {
    const lines = linesBy(sim, chatId, source);
    return lines.length >= count ? lines : undefined;
  }, timeoutMs);
}

/** A welcome-and-echo bot, the smallest ActivityHandler bot. */
export class EchoBot extends ActivityHandler {
  readonly seen: string[] = [];
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await context.sendActivity(`Welcome, ${member.name}!`);
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      this.seen.push(context.activity.text);
      await context.sendActivity(`You said: ${context.activity.text}`);
      await next();
    });
  }
}

/** A logger that keeps what it is told, for assertions. */
export function memoryLogger(): LiveEngageLogger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string, ...args: unknown[]) => {
    let i = 0;
    lines.push(`${level} ${message.replace(/%[sdjoO]/g, () => String(args[i++]))}`);
  };
  return { lines, debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
}

/** A started simulator and adapter around a bot, stopped by `close()`. */
export async function startPair(bot: { run(context: TurnContext): Promise<void> }, overrides: Partial<LiveEngageAdapterSettings> = {}, simOptions: ConstructorParameters<typeof LiveEngageSimulator>[0] = {}) {
  const sim = new LiveEngageSimulator(simOptions);
  await sim.start();
  const adapter = new LiveEngageAdapter(fastSettings(sim, overrides));
  await adapter.start((context) => bot.run(context));
  return {
    sim,
    adapter,
    async close() {
      await adapter.stop();
      await sim.stop();
    },
  };
}

