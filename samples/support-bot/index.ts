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

const agent = app.liveEngage.agent;

const variants = Object.keys(app.variants);
console.log(`Support bot is running${variants.length > 1 ? ` (A/B test: variants ${variants.join(' and ')}, 50/50; AB_TEST=off for A alone)` : ''}.`);
console.log(`  Bot Framework Emulator: ${app.emulatorEndpoint}   (leave app id and password empty${options.host === '0.0.0.0' || options.host === '::' ? `; listening on every interface, HOST=${options.host}` : ''})`);
if (app.simulator && app.pageUrl) {
  console.log(`  LiveEngage simulator:   ${app.pageUrl}   (open it: start a chat, type "agent", take it as Alice; "bye" asks for a rating)`);
  console.log(`                          account ${app.simulator.accountId}, bot user support-bot on skill support-bot`);
} else {
  console.log(`  LiveEngage:             account ${options.liveEngage?.accountId}, bot user ${agent?.agentName ?? options.liveEngage?.credentials.username} is Online on ${agent?.skills.map((s) => s.name).join(', ') || 'no skills'}`);
}
console.log(`  Metrics (Prometheus):   ${app.metricsUrl}${app.simulator ? '   (drawn on the page, under "Bot performance")' : ''}`);
console.log('Press Ctrl-C to stop.');
