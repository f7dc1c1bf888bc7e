/**
 * The benchmark's LiveEngage: a simulator in its own process (so the bot's CPU is measured alone)
 * that also plays the visitors and, at the end, checks every visitor line got its answer. Driven over
 * IPC by run.ts; `BENCH_BOTS` bot users share the skill. With `BENCH_TRANSPORT=messaging` the visitors
 * are Messaging consumers (the simulator's Messaging side) and the bots come over the agent websocket.
 */
import { LiveEngageSimulator, type SimulatedBotUser } from '../src/simulator/index.js';
import { replyTo, type FromSimulator, type ToSimulator } from './protocol.js';

const bots = Math.max(1, Number(process.env.BENCH_BOTS ?? '1') || 1);
const botUsers: SimulatedBotUser[] = Array.from({ length: bots }, (_, i) => ({
  id: String(4001 + i),
  loginName: `bench-bot-${i + 1}`,
  nickname: `Bench Bot ${i + 1}`,
  password: `bench-password-${i + 1}`,
  skills: [1],
  maxChats: -1,
}));
// Long chat and accept timeouts: the bench measures steady state, not how fast a thousand chats are taken.
const messaging = process.env.BENCH_TRANSPORT === 'messaging';
const sim = new LiveEngageSimulator({ chatTimeoutSeconds: 600, acceptTimeoutSeconds: 600, botUsers, log: false, messaging });
/** The two sides behind one face: open a conversation, a visitor's line, the lines so far, the requests. */
const side = messaging
  ? {
    // Nothing rings on Messaging before the consumer's first message: each conversation opens with one.
    open: (i: number) => sim.messaging.startConversation({ skill: 'support-bot', consumerName: `Visitor ${i}`, text: 'hello' }).conversationId,
    taken: (id: string) => sim.messaging.conversation(id).assigned !== undefined,
    isOpen: (id: string) => sim.messaging.conversation(id).state === 'OPEN',
    say: (id: string, text: string) => void sim.messaging.consumerSays(id, text),
    lines: (id: string) => sim.messaging.conversation(id).events.filter((e) => e.type === 'ContentEvent').map((e) => ({ visitor: e.from === 'consumer', text: e.text ?? '' })),
    stats: () => {
      const { requests } = sim.messaging.stats();
      return { total: Object.values(requests).reduce((a, b) => a + b, 0), byOperation: requests };
    },
    reset: () => { messagingBase = { ...sim.messaging.stats().requests }; },
  }
  : {
    open: (i: number) => sim.startChat({ skill: 'support-bot', visitorName: `Visitor ${i}` }).chatId,
    taken: (id: string) => sim.chat(id).state === 'chatting',
    isOpen: (id: string) => sim.chat(id).state === 'chatting',
    say: (id: string, text: string) => void sim.visitorSays(id, text),
    lines: (id: string) => sim.chat(id).events.filter((e) => e.type === 'line' && e.source !== 'system').map((e) => ({ visitor: e.source === 'visitor', text: e.text ?? '' })),
    stats: () => sim.stats(),
    reset: () => sim.resetStats(),
  };
/** Messaging's counts since the talk began (its stats cannot be reset). */
let messagingBase: Record<string, number> = {};
const statsSinceReset = () => {
  const { total, byOperation } = side.stats();
  if (!messaging) return { total, byOperation };
  const since = Object.fromEntries(Object.entries(byOperation).map(([type, n]) => [type, n - (messagingBase[type] ?? 0)]));
  return { total: Object.values(since).reduce((a, b) => a + b, 0), byOperation: since };
};
const send = (message: FromSimulator) => process.send?.(message);
const timers = new Set<NodeJS.Timeout>();
let linesSent = 0;
let chatIds: string[] = [];

process.on('message', async (message: ToSimulator) => {
  switch (message.cmd) {
    case 'open': {
      chatIds = Array.from({ length: message.chats }, (_, i) => side.open(i));
      try {
        await waitUntil(() => chatIds.every((id) => side.taken(id)), 300_000);
      } catch {
        const waiting = chatIds.filter((id) => !side.taken(id)).length;
        send({ cmd: 'failed', error: `${waiting} of ${chatIds.length} chats were not accepted within 300 s` });
        return;
      }
      side.reset();
      send({ cmd: 'opened', chatIds });
      return;
    }
    case 'talk': {
      linesSent = 0;
      message.chatIds.forEach((chatId, i) => {
        // Spread the chats over the interval so lines arrive evenly, as real visitors do.
        const first = setTimeout(() => {
          const say = () => {
            if (!side.isOpen(chatId)) return;
            side.say(chatId, `t=${performance.timeOrigin + performance.now()}`);
            linesSent += 1;
          };
          say();
          const every = setInterval(say, message.lineEveryMs);
          timers.add(every);
        }, (i * message.lineEveryMs) / message.chatIds.length);
        timers.add(first);
      });
      return;
    }
    case 'quiet': {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      send({ cmd: 'stats', stats: statsSinceReset(), linesSent });
      return;
    }
    case 'check': {
      await waitUntil(() => answers().unanswered === 0, message.timeoutMs).catch(() => {});
      send({ cmd: 'checked', linesSent, ...answers() });
      return;
    }
    case 'exit':
      await sim.stop();
      process.exit(0);
  }
});

/** Visitor lines with no answer, and answers given more than once, over all chats. */
function answers(): { unanswered: number; doubled: number } {
  let unanswered = 0;
  let doubled = 0;
  for (const chatId of chatIds) {
    const lines = side.lines(chatId);
    const replies = new Map<string, number>();
    for (const e of lines) if (!e.visitor) replies.set(e.text, (replies.get(e.text) ?? 0) + 1);
    for (const e of lines) {
      if (!e.visitor) continue;
      const n = replies.get(replyTo(e.text)) ?? 0;
      if (n === 0) unanswered += 1;
      if (n > 1) doubled += 1;
    }
  }
  return { unanswered, doubled };
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('bench: timed out waiting for the simulator');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

await sim.start();
send({ cmd: 'ready', domainApiUrl: sim.domainApiUrl, accountId: sim.accountId, botUsers: botUsers.map((u) => ({ username: u.loginName, password: u.password ?? '' })) });
