/**
 * `npm run bench [-- --json] [--chats 100] [--seconds 20] [--line-every 5000] [--poll-ms 2000]`
 *
 * For each N (10, 100, 500, 1000 by default) it runs the adapter, then a per-chat poller in the style of
 * LivePerson's sample app, against a simulator in another process whose N visitors each write a line
 * every few seconds, and prints: HTTP requests per chat per minute (both, and the ratio), reply latency
 * from the visitor's line to the bot's line (p50, p99), the part of it spent outside the poll wait
 * (p99: from the turn's start to the line landing), CPU seconds per 1000 messages and RSS. The adapter serves
 * the chats with two A/B variants weighted 50/50, and the split is printed too.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { RunRequest, RunResult } from './run.js';

export interface BenchFigures {
  chats: number;
  requestsPerChatMinute: number;
  baselineRequestsPerChatMinute: number;
  requestRatio: number;
  pollRequestsPerChatMinute: number;
  baselinePollRequestsPerChatMinute: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  overheadP99Ms: number;
  baselineLatencyP50Ms: number;
  baselineLatencyP99Ms: number;
  cpuSecondsPer1000Messages: number;
  baselineCpuSecondsPer1000Messages: number;
  rssMb: number;
  messages: number;
  /** Share of chats per A/B variant (asked: 50/50). */
  variantSplit: Record<string, number>;
}

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    chats: { type: 'string', multiple: true },
    seconds: { type: 'string', default: '20' },
    'line-every': { type: 'string', default: '5000' },
    'poll-ms': { type: 'string', default: '2000' },
  },
});

const sizes = (values.chats ?? ['10', '100', '500', '1000']).flatMap((v) => v.split(',')).map(Number);
const seconds = Number(values.seconds);
const lineEveryMs = Number(values['line-every']);
const pollIntervalMs = Number(values['poll-ms']);
for (const [name, n] of [['--chats', Math.min(...sizes)], ['--seconds', seconds], ['--line-every', lineEveryMs], ['--poll-ms', pollIntervalMs]] as const) {
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`bench: ${name} must be a positive number.`);
    process.exit(2);
  }
}

function runOnce(request: RunRequest): Promise<RunResult> {
  const child = fork(fileURLToPath(new URL('./run.js', import.meta.url)), { execArgv: ['--no-deprecation'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.send(request);
  return once(child, 'message').then(([message]) => {
    const m = message as { ok: boolean; result?: RunResult; error?: string };
    if (!m.ok || !m.result) throw new Error(`bench run ${request.mode} x${request.chats} failed: ${m.error}`);
    return m.result;
  });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Requests that read (poll), as opposed to send: everything but lines, typing, transfer, end. */
function pollRequests(result: RunResult): number {
  const sends = ['addLine', 'endChat', 'setAgentTyping', 'transfer'];
  return Object.entries(result.requestsByOperation).filter(([op]) => !sends.includes(op)).reduce((sum, [, n]) => sum + n, 0);
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function figures(adapter: RunResult, baseline: RunResult): BenchFigures {
  const perChatMinute = (n: number, r: RunResult) => n / r.chats / r.minutes;
  const requestsPerChatMinute = perChatMinute(adapter.requests, adapter);
  const baselineRequestsPerChatMinute = perChatMinute(baseline.requests, baseline);
  return {
    chats: adapter.chats,
    requestsPerChatMinute: round(requestsPerChatMinute, 2),
    baselineRequestsPerChatMinute: round(baselineRequestsPerChatMinute, 2),
    requestRatio: round(baselineRequestsPerChatMinute / requestsPerChatMinute, 2),
    pollRequestsPerChatMinute: round(perChatMinute(pollRequests(adapter), adapter), 2),
    baselinePollRequestsPerChatMinute: round(perChatMinute(pollRequests(baseline), baseline), 2),
    latencyP50Ms: round(percentile(adapter.latenciesMs, 50)),
    latencyP99Ms: round(percentile(adapter.latenciesMs, 99)),
    overheadP99Ms: round(percentile(adapter.overheadsMs, 99)),
    baselineLatencyP50Ms: round(percentile(baseline.latenciesMs, 50)),
    baselineLatencyP99Ms: round(percentile(baseline.latenciesMs, 99)),
    cpuSecondsPer1000Messages: round((adapter.cpuSeconds / Math.max(1, adapter.repliesSent)) * 1000, 3),
    baselineCpuSecondsPer1000Messages: round((baseline.cpuSeconds / Math.max(1, baseline.repliesSent)) * 1000, 3),
    rssMb: round(adapter.rssMb),
    messages: adapter.repliesSent,
    variantSplit: Object.fromEntries(Object.entries(adapter.variantChats).map(([name, n]) => [name, round(n / adapter.chats, 3)])),
  };
}

const all: BenchFigures[] = [];
for (const chats of sizes) {
  const request = { chats, seconds, lineEveryMs, pollIntervalMs };
  if (!values.json) process.stderr.write(`bench: ${chats} chats, ${seconds} s, a line every ${lineEveryMs} ms per chat, poll every ${pollIntervalMs} ms ...\n`);
  const adapter = await runOnce({ mode: 'adapter', ...request });
  const baseline = await runOnce({ mode: 'baseline', ...request });
  all.push(figures(adapter, baseline));
}

if (values.json) {
  console.log(JSON.stringify(all));
} else {
  console.table(
    all.map((f) => ({
      chats: f.chats,
      'req/chat/min': f.requestsPerChatMinute,
      'baseline req/chat/min': f.baselineRequestsPerChatMinute,
      'ratio': f.requestRatio,
      'poll req/chat/min': f.pollRequestsPerChatMinute,
      'baseline poll req/chat/min': f.baselinePollRequestsPerChatMinute,
      'p50 ms': f.latencyP50Ms,
      'p99 ms': f.latencyP99Ms,
      'overhead p99 ms': f.overheadP99Ms,
      'baseline p50/p99 ms': `${f.baselineLatencyP50Ms}/${f.baselineLatencyP99Ms}`,
      'CPU s/1000 msg': f.cpuSecondsPer1000Messages,
      'baseline CPU s/1000 msg': f.baselineCpuSecondsPer1000Messages,
      'RSS MB': f.rssMb,
      'A/B split (50/50)': Object.entries(f.variantSplit).map(([name, share]) => `${name} ${Math.round(share * 100)}%`).join(' '),
    })),
  );
}
