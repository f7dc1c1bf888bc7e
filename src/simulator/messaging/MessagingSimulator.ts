import { EventEmitter } from 'node:events';
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { SimulatorError } from '../errors.js';
import type { LoginRecord } from '../world/model.js';
import type { World } from '../world/World.js';
import { MsgConversations } from './conversations.js';
import { MessagingFaults, type MessagingFaultRule, type MessagingFaultView, type UpgradeFaultRule } from './faults.js';
import { handleRequest } from './handlers.js';
import { MessagingHub, MsgSession } from './hub.js';
import { MsgRouting } from './routing.js';
import { conversationView, summaryView, type MsgConversationSummary, type MsgConversationView } from './views.js';

export interface MessagingSimulatorOptions {
  /** How long a ring waits for an answer before it EXPIRES and the conversation is routed again. Default 72000 (every documented ring). */
  ringTtlMs?: number;
  /** A socket with no frame and no ping for this long is closed with 1000. Default 60000; 0 = never. */
  idleTimeoutMs?: number;
}

export interface MessagingStats {
  /** Sockets accepted since start. */
  connections: number;
  /** Sockets open now. */
  open: number;
  /** Upgrades refused (bad bearer, faults). */
  refusedUpgrades: number;
  /** Requests per wire type. */
  requests: Record<string, number>;
  faultsFired: number;
  rings: { offered: number; expired: number };
}

const WS_PATH = /^\/ws_api\/account\/([^/]+)\/messaging\/brand\/([^/?]+)$/;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The Messaging (UMS) agent websocket of the simulated account, on the simulator's own HTTP server:
 * `ws://127.0.0.1:PORT/ws_api/account/{acct}/messaging/brand/{bearer}?v=2.1`, bearers from the same
 * Login Service, the same skills, bots and humans. A control API plays consumers and humans and
 * injects faults. It shares nothing with the client but `src/messaging/wire.ts`.
 */
export class MessagingSimulator extends EventEmitter<{ change: [] }> {
  readonly faultBook = new MessagingFaults();
  private readonly hub: MessagingHub;
  private readonly conversationRules: MsgConversations;
  private readonly routing: MsgRouting;
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly idleTimeoutMs: number;
  private readonly counters: MessagingStats = { connections: 0, open: 0, refusedUpgrades: 0, requests: {}, faultsFired: 0, rings: { offered: 0, expired: 0 } };

  constructor(
    private readonly world: World,
    private readonly log: (line: string) => void,
    options: MessagingSimulatorOptions = {},
  ) {
    super();
    const ringTtlMs = options.ringTtlMs ?? 72_000;
    if (!(ringTtlMs > 0)) throw new Error('messaging.ringTtlMs must be a positive number');
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    const all = () => this.conversationRules.all.values();
    this.hub = new MessagingHub(world, all, () => this.changed());
    this.routing = new MsgRouting(world, all, this.hub, ringTtlMs);
    this.conversationRules = new MsgConversations(world, this.routing, this.hub);
  }

  /** Serves upgrades under `/ws_api/` on `server`; other upgrade paths get 404. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

  /** Closes every socket (1001) and stops the timers' effects. */
  stop(): void {
    for (const session of this.hub.sessions) this.closeSession(session, 1001, 'Simulator stopping');
    this.wss.close();
  }

  /** The world changed (a login ended): sockets whose bearer is gone are closed with 4401. */
  worldChanged(): void {
    for (const session of [...this.hub.sessions]) {
      if (session.closed || session.login.alive) continue;
      this.closeSession(session, 4401, 'A fresh token is required');
    }
    this.routing.offlineWithoutLogin();
  }

  // ------------------------------------------------------------ control API: consumers

  /** A consumer opens a conversation on a skill (name or id); with `text`, its first message, which makes it ring. */
  startConversation(options: { skill: string | number; consumerName?: string; text?: string }): { conversationId: string; consumerId: string; sequence?: number } {
    const c = this.conversationRules.start(options.skill, options.consumerName);
    const out: { conversationId: string; consumerId: string; sequence?: number } = { conversationId: c.id, consumerId: c.consumerId };
    if (options.text !== undefined) out.sequence = this.consumerSays(c.id, options.text).sequence;
    return out;
  }

  consumerSays(conversationId: string, text: string): { sequence: number } {
    if (typeof text !== 'string' || !text) throw new SimulatorError('invalid', 'text is required');
    return { sequence: this.conversationRules.consumerSays(this.conversationRules.get(conversationId), text) };
  }

  consumerTyping(conversationId: string, typing: boolean): void {
    this.conversationRules.consumerTyping(this.conversationRules.get(conversationId), typing);
  }

  /** The consumer closes the conversation (`closeReason: CONSUMER`). */
  consumerCloses(conversationId: string): void {
    this.conversationRules.close(this.conversationRules.get(conversationId), 'CONSUMER');
  }

  // ------------------------------------------------------------ control API: humans

  humanTakes(conversationId: string, agentId?: string): { agentId: string } {
    return { agentId: this.conversationRules.humanTakes(this.conversationRules.get(conversationId), agentId).id };
  }

