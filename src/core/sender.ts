import type { ChatAgentClient } from '../api/chatAgent.js';
import { LiveEngageApiError } from '../api/errors.js';
import type { ChatEvent, LineRequest } from '../api/types.js';
import type { Chat } from './chat.js';
import type { ChatAction } from './fromActivity.js';
import type { LiveEngageLogger } from './settings.js';
import { resolveTransferSkill, type HandoffStatusValue, type TransferRequest } from './transfer.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

/** Runs one Chat Agent API call with the session's client (rate-limited, re-authenticated on 401). */
export type ApiCall = <T>(operation: string, fn: (client: ChatAgentClient) => Promise<T>) => Promise<T>;

export interface SenderOptions {
  /** Waits before re-sending a line whose first send failed, per LivePerson's retry policy. */
  retryDelaysMs: number[];
  /**
   * The client's request timeout. A send that timed out may still be worked on by the server: before
   * looking for it, it is given as long again (a line checked for too early is sent twice).
   */
  requestTimeoutMs?: number;
  /** Told of every line that landed. */
  onLine?: (chat: Chat, line: LineRequest, eventId: number) => void;
}

/** System lines that tell a transfer went through (13: to an agent, 15: to a skill). */
const TRANSFER_SYSTEM_LINES = new Set([13, 15]);

/**
 * Carries out what `fromActivity` asked for, on one chat, in order. Lines land exactly once: a send
 * that may have been applied (the connection dropped after the request went out) is checked against
 * the chat's events before it is sent again.
 */
