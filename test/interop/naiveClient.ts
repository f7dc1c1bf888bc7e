import { Agent } from 'undici';

/**
 * A LiveEngage agent client as a stranger writes it from LivePerson's docs and the agent-sample-app:
 * plain `fetch`, `https://` in front of the bare `baseURI`, the legacy `/csdr` Domain API path the
 * sample calls, no availability call (the docs' getting-started order has none), and lists read the
 * way the documented examples print them (`chatSession[...]`, `chats.chat[...]` as arrays). No
 * retries, no dialect normalisation, nothing shared with `src/api` or the simulator: if the simulator
 * differs from what the docs show, this client breaks.
 */

/** Wire JSON, read as the docs show it. */
type Json = any;

export class NaiveClient {
  private readonly dispatcher: Agent;
  private host = '';
  private bearer = '';
  private csrf = '';
  private cookie = '';
  sessionUrl = '';

  /** `ca`: the simulator's certificate; verification stays on (never NODE_TLS_REJECT_UNAUTHORIZED=0). */
  constructor(
    private readonly domainBase: string,
    private readonly accountId: string,
    ca: string,
  ) {
    this.dispatcher = new Agent({ connect: { ca } });
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }

  private async send(method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Json; setCookie: string | null }> {
    const res = await fetch(url, {
      method,
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        ...(this.bearer ? { Authorization: `Bearer ${this.bearer}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      dispatcher: this.dispatcher,
    } as RequestInit);
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${new URL(url).pathname} answered ${res.status}`);
    return { status: res.status, json: text ? JSON.parse(text) : null, setCookie: res.headers.get('set-cookie') };
  }

  /** Step 1 as the sample app does it: `/csdr/account/{acct}/service/agentVep/baseURI.json?version=1.0`. */
  async domain(): Promise<string> {
    const { json } = await this.send('GET', `${this.domainBase}/csdr/account/${this.accountId}/service/agentVep/baseURI.json?version=1.0`);
    this.host = json.baseURI;
    return this.host;
  }

  /** Step 2, OAuth2 client credentials through the login call: client id/secret and "dummy" tokens. */
  async login(username: string, clientId: string, clientSecret: string): Promise<void> {
    const { json, setCookie } = await this.send('POST', `https://${this.host}/api/account/${this.accountId}/login?v=1.3`, {
      username,
      appKey: clientId,
      secret: clientSecret,
      accessToken: 'dummy',
      accessTokenSecret: 'dummy',
    });
    this.bearer = json.bearer;
    this.csrf = json.csrf;
    this.cookie = (setCookie ?? '').split(';')[0] ?? '';
  }

  /** Step 3: `{"loginData":""}`; the session URL is `agentSessionLocation.link['@href']`. */
  async startAgentSession(): Promise<string> {
    const { json } = await this.send('POST', `https://${this.host}/api/account/${this.accountId}/agentSession?v=1&NC=true`, { loginData: '' });
    this.sessionUrl = json.agentSessionLocation.link['@href'];
    return this.sessionUrl;
  }

  async ringingCount(): Promise<number> {
    const { json } = await this.send('GET', `${this.sessionUrl}/incomingRequests?v=1&NC=true`);
    return Number(json.incomingRequests.ringingCount);
  }

  /** Accepts the next chat (`{}` as documented); returns `chatLocation.link['@href']`. */
  async accept(): Promise<string> {
    const { json } = await this.send('POST', `${this.sessionUrl}/incomingRequests?v=1&NC=true`, {});
    return json.chatLocation.link['@href'];
  }

  /** The keys of the agent's chats, read as the documented example prints them: an array. */
  async chatSessionKeys(): Promise<string[]> {
    const { json } = await this.send('GET', `${this.sessionUrl}/chatSessions?v=1&NC=true`);
    if (json.chatSessions === null) return [];
    return json.chatSessions.chatSession.map((s: Json) => s.chatSessionKey);
  }

  /** The multi-chat read for those keys: visitor texts per chat key, from `chats.chat[]`. */
  async visitorLines(keys: string[]): Promise<Record<string, string[]>> {
    const url = `${this.sessionUrl}/chat?chatSessionKeys=${keys.join(',')}&fromEventIds=${keys.map(() => 0).join(',')}&v=1&NC=true`;
    const { json } = await this.send('GET', url);
    const out: Record<string, string[]> = {};
    for (const chat of json.chats.chat) {
      // The sample app's guard: one event may come as an object.
      const events = [].concat(chat.events.event ?? []);
      out[chat.info.chatSessionKey] = events.filter((e: Json) => e.type === 'line' && e.source === 'visitor').map((e: Json) => e.text);
    }
    return out;
  }

  /** The sample app's reply: html wrapped in its `<p dir='ltr' ...>`. */
  async reply(chatUrl: string, text: string): Promise<void> {
    await this.send('POST', `${chatUrl}/events?v=1&NC=true`, {
      event: { '@type': 'line', text: `<p dir='ltr' style='direction: ltr; text-align: left;'>${text}</p>`, textType: 'html' },
    });
  }

  /** Login Service logout: csrf in the body, the Session_id cookie. */
  async logout(): Promise<void> {
    await this.send('POST', `https://${this.host}/api/account/${this.accountId}/logout`, { csrf: this.csrf }, { Cookie: this.cookie });
  }
}
