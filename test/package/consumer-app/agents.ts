// A user's Agents SDK bot in a fresh project: the /agents entry with /monitoring and /csat/flow (and /api,
// /simulator), none of which needs botbuilder, compiled with `strict` and without `skipLibCheck`, then run
// on the package's simulator: a reply, a transfer, and a CSAT rating counted by the metrics and telemetry.
import { Activity } from '@microsoft/agents-activity';
import { AgentApplication, MemoryStorage, type TurnContext } from '@microsoft/agents-hosting';
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
import { CsatFlow, submitCsatToAgentSurvey, type CsatState } from 'botbuilder-adapter-liveengage/csat/flow';
import { LiveEngageMetrics, metricsHandler, observeWithTelemetry, type TelemetryEventClient } from 'botbuilder-adapter-liveengage/monitoring';
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
const metrics = new LiveEngageMetrics();
metrics.observe(adapter);
const tracked: string[] = [];
const client: TelemetryEventClient = { trackEvent: (event) => void tracked.push(event.name) };
const telemetry = observeWithTelemetry(adapter, client);
const csat = new CsatFlow<TurnContext>({ recorders: [metrics, telemetry], submitAgentSurvey: submitCsatToAgentSurvey(adapter) });
const app = new AgentApplication({ storage: new MemoryStorage(), adapter });
const statuses: HandoffStatusValue[] = [];
const csatStates = new Map<string, CsatState>(); // a real bot keeps it in its turn state
app.onActivity('message', async (context) => {
  const text = context.activity.text ?? '';
  const chatId = context.activity.conversation?.id ?? '';
  const open = csatStates.get(chatId);
  if (text === 'bye' || open) {
    const step = open ? await csat.answer(context, open, text) : csat.ask();
    if (step.state) csatStates.set(chatId, step.state);
    else csatStates.delete(chatId);
    await context.sendActivity(step.reply);
    if (step.endChat) await context.sendActivity(Activity.fromObject({ type: 'endOfConversation' }));
  } else if (text === 'transfer') await context.sendActivity(createTransferActivity('human-support', 'asked'));
  else if (text === 'handoff') await context.sendActivity(createHandoffInitiation(context, { skill: 'human-support' }));
  else await context.sendActivity(`You said: ${text}`);
});
app.onActivity('event', async (context) => {
  if (context.activity.name === HANDOFF_STATUS) statuses.push(context.activity.value as HandoffStatusValue);
});
await adapter.start((context) => app.run(context));

const deadline = Date.now() + 20_000;
async function until<T>(check: () => T | undefined): Promise<T | undefined> {
  let value = check();
  while (value === undefined && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = check();
  }
  return value;
}
const agentLines = (chatId: string) => simulator.chat(chatId).events.filter((event) => event.type === 'line' && event.source === 'agent').map((event) => event.text);

const { chatId } = simulator.startChat({ skill: 'support-bot', visitorName: 'Ann' });
simulator.visitorSays(chatId, 'hello from a fresh project');
const reply = await until(() => agentLines(chatId)[0]);
simulator.visitorSays(chatId, 'transfer');
await until(() => statuses[0]);

const rated = simulator.startChat({ skill: 'support-bot', visitorName: 'Bo' }).chatId;
simulator.visitorSays(rated, 'bye');
const question = await until(() => agentLines(rated)[0]);
simulator.visitorSays(rated, 'five stars');
await until(() => (simulator.chat(rated).state === 'ended' ? true : undefined));
const scrape = await metrics.registry.metrics();
await adapter.stop();
await simulator.stop();
console.log(JSON.stringify({
  reply: reply ?? null,
  transfer: statuses[0]?.state ?? null,
  loopback: isLoopbackUrl(simulator.url),
  csat: {
    question: question ?? null,
    thanks: agentLines(rated)[1] ?? null,
    average: metrics.summary().bots[0]?.csat.average ?? null,
    scraped: /^liveengage_csat_responses_total\{bot_user="support-bot",variant="none",rating="5"\} 1$/m.test(scrape),
    telemetry: tracked.includes('LiveEngageCsat'),
    survey: simulator.chat(rated).survey ?? null,
    handler: typeof metricsHandler(metrics),
  },
}));
