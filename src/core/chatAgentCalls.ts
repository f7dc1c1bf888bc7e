import PQueue from 'p-queue';
import type { ChatAgentClient } from '../api/chatAgent.js';
import { LiveEngageApiError } from '../api/errors.js';
import type { AgentSession } from './agentSession.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

/** The poll's reads go ahead of queued sends (LiveEngage ends a chat 40 s after the agent last read it). */
export const READ_PRIORITY = 1;

/**
 * Every Chat Agent API call of a started adapter: within the in-flight bound over all chats
 * (`maxRequestsInFlight`), and through a renewal of the login and agent session when LiveEngage
 * rejects the bearer (401) or has closed the agent session (404).
 */
export class ChatAgentCalls {
  private readonly queue: PQueue;

  /** `session`: the agent session while the adapter runs on Live Chat, else undefined. */
  constructor(maxInFlight: number, private readonly session: () => AgentSession | undefined) {
    this.queue = new PQueue({ concurrency: maxInFlight });
  }

  /**
   * Runs one call within the bound. A rejected bearer (401) renews the login and agent session, picks
   * the open chats up again, and retries the call. `priority` puts the poll's reads ahead of a burst of
   * sends: they keep the open chats alive.
   */
  async call<T>(operation: string, fn: (client: ChatAgentClient) => Promise<T>, priority = 0): Promise<T> {
    const session = this.session();
    if (!session) throw codedError(Error, `LiveEngageAdapter: ${operation} needs a started adapter (call start() first).`, LiveEngageErrorCode.NOT_RUNNING);
    return this.queue.add(async () => {
      // Until it goes through: each 401 renews (once per login; bounded by the takeover limit), and
      // the renewal waits out re-login on hold; it rejects only when the adapter stops or gives up.
      for (;;) {
        const generation = session.generation;
        try {
          return await fn(session.client);
        } catch (error) {
          if (!(error instanceof LiveEngageApiError)) throw error;
          if (error.status === 404 && (await agentSessionGone(session))) {
            // LiveEngage closed the agent session (e.g. after the process was silent too long): every
            // call under it answers 404 from now on, so open a new one, as after a 401.
            await session.renew(`the agent session is gone (${operation} answered 404)`, { generation });
            continue;
          }
          if (!error.authExpired) throw error;
          await session.renew(`${operation} answered 401`, { generation, rejected: true });
        }
      }
    }, { priority });
  }

  /** Resolves when no call is queued or in flight. */
  onIdle(): Promise<void> {
    return this.queue.onIdle();
  }
}

/** After a 404: is it the agent session itself that is gone (not just a chat)? */
async function agentSessionGone(session: AgentSession): Promise<boolean> {
  try {
    await session.client.getAgentSession(session.agentSessionUrl);
    return false;
  } catch (error) {
    return error instanceof LiveEngageApiError && error.status === 404;
  }
}
