/**
 * One benchmark run in a fresh process: a simulator process with N chats whose visitors write a line
 * every few seconds, answered by the adapter or by the per-chat baseline (one per bot user). Reports
 * over IPC.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { TurnContext } from 'botbuilder';
import { LiveEngageAdapter } from '../src/botbuilder/LiveEngageAdapter.js';
import { PerChatPoller } from './baselinePoller.js';
import { replyTo, type FromSimulator, type ToSimulator } from './protocol.js';

export interface RunRequest {
  /** The adapter on chat, the per-chat poller on chat, or the adapter on Messaging. */
  mode: 'adapter' | 'baseline' | 'messaging';
  chats: number;
  bots: number;
  seconds: number;
  lineEveryMs: number;
  pollIntervalMs: number;
}

export interface RunResult {
  mode: RunRequest['mode'];
  chats: number;
  bots: number;
  requests: number;
  requestsByOperation: Record<string, number>;
  minutes: number;
  linesSent: number;
  repliesSent: number;
  /** Visitor lines (of the whole run, drain included) that got no answer, and those answered twice. */
  unanswered: number;
  doubled: number;
  latenciesMs: number[];
  overheadsMs: number[];
  cpuSeconds: number;
  rssMb: number;
  /** Chats per A/B variant (adapter runs serve two variants, 50/50). */
  variantChats: Record<string, number>;
  /** Chats per bot user (adapter runs). */
  botChats: Record<string, number>;
}

const now = () => performance.timeOrigin + performance.now();

async function run(request: RunRequest): Promise<RunResult> {
  const simulator = fork(fileURLToPath(new URL('./simulatorProcess.js', import.meta.url)), {
    execArgv: ['--no-deprecation'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_BOTS: String(request.bots), BENCH_TRANSPORT: request.mode === 'messaging' ? 'messaging' : 'chat' },
  });
  const next = async <C extends FromSimulator['cmd']>(cmd: C) => {
    for (;;) {
      const [message] = (await once(simulator, 'message')) as [FromSimulator];
      if (message.cmd === cmd) return message as Extract<FromSimulator, { cmd: C }>;
      if (message.cmd === 'failed') {
        simulator.kill();
        throw new Error(`the simulator process: ${message.error}`);
      }
    }
  };
  const tell = (message: ToSimulator) => simulator.send(message);
  const ready = await next('ready');

  const latenciesMs: number[] = [];
  const overheadsMs: number[] = [];
  let measuring = false;
  // Both bots do the same: reply naming the line, note when the reply landed. Latency runs from the
  // visitor's line; overhead from the moment the read that carried the line returned.
  const answer = async (text: string, reply: (text: string) => Promise<void>, readAt: number | undefined) => {
    await reply(replyTo(text));
    const landed = now();
    const sentAt = Number(/^t=([\d.]+)$/.exec(text)?.[1]);
    if (measuring && Number.isFinite(sentAt)) {
      latenciesMs.push(landed - sentAt);
      if (readAt !== undefined) overheadsMs.push(landed - readAt);
    }
  };

  const stops: (() => Promise<void>)[] = [];
  const variantChats: Record<string, number> = {};
  const botChats: Record<string, number> = {};
  for (const user of ready.botUsers) {
    const credentials = { username: user.username, password: user.password };
    if (request.mode !== 'baseline') {
      const adapter = new LiveEngageAdapter({
        accountId: ready.accountId,
        credentials,
        domainApiUrl: ready.domainApiUrl,
        pollIntervalMs: request.pollIntervalMs,
        requestTimeoutMs: 60_000,
        transport: request.mode === 'messaging' ? 'messaging' : 'chat',
      });
      // When the last batch read returned, and per chat the read times of its lines not yet answered
      // (a chat's turns run in order, so the oldest belongs to the turn that runs now). On Messaging
      // there is no read: a line's time is when the server's push reached the adapter.
      let batchReturnedAt = 0;
      const readAt = new Map<string, number[]>();
      adapter.on('apiCall', ({ operation }) => { if (operation === 'getChats') batchReturnedAt = now(); });
      adapter.on('visitorLine', ({ chatId }) => { readAt.set(chatId, [...(readAt.get(chatId) ?? []), batchReturnedAt || now()]); });
      // Two identical bots as A/B variants, to show the split follows the weights.
      const logic = async (context: TurnContext) => {
        if (context.activity.type !== 'message') return;
        const chatId = context.activity.conversation.id;
        await answer(context.activity.text, async (t) => { await context.sendActivity(t); }, readAt.get(chatId)?.shift());
      };
      adapter.on('chatAccepted', ({ variant }) => { variantChats[variant ?? 'none'] = (variantChats[variant ?? 'none'] ?? 0) + 1; });
      adapter.on('chatAccepted', ({ botUser }) => { botChats[botUser] = (botChats[botUser] ?? 0) + 1; });
      await adapter.start({ variants: [{ name: 'A', logic, weight: 50 }, { name: 'B', logic, weight: 50 }] });
      stops.push(() => adapter.stop());
    } else {
      const poller = new PerChatPoller({ domainApiUrl: ready.domainApiUrl, accountId: ready.accountId, credentials, intervalMs: request.pollIntervalMs, onVisitorLine: answer });
      await poller.start();
      stops.push(() => poller.stop());
    }
  }

  tell({ cmd: 'open', chats: request.chats });
  const { chatIds } = await next('opened');

  const cpuBefore = process.cpuUsage();
  measuring = true;
  tell({ cmd: 'talk', chatIds, lineEveryMs: request.lineEveryMs });
  await new Promise((resolve) => setTimeout(resolve, request.seconds * 1000));
  tell({ cmd: 'quiet' });
  const { stats } = await next('stats');
  // Every line must get its answer: the simulator waits for the last replies to land, then counts.
  tell({ cmd: 'check', timeoutMs: Math.max(30_000, request.pollIntervalMs * 10) });
  const checked = await next('checked');
  measuring = false;
  const cpu = process.cpuUsage(cpuBefore);
  const rssMb = process.memoryUsage().rss / 2 ** 20;

  await Promise.all(stops.map((stop) => stop()));
  tell({ cmd: 'exit' });
  await once(simulator, 'exit');
  return {
    mode: request.mode,
    chats: request.chats,
    bots: request.bots,
    requests: stats.total,
    requestsByOperation: stats.byOperation,
    minutes: request.seconds / 60,
    linesSent: checked.linesSent,
    repliesSent: latenciesMs.length,
    unanswered: checked.unanswered,
    doubled: checked.doubled,
    latenciesMs,
    overheadsMs,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rssMb,
    variantChats,
    botChats,
  };
}

process.once('message', async (request: RunRequest) => {
  let message: { ok: boolean; result?: RunResult; error?: string };
  try {
    message = { ok: true, result: await run(request) };
  } catch (error) {
    message = { ok: false, error: (error as Error).stack ?? String(error) };
  }
  // Exit only once the figures are through the IPC channel: at 2000 chats they are large, and an exit
  // right after send() lost them ("exited (0) without figures").
  process.send?.(message, () => process.exit(0));
});
