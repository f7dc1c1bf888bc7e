import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { randomInt } from 'node:crypto';
import type restify from 'restify';
import { systemClock } from './clock.js';
import { SIMULATOR_DEFAULTS } from './defaults.js';
import { SimulatorError } from './errors.js';
import { createLogger, type LiveEngageLogger } from '../logger.js';
import { FaultBook } from './faults.js';
import type { SimulatorControl } from './controlApi.js';
import { ChangeStreams } from './http/changeStreams.js';
import type { Route } from './http/dispatch.js';
import { createHttpServer } from './http/server.js';
import { checkTlsMaterial, selfSignedLoopback, type TlsMaterial } from './http/tls.js';
import { Links } from './render/links.js';
import { agentSessionRoutes } from './routes/agentSession.js';
import { chatRoutes } from './routes/chat.js';
import { controlRoutes } from './routes/control.js';
import { csdrRoutes } from './routes/csdr.js';
import { loginRoutes } from './routes/login.js';
import { pageRoutes, pageSettings, type PageSettings } from './page/routes.js';
import type { RouteDeps } from './routes/shared.js';
import { RequestStats } from './stats.js';
import type {
  AgentAvailability,
  AgentView,
  ChatSummary,
  ChatView,
  FaultRule,
  FaultView,
  LiveEngageSimulatorOptions,
  QueueView,
  SimulatorChange,
  SimulatorStats,
} from './types.js';
import { agentView, chatSummary, chatView, queueViews } from './world/views.js';
import { World } from './world/World.js';
import { messagingControlRoutes } from './messaging/controlRoutes.js';
import { MessagingSimulator } from './messaging/MessagingSimulator.js';

const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

interface SimulatorEvents {
  change: [SimulatorChange];
}

/**
 * A local LiveEngage: the Domain API, the Login Service API and the Chat Agent API on one loopback
 * port, a simulated account behind them, and a control API (here in JS and over HTTP under
 * `/simulator`) that plays visitors and human agents and injects faults.
 *
 * ```ts
 * const sim = new LiveEngageSimulator();
 * await sim.start();                 // http://127.0.0.1:PORT; point domainApiUrl at sim.domainApiUrl
 * const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Ada' });
 * await sim.stop();
 * ```
 */
export class LiveEngageSimulator extends EventEmitter<SimulatorEvents> implements SimulatorControl {
  readonly accountId: string;
  private readonly options: LiveEngageSimulatorOptions;
  private readonly world: World;
  private readonly faultBook: FaultBook;
  private readonly requestStats = new RequestStats();
  private readonly streams = new ChangeStreams();
  private readonly log: LiveEngageLogger;
  private readonly logLine: (line: string) => void;
  private readonly pageSettings: PageSettings;
  private server: restify.Server | undefined;
  private boundPort: number | undefined;
  private links: Links | undefined;
  private stopped = false;
  private tlsMaterial: TlsMaterial | undefined;
  private readonly messagingSim: MessagingSimulator | undefined;

