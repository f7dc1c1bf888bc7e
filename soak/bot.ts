/**
 * The soak's bot: a process the soak may kill. It answers every visitor line with `ack <line> #<nonce>`
 * (a nonce per send, so a line delivered twice can be told from a line answered twice), keeps its
 * chats' progress in the soak's shared storage (MemoryStorage over IPC, or BlobsStorage on Azurite),
 * and reports each completed send, every error and the adapter's reliability events.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ActivityHandler, type Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { LiveEngageAdapter } from '../src/botbuilder/LiveEngageAdapter.js';
import type { LiveEngageAdapterSettings } from '../src/core/settings.js';
import { IpcStorage } from './ipcStorage.js';
import type { BotProcessOptions, FromBot } from './protocol.js';

const options = JSON.parse(process.env.SOAK_BOT ?? '{}') as BotProcessOptions;
const report = (message: FromBot) => process.send?.(message);
process.on('unhandledRejection', (error) => report({ kind: 'error', message: `unhandledRejection: ${String(error)}` }));
process.on('uncaughtException', (error) => report({ kind: 'error', message: `uncaughtException: ${error.message}` }));
// How long the event loop was blocked (CPU starvation on a busy machine looks like a silent bot).
const lag = monitorEventLoopDelay({ resolution: 20 });
lag.enable();
setInterval(() => {
  const ms = lag.max / 1e6;
  if (ms > 100) report({ kind: 'stall', ms: Math.round(ms) });
  lag.reset();
}, 1000).unref();
// The soak is gone: nobody counts what this process does any more.
process.on('disconnect', () => process.exit(0));

const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  const nonce = randomUUID().slice(0, 8);
  await context.sendActivity(`ack ${context.activity.text} #${nonce}`);
  report({ kind: 'sent', nonce });
  await next();
});

const storage: Storage = options.storage === 'azurite'
  ? new BlobsStorage(options.connectionString ?? '', options.container ?? 'soak')
  : new IpcStorage();

const settings: LiveEngageAdapterSettings = {
  accountId: options.accountId,
  credentials: { username: options.username, password: options.password },
  domainApiUrl: options.domainApiUrl,
  transport: options.transport,
  ...settingsOf(options.timing),
  storage,
};
/** The availability check at the run's clock (a protected field, not a setting). */
class SoakAdapter extends LiveEngageAdapter {
  protected override availabilityCheckMs = options.timing.availabilityCheckMs;
}
const adapter = new SoakAdapter(settings);
// Chats the adapter reported a line for as undeliverable (they ended while it was queued).
const undeliverableIn = new Set<string>();
adapter.onTurnError = async (context, error) => {
  // The turn's line could not reach a chat that had ended: the adapter said so (lineUndeliverable),
  // so the error is accounted for; any other turn error is not.
  const chatId = context.activity.conversation?.id ?? '';
  if (undeliverableIn.has(chatId)) report({ kind: 'chatEndedTurnError' });
  else report({ kind: 'error', message: `turn: ${error.message}` });
};

// The adapter's reliability events (an adapter without them just never emits them).
type AnyListener = (name: string, listener: (detail: Record<string, unknown>) => void) => void;
const listen = adapter.on.bind(adapter) as unknown as AnyListener;
listen('lineUndeliverable', (e) => {
  undeliverableIn.add(String(e.chatId));
  const nonce = /#(\S+)$/.exec(String(e.text ?? ''))?.[1];
  if (nonce) report({ kind: 'undeliverable', nonce });
  report({ kind: 'event', name: 'lineUndeliverable', detail: `${String(e.chatId)}: ${String(e.reason)}` });
});
listen('reloginFailed', (e) => report({ kind: 'event', name: 'reloginFailed', detail: `attempt ${String(e.attempt)}: ${String(e.error)}` }));
listen('takeover', (e) => report({ kind: 'event', name: 'takeover', detail: String(e.message) }));

for (let attempt = 1; ; attempt += 1) {
  try {
    await adapter.start((context) => bot.run(context));
    break;
  } catch (error) {
    // Faults may hit the login too; a real deployment's supervisor would retry the same way.
    if (attempt >= 10) throw error;
    await new Promise((resolve) => setTimeout(resolve, options.timing.reloginDelaysMs[0] ?? 500));
  }
}
report({ kind: 'ready' });
process.on('SIGTERM', () => void adapter.stop().then(() => process.exit(0)));

/** The adapter settings among the timing (the availability check is not one). */
function settingsOf(timing: BotProcessOptions['timing']): Partial<LiveEngageAdapterSettings> {
  const { availabilityCheckMs: _check, ...settings } = timing;
  return settings;
}
