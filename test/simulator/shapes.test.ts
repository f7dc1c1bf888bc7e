import assert from 'node:assert/strict';
import { LiveEngageSimulator, SIMULATOR_DEFAULTS } from '../../src/simulator/index.js';
import {
  assertShape,
  call,
  chatIdOf,
  fixture,
  login,
  rels,
  TestAgent,
  type Json,
} from '../support/simulatorClient.js';

/** Every resource against its documented example: keys, order, string-vs-number, collapse, null. */
describe('simulator: wire shapes against the documented examples', () => {
  let sim: LiveEngageSimulator;

  beforeEach(async () => {
    sim = new LiveEngageSimulator({
      log: false,
      botUsers: [
        ...SIMULATOR_DEFAULTS.botUsers,
        {
          id: '1003',
          loginName: 'multi-bot',
          nickname: 'Multi Bot',
          password: 'multi-password',
          skills: [1, 3],
          maxChats: 10,
        },
      ],
    });
    await sim.start();
  });

  afterEach(() => sim.stop());

  /** A bot chatting in a new chat: its agent and the chat URL. */
  async function chatting(options: { visitorName?: string } = {}): Promise<{ agent: TestAgent; chatUrl: string; chatId: string }> {
    const agent = await TestAgent.start(sim);
    const { chatId } = sim.startChat({ skill: 'support-bot', ...options });
    const chatUrl = await agent.accept();
    return { agent, chatUrl, chatId };
  }

  describe('Domain API', () => {
    it('answers the single-service shape with the simulator as agentVep', async () => {
      const res = await call(`${sim.url}/api/account/${sim.accountId}/service/agentVep/baseURI.json?version=1.0`);
      assert.equal(res.status, 200);
      assertShape(res.json, fixture('domain-api-service-response.json'));
      assert.deepEqual(res.json, { service: 'agentVep', account: sim.accountId, baseURI: sim.url.replace('http://', '') });
    });

    it('serves the legacy /csdr path the agent-sample-app calls, with the same single-service answer', async () => {
      const res = await call(`${sim.url}/csdr/account/${sim.accountId}/service/agentVep/baseURI.json?version=1.0`);
      assert.equal(res.status, 200);
      assertShape(res.json, fixture('domain-api-service-response.json'));
      assert.deepEqual(res.json, { service: 'agentVep', account: sim.accountId, baseURI: sim.url.replace('http://', '') });
      assert.equal((await call(`${sim.url}/csdr/account/999/service/agentVep/baseURI.json?version=1.0`)).status, 401);
      assert.equal((await call(`${sim.url}/csdr/account/${sim.accountId}/service/smt/baseURI.json?version=1.0`)).status, 400);
      assert.equal(sim.stats().byOperation.domain, 3);
    });

    it('answers the list shape without a service name', async () => {
      const res = await call(`${sim.url}/api/account/${sim.accountId}/service/baseURI.json?version=1.0`);
      assert.equal(res.status, 200);
      assertShape(res.json, fixture('domain-api-baseuris-response.json'));
    });

    it('answers 401 for an unknown account and 400 for an unknown service, in the error envelope', async () => {
      const unknownAccount = await call(`${sim.url}/api/account/999/service/agentVep/baseURI.json?version=1.0`);
      assert.equal(unknownAccount.status, 401);
      assertShape(unknownAccount.json, fixture('csrf-invalid-error.json'));
      assert.equal(unknownAccount.json.error.responseStatus, 'UNAUTHORIZED');
      const unknownService = await call(`${sim.url}/api/account/${sim.accountId}/service/smt/baseURI.json?version=1.0`);
      assert.equal(unknownService.status, 400);
      assert.equal(unknownService.json.error.responseStatus, 'BAD_REQUEST');
    });
  });

  describe('Login Service API', () => {
    it('answers a password login with the documented body, bearer last, and a Session_id cookie', async () => {
      const res = await call(`${sim.url}/api/account/${sim.accountId}/login?v=1.3`, {
        body: { username: 'support-bot', password: 'bot-password' },
      });
      assert.equal(res.status, 200);
      assertShape(res.json, fixture('login-response.json'));
      assert.equal(Object.keys(res.json).at(-1), 'bearer');
      assert.equal(res.json.sessionTTl, String(SIMULATOR_DEFAULTS.sessionTtlMs));
      const agentVep = res.json.csdsCollectionResponse.baseURIs.find((b: Json) => b.service === 'agentVep');
      assert.equal(agentVep.baseURI, sim.url.replace('http://', ''));
      assert.match(res.headers.get('set-cookie') ?? '', /^Session_id=[^;]+; Path=\/; HttpOnly$/);
    });

    it('accepts the API-key form, OAuth2 "dummy" tokens and any v', async () => {
      const { appKey } = SIMULATOR_DEFAULTS.botUsers[0] as Required<(typeof SIMULATOR_DEFAULTS.botUsers)[0]>;
      const oauth1 = await login(sim, { username: 'support-bot', ...appKey });
      assert.match(oauth1.bearer, /^[0-9a-f]{64}$/);
      const res = await call(`${sim.url}/api/account/${sim.accountId}/login?v=1.2`, {
        body: { username: 'support-bot', appKey: appKey.appKey, secret: appKey.secret, accessToken: 'dummy', accessTokenSecret: 'dummy' },
      });
      assert.equal(res.status, 200);
      const wrongSecret = await call(`${sim.url}/api/account/${sim.accountId}/login?v=1.3`, {
        body: { username: 'support-bot', appKey: appKey.appKey, secret: 'nope', accessToken: 'dummy', accessTokenSecret: 'dummy' },
      });
      assert.equal(wrongSecret.status, 401);
    });

    it('answers 401 for bad credentials, 400 for missing fields, 451 for a blocked user', async () => {
      const url = `${sim.url}/api/account/${sim.accountId}/login?v=1.3`;
      const bad = await call(url, { body: { username: 'support-bot', password: 'wrong' } });
      assert.equal(bad.status, 401);
      assertShape(bad.json, fixture('csrf-invalid-error.json'));
      assert.equal(bad.json.error.responseStatus, 'UNAUTHORIZED');
      assert.equal((await call(url, { body: { username: 'support-bot' } })).status, 400);
      assert.equal((await call(url, { raw: '{"username":' })).status, 400);
      sim.blockUser('support-bot');
      const blocked = await call(url, { body: { username: 'support-bot', password: 'bot-password' } });
      assert.equal(blocked.status, 451);
      assert.equal(blocked.json.error.responseStatus, 'UNAVAILABLE_FOR_LEGAL_REASONS');
      sim.blockUser('support-bot', false);
      assert.equal((await call(url, { body: { username: 'support-bot', password: 'bot-password' } })).status, 200);
    });
  });

  describe('agent session', () => {
    it('starts with 201, the documented body and a Location header, for every loginData form', async () => {
      const auth = await login(sim);
      for (const loginData of ['', {}, { userName: 'support-bot', password: 'bot-password' }]) {
        const res = await call(`${sim.url}/api/account/${sim.accountId}/agentSession?v=1&NC=true`, {
          headers: { Authorization: `Bearer ${auth.bearer}` },
          body: { loginData },
        });
        assert.equal(res.status, 201);
        assertShape(res.json, fixture('start-agent-session-response.json'), { strictArrays: true });
        assert.equal(res.headers.get('location'), res.json.agentSessionLocation.link['@href']);
        assert.match(res.json.agentSessionLocation.link['@href'], /\/agentSession\/\d{10}$/);
      }
      const missing = await call(`${sim.url}/api/account/${sim.accountId}/agentSession`, {
        headers: { Authorization: `Bearer ${auth.bearer}` },
        body: {},
      });
      assert.equal(missing.status, 400);
    });

    it('lists its resources, and inlines info and ringing with data=true', async () => {
      const agent = await TestAgent.start(sim, { credentials: { username: 'multi-bot', password: 'multi-password' } });
      const plain = await agent.request('?v=1&NC=true');
      assert.equal(plain.status, 200);
      assertShape(plain.json, fixture('agent-session-resources.json'), { strictArrays: true });
      assert.deepEqual(rels(plain.json.agentSessionId.link), rels(fixture('agent-session-resources.json').agentSessionId.link));

      sim.startChat({ skill: 'sales' });
      const data = await agent.request('?v=1&NC=true&data=true');
      assertShape(data.json, fixture('agent-session-resources-data-true.json'), { strictArrays: true });
      assert.equal(data.json.agentSessionId['incoming-requests'].ringingCount, '1');
    });

    it('reads and sets availability (POST + X-HTTP-Method-Override: PUT, or PUT)', async () => {
      const agent = await TestAgent.start(sim, { online: false });
      const initial = await agent.request('/availability?v=1&NC=true');
      assert.deepEqual(initial.json, { availability: { chat: 'Online', voice: 'Offline' } }, 'initialAvailability: Online by default');
      assertShape(initial.json, fixture('availability-response.json'));
      await agent.setAvailability('Offline');
      assert.deepEqual((await agent.request('/availability')).json, { availability: { chat: 'Offline', voice: 'Offline' } });
      const set = await agent.put('/availability', fixture('set-availability-request.json'));
      assert.equal(set.status, 200);
      assert.deepEqual(set.json, { availability: { chat: 'Online' } });
      const put = await agent.request('/availability', { method: 'PUT', body: { availability: { chat: 'Away' } } });
      assert.equal(put.status, 200);
      assert.equal((await agent.request('/availability')).json.availability.chat, 'Away');
      const noOverride = await agent.request('/availability', { body: { availability: { chat: 'Online' } } });
      assert.equal(noOverride.status, 405);
      assert.equal((await agent.put('/availability', { availability: { chat: 'Busy' } })).status, 400);
    });

    it('renders agent info with string ids and maxChats, skills as an array or one object', async () => {
      const multi = await TestAgent.start(sim, { credentials: { username: 'multi-bot', password: 'multi-password' } });
      const info = await multi.request('/info?v=1&NC=true');
      assertShape(info.json, fixture('agent-info-response.json'), { strictArrays: true });
      assert.deepEqual(info.json.info.skillsInfo.skillInfo, [
        { id: '1', name: 'support-bot' },
        { id: '3', name: 'sales' },
      ]);
      assert.equal(info.json.info.maxChats, '10');
      const single = await TestAgent.start(sim);
      const one = (await single.request('/info')).json.info;
      assert.deepEqual(one.skillsInfo, { skillInfo: { id: '1', name: 'support-bot' } });
      assert.equal(one.maxChats, '-1');
      assert.equal(one.id, '1001');
      assert.equal(one.agentName, 'Support Bot');
    });

    it('lists available agents with numeric chat states and skills as a string or an array', async () => {
      const agent = await TestAgent.start(sim);
      const res = await agent.request('/availableAgents?v=1&NC=true');
      assert.equal(res.status, 200);
      assertShape(res.json, fixture('available-agents-response.json'));
      assert.ok(Array.isArray(res.json.availableAgents.agents.agent));
      const byId = new Map<string, Json>(res.json.availableAgents.agents.agent.map((a: Json) => [a['@id'], a]));
      assert.equal(byId.get('1001')['@chatState'], '2'); // Online
      assert.equal(byId.get('1002')['@chatState'], '1'); // not logged in
      assert.equal(byId.get('2001')['@chatState'], '2'); // Alice online
      assert.equal(byId.get('2002')['@chatState'], '1'); // Bob offline
      assert.equal(byId.get('1001').skills.skill, '1');
      assert.deepEqual(byId.get('2002').skills.skill, ['2', '3']);
      await agent.setAvailability('Away');
      const away = await agent.request('/availableAgents?chatState=Away&skill=support-bot');
      // One agent is still a one-item array, as the documented example prints it.
      assert.equal(away.json.availableAgents.agents.agent.length, 1);
      assert.equal(away.json.availableAgents.agents.agent[0]['@id'], '1001');
      assert.equal(away.json.availableAgents.agents.agent[0]['@chatState'], '4');
      assert.equal(away.json.availableAgents.agents.agent[0].skills.skill, '1', 'skills.skill still collapses');
      const none = await agent.request('/availableAgents?chatState=Occupied');
      assert.equal(none.json.availableAgents.agents, null);
    });

    it('answers available slots as a number (-1 = unlimited)', async () => {
      const agent = await TestAgent.start(sim);
      const own = await agent.request('/chat/availableSlots?v=1&NC=true');
      assertShape(own.json, fixture('available-slots-response.json'));
      assert.equal(own.json.availableSlots, -1);
      const alice = await agent.request('/chat/availableSlots?agent=alice');
      assert.equal(alice.json.availableSlots, 4);
      const humans = await agent.request('/chat/availableSlots?skill=human-support&maxWaitTime=0');
      assert.equal(humans.json.availableSlots, 4);
    });

    it('shows ringing as a string count, with the accept link only while something rings', async () => {
      const agent = await TestAgent.start(sim);
      const idle = await agent.request('/incomingRequests?v=1&NC=true');
      assert.deepEqual(idle.json, fixture('incoming-requests-response.json'));
      sim.startChat({ skill: 'support-bot' });
      const ringing = await agent.request('/incomingRequests?v=1&NC=true');
      assert.deepEqual(ringing.json.incomingRequests, {
        ringingCount: '1',
        link: { '@href': `${agent.sessionUrl}/incomingRequests`, '@rel': 'accept-next-chat' },
      });
    });

    it('accepts with 201, the documented body and a Location header; 404 when nothing rings', async () => {
      const agent = await TestAgent.start(sim);
      const nothing = await agent.request('/incomingRequests', { body: fixture('accept-chat-request.json') });
      assert.equal(nothing.status, 404);
      assert.equal(nothing.json.error.responseStatus, 'NOT_FOUND');
      const { chatId } = sim.startChat({ skill: 'support-bot' });
      const res = await agent.request('/incomingRequests?v=1&NC=true', { body: { chat: 'start' } });
      assert.equal(res.status, 201);
      assertShape(res.json, fixture('accept-chat-response.json'), { strictArrays: true });
      assert.equal(res.json.chatLocation.link['@href'], `${agent.sessionUrl}/chat/${chatId}`);
      assert.equal(res.headers.get('location'), res.json.chatLocation.link['@href']);
    });

    it('lists chat sessions in plain href/rel form, one as a one-item array, null when there are none', async () => {
      const agent = await TestAgent.start(sim);
      assert.deepEqual((await agent.request('/chatSessions')).json, { chatSessions: null });
      const { chatId } = sim.startChat({ skill: 'support-bot' });
      await agent.accept();
      const one = await agent.request('/chatSessions?v=1&NC=true');
      assertShape(one.json, fixture('chat-sessions-response.json'), { strictArrays: true });
      assert.equal(one.json.chatSessions.chatSession.length, 1);
      assert.deepEqual(one.json.chatSessions.chatSession[0].link, { href: `${agent.sessionUrl}/chat/${chatId}`, rel: 'chat-session' });
      sim.startChat({ skill: 'support-bot' });
      await agent.accept();
      const two = await agent.request('/chatSessions');
      assert.equal(two.json.chatSessions.chatSession.length, 2);
    });

    it('answers 404 for participant info (no SSO visitors) and 501 for the undocumented visit resource', async () => {
      const { agent } = await chatting();
      const participant = await agent.request('/participantExtendedInfo/55fc1779');
      assert.equal(participant.status, 404);
      const visitLink = rels((await agent.request(`${(await agent.request('/chatSessions')).json.chatSessions.chatSession[0].link.href}`)).json.chat.link);
      assert.ok(visitLink.includes('visit-id'));
      const visit = await agent.request('/visits/visit/H1K2');
      assert.equal(visit.status, 501);
      assertShape(visit.json, fixture('csrf-invalid-error.json'));
    });
  });

  describe('chat', () => {
    it('renders the chat resource: nine links, events and info as documented', async () => {
      const { agent, chatUrl, chatId } = await chatting();
      const res = await agent.request(`${chatUrl}?v=1&NC=true`);
      assert.equal(res.status, 200);
      const expected = fixture('chat-resources-response.json');
      assertShape(res.json, expected, { extraKeys: ['skillId', 'skillName'], strictArrays: true });
      assert.deepEqual(rels(res.json.chat.link), rels(expected.chat.link));
      const links = Object.fromEntries([res.json.chat.link].flat().map((l: Json) => [l['@rel'], l['@href']]));
      assert.equal(links['next'], `${chatUrl}?from=4`);
      assert.equal(links['visit-id'], `${agent.sessionUrl}/visits/visit/${chatId.replace(/-[^K]*/, '')}`);
      assert.equal(links['agent-survey'], `${chatUrl}/survey`);
    });

    it('renders events as documented: @id strings, system ids as numbers, next = lastId+1 without v/NC', async () => {
      const { agent, chatUrl } = await chatting();
      const res = await agent.request(`${chatUrl}/events?v=1&NC=true`);
      assertShape(res.json, fixture('chat-events.json'), { strictArrays: true });
      assert.deepEqual(res.json.events.link[1], { '@href': `${chatUrl}/events?from=4`, '@rel': 'next' });
      assert.deepEqual(res.json.events.link[0], { '@href': `${chatUrl}/events`, '@rel': 'self' });
    });

    it('collapses one event to an object and omits event on an empty poll, keeping next', async () => {
      const { agent, chatUrl, chatId } = await chatting();
      const empty = await agent.request(`${chatUrl}/events?from=4&v=1&NC=true`);
      assert.equal(empty.json.events.event, undefined);
      assert.equal(empty.json.events.link[1]['@href'], `${chatUrl}/events?from=4`);
      sim.visitorSays(chatId, 'hello');
      const one = await agent.request(empty.json.events.link[1]['@href']);
      assert.equal(Array.isArray(one.json.events.event), false);
      assert.deepEqual(
        { ...one.json.events.event, time: 'T' },
        { '@id': '4', '@type': 'line', time: 'T', textType: 'plain', text: 'hello', by: 'visitor', source: 'visitor', subType: 'REGULAR' },
      );
      assert.equal(one.json.events.link[1]['@href'], `${chatUrl}/events?from=5`);
    });

    it('renders chat info as documented, plus skillId/skillName', async () => {
      const { agent, chatUrl } = await chatting({ visitorName: 'Ada' });
      const res = await agent.request(`${chatUrl}/info?v=1&NC=true`);
      assertShape(res.json, fixture('chat-info.json'), { extraKeys: ['skillId', 'skillName'], strictArrays: true });
      const info = res.json.info;
      assert.equal(info.chatTimeout, 40);
      assert.equal(info.agentId, 1001);
      assert.equal(info.agentName, 'Support Bot');
      assert.equal(info.visitorName, 'Ada');
      assert.equal(info.skillId, 1);
      assert.equal(info.skillName, 'support-bot');
      assert.match(info.startTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    });

    it('renders the multi-chat read in plain form: numeric id, string systemMessageId, one chat as a one-item array', async () => {
      const { agent, chatId } = await chatting();
      const res = await agent.request(`/chat?chatSessionKeys=${chatId},unknown-key&fromEventIds=0,0&v=1&NC=true`);
      assert.equal(res.status, 200);
      assertShape(res.json, fixture('multiple-chats-response.json'), { extraKeys: ['skillId', 'skillName'], strictArrays: true });
      assert.equal(res.json.chats.chat.length, 1, 'one chat is a one-item array, as documented');
      const chat = res.json.chats.chat[0];
      assert.deepEqual(rels(chat.link), rels(fixture('multiple-chats-response.json').chats.chat[0].link));
      assert.equal(chat.events.event[1].systemMessageId, '4');
      assert.equal(chat.events.event[1].id, 1);
      const later = await agent.request(`/chat?chatSessionKeys=${chatId}&fromEventIds=3`);
      assert.equal(later.json.chats.chat[0].events.event.id, 3, 'one event still collapses to an object');
      assert.equal((await agent.request('/chat?fromEventIds=3')).status, 400);
      assert.deepEqual((await agent.request('/chat?chatSessionKeys=nope')).json, { chats: null });
    });

    it('answers a line with 201 chatEventLocation and the end with 201 chatLocation, both with Location', async () => {
      const { agent, chatUrl } = await chatting();
      for (const name of ['send-line-request-plain.json', 'send-line-request-html.json', 'send-line-request-private.json']) {
        const res = await agent.request(`${chatUrl}/events?v=1&NC=true`, { body: fixture(name) });
        assert.equal(res.status, 201, name);
        assertShape(res.json, fixture('send-line-response.json'), { strictArrays: true });
        assert.equal(res.headers.get('location'), res.json.chatEventLocation.link['@href']);
      }
      const events = await agent.events(chatUrl, 4);
      assert.deepEqual(
        events.map((e) => [e['@id'], e.textType, e.subType, e.source, e.by]),
        [
          ['4', 'plain', 'REGULAR', 'agent', 'Support Bot'],
          ['5', 'html', 'REGULAR', 'agent', 'Support Bot'],
          ['6', 'plain', 'ONLY_TO_REP', 'agent', 'Support Bot'],
        ],
      );
      const end = await agent.request(`${chatUrl}/events?v=1&NC=true`, { body: fixture('end-chat-request.json') });
      assert.equal(end.status, 201);
      assertShape(end.json, fixture('end-chat-response.json'), { strictArrays: true });
      assert.equal(end.json.chatLocation.link['@href'], `${chatUrl}/events/8`);
      assert.equal(end.headers.get('location'), `${chatUrl}/events/8`);
      const event = await agent.request(`${chatUrl}/events/8`);
      assert.equal(event.json.event.state, 'ended');
    });

    it('answers visitor name, visitor typing and agent typing', async () => {
      const { agent, chatUrl, chatId } = await chatting({ visitorName: 'Ada' });
      assert.deepEqual((await agent.request(`${chatUrl}/info/visitorName`)).json, { visitorName: 'Ada' });
      sim.visitorTyping(chatId, true);
      const typing = await agent.request(`${chatUrl}/info/visitorTyping?v=1&NC=true`);
      assert.deepEqual(typing.json, fixture('visitor-typing-response.json'));
      assert.equal((await agent.request(`${chatUrl}/info`)).json.info.visitorTyping, 'typing');
      const set = await agent.put(`${chatUrl}/info/agentTyping?v=1&NC=true`, fixture('set-agent-typing-request.json'));
      assert.equal(set.status, 200);
      assert.deepEqual((await agent.request(`${chatUrl}/info/agentTyping`)).json, { agentTyping: 'typing' });
      assert.equal(sim.chat(chatId).agentTyping, true);
      await agent.say(chatUrl, 'done typing');
      assert.deepEqual((await agent.request(`${chatUrl}/info/agentTyping`)).json, { agentTyping: 'not-typing' });
      assert.equal((await agent.put(`${chatUrl}/info/agentTyping`, { agentTyping: 'maybe' })).status, 400);
    });

    it('lists transfer skills as strings, one collapsed to an object, none as null', async () => {
      const { agent, chatUrl } = await chatting();
      const one = await agent.request(`${chatUrl}/transfer?v=1&NC=true`);
      assert.deepEqual(one.json, { transfer: { skill: { id: '2', name: 'human-support', onlineAgents: '1' } } });
      sim.setHumanOnline('2002', true);
      const two = await agent.request(`${chatUrl}/transfer`);
      assertShape(two.json, fixture('transfer-skills.json'), { strictArrays: true });
      assert.deepEqual(two.json.transfer.skill, [
        { id: '2', name: 'human-support', onlineAgents: '2' },
        { id: '3', name: 'sales', onlineAgents: '1' },
      ]);
      sim.setHumanOnline('2001', false);
      sim.setHumanOnline('2002', false);
      assert.deepEqual((await agent.request(`${chatUrl}/transfer`)).json, { transfer: null });
    });

    it('serves an agent survey and takes answers through POST + override', async () => {
      const { agent, chatUrl, chatId } = await chatting();
      const survey = await agent.request(`${chatUrl}/survey?v=1&NC=true`);
      assert.equal(survey.status, 200);
      const [first] = survey.json.survey.question;
      assert.equal(first.lastKnownValue, null);
      const submit = await agent.put(`${chatUrl}/survey`, { survey: { '@id': survey.json.survey['@id'], question: { '@id': first['@id'], answer: 'Yes' } } });
      assert.equal(submit.status, 200);
      assert.equal(submit.text, '');
      assert.deepEqual(sim.chat(chatId).survey, { [first['@id']]: 'Yes' });
      const after = await agent.request(`${chatUrl}/survey`);
      assert.equal(after.json.survey.question[0].lastKnownValue, 'Yes');
      assert.equal((await agent.put(`${chatUrl}/survey`, { survey: { question: { '@id': '1', answer: 'x' } } })).status, 400);
    });

    it('answers 501 for the links the docs never describe', async () => {
      const { agent, chatUrl } = await chatting();
      assert.equal((await agent.request(`${chatUrl}/transferAccount`)).status, 501);
      assert.equal((await agent.request(`${chatUrl}/collaborationChannels`)).status, 501);
      assert.equal(chatIdOf(chatUrl).length > 40, true);
    });
  });
});
