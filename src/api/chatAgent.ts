/**
 * The Chat Agent API as typed methods. The API is hypermedia: give the methods the URLs the server
 * handed out (agent session URL `{S}`, chat URL `{C}`, `next` links); `v=1&NC=true` is added for you.
 * Each method names its operation (errors, logs, metrics) and says whether it is safe to retry.
 */
import {
  eventIdOf,
  readAgentInfo,
  readAgentSessionLocation,
  readAgentSessionResources,
  readAvailability,
  readAvailableAgents,
  readAvailableSlots,
  readChatEventLocation,
  readChatLocation,
  readChatSessions,
  readIncomingRequests,
} from './agentSessionResponses.js';
import { readChatInfo, readChatResource, readEvents, readMultipleChats, readParticipantInfo, readTransferSkills, readTyping, readVisitorName } from './chatResponses.js';
import { ResponseFormatError } from './responseReader.js';
import { configError } from './errors.js';
import type { ApiRequest, ApiResponse, HttpClient } from './http.js';
import { accountPath, hostOrigin } from './login.js';
import { sharesSite } from './scheme.js';
import {
  acceptChatBody,
  addLineBody,
  agentTypingBody,
  endChatBody,
  setAvailabilityBody,
  startAgentSessionBody,
  surveyBody,
  transferBody,
  type SurveyAnswers,
} from './requests.js';
import type {
  AgentInfo,
  AgentSessionResources,
  AvailableAgent,
  ChatAvailability,
  ChatCursor,
  ChatInfo,
  ChatResource,
  ChatSessionRef,
  EventPage,
  IncomingRequests,
  LineRequest,
  ParticipantInfo,
  TransferSkill,
  TransferTarget,
  TypingStatus,
} from './types.js';

/** How many chats one multi-chat read asks for; `getChats` splits longer lists. */
export const MAX_CHATS_PER_READ = 50;

export interface ChatAgentClientOptions {
  /** The bearer from `login`. */
  bearer: string;
  /** Aborts this client's requests and retry waits. */
  signal?: AbortSignal;
}

export interface AvailableAgentsFilter {
  /** Skill name. */
  skill?: string;
  chatState?: ChatAvailability;
  voiceState?: ChatAvailability;
  chatReasonId?: number;
}

export interface AvailableSlotsQuery {
  /** Skill name (with `maxWaitTime`). */
  skill?: string;
  /** Seconds, 0–86400; 0 = immediately. */
  maxWaitTime?: number;
  /** Agent login name (alone). */
  agent?: string;
}

type Options = Pick<ApiRequest, 'body' | 'query' | 'methodOverride' | 'polled'> & { idempotent: boolean };

/** For reads a poll loop repeats anyway: `polled` skips the retries (the next cycle is the retry). */
export interface PollReadOptions {
  polled?: boolean;
}

export class ChatAgentClient {
  private bearer: string;
  private readonly signal: AbortSignal | undefined;
  /** The hostname the agent session was opened on: the bearer goes to its site only. */
  private trustedHost?: string;

  constructor(
    private readonly http: HttpClient,
    options: ChatAgentClientOptions,
  ) {
    this.bearer = options.bearer;
    this.signal = options.signal;
  }

  /** Uses a new bearer (after a new login) for the next calls. */
  setBearer(bearer: string): void {
    this.bearer = bearer;
  }

  // ---------------------------------------------------------------- agent session

  /**
   * Opens an agent session: `POST https://{host}/api/account/{accountId}/agentSession` `{"loginData":""}`
   * -> the agent session URL (`{S}`). Retried on 5xx like an idempotent call: a spare agent session is
   * harmless, a bot that cannot start is not.
   */
  async startAgentSession(host: string, accountId: string): Promise<string> {
    const operation = 'startAgentSession';
    const url = `${hostOrigin(operation, host, this.http.settings.loopbackScheme)}/api/account/${accountPath(operation, accountId)}/agentSession`;
    this.trustedHost = new URL(url).hostname;
    return this.send(operation, 'POST', url, { body: startAgentSessionBody(), idempotent: true }, orLocation(readAgentSessionLocation));
  }

