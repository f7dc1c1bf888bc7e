/**
 * The login functions and the Chat Agent client against the real simulator over loopback.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { ChatAgentClient, MAX_CHATS_PER_READ } from '../../src/api/chatAgent.js';
import { LiveEngageApiError } from '../../src/api/errors.js';
import { createHttpClient, type HttpClient, type HttpSettings, type RequestInfo } from '../../src/api/http.js';
import { login, logout, lookupAgentVep, refresh } from '../../src/api/login.js';
import { isLoopbackHost } from '../../src/api/scheme.js';
import type { Credentials, LineEvent, LoginSession } from '../../src/api/types.js';
import { LiveEngageSimulator, SIMULATOR_DEFAULTS } from '../../src/simulator/index.js';
import { startScriptedServer } from '../support/apiServer.js';

const FAST: HttpSettings = { retryDelaysMs: [5, 5, 5], rateLimitMinDelayMs: 20, loginRateLimitMinDelayMs: 30, timeoutMs: 3000 };
const PASSWORD: Credentials = { username: 'support-bot', password: 'bot-password' };
const APP_KEY: Credentials = { username: 'support-bot', appKey: 'app-key-1001', secret: 'app-secret-1001', accessToken: 'access-token-1001', accessTokenSecret: 'access-token-secret-1001' };
const OAUTH2: Credentials = { username: 'support-bot', appKey: 'app-key-1001', secret: 'app-secret-1001' };

/** Values that must never show up in any error, in any rendering. */
const SECRETS = new Set<string>(['bot-password', 'app-key-1001', 'app-secret-1001', 'access-token-1001', 'access-token-secret-1001']);
/** Every error the client threw in this file; checked for secrets at the end. */
const ERRORS: unknown[] = [];

