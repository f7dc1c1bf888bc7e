/**
 * Runs LivePerson's own agent-sample-app (github.com/LivePersonInc/agent-sample-app, HEAD a834504),
 * unchanged, against a simulator over https, and prints the chat it had. Not part of `npm test`: it
 * needs a checkout of the sample with its dependencies (`npm install` there) and port 443, which the
 * sample hard-codes (`https://adminlogin.liveperson.net`), so root or CAP_NET_BIND_SERVICE.
 *
 *   npx tsx test/interop/agentSampleApp.ts /path/to/agent-sample-app
 *
 * The environment, not the sample, is arranged: `hostsPreload.cjs` resolves adminlogin.liveperson.net
 * to 127.0.0.1, and NODE_EXTRA_CA_CERTS trusts the simulator's certificate (verification stays on).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';
import { LiveEngageSimulator } from '../../src/simulator/index.js';

const sampleDir = process.argv[2];
if (!sampleDir) throw new Error('usage: npx tsx test/interop/agentSampleApp.ts /path/to/agent-sample-app');

const pems = await generate([{ name: 'commonName', value: 'adminlogin.liveperson.net' }], {
  keyType: 'ec',
  curve: 'P-256',
  algorithm: 'sha256',
  extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'adminlogin.liveperson.net' }, { type: 7, ip: '127.0.0.1' }] }],
});
const caFile = join(mkdtempSync(join(tmpdir(), 'sample-ca-')), 'ca.pem');
writeFileSync(caFile, pems.cert);

const sim = new LiveEngageSimulator({ port: 443, tls: { key: pems.private, cert: pems.cert }, log: false });
await sim.start();
const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Ada' });
const preload = fileURLToPath(new URL('./hostsPreload.cjs', import.meta.url));
const app = spawn(process.execPath, ['--require', preload, 'App.js'], { cwd: sampleDir, env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile } });
app.stdout.on('data', (data: Buffer) => process.stdout.write(`  sample: ${data.toString()}`));
app.stderr.on('data', (data: Buffer) => process.stdout.write(`  sample! ${data.toString()}`));
// Its prompts: account id, user name, password.
app.stdin.write(`${sim.accountId}\nsupport-bot\nbot-password\n`);
try {
  await sim.waitFor(() => sim.chat(chatId).state === 'chatting', 30_000);
  // Its transcript has five lines; the sixth visitor line makes it end the chat and log out.
  for (let i = 1; i <= 6; i += 1) {
    sim.visitorSays(chatId, `visitor line ${i}`);
    await sim.waitFor(() => sim.chat(chatId).events.filter((e) => e.source === 'agent').length >= i || sim.chat(chatId).state === 'ended', 30_000);
  }
  await sim.waitFor(() => sim.chat(chatId).state === 'ended' && !sim.agents().find((a) => a.loginName === 'support-bot')?.loggedIn, 30_000);
  for (const e of sim.chat(chatId).events) console.log(`${e.id} ${e.type} ${e.source ?? e.state}${e.systemMessageId ? ` ${e.systemMessageId}` : ''} ${e.text ?? ''}`);
  console.log('requests', JSON.stringify(sim.stats().byOperation), 'statuses', JSON.stringify(sim.stats().byStatus));
} finally {
  app.kill();
  await sim.stop();
}
