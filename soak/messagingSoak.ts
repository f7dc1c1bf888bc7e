/**
 * The soak on Messaging (`--transport messaging`): the bot processes run the adapter with
 * `transport: 'messaging'`, consumers talk through the simulator's Messaging side, and the bots' sockets
 * are dropped and closed with various codes, their logins expired (4401: log in again), a share of their
 * requests delayed, refused or cut off before or after being applied, a share of their logins refused
 * (500), and one bot process killed with SIGKILL. The figures are read off the simulator's conversations.
 *
 * The killed bot is started again whatever `--bots` says: on Messaging a bot user's conversations stay
 * assigned to it while no process runs (LivePerson re-routes them only when an agent transfers them),
 * so no other bot user can take them over; the process must come back, as a supervisor would bring it,
 * and resume them from the shared storage by sequence.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LiveEngageSimulator, type SimulatedBotUser } from '../src/simulator/index.js';
import type { SoakOptions } from './args.js';
import { faultsDue, messagingRequestFaults, seededRandom, SOCKET_CLOSE_CODES, type RequestFaultKind } from './messagingFaultPlan.js';
import { messagingSoakPassed, messagingTranscript, messagingTranscriptFigures, type MessagingSoakFigures } from './messagingFigures.js';
import { startFleet } from './fleet.js';
import { soakTiming } from './timing.js';

const sleep = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms));
const RESTART_TIMEOUT_MS = 30_000;
/**
 * The requests faulted: publishes (the bot's answers), catch-up reads and ring accepts. Not the
 * subscriptions a reconnect starts with: a fault there drops the new socket at once, and one waiting
 * for a bot that is away would greet every reconnect.
 */
const FAULTED_TYPES = ['.ams.ms.PublishEvent', '.ams.ms.QueryMessages', '.ams.routing.UpdateRingState'] as const;

