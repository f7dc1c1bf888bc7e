import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseBenchArgs } from '../bench/args.js';
import { parseSoakArgs } from '../soak/args.js';
import { loginOutage, randomFaults } from '../soak/faultPlan.js';
import { soakPassed, transcriptFigures, type SoakFigures, type SoakTranscript, type TranscriptEvent } from '../soak/figures.js';
import { soakTiming } from '../soak/timing.js';
import { DEFAULT_SETTINGS } from '../src/core/settings.js';

const run = promisify(execFile);
const root = new URL('..', import.meta.url);

describe('soak and bench command lines', () => {
  const soakCases: [string[], string][] = [
    [[], 'run'],
    [['--help'], 'help'],
    [['-h'], 'help'],
    [['--json', '--timing', 'defaults', '--bots', '3', '--storage', 'azurite', '--seconds', '60', '--chats', '90'], 'run'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--bots', '0'], '--bots must be a positive whole number'],
    [['--bots', '1.5'], '--bots must be a positive whole number'],
    [['--storage', 'cosmos'], '--storage must be memory or azurite'],
    [['--timing', 'slow'], '--timing must be fast or defaults'],
    [['--fault-rate', '1'], '--fault-rate must be in [0, 1)'],
    [['--seconds', 'x'], '--seconds must be a positive whole number'],
    [['extra'], 'Unexpected argument'],
    [['--transport', 'messaging'], 'run'],
    [['--transport', 'chat', '--bots', '2'], 'run'],
    [['--transport', 'sms'], "--transport must be chat or messaging (got 'sms')"],
    [['--transport', ''], '--transport must be chat or messaging'],
    [['--seed=-3'], 'run'],
    [['--seed', '1.5'], '--seed must be a whole number'],
  ];
  for (const [argv, expected] of soakCases) {
    it(`soak ${argv.join(' ') || '(no options)'} -> ${expected}`, () => {
      const parsed = parseSoakArgs(argv);
      if (expected === 'run' || expected === 'help') assert.equal(parsed.kind, expected);
      else assert.ok(parsed.kind === 'error' && parsed.message.includes(expected), JSON.stringify(parsed));
    });
  }

  it('soak: the named options land in the options', () => {
    const parsed = parseSoakArgs(['--timing', 'defaults', '--bots', '3', '--storage', 'azurite', '--time-scale', '10']);
    assert.ok(parsed.kind === 'run');
    assert.deepEqual([parsed.options.timing, parsed.options.bots, parsed.options.storage, parsed.options.timeScale], ['defaults', 3, 'azurite', 10]);
    assert.equal(parsed.options.transport, 'chat', 'chat by default');
    const messaging = parseSoakArgs(['--transport', 'messaging', '--seed=-3']);
    assert.ok(messaging.kind === 'run');
    assert.deepEqual([messaging.options.transport, messaging.options.seed], ['messaging', -3]);
  });

  const benchCases: [string[], string][] = [
    [[], 'run'],
    [['--help'], 'help'],
    [['--chats', '500', '--bots', '4'], 'run'],
    [['--chats', '10,100', '--chats', '500'], 'run'],
    [['--nope'], "Unknown option '--nope'"],
    [['--chats', '2', '--bots', '4'], '--chats 2 is fewer than --bots 4'],
    [['--poll-ms=-1'], '--poll-ms must be a positive whole number'],
    [['--poll-ms', '0'], '--poll-ms must be a positive whole number'],
    [['--chats', '10,x'], "--chats must be a positive whole number (got 'x')"],
    [['--transport', 'messaging'], 'run'],
    [['--transport', 'chat,messaging'], 'run'],
    [['--transport', 'chat', '--transport', 'messaging'], 'run'],
    [['--transport', 'chat,pigeon'], "--transport must be chat or messaging (got 'pigeon')"],
  ];
  for (const [argv, expected] of benchCases) {
    it(`bench ${argv.join(' ') || '(no options)'} -> ${expected}`, () => {
      const parsed = parseBenchArgs(argv);
      if (expected === 'run' || expected === 'help') assert.equal(parsed.kind, expected);
      else assert.ok(parsed.kind === 'error' && parsed.message.includes(expected), JSON.stringify(parsed));
    });
  }

  it('bench: sizes from repeated and comma lists', () => {
    const parsed = parseBenchArgs(['--chats', '10,100', '--chats', '500']);
    assert.ok(parsed.kind === 'run');
    assert.deepEqual(parsed.options.sizes, [10, 100, 500]);
  });

  it('bench: transports in order, once each, chat by default', () => {
    const both = parseBenchArgs(['--transport', 'messaging,chat', '--transport', 'messaging']);
    assert.ok(both.kind === 'run');
    assert.deepEqual(both.options.transports, ['messaging', 'chat']);
    const plain = parseBenchArgs([]);
    assert.ok(plain.kind === 'run');
    assert.deepEqual(plain.options.transports, ['chat']);
  });

  for (const [script, word] of [['soak/soak.ts', 'soak'], ['bench/bench.ts', 'bench']] as const) {
    it(`${word} --help prints the usage and exits 0; an unknown flag prints it and exits 2`, async function () {
      // Two processes that compile TypeScript on start: seconds each on a busy machine.
      this.timeout(90_000);
      const args = ['--import', 'tsx', '--no-deprecation', script];
      const help = await run(process.execPath, [...args, '--help'], { cwd: root });
      assert.match(help.stdout, new RegExp(`Usage: npm run ${word}`));
      const bad = await run(process.execPath, [...args, '--frobnicate'], { cwd: root }).then(() => undefined, (error: { code: number; stderr: string }) => error);
      assert.equal(bad?.code, 2);
      assert.match(bad?.stderr ?? '', /Unknown option '--frobnicate'[\s\S]*Usage:/);
    });
  }
});

describe('soak timing: the shipped defaults, divided by one factor', () => {
  it('every adapter delay is the default over the scale, so proportions hold', () => {
    const t = soakTiming('defaults', 20);
    assert.deepEqual(t.adapter.retryDelaysMs, DEFAULT_SETTINGS.retryDelaysMs.map((d) => d / 20));
    assert.deepEqual(t.adapter.reloginDelaysMs, DEFAULT_SETTINGS.reloginDelaysMs.map((d) => d / 20));
    assert.equal(t.adapter.refreshIntervalMs, DEFAULT_SETTINGS.refreshIntervalMs / 20);
    assert.equal(t.adapter.requestTimeoutMs, DEFAULT_SETTINGS.requestTimeoutMs / 20);
    assert.equal(t.adapter.pollIntervalMs, 100);
    // LiveEngage's documented 40 s chat timeout and 20 s accept timeout scale with them.
    assert.deepEqual([t.simulator.chatTimeoutSeconds, t.simulator.acceptTimeoutSeconds], [2, 1]);
    // A re-login wait against the chat timeout: 120 s against 40 s, as in production.
    assert.equal(t.adapter.reloginDelaysMs[0]! / (t.simulator.chatTimeoutSeconds * 1000), 3);
  });

  // A default left at its production value dwarfs the scaled chat timeout: an unscaled 5 s login 429
  // wait cost a bot all its chats (2 s timeout) in 1 soak run of 7.
  it('every time-valued shipped default (a key ending in Ms) is in the timing, over the scale', () => {
    const t = soakTiming('defaults', 20);
    const timed = Object.entries(DEFAULT_SETTINGS).filter(([key]) => key.endsWith('Ms'));
    assert.ok(timed.length >= 8, timed.map(([key]) => key).join());
    for (const [key, value] of timed) {
      const scaled = (t.adapter as unknown as Record<string, unknown>)[key];
      const want = Array.isArray(value) ? value.map((d: number) => Math.max(1, Math.round(d / 20))) : Math.max(1, Math.round((value as number) / 20));
      assert.deepEqual(scaled, want, key);
    }
  });

  it('the login outage outlasts all of a send\'s retries; the timeout fault outlasts the request timeout; a dead session is re-queued before chats time out', () => {
    for (const t of [soakTiming('defaults', 20), soakTiming('defaults', 50), soakTiming('fast')]) {
      assert.ok(t.loginOutageMs > t.adapter.retryDelaysMs.reduce((a, b) => a + b, 0), t.name);
      assert.ok(t.timeoutFaultDelayMs > t.adapter.requestTimeoutMs, t.name);
      assert.ok(t.simulator.agentSessionIdleSeconds < t.simulator.chatTimeoutSeconds, t.name);
    }
  });

  it('faults: seven kinds in equal shares of the rate, the ambiguous ones included; none at rate 0', () => {
    const t = soakTiming('defaults');
    const faults = randomFaults(0.07, t);
    assert.equal(faults.length, 7);
    for (const f of faults) assert.ok(Math.abs(f.probability! - 0.01) < 1e-12);
    assert.ok(faults.some((f) => f.apply === true && f.status === 503));
    assert.ok(faults.some((f) => f.drop === 'before-apply'));
    assert.ok(faults.some((f) => f.drop === 'after-apply'));
    assert.ok(faults.some((f) => f.delayMs === t.timeoutFaultDelayMs));
    assert.deepEqual(randomFaults(0, t), []);
    assert.deepEqual(loginOutage(t), { match: { operation: 'login' }, status: 503, forMs: t.loginOutageMs });
  });
});

describe('soak figures: read off transcripts', () => {
  const line = (id: number, source: string, text: string): TranscriptEvent => ({ id, type: 'line', source, text });
  const cases: [string, (TranscriptEvent[] | SoakTranscript)[], string[], Partial<ReturnType<typeof transcriptFigures>>][] = [
    ['each line acked once', [[line(1, 'visitor', 'v0-0'), line(2, 'agent', 'ack v0-0 #a'), line(3, 'visitor', 'v0-1'), line(4, 'agent', 'ack v0-1 #b')]], ['a', 'b'],
      { visitorLinesSeen: 2, visitorLinesDuplicated: 0, botLinesDelivered: 2, botLinesDuplicated: 0, chatsUnanswered: 0, chatsTimedOut: 0 }],
    ['a line answered twice (two sends)', [[line(1, 'visitor', 'v0-0'), line(2, 'agent', 'ack v0-0 #a'), line(3, 'agent', 'ack v0-0 #b')]], ['a', 'b'],
      { visitorLinesSeen: 1, visitorLinesDuplicated: 1, botLinesDuplicated: 0 }],
    ['one send landed twice', [[line(1, 'visitor', 'v0-0'), line(2, 'agent', 'ack v0-0 #a'), line(3, 'agent', 'ack v0-0 #a')]], ['a'],
      { visitorLinesDuplicated: 0, botLinesDuplicated: 1, botLinesDelivered: 1 }],
    ['a send that never landed', [[line(1, 'visitor', 'v0-0'), line(2, 'agent', 'ack v0-0 #a')]], ['a', 'lost'],
      { botLinesDelivered: 1 }],
    ['the last visitor line unanswered', [[line(1, 'visitor', 'v0-0'), line(2, 'agent', 'ack v0-0 #a'), line(3, 'visitor', 'v0-1')]], ['a'],
      { chatsUnanswered: 1, visitorLinesSeen: 1 }],
    ['timed out by LiveEngage (system line 6)', [[line(1, 'visitor', 'v0-0'), { id: 2, type: 'line', source: 'system', text: 'The chat was disconnected unexpectedly.', systemMessageId: 6 }]], [],
      { chatsTimedOut: 1, chatsUnanswered: 1 }],
    ['timed out while its bot could not log in: counted apart, its unanswered lines too', [{ events: [line(1, 'visitor', 'v0-0'), line(2, 'agent', 'ack v0-0 #a'), line(3, 'visitor', 'v0-1'), line(4, 'visitor', 'v0-2'), { id: 5, type: 'line', source: 'system', text: 'The chat was disconnected unexpectedly.', systemMessageId: 6 }], endedInOutage: true }], ['a'],
      { chatsTimedOut: 0, chatsEndedInOutage: 1, chatsUnanswered: 0, visitorLinesSeen: 1, visitorLinesUnansweredInEndedChats: 2 }],
  ];
  it('a completed send that never landed but was reported undeliverable is told from one lost', () => {
    const transcripts = [[line(1, 'visitor', 'v0-0'), line(2, 'agent', 'ack v0-0 #a')]];
    assert.equal(transcriptFigures(transcripts, new Set(['a', 'b', 'c']), new Set(['b'])).botLinesSentThenUndeliverable, 1);
  });

  for (const [name, transcripts, nonces, expected] of cases) {
    it(name, () => {
      const got = transcriptFigures(transcripts, new Set(nonces));
      for (const [key, value] of Object.entries(expected)) assert.equal(got[key as keyof typeof got], value, key);
    });
  }

  it('passes only with nothing lost, doubled, undeliverable, unanswered, timed out or unhandled', () => {
    const clean = { visitorLinesSent: 5, visitorLinesSeen: 5, visitorLinesDuplicated: 0, botLinesSent: 5, botLinesDelivered: 5, botLinesDuplicated: 0, botLinesUndeliverable: 0, chatsUnanswered: 0, chatsTimedOut: 0, chatsEndedInOutage: 0, visitorLinesUnansweredInEndedChats: 0, botLinesSentThenUndeliverable: 0, unhandledErrors: 0 } as SoakFigures;
    assert.equal(soakPassed(clean), true);
    // A chat the outage cost excuses its unanswered lines and the lines reported undeliverable, nothing else.
    const outage = { ...clean, visitorLinesSeen: 3, visitorLinesUnansweredInEndedChats: 2, chatsEndedInOutage: 1, botLinesUndeliverable: 1, botLinesDelivered: 4, botLinesSentThenUndeliverable: 1 };
    assert.equal(soakPassed(outage), true);
    assert.equal(soakPassed({ ...outage, visitorLinesSeen: 2 }), false, 'a line lost beside the outage');
    for (const [key, value] of [['visitorLinesSeen', 4], ['visitorLinesDuplicated', 1], ['botLinesDelivered', 4], ['botLinesDuplicated', 1], ['botLinesUndeliverable', 1], ['chatsUnanswered', 1], ['chatsTimedOut', 1], ['unhandledErrors', 1]] as const) {
      assert.equal(soakPassed({ ...clean, [key]: value }), false, key);
    }
  });
});

describe('soak (short): faults, revoked bearers, a login outage and a killed bot process', function () {
  this.timeout(120_000);
  it('answers every visitor line exactly once and delivers every bot line exactly once', async () => {
    // A failed soak exits 1: its figures (stdout) say what went wrong.
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--no-deprecation', 'soak/soak.ts', '--json', '--seconds', '15', '--chats', '30'], { cwd: root })
      .catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }));
    const figures = JSON.parse(stdout.trim().split('\n').at(-1)!) as SoakFigures;
    const said = JSON.stringify(figures);
    assert.ok(figures.visitorLinesSent > 50, `only ${figures.visitorLinesSent} lines`);
    assert.ok(figures.faultsInjected > 0 && figures.bearersRevoked > 0 && figures.botRestarts === 1 && figures.botsKilled === 1 && figures.loginOutages === 1, said);
    assert.equal(figures.visitorLinesSeen, figures.visitorLinesSent, said);
    assert.equal(figures.visitorLinesDuplicated, 0, said);
    assert.equal(figures.botLinesDelivered, figures.botLinesSent, said);
    assert.equal(figures.botLinesDuplicated, 0, said);
    assert.equal(figures.botLinesUndeliverable, 0, said);
    assert.equal(figures.chatsUnanswered, 0, said);
    assert.equal(figures.chatsTimedOut, 0, said);
    assert.equal(figures.unhandledErrors, 0, said);
  });
});
