/**
 * Runs a simulator until Ctrl-C, for trying a bot or the control API by hand:
 *
 *   node dist/src/simulator/main.js            # PORT=7777 HOST=127.0.0.1 by default
 *   PORT=0 DEBUG=botbuilder-adapter-liveengage:simulator npx tsx src/simulator/main.ts
 *   TLS=1 CERT_FILE=/tmp/sim.pem npx tsx src/simulator/main.ts   # https; the certificate to trust goes to CERT_FILE
 *
 * Not exported from the package entry: importing it starts a server.
 */
import { writeFileSync } from 'node:fs';
import { LiveEngageSimulator } from './LiveEngageSimulator.js';
import { SIMULATOR_DEFAULTS } from './defaults.js';

const port = Number(process.env.PORT ?? 7777);
const host = process.env.HOST ?? '127.0.0.1';

const tls = process.env.TLS === '1' || process.env.TLS === 'true';

const sim = new LiveEngageSimulator({ port, host, tls });
await sim.start();
const [bot] = SIMULATOR_DEFAULTS.botUsers;
console.log(`LiveEngage simulator on ${sim.url} (account ${sim.accountId})`);
console.log(`  domainApiUrl: ${sim.domainApiUrl}`);
console.log(`  bot login:    ${bot?.loginName} / ${bot?.password}`);
if (sim.certificatePem) {
  const certFile = process.env.CERT_FILE;
  if (certFile) writeFileSync(certFile, sim.certificatePem);
  console.log(certFile ? `  certificate:  ${certFile} (trust it: adapter setting ca, or NODE_EXTRA_CA_CERTS)` : sim.certificatePem);
}
console.log(`  start a chat: curl ${tls ? '--cacert <certificate> ' : ''}-XPOST ${sim.url}/simulator/chats -H 'Content-Type: application/json' -d '{"skill":"support-bot","visitorName":"Ada"}'`);

const shutdown = (): void => {
  void sim.stop().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
