import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import {
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
} from '../../src/api/agentSessionResponses.js';
import { readChatInfo, readChatResource, readEvents, readMultipleChats, readParticipantInfo, readTransferSkills, readTyping, readVisitorName } from '../../src/api/chatResponses.js';
import { readDomainResponse, readErrorEnvelope, readLoginResponse } from '../../src/api/loginResponses.js';
import { asArray, asNumber, ResponseFormatError } from '../../src/api/responseReader.js';
import {
  acceptChatBody,
  addLineBody,
  agentTypingBody,
  csrfBody,
  endChatBody,
  loginBody,
  setAvailabilityBody,
  startAgentSessionBody,
  transferBody,
} from '../../src/api/requests.js';
import type { ChatEvent, LineEvent, OtherEvent, StateEvent } from '../../src/api/types.js';

const FIXTURES = new URL('../fixtures/', import.meta.url);
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));
const clone = <T>(value: T): T => structuredClone(value);

const CHAT = 'https://va-a.agentvep.liveperson.net/api/account/25025413/agentSession/1027882276/chat/H2170755172687460894-b7d761017809489ea1a257461eb373eeK8457415';
const PLACEHOLDER_S = 'https://{domain}/api/account/{accountId}/agentSession/{agentSessionId}';

function kinds(events: ChatEvent[]): string[] {
  return events.map((e) => (e.type === 'state' ? `state:${e.state}` : e.type === 'line' ? `line:${e.source}` : `other:${e.rawType}`));
}

