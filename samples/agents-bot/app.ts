import type { Server } from 'node:http';
import { CloudAdapter, type TurnContext } from '@microsoft/agents-hosting';
import restify from 'restify';
import { EscalationMiddleware, HandoffFallbackMiddleware, LiveEngageAdapter, type LiveEngageAdapterSettings } from '../../src/agents/index.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { DEFAULT_HOST, DEFAULT_HUMAN_SKILL, DEFAULT_PORT, DEFAULT_SIMULATOR_PORT } from '../support-bot/config.js';
import { messages } from '../support-bot/messages.js';
import { recognizeText } from '../support-bot/recognizer.js';
import { boundUrl, listenFailure } from '../support-bot/startup.js';
import { createSupportAgent } from './agent.js';

export interface AgentsBotOptions {
  /** A real LiveEngage account; without it the embedded simulator runs. */
  liveEngage?: LiveEngageAdapterSettings;
  port?: number;
  host?: string;
  simulatorPort?: number;
  humanSkill?: string;
  log?: (line: string) => void;
}

export interface AgentsBotHandles {
  liveEngage: LiveEngageAdapter;
  /** The Agents SDK's own adapter, behind `POST /api/messages` (the Agents Playground). */
  cloudAdapter: CloudAdapter;
  simulator?: LiveEngageSimulator;
  /** `http://HOST:PORT/api/messages`: what the Agents Playground connects to. */
  endpoint: string;
  pageUrl?: string;
  close(): Promise<void>;
}

/**
 * One `AgentApplication` behind two adapters: the Agents SDK's `CloudAdapter` on `POST /api/messages`
 * (the Agents Playground, Azure Bot Service), and the LiveEngage adapter of `/agents` that makes it a
 * Live Chat agent, on a real account or on the embedded simulator.
 */
export async function startAgentsBot(options: AgentsBotOptions = {}): Promise<AgentsBotHandles> {
  const log = options.log ?? ((line: string) => console.log(line));
  const humanSkill = options.humanSkill ?? DEFAULT_HUMAN_SKILL;
  const escalation = () => new EscalationMiddleware({ skill: humanSkill, recognizer: async (context) => recognizeText(context.activity.text ?? ''), intents: ['Escalate'], minScore: 0.6, message: messages.escalating });

  let simulator: LiveEngageSimulator | undefined;
  let server: restify.Server | undefined;
  let liveEngage: LiveEngageAdapter | undefined;
  const close = async () => {
    await liveEngage?.stop().catch((error: Error) => log(`[liveengage] stop failed: ${error.message}`));
    await simulator?.stop();
    if (server) await closeServer(server);
  };
  try {
    let settings = options.liveEngage;
    if (!settings) {
      const simulatorPort = options.simulatorPort ?? DEFAULT_SIMULATOR_PORT;
      simulator = new LiveEngageSimulator({ port: simulatorPort, host: '127.0.0.1', log: false });
      await simulator.start().catch((error: unknown) => { throw listenFailure(error, 'The LiveEngage simulator cannot start', simulatorPort, 'SIMULATOR_PORT'); });
      settings = { accountId: simulator.accountId, credentials: { username: 'support-bot', password: 'bot-password' }, domainApiUrl: simulator.domainApiUrl, pollIntervalMs: 500, failoverSkill: humanSkill };
    }
    liveEngage = new LiveEngageAdapter(settings);
    liveEngage.use(escalation());
    const app = createSupportAgent(liveEngage);
    // The adapter then fails the chat over (failoverSkill), so no visitor is left alone.
    app.onError(async (context: TurnContext, error: Error) => log(`[liveengage] turn failed in chat ${context.activity.conversation?.id}: ${error.stack ?? error.message}`));
    await liveEngage.start((context) => app.run(context));

    // The Playground side: the SDK's CloudAdapter (anonymous without a client id), where a transfer
    // or an end becomes a trace and a notice (the Playground refuses those activities with 400).
    const cloudAdapter = new CloudAdapter();
    cloudAdapter.use(new HandoffFallbackMiddleware({ transferNotice: (request) => messages.transferNotice(String(request.skill ?? humanSkill)) }), escalation());
    cloudAdapter.onTurnError = async (context: TurnContext, error: Error) => {
      log(`[playground] turn failed: ${error.stack ?? error.message}`);
      await context.sendActivity('Sorry, something went wrong on our side. Please try again.');
    };
    server = restify.createServer({ name: 'agents-bot' });
    server.use(restify.plugins.bodyParser());
    server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
      // The SDK's JWT check (anonymous without a client id) sets req.user, which process() needs.
      let authorized = false;
      await cloudAdapter.authorizeRequest(req as never, res as never, () => { authorized = true; });
      if (authorized) await cloudAdapter.process(req as never, res as never, (context) => app.run(context));
    });
    const http = server;
    const port = options.port ?? DEFAULT_PORT;
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, options.host ?? DEFAULT_HOST, () => { http.off('error', reject); resolve(); });
    }).catch((error: unknown) => { throw listenFailure(error, 'The bot endpoint cannot start', port, 'PORT'); });

    const address = server.server.address();
    const url = typeof address === 'object' && address ? boundUrl(address.address, address.port) : `http://${DEFAULT_HOST}:${port}`;
    return { liveEngage, cloudAdapter, endpoint: `${url}/api/messages`, ...(simulator ? { simulator, pageUrl: `${simulator.url}/` } : {}), close };
  } catch (error) {
    await close();
    throw error;
  }
}

function closeServer(server: restify.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    (server.server as Server).closeAllConnections();
  });
}
