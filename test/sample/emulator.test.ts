import assert from 'node:assert/strict';
import sinon from 'sinon';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSupportBot, type SupportBotHandles } from '../../samples/support-bot/app.js';
import { messages } from '../../samples/support-bot/messages.js';

/** What the bot POSTed to the Emulator's connector: `/v3/conversations/{conversationId}/activities/{activityId}`. */
interface Posted {
  conversationId: string;
  replyToId: string;
  activity: Record<string, unknown> & { type: string; text?: string; value?: unknown };
}

/** A stand-in for the Emulator's own connector service: records every reply the bot sends. */
async function fakeEmulatorConnector(): Promise<{ url: string; posted: Posted[]; close(): Promise<void> }> {
  const posted: Posted[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities\/([^/?]+)$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        // restify patches http.ServerResponse (writeHead returns nothing there): no chaining.
        res.writeHead(404);
        res.end();
        return;
      }
      posted.push({ conversationId: decodeURIComponent(match[1]!), replyToId: decodeURIComponent(match[2]!), activity: JSON.parse(body) });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posted,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

describe('sample: the Bot Framework Emulator endpoint (POST /api/messages)', function () {
  this.timeout(15_000);
  let app: SupportBotHandles;
  let emulator: Awaited<ReturnType<typeof fakeEmulatorConnector>>;
  const conversationId = `${randomUUID()}|livechat`;
  const user = { id: randomUUID(), name: 'User', role: 'user' };
  const bot = { id: randomUUID(), name: 'Bot', role: 'bot' };

  before(async () => {
    emulator = await fakeEmulatorConnector();
    // No MicrosoftAppId: the Emulator sends no Authorization header and the bot accepts that.
    app = await startSupportBot({ port: 0, simulatorPort: 0, typingDelayMs: 0, botFramework: {}, log: () => undefined });
  });
  after(async () => {
    await app?.close();
    await emulator?.close();
  });

  /** Posts an activity the way the Emulator (v4) does, and returns what the bot sent back to it. */
  async function emulatorSends(activity: Record<string, unknown>): Promise<Posted[]> {
    const id = randomUUID();
    const before = emulator.posted.length;
    const now = new Date();
    const res = await fetch(app.emulatorEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        id,
        channelId: 'emulator',
        serviceUrl: emulator.url,
        conversation: { id: conversationId },
        from: user,
        recipient: bot,
        timestamp: now.toISOString(),
        localTimestamp: now.toISOString(),
        localTimezone: 'Europe/Berlin',
        locale: 'en-US',
        ...activity,
      }),
    });
    assert.ok(res.status >= 200 && res.status < 300, `status ${res.status}: ${await res.text()}`);
    const replies = emulator.posted.slice(before);
    for (const reply of replies) {
      assert.equal(reply.conversationId, conversationId);
      assert.equal(reply.replyToId, id);
      assert.equal(reply.activity.replyToId, id);
      assert.equal((reply.activity.from as { id: string }).id, bot.id);
      assert.equal((reply.activity.recipient as { id: string }).id, user.id);
      assert.equal(reply.activity.channelId, 'emulator');
    }
    return replies;
  }

  const message = (text: string) => ({
    type: 'message',
    text,
    textFormat: 'plain',
    channelData: { clientActivityID: randomUUID(), clientTimestamp: new Date().toISOString() },
    entities: [{ type: 'ClientCapabilities', requiresBotState: true, supportsListening: true, supportsTts: true }],
  });

  it('prints the endpoint to paste into the Emulator: the loopback address it is bound to', () => {
    assert.match(app.emulatorEndpoint, /^http:\/\/127\.0\.0\.1:\d+\/api\/messages$/);
    assert.equal((app.server.server.address() as { address: string }).address, '127.0.0.1');
  });

  it('welcomes the user on the conversationUpdate the Emulator sends when it connects', async () => {
    const replies = await emulatorSends({ type: 'conversationUpdate', membersAdded: [{ id: bot.id, name: 'Bot' }, { id: user.id, name: 'User' }], membersRemoved: [] });
    assert.deepEqual(replies.map((r) => [r.activity.type, r.activity.text]), [['message', messages.welcome('User')]]);
    assert.match(messages.welcome('User'), /^Hi! I'm the Support Bot/);
  });

  it('answers a message', async () => {
    const replies = await emulatorSends(message('How much does it cost?'));
    assert.deepEqual(replies.map((r) => [r.activity.type, r.activity.text]), [['message', messages.pricing]]);
  });

  it('shows a transfer as the Emulator can: the message, a trace with the skill and the reason, a notice', async () => {
    const replies = await emulatorSends(message('agent'));
    assert.deepEqual(replies.map((r) => [r.activity.type, r.activity.text ?? r.activity.name]), [
      ['message', messages.escalating],
      ['trace', 'LiveEngage transfer'],
      ['message', messages.transferNotice('human-support')],
    ]);
    assert.deepEqual(replies[1]!.activity.value, { skill: 'human-support', reason: 'Visitor asked for a person ("agent")' });
    assert.equal(replies[1]!.activity.label, 'Transfer to skill human-support');
  });

  it('asks for a rating on goodbye, then thanks, and the end of the chat is a trace', async () => {
    const asked = await emulatorSends(message('bye'));
    assert.deepEqual(asked.map((r) => [r.activity.type, r.activity.text]), [['message', messages.csatQuestion]]);
    const replies = await emulatorSends(message('4'));
    assert.deepEqual(replies.map((r) => [r.activity.type, r.activity.text ?? r.activity.name]), [['message', messages.csatThanks(4)], ['trace', 'LiveEngage end']]);
    // The Emulator's conversations are not LiveEngage chats: nothing is counted for them.
    assert.deepEqual(app.metrics.summary().bots, []);
  });

  it('checks the caller once MicrosoftAppId is set: no Authorization header is a 401', async () => {
    // CloudAdapter reports the refusal on console.error; keep the test output clean.
    const quiet = sinon.stub(console, 'error');
    const secured = await startSupportBot({ port: 0, simulatorPort: 0, typingDelayMs: 0, botFramework: { MicrosoftAppId: randomUUID(), MicrosoftAppPassword: 'secret' }, log: () => undefined });
    try {
      const res = await fetch(secured.emulatorEndpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...message('hi'), id: randomUUID(), channelId: 'emulator', serviceUrl: emulator.url, conversation: { id: conversationId }, from: user, recipient: bot }),
      });
      assert.equal(res.status, 401);
      assert.match(String(quiet.firstCall?.args[0]), /Unauthorized/);
    } finally {
      quiet.restore();
      await secured.close();
    }
  });
});