async function rejection(promise: Promise<unknown>): Promise<LiveEngageApiError> {
  try {
    await promise;
  } catch (error) {
    ERRORS.push(error);
    assert.ok(error instanceof LiveEngageApiError, `expected LiveEngageApiError, got ${inspect(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

const chatIdOf = (chatUrl: string): string => decodeURIComponent(new URL(chatUrl).pathname.split('/').pop() ?? '');

describe('api/client against the simulator', function () {
  this.timeout(20_000);
  let sim: LiveEngageSimulator;
  let http: HttpClient;
  let host: string;
  const requests: RequestInfo[] = [];

  /** A fresh login + agent session, Online. */
  async function signIn(credentials: Credentials = PASSWORD): Promise<{ session: LoginSession; client: ChatAgentClient; sessionUrl: string }> {
    const session = await login(http, { host, accountId: sim.accountId, credentials });
    for (const secret of [session.bearer, session.csrf, session.sessionIdCookie]) if (secret) SECRETS.add(secret);
    const client = new ChatAgentClient(http, { bearer: session.bearer });
    const sessionUrl = await client.startAgentSession(session.baseUris.agentVep ?? host, sim.accountId);
    await client.setAvailability(sessionUrl, 'Online');
    return { session, client, sessionUrl };
  }

  /** Starts a chat as a visitor and accepts it as the bot; the chat URL. */
  async function openChat(agent: { client: ChatAgentClient; sessionUrl: string }, visitorName = 'Ann'): Promise<{ chatUrl: string; chatId: string }> {
    const { chatId } = await sim.startChat({ skill: 'support-bot', visitorName });
    for (let i = 0; i < 100; i += 1) {
      const ringing = await agent.client.getIncomingRequests(agent.sessionUrl);
      if (ringing.ringingCount > 0) {
        const chatUrl = await agent.client.acceptNextChat(agent.sessionUrl, ringing.acceptUrl);
        if (chatIdOf(chatUrl) === chatId) return { chatUrl, chatId };
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return assert.fail(`chat ${chatId} never rang`);
  }

  const countOf = (operation: string): number => requests.filter((r) => r.operation === operation).length;

  before(async () => {
    sim = new LiveEngageSimulator({ log: false });
    await sim.start();
    http = createHttpClient({ ...FAST, onRequest: (info) => requests.push(info) });
    host = await lookupAgentVep(http, { domainApiUrl: sim.domainApiUrl, accountId: sim.accountId });
  });

  after(async () => {
    http?.close();
    await sim?.stop();
  });

  describe('Domain API', () => {
    it('finds the agentVep host: a bare loopback host[:port]', () => {
      assert.match(host, /^[^/:@?#]+(:\d+)?$/);
      assert.ok(isLoopbackHost(host.replace(/:\d+$/, '')));
      assert.equal(sim.accountId, SIMULATOR_DEFAULTS.accountId);
    });

    it('reads the single-service and the baseURIs list shapes', async () => {
      const list = JSON.parse(readFileSync(new URL('../fixtures/domain-api-baseuris-response.json', import.meta.url), 'utf8')) as { baseURIs: { service: string; account: string; baseURI: string }[] };
      const single = JSON.parse(readFileSync(new URL('../fixtures/domain-api-service-response.json', import.meta.url), 'utf8')) as unknown;
      const withAgentVep = { baseURIs: [...list.baseURIs, { service: 'agentVep', account: '1234', baseURI: 'va.agentvep.liveperson.net' }] };
      const bodies: unknown[] = [single, withAgentVep, list];
      const server = await startScriptedServer(() => ({ status: 200, body: bodies.shift() }));
      try {
        const options = { domainApiUrl: server.origin, accountId: '1234' };
        assert.equal(await lookupAgentVep(http, options), 'exampleDomain.liveperson.net');
        assert.equal(await lookupAgentVep(http, options), 'va.agentvep.liveperson.net');
        const err = await rejection(lookupAgentVep(http, options));
        assert.equal(err.kind, 'malformed');
        assert.match(err.message, /^LiveEngage lookupAgentVep failed: unexpected response \(domain response: baseURIs has no entry for service agentVep\)$/);
        assert.equal(server.requests[0]?.url, '/api/account/1234/service/agentVep/baseURI.json?version=1.0');
      } finally {
        await server.close();
      }
    });

    it('refuses a plain-http Domain API on a non-loopback host before any request', async () => {
      const before = requests.length;
      const err = await rejection(lookupAgentVep(http, { domainApiUrl: 'http://api.liveperson.net', accountId: sim.accountId }));
      assert.equal(err.kind, 'config');
      assert.match(err.message, /api\.liveperson\.net/);
      assert.equal(requests.length, before);
    });
  });

  describe('Login Service', () => {
    it('password login: bearer, csrf, Session_id cookie, TTL, baseURIs', async () => {
      const session = await login(http, { host, accountId: sim.accountId, credentials: PASSWORD });
      SECRETS.add(session.bearer).add(session.csrf);
      assert.ok(session.bearer.length > 10);
      assert.ok(session.csrf.length > 10);
      assert.ok(session.sessionIdCookie, 'Session_id cookie read from Set-Cookie');
      SECRETS.add(session.sessionIdCookie);
      assert.equal(session.sessionTtlMs, SIMULATOR_DEFAULTS.sessionTtlMs);
      assert.ok(session.baseUris.agentVep);
      assert.equal(session.loginName, 'support-bot');
    });

    it('API-key login, and the OAuth2 client-credentials form ("dummy" tokens)', async () => {
      const key = await login(http, { host, accountId: sim.accountId, credentials: APP_KEY });
      const oauth2 = await login(http, { host, accountId: sim.accountId, credentials: OAUTH2 });
      SECRETS.add(key.bearer).add(oauth2.bearer);
      assert.ok(key.bearer && oauth2.bearer && key.bearer !== oauth2.bearer);
      // The bearer works.
      const client = new ChatAgentClient(http, { bearer: oauth2.bearer });
      assert.match(await client.startAgentSession(host, sim.accountId), /\/agentSession\/[^/]+$/);
    });

    it('wrong credentials: 401, not authExpired, not retried, no password in the error', async () => {
      const before = countOf('login');
      const err = await rejection(login(http, { host, accountId: sim.accountId, credentials: { username: 'support-bot', password: 'wrong-Passw0rd' } }));
      SECRETS.add('wrong-Passw0rd');
      assert.equal(err.status, 401);
      assert.equal(err.authExpired, false);
      assert.equal(err.retryable, false);
      assert.equal(countOf('login') - before, 1);
      assert.match(err.message, /^LiveEngage login failed: HTTP 401 \(LiveEngage rejected the credentials of user support-bot/);
    });

    it('451: says the account or user is blocked by LivePerson', async () => {
      const blocked = new LiveEngageSimulator({ log: false });
      await blocked.start();
      try {
        await blocked.blockUser('support-bot');
        const blockedHost = await lookupAgentVep(http, { domainApiUrl: blocked.domainApiUrl, accountId: blocked.accountId });
        const err = await rejection(login(http, { host: blockedHost, accountId: blocked.accountId, credentials: PASSWORD }));
        assert.equal(err.status, 451);
        assert.equal(err.retryable, false);
        assert.match(err.message, /^LiveEngage login failed: HTTP 451 \(the account or user is blocked by LivePerson; contact LivePerson support/);
      } finally {
        await blocked.stop();
      }
    });

    it('refresh with the cookie and csrf; logout; after logout refresh is 401 authExpired', async () => {
      const session = await login(http, { host, accountId: sim.accountId, credentials: PASSWORD });
      SECRETS.add(session.bearer).add(session.csrf);
      if (session.sessionIdCookie) SECRETS.add(session.sessionIdCookie);
      const refreshed = await refresh(http, { host, accountId: sim.accountId, session });
      assert.equal(refreshed.bearer, session.bearer);
      assert.ok(refreshed.sessionIdCookie);
      await logout(http, { host, accountId: sim.accountId, session: refreshed });
      const err = await rejection(refresh(http, { host, accountId: sim.accountId, session: refreshed }));
      assert.equal(err.status, 401);
      assert.equal(err.authExpired, true);
      assert.equal(err.retryable, false);
    });

    it('refresh with a bad csrf: 401 with the CSRF message', async () => {
      const session = await login(http, { host, accountId: sim.accountId, credentials: PASSWORD });
      SECRETS.add(session.bearer).add(session.csrf);
      const err = await rejection(refresh(http, { host, accountId: sim.accountId, session: { ...session, csrf: 'not-the-csrf-token' } }));
      SECRETS.add('not-the-csrf-token');
      assert.equal(err.status, 401);
      assert.match(err.message, /CSRF/i);
    });

    it('retries login on 5xx and waits out a 429', async () => {
      await sim.injectFault({ match: { operation: 'login' }, times: 2, status: 503 });
      const session = await login(http, { host, accountId: sim.accountId, credentials: PASSWORD });
      SECRETS.add(session.bearer).add(session.csrf);
      await sim.injectFault({ match: { operation: 'login' }, times: 1, status: 429, retryAfterSeconds: 0 });
      const started = Date.now();
      const again = await login(http, { host, accountId: sim.accountId, credentials: PASSWORD });
      SECRETS.add(again.bearer).add(again.csrf);
      assert.ok(Date.now() - started >= 28, 'waited loginRateLimitMinDelayMs');
    });

    it('config errors: not a bare host, bad account id, missing credentials', async () => {
      for (const bad of [`http://${host}`, `${host}/api`, `user@${host}`]) {
        const err = await rejection(login(http, { host: bad, accountId: sim.accountId, credentials: PASSWORD }));
        assert.equal(err.kind, 'config');
      }
      assert.equal((await rejection(login(http, { host, accountId: '../x', credentials: PASSWORD }))).kind, 'config');
      const noSecret = await rejection(login(http, { host, accountId: sim.accountId, credentials: { username: 'support-bot', appKey: 'app-key-1001', secret: '' } }));
      assert.equal(noSecret.message, 'LiveEngage login failed: credentials.secret is required');
    });
  });

  describe('agent session', () => {
    let agent: { session: LoginSession; client: ChatAgentClient; sessionUrl: string };
    before(async () => {
      agent = await signIn();
    });

    it('startAgentSession -> a URL under the agentVep host; getAgentSession links', async () => {
      assert.ok(agent.sessionUrl.startsWith(`http://${agent.session.baseUris.agentVep ?? host}/api/account/${sim.accountId}/agentSession/`));
      const resources = await agent.client.getAgentSession(agent.sessionUrl);
      assert.equal(resources.links.self, agent.sessionUrl);
      assert.equal(resources.links['incoming-requests'], `${agent.sessionUrl}/incomingRequests`);
      const withData = await agent.client.getAgentSession(agent.sessionUrl, { data: true });
      assert.equal(withData.info?.agentName, 'Support Bot');
    });

    it('availability: set and read', async () => {
      await agent.client.setAvailability(agent.sessionUrl, 'Away');
      assert.equal(await agent.client.getAvailability(agent.sessionUrl), 'Away');
      await agent.client.setAvailability(agent.sessionUrl, 'Online');
      assert.equal(await agent.client.getAvailability(agent.sessionUrl), 'Online');
    });

    it('agent info: skills and unlimited maxChats', async () => {
      const info = await agent.client.getAgentInfo(agent.sessionUrl);
      assert.equal(info.id, '1001');
      assert.equal(info.agentName, 'Support Bot');
      assert.equal(info.maxChats, undefined);
      assert.deepEqual(info.skills, [{ id: 1, name: 'support-bot' }]);
    });

    it('available agents (with a skill filter) and available slots', async () => {
      const all = await agent.client.getAvailableAgents(agent.sessionUrl);
      const alice = all.find((a) => a.userName === 'alice');
      assert.ok(alice, 'alice is listed');
      assert.equal(alice.id, '2001');
      assert.equal(alice.chatState, 'Online');
      assert.deepEqual(alice.skillIds, [2]);
      const humans = await agent.client.getAvailableAgents(agent.sessionUrl, { skill: 'human-support' });
      assert.ok(humans.every((a) => a.skillIds.includes(2)));
      assert.ok(humans.some((a) => a.userName === 'alice'));
      const slots = await agent.client.getAvailableSlots(agent.sessionUrl, { skill: 'human-support', maxWaitTime: 0 });
      assert.ok(slots === undefined || slots >= 0);
    });

    it('nothing ringing: count 0, no accept URL', async () => {
      const other = await signIn({ username: 'support-bot-2', password: 'bot-password-2' });
      SECRETS.add('bot-password-2');
      await other.client.setAvailability(other.sessionUrl, 'Away');
      assert.deepEqual(await other.client.getIncomingRequests(other.sessionUrl), { ringingCount: 0 });
    });

    it('5xx retried then succeeds; 4xx not retried', async () => {
      await sim.injectFault({ match: { path: '/incomingRequests', method: 'GET' }, times: 2, status: 503 });
      const before = countOf('getIncomingRequests');
      await agent.client.getIncomingRequests(agent.sessionUrl);
      assert.equal(countOf('getIncomingRequests') - before, 3);

      await sim.injectFault({ match: { path: '/availability', method: 'GET' }, times: 1, status: 400 });
      const before4xx = countOf('getAvailability');
      const err = await rejection(agent.client.getAvailability(agent.sessionUrl));
      assert.equal(err.status, 400);
      assert.equal(err.retryable, false);
      assert.equal(countOf('getAvailability') - before4xx, 1);
    });

    it('429 with Retry-After: waited and retried', async () => {
      await sim.injectFault({ match: { path: '/info', method: 'GET' }, times: 1, status: 429, retryAfterSeconds: 0 });
      const started = Date.now();
      const before = countOf('getAgentInfo');
      await agent.client.getAgentInfo(agent.sessionUrl);
      assert.equal(countOf('getAgentInfo') - before, 2);
      assert.ok(Date.now() - started >= 18);
    });

    it('a revoked bearer: 401 authExpired; a new login and setBearer carry on', async () => {
      const mine = await signIn();
      await sim.revokeBearer('support-bot');
      const err = await rejection(mine.client.getAvailability(mine.sessionUrl));
      assert.equal(err.status, 401);
      assert.equal(err.authExpired, true);
      assert.equal(err.retryable, false);
      const again = await login(http, { host, accountId: sim.accountId, credentials: PASSWORD });
      SECRETS.add(again.bearer).add(again.csrf);
      mine.client.setBearer(again.bearer);
      const sessionUrl = await mine.client.startAgentSession(host, sim.accountId);
      assert.equal(typeof (await mine.client.getAvailability(sessionUrl)), 'string');
      agent = await signIn();
    });
  });

  describe('chats', () => {
    let agent: { session: LoginSession; client: ChatAgentClient; sessionUrl: string };
    before(async () => {
      agent = await signIn();
    });

    it('ring, accept, read the chat, see it in chatSessions', async () => {
      const { chatUrl, chatId } = await openChat(agent, 'Ann');
      assert.ok(chatUrl.startsWith(`${agent.sessionUrl}/chat/`));
      const sessions = await agent.client.getChatSessions(agent.sessionUrl);
      assert.ok(sessions.some((s) => s.chatSessionKey === chatId && s.chatUrl === chatUrl));
      const chat = await agent.client.getChat(chatUrl);
      assert.equal(chat.chatUrl, chatUrl);
      assert.equal(chat.info.chatSessionKey, chatId);
      assert.equal(chat.info.visitorName, 'Ann');
      assert.equal(chat.info.state, 'chatting');
      assert.ok(chat.events.some((e) => e.type === 'state' && e.state === 'chatting'));
      assert.deepEqual(chat.events.map((e) => e.id), chat.events.map((_, i) => i));
      assert.equal(chat.nextFrom, chat.events.length);
      assert.ok(chat.nextUrl);
      assert.equal(chat.links.events, `${chatUrl}/events`);
    });

    it('poll events through next links; visitor lines; from=', async () => {
      const { chatUrl, chatId } = await openChat(agent, 'Bea');
      const first = await agent.client.getChat(chatUrl);
      await sim.visitorSays(chatId, 'hello <b>there</b>');
      const page = await agent.client.getEvents(first.nextUrl ?? assert.fail('no next'));
      const lines = page.events.filter((e): e is LineEvent => e.type === 'line' && e.source === 'visitor');
      assert.equal(lines.length, 1);
      assert.equal(lines[0]?.text, 'hello <b>there</b>');
      assert.equal(lines[0]?.id, first.nextFrom);
      assert.equal(page.nextFrom, (first.nextFrom ?? 0) + 1);
      const empty = await agent.client.getEvents(page.nextUrl ?? assert.fail('no next'));
      assert.deepEqual(empty.events, []);
      assert.equal(empty.nextFrom, page.nextFrom);
      const from = await agent.client.getChat(chatUrl, { from: first.nextFrom ?? 0 });
      assert.deepEqual(from.events.map((e) => e.id), [first.nextFrom]);
    });

    it('addLine: plain, html and agent-only lines land with their ids', async () => {
      const { chatUrl, chatId } = await openChat(agent, 'Cid');
      const a = await agent.client.addLine(chatUrl, { text: 'Hi Cid' });
      const b = await agent.client.addLine(chatUrl, { text: '<p>bold</p>', textType: 'html' });
      const c = await agent.client.addLine(chatUrl, { text: 'note to agents', subType: 'ONLY_TO_REP' });
      assert.deepEqual([b - a, c - b], [1, 1]);
      const view = await sim.chat(chatId);
      const byId = new Map(view.events.map((e) => [e.id, e]));
      assert.equal(byId.get(a)?.text, 'Hi Cid');
      assert.equal(byId.get(a)?.source, 'agent');
      assert.equal(byId.get(b)?.textType, 'html');
      assert.equal(byId.get(c)?.subType, 'ONLY_TO_REP');
    });

    it('typing, visitor name, chat info', async () => {
      const { chatUrl, chatId } = await openChat(agent, 'Dee');
      await agent.client.setAgentTyping(chatUrl, true);
      assert.equal(await agent.client.getAgentTyping(chatUrl), 'typing');
      await agent.client.setAgentTyping(chatUrl, false);
      assert.equal(await agent.client.getAgentTyping(chatUrl), 'not-typing');
      await sim.visitorTyping(chatId, true);
      assert.equal(await agent.client.getVisitorTyping(chatUrl), 'typing');
      assert.equal(await agent.client.getVisitorName(chatUrl), 'Dee');
      const info = await agent.client.getChatInfo(chatUrl);
      assert.equal(info.visitorTyping, 'typing');
      assert.equal(info.state, 'chatting');
      assert.equal(info.agentName, 'Support Bot');
      assert.ok(info.chatTimeout !== undefined && info.chatTimeout > 0);
    });

    it('multi-chat read of two chats from their cursors', async () => {
      const one = await openChat(agent, 'Eve');
      const two = await openChat(agent, 'Fay');
      const c1 = await agent.client.getChat(one.chatUrl);
      const c2 = await agent.client.getChat(two.chatUrl);
      await sim.visitorSays(two.chatId, 'news');
      const chats = await agent.client.getChats(agent.sessionUrl, [
        { chatSessionKey: one.chatId, fromEventId: c1.nextFrom ?? 0 },
        { chatSessionKey: two.chatId, fromEventId: c2.nextFrom ?? 0 },
      ]);
      assert.equal(chats.length, 2);
      const byKey = new Map(chats.map((c) => [c.info.chatSessionKey, c]));
      assert.deepEqual(byKey.get(one.chatId)?.events, []);
      const news = byKey.get(two.chatId)?.events;
      assert.equal(news?.length, 1);
      assert.equal((news?.[0] as LineEvent).text, 'news');
      assert.equal(byKey.get(two.chatId)?.chatUrl, two.chatUrl);
      assert.deepEqual(await agent.client.getChats(agent.sessionUrl, []), []);
    });

    it('transfer skills and transfer to a skill', async () => {
      const { chatUrl, chatId } = await openChat(agent, 'Gus');
      const skills = await agent.client.getTransferSkills(chatUrl);
      const human = skills.find((s) => s.name === 'human-support');
      assert.ok(human, `human-support offered: ${JSON.stringify(skills)}`);
      assert.equal(human.id, 2);
      assert.ok(human.onlineAgents >= 1);
      await agent.client.transfer(chatUrl, { skillId: human.id }, 'asked for a human');
      const view = await sim.chat(chatId);
      assert.equal(view.skill.name, 'human-support');
    });

    it('transfer to an agent', async () => {
      const { chatUrl, chatId } = await openChat(agent, 'Hal');
      await agent.client.transfer(chatUrl, { agentId: 2001 });
      const view = await sim.chat(chatId);
      assert.ok(view.agent?.id === '2001' || view.queue?.directedTo?.id === '2001', JSON.stringify(view));
    });

    it('endChat: the chat ends and stays readable; visitorEnds shows as a state event', async () => {
      const { chatUrl, chatId } = await openChat(agent, 'Ida');
      await agent.client.endChat(chatUrl);
      assert.equal((await sim.chat(chatId)).state, 'ended');
      const chat = await agent.client.getChat(chatUrl);
      assert.equal(chat.info.state, 'ended');
      assert.ok(chat.events.some((e) => e.type === 'state' && e.state === 'ended'));

      const other = await openChat(agent, 'Jo');
      const before = await agent.client.getChat(other.chatUrl);
      await sim.visitorEnds(other.chatId);
      const page = await agent.client.getEvents(before.nextUrl ?? assert.fail('no next'));
      assert.ok(page.events.some((e) => e.type === 'state' && e.state === 'ended'));
    });

    it('agent survey: read and submit', async () => {
      const { chatUrl, chatId } = await openChat(agent, 'Kim');
      const survey = await agent.client.getSurvey(chatUrl);
      // The structure comes as sent: `{survey:{@id, question:[{@id, label, ...}]}}`.
      const body = survey.survey as { '@id': string; question: { '@id': string }[] | { '@id': string } };
      const surveyId = body['@id'];
      const questions = Array.isArray(body.question) ? body.question : [body.question];
      assert.ok(surveyId && questions.length > 0, JSON.stringify(survey));
      const answers = Object.fromEntries(questions.map((q) => [q['@id'], 'Yes']));
      await agent.client.submitSurvey(chatUrl, surveyId, answers);
      const view = await sim.chat(chatId);
      assert.deepEqual(view.survey, answers);
    });

    it('malformed body: kind malformed, naming the operation', async () => {
      const { chatUrl } = await openChat(agent, 'Lou');
      await sim.injectFault({ match: { path: '/info/visitorName' }, times: 1, body: 'malformed' });
      const err = await rejection(agent.client.getVisitorName(chatUrl));
      assert.equal(err.kind, 'malformed');
      assert.equal(err.operation, 'getVisitorName');
      assert.match(err.message, /^LiveEngage getVisitorName failed: /);
    });

    it('socket dropped after the line was applied: ambiguous, and the line IS in the chat', async () => {
      const { chatUrl, chatId } = await openChat(agent, 'Max');
      await sim.injectFault({ match: { operation: 'addLine' }, times: 1, drop: 'after-apply' });
      const before = countOf('addLine');
      const err = await rejection(agent.client.addLine(chatUrl, { text: 'did this land?' }));
      assert.equal(err.kind, 'network');
      assert.equal(err.ambiguous, true);
      assert.equal(countOf('addLine') - before, 1, 'not retried');
      const view = await sim.chat(chatId);
      assert.equal(view.events.filter((e) => e.text === 'did this land?').length, 1);
    });

    it('5xx on addLine: not retried, ambiguous; malformed 201 on addLine: ambiguous and applied', async () => {
      const { chatUrl, chatId } = await openChat(agent, 'Ned');
      await sim.injectFault({ match: { operation: 'addLine' }, times: 1, status: 500 });
      const before = countOf('addLine');
      const err = await rejection(agent.client.addLine(chatUrl, { text: 'first try' }));
      assert.equal(err.status, 500);
      assert.equal(err.ambiguous, true);
      assert.equal(err.retryable, true);
      assert.equal(countOf('addLine') - before, 1);

      await sim.injectFault({ match: { operation: 'addLine' }, times: 1, body: 'malformed' });
      const bad = await rejection(agent.client.addLine(chatUrl, { text: 'second try' }));
      assert.equal(bad.kind, 'malformed');
      assert.equal(bad.ambiguous, true);
      const view = await sim.chat(chatId);
      assert.equal(view.events.filter((e) => e.text === 'second try').length, 1);
    });

    it('http to a non-loopback chat URL is refused before any request; https passes the scheme rule', async () => {
      const before = requests.length;
      const err = await rejection(agent.client.getEvents('http://va.agentvep.liveperson.net/api/account/1/agentSession/2/chat/K/events?from=3'));
      assert.equal(err.kind, 'config');
      assert.match(err.message, /va\.agentvep\.liveperson\.net/);
      assert.ok(!err.message.includes('from=3'));
      assert.equal(requests.length, before);
      // https is allowed: the request is made (to a loopback port where nothing speaks TLS, so it fails on the network).
      const tls = await rejection(agent.client.getEvents(`https://127.0.0.1:1/chat/K/events`));
      assert.notEqual(tls.kind, 'config');
    });
  });

  describe('2017 style: an empty 2xx body with a Location header', () => {
    it('startAgentSession, acceptNextChat and addLine read the Location header', async () => {
      const replies = [
        { status: 201, headers: { Location: '/api/account/1/agentSession/77' } },
        { status: 201, headers: { Location: 'http://127.0.0.1:1/api/account/1/agentSession/77/chat/K9' } },
        { status: 201, headers: { Location: 'chat/K9/events/7' } },
      ];
      const server = await startScriptedServer(() => replies.shift() ?? { status: 500 });
      try {
        const client = new ChatAgentClient(http, { bearer: 'b' });
        assert.equal(await client.startAgentSession(server.host, '1'), `${server.origin}/api/account/1/agentSession/77`);
        assert.equal(await client.acceptNextChat(`${server.origin}/api/account/1/agentSession/77`), 'http://127.0.0.1:1/api/account/1/agentSession/77/chat/K9');
        assert.equal(await client.addLine(`${server.origin}/api/account/1/agentSession/77/chat/K9`, { text: 'hi' }), 7);
        assert.deepEqual(JSON.parse(server.requests[2]?.body ?? ''), { event: { '@type': 'line', text: 'hi', textType: 'plain' } });
      } finally {
        await server.close();
      }
    });
  });

  describe('multi-chat read chunking', () => {
    it(`splits more than ${MAX_CHATS_PER_READ} cursors into several requests and merges them`, async () => {
      const urls: string[] = [];
      const server = await startScriptedServer((req) => {
        urls.push(req.url);
        const keys = /chatSessionKeys=([^&]*)/.exec(req.url)?.[1]?.split(',') ?? [];
        const chat = keys.map((key) => ({
          link: [{ href: `http://x/chat/${key}`, rel: 'self' }],
          events: { link: [{ href: `http://x/chat/${key}/events?from=0`, rel: 'next' }] },
          info: { state: 'chatting', chatSessionKey: decodeURIComponent(key) },
        }));
        return { status: 200, body: { chats: { chat } } };
      });
      try {
        const client = new ChatAgentClient(http, { bearer: 'b' });
        const cursors = Array.from({ length: MAX_CHATS_PER_READ * 2 + 3 }, (_, i) => ({ chatSessionKey: `K${i}`, fromEventId: i }));
        const chats = await client.getChats(`${server.origin}/api/account/1/agentSession/9`, cursors);
        assert.equal(urls.length, 3);
        assert.equal(chats.length, cursors.length);
        assert.deepEqual(chats.map((c) => c.info.chatSessionKey), cursors.map((c) => c.chatSessionKey));
        assert.equal(urls[0], `/api/account/1/agentSession/9/chat?chatSessionKeys=${cursors.slice(0, MAX_CHATS_PER_READ).map((c) => c.chatSessionKey).join(',')}&fromEventIds=${cursors.slice(0, MAX_CHATS_PER_READ).map((c) => c.fromEventId).join(',')}&v=1&NC=true`);
      } finally {
        await server.close();
      }
    });
  });

  describe('secrets', () => {
    it('no error of this suite shows a password, key, secret, bearer, csrf or session cookie', () => {
      assert.ok(ERRORS.length >= 15, `collected ${ERRORS.length} errors`);
      for (const err of ERRORS) {
        const e = err as Error;
        const renderings = [String(e), e.message, JSON.stringify(e), inspect(e, { depth: 10, showHidden: true }), e.stack ?? ''];
        for (const text of renderings) for (const secret of SECRETS) assert.ok(!text.includes(secret), `leaked a secret in: ${text}`);
      }
    });
  });
});
