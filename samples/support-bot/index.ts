/**
 * The support bot, behind the Bot Framework Emulator endpoint and LiveEngage at once.
 *
 *   npm start                   # builds, then: node dist/samples/support-bot/index.js
 *
 * Configuration comes from the environment (and `.env`, see `.env.example`). Without LP_ACCOUNT_ID it
 * starts the embedded LiveEngage simulator and prints the page where you can chat with the bot.
 */
import { startSupportBot, type SupportBotHandles, type SupportBotOptions } from './app.js';
import { loadDotEnv, optionsFromEnv } from './config.js';
import { abTestNote, liveEngageBanner } from './hosting.js';
import { describeStartupFailure } from './startup.js';

let options: SupportBotOptions;
let app: SupportBotHandles;
try {
  loadDotEnv();
  options = optionsFromEnv();
  app = await startSupportBot(options);
} catch (error) {
  // A wrong setting or a busy port: the message says what to change; a stack would only hide it.
  console.error(`Support bot did not start. ${describeStartupFailure(error)}`);
  process.exit(1);
}
// Handlers first: a Ctrl-C that comes as soon as the banner is read must find them installed.
let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping (finishing turns, logging out)...`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  app.close().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));

console.log(`Support bot is running${abTestNote(Object.keys(app.variants))}.`);
console.log(`  Bot Framework Emulator: ${app.emulatorEndpoint}   (leave app id and password empty${options.host === '0.0.0.0' || options.host === '::' ? `; listening on every interface, HOST=${options.host}` : ''})`);
for (const line of liveEngageBanner(app, options.liveEngage, options.transport)) console.log(line);
console.log('Press Ctrl-C to stop.');
