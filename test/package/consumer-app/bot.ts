// A user's bot in a fresh project: every public entry point of the installed package, compiled with
// `strict` and without `skipLibCheck`, then run: the bot answers a visitor line on the package's simulator.
import { ActivityHandler, type TurnContext } from 'botbuilder';
import {
  createTransferActivity,
  EscalationMiddleware,
  LiveEngageAdapter,
  LiveEngageApiError,
  type LiveEngageAdapterSettings,
} from 'botbuilder-adapter-liveengage';
import { ChatAgentClient, isLoopbackUrl } from 'botbuilder-adapter-liveengage/api';
import { LiveEngageMetrics, metricsHandler } from 'botbuilder-adapter-liveengage/monitoring';
import { LiveEngageSimulator } from 'botbuilder-adapter-liveengage/simulator';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context: TurnContext, next) => {
      const text = context.activity.text ?? '';
      if (text === 'agent') await context.sendActivity(createTransferActivity('human-support', 'asked for a person'));
      else await context.sendActivity(`You said: ${text}`);
      await next();
    });
  }
}

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
const metrics = new LiveEngageMetrics();
metrics.observe(adapter);
const handler = metricsHandler(metrics);
const bot = new EchoBot();
await adapter.start((context) => bot.run(context));

const { chatId } = simulator.startChat({ skill: 'support-bot', visitorName: 'Ann' });
simulator.visitorSays(chatId, 'hello from a fresh project');
const deadline = Date.now() + 20_000;
let reply: string | undefined;
while (!reply && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  reply = simulator.chat(chatId).events.find((event) => event.type === 'line' && event.source === 'agent')?.text;
}
await adapter.stop();
await simulator.stop();
console.log(JSON.stringify({
  reply: reply ?? null,
  loopback: isLoopbackUrl(simulator.url),
  clientClass: typeof ChatAgentClient,
  apiError: new LiveEngageApiError({ operation: 'check', kind: 'config', detail: 'x' }) instanceof Error,
  handler: typeof handler,
}));
