/**
 * Runs a simulator until Ctrl-C, for trying a bot or the control API by hand:
 *
 *   node dist/src/simulator/main.js            # PORT=7777 HOST=127.0.0.1 by default
 *   PORT=0 DEBUG=botbuilder-adapter-liveengage:simulator npx tsx src/simulator/main.ts
 *
 * Not exported from the package entry: importing it starts a server.
 */
import { LiveEngageSimulator } from './LiveEngageSimulator.js';
import { SIMULATOR_DEFAULTS } from './defaults.js';

const port = Number(process.env.PORT ?? 7777);
const host = process.env.HOST ?? '127.0.0.1';

const sim = new LiveEngageSimulator({ port, host });
await sim.start();
const [bot] = SIMULATOR_DEFAULTS.botUsers;
console.log(`LiveEngage simulator on ${sim.url} (account ${sim.accountId})`);
console.log(`  domainApiUrl: ${sim.domainApiUrl}`);
console.log(`  bot login:    ${bot?.loginName} / ${bot?.password}`);
console.log(`  start a chat: curl -XPOST ${sim.url}/simulator/chats -H 'Content-Type: application/json' -d '{"skill":"support-bot","visitorName":"Ada"}'`);

const shutdown = (): void => {
  void sim.stop().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
