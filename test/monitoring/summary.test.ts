import assert from 'node:assert/strict';
import type { MetricFact } from '../../src/monitoring/facts.js';
import { EMPTY_SUMMARY, reduceSummary, renderSummary, type SummaryState } from '../../src/monitoring/summary.js';

const A = { botUser: 'bot', variant: 'A' } as const;
const accepted = (opened = true): MetricFact => ({ kind: 'chatAccepted', ...A, skill: 's', opened });
const closed = (outcome: 'resolved' | 'transferred' | 'released', wasOpen = true): MetricFact => ({ kind: 'chatClosed', ...A, outcome, durationMs: 1000, wasOpen });
const transfer = (reason: string, state: 'accepted' | 'failed', failover = false): MetricFact => ({ kind: 'transfer', ...A, target: 'human', reason, state, failover });

/** Freezes a state all the way down, so a reducer that writes into it throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function fold(facts: MetricFact[]): SummaryState {
  return facts.reduce((state, fact) => reduceSummary(deepFreeze(state), fact), EMPTY_SUMMARY);
}

function row(facts: MetricFact[]) {
  const summary = renderSummary(fold(facts), new Date(0), new Date(0));
  return { bot: summary.bots[0], api: summary.api[0], summary };
}

describe('monitoring/summary: the pure reducer (state, fact) => state', () => {
  const table: [string, MetricFact[], (r: ReturnType<typeof row>) => unknown, unknown][] = [
    ['nothing: no rows', [], (r) => r.summary.bots.length + r.summary.api.length, 0],
    ['an accept opens a chat', [accepted()], (r) => r.bot?.chats, { accepted: 1, open: 1, resolved: 0, transferred: 0, released: 0 }],
    ['an accept of a chat already open counts, but opens nothing', [accepted(), accepted(false)], (r) => [r.bot?.chats.accepted, r.bot?.chats.open], [2, 1]],
    ['a close of a followed chat closes it, by outcome', [accepted(), closed('resolved')], (r) => r.bot?.chats, { accepted: 1, open: 0, resolved: 1, transferred: 0, released: 0 }],
    ['a close of a chat never seen open leaves open at 0', [closed('transferred', false)], (r) => [r.bot?.chats.open, r.bot?.chats.transferred], [0, 1]],
    ['resolution rate: resolved / (resolved + transferred), released aside', [closed('resolved'), closed('resolved'), closed('transferred'), closed('released')], (r) => r.bot?.resolutionRate, 0.6667],
    ['no decided chat: resolution rate null', [closed('released')], (r) => r.bot?.resolutionRate, null],
    ['transfers by state and reason; failovers counted apart', [transfer('billing', 'accepted'), transfer('billing', 'failed'), transfer('bot error', 'accepted', true)], (r) => r.bot?.transfers, {
      accepted: 2, failed: 1, failover: 1,
      topReasons: [{ reason: 'billing', accepted: 1, failed: 1 }, { reason: 'bot error', accepted: 1, failed: 0 }],
    }],
    ['at most 10 reasons, most frequent first, ties by name', [...'abcdefghijkl'.split('').map((c) => transfer(c, 'accepted')), transfer('l', 'accepted')], (r) => r.bot?.transfers.topReasons.map((t) => t.reason).join(''), 'labcdefghi'],
    ['a reason named __proto__ is a reason like any other', [transfer('__proto__', 'accepted'), transfer('__proto__', 'accepted')], (r) => r.bot?.transfers.topReasons, [{ reason: '__proto__', accepted: 2, failed: 0 }]],
    ['lines: visitor, bot, private, undeliverable', [
      { kind: 'visitorLine', ...A }, { kind: 'botLine', ...A, private: false }, { kind: 'botLine', ...A, private: true }, { kind: 'lineUndeliverable', ...A, action: 'line' },
    ], (r) => r.bot?.lines, { visitor: 1, bot: 2, private: 1, undeliverable: 1 }],
    ['reply latency: only bot lines that carry one', [{ kind: 'botLine', ...A, private: false, replyLatencyMs: 100 }, { kind: 'botLine', ...A, private: false, replyLatencyMs: 251 }, { kind: 'botLine', ...A, private: false }], (r) => r.bot?.replyLatency, { count: 2, averageMs: 175.5 }],
    ['turns: count, failed, average', [{ kind: 'turn', ...A, activityType: 'message', failed: false, durationMs: 10 }, { kind: 'turn', ...A, activityType: 'message', failed: true, durationMs: 21 }], (r) => r.bot?.turns, { count: 2, failed: 1, averageMs: 15.5 }],
    ['CSAT: distribution, average, skipped', [{ kind: 'csatRating', ...A, rating: 5 }, { kind: 'csatRating', ...A, rating: 4 }, { kind: 'csatRating', ...A, rating: 4 }, { kind: 'csatSkipped', ...A, reason: 'declined' }], (r) => r.bot?.csat, {
      responses: 3, skipped: 1, average: 4.33, distribution: { '1': 0, '2': 0, '3': 0, '4': 2, '5': 1 },
    }],
    ['no CSAT: average null', [accepted()], (r) => r.bot?.csat.average, null],
    ['API calls by operation, errors when an error kind is set', [
      { kind: 'apiCall', botUser: 'bot', operation: 'getEvents', status: '200', durationMs: 5 },
      { kind: 'apiCall', botUser: 'bot', operation: 'addLine', status: 'none', errorKind: 'network', durationMs: 5 },
      { kind: 'apiCall', botUser: 'bot', operation: 'getEvents', status: '503', errorKind: 'http', durationMs: 5 },
    ], (r) => [r.api?.requests, r.api?.errors, r.api?.byOperation], [3, 2, { addLine: { requests: 1, errors: 1 }, getEvents: { requests: 2, errors: 1 } }]],
    ['polls, relogin failures and takeovers per bot user', [
      { kind: 'poll', botUser: 'bot', durationMs: 3 }, { kind: 'poll', botUser: 'bot', durationMs: 3 }, { kind: 'reloginFailed', botUser: 'bot' }, { kind: 'takeover', botUser: 'bot', gaveUp: false },
    ], (r) => [r.api?.polls, r.api?.reloginFailures, r.api?.takeovers, r.summary.bots.length], [2, 1, 1, 0]],
  ];
  for (const [name, facts, pick, expected] of table) {
    it(name, () => assert.deepEqual(pick(row(facts)), expected));
  }

  it('rows by bot user, then variant, sorted; each its own counts', () => {
    const facts: MetricFact[] = [
      { kind: 'visitorLine', botUser: 'z-bot', variant: 'A' },
      { kind: 'visitorLine', botUser: 'a-bot', variant: 'B' },
      { kind: 'visitorLine', botUser: 'a-bot', variant: 'A' },
      { kind: 'visitorLine', botUser: 'a-bot', variant: 'A' },
    ];
    const { summary } = row(facts);
    assert.deepEqual(summary.bots.map((b) => [b.botUser, b.variant, b.lines.visitor]), [['a-bot', 'A', 2], ['a-bot', 'B', 1], ['z-bot', 'A', 1]]);
  });

  it('never changes the state it is given (every step above ran on frozen states)', () => {
    const before = fold([accepted(), transfer('x', 'failed')]);
    const snapshot = JSON.stringify(before);
    const after = reduceSummary(before, closed('transferred'));
    assert.equal(JSON.stringify(before), snapshot);
    assert.notEqual(after, before);
  });
});
