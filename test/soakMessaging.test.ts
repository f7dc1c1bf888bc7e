import assert from 'node:assert/strict';
import { messagingFigures, messagingRunOk } from '../bench/messagingFigures.js';
import { percentile } from '../bench/percentile.js';
import type { RunResult } from '../bench/run.js';
import { ArgProblem, commaList, firstProblem, oneOf, positiveWhole, TRANSPORTS, whole } from '../cli/args.js';
import { faultsDue, messagingRequestFaults, seededRandom, SOCKET_CLOSE_CODES } from '../soak/messagingFaultPlan.js';
import { messagingSoakPassed, messagingTranscript, messagingTranscriptFigures, type MessagingEventLike, type MessagingSoakFigures } from '../soak/messagingFigures.js';
import { soakTiming } from '../soak/timing.js';

describe('cli/args: the checks soak and bench share', () => {
  const cases: [string, unknown, unknown][] = [
    ['positiveWhole 3', positiveWhole('3', '--n'), 3],
    ['positiveWhole 0', positiveWhole('0', '--n'), "--n must be a positive whole number (got '0')."],
    ['positiveWhole 1.5', positiveWhole('1.5', '--n'), "--n must be a positive whole number (got '1.5')."],
    ['positiveWhole missing', positiveWhole(undefined, '--n'), "--n must be a positive whole number (got 'undefined')."],
    ['whole -2', whole('-2', '--seed'), -2],
    ['whole empty', whole('', '--seed'), "--seed must be a whole number (got '')."],
    ['oneOf messaging', oneOf('messaging', '--transport', TRANSPORTS), 'messaging'],
    ['oneOf sms', oneOf('sms', '--transport', TRANSPORTS), "--transport must be chat or messaging (got 'sms')."],
  ];
  for (const [name, got, want] of cases) {
    it(name, () => assert.deepEqual(got instanceof ArgProblem ? got.message : got, want));
  }
  it('comma lists and the first problem', () => {
    assert.deepEqual(commaList(['10,100', '500']), ['10', '100', '500']);
    assert.equal(firstProblem([1, 'x', new ArgProblem('first'), new ArgProblem('second')]), 'first');
    assert.equal(firstProblem([1, 'chat']), undefined);
  });
});

describe('Messaging soak: figures read off the conversations', () => {
  const consumer = (sequence: number, text: string): MessagingEventLike => ({ sequence, from: 'consumer', type: 'ContentEvent', text });
  const bot = (sequence: number, text: string): MessagingEventLike => ({ sequence, from: 'agent', type: 'ContentEvent', text });
  const receipt = (sequence: number): MessagingEventLike => ({ sequence, from: 'agent', type: 'AcceptStatusEvent' });

  it('consumer messages are visitor lines, the bot\'s text agent lines, receipts and private text no lines', () => {
    const t = messagingTranscript([consumer(0, 'v0-0'), receipt(1), bot(2, 'ack v0-0 #a'), { ...bot(3, 'note'), private: true }]);
    assert.deepEqual(t.map((e) => [e.id, e.type, e.source]), [[0, 'line', 'visitor'], [1, 'AcceptStatusEvent', 'agent'], [2, 'line', 'agent'], [3, 'ContentEvent', 'agent']]);
  });

  const cases: [string, MessagingEventLike[][], string[], Record<string, number>][] = [
    ['each line acked once, receipts between', [[consumer(0, 'v0-0'), receipt(1), bot(2, 'ack v0-0 #a'), consumer(3, 'v0-1'), bot(4, 'ack v0-1 #b'), receipt(5)]], ['a', 'b'],
      { visitorLinesSeen: 2, botLinesDelivered: 2, chatsUnanswered: 0, visitorLinesDuplicated: 0, botLinesDuplicated: 0 }],
    // What the first soak runs found: a middle line skipped while the last one is answered.
    ['a line skipped, the last answered: unseen, though no conversation is unanswered', [[consumer(0, 'v0-0'), bot(1, 'ack v0-0 #a'), consumer(2, 'v0-1'), consumer(3, 'v0-2'), bot(4, 'ack v0-2 #c')]], ['a', 'c'],
      { visitorLinesSeen: 2, chatsUnanswered: 0 }],
    ['the last line unanswered (a receipt does not answer it)', [[consumer(0, 'v0-0'), receipt(1)]], [],
      { visitorLinesSeen: 0, chatsUnanswered: 1 }],
    ['answered twice (two sends)', [[consumer(0, 'v0-0'), bot(1, 'ack v0-0 #a'), bot(2, 'ack v0-0 #b')]], ['a', 'b'], { visitorLinesDuplicated: 1 }],
    ['one send published twice', [[consumer(0, 'v0-0'), bot(1, 'ack v0-0 #a'), bot(2, 'ack v0-0 #a')]], ['a'], { botLinesDuplicated: 1, botLinesDelivered: 1 }],
    ['a send that never landed', [[consumer(0, 'v0-0'), bot(1, 'ack v0-0 #a')]], ['a', 'lost'], { botLinesDelivered: 1 }],
  ];
  for (const [name, conversations, nonces, want] of cases) {
    it(name, () => {
      const got = messagingTranscriptFigures(conversations, new Set(nonces), new Set());
      for (const [key, value] of Object.entries(want)) assert.equal(got[key as keyof typeof got], value, key);
    });
  }

  it('passes only with nothing lost, doubled, undeliverable, unanswered or unhandled (no excuse on Messaging)', () => {
    const clean = { visitorLinesSent: 5, visitorLinesSeen: 5, visitorLinesDuplicated: 0, botLinesSent: 5, botLinesDelivered: 5, botLinesDuplicated: 0, botLinesUndeliverable: 0, chatsUnanswered: 0, unhandledErrors: 0 } as MessagingSoakFigures;
    assert.equal(messagingSoakPassed(clean), true);
    for (const [key, value] of [['visitorLinesSeen', 4], ['visitorLinesDuplicated', 1], ['botLinesDelivered', 4], ['botLinesDuplicated', 1], ['botLinesUndeliverable', 1], ['chatsUnanswered', 1], ['unhandledErrors', 1]] as const) {
      assert.equal(messagingSoakPassed({ ...clean, [key]: value }), false, key);
    }
  });
});

