/**
 * The soak's bot: a process the soak kills and starts again. It answers every visitor line with
 * `ack <line> #<nonce>` (a nonce per send, so a line delivered twice can be told from a line answered
 * twice), keeps its chats' progress in files, and reports each completed send and every error.
 */
import { randomUUID } from 'node:crypto';
import { ActivityHandler } from 'botbuilder';
import { LiveEngageAdapter } from '../src/adapter/LiveEngageAdapter.js';
import { FileStorage } from './fileStorage.js';
import type { BotProcessOptions, FromBot } from './protocol.js';

const options = JSON.parse(process.env.SOAK_BOT ?? '{}') as BotProcessOptions;
const report = (message: FromBot) => process.send?.(message);
process.on('unhandledRejection', (error) => report({ kind: 'error', message: `unhandledRejection: ${String(error)}` }));
process.on('uncaughtException', (error) => report({ kind: 'error', message: `uncaughtException: ${error.message}` }));

const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  const nonce = randomUUID().slice(0, 8);
  await context.sendActivity(`ack ${context.activity.text} #${nonce}`);
  report({ kind: 'sent', nonce });
  await next();
});

const adapter = new LiveEngageAdapter({
  accountId: options.accountId,
  credentials: { username: 'support-bot', password: 'bot-password' },
  domainApiUrl: options.domainApiUrl,
  pollIntervalMs: 250,
  retryDelaysMs: [100, 200, 400, 800],
  // The soak compresses time; LivePerson's 2-minute outer loop would outlast the whole run.
  reloginDelaysMs: [500, 1000, 2000],
  storage: new FileStorage(options.storageDir),
});
adapter.onTurnError = async (_context, error) => {
  report({ kind: 'error', message: `turn: ${error.message}` });
};

for (let attempt = 1; ; attempt += 1) {
  try {
    await adapter.start((context) => bot.run(context));
    break;
  } catch (error) {
    // Faults may hit the login too; a real deployment's supervisor would retry the same way.
    if (attempt >= 10) throw error;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
report({ kind: 'ready' });
process.on('SIGTERM', () => void adapter.stop().then(() => process.exit(0)));
