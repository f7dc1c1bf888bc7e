import assert from 'node:assert/strict';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { call, chatIdOf, fixture, login, TestAgent, type Json } from '../support/simulatorClient.js';

const OAUTH_REJECTED =
  'oauth_problem=token_rejected&oauth_problem_advice=the oauth_token is unacceptable to the Service Provider';

/** Short forms of events for sequence assertions. */
function brief(events: Json[]): string[] {
  return events.map((e) =>
    e['@type'] === 'state' ? `state ${e.state}` : `${e.source}${e.systemMessageId !== undefined ? ` ${e.systemMessageId}` : ''}: ${e.text}`,
  );
}

describe('simulator: lifecycle over HTTP', () => {
  let sim: LiveEngageSimulator;

  beforeEach(async () => {
    sim = new LiveEngageSimulator({ log: false });
    await sim.start();
  });

  afterEach(() => sim.stop());

  it('runs the documented lifecycle end to end, with the documented event sequence', async () => {
    // 1 domain, 2 login, 3 agent session, 4 Online
    const domain = await call(`${sim.domainApiUrl}/api/account/${sim.accountId}/service/agentVep/baseURI.json?version=1.0`);
    const base = `http://${domain.json.baseURI}`;
    const auth = await login(sim);
    const started = await call(`${base}/api/account/${sim.accountId}/agentSession?v=1&NC=true`, {
      headers: { Authorization: `Bearer ${auth.bearer}` },
      body: fixture('start-agent-session-request.json'),
    });
    const sessionUrl: string = started.json.agentSessionLocation.link['@href'];
    const headers = { Authorization: `Bearer ${auth.bearer}` };
    const online = await call(`${sessionUrl}/availability?v=1&NC=true`, {
      headers: { ...headers, 'X-HTTP-Method-Override': 'PUT' },
      body: { availability: { chat: 'Online' } },
    });
    assert.equal(online.status, 200);

    // a visitor arrives; 5 ringing; 6 accept
    const { chatId } = sim.startChat({ skill: 'support-bot', visitorName: 'Ada' });
    const ringing = await call(`${sessionUrl}/incomingRequests?v=1&NC=true`, { headers });
    assert.equal(ringing.json.incomingRequests.ringingCount, '1');
    const accepted = await call(`${ringing.json.incomingRequests.link['@href']}?v=1&NC=true`, { headers, body: {} });
    const chatUrl: string = accepted.json.chatLocation.link['@href'];
    assert.equal(chatIdOf(chatUrl), chatId);

    // 7 chat resource
    const chat = await call(`${chatUrl}?v=1&NC=true`, { headers });
    assert.deepEqual(brief(chat.json.chat.events.event), [
      'state waiting',
      'system 4: Thank you for choosing to chat with us.  An agent will be with you shortly.',
      'state chatting',
      'system 3: You are now chatting with Support Bot.',
    ]);
    assert.deepEqual(
      chat.json.chat.events.event.map((e: Json) => e['@id']),
      ['0', '1', '2', '3'],
    );
    let next: string = chat.json.chat.events.link[1]['@href'];

    // 8 poll, 9 reply
    sim.visitorSays(chatId, 'hi there');
    const poll = await call(`${next}&v=1&NC=true`, { headers });
    assert.equal(poll.json.events.event.text, 'hi there');
    assert.equal(poll.json.events.event.by, 'Ada');
    assert.equal(poll.json.events.event.source, 'visitor');
    next = poll.json.events.link[1]['@href'];
    const line = await call(`${chatUrl}/events?v=1&NC=true`, {
      headers,
      body: { event: { '@type': 'line', text: '<p>Hello Ada</p>', textType: 'html' } },
    });
    assert.equal(line.status, 201);
    assert.deepEqual(
      sim.chat(chatId).events.slice(-1).map((e) => [e.source, e.by, e.text, e.textType]),
      [['agent', 'Support Bot', '<p>Hello Ada</p>', 'html']],
    );

    // 11 end
    const end = await call(`${chatUrl}/events?v=1&NC=true`, { headers, body: fixture('end-chat-request.json') });
    assert.equal(end.status, 201);
    const rest = await call(`${next}&v=1&NC=true`, { headers });
    assert.deepEqual(brief([rest.json.events.event].flat()), [
      'agent: <p>Hello Ada</p>',
      'system 5: Support Bot has ended the chat.',
      'state ended',
    ]);
    assert.equal(sim.chat(chatId).state, 'ended');
    assert.deepEqual((await call(`${sessionUrl}/chatSessions`, { headers })).json, { chatSessions: null });
    // ended chats stay readable; writing to them is a conflict; ending again is idempotent
    assert.equal((await call(`${chatUrl}/info`, { headers })).json.info.state, 'ended');
    const late = await call(`${chatUrl}/events`, { headers, body: { event: { '@type': 'line', text: 'late' } } });
    assert.equal(late.status, 409);
    const again = await call(`${chatUrl}/events`, { headers, body: fixture('end-chat-request.json') });
    assert.equal(again.status, 201);
    assert.equal(again.json.chatLocation.link['@href'], end.json.chatLocation.link['@href']);

    // 12 refresh, 13 logout
    const refresh = await call(`${base}/api/account/${sim.accountId}/refresh`, {
      headers: { Cookie: auth.cookie },
      body: { csrf: auth.csrf },
    });
    assert.equal(refresh.status, 200);
    assert.equal(refresh.text, '');
    assert.match(refresh.headers.get('set-cookie') ?? '', /^Session_id=/);
    const logout = await call(`${base}/api/account/${sim.accountId}/logout`, {
      headers: { Cookie: auth.cookie },
      body: { csrf: auth.csrf },
    });
    assert.equal(logout.status, 200);
    assert.equal(logout.text, '');
    const after = await call(`${sessionUrl}/incomingRequests`, { headers });
    assert.equal(after.status, 401);
    assert.equal(after.text, OAUTH_REJECTED);
  });

  it('rings a bot that never sets its availability (initialAvailability Online by default)', async () => {
    const { chatId } = sim.startChat({ skill: 'support-bot' });
    const agent = await TestAgent.start(sim, { online: false }); // no PUT availability, ever
    assert.equal(sim.agents().find((a) => a.id === '1001')?.availability, 'Online');
    assert.equal(await agent.ringingCount(), 1, 'the waiting chat rings it as soon as its session opens');
    assert.equal(chatIdOf(await agent.accept()), chatId);
    const second = await agent.anotherSession({ online: false });
    await second.setAvailability('Away');
    await agent.anotherSession({ online: false });
    assert.equal(sim.agents().find((a) => a.id === '1001')?.availability, 'Away', 'only the first session sets it');
  });

  it('with initialAvailability Offline a bot waits for its own PUT availability before anything rings', async () => {
    const offline = new LiveEngageSimulator({ log: false, initialAvailability: 'Offline' });
    await offline.start();
    try {
      offline.startChat({ skill: 'support-bot' });
      const agent = await TestAgent.start(offline, { online: false });
      assert.equal(await agent.ringingCount(), 0);
      assert.equal((await agent.request('/availability')).json.availability.chat, 'Offline');
      await agent.setAvailability('Online');
      assert.equal(await agent.ringingCount(), 1);
    } finally {
      await offline.stop();
    }
    assert.throws(() => new LiveEngageSimulator({ initialAvailability: 'Busy' as 'Online' }), /initialAvailability must be one of Online, Away, Occupied, Offline/);
  });

  it('ends a chat the visitor closes with state ended and no system line', async () => {
    const agent = await TestAgent.start(sim);
    const { chatId } = sim.startChat({ skill: 'support-bot' });
    const chatUrl = await agent.accept();
    sim.visitorEnds(chatId);
    assert.deepEqual(brief(await agent.events(chatUrl, 4)), ['state ended']);
    assert.equal((await agent.say(chatUrl, 'too late')).status, 409);
  });

  it('accepts the .json suffix form everywhere, and v/NC are optional', async () => {
    const auth = await login(sim);
    const bare = { Authorization: `Bearer ${auth.bearer}`, Accept: '*/*', 'Content-Type': 'application/json' };
    const started = await call(`${sim.url}/api/account/${sim.accountId}/agentSession.json?v=1&NC=true`, {
      headers: bare,
      body: { loginData: { userName: 'support-bot', password: 'bot-password' } },
    });
    assert.equal(started.status, 201);
    const sessionUrl: string = started.json.agentSessionLocation.link['@href'];
    assert.ok(!sessionUrl.endsWith('.json'));
    const online = await call(`${sessionUrl}/availability.json?v=1&NC=true`, {
      headers: { ...bare, 'X-HTTP-Method-Override': 'PUT' },
      body: { availability: { chat: 'Online' } },
    });
    assert.equal(online.status, 200);
    assert.equal((await call(`${sessionUrl}.json`, { headers: bare })).status, 200);
    const { chatId } = sim.startChat({ skill: 'support-bot' });
    const ringing = await call(`${sessionUrl}/incomingRequests.json?v=1&NC=true`, { headers: bare });
    const accepted = await call(`${ringing.json.incomingRequests.link['@href']}.json?v=1&NC=true`, {
      headers: bare,
      body: { chat: 'start' },
    });
    assert.equal(accepted.status, 201);
    const chatUrl: string = accepted.json.chatLocation.link['@href'];
    const chat = await call(`${chatUrl}.json?v=1&NC=true`, { headers: bare });
    assert.equal(chat.status, 200);
    const next: string = chat.json.chat.events.link[1]['@href'].replace('/events', '/events.json');
    sim.visitorSays(chatId, 'suffix');
    const poll = await call(`${next}&v=1&NC=true`, { headers: bare });
    assert.equal(poll.json.events.event.text, 'suffix');
    const line = await call(`${chatUrl}/events.json?v=1&NC=true`, {
      headers: bare,
      body: { event: { '@type': 'line', text: 'ok', textType: 'plain' } },
    });
    assert.equal(line.status, 201);
    // no v/NC at all, with the Accept header
    assert.equal((await call(`${chatUrl}/events?from=0`, { headers: { Authorization: bare.Authorization } })).status, 200);
    // neither the suffix nor Accept: JSON -> 406 (LiveEngage would answer XML)
    const xml = await call(`${chatUrl}/events`, { headers: bare });
    assert.equal(xml.status, 406);
    assert.equal(xml.json.error.responseStatus, 'NOT_ACCEPTABLE');
  });

  it('answers 401 with the OAuth text for a missing, unknown or revoked bearer', async () => {
    const agent = await TestAgent.start(sim);
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer nope' }, { Authorization: 'Basic abc' }];
    for (const headers of attempts) {
      const res = await call(`${agent.sessionUrl}/incomingRequests`, { headers });
      assert.equal(res.status, 401);
      assert.equal(res.text, OAUTH_REJECTED);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    }
    assert.deepEqual(sim.revokeBearer('support-bot'), { revoked: 1 });
    const revoked = await agent.request('/incomingRequests');
    assert.equal(revoked.status, 401);
    assert.equal(revoked.text, OAUTH_REJECTED);
    const startAgain = await call(`${sim.url}/api/account/${sim.accountId}/agentSession`, {
      headers: agent.authHeader,
      body: { loginData: '' },
    });
    assert.equal(startAgain.status, 401);
  });

  it('answers refresh/logout with a bad csrf with exactly the documented error, and without a cookie with 401', async () => {
    const auth = await login(sim);
    for (const op of ['refresh', 'logout']) {
      const res = await call(`${sim.url}/api/account/${sim.accountId}/${op}`, {
        headers: { Cookie: auth.cookie },
        body: { csrf: 'not-the-csrf' },
      });
      assert.equal(res.status, 401);
      const expected = fixture('csrf-invalid-error.json');
      assert.deepEqual({ ...res.json.error, time: 'T' }, { ...expected.error, time: 'T' });
      assert.match(res.json.error.time, /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d\d:\d\d [AP]M$/);
      const noCookie = await call(`${sim.url}/api/account/${sim.accountId}/${op}`, { body: { csrf: auth.csrf } });
      assert.equal(noCookie.status, 401);
      assert.equal(noCookie.json.error.responseStatus, 'UNAUTHORIZED');
    }
  });

  it('answers 404 for unknown sessions and chats, 403 for another agent\'s', async () => {
    const one = await TestAgent.start(sim);
    const two = await TestAgent.start(sim, { credentials: { username: 'support-bot-2', password: 'bot-password-2' } });
    sim.startChat({ skill: 'support-bot' });
    const chatUrl = await one.accept();
    const otherUsersChat = chatUrl.replace(one.sessionUrl, two.sessionUrl);
    const forbidden = await two.request(otherUsersChat);
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.json.error.responseStatus, 'FORBIDDEN');
    assert.equal((await two.say(otherUsersChat, 'hijack')).status, 403);
    // another user's agent session with a valid bearer
    assert.equal((await two.request(`${one.sessionUrl}/info`)).status, 403);
    assert.equal((await one.request(`${one.sessionUrl.replace(/\d+$/, '1234567890')}/info`)).status, 404);
    const unknownChat = await one.request('/chat/H1-abcK2');
    assert.equal(unknownChat.status, 404);
    assert.equal(unknownChat.json.error.responseStatus, 'NOT_FOUND');
  });

  it('lets a second agent session of the same user read and write its chats (continuity)', async () => {
    const first = await TestAgent.start(sim);
    const { chatId } = sim.startChat({ skill: 'support-bot' });
    await first.accept();
    const second = await TestAgent.start(sim);
    const listed = (await second.request('/chatSessions')).json.chatSessions.chatSession[0];
    assert.equal(listed.chatSessionKey, chatId);
    assert.equal((await second.say(listed.link.href, 'from my other device')).status, 201);
  });

  it('answers malformed JSON with 400 in the envelope, unknown resources with 404', async () => {
    const agent = await TestAgent.start(sim);
    sim.startChat({ skill: 'support-bot' });
    const chatUrl = await agent.accept();
    const bad = await agent.request(`${chatUrl}/events`, { raw: '{"event":{"@type":"line","text":' });
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.json.error), ['time', 'message', 'internalCode', 'responseStatus']);
    assert.equal((await agent.request(`${chatUrl}/events`, { body: { event: { '@type': 'url' } } })).status, 400);
    assert.equal((await agent.request(`${chatUrl}/events`, { body: { event: { '@type': 'line' } } })).status, 400);
    const huge = await call(`${sim.url}/api/account/${sim.accountId}/login`, {
      body: { username: 'support-bot', password: 'x'.repeat(1024 * 1024 + 10) },
    });
    assert.equal(huge.status, 400);
    assert.equal(huge.json.error.responseStatus, 'BAD_REQUEST');
    const missing = await call(`${sim.url}/api/nothing-here`);
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.responseStatus, 'NOT_FOUND');
    const control = await call(`${sim.url}/simulator/nothing-here`);
    assert.equal(control.status, 404);
    assert.equal(typeof control.json.error, 'string');
  });

  it('counts requests per operation', async () => {
    const agent = await TestAgent.start(sim);
    sim.startChat({ skill: 'support-bot' });
    const chatUrl = await agent.accept();
    await agent.events(chatUrl);
    await agent.events(chatUrl, 4);
    await agent.say(chatUrl, 'x');
    await agent.end(chatUrl);
    const stats = sim.stats();
    assert.equal(stats.byOperation.login, 1);
    assert.equal(stats.byOperation.getEvents, 2);
    assert.equal(stats.byOperation.addLine, 1);
    assert.equal(stats.byOperation.endChat, 1);
    assert.equal(stats.byOperation.acceptChat, 1);
    assert.equal(stats.total, 8); // login, session, availability, accept, 2 polls, line, end
    assert.equal(stats.byStatus['201'], 4);
    assert.deepEqual(stats.chats, { waiting: 0, chatting: 0, ended: 1 });
    sim.resetStats();
    assert.equal(sim.stats().total, 0);
  });
});
