import assert from 'node:assert/strict';
import type { AgentSession } from '../../src/core/agentSession.js';
import { LiveEngageEngine } from '../../src/core/engine.js';

describe('LiveEngageEngine.call', () => {
  // At the in-flight bound, the poll's reads (which keep the open chats alive) go ahead of queued sends.
  it('runs a call with a higher priority ahead of calls queued before it', async () => {
    const engine = new LiveEngageEngine<() => void>(
      { accountId: '1', credentials: { username: 'u', password: 'p' }, domainApiUrl: 'http://127.0.0.1:9', maxRequestsInFlight: 1 },
      { runTurn: async () => {}, availabilityCheckMs: () => 30_000, sleep: async () => {} },
    );
    engine.session = { generation: 1, client: {} } as unknown as AgentSession;
    const order: string[] = [];
    let release!: () => void;
    const blocker = engine.call('blocker', () => new Promise<void>((resolve) => { release = resolve; }));
    const sends = [1, 2, 3].map((n) => engine.call('addLine', async () => { order.push(`send ${n}`); }));
    const read = engine.call('getChats', async () => { order.push('read'); }, 1);
    release();
    await Promise.all([blocker, ...sends, read]);
    assert.deepEqual(order, ['read', 'send 1', 'send 2', 'send 3']);
  });
});
