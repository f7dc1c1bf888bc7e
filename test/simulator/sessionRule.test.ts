import assert from 'node:assert/strict';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { call, TestAgent } from '../support/simulatorClient.js';

const OAUTH_REJECTED =
  'oauth_problem=token_rejected&oauth_problem_advice=the oauth_token is unacceptable to the Service Provider';

/** LiveEngage allows one active session per agent: a new login of a user ends that user's other logins. */
describe('simulator: one active login per user', () => {
  let sim: LiveEngageSimulator;

  beforeEach(async () => {
    sim = new LiveEngageSimulator({ log: false });
    await sim.start();
  });

  afterEach(() => sim.stop());

  it('a second login of the same user ends the first: its bearer, agent session and cookie answer 401', async () => {
    const first = await TestAgent.start(sim);
    const { chatId } = sim.startChat({ skill: 'support-bot' });
    const chatUrl = await first.accept();
    const second = await TestAgent.start(sim);

    const kicked = await first.request('/info');
    assert.equal(kicked.status, 401);
    assert.equal(kicked.text, OAUTH_REJECTED);
    assert.equal((await first.say(chatUrl, 'still me?')).status, 401);
    const refresh = await call(`${sim.url}/api/account/${sim.accountId}/refresh`, {
      headers: { Cookie: first.auth.cookie },
      body: { csrf: first.auth.csrf },
    });
    assert.equal(refresh.status, 401);

    // The chats stay with the user: the newcomer finds them and carries on; nothing was re-queued.
    assert.equal((await second.request('/info')).status, 200);
    const listed = (await second.request('/chatSessions')).json.chatSessions.chatSession;
    assert.equal(listed.chatSessionKey, chatId);
    assert.equal((await second.say(listed.link.href, 'the new process')).status, 201);
    assert.equal(sim.chat(chatId).state, 'chatting');
    assert.ok(!sim.chat(chatId).events.some((e) => e.systemMessageId === 23), 'not re-queued');
    const bot = sim.agents().find((a) => a.loginName === 'support-bot');
    assert.equal(bot?.loggedIn, true);
    assert.equal(bot?.availability, 'Online');
  });

  it('logging out the replaced login is refused and leaves the chats with the new one', async () => {
    const first = await TestAgent.start(sim);
    const { chatId } = sim.startChat({ skill: 'support-bot' });
    await first.accept();
    const second = await TestAgent.start(sim);
    assert.equal((await first.logout()).status, 401);
    assert.equal(sim.chat(chatId).agent?.id, '1001');
    assert.equal((await second.request('/info')).status, 200);
  });

  it('another user\'s login ends nothing', async () => {
    const one = await TestAgent.start(sim);
    const two = await TestAgent.start(sim, { credentials: { username: 'support-bot-2', password: 'bot-password-2' } });
    assert.equal((await one.request('/info')).status, 200);
    assert.equal((await two.request('/info')).status, 200);
  });

  it('a failed login ends nothing', async () => {
    const first = await TestAgent.start(sim);
    const wrong = await call(`${sim.url}/api/account/${sim.accountId}/login?v=1.3`, {
      body: { username: 'support-bot', password: 'wrong' },
    });
    assert.equal(wrong.status, 401);
    assert.equal((await first.request('/info')).status, 200);
  });
});
