import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Registry } from 'prom-client';
import { memoryLogger } from '../support/harness.js';
import { LiveEngageMetrics, METRIC_DEFINITIONS, metricDefinitions, reasonLabel } from '../../src/monitoring/index.js';
import { FakeAdapter } from './fakeSource.js';
import { metricValue, series } from './helpers.js';

describe('LiveEngageMetrics (facts emitted by hand)', () => {
  describe('reasonLabel', () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'none'],
      ['   ', 'none'],
      ['asked for billing', 'asked for billing'],
      ['Asked   for\nBILLING ', 'asked for billing'],
      ['Visitor asked for a person ("agent")', 'visitor asked for a person ("agent")'],
      ['Intent Complaint (0.91)', 'intent complaint'],
      ['Bot error: Cannot read properties of undefined (reading \'x\')', 'bot error'],
      ['Order 12345 is missing', 'order # is missing'],
      ['Refund of 12.50 EUR', 'refund of # eur'],
      ['a'.repeat(100), `${'a'.repeat(59)}…`],
      ['(42)', 'none'],
    ];
    for (const [reason, label] of cases) {
      it(`${JSON.stringify(reason)} -> ${JSON.stringify(label)}`, () => assert.equal(reasonLabel(reason), label));
    }
    it('takes a maximum length', () => assert.equal(reasonLabel('abcdefghij', 5), 'abcd…'));
  });

  it('counts a chat with variant labels; every later fact of the chat keeps the labels it was accepted with', async () => {
    const adapter = new FakeAdapter();
    const metrics = new LiveEngageMetrics();
    metrics.observe(adapter);
    adapter.emit('chatAccepted', adapter.fact('c1', { variant: 'B' }));
    adapter.emit('visitorLine', adapter.fact('c1', { variant: 'B' }));
    adapter.emit('botLine', { ...adapter.fact('c1'), private: false, replyLatencyMs: 1500 });
    adapter.emit('botLine', { ...adapter.fact('c1'), private: true });
    adapter.emit('turn', { ...adapter.fact('c1', { variant: 'B' }), activityType: 'message', durationMs: 30, failed: false });
    const labels = { bot_user: 'support-bot', variant: 'B' };
    assert.equal(await metricValue(metrics.registry, 'liveengage_open_chats', labels), 1);
    assert.equal(await metricValue(metrics.registry, 'liveengage_visitor_lines_total', labels), 1);
    assert.equal(await metricValue(metrics.registry, 'liveengage_bot_lines_total', { ...labels, private: 'false' }), 1);
    assert.equal(await metricValue(metrics.registry, 'liveengage_bot_lines_total', { ...labels, private: 'true' }), 1);
    assert.equal(await metricValue(metrics.registry, 'liveengage_reply_latency_seconds', labels, '_sum'), 1.5);
    assert.equal(await metricValue(metrics.registry, 'liveengage_reply_latency_seconds', { ...labels, le: '2' }, '_bucket'), 1);
    assert.equal(await metricValue(metrics.registry, 'liveengage_reply_latency_seconds', { ...labels, le: '1' }, '_bucket'), 0);
    assert.equal(await metricValue(metrics.registry, 'liveengage_turn_duration_seconds', { ...labels, activity_type: 'message' }, '_sum'), 0.03);
    adapter.emit('chatClosed', { ...adapter.fact('c1', { variant: 'B' }), outcome: 'resolved', durationMs: 90_000 });
    assert.equal(await metricValue(metrics.registry, 'liveengage_open_chats', labels), 0);
    assert.equal(await metricValue(metrics.registry, 'liveengage_chats_resolved_total', labels), 1);
    assert.equal(await metricValue(metrics.registry, 'liveengage_chat_duration_seconds', { ...labels, outcome: 'resolved' }, '_sum'), 90);
    assert.deepEqual((await series(metrics.registry, 'liveengage_visitor_lines_total')).map((s) => s.labels.variant), ['B']);
  });

  it('a chat accepted before observing began: counted from its facts, the open gauge never goes negative', async () => {
    const adapter = new FakeAdapter();
    const metrics = new LiveEngageMetrics();
    metrics.observe(adapter);
    adapter.emit('visitorLine', adapter.fact('old'));
    adapter.emit('chatClosed', { ...adapter.fact('old'), outcome: 'transferred', durationMs: 10 });
    assert.equal(await metricValue(metrics.registry, 'liveengage_open_chats'), 0);
    assert.equal(await metricValue(metrics.registry, 'liveengage_chats_closed_total', { bot_user: 'support-bot', variant: 'none', outcome: 'transferred' }), 1);
    assert.equal(await metricValue(metrics.registry, 'liveengage_visitor_lines_total', { variant: 'none' }), 1);
  });

  it('caps distinct reason labels at maxReasons (later ones are "other") and takes a reasonLabel function', async () => {
    const adapter = new FakeAdapter();
    const metrics = new LiveEngageMetrics({ maxReasons: 2 });
    metrics.observe(adapter);
    for (const reason of ['billing', 'refund', 'billing', 'legal', 'fraud']) {
      adapter.emit('transfer', { ...adapter.fact('c'), state: 'accepted', target: 'human-support', reason, message: 'ok', failover: false });
    }
    const byReason = Object.fromEntries((await series(metrics.registry, 'liveengage_transfers_total')).map((s) => [s.labels.reason, s.value]));
    assert.deepEqual(byReason, { billing: 2, refund: 1, other: 2 });

    const custom = new LiveEngageMetrics({ reasonLabel: (reason) => (/bill|refund/i.test(reason ?? '') ? 'billing' : 'other') });
    custom.observe(adapter);
    adapter.emit('transfer', { ...adapter.fact('c'), state: 'failed', reason: 'Refund please', message: 'no', failover: false });
    assert.deepEqual(await series(custom.registry, 'liveengage_transfers_failed_total'), [{ labels: { bot_user: 'support-bot', variant: 'none', target: 'none', reason: 'billing' }, value: 1 }]);
  });

  it('contains a failing observation: the adapter never sees the error, the logger does', () => {
    const adapter = new FakeAdapter();
    const logger = memoryLogger();
    const metrics = new LiveEngageMetrics({ logger, reasonLabel: () => { throw new Error('bad labeller'); } });
    metrics.observe(adapter);
    assert.doesNotThrow(() => adapter.emit('transfer', { ...adapter.fact('c'), state: 'accepted', message: 'ok', failover: false }));
    assert.ok(logger.lines.some((l) => l.startsWith('error') && l.includes('transfer') && l.includes('bad labeller')));
  });

  it('observes several adapters; observing one twice counts once; unsubscribe stops counting', async () => {
    const one = new FakeAdapter('bot-1');
    const two = new FakeAdapter('bot-2');
    const metrics = new LiveEngageMetrics();
    const stopOne = metrics.observe(one);
    assert.equal(metrics.observe(one), stopOne);
    metrics.observe(two);
    one.emit('chatAccepted', one.fact('a'));
    two.emit('chatAccepted', two.fact('b'));
    assert.deepEqual((await series(metrics.registry, 'liveengage_chats_accepted_total')).map((s) => [s.labels.bot_user, s.value]), [['bot-1', 1], ['bot-2', 1]]);
    stopOne();
    stopOne();
    assert.equal(one.listenerCount(), 0);
    one.emit('chatAccepted', one.fact('c'));
    assert.equal(await metricValue(metrics.registry, 'liveengage_chats_accepted_total', { bot_user: 'bot-1' }), 1);
    assert.throws(() => metrics.observe({} as never), /on\/off/);
  });

  it('counts API calls by operation and status (none without an answer) and errors by kind; polls', async () => {
    const adapter = new FakeAdapter();
    const metrics = new LiveEngageMetrics();
    metrics.observe(adapter);
    adapter.emit('apiCall', { botUser: 'support-bot', operation: 'addLine', status: 201, ms: 12 });
    adapter.emit('apiCall', { botUser: 'support-bot', operation: 'addLine', status: 503, ms: 5, errorKind: 'http' });
    adapter.emit('apiCall', { botUser: 'support-bot', operation: 'getChats', ms: 10_000, errorKind: 'timeout' });
    adapter.emit('poll', { botUser: 'support-bot', durationMs: 40, openChats: 3 });
    assert.deepEqual(await series(metrics.registry, 'liveengage_api_requests_total'), [
      { labels: { bot_user: 'support-bot', operation: 'addLine', status: '201' }, value: 1 },
      { labels: { bot_user: 'support-bot', operation: 'addLine', status: '503' }, value: 1 },
      { labels: { bot_user: 'support-bot', operation: 'getChats', status: 'none' }, value: 1 },
    ]);
    assert.deepEqual(await series(metrics.registry, 'liveengage_api_errors_total'), [
      { labels: { bot_user: 'support-bot', operation: 'addLine', kind: 'http' }, value: 1 },
      { labels: { bot_user: 'support-bot', operation: 'getChats', kind: 'timeout' }, value: 1 },
    ]);
    assert.equal(await metricValue(metrics.registry, 'liveengage_api_request_duration_seconds', { operation: 'getChats' }, '_sum'), 10);
    assert.equal(await metricValue(metrics.registry, 'liveengage_polls_total'), 1);
    assert.equal(await metricValue(metrics.registry, 'liveengage_poll_duration_seconds', {}, '_sum'), 0.04);
    assert.deepEqual(metrics.summary().api, [{ botUser: 'support-bot', requests: 3, errors: 2, polls: 1, reloginFailures: 0, takeovers: 0, byOperation: { addLine: { requests: 2, errors: 1 }, getChats: { requests: 1, errors: 1 } } }]);
  });

  it('counts what could not be delivered, failed re-logins and takeovers (for a soak: botLinesUndeliverable, reloginFailures, takeovers)', async () => {
    const adapter = new FakeAdapter();
    const metrics = new LiveEngageMetrics();
    metrics.observe(adapter);
    adapter.emit('chatAccepted', adapter.fact('c1'));
    adapter.emit('lineUndeliverable', { ...adapter.fact('c1'), action: 'line', text: 'Welcome!', private: false, reason: 'chat c1 was ended' });
    adapter.emit('lineUndeliverable', { ...adapter.fact('c1'), action: 'end', private: false, reason: 'stopped' });
    adapter.emit('reloginFailed', { botUser: 'support-bot', attempt: 1, retryInMs: 120_000, error: 'login answered 503' });
    adapter.emit('takeover', { botUser: 'support-bot', count: 1, gaveUp: false, message: 'm' });
    adapter.emit('takeover', { botUser: 'support-bot', count: 3, gaveUp: true, message: 'm' });
    assert.deepEqual(await series(metrics.registry, 'liveengage_bot_lines_undeliverable_total'), [
      { labels: { bot_user: 'support-bot', variant: 'none', action: 'line' }, value: 1 },
      { labels: { bot_user: 'support-bot', variant: 'none', action: 'end' }, value: 1 },
    ]);
    assert.equal(await metricValue(metrics.registry, 'liveengage_relogin_failures_total'), 1);
    assert.equal(await metricValue(metrics.registry, 'liveengage_takeovers_total', { gave_up: 'true' }), 1);
    const summary = metrics.summary();
    assert.equal(summary.bots[0]?.lines.undeliverable, 2);
    assert.equal(summary.api[0]?.reloginFailures, 1);
    assert.equal(summary.api[0]?.takeovers, 2);
  });

  it('records CSAT with the chat\'s labels (or the answer\'s for an unknown chat), skips by reason, refuses a rating out of range', async () => {
    const adapter = new FakeAdapter();
    const metrics = new LiveEngageMetrics();
    metrics.observe(adapter);
    adapter.emit('chatAccepted', adapter.fact('c1', { variant: 'A' }));
    metrics.recordCsat({ chatId: 'c1', rating: 4, text: '4' });
    metrics.recordCsat({ chatId: 'elsewhere', botUser: 'other-bot', variant: 'B', rating: 2, text: 'bad' });
    metrics.recordCsat({ chatId: 'c1', skipped: 'declined' });
    metrics.recordCsat({ chatId: 'nobody', skipped: 'unrecognized' });
    assert.equal(await metricValue(metrics.registry, 'liveengage_csat_responses_total', { bot_user: 'support-bot', variant: 'A', rating: '4' }), 1);
    assert.equal(await metricValue(metrics.registry, 'liveengage_csat_responses_total', { bot_user: 'other-bot', variant: 'B', rating: '2' }), 1);
    assert.equal(await metricValue(metrics.registry, 'liveengage_csat_rating', { bot_user: 'support-bot', variant: 'A' }, '_sum'), 4);
    assert.equal(await metricValue(metrics.registry, 'liveengage_csat_rating', { variant: 'A', le: '3' }, '_bucket'), 0);
    assert.equal(await metricValue(metrics.registry, 'liveengage_csat_rating', { variant: 'A', le: '4' }, '_bucket'), 1);
    assert.deepEqual(await series(metrics.registry, 'liveengage_csat_skipped_total'), [
      { labels: { bot_user: 'support-bot', variant: 'A', reason: 'declined' }, value: 1 },
      { labels: { bot_user: 'unknown', variant: 'none', reason: 'unrecognized' }, value: 1 },
    ]);
    assert.throws(() => metrics.recordCsat({ chatId: 'c1', rating: 7 as never, text: '7' }), /1-5/);
  });

  it('summary(): per bot user and variant, plain JSON; reset() zeroes metrics and summary', async () => {
    const adapter = new FakeAdapter();
    const metrics = new LiveEngageMetrics();
    metrics.observe(adapter);
    const chat = (id: string, variant: string) => adapter.fact(id, { variant });
    adapter.emit('chatAccepted', chat('1', 'A'));
    adapter.emit('chatAccepted', chat('2', 'A'));
    adapter.emit('chatAccepted', chat('3', 'B'));
    adapter.emit('chatAccepted', chat('4', 'B'));
    adapter.emit('visitorLine', chat('1', 'A'));
    adapter.emit('botLine', { ...chat('1', 'A'), private: false, replyLatencyMs: 200 });
    adapter.emit('turn', { ...chat('1', 'A'), activityType: 'message', durationMs: 10, failed: false });
    adapter.emit('turn', { ...chat('1', 'A'), activityType: 'message', durationMs: 30, failed: true });
    metrics.recordCsat({ chatId: '1', rating: 5, text: 'great' });
    metrics.recordCsat({ chatId: '2', rating: 4, text: '4' });
    adapter.emit('chatClosed', { ...chat('1', 'A'), outcome: 'resolved', durationMs: 1 });
    adapter.emit('chatClosed', { ...chat('2', 'A'), outcome: 'resolved', durationMs: 1 });
    adapter.emit('transfer', { ...chat('3', 'B'), state: 'failed', reason: 'Billing: refund', message: 'no agent', failover: false });
    adapter.emit('transfer', { ...chat('3', 'B'), state: 'accepted', target: 'human-support', reason: 'Billing: refund', message: 'ok', failover: false });
    adapter.emit('chatClosed', { ...chat('3', 'B'), outcome: 'transferred', durationMs: 1 });
    metrics.recordCsat({ chatId: '4', skipped: 'declined' });
    const summary = metrics.summary();
    assert.deepEqual(JSON.parse(JSON.stringify(summary)), summary);
    assert.ok(!Number.isNaN(Date.parse(summary.since)));
    assert.deepEqual(summary.bots, [
      {
        botUser: 'support-bot', variant: 'A',
        chats: { accepted: 2, open: 0, resolved: 2, transferred: 0, released: 0 },
        resolutionRate: 1,
        transfers: { accepted: 0, failed: 0, failover: 0, topReasons: [] },
        lines: { visitor: 1, bot: 1, private: 0, undeliverable: 0 },
        turns: { count: 2, failed: 1, averageMs: 20 },
        replyLatency: { count: 1, averageMs: 200 },
        csat: { responses: 2, skipped: 0, average: 4.5, distribution: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 1 } },
      },
      {
        botUser: 'support-bot', variant: 'B',
        chats: { accepted: 2, open: 1, resolved: 0, transferred: 1, released: 0 },
        resolutionRate: 0,
        transfers: { accepted: 1, failed: 1, failover: 0, topReasons: [{ reason: 'billing', accepted: 1, failed: 1 }] },
        lines: { visitor: 0, bot: 0, private: 0, undeliverable: 0 },
        turns: { count: 0, failed: 0, averageMs: null },
        replyLatency: { count: 0, averageMs: null },
        csat: { responses: 0, skipped: 1, average: null, distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } },
      },
    ]);
    metrics.reset();
    assert.deepEqual(metrics.summary().bots, []);
    assert.equal(await metricValue(metrics.registry, 'liveengage_chats_accepted_total'), 0);
    adapter.emit('chatClosed', { ...chat('4', 'B'), outcome: 'resolved', durationMs: 1 });
    assert.equal(await metricValue(metrics.registry, 'liveengage_open_chats'), 0, 'a chat from before the reset does not drive the gauge negative');
  });

  it('registers on a given registry with a prefix and buckets; refuses a second set on the same registry and prefix, and a bad prefix', async () => {
    const registry = new Registry();
    const metrics = new LiveEngageMetrics({ registry, prefix: 'bots_', buckets: { replyLatencySeconds: [1, 10] } });
    assert.equal(metrics.registry, registry);
    const names = (await registry.getMetricsAsJSON()).map((m) => m.name).sort();
    assert.deepEqual(names, metricDefinitions('bots_').map((d) => d.name).sort());
    assert.equal(names.length, Object.keys(METRIC_DEFINITIONS).length);
    const adapter = new FakeAdapter();
    metrics.observe(adapter);
    adapter.emit('botLine', { ...adapter.fact('c'), private: false, replyLatencyMs: 3000 });
    const buckets = (await series(registry, 'bots_reply_latency_seconds')).length;
    assert.equal(buckets, 1);
    const text = await registry.getSingleMetricAsString('bots_reply_latency_seconds');
    assert.match(text, /le="1"[^\n]* 0\n/);
    assert.match(text, /le="10"[^\n]* 1\n/);
    assert.throws(() => new LiveEngageMetrics({ registry, prefix: 'bots_' }), /already has a metric 'bots_chats_accepted_total'/);
    assert.throws(() => new LiveEngageMetrics({ prefix: 'bad-prefix' }), /not a valid metric name/);
    assert.doesNotThrow(() => new LiveEngageMetrics({ registry, prefix: 'other_' }));
  });

  it('the README table names every metric with its labels', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const def of metricDefinitions()) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${def.name}\``));
      assert.ok(row, `README row for ${def.name}`);
      for (const label of def.labels) assert.ok(row.includes(`\`${label}\``), `${def.name}: label ${label} in the README`);
      assert.ok(row.includes(def.type), `${def.name}: type ${def.type}`);
    }
  });
});
