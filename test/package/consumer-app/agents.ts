// A user's Agents SDK bot in a fresh project: the /agents entry (with /api and /simulator, which need
// no bot framework), compiled with `strict` and without `skipLibCheck`, then run on the package's simulator.
import { AgentApplication, MemoryStorage } from '@microsoft/agents-hosting';
import {
  createHandoffInitiation,
  createTransferActivity,
  EscalationMiddleware,
  HANDOFF_STATUS,
  LiveEngageAdapter,
  type HandoffStatusValue,
  type LiveEngageAdapterSettings,
} from 'botbuilder-adapter-liveengage/agents';
import { isLoopbackUrl } from 'botbuilder-adapter-liveengage/api';
import { LiveEngageSimulator } from 'botbuilder-adapter-liveengage/simulator';

const simulator = new LiveEngageSimulator();
await simulator.start();
const settings: LiveEngageAdapterSettings = {
  accountId: simulator.accountId,
  credentials: { username: 'support-bot', password: 'bot-password' },
  domainApiUrl: simulator.domainApiUrl,
  pollIntervalMs: 100,
};
const adapter = new LiveEngageAdapter(settings);
adapter.use(new EscalationMiddleware({ skill: 'human-support' }));
const app = new AgentApplication({ storage: new MemoryStorage(), adapter });
const statuses: HandoffStatusValue[] = [];
app.onActivity('message', async (context) => {
  const text = context.activity.text ?? '';
  if (text === 'transfer') await context.sendActivity(createTransferActivity('human-support', 'asked'));
  else if (text === 'handoff') await context.sendActivity(createHandoffInitiation(context, { skill: 'human-support' }));
  else await context.sendActivity(`You said: ${text}`);
});
app.onActivity('event', async (context) => {
  if (context.activity.name === HANDOFF_STATUS) statuses.push(context.activity.value as HandoffStatusValue);
});
await adapter.start((context) => app.run(context));

const { chatId } = simulator.startChat({ skill: 'support-bot', visitorName: 'Ann' });
simulator.visitorSays(chatId, 'hello from a fresh project');
const deadline = Date.now() + 20_000;
let reply: string | undefined;
while (!reply && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  reply = simulator.chat(chatId).events.find((event) => event.type === 'line' && event.source === 'agent')?.text;
}
simulator.visitorSays(chatId, 'transfer');
while (!statuses.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
await adapter.stop();
await simulator.stop();
console.log(JSON.stringify({ reply: reply ?? null, transfer: statuses[0]?.state ?? null, loopback: isLoopbackUrl(simulator.url) }));