/** Every file in test/fixtures must have a row: a reader (responses), a builder (requests) or a documented skip. */
const cases: Record<string, { skip: string } | ((json: unknown) => void)> = {
  'SOURCES.md': { skip: 'documentation of where each example came from' },
  'chat-events-legacy-2017.xml': { skip: '2017 XML, not well-formed (unclosed <link>, broken hrefs); the client speaks JSON only' },
  'chat-info-legacy-2017.xml': { skip: '2017 XML, not well-formed; the client speaks JSON only' },

  // ---- Domain API and login
  'domain-api-service-response.json': (json) => {
    assert.equal(readDomainResponse(json, 'agentVep'), 'exampleDomain.liveperson.net');
  },
  'domain-api-baseuris-response.json': (json) => {
    assert.equal(readDomainResponse(json, 'liveEngageUI'), 'lo.le1.liveperson.net');
    assert.equal(readDomainResponse(json, 'etool'), 'z2.etool.liveperson.net');
    // The documented list has no agentVep entry: say so, naming where we looked.
    assert.throws(() => readDomainResponse(json, 'agentVep'), (e: unknown) => e instanceof ResponseFormatError && e.path === 'baseURIs' && /agentVep/.test(e.message));
  },
  'login-user-request.json': (json) => {
    assert.deepEqual(loginBody({ username: 'name', password: 'password' }), json);
  },
  'login-app-request.json': (json) => {
    assert.deepEqual(
      loginBody({ username: 'name', appKey: 'appKey_value', secret: 'secret_value', accessToken: 'accessToken_value', accessTokenSecret: 'accessTokenSecret_value' }),
      json,
    );
  },
  'login-response.json': (json) => {
    const session = readLoginResponse(json);
    assert.equal(session.bearer, '9cf6ee24b6a1031e202f292a0ad20c8f52bfd9f01abc8b9489365995052c6603');
    assert.equal(session.csrf, 'd5d07326cfe2240b9453e19e8092c59844921dcdc6ebb105c55fea9ed45c9d77');
    assert.equal(session.sessionTtlMs, 28_800_000);
    assert.deepEqual(session.baseUris, { smt: 'domain.domain.net', agentVep: 'domain.domain.net' });
    assert.equal(session.userId, '3705342610');
    assert.equal(session.loginName, 'name');
    assert.equal(session.sessionIdCookie, undefined, 'the cookie comes from a header, not the body');
  },
  'refresh-request.json': (json) => {
    assert.deepEqual(csrfBody('87f9c1e535b03494194d0b5e76b48ca8f4497114a8ba20afb22a67f375a29adb'), json);
  },
  'logout-request.json': (json) => {
    assert.deepEqual(csrfBody('87f9c1e535b03494194d0b5e76b48ca8f4497114a8ba20afb22a67f375a29adb'), json);
  },
  'csrf-invalid-error.json': (json) => {
    const envelope = readErrorEnvelope(json);
    assert.ok(envelope?.message.startsWith('CSRF token invalid!'));
    assert.equal(envelope?.internalCode, 10);
    assert.equal(envelope?.responseStatus, 'UNAUTHORIZED');
  },

  // ---- agent session
  'start-agent-session-request.json': (json) => {
    assert.deepEqual(startAgentSessionBody(), json);
  },
  'start-agent-session-response.json': (json) => {
    assert.equal(readAgentSessionLocation(json), 'https://{domain}/api/account/{accountId}/agentSession/{agentSession Id}');
  },
  'agent-session-resources.json': (json) => {
    const resources = readAgentSessionResources(json);
    const S = 'https://dev.liveperson.net/api/account/12345678/agentSession/232335611';
    assert.deepEqual(resources.links, {
      self: S,
      availability: `${S}/availability`,
      'incoming-requests': `${S}/incomingRequests`,
      info: `${S}/info`,
      'available-agents': `${S}/availableAgents`,
      'chat-available-slots': `${S}/chat/availableSlots`,
      'chat-sessions': `${S}/chatSessions`,
    });
    assert.equal(resources.info, undefined);
    assert.equal(resources.incomingRequests, undefined);
  },
  'agent-session-resources-data-true.json': (json) => {
    const resources = readAgentSessionResources(json);
    const S = 'https://server.iad.liveperson.net/api/account/123456789/agentSession/922302440';
    assert.equal(Object.keys(resources.links).length, 7);
    assert.equal(resources.info?.agentName, 'Christopher Ben');
    assert.equal(resources.info?.id, '2');
    assert.equal(resources.info?.maxChats, undefined);
    assert.deepEqual(resources.info?.skills, [
      { id: 1, name: 'Mobile' },
      { id: 2, name: 'Sales' },
    ]);
    assert.deepEqual(resources.incomingRequests, { ringingCount: 1, acceptUrl: `${S}/incomingRequests` });
  },
  'availability-response.json': (json) => {
    assert.equal(readAvailability(json), 'Online');
  },
  'set-availability-request.json': (json) => {
    assert.deepEqual(setAvailabilityBody('Online'), json);
  },
  'agent-info-response.json': (json) => {
    assert.deepEqual(readAgentInfo(json), {
      id: '25025413',
      agentName: 'John Smith',
      displayName: 'John Smith',
      loginName: 'John@company.com',
      availability: 'Online',
      skills: [
        { id: 25975313, name: 'Sales' },
        { id: 26060413, name: 'Billing' },
        { id: 26077613, name: 'OrdersHandlers' },
      ],
    });
  },
  'available-agents-response.json': (json) => {
    assert.deepEqual(readAvailableAgents(json), [
      { id: '2', userName: 'Agent1', nickname: 'Agent1-Nickname', chatState: 'Away', skillIds: [2, 4] },
    ]);
  },
  'available-slots-response.json': (json) => {
    assert.equal(readAvailableSlots(json), 1);
  },
  'incoming-requests-response.json': (json) => {
    assert.deepEqual(readIncomingRequests(json), { ringingCount: 0 });
  },
  'accept-chat-request.json': (json) => {
    assert.deepEqual(acceptChatBody(), json);
  },
  'accept-chat-response.json': (json) => {
    assert.equal(readChatLocation(json), `${PLACEHOLDER_S}/chat/{chatId}`);
  },
  'chat-sessions-response.json': (json) => {
    assert.deepEqual(readChatSessions(json), [
      { chatUrl: `${PLACEHOLDER_S}/chat/{chatId}`, chatSessionKey: 'H31879676690579736-632532233958645150K8414055', startTime: 1440934609097 },
    ]);
  },
  'participant-info-response.json': (json) => {
    const info = readParticipantInfo(json);
    assert.equal(info.authenticated, true);
    assert.equal(info.participantId, '55fc1779-83b0-4e8b-8eea-503a8eaf8822');
    assert.equal(info.info.customerType, 'vip');
    assert.equal(info.personal?.surname, 'User');
  },

  // ---- chat
  'chat-resources-response.json': (json) => {
    const chat = readChatResource(json);
    assert.equal(chat.chatUrl, CHAT);
    assert.deepEqual(Object.keys(chat.links), ['self', 'events', 'info', 'next', 'collaboration-channels', 'visit-id', 'transfer', 'transfer-account', 'agent-survey']);
    assert.equal(chat.links['visit-id'], 'https://va-a.agentvep.liveperson.net/api/account/25025413/agentSession/1027882276/visits/visit/H2170755172687460894K8457415');
    assert.deepEqual(kinds(chat.events), ['state:waiting', 'line:system', 'state:chatting', 'line:system']);
    assert.deepEqual(chat.events.map((e) => e.id), [0, 1, 2, 3]);
    assert.equal(chat.nextUrl, `${CHAT}/events?from=4`);
    assert.equal(chat.nextFrom, 4);
    assert.equal(chat.info.agentName, 'Barber');
    assert.equal(chat.info.state, 'chatting');
  },
  'chat-events.json': (json) => {
    const page = readEvents(json);
    assert.deepEqual(kinds(page.events), ['state:waiting', 'line:system', 'state:chatting', 'line:system']);
    const line = page.events[1] as LineEvent;
    assert.deepEqual(line, {
      id: 1,
      time: '2018-01-29T08:19:43.976-05:00',
      type: 'line',
      text: 'Thank you for choosing to chat with us.  An agent will be with you shortly.',
      textType: 'plain',
      source: 'system',
      by: 'info',
      subType: 'REGULAR',
      systemMessageId: 4,
    });
    assert.deepEqual(page.events[0], { id: 0, time: '2018-01-29T08:19:43.963-05:00', type: 'state', state: 'waiting' } satisfies StateEvent);
    assert.equal((page.events[3] as LineEvent).systemMessageId, 3);
    assert.equal(page.nextUrl, `${CHAT}/events?from=4`);
    assert.equal(page.nextFrom, 4);
  },
  'chat-info.json': (json) => {
    const info = readChatInfo(json);
    assert.equal(info.state, 'chatting');
    assert.equal(info.chatSessionKey, 'H2170755172687460894-b7d761017809489ea1a257461eb373eeK8457415');
    assert.equal(info.agentName, 'Barber');
    assert.equal(info.agentId, '311098910');
    assert.equal(info.visitorId, '1215602164887992');
    assert.equal(info.rtSessionId, '4295036103');
    assert.equal(info.engagementId, '311098710');
    assert.equal(info.campaignId, '311098610');
    assert.equal(info.chatTimeout, 40);
    assert.equal(info.visitorName, 'visitor');
    assert.equal(info.agentTyping, 'not-typing');
    assert.equal(info.visitorTyping, 'not-typing');
    assert.equal(info.language, 'en-US');
    assert.equal(info.startTime, '2018-01-29T08:19:43.976-05:00');
    assert.equal(info.skillId, undefined);
    assert.deepEqual(Object.keys(info.links), ['self', 'visitor-name', 'visitor-typing', 'agent-typing']);
    assert.equal(info.links['visitor-name'], `${CHAT}/info/visitorName`);
    assert.equal(info.raw.sharkVisitorId, 'QzZDNhYTViMjA1OTJjN2Y5');
  },
  'multiple-chats-response.json': (json) => {
    const [chat, ...rest] = readMultipleChats(json);
    assert.equal(rest.length, 0);
    assert.ok(chat);
    assert.equal(chat.chatUrl, `${PLACEHOLDER_S}/chat/{chatId}`);
    assert.equal(chat.links.next, `${PLACEHOLDER_S}/chat/{chatId}?from=214`);
    assert.deepEqual(chat.events.map((e) => e.id), [0, 1, 2, 3, 4]);
    assert.deepEqual(kinds(chat.events), ['state:waiting', 'line:system', 'state:chatting', 'line:system', 'line:system']);
    // Plain-form systemMessageId strings become numbers; an empty text stays empty.
    assert.deepEqual(chat.events.filter((e): e is LineEvent => e.type === 'line').map((e) => e.systemMessageId), [4, 3, 4]);
    assert.equal((chat.events[4] as LineEvent).text, '');
    assert.equal(chat.nextFrom, 214);
    assert.equal(chat.info.agentName, 'Agent Nick');
    assert.equal(chat.info.agentId, '2');
    assert.equal(chat.info.chatSessionKey, 'H4709474615328845423-2767456311409308813K8414056');
    assert.equal(chat.info.links['agent-typing'], `${PLACEHOLDER_S}/chat/{chatId}/info/agentTyping`);
  },
  'send-line-request-html.json': (json) => {
    assert.deepEqual(addLineBody({ text: "<div dir='ltr' style='direction:ltr;text-align:left;'>this is a line of text</div>", textType: 'html' }), json);
  },
  'send-line-request-plain.json': (json) => {
    assert.deepEqual(addLineBody({ text: 'this is a plain line' }), json);
  },
  'send-line-request-private.json': (json) => {
    assert.deepEqual(addLineBody({ text: 'This is a private message, only visible to agents', subType: 'ONLY_TO_REP' }), json);
  },
  'send-line-response.json': (json) => {
    assert.deepEqual(readChatEventLocation(json), { href: `${PLACEHOLDER_S}/chat/{chatId}/events/5`, eventId: 5 });
  },
  'end-chat-request.json': (json) => {
    assert.deepEqual(endChatBody(), json);
  },
  'end-chat-response.json': (json) => {
    // Keyed `chatLocation`, and the documented href holds a placeholder instead of an id.
    assert.deepEqual(readChatEventLocation(json), { href: `${PLACEHOLDER_S}/chat/{chatId}/events/{number}` });
  },
  'set-agent-typing-request.json': (json) => {
    assert.deepEqual(agentTypingBody(true), json);
  },
  'visitor-typing-response.json': (json) => {
    assert.equal(readTyping(json), 'typing');
  },
  'transfer-skills.json': (json) => {
    assert.deepEqual(readTransferSkills(json), [
      { id: 25975313, name: 'Sales', onlineAgents: 1 },
      { id: 26060413, name: 'Billing', onlineAgents: 1 },
    ]);
  },
  'transfer-request-skill.json': (json) => {
    assert.deepEqual(transferBody({ skillId: 2 }, 'I think this person needs some help from you.'), json);
  },
  'transfer-request-agent.json': (json) => {
    assert.deepEqual(transferBody({ agentId: 6 }, 'I think this person needs some help from you.'), json);
  },
};

