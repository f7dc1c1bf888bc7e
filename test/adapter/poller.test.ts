import assert from 'node:assert/strict';
import type { ChatResource } from '../../src/api/types.js';
import { Poller, type PollTarget } from '../../src/core/poller.js';
import { memoryLogger } from '../support/harness.js';

/** A poll target that records what the poller asks, and when. */
function fakeTarget(chats: number, overrides: Partial<PollTarget> = {}) {
  const reads: { at: number; keys: string[] }[] = [];
  const t0 = performance.now();
  const target: PollTarget = {
    capacity: () => 0,
    cursors: () => Array.from({ length: chats }, (_, i) => ({ chatSessionKey: `c${i}`, fromEventId: 0 })),
    acceptNextChat: async () => 'x',
    ringingCount: async () => 0,
    readChat: async () => ({}) as ChatResource,
    readChats: async (cursors) => {
      reads.push({ at: performance.now() - t0, keys: cursors.map((c) => c.chatSessionKey) });
      return [];
    },
    ensureAvailability: async () => {},
    reconcile: async () => {},
    onAccepted: () => {},
    onRead: () => {},
    ...overrides,
  };
  return { target, reads };
}

describe('Poller', () => {
  it('reads every open chat once per cycle, in chunks spread over the interval', async () => {
    const { target, reads } = fakeTarget(5);
    const poller = new Poller(target, { intervalMs: 300, availabilityCheckMs: 60_000, chatsPerRead: 2 }, memoryLogger());
    await poller.pollOnce();
    assert.deepEqual(reads.map((r) => r.keys), [['c0', 'c1'], ['c2', 'c3'], ['c4']]);
    reads.forEach((read, i) => assert.ok(read.at >= i * 100 - 1, `chunk ${i} read at ${read.at} ms, before ${i * 100} ms`));
  });

  it('goes on after a chunk fails, and hands on the others', async () => {
    const handed: string[][] = [];
    const { target } = fakeTarget(4, {
      readChats: async (cursors) => {
        if (cursors[0]?.chatSessionKey === 'c0') throw new Error('HTTP 500');
        return [];
      },
      onRead: (_chats, asked) => handed.push(asked),
    });
    const log = memoryLogger();
    await new Poller(target, { intervalMs: 20, availabilityCheckMs: 60_000, chatsPerRead: 2 }, log).pollOnce();
    assert.deepEqual(handed, [['c2', 'c3']]);
    assert.ok(log.lines.some((l) => l.startsWith('warn reading 2 chat(s) failed: HTTP 500')));
  });

  it('stop() cuts a cycle short and no cycle runs after it', async () => {
    const { target, reads } = fakeTarget(6);
    const poller = new Poller(target, { intervalMs: 600, availabilityCheckMs: 60_000, chatsPerRead: 2 }, memoryLogger());
    poller.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = performance.now();
    await poller.stop();
    assert.ok(performance.now() - stopped < 150, 'did not wait for the later chunks');
    const count = reads.length;
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.equal(reads.length, count);
  });

  // LiveEngage ends a chat 40 s after the agent last read it: a hung accept must not starve the reads.
  it('keeps reading the open chats while an accept hangs', async () => {
    let release!: () => void;
    const hung = new Promise<string>((resolve) => { release = () => resolve('x'); });
    const { target, reads } = fakeTarget(1, { capacity: () => 1, ringingCount: async () => 1, acceptNextChat: () => hung });
    const poller = new Poller(target, { intervalMs: 20, availabilityCheckMs: 60_000, chatsPerRead: 2 }, memoryLogger());
    poller.start();
    const deadline = Date.now() + 5000;
    while (reads.length < 5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await poller.stop();
    assert.ok(reads.length >= 5, `only ${reads.length} read cycle(s) while the accept hung`);
  });

  // LiveEngage sets an agent Away when a chat rings past 20 s: a burst is accepted a few at a time, and
  // the availability is checked right after it (an Away agent is rung no more).
  it('accepts a burst a few at a time, then checks the availability at once', async () => {
    let inFlight = 0;
    let most = 0;
    let left = 8;
    let checks = 0;
    const accepted: string[] = [];
    const { target } = fakeTarget(0, {
      capacity: () => 100,
      ringingCount: async () => left,
      acceptNextChat: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight -= 1;
        left -= 1;
        return `chat${left}`;
      },
      onAccepted: (url) => { accepted.push(url); },
      ensureAvailability: async () => { checks += 1; },
    });
    await new Poller(target, { intervalMs: 1000, availabilityCheckMs: 60_000, chatsPerRead: 2 }, memoryLogger()).pollOnce();
    assert.equal(accepted.length, 8);
    assert.ok(most > 1, `at most ${most} accept(s) in flight`);
    assert.ok(most <= 4, `${most} accepts in flight`);
    assert.equal(checks, 1, 'one availability check after the burst');
  });
});
