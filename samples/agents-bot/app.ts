import { AgentApplication, CloudAdapter, MemoryStorage, type TurnContext, type TurnState } from '@microsoft/agents-hosting';
import type restify from 'restify';
import { EscalationMiddleware, HandoffFallbackMiddleware, LiveEngageAdapter } from '../../src/agents/index.js';
import { LiveEngageMetrics, type LiveEngageTelemetry } from '../../src/monitoring/index.js';
import type { LiveEngageSimulator } from '../../src/simulator/index.js';
import { DEFAULT_HUMAN_SKILL, type SupportBotOptions } from '../support-bot/config.js';
import { closeServer, liveEngageTarget, monitorLiveEngage, once, serve, startVariants, variantsToRun } from '../support-bot/hosting.js';
import { messages } from '../support-bot/messages.js';
import { recognizeText } from '../support-bot/recognizer.js';
import { SUPPORT_BOT_VARIANTS } from '../support-bot/variants.js';
import { createSupportAgent } from './agent.js';
import { TypingDelayMiddleware } from './typing.js';

/**
 * How to run the Agents SDK sample: the botbuilder sample's options (ports, account, A/B test, typing,
 * telemetry), less botbuilder's app id settings. `typingDelayMs` applies to the LiveEngage side.
 */
export type AgentsBotOptions = Omit<SupportBotOptions, 'botFramework'>;

/** What `startAgentsBot` started; `close()` stops it all. */
export interface AgentsBotHandles {
  /** The agents behind LiveEngage, by variant name (`A` and `B`, or `A` alone without the A/B test). */
  variants: Record<string, AgentApplication<TurnState>>;
  liveEngage: LiveEngageAdapter;
  /** The Agents SDK's own adapter, behind `POST /api/messages` (the Agents Playground). */
  cloudAdapter: CloudAdapter;
  /** What the LiveEngage side did, per bot user and variant: `GET /metrics`, and `summary()` for the page. */
  metrics: LiveEngageMetrics;
  /** The LiveEngage side's telemetry events (to `telemetryClient`, by default nowhere). */
  telemetry: LiveEngageTelemetry;
  /** `http://HOST:PORT/metrics` (the address bound): the Prometheus scrape. */
  metricsUrl: string;
  simulator?: LiveEngageSimulator;
  /** `http://HOST:PORT/api/messages`: what the Agents Playground connects to. */
  endpoint: string;
  pageUrl?: string;
  /** Stops taking chats and logs out, stops the simulator, closes the server. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * One `AgentApplication` behind two adapters: the Agents SDK's `CloudAdapter` on `POST /api/messages`
 * (the Agents Playground, Azure Bot Service), and the LiveEngage adapter of `/agents` that makes it a
 * Live Chat agent, on a real account or on the embedded simulator. On LiveEngage it runs as the A/B
 * variants A and B (unless `abTest: false`), asks for a CSAT rating on "bye" and is monitored
 * (`GET /metrics`, the simulator page's "Bot performance"), as the botbuilder sample does.
 */
export async function startAgentsBot(options: AgentsBotOptions = {}): Promise<AgentsBotHandles> {
  const log = options.log ?? ((line: string) => console.log(line));
  const humanSkill = options.humanSkill ?? DEFAULT_HUMAN_SKILL;
  const escalation = () => new EscalationMiddleware({ skill: humanSkill, recognizer: async (context) => recognizeText(context.activity.text ?? ''), intents: ['Escalate'], minScore: 0.6, message: messages.escalating });
  // State in memory (use Cosmos DB or Blob storage in production), shared by the variants.
  const storage = new MemoryStorage();
  const metrics = new LiveEngageMetrics();
  const variants = variantsToRun(options.abTest);

  let simulator: LiveEngageSimulator | undefined;
  let server: restify.Server | undefined;
  let liveEngage: LiveEngageAdapter | undefined;
  const close = once(async () => {
    await liveEngage?.stop().catch((error: Error) => log(`[liveengage] stop failed: ${error.message}`));
    await simulator?.stop();
    if (server) await closeServer(server);
  });
  try {
    const target = await liveEngageTarget(options, humanSkill, metrics);
    simulator = target.simulator;
    const adapter = new LiveEngageAdapter(target.settings);
    liveEngage = adapter;
    adapter.use(new TypingDelayMiddleware(options.typingDelayMs ?? 600), escalation());
    // The adapter then fails the chat over (failoverSkill), so no visitor is left alone.
    adapter.onTurnError = async (context: TurnContext, error: Error) => log(`[liveengage] turn failed in chat ${context.activity.conversation?.id}: ${error.stack ?? error.message}`);
    const { telemetry, csat } = monitorLiveEngage(adapter, metrics, options.telemetryClient, target.settings.transport ?? 'chat');
    const apps = Object.fromEntries(variants.map((variant) => [variant.name, createSupportAgent(adapter, { storage, welcome: variant.welcome, csat })]));
    await startVariants(adapter, variants, (variant) => (context: TurnContext) => apps[variant.name]!.run(context));

    // The Playground side: the SDK's CloudAdapter (anonymous without a client id), where a transfer
    // or an end becomes a trace and a notice (the Playground refuses those activities with 400).
    // Variant A's agent, its ratings not counted: the metrics are the LiveEngage side's.
    const cloudAdapter = new CloudAdapter();
    cloudAdapter.use(new HandoffFallbackMiddleware({ transferNotice: (request) => messages.transferNotice(String(request.skill ?? humanSkill)) }), escalation());
    const playgroundAgent = createSupportAgent(cloudAdapter, { storage, welcome: SUPPORT_BOT_VARIANTS[0].welcome });
    cloudAdapter.onTurnError = async (context: TurnContext, error: Error) => {
      log(`[playground] turn failed: ${error.stack ?? error.message}`);
      await context.sendActivity('Sorry, something went wrong on our side. Please try again.');
    };
    let url: string;
    ({ server, url } = await serve('agents-bot', async (req, res) => {
      // The SDK's JWT check (anonymous without a client id) sets req.user, which process() needs.
      let authorized = false;
      await cloudAdapter.authorizeRequest(req as never, res as never, () => { authorized = true; });
      if (authorized) await cloudAdapter.process(req as never, res as never, (context) => playgroundAgent.run(context));
    }, metrics, options));

    return {
      variants: apps,
      liveEngage: adapter,
      cloudAdapter,
      metrics,
      telemetry,
      metricsUrl: `${url}/metrics`,
      endpoint: `${url}/api/messages`,
      ...(simulator ? { simulator, pageUrl: `${simulator.url}/` } : {}),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
