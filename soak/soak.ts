/**
 * `npm run soak [-- --json] [--seconds 120] [--chats 200] [--fault-rate 0.05] [--seed 7]`
 *
 * A bounded run against the simulator with faults injected into a share of the Chat Agent API requests
 * (500, 429, dropped connections after the request was applied, malformed bodies), bearers revoked
 * (401) and the bot process killed and started again. The figures are read off the simulator's
 * transcripts, the ground truth: every visitor line must be answered exactly once, every bot line
 * delivered exactly once, no chat left without an answer, no unhandled error.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LiveEngageSimulator } from '../src/simulator/index.js';
import type { BotProcessOptions, FromBot } from './protocol.js';

export interface SoakFigures {
  visitorLinesSent: number;
  visitorLinesSeen: number;
  visitorLinesDuplicated: number;
  botLinesSent: number;
  botLinesDelivered: number;
  botLinesDuplicated: number;
  chatsUnanswered: number;
  unhandledErrors: number;
  faultsInjected: number;
  bearersRevoked: number;
  botRestarts: number;
  seconds: number;
  chats: number;
}

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '120' },
    chats: { type: 'string', default: '200' },
    'fault-rate': { type: 'string', default: '0.05' },
    seed: { type: 'string', default: '7' },
  },
});
const seconds = Number(values.seconds);
const chats = Number(values.chats);
const faultRate = Number(values['fault-rate']);
if (!(seconds > 0) || !(chats > 0) || !(faultRate >= 0 && faultRate < 1)) {
  console.error('soak: --seconds and --chats must be positive, --fault-rate in [0, 1).');
  process.exit(2);
}
const say = (text: string) => { if (!values.json) process.stderr.write(`soak: ${text}\n`); };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const sim = new LiveEngageSimulator({ seed: Number(values.seed) });
await sim.start();
const storageDir = mkdtempSync(join(tmpdir(), 'liveengage-soak-'));
const botFile = fileURLToPath(new URL(`./bot${extname(fileURLToPath(import.meta.url))}`, import.meta.url));
const sentNonces = new Set<string>();
const errors: string[] = [];
let botRestarts = 0;

function startBot(): Promise<ChildProcess> {
  const options: BotProcessOptions = { domainApiUrl: sim.domainApiUrl, accountId: sim.accountId, storageDir };
  const child = fork(botFile, { env: { ...process.env, SOAK_BOT: JSON.stringify(options) }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [...process.execArgv, '--no-deprecation'] });
  return new Promise((resolve, reject) => {
    child.on('message', (message: FromBot) => {
      if (message.kind === 'ready') resolve(child);
      else if (message.kind === 'sent') sentNonces.add(message.nonce);
      else errors.push(message.message);
    });
    child.once('exit', (code, signal) => { if (signal !== 'SIGKILL' && signal !== 'SIGTERM' && code !== 0) reject(new Error(`bot exited with ${code}`)); });
  });
}

let bot = await startBot();
say(`bot up; ${chats} chats for ${seconds} s, faults in ${(faultRate * 100).toFixed(1)}% of requests`);

// Faults on every LiveEngage API request (the control API is never faulted): four kinds, equal shares.
for (const fault of [{ status: 500 }, { status: 429, retryAfterSeconds: 1 }, { drop: 'after-apply' as const }, { body: 'malformed' as const }]) {
  if (faultRate > 0) sim.injectFault({ probability: faultRate / 4, ...fault });
}

const chatIds = Array.from({ length: chats }, (_, i) => sim.startChat({ skill: 'support-bot', visitorName: `Soak ${i}` }).chatId);
let visitorLinesSent = 0;
let bearersRevoked = 0;
const started = Date.now();
const until = started + seconds * 1000;
const visitors = chatIds.map(async (chatId, i) => {
  await sleep(Math.random() * 3000);
  for (let n = 0; Date.now() < until; n += 1) {
    try {
      sim.visitorSays(chatId, `v${i}-${n}`);
      visitorLinesSent += 1;
    } catch (error) {
      errors.push(`visitor ${i}: ${(error as Error).message}`);
      return;
    }
    await sleep(2000 + Math.random() * 4000);
  }
});
const revoker = (async () => {
  while (Date.now() < until) {
    await sleep(Math.max(3000, (seconds * 1000) / 6));
    if (Date.now() >= until) break;
    sim.revokeBearer('support-bot');
    bearersRevoked += 1;
  }
})();
const killer = (async () => {
  await sleep(seconds * 400);
  say('killing the bot process (SIGKILL) and starting it again');
  bot.kill('SIGKILL');
  await sleep(1500);
  bot = await startBot();
  botRestarts += 1;
})();
await Promise.all([...visitors, revoker, killer]);

// Faults off, then let the bot answer what is left.
sim.clearFaults();
const faultsInjected = sim.stats().faultsFired;
say('visitors done; draining');
const drainDeadline = Date.now() + 30_000;
while (Date.now() < drainDeadline && figures().chatsUnanswered > 0) await sleep(250);
await sleep(1000);
const result = figures();

bot.kill('SIGTERM');
await sleep(300);
await sim.stop();
rmSync(storageDir, { recursive: true, force: true });

function figures(): SoakFigures {
  const acks = new Map<string, Set<string>>();
  const nonceCount = new Map<string, number>();
  let chatsUnanswered = 0;
  for (const chatId of chatIds) {
    const events = sim.chat(chatId).events;
    let lastVisitor = -1;
    let lastAgent = -1;
    for (const e of events) {
      if (e.type !== 'line') continue;
      if (e.source === 'visitor') lastVisitor = e.id;
      if (e.source !== 'agent') continue;
      lastAgent = e.id;
      const m = /^ack (\S+) #(\S+)$/.exec(e.text ?? '');
      if (!m) continue;
      const [, line, nonce] = m as unknown as [string, string, string];
      acks.set(line, (acks.get(line) ?? new Set()).add(nonce));
      nonceCount.set(nonce, (nonceCount.get(nonce) ?? 0) + 1);
    }
    if (lastVisitor > lastAgent) chatsUnanswered += 1;
  }
  return {
    visitorLinesSent,
    visitorLinesSeen: acks.size,
    visitorLinesDuplicated: [...acks.values()].filter((nonces) => nonces.size > 1).length,
    botLinesSent: sentNonces.size,
    botLinesDelivered: [...sentNonces].filter((n) => nonceCount.has(n)).length,
    botLinesDuplicated: [...nonceCount.values()].filter((count) => count > 1).length,
    chatsUnanswered,
    unhandledErrors: errors.length,
    faultsInjected,
    bearersRevoked,
    botRestarts,
    seconds,
    chats,
  };
}

const ok = result.visitorLinesSeen === result.visitorLinesSent && result.visitorLinesDuplicated === 0 && result.botLinesDelivered === result.botLinesSent
  && result.botLinesDuplicated === 0 && result.chatsUnanswered === 0 && result.unhandledErrors === 0;
if (values.json) {
  console.log(JSON.stringify(result));
} else {
  console.table(result);
  for (const error of errors.slice(0, 10)) console.error(`error: ${error}`);
  console.log(ok ? 'soak: zero loss, zero duplicates.' : 'soak: FAILED (see the figures above).');
}
process.exit(ok ? 0 : 1);
