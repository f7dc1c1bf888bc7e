import assert from 'node:assert/strict';
import { ChatAgentClient } from '../../src/api/chatAgent.js';
import { LiveEngageApiError } from '../../src/api/errors.js';
import { createHttpClient } from '../../src/api/http.js';
import { login, lookupAgentVep } from '../../src/api/login.js';
import { sharesSite } from '../../src/api/scheme.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';

describe('api: the bearer goes to the agent session\'s site only', () => {
  const cases: [string, string, boolean][] = [
    ['va.agentvep.liveperson.net', 'va.agentvep.liveperson.net', true],
    ['va-a.agentvep.liveperson.net', 'va.agentvep.liveperson.net', true],
    ['server.iad.liveperson.net', 'va.agentvep.liveperson.net', true],
    ['evil.example.com', 'va.agentvep.liveperson.net', false],
    ['liveperson.net.evil.com', 'va.agentvep.liveperson.net', false],
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.2', '127.0.0.1', false],
    ['localhost', '127.0.0.1', false],
    ['[::1]', '[::1]', true],
  ];
  for (const [host, trusted, ok] of cases) {
    it(`${host} for a session on ${trusted}: ${ok ? 'yes' : 'no'}`, () => assert.equal(sharesSite(host, trusted), ok));
  }

  it('a link to another host is refused before any request leaves', async () => {
    const sim = new LiveEngageSimulator();
    await sim.start();
    const http = createHttpClient({ retryDelaysMs: [] });
    try {
      const host = await lookupAgentVep(http, { domainApiUrl: sim.domainApiUrl, accountId: sim.accountId });
      const session = await login(http, { host, accountId: sim.accountId, credentials: { username: 'support-bot', password: 'bot-password' } });
      const client = new ChatAgentClient(http, { bearer: session.bearer });
      const sessionUrl = await client.startAgentSession(host, sim.accountId);
      const before = sim.stats().total;
      const error = await client.getChat(sessionUrl.replace('127.0.0.1', '127.0.0.2') + '/chat/x').then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof LiveEngageApiError && error.kind === 'config');
      assert.match(error.message, /refusing to send the bearer to 127\.0\.0\.2/);
      assert.ok(!error.message.includes(session.bearer));
      assert.equal(sim.stats().total, before, 'nothing was sent');
      assert.ok(await client.getIncomingRequests(sessionUrl), 'its own site still works');
    } finally {
      http.close();
      await sim.stop();
    }
  });
});
