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
import { startAgentsBot, type AgentsBotHandles } from './app.js';

let app: AgentsBotHandles;
try {
  loadDotEnv();
  const options = optionsFromEnv();
  app = await startAgentsBot({
    ...(options.liveEngage ? { liveEngage: options.liveEngage } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.simulatorPort !== undefined ? { simulatorPort: options.simulatorPort } : {}),
    ...(options.humanSkill ? { humanSkill: options.humanSkill } : {}),
  });
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

console.log('Support agent (Microsoft 365 Agents SDK) is running.');
console.log(`  Agents Playground:    agentsplayground -e ${app.endpoint} -c emulator`);
if (app.pageUrl) console.log(`  LiveEngage simulator: ${app.pageUrl}   (start a chat; "agent" transfers to a person)`);
else console.log(`  LiveEngage:           bot user ${app.liveEngage.agent?.agentName ?? ''} is Online`);
console.log('Press Ctrl-C to stop.');
