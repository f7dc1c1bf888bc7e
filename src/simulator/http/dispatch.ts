import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Timers } from '../clock.js';
import { isSimulatorError, type SimulatorErrorReason } from '../errors.js';
import { answersInstead, type FaultBook } from '../faults.js';
import type { RequestStats } from '../stats.js';
import type { FaultRule } from '../types.js';
import type { World } from '../world/World.js';
import { errorEnvelope, json, oauthRejected, type Reply } from './reply.js';
import { buildContext, header, isRecord, readBody, type RequestContext } from './request.js';

/**
 * `login`: Domain and Login Service API (error envelope).
 * `agent`: Chat Agent API (bearer; 401 as OAuth text; JSON only via Accept or `.json`).
 * `control`: the simulator's own API (`{ "error": "..." }`, never faulted, counted apart).
 */
export type RouteFamily = 'login' | 'agent' | 'control';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  family: RouteFamily;
  /** Name for stats and fault matching; may depend on the body (`addLine` vs `endChat`). */
  operation: string | ((ctx: RequestContext) => string);
  /** Answers synchronously; only a control route may wait (e.g. for the embedding app's dashboard source). */
  handle: (ctx: RequestContext) => Reply | Promise<Reply>;
}

/** Per-request facts the `.json`-suffix rewrite leaves for the dispatcher. */
export interface UrlRewrite {
  originalUrl: string;
  jsonSuffix: boolean;
}

const STATUS_OF: Record<SimulatorErrorReason, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  methodNotAllowed: 405,
  conflict: 409,
  blocked: 451,
};

/** The simulator's choice of `internalCode` per kind of refusal (the docs publish only 10, csrf). */
const INTERNAL_CODE_OF: Record<SimulatorErrorReason, number> = {
  invalid: 1,
  unauthorized: 5,
  forbidden: 3,
  notFound: 4,
  methodNotAllowed: 1,
  conflict: 9,
  blocked: 15,
};
const INTERNAL_ERROR_CODE = 0;
const INJECTED_FAULT_CODE = 99;

export interface DispatcherDeps {
  world: World;
  faults: FaultBook;
  stats: RequestStats;
  timers: Timers;
  rewrites: WeakMap<IncomingMessage, UrlRewrite>;
  log: (line: string) => void;
}

/**
 * Runs one request through the same steps whatever the route: read and parse the body, count it,
 * look for a fault, let the handler answer (a throw becomes an error body, never a crash), then write,
 * truncate or drop the answer, and log method, path, status and time (never headers or bodies).
 */