export async function runMessagingSoak(options: SoakOptions): Promise<number> {
  const { seconds, chats } = options;
  const timing = soakTiming(options.timing, options.timeScale);
  const say = (text: string) => { if (!options.json) process.stderr.write(`soak: ${text}\n`); };
  // What went wrong goes to stderr even with --json (stdout stays one JSON object).
  const diagnose = (text: string) => process.stderr.write(`soak: ${text}\n`);
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const botUsers: SimulatedBotUser[] = Array.from({ length: options.bots }, (_, i) => ({
    id: String(3001 + i), loginName: `soak-bot-${i + 1}`, nickname: `Soak Bot ${i + 1}`, password: `soak-password-${i + 1}`, skills: [1], maxChats: -1,
  }));
  const simLag = monitorEventLoopDelay({ resolution: 20 });
  simLag.enable();
  // A ring refused or cut off is routed again after ringTtlMs: LivePerson's 72 s, at the run's clock.
  const ringTtlMs = timing.name === 'fast' ? 5000 : Math.round(72_000 / timing.scale);
  const sim = new LiveEngageSimulator({ seed: options.seed, botUsers, log: false, messaging: { ringTtlMs } });
  await sim.start();
  const msg = sim.messaging;

  const fleet = await startFleet(sim, botUsers, { storage: options.storage, transport: 'messaging', timing: timing.adapter }, say);
  const { bots, reports } = fleet;
  const firstSockets = msg.stats().connections;
  say(`${options.bots} bot(s) up on Messaging (${options.storage} storage, ${timing.name} timing); ${chats} conversations for ${seconds} s, faults in ${(options.faultRate * 100).toFixed(1)}% of requests`);

  // Re-logins (after a token expiry, a 1011) go through the Login Service: a share of them fails too.
  if (options.faultRate > 0) sim.injectFault({ match: { operation: 'login' }, status: 500, probability: options.faultRate });

  const startedAt = Date.now();
  const until = startedAt + seconds * 1000;
  const at = () => ((Date.now() - startedAt) / 1000).toFixed(1);
  const conversationIds: string[] = [];
  let visitorLinesSent = 0;
  const consumers = Array.from({ length: chats }, async (_, i) => {
    await sleep(Math.random() * 3000);
    const { conversationId } = msg.startConversation({ skill: 'support-bot', consumerName: `Soak ${i}`, text: `v${i}-0` });
    conversationIds.push(conversationId);
    visitorLinesSent += 1;
    for (let n = 1; ; n += 1) {
      await sleep(2000 + Math.random() * 4000);
      if (Date.now() >= until) return;
      try {
        msg.consumerSays(conversationId, `v${i}-${n}`);
        visitorLinesSent += 1;
      } catch (error) {
        reports.errors.push(`consumer ${i}: ${(error as Error).message}`);
        return;
      }
    }
  });

  // Request faults: every 250 ms, rules for the share of the requests seen since; each hits the next request.
  const kinds = messagingRequestFaults(timing);
  const armed = new Map<string, RequestFaultKind>();
  const requestsSoFar = () => Object.values(msg.stats().requests).reduce((a, b) => a + b, 0);
  const armer = (async () => {
    let seen = requestsSoFar();
    let carry = 0;
    while (Date.now() < until) {
      await sleep(250);
      const now = requestsSoFar();
      const due = faultsDue(now - seen, options.faultRate, carry);
      [seen, carry] = [now, due.carry];
      // Rules wait for the next request: while a bot is away they would pile up and greet every
      // reconnect at once, so no more than one waits at a time.
      const pending = msg.faults().length;
      for (let k = pending; k < Math.min(due.count, 1); k += 1) {
        const kind = pick(Object.keys(kinds) as RequestFaultKind[]);
        armed.set(msg.injectFault({ ...kinds[kind], type: pick(FAULTED_TYPES) }).id, kind);
      }
    }
  })();

  const socketDropsByCode: Record<string, number> = {};
  let socketDrops = 0;
  // Slots far enough apart for a socket to count as healthy (10 s) between them, else the client's
  // backoff only grows and the run measures the backoff.
  const dropEveryMs = Math.max(2000, (seconds * 1000) / 6);
  const dropper = (async () => {
    for (let n = 0; ; n += 1) {
      await sleep(dropEveryMs);
      if (Date.now() >= until) return;
      // A bot between sockets (backing off) has nothing to drop: the slot passes, counted by what closed.
      const user = pick(botUsers).loginName;
      const code = SOCKET_CLOSE_CODES[n % SOCKET_CLOSE_CODES.length]!;
      const closed = code === 1006 ? msg.dropSockets(user).dropped : msg.closeSockets(code, 'soak', user).closed;
      socketDrops += closed;
      if (closed > 0) socketDropsByCode[code] = (socketDropsByCode[code] ?? 0) + closed;
    }
  })();
  let tokenExpiries = 0;
  const expireEveryMs = Math.max(3000, (seconds * 1000) / 4);
  const expirer = (async () => {
    await sleep(expireEveryMs / 2);
    while (Date.now() < until) {
      const user = pick(botUsers).loginName;
      msg.expireToken(user);
      tokenExpiries += 1;
      await sleep(expireEveryMs);
    }
  })();
  let botsKilled = 0;
  let botRestarts = 0;
  const killer = (async () => {
    await sleep(seconds * 400);
    say(`t=${at()} s: killing bot ${botUsers[0]!.loginName} (SIGKILL) and starting it again (its conversations stay assigned to it)`);
    bots[0]?.kill('SIGKILL');
    bots[0] = undefined;
    botsKilled += 1;
    await sleep(1000);
    // A bot that never comes back must fail the run, not hang it.
    const restarted = await Promise.race([fleet.start(botUsers[0]!), sleep(RESTART_TIMEOUT_MS)]);
    if (!restarted) reports.errors.push(`${botUsers[0]!.loginName}: not started again within ${RESTART_TIMEOUT_MS} ms`);
    else bots[0] = restarted;
    botRestarts += 1;
  })();
  await Promise.all([...consumers, armer, dropper, expirer, killer]);

  // Which armed rules fired (those no longer listed), then every fault off.
  const left = new Set(msg.faults().map((f) => f.id));
  const requestFaults: Record<RequestFaultKind, number> = { delayed: 0, refused: 0, closedBeforeApply: 0, closedAfterApply: 0 };
  for (const [id, kind] of armed) if (!left.has(id)) requestFaults[kind] += 1;
  const loginFaults = sim.stats().faultsFired;
  msg.clearFaults();
  sim.clearFaults();
  say('consumers done; draining');
  // A reconnect after a close waits the client's backoff (5 s, x1.25 a failed attempt): allow several.
  const drainDeadline = Date.now() + 60_000;
  // Every line, not just each conversation's last: a later line answered does not prove an earlier one was.
  const waiting = () => unanswered().length > 0 || linesUnanswered() > 0;
  while (Date.now() < drainDeadline && waiting()) await sleep(250);
  await sleep(1000);

  const transcripts = conversationIds.map((id) => msg.conversation(id).events);
  const result: MessagingSoakFigures = {
    transport: 'messaging',
    visitorLinesSent,
    ...messagingTranscriptFigures(transcripts, reports.sentNonces, reports.undeliverableNonces),
    botLinesSent: reports.sentNonces.size,
    botLinesUndeliverable: reports.events.lineUndeliverable.length,
    unhandledErrors: reports.errors.length,
    turnErrorsChatEnded: reports.turnErrorsChatEnded,
    maxBotStallMs: reports.maxStallMs,
    maxSimulatorStallMs: Math.round(simLag.max / 1e6),
    socketDrops,
    socketDropsByCode,
    tokenExpiries,
    requestFaults,
    loginFaults,
    reconnects: msg.stats().connections - firstSockets,
    botsKilled,
    botRestarts,
    bots: options.bots,
    storage: options.storage,
    timing: timing.name === 'defaults' ? `defaults/${timing.scale}` : 'fast',
    seconds,
    chats,
  };
  // For whoever reads a failed run: each conversation left unanswered, and lines answered twice.
  for (const id of unanswered()) {
    const c = msg.conversation(id);
    const lines = c.events.filter((e) => e.type === 'ContentEvent');
    const tail = lines.slice(-3).map((e) => `${e.sequence}:${e.from === 'consumer' ? 'consumer' : e.agent?.nickname ?? 'agent'}@${rel(e.time)} ${e.text?.slice(0, 30) ?? ''}`).join(' | ');
    diagnose(`unanswered: ${id.slice(-8)} (${c.state}, assigned ${c.assigned?.nickname ?? '-'}, ringing ${c.ringing.map((r) => r.nickname).join(',') || '-'}): ${tail}`);
  }
  for (const line of reports.events.lineUndeliverable) diagnose(`undeliverable: ${line}`);
  for (const error of reports.errors) diagnose(`error: ${error}`);
  for (const id of conversationIds) {
    const events = msg.conversation(id).events;
    const acked = new Set(events.map((e) => (e.from === 'agent' ? /^ack (\S+) #/.exec(e.text ?? '')?.[1] : undefined)));
    for (const e of events) {
      if (e.from !== 'consumer' || e.type !== 'ContentEvent' || acked.has(e.text)) continue;
      // The bot's next line after it: a restart counts a turn under way as run when one follows.
      const next = events.find((x) => x.from === 'agent' && x.type === 'ContentEvent' && x.sequence > e.sequence);
      diagnose(`never answered: ${e.text} (sequence ${e.sequence}, t=${rel(e.time)} s) in ${id.slice(-8)}; the bot's next line: ${next ? `#${next.sequence} '${next.text}' t=${rel(next.time)} s` : '-'}`);
    }
    const acks = new Map<string, string[]>();
    for (const e of msg.conversation(id).events) {
      const m = e.from === 'agent' && e.type === 'ContentEvent' ? /^ack (\S+) #(\S+)$/.exec(e.text ?? '') : null;
      if (m) acks.set(m[1]!, [...(acks.get(m[1]!) ?? []), `${m[2]}@${rel(e.time)}`]);
    }
    for (const [line, answers] of acks) if (answers.length > 1) diagnose(`answered ${answers.length} times: ${line} in ${id.slice(-8)}: ${answers.join(', ')}`);
  }

  await fleet.stop();
  await sim.stop();

  const ok = messagingSoakPassed(result);
  if (options.json) {
    console.log(JSON.stringify(result));
  } else {
    console.table({ ...result, socketDropsByCode: JSON.stringify(result.socketDropsByCode), requestFaults: JSON.stringify(result.requestFaults) });
    console.log(ok ? 'soak: zero loss, zero duplicates.' : 'soak: FAILED (see the figures above).');
  }
  return ok ? 0 : 1;

  function unanswered(): string[] {
    return conversationIds.filter((id) => {
      const lines = messagingTranscript(msg.conversation(id).events).filter((e) => e.type === 'line');
      return msg.conversation(id).state === 'OPEN' && lines.at(-1)?.source === 'visitor';
    });
  }
  function linesUnanswered(): number {
    const { visitorLinesSeen } = messagingTranscriptFigures(conversationIds.map((id) => msg.conversation(id).events), reports.sentNonces, reports.undeliverableNonces);
    return visitorLinesSent - visitorLinesSeen;
  }
  function rel(time: string): string {
    return ((Date.parse(time) - startedAt) / 1000).toFixed(2);
  }
}
