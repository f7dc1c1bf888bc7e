/**
 * `npm run bench -- [--json] [--chats 10,100,500,1000] [--bots 1] [--seconds 20] [--line-every 5000]
 *   [--poll-ms 2000]` (`--help` for usage)
 *
 * For each N it runs the adapter, then a per-chat poller in the style of LivePerson's sample app,
 * against a simulator in another process whose N visitors each write a line every few seconds, with
 * `--bots` bot users in the one bot process sharing the chats, and prints: HTTP requests per chat per
 * minute (both, and the ratio), reply latency from the visitor's line to the bot's line (p50, p99),
 * the overhead (p99: from the moment the read that carried the line returned to the reply landing),
 * CPU seconds per 1000 messages and RSS of both. The adapter serves the chats with two A/B variants
 * weighted 50/50, and the split is printed too. It fails (exit 1) unless every visitor line got its
 * answer, exactly once, in both runs.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BENCH_USAGE, parseBenchArgs } from './args.js';
import { messagingFigures, messagingRunOk, type MessagingBenchFigures } from './messagingFigures.js';
import { percentile, round } from './percentile.js';
import type { RunRequest, RunResult } from './run.js';

export interface BenchFigures {
  chats: number;
  bots: number;
  requestsPerChatMinute: number;
  baselineRequestsPerChatMinute: number;
  requestRatio: number;
  pollRequestsPerChatMinute: number;
  baselinePollRequestsPerChatMinute: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** From the read that carried the line returning to the reply landing. */
  overheadP50Ms: number;
  overheadP99Ms: number;
  baselineLatencyP50Ms: number;
  baselineLatencyP99Ms: number;
  baselineOverheadP99Ms: number;
  cpuSecondsPer1000Messages: number;
  baselineCpuSecondsPer1000Messages: number;
  rssMb: number;
  baselineRssMb: number;
  messages: number;
  /** Visitor lines without an answer, and answered twice (must be 0). */
  unanswered: number;
  doubled: number;
  baselineUnanswered: number;
  baselineDoubled: number;
  /** Share of chats per A/B variant (asked: 50/50). */
  variantSplit: Record<string, number>;
  /** Chats per bot user. */
  botSplit: Record<string, number>;
}

const parsed = parseBenchArgs(process.argv.slice(2));
if (parsed.kind === 'help') {
  console.log(BENCH_USAGE);
  process.exit(0);
}
if (parsed.kind === 'error') {
  console.error(`bench: ${parsed.message}\n\n${BENCH_USAGE}`);
  process.exit(2);
}
const { sizes, seconds, lineEveryMs, pollIntervalMs, bots, json, transports } = parsed.options;