  /** `GET {S}` (`?data=true` inlines the agent info and ringing state) -> links and, with data, more. */
  async getAgentSession(sessionUrl: string, options: { data?: boolean } = {}): Promise<AgentSessionResources> {
    return this.send('getAgentSession', 'GET', sessionUrl, { query: { data: options.data ? 'true' : undefined }, idempotent: true }, readAgentSessionResources);
  }

  /** `GET {S}/availability` -> `Online`, `Away`, `Occupied` or `Offline`. */
  async getAvailability(sessionUrl: string): Promise<ChatAvailability> {
    return this.send('getAvailability', 'GET', sub(sessionUrl, 'availability'), { idempotent: true }, readAvailability);
  }

  /** `POST {S}/availability` + `X-HTTP-Method-Override: PUT` `{availability:{chat}}`. */
  async setAvailability(sessionUrl: string, chat: 'Online' | 'Away' | 'Occupied'): Promise<void> {
    await this.send('setAvailability', 'POST', sub(sessionUrl, 'availability'), { body: setAvailabilityBody(chat), methodOverride: 'PUT', idempotent: true });
  }

  /** `GET {S}/info` -> the bot user: name, id, skills, `maxChats`. */
  async getAgentInfo(sessionUrl: string): Promise<AgentInfo> {
    return this.send('getAgentInfo', 'GET', sub(sessionUrl, 'info'), { idempotent: true }, readAgentInfo);
  }

  /** `GET {S}/availableAgents` with optional filters. */
  async getAvailableAgents(sessionUrl: string, filters: AvailableAgentsFilter = {}): Promise<AvailableAgent[]> {
    const query = { skill: filters.skill, chatState: filters.chatState, voiceState: filters.voiceState, chatReasonId: filters.chatReasonId };
    return this.send('getAvailableAgents', 'GET', sub(sessionUrl, 'availableAgents'), { query, idempotent: true }, readAvailableAgents);
  }

  /** `GET {S}/chat/availableSlots` -> free slots; `undefined` when unlimited. */
  async getAvailableSlots(sessionUrl: string, params: AvailableSlotsQuery = {}): Promise<number | undefined> {
    const query = { skill: params.skill, maxWaitTime: params.maxWaitTime, agent: params.agent };
    return this.send('getAvailableSlots', 'GET', sub(sessionUrl, 'chat/availableSlots'), { query, idempotent: true }, readAvailableSlots);
  }

  /** `GET {S}/incomingRequests` -> how many chats ring, and where to accept the next one. */
  async getIncomingRequests(sessionUrl: string, options: PollReadOptions = {}): Promise<IncomingRequests> {
    return this.send('getIncomingRequests', 'GET', sub(sessionUrl, 'incomingRequests'), { idempotent: true, polled: options.polled }, readIncomingRequests);
  }

  /**
   * Accepts the next ringing chat: `POST {S}/incomingRequests` `{}` (or `acceptUrl` from
   * `getIncomingRequests`) -> the chat URL. Not retried: a failure may have taken the chat
   * (`ambiguous`); look at `getChatSessions` before accepting again.
   */
  async acceptNextChat(sessionUrl: string, acceptUrl?: string): Promise<string> {
    return this.send('acceptNextChat', 'POST', acceptUrl ?? sub(sessionUrl, 'incomingRequests'), { body: acceptChatBody(), idempotent: false }, orLocation(readChatLocation));
  }

  /** `GET {S}/chatSessions` -> this agent's open chats. */
  async getChatSessions(sessionUrl: string): Promise<ChatSessionRef[]> {
    return this.send('getChatSessions', 'GET', sub(sessionUrl, 'chatSessions'), { idempotent: true }, readChatSessions);
  }

