/**
 * The benchmark's LiveEngage: a simulator in its own process (so the adapter's CPU is measured alone)
 * that also plays the visitors. Driven over IPC by bench.ts.
 */
import { LiveEngageSimulator } from '../src/simulator/index.js';
import type { ToSimulator, FromSimulator } from './protocol.js';

const sim = new LiveEngageSimulator({ chatTimeoutSeconds: 600 });
const send = (message: FromSimulator) => process.send?.(message);
const timers = new Set<NodeJS.Timeout>();
let linesSent = 0;

process.on('message', async (message: ToSimulator) => {
  switch (message.cmd) {
    case 'open': {
      const chatIds = Array.from({ length: message.chats }, (_, i) => sim.startChat({ skill: 'support-bot', visitorName: `Visitor ${i}` }).chatId);
      await waitUntil(() => chatIds.every((id) => sim.chat(id).state === 'chatting'), 120_000);
      sim.resetStats();
      send({ cmd: 'opened', chatIds });
      return;
    }
    case 'talk': {
      linesSent = 0;
      message.chatIds.forEach((chatId, i) => {
        // Spread the chats over the interval so lines arrive evenly, as real visitors do.
        const first = setTimeout(() => {
          const say = () => {
            if (sim.chat(chatId).state !== 'chatting') return;
            sim.visitorSays(chatId, `t=${performance.timeOrigin + performance.now()}`);
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
      send({ cmd: 'stats', stats: sim.stats(), linesSent });
      return;
    }
    case 'exit':
      await sim.stop();
      process.exit(0);
  }
});

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('bench: chats were not all accepted in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

await sim.start();
send({ cmd: 'ready', domainApiUrl: sim.domainApiUrl, accountId: sim.accountId });
