/**
 * One benchmark run in a fresh process: a simulator process with N chats whose visitors write a line
 * every few seconds, answered by the adapter or by the per-chat baseline. Reports over IPC.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { TurnContext } from 'botbuilder';
import { LiveEngageAdapter } from '../src/adapter/LiveEngageAdapter.js';
import { PerChatPoller } from './baselinePoller.js';
import type { FromSimulator, ToSimulator } from './protocol.js';

export interface RunRequest {
  mode: 'adapter' | 'baseline';
  chats: number;
  seconds: number;
  lineEveryMs: number;
  pollIntervalMs: number;
}

export interface RunResult {
  mode: RunRequest['mode'];
  chats: number;
  requests: number;
  requestsByOperation: Record<string, number>;
  minutes: number;
  linesSent: number;
  repliesSent: number;
  latenciesMs: number[];
  overheadsMs: number[];
  cpuSeconds: number;
  rssMb: number;
  /** Chats per A/B variant (adapter runs serve two variants, 50/50). */
  variantChats: Record<string, number>;
}

const now = () => performance.timeOrigin + performance.now();
const credentials = { username: 'support-bot', password: 'bot-password' };

async function run(request: RunRequest): Promise<RunResult> {
  const simulator = fork(fileURLToPath(new URL('./simulatorProcess.js', import.meta.url)), { execArgv: ['--no-deprecation'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = async <C extends FromSimulator['cmd']>(cmd: C) => {
    for (;;) {
      const [message] = (await once(simulator, 'message')) as [FromSimulator];
      if (message.cmd === cmd) return message as Extract<FromSimulator, { cmd: C }>;
    }
  };
  const tell = (message: ToSimulator) => simulator.send(message);
  const ready = await next('ready');

  const latenciesMs: number[] = [];
  const overheadsMs: number[] = [];
  let measuring = false;
  // Both bots do the same: read the visitor's timestamp, reply, note when the reply has landed.
  const answer = async (text: string, reply: (text: string) => Promise<void>) => {
    const started = now();
    await reply('Thanks, noted.');
    const landed = now();
    const sentAt = Number(/^t=([\d.]+)$/.exec(text)?.[1]);
    if (measuring && Number.isFinite(sentAt)) {
      latenciesMs.push(landed - sentAt);
      overheadsMs.push(landed - started);
    }
  };

  let stop: () => Promise<void>;
  const variantChats: Record<string, number> = {};
  if (request.mode === 'adapter') {
    const adapter = new LiveEngageAdapter({
      accountId: ready.accountId,
      credentials,
      domainApiUrl: ready.domainApiUrl,
      pollIntervalMs: request.pollIntervalMs,
      requestTimeoutMs: 60_000,
    });
    // Two identical bots as A/B variants, to show the split follows the weights.
    const logic = async (context: TurnContext) => {
      if (context.activity.type === 'message') await answer(context.activity.text, async (t) => { await context.sendActivity(t); });
    };
    adapter.on('chatAccepted', ({ variant }) => { variantChats[variant ?? 'none'] = (variantChats[variant ?? 'none'] ?? 0) + 1; });
    await adapter.start({ variants: [{ name: 'A', logic, weight: 50 }, { name: 'B', logic, weight: 50 }] });
    stop = () => adapter.stop();
  } else {
    const poller = new PerChatPoller({ domainApiUrl: ready.domainApiUrl, accountId: ready.accountId, credentials, intervalMs: request.pollIntervalMs, onVisitorLine: answer });
    await poller.start();
    stop = () => poller.stop();
  }

  tell({ cmd: 'open', chats: request.chats });
  const { chatIds } = await next('opened');

  const cpuBefore = process.cpuUsage();
  measuring = true;
  tell({ cmd: 'talk', chatIds, lineEveryMs: request.lineEveryMs });
  await new Promise((resolve) => setTimeout(resolve, request.seconds * 1000));
  tell({ cmd: 'quiet' });
  const { stats, linesSent } = await next('stats');
  // Let the replies to the last lines land before the figures close.
  await new Promise((resolve) => setTimeout(resolve, request.pollIntervalMs * 2));
  measuring = false;
  const cpu = process.cpuUsage(cpuBefore);
  const rssMb = process.memoryUsage().rss / 2 ** 20;

  await stop();
  tell({ cmd: 'exit' });
  await once(simulator, 'exit');
  return {
    mode: request.mode,
    chats: request.chats,
    requests: stats.total,
    requestsByOperation: stats.byOperation,
    minutes: request.seconds / 60,
    linesSent,
    repliesSent: latenciesMs.length,
    latenciesMs,
    overheadsMs,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rssMb,
    variantChats,
  };
}

process.once('message', async (request: RunRequest) => {
  try {
    process.send?.({ ok: true, result: await run(request) });
  } catch (error) {
    process.send?.({ ok: false, error: (error as Error).stack ?? String(error) });
  }
  process.exit(0);
});
