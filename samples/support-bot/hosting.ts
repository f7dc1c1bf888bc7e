import type { Server } from 'node:http';
import restify from 'restify';
import type { StartOptions } from '../../src/core/engine.js';
import { submitCsatToAgentSurvey, type AgentSurveyTarget, type CsatFlowOptions } from '../../src/csat/neutral.js';
import type { LiveEngageAdapterSettings } from '../../src/index.js';
import { LiveEngageMetrics, metricsHandler, observeWithTelemetry, type LiveEngageEventSource, type LiveEngageTelemetry, type TelemetryEventClient } from '../../src/monitoring/index.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SIMULATOR_PORT } from './config.js';
import { boundUrl, listenFailure } from './startup.js';
import type { SampleTransport } from './transport.js';
import { SUPPORT_BOT_VARIANTS, type SupportBotVariant } from './variants.js';

/**
 * What both samples (botbuilder and the Agents SDK) do the same way around their bot: the LiveEngage
 * account or the embedded simulator, the monitoring, the A/B variants and the HTTP server. Nothing
 * here knows either bot framework.
 */

/** The page's quick buttons: what the support bot knows. */
const VISITOR_SUGGESTIONS = ['What are your opening hours?', 'How much does it cost?', 'Where is my order?', 'I want to talk to an agent', 'Bye'];

/** What the hosting reads of a sample's options. */
export interface HostingOptions {
  liveEngage?: LiveEngageAdapterSettings;
  simulatorPort?: number;
  pollIntervalMs?: number;
  port?: number;
  host?: string;
  abTest?: boolean;
  telemetryClient?: TelemetryEventClient;
  transport?: SampleTransport;
  messagingSkills?: Record<string, number>;
}

/**
 * The LiveEngage side's settings: the configured account, or the embedded simulator started here (on
 * loopback; its page's "Bot performance" panel draws `metrics`). With `transport: 'messaging'` the
 * simulator runs its Messaging side too and the adapter speaks Messaging, its skills named by the
 * simulator's (so "agent" can transfer to human-support by name).
 */
export async function liveEngageTarget(options: HostingOptions, humanSkill: string, metrics: LiveEngageMetrics): Promise<{ settings: LiveEngageAdapterSettings; simulator?: LiveEngageSimulator }> {
  let simulator: LiveEngageSimulator | undefined;
  let settings = options.liveEngage;
  if (!settings) {
    const simulatorPort = options.simulatorPort ?? DEFAULT_SIMULATOR_PORT;
    const messaging = options.transport === 'messaging';
    simulator = new LiveEngageSimulator({ port: simulatorPort, host: '127.0.0.1', log: false, dashboard: () => metrics.summary(), visitorSuggestions: VISITOR_SUGGESTIONS, messaging });
    await simulator.start().catch((error: unknown) => {
      throw listenFailure(error, 'The LiveEngage simulator cannot start', simulatorPort, 'SIMULATOR_PORT');
    });
    settings = {
      accountId: simulator.accountId,
      credentials: { username: 'support-bot', password: 'bot-password' },
      domainApiUrl: simulator.domainApiUrl,
      // Loopback may poll faster than LiveEngage's 2 s: the page feels live.
      pollIntervalMs: 500,
      failoverSkill: humanSkill,
      ...(messaging ? { transport: 'messaging' as const, messagingSkills: options.messagingSkills ?? skillIds(simulator) } : {}),
    };
  }
  if (options.pollIntervalMs !== undefined) settings = { ...settings, pollIntervalMs: options.pollIntervalMs };
  return { settings, ...(simulator ? { simulator } : {}) };
}

/** The simulator's skills by name: the `messagingSkills` its Messaging side needs. */
function skillIds(simulator: LiveEngageSimulator): Record<string, number> {
  return Object.fromEntries(simulator.queues().map((queue) => [queue.skill.name, queue.skill.id]));
}

/**
 * Monitoring of the LiveEngage side (LivePerson's Step 5): `metrics` and telemetry events observe the
 * adapter (before `start()`, so the login counts), and the CSAT settings record each rating in both and
 * submit it to the account's agent survey through the Chat Agent API before the chat ends.
 */
export function monitorLiveEngage<T extends LiveEngageEventSource & AgentSurveyTarget>(adapter: T, metrics: LiveEngageMetrics, telemetryClient: TelemetryEventClient = { trackEvent() {} }, transport: SampleTransport = 'chat') {
  metrics.observe(adapter);
  const telemetry: LiveEngageTelemetry = observeWithTelemetry(adapter, telemetryClient);
  // Agent surveys are Live Chat resources: on Messaging the rating goes to the metrics and telemetry only.
  const csat: Pick<CsatFlowOptions, 'recorders' | 'submitAgentSurvey'> = {
    recorders: [metrics, telemetry],
    ...(transport === 'chat' ? { submitAgentSurvey: submitCsatToAgentSurvey(adapter) } : {}),
  };
  return { telemetry, csat };
}

