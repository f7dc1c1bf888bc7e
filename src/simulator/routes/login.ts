import { SimulatorError } from '../errors.js';
import { empty, json } from '../http/reply.js';
import { isRecord, objectBody, type RequestContext } from '../http/request.js';
import { domainService, loginResponse } from '../render/login.js';
import type { Credentials } from '../world/logins.js';
import type { Route, RouteDeps } from './shared.js';

/** The Domain API and the Login Service API (login, refresh, logout). */
export function loginRoutes(deps: RouteDeps): Route[] {
  const { world } = deps;
  const services = deps.services ?? ['agentVep'];
  const sessionCookie = (sessionId: string): Record<string, string> => ({
    'Set-Cookie': `Session_id=${sessionId}; Path=/; HttpOnly`,
  });
  const csrfOf = (ctx: RequestContext): unknown => (isRecord(ctx.body) ? ctx.body.csrf : undefined);

  return [
    {
      // Single-service shape (older docs, the sample app). Only `agentVep` is served here.
      method: 'GET',
      path: '/api/account/:accountId/service/:service/baseURI',
      family: 'login',
      operation: 'domain',
      handle: (ctx) => {
        checkAccount(deps, ctx.params.accountId);
        const service = ctx.params.service ?? '';
        if (!services.includes(service)) {
          throw new SimulatorError('invalid', `Unknown service "${service}" (the simulator serves ${services.join(', ')})`);
        }
        return json(200, domainService(world.config.accountId, service, deps.baseURI()));
      },
    },
    {
      // The list shape the current docs print.
      method: 'GET',
      path: '/api/account/:accountId/service/baseURI',
      family: 'login',
      operation: 'domain',
      handle: (ctx) => {
        checkAccount(deps, ctx.params.accountId);
        return json(200, { baseURIs: services.map((service) => domainService(world.config.accountId, service, deps.baseURI())) });
      },
    },
    {
      method: 'POST',
      path: '/api/account/:accountId/login',
      family: 'login',
      operation: 'login',
      handle: (ctx) => {
        const credentials = parseCredentials(objectBody(ctx));
        const login = world.logins.login(ctx.params.accountId ?? '', credentials);
        const body = loginResponse(login, world.config.accountId, deps.baseURI(), world.config.sessionTtlMs, world.now(), services.filter((s) => s !== 'agentVep'));
        return json(200, body, sessionCookie(login.sessionId));
      },
    },
    {
      method: 'POST',
      path: '/api/account/:accountId/refresh',
      family: 'login',
      operation: 'refresh',
      handle: (ctx) => {
        checkAccount(deps, ctx.params.accountId);
        world.logins.refresh(ctx.sessionCookie, csrfOf(ctx));
        return empty(200, ctx.sessionCookie ? sessionCookie(ctx.sessionCookie) : {});
      },
    },
    {
      method: 'POST',
      path: '/api/account/:accountId/logout',
      family: 'login',
      operation: 'logout',
      handle: (ctx) => {
        checkAccount(deps, ctx.params.accountId);
        world.logins.logout(ctx.sessionCookie, csrfOf(ctx));
        return empty(200);
      },
    },
  ];
}

function checkAccount(deps: RouteDeps, accountId: string | undefined): void {
  if (accountId !== deps.world.config.accountId) {
    throw new SimulatorError('unauthorized', `Unknown account ${accountId ?? ''}`);
  }
}

/** `{username, password}` or `{username, appKey, secret, accessToken, accessTokenSecret}`; else 400. */
function parseCredentials(body: Record<string, unknown>): Credentials {
  const str = (key: string): string | undefined => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
  const username = str('username');
  if (!username) throw new SimulatorError('invalid', 'username is required');
  const password = str('password');
  if (password !== undefined) return { username, password };
  const appKey = str('appKey');
  const secret = str('secret');
  const accessToken = str('accessToken');
  const accessTokenSecret = str('accessTokenSecret');
  if (appKey && secret && accessToken !== undefined && accessTokenSecret !== undefined) {
    return { username, appKey, secret, accessToken, accessTokenSecret };
  }
  throw new SimulatorError('invalid', 'Send password, or appKey, secret, accessToken and accessTokenSecret');
}
