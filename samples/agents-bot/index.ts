/**
 * The support bot written for the Microsoft 365 Agents SDK, behind the Agents Playground endpoint and
 * LiveEngage at once.
 *
 *   npm run start:agents        # builds, then: node dist/samples/agents-bot/index.js
 *
 * Without LP_ACCOUNT_ID it starts the embedded LiveEngage simulator and prints the page to chat on.
 */
import { loadDotEnv, optionsFromEnv } from '../support-bot/config.js';
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

const variants = Object.keys(app.variants);
console.log(`Support agent (Microsoft 365 Agents SDK) is running${variants.length > 1 ? ` (A/B test: variants ${variants.join(' and ')}, 50/50; AB_TEST=off for A alone)` : ''}.`);
console.log(`  Agents Playground:      agentsplayground -e ${app.endpoint} -c emulator`);
if (app.simulator && app.pageUrl) {
  console.log(`  LiveEngage simulator:   ${app.pageUrl}   (open it: start a chat, type "agent", take it as Alice; "bye" asks for a rating)`);
  console.log(`                          account ${app.simulator.accountId}, bot user support-bot on skill support-bot`);
} else {
  const agent = app.liveEngage.agent;
  console.log(`  LiveEngage:             account ${options.liveEngage?.accountId}, bot user ${agent?.agentName ?? options.liveEngage?.credentials.username} is Online on ${agent?.skills.map((s) => s.name).join(', ') || 'no skills'}`);
}
console.log(`  Metrics (Prometheus):   ${app.metricsUrl}${app.simulator ? '   (drawn on the page, under "Bot performance")' : ''}`);
console.log('Press Ctrl-C to stop.');
