import assert from 'node:assert/strict';
import type { AgentSession } from '../../src/core/agentSession.js';
import { ChatAgentCalls, READ_PRIORITY } from '../../src/core/chatAgentCalls.js';

describe('ChatAgentCalls.call', () => {
  // At the in-flight bound, the poll's reads (which keep the open chats alive) go ahead of queued sends.
  it('runs a call with a higher priority ahead of calls queued before it', async () => {
    const session = { generation: 1, client: {} } as unknown as AgentSession;
    const calls = new ChatAgentCalls(1, () => session);
    const order: string[] = [];
    let release!: () => void;
    const blocker = calls.call('blocker', () => new Promise<void>((resolve) => { release = resolve; }));
    const sends = [1, 2, 3].map((n) => calls.call('addLine', async () => { order.push(`send ${n}`); }));
    const read = calls.call('getChats', async () => { order.push('read'); }, READ_PRIORITY);
    release();
    await Promise.all([blocker, ...sends, read]);
    assert.deepEqual(order, ['read', 'send 1', 'send 2', 'send 3']);
  });

  it('refuses a call before start, with a clear error', async () => {
    const calls = new ChatAgentCalls(1, () => undefined);
    await assert.rejects(calls.call('addLine', async () => {}), /LiveEngageAdapter: addLine needs a started adapter \(call start\(\) first\)\./);
  });
});