  constructor(options: LiveEngageSimulatorOptions = {}) {
    super();
    this.options = options;
    this.accountId = String(options.accountId ?? SIMULATOR_DEFAULTS.accountId);
    this.log = createLogger('simulator', options.logger);
    this.logLine = requestLog(options.log, this.log);
    this.pageSettings = pageSettings(options.visitorSuggestions, Boolean(options.messaging));
    // The caller's key and certificate are checked now; `tls: true` generates them at start().
    if (options.tls && options.tls !== true) this.tlsMaterial = checkTlsMaterial(options.tls);
    this.faultBook = new FaultBook(options.seed ?? randomInt(0, 2 ** 31), () => (options.clock ?? systemClock).now());
    this.world = new World({
      accountId: this.accountId,
      skills: options.skills ?? SIMULATOR_DEFAULTS.skills,
      botUsers: options.botUsers ?? SIMULATOR_DEFAULTS.botUsers,
      humanAgents: options.humanAgents ?? SIMULATOR_DEFAULTS.humanAgents,
      chatTimeoutMs: 1000 * positive(options.chatTimeoutSeconds, SIMULATOR_DEFAULTS.chatTimeoutSeconds, 'chatTimeoutSeconds'),
      acceptTimeoutMs: 1000 * positive(options.acceptTimeoutSeconds, SIMULATOR_DEFAULTS.acceptTimeoutSeconds, 'acceptTimeoutSeconds'),
      agentSessionIdleMs: 1000 * (options.agentSessionIdleSeconds === 0 ? 0 : positive(options.agentSessionIdleSeconds, 0, 'agentSessionIdleSeconds')),
      sessionTtlMs: positive(options.sessionTtlMs, SIMULATOR_DEFAULTS.sessionTtlMs, 'sessionTtlMs'),
      maxEndedChats: positive(options.maxEndedChats, SIMULATOR_DEFAULTS.maxEndedChats, 'maxEndedChats'),
      initialAvailability: availabilityOption(options.initialAvailability),
      clock: options.clock ?? systemClock,
      onChange: (change) => {
        // A listener that throws must not leave a world mutation half done.
        try {
          this.emit('change', change);
        } catch (error) {
          this.logLine(`a change listener threw: ${error instanceof Error ? error.message : String(error)}`);
        }
        this.streams.send(change);
        // A login that ended closes its Messaging sockets (4401).
        this.messagingSim?.worldChanged();
      },
    });
    if (options.messaging) {
      this.messagingSim = new MessagingSimulator(this.world, this.logLine, options.messaging === true ? {} : options.messaging);
      this.messagingSim.on('change', () => this.streams.send({ kind: 'messaging' })); // the page refetches its conversations
    }
  }

  // ------------------------------------------------------------ lifecycle

