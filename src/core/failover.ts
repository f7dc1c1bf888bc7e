import type { LineRequest } from '../api/types.js';
import type { Chat } from './chat.js';
import type { LiveEngageLogger, ResolvedSettings } from './settings.js';
import type { HandoffStatusValue, TransferRequest } from './transfer.js';

export interface FailoverDeps {
  settings: Pick<ResolvedSettings, 'failoverSkill' | 'failoverMessage'>;
  transfer(chat: Chat, request: TransferRequest): Promise<HandoffStatusValue>;
  /** Records the failover's transfer (never a turn for the bot: it is the adapter's business). */
  transferred(chat: Chat, status: HandoffStatusValue): void;
  /** Sends a line behind what the chat's outbox holds. */
  say(chat: Chat, line: LineRequest): Promise<unknown>;
  log: LiveEngageLogger;
}

/**
 * After a turn threw: to `failoverSkill` when set (or when that fails, the polite `failoverMessage`);
 * the chat is never left alone. Its own failure is logged, never thrown.
 */
export async function failOver(chat: Chat, error: Error, deps: FailoverDeps): Promise<void> {
  if (chat.phase !== 'open') return;
  const { failoverSkill, failoverMessage } = deps.settings;
  try {
    if (failoverSkill) {
      const reason = `Bot error: ${String(error?.message ?? error).slice(0, 200)}`;
      const outcome = await deps.transfer(chat, { skill: failoverSkill, reason });
      deps.log.warn('failover of chat %s to %s: %s', chat.chatId, failoverSkill, outcome.message);
      deps.transferred(chat, outcome);
      if (outcome.state === 'accepted') return;
    }
    await deps.say(chat, { text: failoverMessage, textType: 'plain' });
  } catch (failure) {
    deps.log.error('failover of chat %s failed: %s', chat.chatId, (failure as Error).message);
  }
}
