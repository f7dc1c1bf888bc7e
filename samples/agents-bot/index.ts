/**
 * The support bot written for the Microsoft 365 Agents SDK, behind the Agents Playground endpoint and
 * LiveEngage at once.
 *
 *   npm run start:agents        # builds, then: node dist/samples/agents-bot/index.js
 *
 * Without LP_ACCOUNT_ID it starts the embedded LiveEngage simulator and prints the page to chat on.
 */
import { loadDotEnv, optionsFromEnv } from '../support-bot/config.js';
import { abTestNote, liveEngageBanner } from '../support-bot/hosting.js';
import { describeStartupFailure } from '../support-bot/startup.js';
import { startAgentsBot, type AgentsBotHandles, type AgentsBotOptions } from './app.js';

let app: AgentsBotHandles;
let options: AgentsBotOptions;
try {
  loadDotEnv();
  // The same environment as `npm start` (PORT, SIMULATOR_PORT, HOST, LP_*, AB_TEST, TYPING_DELAY_MS,
  // DEBUG); the botbuilder app id settings are the botbuilder sample's own.
  const { botFramework: _botFramework, ...rest } = optionsFromEnv();
  options = rest;
  app = await startAgentsBot(options);
} catch (error) {
  console.error(`Agents bot did not start. ${describeStartupFailure(error)}`);
  process.exit(1);
}
// Handlers first: a Ctrl-C that comes as soon as the banner is read must find them installed.
let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping (finishing turns, logging out)...`);
  setTimeout(() => process.exit(1), 10_000).unref();
  app.close().then(() => process.exit(0), (error: Error) => { console.error(error); process.exit(1); });
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));

console.log(`Support agent (Microsoft 365 Agents SDK) is running${abTestNote(Object.keys(app.variants))}.`);
console.log(`  Agents Playground:      agentsplayground -e ${app.endpoint} -c emulator`);
for (const line of liveEngageBanner(app, options.liveEngage, options.transport)) console.log(line);
console.log('Press Ctrl-C to stop.');
