import { SimulatorError } from '../errors.js';
import { json } from '../http/reply.js';
import { domainService } from '../render/login.js';
import type { Route, RouteDeps } from './shared.js';

/**
 * The legacy Domain API path LivePerson's agent-sample-app calls
 * (`https://adminlogin.liveperson.net/csdr/account/{acct}/service/agentVep/baseURI.json?version=1.0`),
 * served beside `/api/account/...` with the same single-service answer
 * (`{"service","account","baseURI"}`, `domain-api-service-response.json`) and the same refusals:
 * unknown account 401, unknown service 400.
 */
export function csdrRoutes(deps: RouteDeps): Route[] {
  const { world } = deps;
  return [
    {
      method: 'GET',
      path: '/csdr/account/:accountId/service/:service/baseURI',
      family: 'login',
      operation: 'domain',
      handle: (ctx) => {
        if (ctx.params.accountId !== world.config.accountId) {
          throw new SimulatorError('unauthorized', `Unknown account ${ctx.params.accountId ?? ''}`);
        }
        if (ctx.params.service !== 'agentVep') {
          throw new SimulatorError('invalid', `Unknown service "${ctx.params.service ?? ''}" (the simulator serves agentVep)`);
        }
        return json(200, domainService(world.config.accountId, 'agentVep', deps.baseURI()));
      },
    },
  ];
}
