import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { LiveEngageLogger } from '../logger.js';
import { createLogger } from '../logger.js';
import { configError, describe, MessagingError } from './errors.js';
import { parseFrame } from './frames.js';
import { backoffDelay, closeAction, DEFAULT_BACKOFF, handshakeAction, type BackoffSettings, type CloseAction } from './retryPolicy.js';
import { messagingUrl, redactUrl } from './url.js';
import { REQ, type WireMetadata, type WireNotification, type WireRequest } from './wire.js';

/** Where the bearer comes from: the Login Service (see `messagingLogin`), or the caller's own. */
export interface MessagingAuth {
  /** The current bearer (a path segment of the socket URL). */
  bearer(): string | Promise<string>;
  /** Logs in again and returns the new bearer: on 4401/4407/1011/1008 and a handshake 401. */
  relogin(): Promise<string>;
}

export interface MessagingConnectionOptions {
  accountId: string;
  /** The `asyncMessagingEnt` (or `facadeMsg`) host, a bare `host[:port]`. */
  host: string;
  auth: MessagingAuth;
  /** Default `2.1`. */
  apiVersion?: string;
  /** Per-request timeout, ms. Default 10000 (the SDK's). */
  requestTimeoutMs?: number;
  /** `.GetClock` interval, ms. Default 30000 (the retry page). 0 disables. */
  keepAliveMs?: number;
  /** Websocket ping interval, ms. Default 60000 (the SDK). 0 disables. */
  pingMs?: number;
  /** Handshake timeout, ms. Default 10000. */
  handshakeTimeoutMs?: number;
  backoff?: BackoffSettings;
  /**
   * Waits after a login that failed (the Login Service down, not a refusal), the last one repeating;
   * default: the backoff. The adapter gives its `reloginDelaysMs` (LivePerson's slow outer loop, as on chat).
   */
  loginRetryDelaysMs?: readonly number[];
  /** Extra CAs for `wss` (a simulator in TLS mode). */
  ca?: string | Buffer | Array<string | Buffer>;
  /** `wss` for a loopback simulator in TLS mode. Default `ws`. */
  loopbackScheme?: 'ws' | 'wss';
  logger?: LiveEngageLogger;
}

export interface OpenInfo {
  /** False for the first socket, true after every reconnect: subscriptions must be made again. */
  reconnect: boolean;
}

export interface CloseInfo {
  code: number;
  reason: string;
  /** The HTTP status when the upgrade itself was refused. */
  handshakeStatus?: number;
  action: CloseAction | 'stopped';
  /** Wait before the next attempt (relogin and reconnect). */
  delayMs?: number;
}

interface ConnectionEvents {
  open: [OpenInfo];
  notification: [WireNotification];
  close: [CloseInfo];
  /** The connection gave up (a fatal close code, a refused re-login, too many attempts). */
  fatal: [MessagingError];
  /** A login (or re-login) failed and is tried again in `retryInMs`; `attempt` counts failures in a row. */
  loginFailed: [{ attempt: number; retryInMs: number; error: string }];
}

interface Pending {
  type: string;
  resolve: (body: unknown) => void;
  reject: (error: MessagingError) => void;
  timer: NodeJS.Timeout;
}

/** `waiting`: between attempts (backoff); `fatal`: gave up, no retry is scheduled. */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'waiting' | 'stopped' | 'fatal';
type State = ConnectionState;

/**
 * One agent websocket to UMS: request/response by id with a timeout per request, notifications as
 * events, keep-alive, and reconnect by close code with backoff (re-login first when the code says the
 * token is gone). It knows nothing of conversations: `MessagingAgent` subscribes again on each `open`.
 */
export class MessagingConnection extends EventEmitter<ConnectionEvents> {
  private readonly log: LiveEngageLogger;
  private readonly backoff: Required<BackoffSettings>;
  private state: State = 'idle';
  private socket: WebSocket | undefined;
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private opens = 0;
  private failures = 0;
  /** Failed logins in a row (for `loginRetryDelaysMs`). */
  private loginFailures = 0;
  private openedAt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private firstOpen: { resolve: () => void; reject: (error: MessagingError) => void } | undefined;