  /** Binds (127.0.0.1 and a free port by default) and serves. */
  async start(): Promise<void> {
    if (this.stopped) throw new Error('A stopped simulator cannot be started again; create a new one');
    if (this.server) return;
    const host = this.options.host ?? '127.0.0.1';
    if (this.options.tls === true && !this.tlsMaterial) this.tlsMaterial = await selfSignedLoopback();
    const server = createHttpServer(
      { world: this.world, faults: this.faultBook, stats: this.requestStats, timers: this.world.timers, log: this.logLine },
      this.routes(),
      this.streams,
      this.tlsMaterial,
    );
    this.server = server;
    this.messagingSim?.attach(server.server as Server);
    try {
      await new Promise<void>((resolve, reject) => {
        // restify re-emits the http server's errors on itself: listen there, or EADDRINUSE is unhandled.
        server.once('error', reject);
        server.listen(this.options.port ?? 0, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      this.server = undefined;
      throw error;
    }
    const address = server.server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : this.options.port ?? 0;
    this.links = new Links(this.url, this.accountId);
    this.log.debug('LiveEngage simulator listening on %s (account %s)', this.url, this.accountId);
    if (!isLoopback(host)) {
      const warning = `LiveEngage simulator listening on ${host}:${this.boundPort}, not loopback: anyone who can reach it can use its control API and published test credentials.`;
      // Without a logger of the caller's, `debug` is off by default: this one warning must be seen.
      if (this.options.logger) this.log.warn(warning);
      else console.warn(warning);
    }
  }

  /** Closes the server, its connections and every timer. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.messagingSim?.stop();
    this.world.stop();
    this.streams.closeAll();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server.server as Server).closeAllConnections();
    });
  }

  /** `http://127.0.0.1:PORT` (`https://` with `tls`), once started. */
  get url(): string {
    if (this.boundPort === undefined) throw new Error('The simulator is not started; await sim.start() first');
    return `${this.tlsMaterial ? 'https' : 'http'}://${this.publicHost}:${this.boundPort}`;
  }

  /**
   * With `tls`: the certificate it serves, PEM, for clients to trust (`ca`); the generated one for
   * `tls: true` once started. `undefined` for plain http.
   */
  get certificatePem(): string | undefined {
    if (this.options.tls === true && !this.tlsMaterial) throw new Error('The simulator is not started; await sim.start() first');
    const cert = this.tlsMaterial?.cert;
    return cert === undefined ? undefined : cert.toString();
  }

  /** Where the Domain API is served: the same base as everything else. */
  get domainApiUrl(): string {
    return this.url;
  }

  get port(): number {
    if (this.boundPort === undefined) throw new Error('The simulator is not started; await sim.start() first');
    return this.boundPort;
  }

  /** The Messaging side (option `messaging`): consumers, humans, faults of the UMS websocket. */
  get messaging(): MessagingSimulator {
    if (!this.messagingSim) throw new Error('Messaging is off; create the simulator with { messaging: true }');
    return this.messagingSim;
  }

  // ------------------------------------------------------------ control API: visitors

  /** A visitor opens a chat on a skill (by name); it is queued and rings an agent if one can take it. */
  startChat(options: { skill: string; visitorName?: string }): { chatId: string } {
    const chat = this.world.chats.start(options.skill, options.visitorName);
    return { chatId: chat.id };
  }

  visitorSays(chatId: string, text: string, options: { textType?: 'plain' | 'html' } = {}): { eventId: number } {
    const event = this.world.chats.visitorLine(this.world.state.chat(chatId), text, options.textType ?? 'plain');
    return { eventId: event.id };
  }

  visitorTyping(chatId: string, typing: boolean): void {
    this.world.chats.setVisitorTyping(this.world.state.chat(chatId), typing);
  }

  /** The visitor closes the chat: `state ended` (no system line). */
  visitorEnds(chatId: string): { eventId: number } {
    return { eventId: this.world.chats.visitorEnds(this.world.state.chat(chatId)).id };
  }

  // ------------------------------------------------------------ control API: human agents

  /** A human takes a waiting chat (default: the human it was transferred to, else the first online one with the skill). */
  humanTakes(chatId: string, agentId?: string): { agentId: string } {
    const human = this.world.chats.humanTakes(this.world.state.chat(chatId), agentId);
    return { agentId: human.id };
  }

  humanSays(chatId: string, text: string, agentId?: string): { eventId: number } {
    return { eventId: this.world.chats.humanLine(this.world.state.chat(chatId), text, agentId).id };
  }

  /** The human ends the chat: system line 5, then `state ended`. */
  humanEnds(chatId: string): { eventId: number } {
    return { eventId: this.world.chats.humanEnds(this.world.state.chat(chatId)).id };
  }

  setHumanOnline(agentId: string, online: boolean): void {
    const agent = this.world.state.agent(agentId);
    if (agent.kind !== 'human') throw new SimulatorError('invalid', `Agent ${agentId} is a bot; bots set their availability through the API`);
    this.world.router.setAvailability(agent, online ? 'Online' : 'Offline');
  }

  // ------------------------------------------------------------ control API: users and bearers

  /** Blocked users get 451 from login (as LivePerson support's block does). */
  blockUser(loginName: string, blocked = true): void {
    this.world.logins.block(loginName, blocked);
  }

  /** Ends one login (by bearer) or every login of a user: their bearers get 401 from then on. */
  revokeBearer(loginNameOrBearer: string): { revoked: number } {
    return { revoked: this.world.logins.revoke(loginNameOrBearer) };
  }

  // ------------------------------------------------------------ control API: views

  chat(chatId: string): ChatView {
    return chatView(this.world.state.chat(chatId));
  }

  /** Every chat the simulator remembers, without events (see `chat(id)` for those). */
  chats(): ChatSummary[] {
    return [...this.world.state.chats.values()].map(chatSummary);
  }

  agents(): AgentView[] {
    return [...this.world.state.agents.values()].map((agent) => agentView(this.world.state, agent));
  }

  queues(): QueueView[] {
    return queueViews(this.world.state);
  }

  // ------------------------------------------------------------ control API: faults and stats

  injectFault(rule: FaultRule): { id: string } {
    return this.faultBook.add(rule);
  }

  removeFault(id: string): boolean {
    return this.faultBook.remove(id);
  }

  clearFaults(): void {
    this.faultBook.clear();
  }

  faults(): FaultView[] {
    return this.faultBook.list();
  }

  stats(): SimulatorStats {
    return { ...this.requestStats.snapshot(), faultsFired: this.faultBook.fired, chats: { ...this.world.state.counts } };
  }

  resetStats(): void {
    this.requestStats.reset();
    this.faultBook.fired = 0;
  }

  // ------------------------------------------------------------ control API: the embedding app's dashboard

  /**
   * What the `dashboard` option's source answers now (the page's "Bot performance" panel). Throws
   * `SimulatorError` `notFound` when no source was given.
   */
  async dashboard(): Promise<unknown> {
    const source = this.options.dashboard;
    if (typeof source !== 'function') throw new SimulatorError('notFound', 'no dashboard source: pass { dashboard } to LiveEngageSimulator');
    return (await source()) ?? null;
  }

  /**
   * Resolves with the first truthy value of `check`, evaluated now and after every change; rejects
   * after `timeoutMs` (on the simulator's clock).
   */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const evaluate = (): boolean => {
        try {
          const value = check();
          if (!value) return false;
          finish();
          resolve(value);
        } catch (error) {
          if (error instanceof SimulatorError) return false;
          finish();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
        return true;
      };
      const onChange = (): void => {
        evaluate();
      };
      const timer = this.world.timers.set(() => {
        this.off('change', onChange);
        reject(new Error(`waitFor timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      const finish = (): void => {
        this.world.timers.clear(timer);
        this.off('change', onChange);
      };
      if (!evaluate()) this.on('change', onChange);
    });
  }

  // ------------------------------------------------------------ HTTP

  private get publicHost(): string {
    const host = this.options.host ?? '127.0.0.1';
    if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
    return host.includes(':') ? `[${host}]` : host;
  }

  private routes(): Route[] {
    const deps: RouteDeps = {
      world: this.world,
      links: () => this.linksOrThrow(),
      baseURI: () => `${this.publicHost}:${this.port}`,
      services: this.messagingSim ? ['agentVep', 'asyncMessagingEnt', 'facadeMsg'] : ['agentVep'],
    };
    return [...loginRoutes(deps), ...csdrRoutes(deps), ...agentSessionRoutes(deps), ...chatRoutes(deps), ...controlRoutes(this), ...(this.messagingSim ? messagingControlRoutes(() => this.messaging) : []), ...pageRoutes(() => this.accountId, this.pageSettings)];
  }

  private linksOrThrow(): Links {
    if (!this.links) throw new Error('The simulator is not started');
    return this.links;
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${name} must be a positive number`);
  return value;
}

function availabilityOption(value: AgentAvailability | undefined): AgentAvailability {
  if (value === undefined) return SIMULATOR_DEFAULTS.initialAvailability;
  const allowed: readonly AgentAvailability[] = ['Online', 'Away', 'Occupied', 'Offline'];
  if (!allowed.includes(value)) throw new Error(`initialAvailability must be one of ${allowed.join(', ')}`);
  return value;
}

function requestLog(option: LiveEngageSimulatorOptions['log'], log: LiveEngageLogger): (line: string) => void {
  if (option === false) return () => undefined;
  const write = typeof option === 'function' ? option : (line: string) => log.debug('%s', line);
  return (line) => {
    try {
      write(line);
    } catch {
      // A broken logger must not break a request.
    }
  };
}
