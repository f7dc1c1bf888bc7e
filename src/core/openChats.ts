import { ActivityTypes, type CoreActivity } from './protocol.js';
import type { ChatEvent, ChatResource } from '../api/types.js';
import type { AgentSession } from './agentSession.js';
import { Chat } from './chat.js';
import { progressFromTranscript, resumeFrom, type ChatStore, type StoredChat } from './chatStore.js';
import type { ChatReporter } from './chatReporter.js';
import type { LiveEngageLogger } from './settings.js';
import { acceptedActivity, eventToActivity, typingActivity } from './toActivity.js';
import { codedError, LiveEngageErrorCode } from '../errorCodes.js';

/** Batch reads in a row that may miss a chat before it is let go. */
const MAX_MISSED_READS = 5;

/** What the open chats need from the engine. */
export interface OpenChatsDeps {
  session(): AgentSession;
  store: ChatStore;
  report: ChatReporter;
  log: LiveEngageLogger;
  /** The A/B variant a new chat goes to (undefined without variants). */
  variantFor(chatId: string): string | undefined;
  /** Queues a turn in the chat; `eventId` when it comes from a chat event. */
  turn(chat: Chat, activity: CoreActivity, eventId?: number): void;
  /** The number of open chats changed (capacity, availability). */
  changed(): void;
}

/**
 * The chats this bot agent holds and what is read from them: chats accepted or picked up again after
 * a restart or a new agent session, new events turned into turns in event order, and chats let go once
 * they ended, left by transfer, or stopped coming back.
 */
export class OpenChats {
  private readonly chats = new Map<string, Chat>();

  constructor(private readonly deps: OpenChatsDeps) {}

  get(chatId: string | undefined): Chat | undefined {
    return chatId ? this.chats.get(chatId) : undefined;
  }

  /** The chat a bot call names, or a clear error (`method` names the call). */
  require(chatId: string | undefined, method: string): Chat {
    const chat = this.get(chatId);
    if (!chat) {
      throw codedError(Error, `LiveEngageAdapter.${method}(): chat '${chatId}' is not open on this adapter (it ended, was transferred, or another bot user holds it).`, LiveEngageErrorCode.CHAT_NOT_OPEN);
    }
    return chat;
  }

  /** Stores how far the chat got (`inFlight`: the event whose turn starts); a storage failure is logged, never the chat's end. */
  async saveProgress(chat: Chat, inFlight?: number): Promise<void> {
    if (chat.closedAt !== undefined) return;
    const progress: StoredChat = { handledThrough: chat.handledThrough, welcomed: chat.welcomed, acceptedAt: chat.acceptedAt };
    if (chat.variant) progress.variant = chat.variant;
    if (inFlight !== undefined) {
      progress.inFlight = inFlight;
      const lastLine = chat.sentLines.at(-1)?.id;
      if (lastLine !== undefined) progress.repliesAfter = lastLine;
      if (chat.linesQueued > 0) progress.linesOwed = chat.linesQueued;
    }
    await this.deps.store.save(chat.chatId, progress).catch((error: Error) => this.deps.log.error('storing chat %s failed: %s', chat.chatId, error.message));
  }

  all(): Chat[] {
    return [...this.chats.values()];
  }

  open(): Chat[] {
    return this.all().filter((c) => c.phase === 'open');
  }

  openCount(): number {
    let open = 0;
    for (const chat of this.chats.values()) if (chat.phase === 'open') open += 1;
    return open;
  }

  /** Takes on a chat another transport made (Messaging: a conversation the agent now serves). */
  add(chat: Chat): void {
    this.chats.set(chat.chatId, chat);
    this.deps.changed();
  }

  /** A chat LiveEngage just gave us (or gave back, e.g. after a new agent session). */
  accepted(chatUrl: string, resource: ChatResource): void {
    // A chat with history (re-queued from a bot user that died, or transferred here) was answered up
    // to its last agent line by someone else: that is not to be replayed. A new chat has no agent line.
    this.adopt(chatUrl, resource, progressFromTranscript(resource.events));
  }

  /** One batch read: new events of the chats returned; chats asked for but missing count a miss. */
  read(resources: ChatResource[], asked: string[]): void {
    const seen = new Set<string>();
    for (const resource of resources) {
      const chat = this.chats.get(resource.info.chatSessionKey);
      if (!chat || chat.phase !== 'open') continue;
      seen.add(chat.chatId);
      chat.missedReads = 0;
      this.deliver(chat, resource);
    }
    for (const chatId of asked) {
      const chat = this.chats.get(chatId);
      if (!chat || seen.has(chatId) || chat.phase !== 'open') continue;
      chat.missedReads += 1;
      if (chat.missedReads >= MAX_MISSED_READS) {
        this.deps.log.warn('chat %s no longer comes back from LiveEngage; letting it go', chatId);
        this.release(chat, 'released');
      }
    }
  }

