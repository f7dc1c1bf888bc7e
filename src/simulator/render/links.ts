import type { WireLink, WirePlainLink } from '../../api/liveEngageJson.js';

/**
 * The absolute URLs the simulator hands out. Clients are meant to follow them (REST relation links),
 * so they always carry the simulator's own base and never `v`/`NC` or a `.json` suffix.
 */
export class Links {
  constructor(
    readonly base: string,
    readonly accountId: string,
  ) {}

  account(): string {
    return `${this.base}/api/account/${this.accountId}`;
  }

  session(agentSessionId: string): string {
    return `${this.account()}/agentSession/${agentSessionId}`;
  }

  chat(agentSessionId: string, chatId: string): string {
    return `${this.session(agentSessionId)}/chat/${chatId}`;
  }

  visit(agentSessionId: string, visitId: string): string {
    return `${this.session(agentSessionId)}/visits/visit/${visitId}`;
  }
}

export function link(href: string, rel: string): WireLink {
  return { '@href': href, '@rel': rel };
}

export function plainLink(href: string, rel: string): WirePlainLink {
  return { href, rel };
}