/** The A/B test's variants (A and B, 50/50), or A alone with `abTest: false`. */
export function variantsToRun(abTest: boolean | undefined): SupportBotVariant[] {
  return abTest === false ? [SUPPORT_BOT_VARIANTS[0]] : [...SUPPORT_BOT_VARIANTS];
}

/** Starts the adapter: with several variants, each new chat goes to one (by a hash of its id) and stays there. */
export function startVariants<L>(adapter: { start(logic: L | StartOptions<L>): Promise<void> }, variants: SupportBotVariant[], logicOf: (variant: SupportBotVariant) => L): Promise<void> {
  if (variants.length === 1) return adapter.start(logicOf(variants[0]!));
  return adapter.start({ variants: variants.map((variant) => ({ name: variant.name, weight: variant.weight, logic: logicOf(variant) })) });
}

/**
 * The sample's HTTP server: `POST /api/messages` (the Emulator or the Agents Playground) and
 * `GET /metrics` (the Prometheus scrape of the LiveEngage side), listening; `url` is the address bound.
 */
export async function serve(name: string, messages: (req: restify.Request, res: restify.Response) => Promise<void>, metrics: LiveEngageMetrics, options: HostingOptions): Promise<{ server: restify.Server; url: string }> {
  const server = restify.createServer({ name });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', messages);
  server.get('/metrics', metricsHandler(metrics));
  const port = options.port ?? DEFAULT_PORT;
  try {
    await new Promise<void>((resolve, reject) => {
      // restify re-emits the http server's errors on itself: listen there, or EADDRINUSE is unhandled.
      server.once('error', reject);
      server.listen(port, options.host ?? DEFAULT_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    throw listenFailure(error, 'The bot endpoint cannot start', port, 'PORT');
  }
  const address = server.server.address();
  const url = typeof address === 'object' && address ? boundUrl(address.address, address.port) : `http://${DEFAULT_HOST}:${port}`;
  return { server, url };
}

export function closeServer(server: restify.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // The Emulator and the Playground keep connections alive; do not wait for them to let go.
    (server.server as Server).closeAllConnections();
  });
}

/** `fn` run once; later calls get the same promise (a second `close()` is harmless). */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

/** " (A/B test: variants A and B, 50/50; AB_TEST=off for A alone)", or nothing with one variant: the banner's first line. */
export function abTestNote(variants: string[]): string {
  return variants.length > 1 ? ` (A/B test: variants ${variants.join(' and ')}, 50/50; AB_TEST=off for A alone)` : '';
}

/** The banner's lines about the LiveEngage side (the simulator page, or the account once Online) and the metrics. */
export function liveEngageBanner(
  app: { simulator?: LiveEngageSimulator; pageUrl?: string; metricsUrl: string; liveEngage: { agent?: { agentName?: string; skills: { name: string }[] } | undefined } },
  account: LiveEngageAdapterSettings | undefined,
  transport: SampleTransport = 'chat',
): string[] {
  const lines: string[] = [];
  const messaging = (account?.transport ?? transport) === 'messaging';
  if (app.simulator && app.pageUrl) {
    const what = messaging ? 'start a Messaging conversation' : 'start a chat';
    lines.push(`  LiveEngage simulator:   ${app.pageUrl}   (open it: ${what}, type "agent", take it as Alice; "bye" asks for a rating)`);
    lines.push(`                          account ${app.simulator.accountId}, bot user support-bot on skill support-bot`);
  } else if (messaging) {
    lines.push(`  LiveEngage:             account ${account?.accountId}, bot user ${account?.credentials.username} is ONLINE on Messaging`);
  } else {
    const agent = app.liveEngage.agent;
    lines.push(`  LiveEngage:             account ${account?.accountId}, bot user ${agent?.agentName ?? account?.credentials.username} is Online on ${agent?.skills.map((s) => s.name).join(', ') || 'no skills'}`);
  }
  lines.push(`  Transport:              ${messaging ? 'Messaging (LP_TRANSPORT=messaging: the UMS agent websocket)' : 'Live Chat (LP_TRANSPORT=chat: the Chat Agent API)'}`);
  lines.push(`  Metrics (Prometheus):   ${app.metricsUrl}${app.simulator ? '   (drawn on the page, under "Bot performance")' : ''}`);
  return lines;
}
