import { CONTROL_BASE, CONTROL_ROUTES, type ControlOperation, type SimulatorControl } from '../controlApi.js';
import { SimulatorError } from '../errors.js';
import { json } from '../http/reply.js';
import { isRecord, type RequestContext } from '../http/request.js';
import type { FaultMatch, FaultRule } from '../types.js';
import type { Route } from './shared.js';

/**
 * The control API over HTTP, a mirror of the JS one for a browser page or another process: one route
 * per `SimulatorControl` operation, at its place in `CONTROL_ROUTES`. JSON in and out; errors are
 * `{ "error": "..." }` with 404 (unknown chat, agent, user) or 400.
 */
export function controlRoutes(sim: SimulatorControl): Route[] {
  const id = (ctx: RequestContext): string => ctx.params.id ?? '';
  // A handler for every operation, or this does not compile.
  const handlers: Record<ControlOperation, Route['handle']> = {
    startChat: (ctx) => {
      const body = controlBody(ctx);
      return json(201, sim.startChat({ skill: requiredString(body, 'skill'), ...optionalString(body, 'visitorName') }));
    },
    chats: () => json(200, sim.chats()),
    chat: (ctx) => json(200, sim.chat(id(ctx))),
    visitorSays: (ctx) => {
      const body = controlBody(ctx);
      const textType = body.textType === undefined ? 'plain' : body.textType;
      if (textType !== 'plain' && textType !== 'html') throw new SimulatorError('invalid', 'textType must be plain or html');
      return json(201, sim.visitorSays(id(ctx), requiredString(body, 'text'), { textType }));
    },
    visitorTyping: (ctx) => {
      sim.visitorTyping(id(ctx), requiredBoolean(controlBody(ctx), 'typing'));
      return json(200, {});
    },
    visitorEnds: (ctx) => json(200, sim.visitorEnds(id(ctx))),
    humanTakes: (ctx) => {
      const agentId = optionalString(controlBody(ctx), 'agentId').agentId;
      return json(200, sim.humanTakes(id(ctx), agentId));
    },
    humanSays: (ctx) => {
      const body = controlBody(ctx);
      return json(201, sim.humanSays(id(ctx), requiredString(body, 'text'), optionalString(body, 'agentId').agentId));
    },
    humanEnds: (ctx) => json(200, sim.humanEnds(id(ctx))),
    agents: () => json(200, sim.agents()),
    setHumanOnline: (ctx) => {
      sim.setHumanOnline(id(ctx), requiredBoolean(controlBody(ctx), 'online'));
      return json(200, {});
    },
    queues: () => json(200, sim.queues()),
    faults: () => json(200, sim.faults()),
    injectFault: (ctx) => json(201, sim.injectFault(faultRule(controlBody(ctx)))),
    clearFaults: () => {
      sim.clearFaults();
      return json(200, {});
    },
    revokeBearer: (ctx) => {
      const body = controlBody(ctx);
      const target = typeof body.loginName === 'string' ? body.loginName : body.bearer;
      if (typeof target !== 'string' || target === '') throw new SimulatorError('invalid', 'loginName (or bearer) is required');
      return json(200, sim.revokeBearer(target));
    },
    blockUser: (ctx) => {
      const body = controlBody(ctx);
      sim.blockUser(id(ctx), body.blocked === undefined ? true : requiredBoolean(body, 'blocked'));
      return json(200, {});
    },
    stats: () => json(200, sim.stats()),
    resetStats: () => {
      sim.resetStats();
      return json(200, {});
    },
    dashboard: async () => json(200, await sim.dashboard(), { 'Cache-Control': 'no-store' }),
  };
  return (Object.keys(handlers) as ControlOperation[]).map((operation) => ({
    method: CONTROL_ROUTES[operation].method,
    path: CONTROL_BASE + CONTROL_ROUTES[operation].path,
    family: 'control',
    operation: `control.${operation}`,
    handle: handlers[operation],
  }));
}

function controlBody(ctx: RequestContext): Record<string, unknown> {
  if (ctx.bodyError) throw new SimulatorError('invalid', 'Malformed JSON body');
  if (ctx.body === undefined) return {};
  if (!isRecord(ctx.body)) throw new SimulatorError('invalid', 'Expected a JSON object body');
  return ctx.body;
}

function requiredString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') throw new SimulatorError('invalid', `${key} is required`);
  return value;
}

function optionalString<K extends string>(body: Record<string, unknown>, key: K): Partial<Record<K, string>> {
  const value = body[key];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'string' && typeof value !== 'number') throw new SimulatorError('invalid', `${key} must be a string`);
  return { [key]: String(value) } as Partial<Record<K, string>>;
}

function requiredBoolean(body: Record<string, unknown>, key: string): boolean {
  const value = body[key];
  if (typeof value !== 'boolean') throw new SimulatorError('invalid', `${key} must be true or false`);
  return value;
}

/** A fault rule from JSON: `match.path` is a substring, `match.pathRegex` a RegExp source. */
function faultRule(body: Record<string, unknown>): FaultRule {
  const { match, ...rest } = body as Record<string, unknown> & { match?: unknown };
  const rule = rest as FaultRule;
  if (match === undefined) return rule;
  if (!isRecord(match)) throw new SimulatorError('invalid', 'match must be an object');
  const { pathRegex, ...fields } = match;
  const parsed: FaultMatch = fields as FaultMatch;
  if (pathRegex !== undefined) {
    if (typeof pathRegex !== 'string') throw new SimulatorError('invalid', 'match.pathRegex must be a string');
    try {
      parsed.path = new RegExp(pathRegex);
    } catch {
      throw new SimulatorError('invalid', 'match.pathRegex is not a valid regular expression');
    }
  }
  return { ...rule, match: parsed };
}