export class Sender {
  constructor(
    private readonly call: ApiCall,
    private readonly options: SenderOptions,
    private readonly log: LiveEngageLogger,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** The event id of the line sent, for `line` actions; the transfer outcome for `transfer`. */
  async execute(chat: Chat, action: ChatAction): Promise<{ eventId?: number; handoff?: HandoffStatusValue }> {
    switch (action.kind) {
      case 'line': {
        this.assertOpen(chat, 'send a line');
        const eventId = await this.sendLine(chat, action.line);
        if (chat.agentTyping) {
          chat.agentTyping = false;
          await this.call('setAgentTyping', (c) => c.setAgentTyping(chat.chatUrl, false)).catch((e: Error) => this.log.debug('clearing agent typing failed: %s', e.message));
        }
        return { eventId };
      }
      case 'typing':
        if (chat.phase !== 'open') return {};
        // A typing indicator is a courtesy: its failure must not fail the turn (and send the failover line).
        try {
          await this.call('setAgentTyping', (c) => c.setAgentTyping(chat.chatUrl, true));
          chat.agentTyping = true;
        } catch (error) {
          this.log.warn('setting agent typing in chat %s failed: %s', chat.chatId, (error as Error).message);
        }
        return {};
      case 'delay':
        await this.sleep(action.ms);
        return {};
      case 'transfer':
        return { handoff: await this.transfer(chat, action.request) };
      case 'end':
        await this.end(chat);
        return {};
      case 'drop':
        if (action.reason !== 'trace') this.log.debug('not sent to chat %s: %s', chat.chatId, action.reason);
        return {};
    }
  }

  /**
   * Sends a line exactly once; its event id. After a send that may have been applied (a dropped
   * connection, a timeout, a 5xx, an unreadable answer) it waits its retry delay first (a request the
   * server is still working on, e.g. one that outlived the client's timeout, gets time to land), then
   * reads the chat's events; only a line not there is sent again. While that read fails too, nothing is
   * resent.
   */
  async sendLine(chat: Chat, line: LineRequest): Promise<number> {
    // Our line cannot get an id below the cursor as it is now, so that is where to look for it.
    const since = chat.nextFrom;
    const delays = this.options.retryDelaysMs;
    let next: 'send' | 'check' = 'send';
    let lastError: unknown;
    for (let attempt = 0; ; attempt += 1) {
      if (next === 'send') {
        try {
          const id = await this.call('addLine', (c) => c.addLine(chat.chatUrl, line));
          this.remember(chat, id, line);
          return id;
        } catch (error) {
          if (!(error instanceof LiveEngageApiError) || !(error.retryable || error.ambiguous)) throw error;
          lastError = error;
          next = error.ambiguous ? 'check' : 'send';
        }
      }
      // The last look after the last send is not skipped: a line that landed is never reported lost.
      const last = attempt >= delays.length;
      if (last && next === 'send') throw lastError;
      this.log.warn('sending a line to chat %s failed (%s); %s', chat.chatId, (lastError as Error).message, next === 'send' ? 'sending again' : 'checking whether it landed');
      const delay = delays[Math.min(attempt, delays.length - 1)] ?? 0;
      const timedOut = lastError instanceof LiveEngageApiError && lastError.kind === 'timeout';
      await this.sleep(next === 'check' && timedOut ? Math.max(delay, this.options.requestTimeoutMs ?? 0) : delay);
      if (next === 'check') {
        try {
          const landed = await this.findOwnLine(chat, line.text, since);
          if (landed !== undefined) {
            this.log.debug('line to chat %s had landed (event %d) despite: %s', chat.chatId, landed, (lastError as Error).message);
            this.remember(chat, landed, line);
            return landed;
          }
          next = 'send';
        } catch (error) {
          lastError = error;
        }
      }
      if (last) throw lastError;
    }
  }

  /** Transfers to a skill (resolved by name among the skills LiveEngage offers) or to an agent. */
  async transfer(chat: Chat, request: TransferRequest): Promise<HandoffStatusValue> {
    const reason = request.reason;
    const failed = (message: string, target?: HandoffStatusValue['target']): HandoffStatusValue => ({ state: 'failed', message, ...(target ? { target } : {}), ...(reason ? { reason } : {}) });
    if (chat.phase !== 'open') return failed(`The chat is ${chat.phase}; it cannot be transferred.`);

    let target: HandoffStatusValue['target'];
    let to: { skillId: number } | { agentId: number | string };
    if (request.agentId !== undefined) {
      target = { agentId: String(request.agentId) };
      to = { agentId: request.agentId };
    } else if (request.skill !== undefined) {
      const offered = await this.call('getTransferSkills', (c) => c.getTransferSkills(chat.chatUrl));
      const resolved = resolveTransferSkill(request.skill, offered);
      if (!resolved.ok) return failed(resolved.message, { skillName: String(request.skill) });
      target = { skillId: resolved.skill.id, skillName: resolved.skill.name };
      to = { skillId: resolved.skill.id };
    } else {
      return failed('The transfer names no skill and no agent.');
    }

    const since = chat.nextFrom;
    try {
      await this.call('transfer', (c) => c.transfer(chat.chatUrl, to, reason));
    } catch (error) {
      const ambiguous = error instanceof LiveEngageApiError && error.ambiguous;
      if (!ambiguous || !(await this.transferLanded(chat, since))) {
        return failed(`LiveEngage refused the transfer: ${(error as Error).message}`, target);
      }
    }
    const where = target?.skillName ? `skill '${target.skillName}'` : `agent ${target?.agentId}`;
    return { state: 'accepted', message: `The chat was transferred to ${where}.`, ...(target ? { target } : {}), ...(reason ? { reason } : {}) };
  }

  /** Ends the chat; an end that may have failed is checked against the chat's state. */
  async end(chat: Chat): Promise<void> {
    if (chat.phase !== 'open') return;
    try {
      await this.call('endChat', (c) => c.endChat(chat.chatUrl));
    } catch (error) {
      const info = await this.call('getChatInfo', (c) => c.getChatInfo(chat.chatUrl)).catch(() => undefined);
      if (info?.state !== 'ended') throw error;
    }
  }

  private assertOpen(chat: Chat, what: string): void {
    if (chat.phase !== 'open') {
      throw codedError(Error, `LiveEngageAdapter.sendActivities(): cannot ${what}: chat ${chat.chatId} was ${chat.phase}.`, LiveEngageErrorCode.CHAT_NOT_OPEN);
    }
  }

  private remember(chat: Chat, id: number, line: LineRequest): void {
    this.options.onLine?.(chat, line, id);
    chat.sentLines.push({ id, text: line.text });
    if (chat.sentLines.length > 50) chat.sentLines.shift();
  }

  private async recentEvents(chat: Chat, since: number): Promise<ChatEvent[]> {
    const resource = await this.call('getChat', (c) => c.getChat(chat.chatUrl, { from: since }));
    return resource.events;
  }

  /** The id of a line of ours with this text, sent since `since` and not yet accounted for. */
  private async findOwnLine(chat: Chat, text: string, since: number): Promise<number | undefined> {
    const known = new Set(chat.sentLines.map((l) => l.id));
    const events = await this.recentEvents(chat, since);
    const mine = events.find((e) => e.type === 'line' && e.source === 'agent' && !known.has(e.id) && e.text === text);
    return mine?.id;
  }

  private async transferLanded(chat: Chat, since: number): Promise<boolean> {
    const events = await this.recentEvents(chat, since).catch(() => []);
    return events.some((e) => e.type === 'line' && e.source === 'system' && TRANSFER_SYSTEM_LINES.has(e.systemMessageId ?? -1));
  }
}
