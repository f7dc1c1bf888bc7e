import type { AgentInfo } from '../api/types.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';
import type { AgentSession } from './agentSession.js';
import type { Chat } from './chat.js';
import { fromActivity, type ChatAction, type OutgoingOptions } from './fromActivity.js';
import type { CoreActivity } from './protocol.js';
import type { Sender } from './sender.js';
import type { HandoffStatusValue, TransferRequest } from './transfer.js';

/**
 * The engine's outgoing seam: how the bot's activities reach LiveEngage, per transport (`settings.transport`).
 * Chat's is the Chat Agent API sender (`sender.ts`, under the agent session); Messaging's is
 * `messagingTransport.ts` (the UMS websocket). The outbox, the turn queue, failover, the store and the
 * reporter are the engine's and shared. Incoming, each transport feeds the same `OpenChats` and turn queue:
 * chat from the poller, Messaging from the `MessagingAgent`'s events.
 */
export interface Transport {
  /** The actions one outgoing activity asks for (pure): `fromActivity` on chat, `messagingActions` on Messaging. */
  toActions(activity: CoreActivity): ChatAction[];
  /** Resolves when actions can go out (waits through a renewal or a reconnect); rejects when stopped. */
  ready(): Promise<void>;
  /** Carries one action out; a transfer's outcome as `handoff`, a line's id as `eventId`. */
  execute(chat: Chat, action: ChatAction): Promise<{ eventId?: number; handoff?: HandoffStatusValue }>;
  /** A transfer (the bot's, or the failover's); a refusal is a `failed` status. */
  transfer(chat: Chat, request: TransferRequest): Promise<HandoffStatusValue>;
  /** The bot user as the transport knows it (after start). */
  readonly agent: AgentInfo | undefined;
}

/** Chat's transport: the Chat Agent API sender under the agent session (as before the seam). */
export function chatTransport(deps: { settings: OutgoingOptions; sender: Sender; session(): AgentSession | undefined }): Transport {
  return {
    toActions: (activity) => fromActivity(activity, deps.settings),
    ready: () => deps.session()?.ready() ?? Promise.reject(codedError(Error, 'LiveEngageAdapter: the adapter is not running.', LiveEngageErrorCode.NOT_RUNNING)),
    execute: (chat, action) => deps.sender.execute(chat, action),
    transfer: (chat, request) => deps.sender.transfer(chat, request),
    get agent() {
      return deps.session()?.agent;
    },
  };
}