export class Dispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  async run(route: Route, req: IncomingMessage, res: ServerResponse, params: Record<string, string>): Promise<void> {
    const started = performance.now();
    const rewrite = this.deps.rewrites.get(req) ?? { originalUrl: req.url ?? '/', jsonSuffix: false };
    const logPath = rewrite.originalUrl.split('?')[0] ?? '/';
    let outcome: number | 'dropped' = 'dropped';
    try {
      let rawBody = '';
      try {
        rawBody = await readBody(req);
      } catch {
        outcome = this.write(res, this.errorReply(route.family, 'invalid', 'Unreadable or too large request body'));
        return;
      }
      const ctx = buildContext(req, rewrite.originalUrl, rewrite.jsonSuffix, params, rawBody);
      const operation = typeof route.operation === 'string' ? route.operation : route.operation(ctx);
      const control = route.family === 'control';
      this.deps.stats.count(operation, control);

      const fault = control ? undefined : this.deps.faults.take({
        method: ctx.method,
        url: ctx.url,
        operation,
        loginName: this.loginNameOf(ctx),
      });
      if (fault?.delayMs) await this.deps.timers.sleep(fault.delayMs);
      if (fault?.drop === 'before-apply') {
        drop(res);
        return;
      }
      if (fault && answersInstead(fault)) {
        outcome = this.write(res, this.injectedReply(fault, route.family));
        return;
      }
      const answered = this.answer(route, ctx);
      let reply = answered instanceof Promise ? await answered : answered;
      if (fault?.drop === 'after-apply') {
        drop(res);
        return;
      }
      if (fault?.apply) reply = this.injectedReply(fault, route.family);
      else if (fault?.body === 'malformed') reply = truncate(reply, fault.status);
      outcome = this.write(res, reply);
    } catch (error) {
      this.deps.log(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent && !res.destroyed) {
        outcome = this.write(res, errorEnvelope(500, 'Internal server error', INTERNAL_ERROR_CODE, this.deps.timers.now()));
      }
    } finally {
      if (route.family !== 'control') this.deps.stats.status(outcome);
      this.deps.log(`${req.method ?? '?'} ${logPath} ${outcome} ${Math.round(performance.now() - started)}ms`);
    }
  }

  /**
   * The answer to a request no route matched (404) or whose method no route takes (405); counted
   * and logged here, written by the caller (restify's error events want their own writer).
   */
  unrouted(req: IncomingMessage, status: 404 | 405): Reply {
    const path = (this.deps.rewrites.get(req)?.originalUrl ?? req.url ?? '/').split('?')[0] ?? '/';
    const family: RouteFamily = path.startsWith('/simulator') ? 'control' : 'login';
    this.deps.stats.count(status === 404 ? 'unknownRoute' : 'methodNotAllowed', family === 'control');
    if (family !== 'control') this.deps.stats.status(status);
    this.deps.log(`${req.method ?? '?'} ${path} ${status} 0ms`);
    const message = status === 404 ? `No such resource: ${req.method ?? '?'} ${path}` : `Method ${req.method ?? '?'} not allowed on ${path}`;
    if (family === 'control') return json(status, { error: message });
    return errorEnvelope(status, message, status === 404 ? INTERNAL_CODE_OF.notFound : INTERNAL_CODE_OF.invalid, this.deps.timers.now());
  }

  private answer(route: Route, ctx: RequestContext): Reply | Promise<Reply> {
    try {
      if (ctx.bodyError && ctx.method !== 'GET') {
        return this.errorReply(route.family, 'invalid', 'Malformed JSON body');
      }
      if (route.family === 'agent' && !ctx.jsonSuffix && !acceptsJson(header(ctx.headers, 'accept'))) {
        // LiveEngage would answer XML; the simulator speaks JSON only and says so.
        return errorEnvelope(406, 'Send Accept: application/json or use the .json suffix (this simulator speaks JSON only)', INTERNAL_CODE_OF.invalid, this.deps.timers.now());
      }
      const reply = route.handle(ctx);
      return reply instanceof Promise ? reply.catch((error: unknown) => this.failed(route, error)) : reply;
    } catch (error) {
      return this.failed(route, error);
    }
  }

  /** A handler's throw as an answer: the refusal it names, or a 500 (logged). */
  private failed(route: Route, error: unknown): Reply {
    if (isSimulatorError(error)) return this.errorReply(route.family, error.reason, error.message, error.internalCode);
    this.deps.log(`handler error in ${route.method} ${route.path}: ${error instanceof Error ? error.message : String(error)}`);
    return route.family === 'control'
      ? json(500, { error: 'Internal simulator error' })
      : errorEnvelope(500, 'Internal server error', INTERNAL_ERROR_CODE, this.deps.timers.now());
  }

  private errorReply(family: RouteFamily, reason: SimulatorErrorReason, message: string, internalCode?: number): Reply {
    const status = STATUS_OF[reason];
    if (family === 'control') return json(reason === 'notFound' ? 404 : 400, { error: message });
    // A bearer problem on the Chat Agent API is an OAuth-style text, not the envelope.
    if (family === 'agent' && reason === 'unauthorized' && internalCode === undefined) return oauthRejected();
    return errorEnvelope(status, message, internalCode ?? INTERNAL_CODE_OF[reason], this.deps.timers.now());
  }

  private injectedReply(fault: FaultRule, family: RouteFamily): Reply {
    const status = fault.status ?? 200;
    const headers: Record<string, string> =
      fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
    if (fault.body !== undefined) {
      const type = looksLikeJson(fault.body) ? 'application/json' : 'text/plain; charset=utf-8';
      return { status, body: fault.body, headers: { 'Content-Type': type, ...headers } };
    }
    if (family === 'agent' && status === 401) {
      const reply = oauthRejected();
      return { ...reply, headers: { ...reply.headers, ...headers } };
    }
    const reply = errorEnvelope(status, `Injected fault: ${status}`, INJECTED_FAULT_CODE, this.deps.timers.now());
    return { ...reply, headers: { ...reply.headers, ...headers } };
  }

  private loginNameOf(ctx: RequestContext): string | undefined {
    const { logins } = this.deps.world;
    if (ctx.bearer) return logins.peekBearer(ctx.bearer)?.loginName;
    if (ctx.sessionCookie) return logins.peekSession(ctx.sessionCookie)?.loginName;
    if (isRecord(ctx.body) && typeof ctx.body.username === 'string') return ctx.body.username;
    return undefined;
  }

  private write(res: ServerResponse, reply: Reply): number {
    if (res.destroyed || res.headersSent) return reply.status;
    res.writeHead(reply.status, withLength(reply));
    res.end(reply.body);
    return reply.status;
  }
}

/** The reply's headers plus its Content-Length in bytes. */
export function withLength(reply: Reply): Record<string, string> {
  return { ...reply.headers, 'Content-Length': String(Buffer.byteLength(reply.body, 'utf8')) };
}

function truncate(reply: Reply, status: number | undefined): Reply {
  const body = reply.body.length > 1 ? reply.body.slice(0, Math.floor(reply.body.length / 2)) : '{"';
  return { status: status ?? reply.status, body, headers: { ...reply.headers, 'Content-Type': 'application/json' } };
}

function drop(res: ServerResponse): void {
  // No status line, no body: the client sees the connection reset.
  res.socket?.destroy();
  res.destroy();
}

function looksLikeJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

function acceptsJson(accept: string | undefined): boolean {
  return accept !== undefined && /application\/json|application\/\*/i.test(accept);
}