  constructor(private readonly options: MessagingConnectionOptions) {
    super();
    this.log = createLogger('messaging:connection', options.logger);
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  }

  get status(): ConnectionState {
    return this.state;
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  /** Connects; resolves at the first open socket, rejects if the first attempts end in a fatal error. */
  open(): Promise<void> {
    const where = 'MessagingConnection.open()';
    const o = this.options;
    if (!o || typeof o.accountId !== 'string' || !o.accountId) return Promise.reject(configError(where, 'accountId is required'));
    if (typeof o.host !== 'string' || !o.host) return Promise.reject(configError(where, 'host is required'));
    if (!o.auth || typeof o.auth.bearer !== 'function' || typeof o.auth.relogin !== 'function') {
      return Promise.reject(configError(where, 'auth with bearer() and relogin() is required'));
    }
    if (this.state !== 'idle') return Promise.reject(configError(where, `the connection is already ${this.state}; create a new one`));
    return new Promise<void>((resolve, reject) => {
      this.firstOpen = { resolve, reject };
      void this.connect();
    });
  }

  /** Closes the socket (1000) and stops reconnecting; pending requests fail with `closed`. */
  async close(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    clearTimeout(this.retryTimer);
    this.stopTimers();
    const socket = this.socket;
    this.socket = undefined;
    this.failPending('MessagingConnection.close(): the connection was closed.');
    this.firstOpen?.reject(new MessagingError('closed', 'MessagingConnection.open(): closed before the socket opened.'));
    this.firstOpen = undefined;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        socket.terminate();
        resolve();
      }, 2000);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(1000, 'agent closed');
    });
  }

  /**
   * Sends one request and resolves with the response body; rejects with `MessagingError` `timeout`
   * (no answer within the timeout), `closed` (the socket went away) or `rejected` (code > 399).
   */
  request<T = unknown>(type: string, body?: unknown, options: { timeoutMs?: number; metadata?: WireMetadata[] } = {}): Promise<T> {
    const socket = this.socket;
    if (this.state !== 'open' || !socket) {
      return Promise.reject(new MessagingError('closed', `MessagingConnection.request(): the socket is not open (${type}).`, undefined, type));
    }
    const id = String(this.nextId++);
    const frame: WireRequest = { kind: 'req', id, type, body: body ?? {} };
    if (options.metadata?.length) frame.metadata = options.metadata;
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs ?? 10_000;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new MessagingError('timeout', `MessagingConnection.request(): ${type} got no response within ${timeoutMs} ms.`, undefined, type));
      }, timeoutMs);
      timer.unref();
      this.pending.set(id, { type, resolve: resolve as (body: unknown) => void, reject, timer });
      socket.send(JSON.stringify(frame), (error) => {
        if (!error) return;
        const waiting = this.pending.get(id);
        if (!waiting) return;
        this.pending.delete(id);
        clearTimeout(waiting.timer);
        reject(new MessagingError('closed', `MessagingConnection.request(): ${type} could not be sent: ${error.message}.`, undefined, type));
      });
    });
  }

  /** Drops the socket as a network failure would (tests, and the keep-alive when the server is silent). */
  dropSocket(): void {
    this.socket?.terminate();
  }

  // ------------------------------------------------------------ connect and reconnect

  private async connect(relogin = false): Promise<void> {
    if (this.state === 'stopped' || this.state === 'fatal') return;
    this.state = 'connecting';
    let bearer: string;
    try {
      bearer = relogin ? await this.options.auth.relogin() : await this.options.auth.bearer();
    } catch (error) {
      if (this.isStopped()) return;
      // A refused login (wrong credentials, blocked user) will be refused again: give up.
      const status = (error as { status?: unknown }).status;
      if (typeof status === 'number' && status >= 400 && status < 500 && status !== 429) {
        this.giveUp(new MessagingError('fatal', `MessagingConnection: the login was refused (${status}): ${describe(error)}`, status));
        return;
      }
      this.scheduleRetry(relogin, describe(error));
      return;
    }
    this.loginFailures = 0;
    if (this.isStopped()) return;
    let url: string;
    try {
      url = messagingUrl('MessagingConnection.open()', { ...this.options, bearer });
    } catch (error) {
      this.giveUp(error instanceof MessagingError ? error : new MessagingError('config', describe(error)));
      return;
    }
    this.log.debug('messaging: connecting to %s', redactUrl(url));
    const socket = new WebSocket(url, {
      handshakeTimeout: this.options.handshakeTimeoutMs ?? 10_000,
      perMessageDeflate: false,
      ...(this.options.ca ? { ca: this.options.ca } : {}),
    });
    this.socket = socket;
    let handshakeStatus: number | undefined;
    let gone = false;
    const onGone = (code: number, reason: string): void => {
      if (gone) return;
      gone = true;
      this.socketGone(socket, code, reason, handshakeStatus);
    };
    socket.on('unexpected-response', (_req, res) => {
      handshakeStatus = res.statusCode;
      res.resume();
      socket.terminate();
    });
    socket.on('open', () => this.socketOpened(socket));
    // A socket being closed or replaced may still deliver: only the current one is heard.
    socket.on('message', (data) => {
      if (socket === this.socket) this.onMessage(data);
    });
    // Never let a socket error escape: it is followed by 'close', which decides what to do.
    socket.on('error', (error) => this.log.debug('messaging: socket error: %s', redactUrl(error.message)));
    socket.on('close', (code, reason) => onGone(code, reason.toString()));
  }

  private socketOpened(socket: WebSocket): void {
    if (socket !== this.socket || this.isStopped()) return;
    this.state = 'open';
    this.openedAt = Date.now();
    const reconnect = this.opens++ > 0;
    this.log.info('messaging: socket open%s', reconnect ? ' (reconnected)' : '');
    this.startTimers(socket);
    this.firstOpen?.resolve();
    this.firstOpen = undefined;
    this.emit('open', { reconnect });
  }

  private socketGone(socket: WebSocket, code: number, reason: string, handshakeStatus: number | undefined): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    this.stopTimers();
    this.failPending(`MessagingConnection: the socket closed (${code}) before the response came.`);
    if (this.isStopped()) return;
    const action = handshakeStatus !== undefined ? handshakeAction(handshakeStatus) : closeAction(code);
    const wasOpen = this.state === 'open';
    // A socket that lived long enough clears the record; one that died young (or never opened) adds to it.
    if (wasOpen && Date.now() - this.openedAt >= this.backoff.healthyAfterMs) this.failures = 0;
    else this.failures++;
    const info: CloseInfo = { code, reason, action, ...(handshakeStatus !== undefined ? { handshakeStatus } : {}) };
    if (action === 'fatal') {
      this.emit('close', info);
      const what = handshakeStatus !== undefined ? `the upgrade was refused with HTTP ${handshakeStatus}` : `the server closed the socket with ${code} ${reason}`.trim();
      this.giveUp(new MessagingError('fatal', `MessagingConnection: ${what}; not retrying.`, handshakeStatus ?? code));
      return;
    }
    if (this.backoff.maxAttempts > 0 && this.failures >= this.backoff.maxAttempts) {
      this.emit('close', info);
      this.giveUp(new MessagingError('fatal', `MessagingConnection: gave up after ${this.failures} failed attempts (last close ${code}).`, code));
      return;
    }
    // A token problem after a healthy socket: log in again at once; repeated or young failures back off.
    const delayMs = action === 'relogin' && this.failures === 0 ? 0 : backoffDelay(this.backoff, Math.max(1, this.failures));
    this.log.warn('messaging: socket closed (%d%s); %s in %d ms', handshakeStatus ?? code, handshakeStatus ? ' on upgrade' : '', action, delayMs);
    this.emit('close', { ...info, delayMs });
    this.state = 'waiting';
    this.retryTimer = setTimeout(() => void this.connect(action === 'relogin'), delayMs);
    this.retryTimer.unref();
  }

  /** After a failed login: `loginRetryDelaysMs` (else the backoff), then log in again. */
  private scheduleRetry(relogin: boolean, error: string): void {
    this.failures++;
    this.loginFailures++;
    if (this.backoff.maxAttempts > 0 && this.failures >= this.backoff.maxAttempts) {
      this.giveUp(new MessagingError('fatal', `MessagingConnection: gave up after ${this.failures} failed logins.`));
      return;
    }
    const delays = this.options.loginRetryDelaysMs;
    const delayMs = delays && delays.length > 0 ? delays[Math.min(this.loginFailures, delays.length) - 1]! : backoffDelay(this.backoff, this.failures);
    this.log.warn('messaging: login failed (%s); retrying in %d ms', error, delayMs);
    this.emit('loginFailed', { attempt: this.loginFailures, retryInMs: delayMs, error });
    this.state = 'waiting';
    this.retryTimer = setTimeout(() => void this.connect(relogin), delayMs);
    this.retryTimer.unref();
  }

  private giveUp(error: MessagingError): void {
    this.state = 'fatal';
    this.log.error('%s', error.message);
    if (this.firstOpen) {
      this.firstOpen.reject(error);
      this.firstOpen = undefined;
    }
    this.emit('fatal', error);
  }

  private isStopped(): boolean {
    return this.state === 'stopped' || this.state === 'fatal';
  }

  // ------------------------------------------------------------ frames

  private onMessage(data: WebSocket.RawData): void {
    const parsed = parseFrame(data);
    if (!parsed.ok) {
      // A bad frame is logged and dropped; it never stops the loop.
      this.log.error('messaging: ignored a malformed frame: %s', parsed.error);
      return;
    }
    const frame = parsed.frame;
    if (frame.kind === 'resp') {
      const waiting = this.pending.get(frame.reqId);
      if (!waiting) {
        this.log.debug('messaging: a response to no pending request (%s, late after a timeout?)', frame.reqId);
        return;
      }
      this.pending.delete(frame.reqId);
      clearTimeout(waiting.timer);
      if (frame.code > 399) {
        const detail = typeof frame.body === 'string' ? `: ${frame.body.slice(0, 200)}` : '';
        waiting.reject(new MessagingError('rejected', `MessagingConnection.request(): ${waiting.type} was refused with ${frame.code}${detail}.`, frame.code, waiting.type));
      } else {
        waiting.resolve(frame.body);
      }
      return;
    }
    if (frame.kind === 'notification') {
      try {
        this.emit('notification', frame);
      } catch (error) {
        // A listener's bug must not kill the socket's message loop.
        this.log.error('messaging: a notification listener threw on %s: %s', frame.type, describe(error));
      }
      return;
    }
    this.log.warn('messaging: ignored a request frame from the server (%s)', frame.type);
  }

  private failPending(message: string): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new MessagingError('closed', message, undefined, waiting.type));
      this.pending.delete(id);
    }
  }

  // ------------------------------------------------------------ keep-alive

  private startTimers(socket: WebSocket): void {
    const keepAliveMs = this.options.keepAliveMs ?? 30_000;
    const pingMs = this.options.pingMs ?? 60_000;
    if (keepAliveMs > 0) {
      this.keepAliveTimer = setInterval(() => {
        this.request(REQ.getClock, {}).catch((error: unknown) => {
          if (error instanceof MessagingError && error.kind === 'timeout' && socket === this.socket) {
            // The server stopped answering: treat the socket as dead and reconnect.
            this.log.warn('messaging: keep-alive got no answer; dropping the socket');
            socket.terminate();
          }
        });
      }, keepAliveMs);
      this.keepAliveTimer.unref();
    }
    if (pingMs > 0) {
      this.pingTimer = setInterval(() => {
        if (socket.readyState === WebSocket.OPEN) socket.ping();
      }, pingMs);
      this.pingTimer.unref();
    }
  }

  private stopTimers(): void {
    clearInterval(this.keepAliveTimer);
    clearInterval(this.pingTimer);
    this.keepAliveTimer = undefined;
    this.pingTimer = undefined;
  }
}