describe('Messaging soak: its fault plan', () => {
  it('a delayed request stays under the request timeout; four kinds; five close codes, none fatal', () => {
    for (const t of [soakTiming('fast'), soakTiming('defaults', 20)]) {
      const kinds = messagingRequestFaults(t);
      assert.deepEqual(Object.keys(kinds), ['delayed', 'refused', 'closedBeforeApply', 'closedAfterApply']);
      assert.ok(kinds.delayed.delayMs! < t.adapter.requestTimeoutMs, t.name);
    }
    assert.deepEqual([...SOCKET_CLOSE_CODES], [1006, 1000, 1001, 1011, 4410]);
  });

  it('faults come due at the rate, the fraction carried', () => {
    let carry = 0;
    let total = 0;
    for (let i = 0; i < 100; i += 1) {
      const due = faultsDue(7, 0.05, carry);
      total += due.count;
      carry = due.carry;
    }
    assert.equal(total, 35);
    assert.deepEqual(faultsDue(-5, 0.5, 0.25), { count: 0, carry: 0.25 });
  });

  it('the RNG repeats with its seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 5 }, () => a());
    assert.deepEqual(xs, Array.from({ length: 5 }, () => b()));
    assert.ok(xs.every((x) => x >= 0 && x < 1));
  });
});

describe('bench on Messaging: figures', () => {
  const run = (over: Partial<RunResult>): RunResult => ({
    mode: 'messaging', chats: 10, bots: 1, requests: 600, requestsByOperation: {}, minutes: 1, linesSent: 4, repliesSent: 4, unanswered: 0, doubled: 0,
    latenciesMs: [4, 1, 3, 2], overheadsMs: [1, 1, 2, 2], cpuSeconds: 0.4, rssMb: 100, variantChats: {}, botChats: {}, ...over,
  });
  it('percentiles by nearest rank', () => {
    assert.equal(percentile([4, 1, 3, 2], 50), 2);
    assert.equal(percentile([4, 1, 3, 2], 99), 4);
    assert.ok(Number.isNaN(percentile([], 50)));
  });
  it('p50, p99, max, requests per conversation-minute; ok only when every line got one answer', () => {
    const f = messagingFigures(run({}));
    assert.deepEqual([f.latencyP50Ms, f.latencyP99Ms, f.latencyMaxMs, f.requestsPerChatMinute, f.cpuSecondsPer1000Messages], [2, 4, 4, 60, 100]);
    assert.equal(messagingRunOk(f), true);
    assert.equal(messagingRunOk(messagingFigures(run({ unanswered: 1 }))), false);
    assert.equal(messagingRunOk(messagingFigures(run({ doubled: 1 }))), false);
    assert.equal(messagingRunOk(messagingFigures(run({ repliesSent: 0, latenciesMs: [] }))), false, 'no line at all measures nothing');
  });
});