  /** `GET {S}/participantExtendedInfo/{participantId}` -> an SSO visitor's data. */
  async getParticipantInfo(sessionUrl: string, participantId: string): Promise<ParticipantInfo> {
    return this.send('getParticipantInfo', 'GET', sub(sessionUrl, `participantExtendedInfo/${encodeURIComponent(participantId)}`), { idempotent: true }, readParticipantInfo);
  }

  // ---------------------------------------------------------------- chats

  /** `GET {C}` (`?from=N`) -> links, events and info of one chat. */
  async getChat(chatUrl: string, options: { from?: number } = {}): Promise<ChatResource> {
    return this.send('getChat', 'GET', chatUrl, { query: { from: options.from }, idempotent: true }, (data) => readChatResource(data, chatUrl));
  }

  /** `GET` an events URL, normally the last `next` link -> new events and the next `next`. */
  async getEvents(url: string): Promise<EventPage> {
    return this.send('getEvents', 'GET', url, { idempotent: true }, readEvents);
  }

  /**
   * Several chats in one read: `GET {S}/chat?chatSessionKeys=a,b&fromEventIds=0,5`. Lists longer than
   * `MAX_CHATS_PER_READ` go out as several requests, one after the other; the results are merged.
   */
  async getChats(sessionUrl: string, cursors: readonly ChatCursor[], options: PollReadOptions = {}): Promise<ChatResource[]> {
    const out: ChatResource[] = [];
    for (let i = 0; i < cursors.length; i += MAX_CHATS_PER_READ) {
      const chunk = cursors.slice(i, i + MAX_CHATS_PER_READ);
      for (const c of chunk) {
        if (!Number.isInteger(c.fromEventId) || c.fromEventId < 0) throw configError('getChats', 'fromEventId must be a whole number >= 0');
      }
      // Commas as the docs print them, not %2C.
      const keys = chunk.map((c) => encodeURIComponent(c.chatSessionKey)).join(',');
      const from = chunk.map((c) => c.fromEventId).join(',');
      const url = `${sub(sessionUrl, 'chat')}${sessionUrl.includes('?') ? '&' : '?'}chatSessionKeys=${keys}&fromEventIds=${from}`;
      out.push(...(await this.send('getChats', 'GET', url, { idempotent: true, polled: options.polled }, readMultipleChats)));
    }
    return out;
  }

  /**
   * Adds a line: `POST {C}/events` `{event:{@type:"line",text,textType,subType?,json?}}` -> the new
   * event's id. Not retried: on an `ambiguous` error the line may be in the chat already.
   */
  async addLine(chatUrl: string, line: LineRequest): Promise<number> {
    return this.send('addLine', 'POST', sub(chatUrl, 'events'), { body: addLineBody(line), idempotent: false }, (data, response) => {
      const eventId = eventIdOf(orLocation((d) => readChatEventLocation(d).href)(data, response));
      if (eventId === undefined) throw new ResponseFormatError('chatEventLocation', "chatEventLocation.link['@href']", 'does not end in an event id');
      return eventId;
    });
  }

  /** Ends the chat: `POST {C}/events` `{event:{@type:"state",state:"ended"}}`. Not retried. */
  async endChat(chatUrl: string): Promise<void> {
    await this.send('endChat', 'POST', sub(chatUrl, 'events'), { body: endChatBody(), idempotent: false });
  }

  /** `POST {C}/info/agentTyping` + override PUT `{agentTyping:"typing"|"not-typing"}`. */
  async setAgentTyping(chatUrl: string, typing: boolean): Promise<void> {
    await this.send('setAgentTyping', 'POST', sub(chatUrl, 'info/agentTyping'), { body: agentTypingBody(typing), methodOverride: 'PUT', idempotent: true });
  }

  /** `GET {C}/info/agentTyping`. */
  async getAgentTyping(chatUrl: string): Promise<TypingStatus> {
    return this.send('getAgentTyping', 'GET', sub(chatUrl, 'info/agentTyping'), { idempotent: true }, readTyping);
  }

  /** `GET {C}/info/visitorTyping`. */
  async getVisitorTyping(chatUrl: string): Promise<TypingStatus> {
    return this.send('getVisitorTyping', 'GET', sub(chatUrl, 'info/visitorTyping'), { idempotent: true }, readTyping);
  }

