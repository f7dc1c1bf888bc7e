import assert from 'node:assert/strict';
import { MessagingAgent, MessagingConnection, messagingLogin } from '../../src/messaging/index.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { BOT, memoryLogger, waitFor } from './support.js';

describe('Messaging simulator options', function () {
  it('with messaging off the simulator is what it was: no UMS host, no websocket, login lists smt and agentVep', async () => {
    const sim = new LiveEngageSimulator({ log: false });
    await sim.start();
    try {
      const domain = await fetch(`${sim.url}/api/account/${sim.accountId}/service/asyncMessagingEnt/baseURI.json?version=1.0`);
      assert.equal(domain.status, 400);
      const login = await fetch(`${sim.url}/api/account/${sim.accountId}/login?v=1.3`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(BOT) });
      const body = (await login.json()) as { csdsCollectionResponse: { baseURIs: Array<{ service: string }> } };
      assert.deepEqual(body.csdsCollectionResponse.baseURIs.map((b) => b.service), ['smt', 'agentVep']);
      assert.throws(() => sim.messaging, /Messaging is off; create the simulator with \{ messaging: true \}/);
      const upgrade = await fetch(`${sim.url}/ws_api/account/${sim.accountId}/messaging/brand/x?v=2.1`, { headers: { Connection: 'Upgrade', Upgrade: 'websocket' } }).catch((e: Error) => e);
      assert.ok(upgrade instanceof Error || upgrade.status >= 400, 'no websocket without the option');
    } finally {
      await sim.stop();
    }
  });

  it('in TLS mode the same client connects over wss:// to loopback, trusting the simulator certificate', async () => {
    const sim = new LiveEngageSimulator({ log: false, tls: true, messaging: true });
    await sim.start();
    const ca = sim.certificatePem!;
    const login = await messagingLogin({ accountId: sim.accountId, credentials: BOT, domainApiUrl: sim.url, http: { ca, loopbackScheme: 'https' } });
    const connection = new MessagingConnection({ accountId: sim.accountId, host: login.host, auth: login.auth, ca, loopbackScheme: 'wss', keepAliveMs: 0, logger: memoryLogger() });
    const agent = new MessagingAgent({ connection, accountId: sim.accountId, userId: login.userId, logger: memoryLogger() });
    const texts: string[] = [];
    agent.on('consumerMessage', (m) => texts.push(m.text ?? ''));
    try {
      await agent.start();
      sim.messaging.startConversation({ skill: 'support-bot', text: 'over tls' });
      await waitFor('the message', () => texts.length === 1);
      assert.deepEqual(texts, ['over tls']);
    } finally {
      await agent.stop();
      await sim.stop();
    }
  });
});
