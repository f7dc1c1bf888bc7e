import assert from 'node:assert/strict';
import { AgentSession, type SessionHooks } from '../../src/core/agentSession.js';
import { resolveSettings } from '../../src/core/settings.js';
import { createHttpClient, type HttpClient } from '../../src/api/http.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { fastSettings, memoryLogger } from '../support/harness.js';

/** The session's renewal against the simulator: one per rejected login, shared, never a second for a late 401. */
describe('AgentSession renewal', () => {
  let sim: LiveEngageSimulator;
  let http: HttpClient;
  let session: AgentSession;
  const hooks: SessionHooks & { renewed: number; failed: number; takeovers: number } = {
    renewed: 0, failed: 0, takeovers: 0,
    onRenewed: async () => { hooks.renewed += 1; },
    reloginFailed: () => { hooks.failed += 1; },
    takeover: () => { hooks.takeovers += 1; },
  };
  const logins = () => sim.stats().byOperation.login ?? 0;

  beforeEach(async () => {
    sim = new LiveEngageSimulator({ log: false });
    await sim.start();
    http = createHttpClient({ retryDelaysMs: [10, 20, 40] });
    session = new AgentSession(resolveSettings(fastSettings(sim, { logger: memoryLogger() })), http, memoryLogger(), hooks);
    await session.open();
    Object.assign(hooks, { renewed: 0, failed: 0, takeovers: 0 });
  });
  afterEach(async () => {
    await session.close({ logout: false });
    http.close();
    await sim.stop();
  });

  it('a 401 from a call sent before the last renewal starts no new one (a second login would end our own)', async () => {
    const before = session.generation;
    sim.revokeBearer('support-bot');
    const start = logins();
    await Promise.all([
      session.renew('401 on one call', { generation: before, rejected: true }),
      session.renew('401 on another', { generation: before, rejected: true }),
    ]);
    assert.equal(logins() - start, 1, 'concurrent 401s share one renewal');
    assert.equal(session.generation, before + 1);
    await session.renew('a late 401 of a call sent with the old bearer', { generation: before, rejected: true });
    assert.equal(logins() - start, 1, 'no second login');
    assert.equal(hooks.renewed, 1);
    assert.equal((await session.client.getAvailability(session.agentSessionUrl)), 'Online', 'the new session works');
  });

  it('a failed attempt waits reloginDelaysMs and tries again by itself; callers wait for the session, not for an error', async () => {
    await session.close({ logout: false });
    session = new AgentSession(resolveSettings(fastSettings(sim, { reloginDelaysMs: [300] })), http, memoryLogger(), hooks);
    await session.open();
    sim.injectFault({ match: { operation: 'login' }, status: 503, times: 4 });
    sim.revokeBearer('support-bot');
    let onHold = false;
    const hold = session.whenOnHold();
    void hold.promise.then(() => { onHold = true; });
    const started = Date.now();
    await session.renew('401', { generation: session.generation, rejected: true });
    assert.ok(onHold, 'went on hold');
    assert.ok(Date.now() - started >= 290, `back after ${Date.now() - started} ms`);
    assert.equal(hooks.failed, 1);
    assert.equal(session.onHold, false);
  });
});
