import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import type restify from 'restify';
import type { CsatDialogOptions } from '../../src/csat/index.js';
import { HandoffFallbackMiddleware, LiveEngageAdapter } from '../../src/index.js';
import { LiveEngageMetrics, type LiveEngageTelemetry } from '../../src/monitoring/index.js';
import type { LiveEngageSimulator } from '../../src/simulator/index.js';
import { SupportBot } from './bot.js';
import { DEFAULT_HUMAN_SKILL, type SupportBotOptions } from './config.js';
import { MainDialog } from './dialogs/mainDialog.js';
import { messages } from './messages.js';
import { supportEscalation } from './escalation.js';
import { TypingDelayMiddleware } from './typing.js';
import { closeServer, liveEngageTarget, monitorLiveEngage, once, serve, startVariants, variantsToRun } from './hosting.js';
import { SUPPORT_BOT_VARIANTS, type SupportBotVariant } from './variants.js';

export type { SupportBotOptions } from './config.js';

/** What `startSupportBot` started; `close()` stops it all. */
export interface SupportBotHandles {
  /** The bot behind the Emulator endpoint (variant A's welcome; its CSAT ratings are not counted). */
  bot: SupportBot;
  /** The bots behind LiveEngage, by variant name (`A` and `B`, or `A` alone without the A/B test). */
  variants: Record<string, SupportBot>;
  /** The Emulator's adapter, behind `POST /api/messages`. */
  cloudAdapter: CloudAdapter;
  /** The LiveEngage side: the same bot as a Live Chat agent. */
  liveEngage: LiveEngageAdapter;
  /** What the LiveEngage side did, per bot user and variant: `GET /metrics`, and `summary()` for the page. */
  metrics: LiveEngageMetrics;
  /** The LiveEngage side's telemetry events (to `telemetryClient`, by default nowhere). */
  telemetry: LiveEngageTelemetry;
  /** `http://HOST:PORT/metrics` (the address bound): the Prometheus scrape. */
  metricsUrl: string;
  /** The embedded simulator, when no real LiveEngage account is configured. */
  simulator?: LiveEngageSimulator;
  /** The restify server of `/api/messages` and `/metrics`. */
  server: restify.Server;
  /** `http://HOST:PORT/api/messages` (the address bound; `localhost` when bound to every interface): what to paste into the Emulator. */
  emulatorEndpoint: string;
  /** The simulator's page (visitor + agent workspace), when the simulator runs. */
  pageUrl?: string;
  /** Stops taking chats and logs out, stops the simulator, closes the server. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * One bot behind two adapters: a `CloudAdapter` on `POST /api/messages` for the Bot Framework Emulator
 * (and Azure Bot Service), and a `LiveEngageAdapter` that makes it a LiveEngage Live Chat agent, on a
 * real account or on the embedded simulator. On LiveEngage it runs as two A/B variants (unless
 * `abTest: false`), asks for a CSAT rating before it ends a chat, and is monitored: `GET /metrics` on
 * the same server, and the simulator page's "Bot performance" panel.
 */
export async function startSupportBot(options: SupportBotOptions = {}): Promise<SupportBotHandles> {
  const log = options.log ?? ((line: string) => console.log(line));
  const humanSkill = options.humanSkill ?? DEFAULT_HUMAN_SKILL;

  // The bot: state in memory (use CosmosDB or Blob storage in production), dialogs, handler.
  const conversationState = new ConversationState(new MemoryStorage());
  const supportBot = (variant: SupportBotVariant, csat: CsatDialogOptions = {}) =>
    new SupportBot(conversationState, new MainDialog({ csat }), variant.welcome);
  const bot = supportBot(SUPPORT_BOT_VARIANTS[0]);
  const typing = new TypingDelayMiddleware(options.typingDelayMs ?? 600);
  const escalation = supportEscalation(humanSkill);

  // Monitoring of the LiveEngage side (LivePerson's Step 5): /metrics and the simulator page's panel.
  const metrics = new LiveEngageMetrics();
  const variants = variantsToRun(options.abTest);

  // 1. The Emulator / Azure Bot Service side.
  const cloudAdapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options.botFramework ?? {}));
  // The Emulator and the Agents Playground cannot transfer or end a chat (the Playground refuses such
  // activities with 400): there the transfer and the end become traces, plus a line saying what happens on LiveEngage.
  const fallback = new HandoffFallbackMiddleware({
    transferNotice: (request) => messages.transferNotice(String(request.skill ?? request.agentId ?? humanSkill)),
  });
  // First, so it also sees what the middleware after it sends (the escalation's transfer).
  cloudAdapter.use(fallback).use(typing).use(escalation);
  cloudAdapter.onTurnError = async (context: TurnContext, error: Error) => {
    log(`[emulator] turn failed: ${error.stack ?? error.message}`);
    await context.sendTraceActivity('OnTurnError Trace', error.message, 'https://www.botframework.com/schemas/error', 'TurnError');
    await context.sendActivity('Sorry, something went wrong on our side. Please try again.');
  };

  // 2. The LiveEngage side: a real account, or the embedded simulator.
  let simulator: LiveEngageSimulator | undefined;
  let liveEngage: LiveEngageAdapter | undefined;
  let telemetry: LiveEngageTelemetry | undefined;
  let liveEngageBots: Record<string, SupportBot> = {};
  let server: restify.Server | undefined;
  let url: string;
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
    adapter.use(typing).use(escalation);
    adapter.onTurnError = async (context: TurnContext, error: Error) => {
      // The adapter then transfers the chat to failoverSkill, so no visitor is left alone.
      log(`[liveengage] turn failed in chat ${context.activity.conversation?.id}: ${error.stack ?? error.message}`);
    };
    const monitoring = monitorLiveEngage(adapter, metrics, options.telemetryClient, target.settings.transport ?? 'chat');
    telemetry = monitoring.telemetry;
    liveEngageBots = Object.fromEntries(variants.map((variant) => [variant.name, supportBot(variant, monitoring.csat)]));
    await startVariants(adapter, variants, (variant) => (context: TurnContext) => liveEngageBots[variant.name]!.run(context));

    // 3. The HTTP endpoint of the Emulator, and the Prometheus scrape of the LiveEngage side's metrics.
    ({ server, url } = await serve('support-bot', async (req, res) => {
      await cloudAdapter.process(req, res, (context) => bot.run(context));
    }, metrics, options));
  } catch (error) {
    await close();
    throw error;
  }

  return {
    bot,
    variants: liveEngageBots,
    cloudAdapter,
    liveEngage,
    metrics,
    telemetry,
    metricsUrl: `${url}/metrics`,
    server,
    emulatorEndpoint: `${url}/api/messages`,
    ...(simulator ? { simulator, pageUrl: `${simulator.url}/` } : {}),
    close,
  };
}
