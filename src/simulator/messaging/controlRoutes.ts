import { MESSAGING_BASE, MESSAGING_ROUTES, type MessagingOperation } from '../controlApi.js';
import { SimulatorError } from '../errors.js';
import type { Route } from '../http/dispatch.js';
import { json } from '../http/reply.js';
import { isRecord, type RequestContext } from '../http/request.js';
import type { MessagingFaultRule } from './faults.js';
import type { MessagingSimulator } from './MessagingSimulator.js';

/**
 * The Messaging control API over HTTP under `/simulator/messaging`: the consumer side (start a
 * conversation, say something, type, close), humans, views and faults. JSON in and out; errors are
 * `{ "error": "..." }` with 404 or 400, as the chat control API.
 */
export function messagingControlRoutes(get: () => MessagingSimulator): Route[] {
  const route = (method: Route['method'], path: string, operation: string, handle: Route['handle']): Route => ({
    method,
    path: `${MESSAGING_BASE}${path}`,
    family: 'control',
    operation: `control.messaging.${operation}`,
    handle,
  });
  // The page's operations: at the method and path controlApi.ts declares for both sides.
  const page = (operation: MessagingOperation, handle: Route['handle']): Route => route(MESSAGING_ROUTES[operation].method, MESSAGING_ROUTES[operation].path, operation, handle);
  const id = (ctx: RequestContext): string => ctx.params.id ?? '';
  return [
    page('startConversation', (ctx) => {
      const body = bodyOf(ctx);
      const skill = body.skill;
      if (typeof skill !== 'string' && typeof skill !== 'number') throw new SimulatorError('invalid', 'skill is required');
      return json(201, get().startConversation({ skill, ...str(body, 'consumerName'), ...str(body, 'text') }));
    }),
    page('conversations', () => json(200, get().conversations())),
    page('conversation', (ctx) => json(200, get().conversation(id(ctx)))),
    page('consumerSays', (ctx) => json(201, get().consumerSays(id(ctx), required(bodyOf(ctx), 'text')))),
    page('consumerTyping', (ctx) => {
      const typing = bodyOf(ctx).typing;
      if (typeof typing !== 'boolean') throw new SimulatorError('invalid', 'typing must be true or false');
      get().consumerTyping(id(ctx), typing);
      return json(200, {});
    }),
    page('consumerCloses', (ctx) => {
      get().consumerCloses(id(ctx));
      return json(200, {});
    }),
    page('humanTakes', (ctx) => json(200, get().humanTakes(id(ctx), str(bodyOf(ctx), 'agentId').agentId))),
    page('humanSays', (ctx) => json(201, get().humanSays(id(ctx), required(bodyOf(ctx), 'text')))),
    page('humanTransfers', (ctx) => {
      get().humanTransfers(id(ctx), required(bodyOf(ctx), 'skill'));
      return json(200, {});
    }),
    page('humanCloses', (ctx) => {
      get().humanCloses(id(ctx));
      return json(200, {});
    }),
    page('botStates', () => json(200, get().botStates())),
    route('GET', '/stats', 'stats', () => json(200, get().stats())),
    route('GET', '/faults', 'faults', () => json(200, get().faults())),
    route('POST', '/faults', 'injectFault', (ctx) => json(201, get().injectFault(bodyOf(ctx) as MessagingFaultRule))),
    route('DELETE', '/faults', 'clearFaults', () => {
      get().clearFaults();
      return json(200, {});
    }),
    route('POST', '/upgrades/refuse', 'refuseUpgrades', (ctx) => {
      const body = bodyOf(ctx);
      if (typeof body.status !== 'number') throw new SimulatorError('invalid', 'status is required');
      get().refuseUpgrades({ status: body.status, ...(typeof body.times === 'number' ? { times: body.times } : {}) });
      return json(200, {});
    }),
    route('POST', '/sockets/drop', 'dropSockets', (ctx) => json(200, get().dropSockets(str(bodyOf(ctx), 'loginName').loginName))),
    route('POST', '/sockets/close', 'closeSockets', (ctx) => {
      const body = bodyOf(ctx);
      if (typeof body.code !== 'number') throw new SimulatorError('invalid', 'code is required');
      return json(200, get().closeSockets(body.code, str(body, 'reason').reason, str(body, 'loginName').loginName));
    }),
    route('POST', '/tokens/expire', 'expireToken', (ctx) => json(200, get().expireToken(required(bodyOf(ctx), 'loginName')))),
  ];
}

function bodyOf(ctx: RequestContext): Record<string, unknown> {
  if (ctx.bodyError) throw new SimulatorError('invalid', 'Malformed JSON body');
  if (ctx.body === undefined) return {};
  if (!isRecord(ctx.body)) throw new SimulatorError('invalid', 'Expected a JSON object body');
  return ctx.body;
}

function required(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') throw new SimulatorError('invalid', `${key} is required`);
  return value;
}

function str<K extends string>(body: Record<string, unknown>, key: K): Partial<Record<K, string>> {
  const value = body[key];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'string' && typeof value !== 'number') throw new SimulatorError('invalid', `${key} must be a string`);
  return { [key]: String(value) } as Partial<Record<K, string>>;
}
