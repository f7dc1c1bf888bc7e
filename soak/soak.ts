/**
 * `npm run soak -- [--json] [--seconds 120] [--chats 200] [--bots 1] [--storage memory|azurite]
 *   [--timing fast|defaults] [--time-scale 20] [--fault-rate 0.05] [--seed 7]` (`--help` for usage)
 *
 * A bounded run against the simulator: faults in a share of the Chat Agent API requests (500, 429,
 * malformed bodies, connections dropped before and after the request was applied, applied-then-503,
 * answers slower than the client's timeout), bearers revoked (401), a login outage longer than a
 * send's retries with every bearer revoked at its start, and one of the N bot processes killed with
 * SIGKILL (with one bot it is started again; with more, the others take its chats once LiveEngage
 * re-queues them). The figures are read off the simulator's transcripts, the ground truth.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { TAKEOVER_SUSPECT_MS } from '../src/core/takeover.js';
import { LiveEngageSimulator, type ChatEventView, type SimulatedBotUser } from '../src/simulator/index.js';
import { parseSoakArgs, SOAK_USAGE } from './args.js';
import { loginOutage, randomFaults } from './faultPlan.js';
import { soakPassed, transcriptFigures, type SoakFigures } from './figures.js';
import { startFleet } from './fleet.js';
import { soakTiming } from './timing.js';

export type { SoakFigures } from './figures.js';

const parsed = parseSoakArgs(process.argv.slice(2));
if (parsed.kind === 'help') {
  console.log(SOAK_USAGE);
  process.exit(0);
}
if (parsed.kind === 'error') {
  console.error(`soak: ${parsed.message}\n\n${SOAK_USAGE}`);
  process.exit(2);
}
const { options } = parsed;
if (options.transport === 'messaging') {
  // Messaging has its own driver (consumers, socket drops, token expiries): soak/messagingSoak.ts.
  const { runMessagingSoak } = await import('./messagingSoak.js');
  process.exit(await runMessagingSoak(options));
}
const { seconds, chats } = options;
const timing = soakTiming(options.timing, options.timeScale);
const say = (text: string) => { if (!options.json) process.stderr.write(`soak: ${text}\n`); };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const botUsers: SimulatedBotUser[] = Array.from({ length: options.bots }, (_, i) => ({
  id: String(3001 + i),
  loginName: `soak-bot-${i + 1}`,
  nickname: `Soak Bot ${i + 1}`,
  password: `soak-password-${i + 1}`,
  skills: [1],
  maxChats: -1,
}));
// A dead bot's session times out only when other bots are there to take its chats; a lone bot is
// started again and must resume its chats from the storage (a re-queue would hide that).
// The simulator runs in this process: a blocked event loop here delays every request, as one in a bot does.
const simLag = monitorEventLoopDelay({ resolution: 20 });
simLag.enable();
const sim = new LiveEngageSimulator({ seed: options.seed, botUsers, log: false, ...timing.simulator, ...(options.bots === 1 ? { agentSessionIdleSeconds: 0 } : {}) });
await sim.start();

const fleet = await startFleet(sim, botUsers, { storage: options.storage, transport: 'chat', timing: timing.adapter }, say);
const { bots, reports } = fleet;
say(`${options.bots} bot(s) up (${options.storage} storage, ${timing.name} timing${timing.name === 'defaults' ? ` / ${timing.scale}` : ''}); ${chats} chats for ${seconds} s, faults in ${(options.faultRate * 100).toFixed(1)}% of requests`);

for (const rule of randomFaults(options.faultRate, timing)) sim.injectFault(rule);

const chatIds = Array.from({ length: chats }, (_, i) => sim.startChat({ skill: 'support-bot', visitorName: `Soak ${i}` }).chatId);
let visitorLinesSent = 0;
let bearersRevoked = 0;
let loginOutages = 0;
let botsKilled = 0;
let botRestarts = 0;
const startedAt = Date.now();
const until = startedAt + seconds * 1000;
const at = () => ((Date.now() - startedAt) / 1000).toFixed(1);
const revokeAll = () => {
  for (const user of botUsers) bearersRevoked += sim.revokeBearer(user.loginName).revoked > 0 ? 1 : 0;
};

const visitors = chatIds.map(async (chatId, i) => {
  await sleep(Math.random() * 3000);
  for (let n = 0; Date.now() < until; n += 1) {
    // A chat LiveEngage ended (timed out) takes no more lines; the figures count it.
    if (sim.chat(chatId).state === 'ended') return;
    try {
      sim.visitorSays(chatId, `v${i}-${n}`);
      visitorLinesSent += 1;
    } catch (error) {
      reports.errors.push(`visitor ${i}: ${(error as Error).message}`);
      return;
    }
    await sleep(2000 + Math.random() * 4000);
  }
});
// A 401 on a login younger than takeoverSuspectMs is the adapter's sign that another process of the
// bot user took over (it gives up after maxTakeovers): revocations come no closer together than that,
// or the soak would test the takeover rule instead of recovery.
const suspectMs = timing.adapter.takeoverSuspectMs ?? TAKEOVER_SUSPECT_MS;
const revokeEveryMs = Math.max(3000, (seconds * 1000) / 6, suspectMs + 1000);
const revoker = (async () => {
  while (Date.now() < until) {
    await sleep(Math.min(revokeEveryMs, Math.max(0, until - Date.now())));
    if (Date.now() >= until) break;
    revokeAll();
  }
})();
// The login outage begins with one bot's bearer revoked (the last bot; the first is the one killed):
// it cannot log in again until the outage is over and its outer re-login loop comes round. Longer than
// LiveEngage's chat timeout, the outage costs that bot its chats: they are counted apart, and what it
// had queued for them must be reported undeliverable.
const outageBot = botUsers[botUsers.length - 1]!;
let outageFrom = Number.POSITIVE_INFINITY;
const outage = (async () => {
  await sleep(seconds * 600);
  say(`t=${at()} s: login outage for ${timing.loginOutageMs} ms, bot ${outageBot.loginName}'s bearer revoked at its start`);
  sim.injectFault(loginOutage(timing));
  outageFrom = Date.now();
  loginOutages += 1;
  bearersRevoked += sim.revokeBearer(outageBot.loginName).revoked > 0 ? 1 : 0;
})();
const killer = (async () => {
  await sleep(seconds * 400);
  say(`t=${at()} s: killing bot ${botUsers[0]!.loginName} (SIGKILL)${options.bots === 1 ? ' and starting it again' : '; the others take its chats'}`);
  bots[0]?.kill('SIGKILL');
  bots[0] = undefined;
  botsKilled += 1;
  if (options.bots > 1) return;
  await sleep(1000);
  bots[0] = await fleet.start(botUsers[0]!);
  botRestarts += 1;
})();
await Promise.all([...visitors, revoker, outage, killer]);

// Faults (and the outage) off, then let the bots answer what is left: the longest re-login wait included.
sim.clearFaults();
const faultsInjected = sim.stats().faultsFired;
say('visitors done; draining');
const drainMs = Math.max(30_000, 2 * Math.max(...timing.adapter.reloginDelaysMs) + 10_000);
const drainDeadline = Date.now() + drainMs;
// A chat LiveEngage ended can get no answer any more: waiting for it would only lengthen the run.
const waiting = () => chatIds.some((id) => {
  const chat = sim.chat(id);
  const last = chat.events.filter((e) => e.type === 'line' && (e.source === 'visitor' || e.source === 'agent')).at(-1);
  return chat.state !== 'ended' && last?.source === 'visitor';
});
while (Date.now() < drainDeadline && waiting()) await sleep(250);
await sleep(1000);
const result = figures();
const timedOutAt = chatIds.flatMap((id) => sim.chat(id).events.filter((e) => e.type === 'line' && e.source === 'system' && Number(e.systemMessageId) === 6))
  .map((e) => (Date.parse(e.time) - startedAt) / 1000).sort((a, b) => a - b);
if (timedOutAt.length) say(`${timedOutAt.length} chat(s) timed out, from t=${timedOutAt[0]!.toFixed(1)} s to t=${timedOutAt.at(-1)!.toFixed(1)} s`);
// What went wrong where, for whoever reads a failed run: chats that timed out outside the outage, and
// visitor lines answered twice (by whom).
const rel = (time: string) => ((Date.parse(time) - startedAt) / 1000).toFixed(2);
for (const id of chatIds) {
  const { events } = sim.chat(id);
  const lines = events.filter((e) => e.type === 'line');
  const disconnected = lines.find((e) => e.source === 'system' && Number(e.systemMessageId) === 6);
  if (disconnected && !endedInOutage(events)) {
    const lastAgent = lines.filter((e) => e.source !== 'visitor' && e.id < disconnected.id).at(-1);
    say(`timed out at t=${rel(disconnected.time)} s: ${id.slice(-8)}, last agent/system line at t=${lastAgent ? rel(lastAgent.time) : '-'} s by ${lastAgent?.by ?? '-'} (${lastAgent?.text?.slice(0, 40) ?? ''})`);
  }
  const acks = new Map<string, ChatEventView[]>();
  for (const e of lines) {
    const m = e.source === 'agent' ? /^ack (\S+) #/.exec(e.text ?? '') : null;
    if (m) acks.set(m[1]!, [...(acks.get(m[1]!) ?? []), e]);
  }
  for (const [line, answers] of acks) {
    if (answers.length > 1) say(`answered ${answers.length} times: ${line} in ${id.slice(-8)}: ${answers.map((e) => `t=${rel(e.time)} s by ${e.by}`).join(', ')}; events: ${lines.filter((e) => e.source === 'system').map((e) => `${e.systemMessageId}@${rel(e.time)}`).join(' ')}`);
  }
}

await fleet.stop();
await sim.stop();

/**
 * A chat the outage cost: LiveEngage timed it out after the outage began and before the outage bot could
 * be back (the outage, its failed login's retries, the first outer re-login wait, then the chat timeout),
 * and the outage bot was the last to write in it.
 */
