/**
 * The baseline: a bot agent polling the way LivePerson's agent-sample-app does, one events request per
 * chat per interval (following each chat's `next` link), with the same typed client as the adapter.
 */
import { ChatAgentClient } from '../src/api/chatAgent.js';
import { createHttpClient } from '../src/api/http.js';
import { login, logout, lookupAgentVep } from '../src/api/login.js';
import type { Credentials, LoginSession } from '../src/api/types.js';

export interface BaselineOptions {
  domainApiUrl: string;
  accountId: string;
  credentials: Credentials;
  intervalMs: number;
  /**
   * Called for every visitor line, with the time the events read that carried it returned; its promise
   * resolves when the reply was sent.
   */
  onVisitorLine: (text: string, reply: (text: string) => Promise<void>, readAt: number) => Promise<void>;
}

export class PerChatPoller {
  private readonly http = createHttpClient({ retryDelaysMs: [100, 200] });
  private client!: ChatAgentClient;
  private host = '';
  private session?: LoginSession;
  private sessionUrl = '';
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly options: BaselineOptions) {}

  async start(): Promise<void> {
    const { domainApiUrl, accountId, credentials } = this.options;
    this.host = await lookupAgentVep(this.http, { domainApiUrl, accountId });
    this.session = await login(this.http, { host: this.host, accountId, credentials });
    this.client = new ChatAgentClient(this.http, { bearer: this.session.bearer });
    this.sessionUrl = await this.client.startAgentSession(this.host, accountId);
    await this.client.setAvailability(this.sessionUrl, 'Online');
    this.every(() => this.acceptRinging());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    if (this.session) await logout(this.http, { host: this.host, accountId: this.options.accountId, session: this.session }).catch(() => {});
  }

  private every(fn: () => Promise<void>): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || this.stopped) return;
      busy = true;
      fn().catch(() => {}).finally(() => { busy = false; });
    }, this.options.intervalMs);
    this.timers.add(timer);
  }

  private async acceptRinging(): Promise<void> {
    const { ringingCount } = await this.client.getIncomingRequests(this.sessionUrl);
    // LiveEngage sets an agent Away when a chat rings past 20 s (hundreds ringing at once, accepted one
    // by one): the sample app would then take no more chats. The baseline goes Online again, so it can
    // be compared at all at 500 chats per bot user (one more request a cycle: an Away agent is rung no more).
    if ((await this.client.getAvailability(this.sessionUrl)) !== 'Online') await this.client.setAvailability(this.sessionUrl, 'Online');
    for (let i = 0; i < ringingCount; i += 1) {
      const chatUrl = await this.client.acceptNextChat(this.sessionUrl);
      const chat = await this.client.getChat(chatUrl);
      let next = chat.nextUrl;
      this.every(async () => {
        if (!next) return;
        const page = await this.client.getEvents(next);
        const readAt = performance.timeOrigin + performance.now();
        next = page.nextUrl ?? next;
        for (const event of page.events) {
          if (event.type === 'line' && event.source === 'visitor') {
            await this.options.onVisitorLine(event.text, async (text) => { await this.client.addLine(chatUrl, { text, textType: 'plain' }); }, readAt);
          }
        }
      });
    }
  }
}
