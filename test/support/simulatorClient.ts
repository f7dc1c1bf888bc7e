import { readFileSync } from 'node:fs';
import type { LiveEngageSimulator } from '../../src/simulator/index.js';

/**
 * A deliberately naive LiveEngage client for the simulator's own tests: plain `fetch`, no retries, no
 * dialect normalisation, so the tests see exactly what goes over the wire. It shares no code with the
 * package's client in `src/api`.
 */

/** Wire JSON is read loosely in tests; the assertions say what it must be. */
export type Json = any;

export interface WireResponse {
  status: number;
  headers: Headers;
  text: string;
  json: Json;
}

const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

export async function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown; raw?: string } = {},
): Promise<WireResponse> {
  const response = await fetch(url, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers: { ...JSON_HEADERS, ...init.headers },
    ...(init.raw !== undefined ? { body: init.raw } : init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  let json: Json;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function fixture(name: string): Json {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
}

export interface LoginResult {
  bearer: string;
  csrf: string;
  cookie: string;
  body: Json;
}

export async function login(
  sim: LiveEngageSimulator,
  credentials: Record<string, string> = { username: 'support-bot', password: 'bot-password' },
): Promise<LoginResult> {
  const res = await call(`${sim.url}/api/account/${sim.accountId}/login?v=1.3`, { body: credentials });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${res.text}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { bearer: res.json.bearer, csrf: res.json.csrf, cookie, body: res.json };
}

/** One logged-in bot with an agent session: the calls a client makes, as thin as possible. */
export class TestAgent {
  private constructor(
    readonly sim: LiveEngageSimulator,
    readonly auth: LoginResult,
    readonly sessionUrl: string,
  ) {}

  static async start(
    sim: LiveEngageSimulator,
    options: { credentials?: Record<string, string>; online?: boolean } = {},
  ): Promise<TestAgent> {
    return TestAgent.openSession(sim, await login(sim, options.credentials), options.online);
  }

  /** Another agent session on this login (one login per user: a second login would end this one). */
  anotherSession(options: { online?: boolean } = {}): Promise<TestAgent> {
    return TestAgent.openSession(this.sim, this.auth, options.online);
  }

  private static async openSession(sim: LiveEngageSimulator, auth: LoginResult, online?: boolean): Promise<TestAgent> {
    const res = await call(`${sim.url}/api/account/${sim.accountId}/agentSession?v=1&NC=true`, {
      headers: { Authorization: `Bearer ${auth.bearer}` },
      body: { loginData: '' },
    });
    if (res.status !== 201) throw new Error(`agentSession answered ${res.status}: ${res.text}`);
    const agent = new TestAgent(sim, auth, res.json.agentSessionLocation.link['@href']);
    if (online !== false) await agent.setAvailability('Online');
    return agent;
  }

  get authHeader(): Record<string, string> {
    return { Authorization: `Bearer ${this.auth.bearer}` };
  }

  /** A Chat Agent call: absolute URL or relative to the agent session. */
  request(
    pathOrUrl: string,
    init: { method?: string; headers?: Record<string, string>; body?: unknown; raw?: string } = {},
  ): Promise<WireResponse> {
    const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : `${this.sessionUrl}${pathOrUrl}`;
    return call(url, { ...init, headers: { ...this.authHeader, ...init.headers } });
  }

  put(pathOrUrl: string, body: unknown): Promise<WireResponse> {
    return this.request(pathOrUrl, { method: 'POST', headers: { 'X-HTTP-Method-Override': 'PUT' }, body });
  }

  async setAvailability(chat: string): Promise<void> {
    const res = await this.put('/availability?v=1&NC=true', { availability: { chat } });
    if (res.status !== 200) throw new Error(`availability answered ${res.status}: ${res.text}`);
  }

  async ringingCount(): Promise<number> {
    return Number((await this.request('/incomingRequests?v=1&NC=true')).json.incomingRequests.ringingCount);
  }

  /** Accepts the next ringing chat; returns its chat URL. */
  async accept(): Promise<string> {
    const res = await this.request('/incomingRequests?v=1&NC=true', { body: {} });
    if (res.status !== 201) throw new Error(`accept answered ${res.status}: ${res.text}`);
    return res.json.chatLocation.link['@href'];
  }

  /** Events of a chat from `from`, always as an array. */
  async events(chatUrl: string, from = 0): Promise<Json[]> {
    const res = await this.request(`${chatUrl}/events?from=${from}&v=1&NC=true`);
    if (res.status !== 200) throw new Error(`events answered ${res.status}: ${res.text}`);
    const event = res.json.events.event;
    return event === undefined ? [] : [event].flat();
  }

  say(chatUrl: string, text: string, extra: Record<string, unknown> = {}): Promise<WireResponse> {
    return this.request(`${chatUrl}/events?v=1&NC=true`, {
      body: { event: { '@type': 'line', text, textType: 'plain', ...extra } },
    });
  }

  end(chatUrl: string): Promise<WireResponse> {
    return this.request(`${chatUrl}/events?v=1&NC=true`, { body: { event: { '@type': 'state', state: 'ended' } } });
  }

  logout(): Promise<WireResponse> {
    return call(`${this.sim.url}/api/account/${this.sim.accountId}/logout`, {
      headers: { Cookie: this.auth.cookie },
      body: { csrf: this.auth.csrf },
    });
  }
}

/** The chat id at the end of a chat URL. */
export function chatIdOf(chatUrl: string): string {
  return chatUrl.slice(chatUrl.lastIndexOf('/') + 1);
}

/**
 * Asserts `actual` has the documented shape of `expected`: the same keys in the same order (plus
 * `extraKeys` at the end of objects), the same JSON type for every leaf (string vs number matters),
 * `null` where the docs have `null`. Where the docs show an array, one item may come collapsed
 * (the dialect's rule) unless `strictArrays`; item i is compared with the docs' item i, or their first.
 */
export function assertShape(
  actual: Json,
  expected: Json,
  options: { extraKeys?: string[]; strictArrays?: boolean } = {},
  path = '$',
): void {
  const fail = (message: string): never => {
    throw new Error(`${path}: ${message}\nactual:   ${JSON.stringify(actual)}\nexpected: ${JSON.stringify(expected)}`);
  };
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) && options.strictArrays) fail('expected an array');
    const items = [actual].flat();
    if (items.length === 0) fail('expected at least one item');
    // Item by item where the docs list that many (event streams mix kinds), else like the first.
    items.forEach((item, index) => assertShape(item, expected[index] ?? expected[0], options, `${path}[${index}]`));
    return;
  }
  if (expected === null) {
    if (actual !== null) fail('expected null');
    return;
  }
  if (typeof expected === 'object') {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) fail('expected an object');
    const extra = new Set(options.extraKeys ?? []);
    const actualKeys = Object.keys(actual).filter((key) => !extra.has(key) || key in expected);
    const expectedKeys = Object.keys(expected);
    if (JSON.stringify(actualKeys) !== JSON.stringify(expectedKeys)) {
      fail(`keys ${JSON.stringify(actualKeys)} != ${JSON.stringify(expectedKeys)}`);
    }
    for (const key of expectedKeys) assertShape(actual[key], expected[key], options, `${path}.${key}`);
    return;
  }
  if (typeof actual !== typeof expected) fail(`expected a ${typeof expected}, got ${typeof actual}`);
}

/** The `@rel` (or `rel`) values of a link element, in order. */
export function rels(link: Json): string[] {
  return [link].flat().map((item: Json) => item['@rel'] ?? item.rel);
}
