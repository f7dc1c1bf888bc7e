import type { WireDomainServiceResponse, WireLoginResponse } from '../../api/liveEngageJson.js';
import type { LoginRecord } from '../world/model.js';

/** Login and Domain API bodies, in the documented shape and key order (`bearer` last). */

export function domainService(accountId: string, service: string, baseURI: string): WireDomainServiceResponse {
  return { service, account: accountId, baseURI };
}

export function loginResponse(
  login: LoginRecord,
  accountId: string,
  baseURI: string,
  sessionTtlMs: number,
  now: number,
  /** More `csdsCollectionResponse` entries on the same host (`asyncMessagingEnt` with Messaging on). */
  extraServices: readonly string[] = [],
): WireLoginResponse {
  return {
    csrf: login.csrf,
    wsuk: login.wsuk,
    config: {
      loginName: login.agent.loginName,
      userId: login.agent.id,
      userPrivileges: [100, 101, 1730, 1731, 1732, 1733, 1734, 1735],
      serverCurrentTime: now,
      timeDiff: 0,
      serverTimeZoneName: 'UTC',
      serverTimeGMTDiff: 0,
      isLPA: false,
      isAdmin: false,
      accountTimeZoneId: 'UTC',
    },
    csdsCollectionResponse: {
      baseURIs: [
        { account: accountId, baseURI, service: 'smt' },
        { account: accountId, baseURI, service: 'agentVep' },
        ...extraServices.map((service) => ({ account: accountId, baseURI, service })),
      ],
    },
    accountData: {
      agentGroupsData: { items: [{ id: -1, deleted: false, name: 'Main Group' }], revision: 1 },
    },
    sessionTTl: String(sessionTtlMs),
    bearer: login.bearer,
  };
}
