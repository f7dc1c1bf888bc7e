import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry, openMetricsContentType } from 'prom-client';
import restify from 'restify';
import { LiveEngageMetrics, metricsHandler } from '../../src/monitoring/index.js';
import { FakeAdapter } from './fakeSource.js';

async function serve(handler: ReturnType<typeof metricsHandler>) {
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.get('/metrics', handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/metrics`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('metricsHandler: GET /metrics on restify, over real HTTP (and on node:http)', () => {
  it('answers the registry in the Prometheus text format', async () => {
    const metrics = new LiveEngageMetrics();
    const adapter = new FakeAdapter();
    metrics.observe(adapter);
    adapter.emit('chatAccepted', adapter.fact('c1'));
    adapter.emit('chatClosed', { ...adapter.fact('c1'), outcome: 'resolved', durationMs: 5 });
    const server = await serve(metricsHandler(metrics));
    try {
      const response = await fetch(server.url);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
      const body = await response.text();
      assert.match(body, /^# HELP liveengage_chats_accepted_total /m);
      assert.match(body, /^# TYPE liveengage_chats_accepted_total counter$/m);
      assert.match(body, /^liveengage_chats_accepted_total\{bot_user="support-bot",variant="none",skill="support-bot"\} 1$/m);
      assert.match(body, /^liveengage_chats_resolved_total\{bot_user="support-bot",variant="none"\} 1$/m);
      assert.match(body, /^liveengage_open_chats\{bot_user="support-bot",variant="none"\} 0$/m);
    } finally {
      await server.close();
    }
  });

  it('answers OpenMetrics when the registry is set to it, and 500 when collecting fails', async () => {
    const registry = new Registry<typeof openMetricsContentType>();
    registry.setContentType(openMetricsContentType);
    new LiveEngageMetrics({ registry });
    const server = await serve(metricsHandler(registry));
    const broken = new Registry();
    broken.metrics = async () => { throw new Error('collect failed'); };
    const failing = await serve(metricsHandler(broken));
    try {
      const response = await fetch(server.url);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/openmetrics-text; version=1\.0\.0/);
      assert.match(await response.text(), /# EOF\n$/);
      const failed = await fetch(failing.url);
      assert.equal(failed.status, 500);
      await failed.text();
    } finally {
      await server.close();
      await failing.close();
    }
    assert.throws(() => metricsHandler({} as never), /Registry/);
  });

  it('serves plain node:http too (no next): the scrape, and 500 when collecting fails', async () => {
    const metrics = new LiveEngageMetrics();
    const broken = new Registry();
    broken.metrics = async () => { throw new Error('collect failed'); };
    const ok = metricsHandler(metrics);
    const failing = metricsHandler(broken);
    const server = createServer((req, res) => (req.url === '/broken' ? failing(req, res) : ok(req, res)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      assert.equal(response.status, 200);
      assert.match(await response.text(), /^# TYPE liveengage_chats_accepted_total counter$/m);
      const failed = await fetch(`http://127.0.0.1:${port}/broken`);
      assert.equal(failed.status, 500);
      assert.equal(await failed.text(), 'metrics unavailable');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
