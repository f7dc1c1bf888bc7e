import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { Agent } from 'undici';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { selfSignedLoopback } from '../../src/simulator/http/tls.js';

/** `fetch` that trusts exactly one extra certificate; verification stays on. */
function trusting(ca: string | undefined): { get: (url: string) => Promise<Response>; close: () => Promise<void> } {
  const dispatcher = new Agent({ connect: { ca } });
  return {
    get: (url) => fetch(url, { headers: { Accept: 'application/json' }, dispatcher } as RequestInit),
    close: () => dispatcher.close(),
  };
}

async function failureCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return String((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
  }
  return 'no failure';
}

describe('simulator: tls', () => {
  it('tls: true serves https with a self-signed certificate for 127.0.0.1 and localhost, exposed as certificatePem', async () => {
    const sim = new LiveEngageSimulator({ log: false, tls: true });
    assert.throws(() => sim.certificatePem, /not started/);
    await sim.start();
    const client = trusting(sim.certificatePem);
    try {
      assert.match(sim.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const cert = new X509Certificate(sim.certificatePem!);
      assert.match(cert.subjectAltName ?? '', /DNS:localhost/);
      assert.match(cert.subjectAltName ?? '', /IP Address:127\.0\.0\.1/);
      for (const host of ['127.0.0.1', 'localhost']) {
        const res = await client.get(`https://${host}:${sim.port}/csdr/account/${sim.accountId}/service/agentVep/baseURI.json?version=1.0`);
        assert.equal(res.status, 200, host);
        // The Domain API still answers the bare host, as LiveEngage does; clients put https:// in front.
        assert.deepEqual(await res.json(), { service: 'agentVep', account: sim.accountId, baseURI: `127.0.0.1:${sim.port}` });
      }
      // The Login Service over https too.
      const loginAgent = new Agent({ connect: { ca: sim.certificatePem } });
      const login = await fetch(`${sim.url}/api/account/${sim.accountId}/login?v=1.3`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ username: 'support-bot', password: 'bot-password' }),
        dispatcher: loginAgent,
      } as RequestInit);
      assert.equal(login.status, 200);
      await loginAgent.close();
      assert.equal(await failureCode(fetch(`${sim.url}/simulator/stats`)), 'DEPTH_ZERO_SELF_SIGNED_CERT', 'untrusted by default');
      assert.notEqual(await failureCode(fetch(`${sim.url.replace('https:', 'http:')}/simulator/stats`)), 'no failure', 'no plain http on the port');
    } finally {
      await client.close();
      await sim.stop();
    }
  });

  it('each tls: true simulator has its own certificate; another one is not trusted by it', async () => {
    const [one, two] = [new LiveEngageSimulator({ log: false, tls: true }), new LiveEngageSimulator({ log: false, tls: true })];
    await Promise.all([one.start(), two.start()]);
    const client = trusting(one.certificatePem);
    try {
      assert.notEqual(one.certificatePem, two.certificatePem);
      assert.equal((await client.get(`${one.url}/simulator/stats`)).status, 200);
      assert.equal(await failureCode(client.get(`${two.url}/simulator/stats`)), 'DEPTH_ZERO_SELF_SIGNED_CERT');
    } finally {
      await client.close();
      await Promise.all([one.stop(), two.stop()]);
    }
  });

  it('tls: { key, cert } serves the caller\'s certificate; bad material is a clear error; plain http has none', async () => {
    const own = await selfSignedLoopback();
    const sim = new LiveEngageSimulator({ log: false, tls: { key: Buffer.from(own.key), cert: own.cert } });
    assert.equal(sim.certificatePem, own.cert);
    await sim.start();
    const client = trusting(own.cert);
    try {
      assert.equal((await client.get(`${sim.url}/simulator/stats`)).status, 200);
    } finally {
      await client.close();
      await sim.stop();
    }
    assert.throws(() => new LiveEngageSimulator({ tls: { key: 'nope', cert: own.cert } }), /tls\.key must be a PEM private key/);
    assert.throws(() => new LiveEngageSimulator({ tls: { key: own.key } as never }), /tls\.cert must be a PEM certificate/);
    const plain = new LiveEngageSimulator({ log: false });
    await plain.start();
    assert.equal(plain.certificatePem, undefined);
    assert.match(plain.url, /^http:\/\//);
    await plain.stop();
  });
});
