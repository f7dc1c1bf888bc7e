import { SimulatorError } from '../errors.js';
import type { Route } from '../http/dispatch.js';
import { errorEnvelope, type Reply } from '../http/reply.js';
import type { RequestContext } from '../http/request.js';
import type { Links } from '../render/links.js';
import type { ChatRenderContext } from '../render/chat.js';
import type { AgentSessionRecord, ChatRecord } from '../world/model.js';
import type { World } from '../world/World.js';

/** What every route module needs: the world, and where the simulator listens (known after start). */
export interface RouteDeps {
  world: World;
  links(): Links;
  /** `127.0.0.1:PORT`: what the Domain API and the login response call `baseURI`. */
  baseURI(): string;
  /** Domain API services served here: `agentVep`, plus `asyncMessagingEnt` with Messaging on. */
  services?: readonly string[];
}

export type { Route };

/** The bearer's open agent session named in the path: 401 (OAuth text), 404 or 403. */
export function agentSessionOf(deps: RouteDeps, ctx: RequestContext): AgentSessionRecord {
  const login = deps.world.logins.byBearer(ctx.bearer);
  if (ctx.params.accountId !== deps.world.config.accountId) {
    // A bearer is valid for its own account only.
    throw new SimulatorError('unauthorized', 'Bearer rejected for this account');
  }
  return deps.world.logins.agentSession(login, ctx.params.agentSessionId ?? '');
}

/** The session and a chat its agent may read: 404 for an unknown chat, 403 for another agent's. */
export function readableChat(deps: RouteDeps, ctx: RequestContext): { session: AgentSessionRecord; chat: ChatRecord } {
  const session = agentSessionOf(deps, ctx);
  const chat = deps.world.state.chat(ctx.params.chatId ?? '');
  deps.world.chats.assertReadable(chat, session.agent);
  deps.world.chats.touch(chat, session.agent);
  return { session, chat };
}

export function renderContext(deps: RouteDeps, session: AgentSessionRecord): ChatRenderContext {
  return {
    links: deps.links(),
    session,
    chatTimeoutSeconds: deps.world.config.chatTimeoutMs / 1000,
  };
}

/** A `from` event id: absent is 0; anything but a non-negative integer is a 400. */
export function eventIndex(value: string | null | undefined, name = 'from'): number {
  if (value === null || value === undefined || value === '') return 0;
  if (!/^\d+$/.test(value)) throw new SimulatorError('invalid', `${name} must be a non-negative integer`);
  return Number(value);
}

/** The PUT of a resource LiveEngage updates with `POST` + `X-HTTP-Method-Override: PUT`. */
export function requirePut(ctx: RequestContext): void {
  if (ctx.effectiveMethod !== 'PUT') {
    throw new SimulatorError('methodNotAllowed', 'Send PUT, or POST with X-HTTP-Method-Override: PUT');
  }
}

export const AGENT_SESSION = '/api/account/:accountId/agentSession/:agentSessionId';
export const CHAT = `${AGENT_SESSION}/chat/:chatId`;

/** Resources LiveEngage only links to, with no documented shape: 501 rather than a guess. */
export function notSimulated(now: number, message: string): Reply {
  return errorEnvelope(501, message, 2, now);
}