function runOnce(request: RunRequest): Promise<RunResult> {
  const child = fork(fileURLToPath(new URL('./run.js', import.meta.url)), { execArgv: ['--no-deprecation'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.send(request);
  return new Promise((resolve, reject) => {
    child.once('message', (message: { ok: boolean; result?: RunResult; error?: string }) => {
      if (message.ok && message.result) resolve(message.result);
      else reject(new Error(`bench run ${request.mode} x${request.chats} failed: ${message.error}`));
    });
    // A run process that dies without a word (out of memory, a signal) must fail the bench, not hang it.
    child.once('exit', (code, signal) => reject(new Error(`bench run ${request.mode} x${request.chats}: its process exited (${signal ?? code}) without figures.`)));
  });
}

/** Requests that read (poll), as opposed to send: everything but lines, typing, transfer, end. */
function pollRequests(result: RunResult): number {
  const sends = ['addLine', 'endChat', 'setAgentTyping', 'transfer'];
  return Object.entries(result.requestsByOperation).filter(([op]) => !sends.includes(op)).reduce((sum, [, n]) => sum + n, 0);
}

function figures(adapter: RunResult, baseline: RunResult): BenchFigures {
  const perChatMinute = (n: number, r: RunResult) => n / r.chats / r.minutes;
  const requestsPerChatMinute = perChatMinute(adapter.requests, adapter);
  const baselineRequestsPerChatMinute = perChatMinute(baseline.requests, baseline);
  return {
    chats: adapter.chats,
    bots: adapter.bots,
    requestsPerChatMinute: round(requestsPerChatMinute, 2),
    baselineRequestsPerChatMinute: round(baselineRequestsPerChatMinute, 2),
    requestRatio: round(baselineRequestsPerChatMinute / requestsPerChatMinute, 2),
    pollRequestsPerChatMinute: round(perChatMinute(pollRequests(adapter), adapter), 2),
    baselinePollRequestsPerChatMinute: round(perChatMinute(pollRequests(baseline), baseline), 2),
    latencyP50Ms: round(percentile(adapter.latenciesMs, 50)),
    latencyP99Ms: round(percentile(adapter.latenciesMs, 99)),
    overheadP50Ms: round(percentile(adapter.overheadsMs, 50)),
    overheadP99Ms: round(percentile(adapter.overheadsMs, 99)),
    baselineLatencyP50Ms: round(percentile(baseline.latenciesMs, 50)),
    baselineLatencyP99Ms: round(percentile(baseline.latenciesMs, 99)),
    baselineOverheadP99Ms: round(percentile(baseline.overheadsMs, 99)),
    cpuSecondsPer1000Messages: round((adapter.cpuSeconds / Math.max(1, adapter.repliesSent)) * 1000, 3),
    baselineCpuSecondsPer1000Messages: round((baseline.cpuSeconds / Math.max(1, baseline.repliesSent)) * 1000, 3),
    rssMb: round(adapter.rssMb),
    baselineRssMb: round(baseline.rssMb),
    messages: adapter.repliesSent,
    unanswered: adapter.unanswered,
    doubled: adapter.doubled,
    baselineUnanswered: baseline.unanswered,
    baselineDoubled: baseline.doubled,
    variantSplit: Object.fromEntries(Object.entries(adapter.variantChats).map(([name, n]) => [name, round(n / adapter.chats, 3)])),
    botSplit: adapter.botChats,
  };
}

const all: BenchFigures[] = [];
const onMessaging: MessagingBenchFigures[] = [];
for (const chats of sizes) {
  const request = { chats, bots, seconds, lineEveryMs, pollIntervalMs };
  if (!json) process.stderr.write(`bench: ${chats} chats over ${bots} bot user(s), ${seconds} s, a line every ${lineEveryMs} ms per chat (${transports.join(' and ')}), poll every ${pollIntervalMs} ms on chat ...\n`);
  if (transports.includes('chat')) {
    const adapter = await runOnce({ mode: 'adapter', ...request });
    const baseline = await runOnce({ mode: 'baseline', ...request });
    all.push(figures(adapter, baseline));
  }
  if (transports.includes('messaging')) onMessaging.push(messagingFigures(await runOnce({ mode: 'messaging', ...request })));
}

const onlyChat = !transports.includes('messaging');
if (json) {
  // Chat alone keeps its shape (an array); with Messaging, one object per transport asked.
  console.log(JSON.stringify(onlyChat ? all : { ...(transports.includes('chat') ? { chat: all } : {}), messaging: onMessaging }));
} else if (transports.includes('chat')) {
  console.table(
    all.map((f) => ({
      chats: f.bots > 1 ? `${f.chats} (${f.bots} bots)` : f.chats,
      'req/chat/min': f.requestsPerChatMinute,
      'baseline req/chat/min': f.baselineRequestsPerChatMinute,
      'ratio': f.requestRatio,
      'poll req/chat/min': f.pollRequestsPerChatMinute,
      'baseline poll req/chat/min': f.baselinePollRequestsPerChatMinute,
      'p50 ms': f.latencyP50Ms,
      'p99 ms': f.latencyP99Ms,
      'overhead p50/p99 ms': `${f.overheadP50Ms}/${f.overheadP99Ms}`,
      'baseline p50/p99 ms': `${f.baselineLatencyP50Ms}/${f.baselineLatencyP99Ms}`,
      'baseline overhead p99 ms': f.baselineOverheadP99Ms,
      'CPU s/1000 msg': f.cpuSecondsPer1000Messages,
      'baseline CPU s/1000 msg': f.baselineCpuSecondsPer1000Messages,
      'RSS MB': f.rssMb,
      'baseline RSS MB': f.baselineRssMb,
      'unanswered/doubled': `${f.unanswered}/${f.doubled} (baseline ${f.baselineUnanswered}/${f.baselineDoubled})`,
      'A/B split (50/50)': Object.entries(f.variantSplit).map(([name, share]) => `${name} ${Math.round(share * 100)}%`).join(' '),
    })),
  );
}

if (!json && onMessaging.length > 0) {
  console.table(onMessaging.map((f) => ({
    chats: f.bots > 1 ? `${f.chats} (${f.bots} bots)` : f.chats,
    'Messaging p50/p99/max ms': `${f.latencyP50Ms}/${f.latencyP99Ms}/${f.latencyMaxMs}`,
    'overhead p50/p99 ms': `${f.overheadP50Ms}/${f.overheadP99Ms}`,
    ...(all.length > 0 ? { 'chat p50/p99 ms': (({ latencyP50Ms, latencyP99Ms }) => `${latencyP50Ms}/${latencyP99Ms}`)(all.find((c) => c.chats === f.chats)!) } : {}),
    'ws req/conv/min': f.requestsPerChatMinute,
    'CPU s/1000 msg': f.cpuSecondsPer1000Messages,
    'RSS MB': f.rssMb,
    'unanswered/doubled': `${f.unanswered}/${f.doubled}`,
  })));
}

// Figures of a run that lost or doubled a line measure something else: say so, and fail.
const broken = all.filter((f) => f.unanswered + f.doubled + f.baselineUnanswered + f.baselineDoubled > 0);
for (const f of broken) {
  console.error(`bench: FAILED at ${f.chats} chats: adapter ${f.unanswered} line(s) unanswered, ${f.doubled} doubled; baseline ${f.baselineUnanswered} unanswered, ${f.baselineDoubled} doubled.`);
}
const brokenOnMessaging = onMessaging.filter((f) => !messagingRunOk(f));
for (const f of brokenOnMessaging) console.error(`bench: FAILED on Messaging at ${f.chats} conversations: ${f.unanswered} line(s) unanswered, ${f.doubled} doubled, ${f.messages} answered.`);
process.exit(broken.length + brokenOnMessaging.length > 0 ? 1 : 0);
