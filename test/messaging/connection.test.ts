import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { closeAction, handshakeAction, MessagingConnection, messagingUrl, redactUrl } from '../../src/messaging/index.js';
import { BOT, memoryLogger, startSimulator, waitFor } from './support.js';

const BEARER = 'f'.repeat(64);

describe('MessagingConnection on its own (a raw ws server playing UMS)', function () {
  let server: WebSocketServer;
  let sockets: WebSocket[];
  let paths: string[];

  beforeEach(async () => {
    sockets = [];
    paths = [];
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    server.on('connection', (ws, req) => {
      sockets.push(ws);
      paths.push(req.url ?? '');
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { id: string; type: string };
        if (frame.type === '.GetClock') ws.send(JSON.stringify({ kind: 'resp', reqId: frame.id, code: 200, type: '.GetClock$Response', body: { currentTime: 1 } }));
      });
    });
    await new Promise((resolve) => server.once('listening', resolve));
  });
  afterEach(async () => {
    for (const ws of sockets) ws.terminate();
    await new Promise((resolve) => server.close(resolve));
  });

  const connect = async (logger = memoryLogger()) => {
    const { port } = server.address() as AddressInfo;
    const connection = new MessagingConnection({
      accountId: '123',
      host: `127.0.0.1:${port}`,
      auth: { bearer: () => BEARER, relogin: async () => BEARER },
      keepAliveMs: 0,
      backoff: { initialMs: 20 },
      logger,
    });
    await connection.open();
    return { connection, logger };
  };

  it('connects to /ws_api/account/{acct}/messaging/brand/{bearer}?v=2.1 over ws:// on loopback', async () => {
    const { connection } = await connect();
    assert.deepEqual(paths, [`/ws_api/account/123/messaging/brand/${BEARER}?v=2.1`]);
    await connection.close();
  });

  it('malformed frames, unknown kinds and unknown notifications are logged and skipped; the loop goes on', async () => {
    const { connection, logger } = await connect();
    const notes: string[] = [];
    connection.on('notification', (n) => notes.push(n.type));
    const ws = sockets[0]!;
    ws.send('not json');
    ws.send('[1,2]');
    ws.send(JSON.stringify({ kind: 'weird', type: 'x' }));
    ws.send(JSON.stringify({ kind: 'resp', type: '.X$Response', code: 200 }));
    ws.send(JSON.stringify({ kind: 'notification', type: '.ams.Unknown', body: {} }));
    assert.deepEqual(await connection.request('.GetClock'), { currentTime: 1 });
    await waitFor('the unknown notification', () => notes.includes('.ams.Unknown'));
    assert.equal(connection.isOpen, true);
    const errors = logger.lines.filter((l) => l.startsWith('error'));
    assert.equal(errors.length, 4, errors.join('\n'));
    assert.ok(!logger.lines.some((l) => l.includes(BEARER)), 'the bearer is never logged');
    await connection.close();
  });

  it('a pending request fails with closed when the socket goes, and the connection comes back', async () => {
    const { connection } = await connect();
    const opened: boolean[] = [];
    connection.on('open', ({ reconnect }) => opened.push(reconnect));
    const pending = connection.request('.ams.Never');
    sockets[0]!.terminate();
    await assert.rejects(pending, (e: Error & { kind?: string }) => e.kind === 'closed');
    await waitFor('reconnected', () => opened.includes(true));
    await connection.close();
  });

  it('open() refuses bad options with botbuilder-style messages', async () => {
    await assert.rejects(new MessagingConnection({ accountId: '', host: 'h', auth: { bearer: () => 'b', relogin: async () => 'b' } }).open(), /^MessagingError: MessagingConnection\.open\(\): accountId is required\.$/m);
    await assert.rejects(
      new MessagingConnection({ accountId: '1', host: 'https://x', auth: { bearer: () => 'b', relogin: async () => 'b' } }).open(),
      /MessagingConnection\.open\(\): host must be a bare host\[:port\]/,
    );
  });
});

describe('Messaging URL and retry rules', () => {
  it('wss:// for every host but loopback; the bearer is redacted for logs', () => {
    assert.equal(messagingUrl('t', { host: 'va.msg.liveperson.net', accountId: '1', bearer: 'abc' }), 'wss://va.msg.liveperson.net/ws_api/account/1/messaging/brand/abc?v=2.1');
    assert.equal(messagingUrl('t', { host: 'localhost:80', accountId: '1', bearer: 'abc' }).slice(0, 5), 'ws://');
    assert.equal(redactUrl('wss://h/ws_api/account/1/messaging/brand/secret?v=2.1'), 'wss://h/ws_api/account/1/messaging/brand/***?v=2.1');
  });

  it('close codes: 4401/4407/1011/1008 re-login, protocol and 4403 fatal, the rest reconnect', () => {
    assert.deepEqual([4401, 4407, 1011, 1008].map(closeAction), ['relogin', 'relogin', 'relogin', 'relogin']);
    assert.deepEqual([1002, 1003, 1007, 4400, 4403, 4404].map(closeAction), Array(6).fill('fatal'));
    assert.deepEqual([1000, 1001, 1006, 4410, 4999].map(closeAction), Array(5).fill('reconnect'));
    assert.deepEqual([401, 403, 404, 429, 503].map(handshakeAction), ['relogin', 'fatal', 'fatal', 'reconnect', 'reconnect']);
  });
});

describe('the Messaging simulator on bad client input', () => {
  it('skips malformed frames without closing the socket, and echoes a numeric id as a string', async () => {
    const sim = await startSimulator();
    try {
      const login = await fetch(`${sim.url}/api/account/${sim.accountId}/login?v=1.3`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(BOT) });
      const { bearer } = (await login.json()) as { bearer: string };
      const ws = new WebSocket(`ws://127.0.0.1:${sim.port}/ws_api/account/${sim.accountId}/messaging/brand/${bearer}?v=2.1`);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const answers: unknown[] = [];
      ws.on('message', (data) => answers.push(JSON.parse(data.toString())));
      ws.send('not json');
      ws.send(JSON.stringify({ kind: 'resp', type: 'x' }));
      ws.send(JSON.stringify({ kind: 'req', id: 4, type: '.ams.Nonsense', body: {} }));
      ws.send(JSON.stringify({ kind: 'req', id: 5, type: '.GetClock' }));
      await waitFor('two answers', () => answers.length === 2);
      assert.deepEqual(answers[0], { kind: 'resp', reqId: '4', code: 400, type: '.ReqBody$StringResp', body: 'Unsupported request type .ams.Nonsense' });
      assert.equal((answers[1] as { reqId: string; code: number }).reqId, '5');
      assert.equal(ws.readyState, WebSocket.OPEN);
      ws.close();
    } finally {
      await sim.stop();
    }
  });
});
