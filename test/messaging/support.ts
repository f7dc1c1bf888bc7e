import { LiveEngageSimulator, type LiveEngageSimulatorOptions } from '../../src/simulator/index.js';
import {
  MessagingAgent,
  MessagingConnection,
  messagingLogin,
  type ConsumerMessage,
  type ConversationClosed,
  type ConversationInfo,
  type MessagingConnectionOptions,
  type MessagingAgentOptions,
  type MessagingLoginOptions,
} from '../../src/messaging/index.js';
import { memoryLogger, waitFor } from '../support/harness.js';

export { waitFor, memoryLogger };

export const BOT = { username: 'support-bot', password: 'bot-password' };

export async function startSimulator(options: LiveEngageSimulatorOptions = {}): Promise<LiveEngageSimulator> {
  const sim = new LiveEngageSimulator({ log: false, messaging: { ringTtlMs: 72_000 }, ...options });
  await sim.start();
  return sim;
}

/** What a bot heard, in order. */
export class Heard {
  readonly started: ConversationInfo[] = [];
  readonly messages: ConsumerMessage[] = [];
  readonly typing: Array<{ conversationId: string; typing: boolean }> = [];
  readonly closed: ConversationClosed[] = [];
  readonly progress = new Map<string, number>();
  readonly ready: boolean[] = [];
  readonly disconnects: number[] = [];
  fatal: Error | undefined;

  constructor(agent: MessagingAgent) {
    agent.on('conversationStarted', (c) => this.started.push(c));
    agent.on('consumerMessage', (m) => this.messages.push(m));
    agent.on('consumerTyping', (t) => this.typing.push(t));
    agent.on('conversationClosed', (c) => this.closed.push(c));
    agent.on('progress', (p) => this.progress.set(p.conversationId, p.sequence));
    agent.on('ready', ({ reconnect }) => this.ready.push(reconnect));
    agent.on('disconnected', (info) => this.disconnects.push(info.code));
    agent.on('fatal', (error) => (this.fatal = error));
  }

  textsOf(conversationId: string): string[] {
    return this.messages.filter((m) => m.conversationId === conversationId).map((m) => m.text ?? '');
  }
}

export interface Bot {
  agent: MessagingAgent;
  connection: MessagingConnection;
  heard: Heard;
  logger: ReturnType<typeof memoryLogger>;
  logins: () => number;
  stop(): Promise<void>;
}

/** Logs the bot user in through the Login Service and starts a MessagingAgent with fast timings. */
export async function startBot(
  sim: LiveEngageSimulator,
  overrides: { connection?: Partial<MessagingConnectionOptions>; agent?: Partial<MessagingAgentOptions>; login?: Partial<MessagingLoginOptions>; credentials?: typeof BOT } = {},
): Promise<Bot> {
  const logger = memoryLogger();
  const login = await messagingLogin({ accountId: sim.accountId, credentials: overrides.credentials ?? BOT, domainApiUrl: sim.url, http: { retryDelaysMs: [50, 50, 50] }, logger, ...overrides.login });
  let logins = 1;
  const relogin = login.auth.relogin;
  const auth = { bearer: login.auth.bearer, relogin: () => (logins++, relogin()) };
  const connection = new MessagingConnection({
    accountId: login.accountId,
    host: login.host,
    auth,
    requestTimeoutMs: 1000,
    keepAliveMs: 0,
    backoff: { initialMs: 50, factor: 1.5, maxMs: 500 },
    logger,
    ...overrides.connection,
  });
  const agent = new MessagingAgent({ connection, accountId: login.accountId, userId: login.userId, logger, ...overrides.agent });
  const heard = new Heard(agent);
  await agent.start();
  return {
    agent,
    connection,
    heard,
    logger,
    logins: () => logins,
    stop: async () => {
      await agent.stop().catch(() => undefined);
      await login.logout();
    },
  };
}

/** The consumer side, over the simulator's HTTP control API (as a test in another process would). */
export class Consumer {
  constructor(
    private readonly sim: LiveEngageSimulator,
    readonly conversationId: string,
  ) {}

  static async start(sim: LiveEngageSimulator, text: string | undefined, skill = 'support-bot'): Promise<Consumer> {
    const started = await control<{ conversationId: string }>(sim, 'POST', '/conversations', { skill, consumerName: 'Ada', ...(text !== undefined ? { text } : {}) });
    return new Consumer(sim, started.conversationId);
  }

  says(text: string): Promise<{ sequence: number }> {
    return control(this.sim, 'POST', `/conversations/${this.conversationId}/messages`, { text });
  }

  typing(typing: boolean): Promise<unknown> {
    return control(this.sim, 'POST', `/conversations/${this.conversationId}/typing`, { typing });
  }

  close(): Promise<unknown> {
    return control(this.sim, 'POST', `/conversations/${this.conversationId}/close`, {});
  }

  view(): Promise<import('../../src/simulator/index.js').MsgConversationView> {
    return control(this.sim, 'GET', `/conversations/${this.conversationId}`);
  }

  /** What the consumer sees from agents: not private, not receipts. */
  async agentTexts(): Promise<string[]> {
    const view = await this.view();
    return view.events.filter((e) => e.from === 'agent' && !e.private && e.type !== 'AcceptStatusEvent').map((e) => e.text ?? e.type);
  }
}

export async function control<T = unknown>(sim: LiveEngageSimulator, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sim.url}/simulator/messaging${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${json.error ?? ''}`);
  return json;
}