  /** `GET {C}/info/visitorName` -> the name the visitor gave (`visitor` by default). */
  async getVisitorName(chatUrl: string): Promise<string> {
    return this.send('getVisitorName', 'GET', sub(chatUrl, 'info/visitorName'), { idempotent: true }, readVisitorName);
  }

  /** `GET {C}/info`. */
  async getChatInfo(chatUrl: string): Promise<ChatInfo> {
    return this.send('getChatInfo', 'GET', sub(chatUrl, 'info'), { idempotent: true }, readChatInfo);
  }

  /** `GET {C}/transfer` -> skills with an online agent (not in this chat). */
  async getTransferSkills(chatUrl: string): Promise<TransferSkill[]> {
    return this.send('getTransferSkills', 'GET', sub(chatUrl, 'transfer'), { idempotent: true }, readTransferSkills);
  }

  /**
   * Transfers the chat to a skill or an agent: `POST {C}/transfer` `{transfer:{skill|agent:{id},text?}}`;
   * `text` is shown to the receiving agent only. Not retried.
   */
  async transfer(chatUrl: string, target: TransferTarget, text?: string): Promise<void> {
    await this.send('transfer', 'POST', sub(chatUrl, 'transfer'), { body: transferBody(target, text), idempotent: false });
  }

  /** `GET {C}/survey` -> the agent survey structure, as sent. */
  async getSurvey(chatUrl: string): Promise<Record<string, unknown>> {
    return this.send('getSurvey', 'GET', sub(chatUrl, 'survey'), { idempotent: true }, (data) =>
      data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {},
    );
  }

  /** `POST {C}/survey` + override PUT `{survey:{@id, question:[{@id, answer}]}}`. */
  async submitSurvey(chatUrl: string, surveyId: string | number, answers: SurveyAnswers): Promise<void> {
    await this.send('submitSurvey', 'POST', sub(chatUrl, 'survey'), { body: surveyBody(surveyId, answers), methodOverride: 'PUT', idempotent: true });
  }

  // ---------------------------------------------------------------- plumbing

  private async send<T>(operation: string, method: 'GET' | 'POST', url: string, options: Options, read?: (data: unknown, response: ApiResponse) => T): Promise<T> {
    if (!this.bearer) throw configError(operation, 'no bearer: log in first');
    if (typeof url !== 'string' || !url) throw configError(operation, 'no URL given');
    if (this.trustedHost !== undefined) {
      const host = URL.canParse(url) ? new URL(url).hostname : '';
      if (!sharesSite(host, this.trustedHost)) {
        throw configError(operation, `refusing to send the bearer to ${host || 'an unparsable URL'}: not the agent session's site (${this.trustedHost})`);
      }
    }
    const request: ApiRequest = {
      operation,
      method,
      url,
      chatAgent: true,
      bearer: this.bearer,
      idempotent: options.idempotent,
      ...(options.body === undefined ? {} : { body: options.body }),
      ...(options.query ? { query: options.query } : {}),
      ...(options.methodOverride ? { methodOverride: options.methodOverride } : {}),
      ...(options.polled ? { polled: true } : {}),
      ...(this.signal ? { signal: this.signal } : {}),
    };
    if (read) return this.http.call(request, read);
    await this.http.request(request);
    return undefined as T;
  }
}

/** Reads the body; an empty 2xx body with a `Location` header (2017 docs) yields the header instead. */
function orLocation(read: (data: unknown) => string): (data: unknown, response: ApiResponse) => string {
  return (data, response) => (data === null && response.location ? response.location : read(data));
}

/** `{base}/{path}`, keeping the base's query string at the end. */
function sub(base: string, path: string): string {
  const q = base.search(/[?#]/);
  const head = (q >= 0 ? base.slice(0, q) : base).replace(/\/+$/, '');
  return `${head}/${path}${q >= 0 ? base.slice(q) : ''}`;
}