function endedInOutage(events: ChatEventView[]): boolean {
  const disconnected = events.find((e) => e.type === 'line' && e.source === 'system' && Number(e.systemMessageId) === 6);
  if (!disconnected) return false;
  const at = Date.parse(disconnected.time);
  const back = outageFrom + timing.loginOutageMs + timing.adapter.retryDelaysMs.reduce((a, b) => a + b, 0) + (timing.adapter.reloginDelaysMs[0] ?? 0);
  const holder = events.filter((e) => e.type === 'line' && e.source === 'agent' && e.id < disconnected.id).at(-1)?.by;
  return at >= outageFrom && at <= back + timing.simulator.chatTimeoutSeconds * 1000 + 1000 && holder === outageBot.nickname;
}

function figures(): SoakFigures {
  const transcripts = chatIds.map((id) => {
    const { events } = sim.chat(id);
    return { events, endedInOutage: endedInOutage(events) };
  });
  return {
    visitorLinesSent,
    ...transcriptFigures(transcripts, reports.sentNonces, reports.undeliverableNonces),
    botLinesSent: reports.sentNonces.size,
    botLinesUndeliverable: reports.events.lineUndeliverable.length,
    unhandledErrors: reports.errors.length,
    turnErrorsChatEnded: reports.turnErrorsChatEnded,
    maxBotStallMs: reports.maxStallMs,
    maxSimulatorStallMs: Math.round(simLag.max / 1e6),
    faultsInjected,
    bearersRevoked,
    loginOutages,
    reloginFailures: reports.events.reloginFailed.length,
    takeovers: reports.events.takeover.length,
    botsKilled,
    botRestarts,
    bots: options.bots,
    storage: options.storage,
    timing: timing.name === 'defaults' ? `defaults/${timing.scale}` : 'fast',
    seconds,
    chats,
  };
}

const ok = soakPassed(result);
if (options.json) {
  console.log(JSON.stringify(result));
} else {
  console.table(result);
  for (const error of reports.errors.slice(0, 10)) console.error(`error: ${error}`);
  for (const line of reports.events.reloginFailed.slice(0, 5)) console.error(`re-login failed: ${line}`);
  for (const line of reports.events.takeover.slice(0, 5)) console.error(`takeover: ${line}`);
  for (const line of reports.events.lineUndeliverable.slice(0, 5)) console.error(`undeliverable: ${line}`);
  console.log(ok ? 'soak: zero loss, zero duplicates.' : 'soak: FAILED (see the figures above).');
}
process.exit(ok ? 0 : 1);
