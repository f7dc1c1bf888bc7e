import assert from 'node:assert/strict';
import { LiveEngageTelemetry, observeWithTelemetry, TELEMETRY_EVENTS } from '../../src/monitoring/index.js';
import { memoryLogger } from '../support/harness.js';
import { FakeAdapter } from './fakeSource.js';
import { RecordingTelemetryClient } from './helpers.js';

describe('LiveEngageTelemetry (facts emitted by hand)', () => {
  it('one LiveEngageChatOutcome per chat: resolved, transferred with reason and target, released', () => {
    const adapter = new FakeAdapter();
    const client = new RecordingTelemetryClient();
    const telemetry = observeWithTelemetry(adapter, client);
    assert.ok(telemetry instanceof LiveEngageTelemetry);
    for (const id of ['r', 't', 'x']) adapter.emit('chatAccepted', adapter.fact(id, { variant: 'A' }));
    adapter.emit('visitorLine', adapter.fact('r', { variant: 'A' }));
    adapter.emit('botLine', { ...adapter.fact('r', { variant: 'A' }), private: false, replyLatencyMs: 5 });
    adapter.emit('chatClosed', { ...adapter.fact('r', { variant: 'A' }), outcome: 'resolved', durationMs: 61_000.4 });
    adapter.emit('transfer', { ...adapter.fact('t', { variant: 'A' }), state: 'accepted', target: 'human-support', reason: 'asked for billing', message: 'ok', failover: false });
    adapter.emit('chatClosed', { ...adapter.fact('t', { variant: 'A' }), outcome: 'transferred', durationMs: 2000 });
    adapter.emit('chatClosed', { ...adapter.fact('x', { variant: 'A' }), outcome: 'released', durationMs: 3000 });
    const base = { botUser: 'support-bot', variant: 'A', skill: 'support-bot' };
    assert.deepEqual(client.events, [
      { name: TELEMETRY_EVENTS.chatOutcome, properties: { chatId: 'r', ...base, outcome: 'resolved' }, metrics: { durationMs: 61_000, visitorLines: 1, botLines: 1, failedTransfers: 0 } },
      { name: TELEMETRY_EVENTS.chatOutcome, properties: { chatId: 't', ...base, outcome: 'transferred', reason: 'asked for billing', target: 'human-support', failover: 'false' }, metrics: { durationMs: 2000, visitorLines: 0, botLines: 0, failedTransfers: 0 } },
      { name: TELEMETRY_EVENTS.chatOutcome, properties: { chatId: 'x', ...base, outcome: 'released' }, metrics: { durationMs: 3000, visitorLines: 0, botLines: 0, failedTransfers: 0 } },
    ]);
  });

  it('LiveEngageTransferFailed per failed transfer, counted on the chat\'s outcome; the reason is cut at maxTextLength', () => {
    const adapter = new FakeAdapter();
    const client = new RecordingTelemetryClient();
    observeWithTelemetry(adapter, client, { maxTextLength: 10 });
    adapter.emit('chatAccepted', adapter.fact('c'));
    adapter.emit('transfer', { ...adapter.fact('c'), state: 'failed', reason: 'a very long reason', message: 'no agent online', failover: true });
    adapter.emit('chatClosed', { ...adapter.fact('c'), outcome: 'resolved', durationMs: 1 });
    assert.deepEqual(client.events[0], {
      name: TELEMETRY_EVENTS.transferFailed,
      properties: { chatId: 'c', botUser: 'support-bot', variant: 'none', skill: 'support-bot', reason: 'a very lo…', message: 'no agent …', failover: 'true' },
    });
    assert.equal(client.events[1]?.metrics?.failedTransfers, 1);
  });

  it('CSAT: LiveEngageCsat (never the visitor\'s words) and LiveEngageCsatSkipped; the outcome carries the rating', () => {
    const adapter = new FakeAdapter();
    const client = new RecordingTelemetryClient();
    const telemetry = observeWithTelemetry(adapter, client);
    adapter.emit('chatAccepted', adapter.fact('c', { variant: 'B' }));
    telemetry.recordCsat({ chatId: 'c', rating: 5, text: 'great, my card is 4111' });
    telemetry.recordCsat({ chatId: 'gone', botUser: 'other-bot', skipped: 'declined' });
    adapter.emit('chatClosed', { ...adapter.fact('c', { variant: 'B' }), outcome: 'resolved', durationMs: 1 });
    assert.deepEqual(client.events.slice(0, 2), [
      { name: TELEMETRY_EVENTS.csat, properties: { chatId: 'c', botUser: 'support-bot', variant: 'B', skill: 'support-bot', rating: '5' }, metrics: { rating: 5 } },
      { name: TELEMETRY_EVENTS.csatSkipped, properties: { chatId: 'gone', botUser: 'other-bot', variant: 'none', reason: 'declined' } },
    ]);
    assert.equal(client.events[2]?.properties?.csatRating, '5');
    assert.equal(client.events[2]?.metrics?.csatRating, 5);
    assert.ok(!JSON.stringify(client.events).includes('4111'));
  });

  it('a chat accepted before observing still gets its outcome; a throwing client is contained; dispose() stops', () => {
    const adapter = new FakeAdapter();
    const logger = memoryLogger();
    let fail = true;
    const events: string[] = [];
    const client = { ...new RecordingTelemetryClient(), trackEvent: (e: { name: string }) => { if (fail) throw new Error('ingestion down'); events.push(e.name); } } as never;
    const telemetry = new LiveEngageTelemetry(client, { logger });
    telemetry.observe(adapter);
    assert.doesNotThrow(() => adapter.emit('chatClosed', { ...adapter.fact('early'), outcome: 'resolved', durationMs: 1 }));
    assert.ok(logger.lines.some((l) => l.startsWith('error') && l.includes('ingestion down')));
    fail = false;
    adapter.emit('chatClosed', { ...adapter.fact('early2'), outcome: 'transferred', durationMs: 1 });
    assert.deepEqual(events, [TELEMETRY_EVENTS.chatOutcome]);
    telemetry.dispose();
    assert.equal(adapter.listenerCount(), 0);
    assert.throws(() => new LiveEngageTelemetry({} as never), /BotTelemetryClient/);
  });
});
