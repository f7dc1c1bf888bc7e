import assert from 'node:assert/strict';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { call, login, TestAgent } from '../support/simulatorClient.js';

const OAUTH_REJECTED =
  'oauth_problem=token_rejected&oauth_problem_advice=the oauth_token is unacceptable to the Service Provider';

describe('simulator: fault injection', () => {
  let sim: LiveEngageSimulator;
  let agent: TestAgent;
  let chatId: string;
  let chatUrl: string;

  beforeEach(async () => {
    sim = new LiveEngageSimulator({ log: false, seed: 42 });
    await sim.start();
    agent = await TestAgent.start(sim);
    chatId = sim.startChat({ skill: 'support-bot' }).chatId;
    chatUrl = await agent.accept();
  });

  afterEach(() => sim.stop());

  const agentLines = (): string[] =>
    sim.chat(chatId).events.filter((e) => e.source === 'agent').map((e) => e.text ?? '');

  it('answers a status with Retry-After `times` times, without applying the request', async () => {
    const { id } = sim.injectFault({ match: { operation: 'addLine' }, status: 429, retryAfterSeconds: 2, times: 2 });
    assert.match(id, /^fault-\d+$/);
    for (let i = 0; i < 2; i += 1) {
      const res = await agent.say(chatUrl, `attempt ${i}`);
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('retry-after'), '2');
      assert.equal(res.json.error.responseStatus, 'TOO_MANY_REQUESTS');
    }
    assert.deepEqual(agentLines(), []);
    assert.equal((await agent.say(chatUrl, 'third')).status, 201);
    assert.deepEqual(agentLines(), ['third']);
    assert.equal(sim.stats().faultsFired, 2);
    assert.deepEqual(sim.faults(), []);
  });

  it('answers an injected 401 on a Chat Agent call with the OAuth text; the bearer still works after', async () => {
    sim.injectFault({ match: { operation: 'getEvents' }, status: 401 });
    const res = await agent.request(`${chatUrl}/events`);
    assert.equal(res.status, 401);
    assert.equal(res.text, OAUTH_REJECTED);
    assert.equal((await agent.request(`${chatUrl}/events`)).status, 200);
  });

  it('applies the request and truncates its JSON with body "malformed"', async () => {
    sim.injectFault({ match: { operation: 'addLine' }, body: 'malformed' });
    const res = await agent.say(chatUrl, 'applied anyway');
    assert.equal(res.status, 201);
    assert.equal(res.json, undefined, 'not parseable');
    assert.ok(res.text.startsWith('{"chatEventLocation"'));
    assert.deepEqual(agentLines(), ['applied anyway']);
    sim.injectFault({ match: { operation: 'getEvents' }, body: 'malformed', status: 200 });
    const poll = await agent.request(`${chatUrl}/events`);
    assert.equal(poll.status, 200);
    assert.throws(() => JSON.parse(poll.text));
  });

  it('answers a verbatim body instead of handling the request', async () => {
    sim.injectFault({ match: { operation: 'incomingRequests' }, body: '<html>gateway</html>', status: 502 });
    const res = await agent.request('/incomingRequests');
    assert.equal(res.status, 502);
    assert.equal(res.text, '<html>gateway</html>');
  });

  it('delays a request', async () => {
    sim.injectFault({ match: { operation: 'getChatInfo' }, delayMs: 150 });
    const started = Date.now();
    const res = await agent.request(`${chatUrl}/info`);
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started >= 140, `took ${Date.now() - started} ms`);
  });

  it('drops the connection before applying: no response, no line', async () => {
    sim.injectFault({ match: { operation: 'addLine' }, drop: 'before-apply' });
    await assert.rejects(agent.say(chatUrl, 'lost'), TypeError);
    assert.deepEqual(agentLines(), []);
    assert.equal(sim.stats().byStatus.dropped, 1);
  });

  it('drops the connection after applying: no response, but the line IS added (the ambiguous failure)', async () => {
    sim.injectFault({ match: { operation: 'addLine' }, drop: 'after-apply' });
    await assert.rejects(agent.say(chatUrl, 'did it arrive?'), TypeError);
    assert.deepEqual(agentLines(), ['did it arrive?']);
    // a careful client reads the events before sending again
    const events = await agent.events(chatUrl, 4);
    assert.equal(events[0].text, 'did it arrive?');
  });

  it('applies the request, then answers the status with `apply` (applied, then 5xx)', async () => {
    sim.injectFault({ match: { operation: 'addLine' }, status: 500, apply: true });
    const res = await agent.say(chatUrl, 'applied, then 500');
    assert.equal(res.status, 500);
    assert.equal(res.json.error.responseStatus, 'INTERNAL_SERVER_ERROR');
    assert.deepEqual(agentLines(), ['applied, then 500']);
    sim.injectFault({ match: { operation: 'addLine' }, status: 503, apply: true, retryAfterSeconds: 1 });
    const again = await agent.say(chatUrl, 'and 503');
    assert.equal(again.status, 503);
    assert.equal(again.headers.get('retry-after'), '1');
    assert.deepEqual(agentLines(), ['applied, then 500', 'and 503']);
    assert.equal((await agent.say(chatUrl, 'clean')).status, 201);
  });

  it('a delay past the client\'s timeout: the client gives up, the request is applied after all', async () => {
    sim.injectFault({ match: { operation: 'addLine' }, delayMs: 400 });
    const aborted = fetch(`${chatUrl}/events?v=1&NC=true`, {
      method: 'POST',
      headers: { ...agent.authHeader, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ event: { '@type': 'line', text: 'too late', textType: 'plain' } }),
      signal: AbortSignal.timeout(100),
    });
    await assert.rejects(aborted, /TimeoutError|aborted/i);
    assert.deepEqual(agentLines(), [], 'not yet applied when the client gave up');
    await sim.waitFor(() => agentLines().length === 1);
    assert.deepEqual(agentLines(), ['too late']);
  });

  it('a login outage: `forMs` fails every matching request until the window closes', async () => {
    const clock = { offset: 0, now: () => Date.now() + clock.offset };
    const timed = new LiveEngageSimulator({
      log: false,
      clock: { now: clock.now, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
    });
    await timed.start();
    try {
      timed.injectFault({ match: { operation: 'login' }, status: 503, forMs: 5 * 60_000 });
      for (let i = 0; i < 3; i += 1) await assert.rejects(login(timed), /login answered 503/);
      clock.offset = 4 * 60_000;
      await assert.rejects(login(timed), /login answered 503/);
      assert.equal(timed.faults()[0]?.remaining, null, 'unlimited within the window');
      clock.offset = 5 * 60_000;
      assert.ok((await login(timed)).bearer, 'logins work once the window closed');
      assert.deepEqual(timed.faults(), []);
      assert.equal(timed.stats().faultsFired, 4);
      // a drop works as the outage too (no answer at all), and `times` still bounds it
      timed.injectFault({ match: { operation: 'login' }, drop: 'before-apply', forMs: 60_000, times: 1 });
      await assert.rejects(login(timed), TypeError);
      assert.ok((await login(timed)).bearer);
    } finally {
      await timed.stop();
    }
  });

  it('matches on method, path (substring or RegExp) and login name', async () => {
    const other = await TestAgent.start(sim, { credentials: { username: 'support-bot-2', password: 'bot-password-2' } });
    sim.injectFault({ match: { loginName: 'support-bot-2' }, status: 503 });
    assert.equal((await agent.request('/info')).status, 200);
    assert.equal((await other.request('/info')).status, 503);

    sim.injectFault({ match: { method: 'post', path: '/events' }, status: 500 });
    assert.equal((await agent.request(`${chatUrl}/events`)).status, 200, 'GET does not match');
    assert.equal((await agent.say(chatUrl, 'x')).status, 500);

    sim.injectFault({ match: { path: /events\.json\?from=\d+/ }, status: 504 });
    assert.equal((await agent.request(`${chatUrl}/events?from=1`)).status, 200, 'no .json: no match');
    assert.equal((await agent.request(`${chatUrl}/events.json?from=1`)).status, 504);

    sim.injectFault({ match: { operation: 'login' }, status: 500 });
    await assert.rejects(login(sim), /login answered 500/);
    sim.injectFault({ match: { operation: 'refresh' }, status: 503 });
    const refresh = await call(`${sim.url}/api/account/${sim.accountId}/refresh`, {
      headers: { Cookie: agent.auth.cookie },
      body: { csrf: agent.auth.csrf },
    });
    assert.equal(refresh.status, 503);
    assert.equal(refresh.json.error.responseStatus, 'SERVICE_UNAVAILABLE');
  });

  it('fires with a probability from a seeded RNG, the same way for the same seed', async () => {
    const pattern = async (target: LiveEngageSimulator, bot: TestAgent, url: string): Promise<number[]> => {
      target.injectFault({ match: { operation: 'getEvents' }, probability: 0.3, status: 503 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i += 1) statuses.push((await bot.request(`${url}/events`)).status);
      target.clearFaults();
      return statuses;
    };
    const first = await pattern(sim, agent, chatUrl);
    const failures = first.filter((s) => s === 503).length;
    assert.ok(failures > 3 && failures < 25, `${failures} of 40`);

    const twin = new LiveEngageSimulator({ log: false, seed: 42 });
    await twin.start();
    try {
      const bot = await TestAgent.start(twin);
      twin.startChat({ skill: 'support-bot' });
      assert.deepEqual(await pattern(twin, bot, await bot.accept()), first);
    } finally {
      await twin.stop();
    }
  });

  it('lists, removes and clears faults, never faults the control API, and rejects bad rules', async () => {
    const { id } = sim.injectFault({ status: 500, times: 3 });
    assert.deepEqual(sim.faults(), [{ id, status: 500, times: 3, remaining: 3 }]);
    assert.equal((await call(`${sim.url}/simulator/stats`)).status, 200, 'control requests are never faulted');
    assert.equal(sim.removeFault(id), true);
    sim.injectFault({ status: 500, probability: 0.5 });
    assert.equal(sim.faults()[0]?.remaining, null);
    sim.clearFaults();
    assert.deepEqual(sim.faults(), []);
    assert.throws(() => sim.injectFault({ status: 42 }), { reason: 'invalid' });
    assert.throws(() => sim.injectFault({ match: { operation: 'addLine' } }), { reason: 'invalid' });
    assert.throws(() => sim.injectFault({ drop: 'sometimes' as 'after-apply' }), { reason: 'invalid' });
    assert.throws(() => sim.injectFault({ status: 500, probability: 2 }), { reason: 'invalid' });
    assert.throws(() => sim.injectFault({ apply: true }), { reason: 'invalid' });
    assert.throws(() => sim.injectFault({ apply: true, status: 500, drop: 'after-apply' }), { reason: 'invalid' });
    assert.throws(() => sim.injectFault({ status: 503, forMs: 0 }), { reason: 'invalid' });
  });
});