  humanSays(conversationId: string, text: string): { sequence: number } {
    const c = this.conversationRules.get(conversationId);
    if (!c.assigned || c.assigned.kind !== 'human') throw new SimulatorError('invalid', `No human agent is in conversation ${conversationId}`);
    const event = { type: 'ContentEvent', contentType: 'text/plain', message: text };
    return { sequence: this.conversationRules.publish(c.assigned, c.id, event, undefined, undefined) };
  }

  /** The human in the conversation transfers it to a skill (name or id), as an agent's UpdateConversationField would. */
  humanTransfers(conversationId: string, skill: string | number): void {
    const c = this.conversationRules.get(conversationId);
    if (!c.assigned || c.assigned.kind !== 'human') throw new SimulatorError('invalid', `No human agent is in conversation ${conversationId}`);
    const found = this.world.config.skills.find((s) => s.name === skill || String(s.id) === String(skill));
    if (!found) throw new SimulatorError('invalid', `Unknown skill ${String(skill)}`);
    const conversationField = [{ field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT' }, { field: 'Skill', type: 'UPDATE', skill: String(found.id) }];
    this.conversationRules.updateFields(c.assigned, { conversationId, conversationField });
  }

  humanCloses(conversationId: string): void {
    this.conversationRules.close(this.conversationRules.get(conversationId), 'AGENT');
  }

  // ------------------------------------------------------------ control API: views

  conversation(conversationId: string): MsgConversationView {
    return conversationView(this.conversationRules.get(conversationId), this.routing, this.world.state.agents);
  }

  conversations(): MsgConversationSummary[] {
    return [...this.conversationRules.all.values()].map((c) => summaryView(c, this.routing));
  }

  /** Messaging availability of an agent (by id or login name). */
  availability(agentIdOrLogin: string): string {
    const agent = [...this.world.state.agents.values()].find((a) => a.id === agentIdOrLogin || a.loginName === agentIdOrLogin);
    if (!agent) throw new SimulatorError('notFound', `Unknown agent ${agentIdOrLogin}`);
    return this.routing.availability(agent);
  }

  /** Every bot user's Messaging availability (what its `SetAgentState` said) and open conversations assigned to it: the page's agent list. */
  botStates(): Array<{ id: string; loginName: string; availability: string; openConversations: number }> {
    const open = [...this.conversationRules.all.values()].filter((c) => c.state === 'OPEN');
    return [...this.world.state.agents.values()]
      .filter((a) => a.kind === 'bot')
      .map((a) => ({ id: a.id, loginName: a.loginName, availability: this.routing.availability(a), openConversations: open.filter((c) => c.assigned === a).length }));
  }

  stats(): MessagingStats {
    return { ...this.counters, open: this.hub.sessions.size, requests: { ...this.counters.requests }, faultsFired: this.faultBook.fired, rings: { ...this.routing.counts } };
  }

  // ------------------------------------------------------------ control API: faults

  injectFault(rule: MessagingFaultRule): { id: string } {
    return this.faultBook.add(rule);
  }

  refuseUpgrades(rule: UpgradeFaultRule): void {
    this.faultBook.refuseUpgrades(rule);
  }

  clearFaults(): void {
    this.faultBook.clear();
  }

  faults(): MessagingFaultView[] {
    return this.faultBook.list();
  }

  /** Drops the sockets (of one user) with no close frame: the client sees 1006. */
  dropSockets(loginName?: string): { dropped: number } {
    const sessions = this.sessionsOf(loginName);
    for (const s of sessions) this.closeSession(s, 1006, '');
    return { dropped: sessions.length };
  }

  /** Closes the sockets (of one user) with a close code. */
  closeSockets(code: number, reason = '', loginName?: string): { closed: number } {
    if (!Number.isInteger(code) || code < 1000 || code > 4999 || code === 1005 || code === 1006) throw new SimulatorError('invalid', 'code must be a sendable close code (1000-4999)');
    const sessions = this.sessionsOf(loginName);
    for (const s of sessions) this.closeSession(s, code, reason);
    return { closed: sessions.length };
  }

  /** The user's token expires now: its logins end (REST answers 401) and its sockets close with 4401. */
  expireToken(loginName: string): { closed: number } {
    const sessions = this.sessionsOf(loginName);
    this.world.logins.revoke(loginName);
    this.worldChanged();
    return { closed: sessions.length };
  }

  /** Resolves with the first truthy value of `check`, evaluated now and after every change. */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onChange = (): void => void evaluate();
      const timer = setTimeout(() => {
        this.off('change', onChange);
        reject(new Error(`messaging waitFor timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      const evaluate = (): boolean => {
        let value: T | undefined | null | false;
        try {
          value = check();
        } catch (error) {
          if (error instanceof SimulatorError) return false;
          throw error;
        }
        if (!value) return false;
        clearTimeout(timer);
        this.off('change', onChange);
        resolve(value);
        return true;
      };
      if (!evaluate()) this.on('change', onChange);
    });
  }

  // ------------------------------------------------------------ sockets

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const match = WS_PATH.exec(url.pathname);
    if (!match) return this.refuse(socket, 404, `upgrade ${url.pathname.slice(0, 40)}: no such websocket`);
    const version = url.searchParams.get('v');
    if (version !== '2' && version !== '2.1') return this.refuse(socket, 400, 'upgrade: v must be 2 or 2.1');
    const injected = this.faultBook.takeUpgrade();
    if (injected !== undefined) return this.refuse(socket, injected, 'upgrade: injected fault');
    let login: LoginRecord;
    try {
      if (decodeURIComponent(match[1] ?? '') !== this.world.config.accountId) throw new SimulatorError('unauthorized', 'account');
      login = this.world.logins.byBearer(decodeURIComponent(match[2] ?? ''));
    } catch {
      // Never log the bearer: it is the path segment.
      return this.refuse(socket, 401, 'upgrade: bearer rejected');
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws, login, version));
  }

  private refuse(socket: Duplex, status: number, line: string): void {
    this.counters.refusedUpgrades++;
    this.log(`messaging ${line} (${status})`);
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  }

  private connected(ws: WebSocket, login: LoginRecord, version: string): void {
    const session = new MsgSession(ws, login, version, this.world.now());
    this.hub.sessions.add(session);
    this.counters.connections++;
    this.log(`messaging socket open for ${login.agent.loginName} (v=${version})`);
    ws.on('message', (data) => this.onFrame(session, data.toString()));
    ws.on('ping', () => (session.lastSeen = this.world.now()));
    ws.on('error', (error) => this.log(`messaging socket error: ${error.message}`));
    ws.on('close', (code) => {
      session.closed = true;
      this.world.timers.clear(session.idleTimer);
      this.hub.sessions.delete(session);
      this.log(`messaging socket closed for ${login.agent.loginName} (${code})`);
      this.changed();
    });
    if (this.idleTimeoutMs > 0) this.scheduleIdle(session, this.idleTimeoutMs);
    this.changed();
  }

  private onFrame(session: MsgSession, raw: string): void {
    session.lastSeen = this.world.now();
    if (!session.login.alive) return this.closeSession(session, 4401, 'A fresh token is required');
    let frame: unknown;
    try {
      frame = JSON.parse(raw);
    } catch {
      this.log('messaging: a frame that is not JSON was ignored');
      return;
    }
    if (!isRecord(frame) || frame.kind !== 'req' || typeof frame.type !== 'string' || (typeof frame.id !== 'string' && typeof frame.id !== 'number')) {
      this.log('messaging: a frame that is not a request was ignored');
      return;
    }
    const { type } = frame;
    const reqId = String(frame.id);
    const metadata = Array.isArray(frame.metadata) ? (frame.metadata.filter(isRecord) as Array<{ type: string }>) : undefined;
    this.counters.requests[type] = (this.counters.requests[type] ?? 0) + 1;
    const fault = this.faultBook.take(type, session.agent.loginName);
    if (fault?.ignore) return;
    if (fault?.closeCode !== undefined) return this.closeSession(session, fault.closeCode, 'Injected fault');
    if (fault?.refuse !== undefined) {
      this.hub.send(session, { kind: 'resp', reqId, code: fault.refuse, type: '.ReqBody$StringResp', body: fault.body ?? 'Injected fault' });
      return;
    }
    const run = (): void => {
      if (session.closed) return;
      const answer = handleRequest({ world: this.world, hub: this.hub, conversations: this.conversationRules, routing: this.routing }, session, type, frame.body, metadata);
      if (fault?.closeAfterApply !== undefined) {
        answer.after?.();
        return this.closeSession(session, fault.closeAfterApply, 'Injected fault');
      }
      const respond = (): void => {
        if (!session.closed) this.hub.send(session, { kind: 'resp', reqId, code: answer.code, type: answer.type, body: answer.body });
      };
      if (fault?.ignoreAfterApply) return answer.after?.();
      if (fault?.answerAfterMs) {
        answer.after?.();
        this.world.timers.set(respond, fault.answerAfterMs);
        return;
      }
      respond();
      answer.after?.();
    };
    if (fault?.delayMs) this.world.timers.set(run, fault.delayMs);
    else run();
  }

  private scheduleIdle(session: MsgSession, delayMs: number): void {
    session.idleTimer = this.world.timers.set(() => {
      if (session.closed) return;
      const left = session.lastSeen + this.idleTimeoutMs - this.world.now();
      if (left > 0) this.scheduleIdle(session, left);
      else this.closeSession(session, 1000, 'Idle connection');
    }, delayMs);
  }

  private closeSession(session: MsgSession, code: number, reason: string): void {
    if (session.closed) return;
    session.closed = true;
    this.hub.sessions.delete(session);
    if (code === 1006) session.socket.terminate();
    else session.socket.close(code, reason);
    this.changed();
  }

  private sessionsOf(loginName: string | undefined): MsgSession[] {
    return [...this.hub.sessions].filter((s) => !s.closed && (loginName === undefined || s.agent.loginName === loginName));
  }

  private changed(): void {
    try {
      this.emit('change');
    } catch (error) {
      this.log(`messaging: a change listener threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
