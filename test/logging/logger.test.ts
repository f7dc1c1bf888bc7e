import assert from 'node:assert/strict';
import { createHttpClient } from '../../src/api/http.js';
import { LiveEngageAdapter } from '../../src/botbuilder/LiveEngageAdapter.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { startScriptedServer } from '../support/apiServer.js';
import { fastSettings, memoryLogger } from '../support/harness.js';

// Every layer honours the package's one logger type (src/logger.ts): the HTTP client's retries, the
// adapter passing its `logger` setting down to the HTTP client, and the simulator.
describe('logging: every layer writes to the logger it is given', () => {
  it('the HTTP client logs each attempt (debug) and each retry (info) to a custom logger', async () => {
    const replies = [{ status: 503 }, { status: 200, body: { ok: true } }];
    const server = await startScriptedServer(() => replies.shift() ?? { status: 200, body: {} });
    const logger = memoryLogger();
    const http = createHttpClient({ retryDelaysMs: [5], logger });
    try {
      await http.request({ operation: 'getEvents', method: 'GET', url: `${server.origin}/chat/K1/events?from=7`, idempotent: true });
    } finally {
      http.close();
      await server.close();
    }
    assert.ok(logger.lines.some((l) => /^info getEvents: retrying in 5ms after .*HTTP 503/.test(l)), logger.lines.join('\n'));
    assert.ok(logger.lines.some((l) => /^debug getEvents GET \/chat\/K1\/events -> 503 in \d+ms \(attempt 1\)/.test(l)), logger.lines.join('\n'));
    assert.ok(!logger.lines.some((l) => l.includes('from=7')), 'no query strings in logs');
  });

  it("the adapter's `logger` setting receives the HTTP layer's retry line", async () => {
    const sim = new LiveEngageSimulator({ log: false });
    await sim.start();
    const logger = memoryLogger();
    const adapter = new LiveEngageAdapter(fastSettings(sim, { logger }));
    try {
      sim.injectFault({ match: { operation: 'login' }, status: 503, times: 1 });
      await adapter.start(async () => {});
    } finally {
      await adapter.stop();
      await sim.stop();
    }
    assert.ok(logger.lines.some((l) => /^info login: retrying in 10ms after .*HTTP 503/.test(l)), logger.lines.join('\n'));
  });

  it("the simulator's `logger` option receives its request lines", async () => {
    const logger = memoryLogger();
    const sim = new LiveEngageSimulator({ logger });
    await sim.start();
    try {
      await fetch(`${sim.url}/simulator/page-settings`);
    } finally {
      await sim.stop();
    }
    assert.ok(logger.lines.some((l) => l.startsWith('debug ') && l.includes('/simulator/page-settings')), logger.lines.join('\n'));
  });
});