describe('api/response readers: every documented example', () => {
  const files = readdirSync(FIXTURES).sort();

  it('has a row for every file in test/fixtures (and no row for a file that is gone)', () => {
    assert.deepEqual(files.filter((f) => !(f in cases)), [], 'fixtures without a case');
    assert.deepEqual(Object.keys(cases).filter((f) => !files.includes(f)).sort(), [], 'cases without a fixture');
  });

  for (const file of files) {
    const row = cases[file];
    if (row === undefined) continue;
    if (typeof row !== 'function') {
      it(`${file}: skipped (${row.skip})`, () => {
        assert.ok(!file.endsWith('.json'), 'JSON examples must be read, not skipped');
      });
      continue;
    }
    it(`${file}`, () => row(fixture(file)));
  }
});

describe('api/response readers: collapse, strings and nulls', () => {
  it('asArray: one item, several, null and nothing', () => {
    assert.deepEqual(asArray('a'), ['a']);
    assert.deepEqual(asArray(['a', 'b']), ['a', 'b']);
    assert.deepEqual(asArray(null), []);
    assert.deepEqual(asArray(undefined), []);
  });

  it('asNumber: numbers and numeric strings; anything else throws naming the path', () => {
    assert.equal(asNumber(4), 4);
    assert.equal(asNumber('4'), 4);
    assert.equal(asNumber('-1'), -1);
    assert.equal(asNumber(' 12 '), 12);
    for (const bad of ['', 'x', '1e3', '4a', null, undefined, {}, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => asNumber(bad, "events.event[0]['@id']", 'events'), (e: unknown) => e instanceof ResponseFormatError && e.path === "events.event[0]['@id']");
    }
  });

  it('reads a single event rendered as an object, and a missing event list as no events', () => {
    const json = clone(fixture('chat-events.json')) as { events: { event?: unknown } };
    const events = json.events.event as unknown[];
    json.events.event = events[1];
    assert.deepEqual(kinds(readEvents(json).events), ['line:system']);
    delete json.events.event;
    assert.deepEqual(readEvents(json).events, []);
    json.events.event = null;
    assert.deepEqual(readEvents(json).events, []);
  });

  it('reads one link as an object and plain href/rel links in @-resources', () => {
    const page = readEvents({
      events: { link: { href: `${CHAT}/events?from=9`, rel: 'next' }, event: { '@id': 9, '@type': 'state', time: 't', state: 'ended' } },
    });
    assert.equal(page.nextFrom, 9);
    assert.deepEqual(page.events, [{ id: 9, time: 't', type: 'state', state: 'ended' }]);
  });

  it('reads @-keys in the multi-chat read and plain keys in a chat resource', () => {
    const multi = clone(fixture('multiple-chats-response.json')) as { chats: { chat: { events: { event: Record<string, unknown>[] } }[] } };
    const first = multi.chats.chat[0]?.events.event[0];
    assert.ok(first);
    first['@id'] = first.id;
    first['@type'] = first.type;
    delete first.id;
    delete first.type;
    assert.deepEqual(readMultipleChats(multi)[0]?.events[0], { id: 0, time: '2015-08-30T18:06:02+03:00', type: 'state', state: 'waiting' });
  });

  it('a single chat in the multi-chat read, and none', () => {
    const multi = clone(fixture('multiple-chats-response.json')) as { chats: { chat: unknown } | null };
    multi.chats = { chat: (multi.chats?.chat as unknown[])[0] };
    assert.equal(readMultipleChats(multi).length, 1);
    assert.deepEqual(readMultipleChats({ chats: null }), []);
    assert.deepEqual(readMultipleChats({ chats: {} }), []);
  });

  it('systemMessageId as 4 or "4"', () => {
    const line = (systemMessageId: unknown): LineEvent =>
      readEvents({ events: { link: [], event: { '@id': '1', '@type': 'line', time: 't', text: 'x', source: 'system', systemMessageId } } }).events[0] as LineEvent;
    assert.equal(line(4).systemMessageId, 4);
    assert.equal(line('4').systemMessageId, 4);
    assert.equal(line(null).systemMessageId, undefined);
  });

  it('a line with text null and no textType/subType: empty plain regular line', () => {
    const [line] = readEvents({ events: { link: [], event: { '@id': '7', '@type': 'line', time: 't', text: null, source: 'visitor', by: 'Ann' } } }).events;
    assert.deepEqual(line, { id: 7, time: 't', type: 'line', text: '', textType: 'plain', source: 'visitor', by: 'Ann', subType: 'REGULAR' });
  });

  it('keeps HTML text as sent and rich-content json', () => {
    const [line] = readEvents({
      events: { link: [], event: { '@id': '2', '@type': 'line', time: 't', text: '<b>hi</b> &amp;', textType: 'rich-content', source: 'agent', json: { type: 'vertical' } } },
    }).events as LineEvent[];
    assert.equal(line?.text, '<b>hi</b> &amp;');
    assert.equal(line?.textType, 'rich-content');
    assert.deepEqual(line?.json, { type: 'vertical' });
  });

  it('unknown event types (and unknown states) become OtherEvent, never an error', () => {
    const page = readEvents({
      events: {
        link: [],
        event: [
          { '@id': '5', '@type': 'url', time: 't', url: 'https://example.com' },
          { '@id': '6', '@type': 'a2a-transfer', time: 't' },
          { '@id': '7', '@type': 'state', time: 't', state: 'resolved' },
          { '@id': '8', '@type': 'resource' },
        ],
      },
    });
    const others = page.events as OtherEvent[];
    assert.deepEqual(others.map((e) => [e.type, e.rawType, e.id]), [
      ['other', 'url', 5],
      ['other', 'a2a-transfer', 6],
      ['other', 'state', 7],
      ['other', 'resource', 8],
    ]);
    assert.equal(others[0]?.raw.url, 'https://example.com');
    assert.equal(others[3]?.time, '');
  });

  it('maxChats "-1" is unlimited (undefined); a number is kept', () => {
    const info = clone(fixture('agent-info-response.json')) as { info: Record<string, unknown> };
    assert.equal(readAgentInfo(info).maxChats, undefined);
    info.info.maxChats = '3';
    assert.equal(readAgentInfo(info).maxChats, 3);
    info.info.skillsInfo = null;
    assert.deepEqual(readAgentInfo(info).skills, []);
    info.info.skillsInfo = { skillInfo: { id: '9', name: 'Solo' } };
    assert.deepEqual(readAgentInfo(info).skills, [{ id: 9, name: 'Solo' }]);
  });

  it('available agents: one skill as a string, null agents, state codes', () => {
    const agents = readAvailableAgents({
      availableAgents: {
        agents: { agent: { '@id': 7, '@chatState': '2', '@maxChats': '4', userName: 'alice', skills: { skill: '25975313' }, chats: '1' } },
      },
    });
    assert.deepEqual(agents, [{ id: '7', userName: 'alice', chatState: 'Online', maxChats: 4, chats: 1, skillIds: [25975313] }]);
    assert.deepEqual(readAvailableAgents({ availableAgents: { agents: null } }), []);
  });

  it('transfer skills: one skill as an object; null means none', () => {
    assert.deepEqual(readTransferSkills({ transfer: { skill: { id: '2', name: 'human-support', onlineAgents: '1' } } }), [{ id: 2, name: 'human-support', onlineAgents: 1 }]);
    assert.deepEqual(readTransferSkills({ transfer: null }), []);
    assert.deepEqual(readTransferSkills({ transfer: {} }), []);
  });

  it('chat sessions: null, and one session as an object', () => {
    assert.deepEqual(readChatSessions({ chatSessions: null }), []);
    const one = readChatSessions({ chatSessions: { chatSession: { link: { href: 'h', rel: 'chat-session' }, chatSessionKey: 'k', startTime: '5' } } });
    assert.deepEqual(one, [{ chatUrl: 'h', chatSessionKey: 'k', startTime: 5 }]);
  });

  it('incoming requests: ringing with the 2017 rel', () => {
    assert.deepEqual(readIncomingRequests({ incomingRequests: { ringingCount: 2, link: { '@href': 'u', '@rel': 'acceptNextChat' } } }), { ringingCount: 2, acceptUrl: 'u' });
  });

  it('available slots: -1 is unlimited', () => {
    assert.equal(readAvailableSlots({ availableSlots: '-1' }), undefined);
    assert.equal(readAvailableSlots({ availableSlots: '0' }), 0);
  });

  it('typing and visitor name: defaults', () => {
    assert.equal(readTyping({ agentTyping: 'unknown' }), 'unknown');
    assert.equal(readTyping({ agentTyping: 'not-typing' }), 'not-typing');
    assert.equal(readVisitorName({ visitorName: 'Ann' }), 'Ann');
    assert.equal(readVisitorName({ visitorName: null }), 'visitor');
    assert.equal(readVisitorName('Bob'), 'Bob');
  });

  it('chat info: the skill the simulator sends; visitorName defaults to visitor', () => {
    const json = clone(fixture('chat-info.json')) as { info: Record<string, unknown> };
    json.info.skillId = '1';
    json.info.skillName = 'support-bot';
    delete json.info.visitorName;
    const info = readChatInfo(json);
    assert.equal(info.skillId, 1);
    assert.equal(info.skillName, 'support-bot');
    assert.equal(info.visitorName, 'visitor');
  });

  it('a chat resource with no self link falls back to the URL it was read from', () => {
    const json = clone(fixture('chat-resources-response.json')) as { chat: { link: { '@rel': string }[] } };
    json.chat.link = json.chat.link.filter((l) => l['@rel'] !== 'self');
    assert.equal(readChatResource(json, `${CHAT}?from=2&v=1&NC=true`).chatUrl, CHAT);
    assert.throws(() => readChatResource(json), (e: unknown) => e instanceof ResponseFormatError && e.path === 'chat.link');
  });

  it('domain and login hosts must be bare host[:port]', () => {
    assert.equal(readDomainResponse({ baseURI: '127.0.0.1:8080' }), '127.0.0.1:8080');
    for (const bad of ['https://evil.example', 'evil.example/path', 'user:pw@evil.example', 'evil.example?x=1', 'a b', '']) {
      assert.throws(() => readDomainResponse({ service: 'agentVep', account: '1', baseURI: bad }), (e: unknown) => e instanceof ResponseFormatError && e.path === 'baseURI', bad);
    }
    assert.throws(() => readDomainResponse({ service: 'smt', baseURI: 'x.example' }), (e: unknown) => e instanceof ResponseFormatError && e.path === 'service');

    const login = clone(fixture('login-response.json')) as { csdsCollectionResponse: { baseURIs: { baseURI: string; service: string }[] } };
    const [smt, agentVep] = login.csdsCollectionResponse.baseURIs;
    assert.ok(smt && agentVep);
    smt.baseURI = 'https://elsewhere.example/x';
    assert.deepEqual(readLoginResponse(login).baseUris, { agentVep: 'domain.domain.net' }, 'an unusable host of another service is left out');
    agentVep.baseURI = 'http://evil.example';
    assert.throws(() => readLoginResponse(login), (e: unknown) => e instanceof ResponseFormatError && e.path === 'csdsCollectionResponse.baseURIs[1].baseURI');
  });
});

