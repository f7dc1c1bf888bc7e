import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import sinon from 'sinon';
import { Timers } from '../../src/simulator/clock.js';
import { FaultBook } from '../../src/simulator/faults.js';
import { Dispatcher, type Route, type UrlRewrite } from '../../src/simulator/http/dispatch.js';
import { json } from '../../src/simulator/http/reply.js';
import { envelopeTime, isoTime } from '../../src/simulator/render/format.js';
import { SIMULATOR_DEFAULTS, systemClock } from '../../src/simulator/index.js';
import { RequestStats } from '../../src/simulator/stats.js';
import { LinkedQueue } from '../../src/simulator/world/queue.js';
import { World } from '../../src/simulator/world/World.js';
import { call } from '../support/simulatorClient.js';

describe('simulator internals', () => {
  describe('LinkedQueue', () => {
    it('pushes at both ends, removes from the middle, iterates safely while removing', () => {
      const queue = new LinkedQueue<string>();
      queue.pushBack('b');
      queue.pushBack('c');
      queue.pushFront('a');
      queue.pushBack('d');
      queue.pushBack('b'); // already in: no duplicate
      assert.deepEqual([...queue], ['a', 'b', 'c', 'd']);
      assert.equal(queue.remove('c'), true);
      assert.equal(queue.remove('c'), false);
      for (const item of queue) if (item !== 'd') queue.remove(item);
      assert.deepEqual([...queue], ['d']);
      assert.equal(queue.peek(), 'd');
      assert.equal(queue.size, 1);
    });
  });

  describe('Timers', () => {
    it('runs on the given clock and clears everything on clearAll', () => {
      const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      try {
        const timers = new Timers(systemClock);
        const fired: string[] = [];
        timers.set(() => fired.push('a'), 10);
        const b = timers.set(() => fired.push('b'), 20);
        timers.set(() => fired.push('c'), 30);
        timers.clear(b);
        clock.tick(15);
        timers.clearAll();
        clock.tick(100);
        assert.deepEqual(fired, ['a']);
        assert.equal(timers.set(() => fired.push('d'), 1), undefined, 'inert once cleared');
      } finally {
        clock.restore();
      }
    });
  });

  describe('format', () => {
    it('renders ISO times with an offset and the envelope\'s Java-style time', () => {
      const ms = Date.UTC(2016, 8, 22, 16, 10, 15, 5);
      assert.equal(isoTime(ms), '2016-09-22T16:10:15.005+00:00');
      assert.equal(envelopeTime(ms), 'Sep 22, 2016 4:10:15 PM');
      assert.equal(envelopeTime(Date.UTC(2016, 0, 2, 0, 5, 9)), 'Jan 2, 2016 12:05:09 AM');
    });
  });

  describe('Dispatcher', () => {
    let server: Server;
    let base: string;
    const logs: string[] = [];

    before(async () => {
      const world = new World({
        ...SIMULATOR_DEFAULTS,
        chatTimeoutMs: 40_000,
        acceptTimeoutMs: 20_000,
        clock: systemClock,
        onChange: () => undefined,
      });
      const timers = new Timers(systemClock);
      const dispatcher = new Dispatcher({
        world,
        faults: new FaultBook(1),
        stats: new RequestStats(),
        timers,
        rewrites: new WeakMap<IncomingMessage, UrlRewrite>(),
        log: (line) => logs.push(line),
      });
      const routes: Record<string, Route> = {
        '/boom': { method: 'GET', path: '/boom', family: 'login', operation: 'boom', handle: () => { throw new Error('kaboom'); } },
        '/control-boom': { method: 'GET', path: '/control-boom', family: 'control', operation: 'boom', handle: () => { throw new TypeError('oops'); } },
        '/ok': { method: 'GET', path: '/ok', family: 'login', operation: 'ok', handle: () => json(200, { ok: true }) },
      };
      server = createServer((req, res) => {
        const route = routes[(req.url ?? '').split('?')[0] ?? ''];
        if (route) void dispatcher.run(route, req, res, {});
        else {
          const reply = dispatcher.unrouted(req, 404);
          res.writeHead(reply.status, reply.headers).end(reply.body);
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });

    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('answers a handler that throws with 500 in the envelope, and keeps serving', async () => {
      const res = await call(`${base}/boom`);
      assert.equal(res.status, 500);
      assert.equal(res.json.error.responseStatus, 'INTERNAL_SERVER_ERROR');
      assert.equal(res.json.error.message, 'Internal server error');
      const control = await call(`${base}/control-boom`);
      assert.deepEqual({ status: control.status, body: control.json }, { status: 500, body: { error: 'Internal simulator error' } });
      assert.equal((await call(`${base}/ok`)).status, 200);
    });

    it('logs method, path without query, status and time; never the query, headers or body', async () => {
      logs.length = 0;
      await call(`${base}/ok?secret=hunter2`, { headers: { Authorization: 'Bearer topsecret' } });
      assert.equal(logs.length, 1);
      assert.match(logs[0] ?? '', /^GET \/ok 200 \d+ms$/);
      assert.ok(!logs.join('\n').includes('hunter2'));
      assert.ok(!logs.join('\n').includes('topsecret'));
    });
  });

  describe('scale', () => {
    it('routes, accepts and reads 1000 chats without per-request scans', () => {
      const world = new World({
        ...SIMULATOR_DEFAULTS,
        chatTimeoutMs: 40_000,
        acceptTimeoutMs: 20_000,
        clock: systemClock,
        onChange: () => undefined,
      });
      try {
        const bot = world.state.agent('1001');
        const login = world.logins.login(SIMULATOR_DEFAULTS.accountId, { username: 'support-bot', password: 'bot-password' });
        world.logins.startAgentSession(login);
        world.router.setAvailability(bot, 'Online');
        const started = Date.now();
        const chats = Array.from({ length: 1000 }, () => world.chats.start('support-bot', undefined));
        for (let i = 0; i < chats.length; i += 1) world.chats.accept(bot);
        for (const chat of chats) {
          world.chats.visitorLine(chat, 'hello', 'plain');
          world.chats.agentLine(chat, bot, { text: 'hi', textType: 'plain', subType: 'REGULAR' });
        }
        assert.equal(bot.openChats.size, 1000);
        assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
      } finally {
        world.stop();
      }
    });
  });
});