  /**
   * Finds this bot user's open chats (LiveEngage lists them per user): after a new agent session their
   * URLs changed; after a restart they are picked up again from the stored progress. A chat nothing is
   * stored for (storage lost or not shared) resumes after the bot's last line in it.
   */
  async resume(): Promise<void> {
    const session = this.deps.session();
    // Straight on the client, not through the request bound: this runs while a renewal holds slots.
    const refs = await session.client.getChatSessions(session.agentSessionUrl);
    const unknown = refs.filter((ref) => {
      const chat = this.chats.get(ref.chatSessionKey);
      if (chat) chat.chatUrl = ref.chatUrl;
      return !chat;
    });
    if (unknown.length === 0) return;
    const stored = await this.deps.store.load(unknown.map((r) => r.chatSessionKey)).catch((error: Error) => {
      this.deps.log.error('reading stored chats failed: %s', error.message);
      return new Map<string, StoredChat>();
    });
    for (const ref of unknown) {
      try {
        const resource = await session.client.getChat(ref.chatUrl);
        if (resource.info.state === 'ended') continue;
        this.adopt(ref.chatUrl, resource, stored.get(ref.chatSessionKey) ?? progressFromTranscript(resource.events));
      } catch (error) {
        this.deps.log.warn('picking chat %s up again failed: %s', ref.chatSessionKey, (error as Error).message);
      }
    }
  }

  /**
   * After a new agent session: the open chats' URLs changed. When the lookup fails (an unreadable
   * `chatSessions` answer), each chat's URL is rebuilt under the new agent session (`{S}/chat/{id}`)
   * and the next reconcile finds the rest: a renewal never fails here.
   */
  async afterRenewal(): Promise<void> {
    // First under the new agent session by the documented pattern (chats that ended meanwhile are
    // not listed, and a line to them should hear "ended", not "unknown agent session"), then as listed.
    const base = this.deps.session().agentSessionUrl;
    for (const chat of this.chats.values()) chat.chatUrl = `${base}/chat/${encodeURIComponent(chat.chatId)}`;
    // The lookup runs behind: the chats are read and written again at once, under their rebuilt URLs
    // (LiveEngage ends a chat 40 s after the agent last read it).
    void this.resume().catch((error: Error) => {
      this.deps.log.warn('looking up the chats after a new login failed (%s); using their URLs under the new agent session', error.message);
    });
  }

  /** Stops reading a chat and forgets it (and its stored progress) once its queued turns have run. */
  release(chat: Chat, phase: 'ended' | 'transferred' | 'released'): void {
    chat.phase = phase === 'released' ? 'ended' : phase;
    this.deps.report.closed(chat, phase === 'ended' ? 'resolved' : phase);
    this.deps.changed();
    void chat.turns.onIdle().then(async () => {
      if (this.chats.get(chat.chatId) !== chat || chat.phase === 'open') return;
      this.chats.delete(chat.chatId);
      await this.deps.store.forget(chat.chatId).catch((error: Error) => this.deps.log.warn('forgetting chat %s failed: %s', chat.chatId, error.message));
    });
  }

  /** Lets every chat go at stop; their stored progress stays unless they go back to LiveEngage's queue. */
  async releaseAll(forgetProgress: boolean): Promise<void> {
    for (const chat of this.chats.values()) {
      this.deps.report.closed(chat, 'released');
      if (forgetProgress) await this.deps.store.forget(chat.chatId).catch(() => {});
    }
    this.chats.clear();
  }

  /**
   * Takes a chat on: a new one (nothing handled yet), or one this bot user held before a restart (its
   * stored progress). Events up to what was handled are not turns again; a turn that was under way
   * when the process died runs again unless the bot's reply to it had landed.
   */
  private adopt(chatUrl: string, resource: ChatResource, stored: StoredChat): void {
    const chatId = resource.info.chatSessionKey;
    // `resume()` awaits lookups before it adopts: the accept loop may have taken the chat meanwhile. A
    // second Chat for it would be a second turn queue, and every line answered twice.
    const known = this.chats.get(chatId);
    if (known) {
      known.chatUrl = chatUrl;
      this.deliver(known, resource);
      return;
    }
    const session = this.deps.session();
    const variant = stored.variant ?? this.deps.variantFor(chatId);
    const chat = new Chat(chatId, chatUrl, resource.info, {
      bot: { id: session.agent.id, name: session.agent.agentName },
      serviceUrl: session.serviceUrl,
      ...(variant ? { channelData: { variant } } : {}),
    }, stored.acceptedAt);
    if (variant) chat.variant = variant;
    chat.welcomed = stored.welcomed;
    chat.handledThrough = stored.handledThrough;
    chat.nextFrom = resumeFrom(stored, resource.events);
    this.chats.set(chatId, chat);
    const resumed = stored.handledThrough >= 0 || stored.welcomed;
    this.deps.log.info('%s chat %s (visitor %s)', resumed ? 'resumed' : 'accepted', chatId, resource.info.visitorName);
    this.deps.report.accepted(chat);
    if (!chat.welcomed) this.deps.turn(chat, acceptedActivity(chat.snapshot()));
    this.deliver(chat, resource);
    this.deps.changed();
  }

  /** Turns new events (and a change of typing) into turns, in event order. */
  private deliver(chat: Chat, resource: Pick<ChatResource, 'events' | 'info' | 'nextFrom'>): void {
    chat.info = resource.info;
    if (chat.visitorStartedTyping(resource.info)) this.deps.turn(chat, typingActivity(chat.snapshot()));
    for (const event of chat.take(resource.events, resource.nextFrom)) {
      const activity = eventToActivity(event, chat.snapshot());
      if (activity) this.deps.turn(chat, activity, event.id);
      if (activity?.type === ActivityTypes.Message) this.deps.report.visitorLine(chat);
      if (isEnded(event)) {
        this.release(chat, 'ended');
        break;
      }
    }
  }
}

function isEnded(event: ChatEvent): boolean {
  return event.type === 'state' && event.state === 'ended';
}