describe('api/response readers: malformed input throws ResponseFormatError naming the resource and path', () => {
  const expectPath = (fn: () => unknown, resource: string, path: string): void => {
    assert.throws(fn, (e: unknown) => {
      assert.ok(e instanceof ResponseFormatError, String(e));
      assert.equal(e.resource, resource);
      assert.equal(e.path, path);
      assert.ok(e.message.includes(path), e.message);
      return true;
    });
  };

  it('an event without @id', () => {
    const json = clone(fixture('chat-events.json')) as { events: { event: Record<string, unknown>[] } };
    delete json.events.event[2]?.['@id'];
    expectPath(() => readEvents(json), 'events', "events.event[2]['@id']");
  });

  it('an event id that is not a number', () => {
    const json = clone(fixture('chat-events.json')) as { events: { event: Record<string, unknown>[] } };
    const event = json.events.event[1];
    assert.ok(event);
    event['@id'] = 'one';
    expectPath(() => readEvents(json), 'events', "events.event[1]['@id']");
  });

  it('an event without a type, in the plain form', () => {
    const json = clone(fixture('multiple-chats-response.json')) as { chats: { chat: { events: { event: Record<string, unknown>[] } }[] } };
    delete json.chats.chat[0]?.events.event[3]?.type;
    expectPath(() => readMultipleChats(json), 'chats', 'chats.chat[0].events.event[3].type');
  });

  it('unreadable event content does not fail the page: the event is kept as OtherEvent with the problem', () => {
    const json = clone(fixture('chat-resources-response.json')) as { chat: { events: { event: Record<string, unknown>[] } } };
    delete json.chat.events.event[3]?.source;
    const chat = readChatResource(json);
    assert.deepEqual(kinds(chat.events), ['state:waiting', 'line:system', 'state:chatting', 'other:line']);
    const other = chat.events[3] as OtherEvent;
    assert.equal(other.id, 3);
    assert.equal(other.problem, 'chat: chat.events.event[3].source is missing');
    assert.equal(other.raw.text, 'You are now chatting with Barber.');

    const page = readEvents({
      events: {
        link: [],
        event: [
          { '@id': 0, '@type': 'state' },
          { '@id': 1, '@type': 'line', source: 'bot', text: 'x' },
          { '@id': 2, '@type': 'line', source: 'visitor', text: { p: 'x' } },
          { '@id': 3, '@type': 'line', source: 'visitor', text: 'fine' },
        ],
      },
    });
    assert.deepEqual(kinds(page.events), ['other:state', 'other:line', 'other:line', 'line:visitor']);
    assert.deepEqual((page.events as OtherEvent[]).slice(0, 3).map((e) => e.problem), [
      'events: events.event[0].state is missing',
      'events: events.event[1].source is not one of visitor, agent, system',
      'events: events.event[2].text is not a string',
    ]);
  });

  it('chat info without chatSessionKey or with an unknown state', () => {
    const json = clone(fixture('chat-info.json')) as { info: Record<string, unknown> };
    delete json.info.chatSessionKey;
    expectPath(() => readChatInfo(json), 'chat info', 'info.chatSessionKey');
    const other = clone(fixture('chat-resources-response.json')) as { chat: { info: Record<string, unknown> } };
    other.chat.info.state = 'paused';
    expectPath(() => readChatResource(other), 'chat', 'chat.info.state');
  });

  it('a link without href', () => {
    const json = clone(fixture('chat-events.json')) as { events: { link: Record<string, unknown>[] } };
    delete json.events.link[1]?.['@href'];
    expectPath(() => readEvents(json), 'events', "events.link[1]['@href']");
  });

  it('login without bearer, csrf not a string', () => {
    const json = clone(fixture('login-response.json')) as Record<string, unknown>;
    delete json.bearer;
    expectPath(() => readLoginResponse(json), 'login response', 'bearer');
    const other = clone(fixture('login-response.json')) as Record<string, unknown>;
    other.csrf = { secret: 'do-not-echo-me' };
    assert.throws(() => readLoginResponse(other), (e: unknown) => e instanceof ResponseFormatError && e.path === 'csrf' && !e.message.includes('do-not-echo-me'));
  });

  it('a missing resource key, a body that is not an object', () => {
    expectPath(() => readIncomingRequests({}), 'incoming requests', 'incomingRequests');
    expectPath(() => readIncomingRequests({ incomingRequests: {} }), 'incoming requests', 'incomingRequests.ringingCount');
    expectPath(() => readAgentSessionLocation(null), 'agentSessionLocation', '');
    expectPath(() => readAgentSessionLocation('<html>'), 'agentSessionLocation', '');
    expectPath(() => readChatLocation({ chatLocation: { link: [] } }), 'chatLocation', 'chatLocation.link');
    expectPath(() => readAvailability({ availability: { chat: 'Sleeping' } }), 'availability', 'availability.chat');
    expectPath(() => readTransferSkills({ transfer: { skill: [{ id: 'x', name: 'a' }] } }), 'transfer skills', 'transfer.skill[0].id');
    expectPath(() => readAvailableAgents({ availableAgents: { agents: { agent: [{ '@chatState': '2', userName: 'a' }] } } }), 'available agents', "availableAgents.agents.agent[0]['@id']");
    expectPath(() => readChatSessions({ chatSessions: { chatSession: [{ link: { href: 'h', rel: 'chat-session' }, startTime: 1 }] } }), 'chat sessions', 'chatSessions.chatSession[0].chatSessionKey');
  });
});
